/** A red dot that follows the mouse, so the back row sees what the teacher points at. */
import { useEffect, useState } from 'react';

export function LaserPointer() {
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const move = (e: PointerEvent) => setAt({ x: e.clientX, y: e.clientY });
    window.addEventListener('pointermove', move);
    return () => window.removeEventListener('pointermove', move);
  }, []);
  if (!at) return null;
  return (
    <div
      className="present-laser"
      aria-hidden="true"
      style={{ transform: `translate(${at.x}px, ${at.y}px)` }}
    />
  );
}
