/**
 * A run's colour swatch: a button that opens the run colours as a row of buttons (arrow keys move,
 * Home and End jump, Escape closes), each named after its palette colour.
 */
import { type KeyboardEvent, memo, useEffect, useId, useRef, useState } from 'react';
import { OKABE_ITO, TOL_MUTED } from '../../../experiments/palette';
import { RUN_COLORS } from '../../../experiments/runStyles';

/** Palette colour names by lower-case hex ("sky blue" for #56b4e9). */
const COLOR_NAMES = new Map<string, string>(
  Object.entries({ ...OKABE_ITO, ...TOL_MUTED }).map(([name, hex]) => [
    hex.toLowerCase(),
    name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`),
  ]),
);

/** A colour's name for labels, or its hex code when it is not one of the palette's. */
function colorName(color: string): string {
  return COLOR_NAMES.get(color.toLowerCase()) ?? color;
}

/** How far each arrow key moves focus along the palette. */
const PALETTE_MOVES: Record<string, number | undefined> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
};

/** A swatch button that opens the run colours as a row of buttons (arrow keys move, Escape closes). */
export const ColorPicker = memo(function ColorPicker({
  label,
  color,
  shown = color,
  dashed,
  onPick,
}: {
  /** Name of what is coloured, for the buttons' labels. */
  label: string;
  color: string;
  /** The colour its line is drawn in, when not `color` (a seed's shade of its group's colour). */
  shown?: string;
  dashed: boolean;
  onPick: (color: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const paletteId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const paletteRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const palette = paletteRef.current;
    (
      palette?.querySelector<HTMLButtonElement>('[aria-pressed="true"]') ??
      palette?.querySelector<HTMLButtonElement>('button')
    )?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    triggerRef.current?.focus();
  };

  const onPaletteKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(event.currentTarget.querySelectorAll('button'));
    const at = buttons.findIndex((b) => b === document.activeElement);
    const move = PALETTE_MOVES[event.key];
    const target =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? buttons.length - 1
          : move === undefined
            ? null
            : (at + move + buttons.length) % buttons.length;
    if (target === null) return;
    event.preventDefault();
    buttons[target]?.focus();
  };

  return (
    <div
      className="runlist-color"
      // Clicks inside keep focus where it is: some browsers do not focus a clicked button, and the
      // blur that would follow would close the palette before the click lands.
      onMouseDown={(event) => event.preventDefault()}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
      onKeyDown={(event) => {
        if (open && event.key === 'Escape') {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={triggerRef}
        type="button"
        className="runlist-swatch-button"
        aria-expanded={open}
        aria-controls={open ? paletteId : undefined}
        aria-label={`Colour of ${label}: ${colorName(color)}${dashed ? ', dashed' : ''}`}
        onClick={() => setOpen((o) => !o)}
      >
        <span
          className={`runlist-swatch${dashed ? ' runlist-swatch-dashed' : ''}`}
          style={{ borderColor: shown }}
          aria-hidden="true"
        />
      </button>
      {open && (
        <div
          ref={paletteRef}
          id={paletteId}
          role="group"
          aria-label={`Colours for ${label}`}
          className="runlist-palette"
          onKeyDown={onPaletteKey}
        >
          {RUN_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className="runlist-palette-swatch"
              style={{ backgroundColor: c }}
              aria-label={colorName(c)}
              aria-pressed={c.toLowerCase() === color.toLowerCase()}
              onClick={() => {
                onPick(c);
                close();
              }}
            />
          ))}
        </div>
      )}
    </div>
  );
});
