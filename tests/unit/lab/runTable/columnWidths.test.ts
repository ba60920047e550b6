import { describe, expect, it } from 'vitest';
import { columnWidths, stepCh } from '../../../../src/page/lab/runTable/columnWidths';

describe('columnWidths', () => {
  it('makes the step column as wide as "total / total" and the bar', () => {
    // "300 / 300": 3 + 3 digits and " / " (2.5ch).
    expect(stepCh(300)).toBe(8.5);
    expect(stepCh(5000)).toBe(10.5);
    expect(columnWidths(0, 5000).step).toBe('calc(10.5ch + 50px + 12px)');
  });

  it('fits five action icons side by side', () => {
    // 5 x 26 px buttons and 4 x 3 px gaps, plus the cell's padding.
    expect(columnWidths(0, 10).actions).toBe('calc(142px + 12px)');
  });

  it('counts each setting column once in the table’s least width', () => {
    const none = columnWidths(0, 300);
    const three = columnWidths(3, 300);
    const count = (css: string) => css.split(three.setting).length - 1;
    expect(count(none.tableMin)).toBe(0);
    expect(count(three.tableMin)).toBe(3);
    // Every other column is in it too, and the name's least width.
    for (const width of [three.show, three.status, three.step, three.actions])
      expect(three.tableMin).toContain(width);
    expect(three.tableMin).toContain('calc(20ch + 12px)');
  });
});
