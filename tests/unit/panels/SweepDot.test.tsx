// @vitest-environment jsdom
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { countedDot } from '../../../src/page/panels/SweepDot';

/** The dot for a point of `runs` runs, `counted` of them with a value, as SVG markup. */
const dotMarkup = (counted: number, runs: number) =>
  renderToStaticMarkup(
    <svg>{countedDot({ cx: 10, cy: 20, payload: { counted, runs } }, '#123456')}</svg>,
  );

describe('countedDot', () => {
  it('says how many runs a mean counts when some had no value', () => {
    const svg = dotMarkup(1, 3);
    expect(svg).toContain('<circle cx="10" cy="20"');
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('.sweep-dot-count')?.textContent).toBe('1/3');
  });

  it('draws the dot alone when every run counts', () => {
    const svg = dotMarkup(3, 3);
    expect(svg).toContain('<circle');
    expect(svg).not.toContain('sweep-dot-count');
  });

  it('draws nothing where recharts has no pixel (a mean of no value)', () => {
    const svg = renderToStaticMarkup(
      <svg>{countedDot({ payload: { counted: 0, runs: 3 } }, '#000')}</svg>,
    );
    expect(svg).toBe('<svg><g></g></svg>');
  });
});
