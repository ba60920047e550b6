// @vitest-environment jsdom
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AxisTick } from '../../../src/page/charts/AxisTick';

describe('AxisTick', () => {
  it('writes the value through the axis formatter, on a baseline set by its vertical anchor', () => {
    const html = renderToStaticMarkup(
      <svg>
        <AxisTick
          x={40}
          y={200}
          textAnchor="middle"
          verticalAnchor="start"
          fill="gray"
          className="recharts-cartesian-axis-tick-value"
          index={2}
          payload={{ value: 0.25 }}
          tickFormatter={(v, i) => `${v * 100}% #${i}`}
        />
      </svg>,
    );
    expect(html).toBe(
      '<svg><text x="40" y="200" dy="0.71em" text-anchor="middle" fill="gray" stroke="none" class="recharts-cartesian-axis-tick-value">25% #2</text></svg>',
    );
  });

  it('centres a y label on its tick, and writes a value with no formatter as it is', () => {
    const html = renderToStaticMarkup(
      <svg>
        <AxisTick x={0} y={10} verticalAnchor="middle" payload={{ value: 1e-3 }} />
        <AxisTick x={0} y={10} payload={{ value: 'mid' }} />
      </svg>,
    );
    expect(html).toContain('dy="0.355em"');
    expect(html).toContain('>0.001</text>');
    // No anchor given: the label's baseline on the tick.
    expect(html).toContain('dy="0" stroke="none">mid</text>');
  });
});
