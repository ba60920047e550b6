/** Presentation mode's keyboard: every action, its keys, and how the ? overlay names it. */

export type PresentAction =
  | 'next'
  | 'previous'
  | 'nextChart'
  | 'previousChart'
  | 'train'
  | 'pause'
  | 'step'
  | 'reset'
  | 'slower'
  | 'faster'
  | 'fullscreen'
  | 'laser'
  | 'help'
  | 'exit';

export interface PresentKey {
  action: PresentAction;
  /** KeyboardEvent.key values that trigger it. */
  keys: string[];
  /** The keys as the overlay shows them. */
  shown: string;
  label: string;
}

export const PRESENT_KEYS: PresentKey[] = [
  {
    action: 'next',
    keys: ['ArrowRight', 'PageDown'],
    shown: '→ / Page Down',
    label: 'Next section',
  },
  {
    action: 'previous',
    keys: ['ArrowLeft', 'PageUp'],
    shown: '← / Page Up',
    label: 'Previous section',
  },
  { action: 'nextChart', keys: ['ArrowDown'], shown: '↓', label: 'Next chart row' },
  { action: 'previousChart', keys: ['ArrowUp'], shown: '↑', label: 'Previous chart row' },
  { action: 'train', keys: ['t', 'T'], shown: 'T', label: 'Train this section’s experiment' },
  { action: 'pause', keys: [' '], shown: 'Space', label: 'Pause or resume its runs' },
  { action: 'step', keys: ['s', 'S'], shown: 'S', label: 'One training step (pauses first)' },
  { action: 'reset', keys: ['r', 'R'], shown: 'R', label: 'Reset: remove its runs' },
  { action: 'slower', keys: ['-'], shown: '−', label: 'Slower (slow motion)' },
  { action: 'faster', keys: ['+', '='], shown: '+', label: 'Faster' },
  { action: 'fullscreen', keys: ['f', 'F'], shown: 'F', label: 'Full screen on or off' },
  { action: 'laser', keys: ['l', 'L'], shown: 'L', label: 'Laser pointer on or off' },
  { action: 'help', keys: ['?'], shown: '?', label: 'Show or hide these keys' },
  { action: 'exit', keys: ['Escape'], shown: 'Esc', label: 'Leave presentation mode' },
];

/** The action of a key press, or null. */
export function actionOf(key: string): PresentAction | null {
  return PRESENT_KEYS.find((k) => k.keys.includes(key))?.action ?? null;
}

/** The keys of an action for aria-keyshortcuts ("ArrowRight PageDown"; Space as "Space"). */
export function shortcutsOf(action: PresentAction): string {
  const keys = PRESENT_KEYS.find((k) => k.action === action)?.keys ?? [];
  return keys.map((k) => (k === ' ' ? 'Space' : k)).join(' ');
}

/** Training speeds, ms per step: full speed, then slow motion down to one step a second. */
export const PACES_MS = [0, 100, 250, 500, 1000] as const;

/**
 * A pace as people say it. The pace spaces every step of the page's worker, whichever run takes
 * it, so with four runs interleaved each run gets a quarter: "in all" says so.
 */
export function describePace(ms: number): string {
  if (ms === 0) return 'full speed';
  const perSecond = +(1000 / ms).toFixed(1);
  return `${perSecond} step${perSecond === 1 ? '' : 's'}/s in all`;
}

/** The next pace slower (+1) or faster (-1) than `ms`, within PACES_MS. */
export function nextPace(ms: number, direction: 1 | -1): number {
  const i = PACES_MS.findIndex((p) => p >= ms);
  const at = i < 0 ? PACES_MS.length - 1 : i;
  return PACES_MS[Math.min(PACES_MS.length - 1, Math.max(0, at + direction))] ?? 0;
}
