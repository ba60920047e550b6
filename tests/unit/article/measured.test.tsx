// @vitest-environment jsdom
/**
 * The article's "What we measured" boxes render numbers computed from the shipped reference files
 * (none typed into prose): with the real files, every box shows finite values and the figures the
 * findings module computes.
 */
import { join } from 'node:path';
import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BeyondMeasured } from '../../../src/page/article/prose/beyond';
import {
  DoesItWorkMeasured,
  DoesItWorkOnFashion,
} from '../../../src/page/article/prose/doesItWork';
import { IcsMeasured } from '../../../src/page/article/prose/ics';
import { SurfaceMeasured } from '../../../src/page/article/prose/surface';
import {
  finalAccuracy,
  meanOf,
  outcomesOf,
  pct,
  showSeeds,
  type References,
} from '../../../src/experiments/findings';
import { REFERENCE_FOLDER } from '../../../src/shared/reference';
import { loadReferences } from '../../../scripts/loadReferences';

const refs: References = loadReferences(join('public', REFERENCE_FOLDER));

/** The text a reader sees. */
function text(element: ReactElement): string {
  const host = document.createElement('div');
  host.innerHTML = renderToString(element);
  return host.textContent ?? '';
}

describe('What we measured', () => {
  it.each([
    ['Does BN work?', <DoesItWorkMeasured refs={refs} />],
    ['Is it ICS?', <IcsMeasured refs={refs} />],
    ['The error surface', <SurfaceMeasured refs={refs} />],
    ['Beyond BN', <BeyondMeasured refs={refs} />],
  ])('%s: only finite numbers', (_, element) => {
    const shown = text(element);
    expect(shown.length).toBeGreaterThan(200);
    expect(shown).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('quotes the Fashion-MNIST file’s own numbers in its paragraph', () => {
    const fashion = loadReferences(join('public', REFERENCE_FOLDER), 'fashion-mnist');
    const shown = text(<DoesItWorkOnFashion refs={fashion} />);
    expect(shown).not.toMatch(/NaN|undefined|Infinity/);
    for (const o of outcomesOf(fashion, 'does-bn-work', 'batchnorm-lr0.5')) {
      expect(shown).toContain(pct(finalAccuracy(o)));
    }
    for (const o of outcomesOf(fashion, 'does-bn-work', 'none-lr0.5')) {
      if (o.status === 'stalled') expect(shown).toContain(String(o.steps));
    }
    expect(shown).toContain('T-shirt/top, Trouser, Pullover, … Ankle boot');
  });

  it('quotes the final accuracies and stall steps of the shipped file', () => {
    const shown = text(<DoesItWorkMeasured refs={refs} />);
    for (const o of outcomesOf(refs, 'does-bn-work', 'batchnorm-lr0.5')) {
      expect(shown).toContain(pct(finalAccuracy(o)));
    }
    for (const o of outcomesOf(refs, 'does-bn-work', 'none-lr0.5')) {
      if (o.status === 'stalled') expect(shown).toContain(String(o.steps));
    }
  });

  it('quotes ICS at both learning rates', () => {
    const shown = text(<IcsMeasured refs={refs} />);
    for (const key of ['batchnorm', 'batchnorm-lr0.3']) {
      expect(shown).toContain(
        showSeeds(outcomesOf(refs, 'is-it-ics', key).map(meanOf('icsL2Layer2'))),
      );
    }
  });
});
