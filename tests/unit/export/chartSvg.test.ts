// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { buildChartSvg } from '../../../src/page/charts/export/chartSvg';

const THEME: Record<string, string> = {
  '--surface': '#1d2026',
  '--text': '#e8eaee',
  '--muted': '#a4aab5',
  '--grid': '#3a3f48',
};
const resolve = (name: string) => THEME[name] ?? '';

/** A small drawing shaped like recharts' output: theme colours as CSS variables. */
function drawing(): SVGSVGElement {
  const host = document.createElement('div');
  host.innerHTML = `
    <svg class="recharts-surface" width="400" height="200" viewBox="0 0 400 200"
         style="width: 100%; height: 100%;">
      <title></title><desc></desc>
      <defs><clipPath id="clip"><rect x="52" y="8" width="332" height="168"></rect></clipPath></defs>
      <g class="recharts-cartesian-grid"><line x1="52" y1="8" x2="384" y2="8" stroke="var(--grid)"></line></g>
      <g class="recharts-xAxis"><line stroke="var(--muted)" x1="52" y1="176" x2="384" y2="176"></line>
        <text x="52" y="190" fill="var(--muted)">0</text>
        <text x="200" y="196" style="fill: var(--muted, #888)">step</text></g>
      <g class="chart-line"><path class="recharts-line-curve" stroke="#0072b2" fill="none"
         clip-path="url(#clip)" d="M52,170L100,120L150,90L200,60L384,20"></path></g>
    </svg>`;
  document.body.append(host);
  return host.querySelector('svg') as SVGSVGElement;
}

const LEGEND = [
  { label: 'plain', color: '#0072b2' },
  { label: 'BN <b>&</b> "γ₀ = 0.1"', color: 'var(--muted)', dashed: true, opacity: 0.5 },
];

function build(chart = drawing()) {
  return buildChartSvg({ chart, title: 'Train loss & <accuracy>', legend: LEGEND, resolve });
}

describe('buildChartSvg', () => {
  it('writes every theme colour as its value', () => {
    const text = build();
    expect(text).not.toContain('var(');
    expect(text).toContain('stroke="#3a3f48"');
    expect(text).toContain('fill="#a4aab5"');
    expect(text).toContain('#1d2026');
  });

  it('parses as SVG with the title, the legend and the series paths, sized and namespaced', () => {
    const doc = new DOMParser().parseFromString(build(), 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('width')).toBe('400');
    expect(Number(root.getAttribute('height'))).toBeGreaterThan(200);
    expect(root.getAttribute('viewBox')).toBe(`0 0 400 ${root.getAttribute('height')}`);
    expect(root.querySelector(':scope > title')?.textContent).toBe('Train loss & <accuracy>');
    const texts = Array.from(root.querySelectorAll('text'), (t) => t.textContent);
    expect(texts).toContain('Train loss & <accuracy>');
    expect(texts).toContain('plain');
    expect(texts).toContain('BN <b>&</b> "γ₀ = 0.1"');
    const swatches = root.querySelectorAll(':scope > g line');
    expect(swatches).toHaveLength(2);
    expect(swatches[1]?.getAttribute('stroke')).toBe('#a4aab5');
    expect(swatches[1]?.getAttribute('stroke-dasharray')).toBeTruthy();
    const path = root.querySelector('path.recharts-line-curve');
    expect(path?.getAttribute('d')).toBe('M52,170L100,120L150,90L200,60L384,20');
  });

  it('places the drawing under the header at its own size, without the page CSS sizing', () => {
    const doc = new DOMParser().parseFromString(build(), 'image/svg+xml');
    const inner = doc.documentElement.querySelector(':scope > svg');
    expect(inner?.getAttribute('style')).toBeNull();
    expect(inner?.getAttribute('width')).toBe('400');
    expect(inner?.getAttribute('height')).toBe('200');
    expect(Number(inner?.getAttribute('y'))).toBeGreaterThan(14);
    expect(inner?.querySelector(':scope > title')).toBeNull();
    expect(inner?.querySelector('clipPath#clip')).not.toBeNull();
  });

  it('leaves the page drawing untouched', () => {
    const chart = drawing();
    const before = chart.outerHTML;
    build(chart);
    expect(chart.outerHTML).toBe(before);
  });
});
