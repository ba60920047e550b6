import { describe, expect, it } from 'vitest';
import {
  actionOf,
  describePace,
  nextPace,
  PACES_MS,
  PRESENT_KEYS,
  shortcutsOf,
} from '../../../src/page/present/presentKeys';

describe('presentation keys', () => {
  it('maps each key to one action, and no key to two', () => {
    const keys = PRESENT_KEYS.flatMap((k) => k.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(actionOf('ArrowRight')).toBe('next');
    expect(actionOf('PageUp')).toBe('previous');
    expect(actionOf(' ')).toBe('pause');
    expect(actionOf('S')).toBe('step');
    expect(actionOf('?')).toBe('help');
    expect(actionOf('x')).toBeNull();
    expect(shortcutsOf('pause')).toBe('Space');
    expect(shortcutsOf('next')).toBe('ArrowRight PageDown');
  });

  it('steps through the paces and stops at both ends', () => {
    expect(nextPace(0, 1)).toBe(PACES_MS[1]);
    expect(nextPace(1000, 1)).toBe(1000);
    expect(nextPace(0, -1)).toBe(0);
    expect(nextPace(500, -1)).toBe(250);
    // A pace between two steps moves to a neighbour.
    expect(nextPace(300, 1)).toBe(1000);
    expect(describePace(0)).toBe('full speed');
    expect(describePace(250)).toBe('4 steps/s in all');
    expect(describePace(1000)).toBe('1 step/s in all');
  });
});
