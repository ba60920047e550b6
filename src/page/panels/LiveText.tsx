/**
 * Text that changes at every streamed step, in a box of fixed size that contains its own layout: a
 * new value re-lays out this box only, never what is around it (with 48 runs, a run table re-laid
 * out per batch took 20-30 ms of a frame). The box is a block: place it where a block may go.
 */
import type { ReactNode } from 'react';
import './liveText.css';

export function LiveText({
  width,
  testId,
  children,
}: {
  /** Width of the box, a CSS length (in ch: a digit's width in tabular figures). */
  width: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="live-text" style={{ width }} data-testid={testId}>
      {children}
    </div>
  );
}
