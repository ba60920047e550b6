// @vitest-environment jsdom
import type { ComponentType } from 'react';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as prose from '../../../src/page/article/prose';

type ProseName = keyof typeof prose;

/** Every component the article embeds, with whether it shows formulas and whether it is a takeaway. */
const EXPECTED: Record<ProseName, { formulas: boolean; takeaway: boolean }> = {
  ArticleIntro: { formulas: false, takeaway: false },
  MechanicsText: { formulas: true, takeaway: false },
  MechanicsCaption: { formulas: true, takeaway: false },
  DoesItWorkText: { formulas: true, takeaway: false },
  DoesItWorkTakeaway: { formulas: false, takeaway: true },
  StepSizeText: { formulas: false, takeaway: false },
  StepSizeTakeaway: { formulas: false, takeaway: true },
  IcsText: { formulas: false, takeaway: false },
  NoisyBnText: { formulas: true, takeaway: false },
  IcsMeasureText: { formulas: true, takeaway: false },
  IcsTakeaway: { formulas: false, takeaway: true },
  SurfaceText: { formulas: true, takeaway: false },
  SurfaceTakeaway: { formulas: true, takeaway: true },
  LpNormText: { formulas: true, takeaway: false },
  DeepLinearText: { formulas: true, takeaway: false },
  BeyondTakeaway: { formulas: true, takeaway: true },
  References: { formulas: false, takeaway: false },
};

const NAMES = Object.keys(EXPECTED) as ProseName[];

/** The component's server-rendered HTML, parsed back into a DOM fragment. */
function render(name: ProseName): { html: string; root: HTMLElement } {
  const component: ComponentType = prose[name];
  const html = renderToString(createElement(component));
  const root = document.createElement('div');
  root.innerHTML = html;
  return { html, root };
}

/** Text outside the formulas (KaTeX's MathML copy would otherwise count twice). */
function proseText(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.katex').forEach((k) => k.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('article prose', () => {
  it('exports exactly the expected components', () => {
    expect(Object.keys(prose).sort()).toEqual([...NAMES].sort());
  });

  describe.each(NAMES)('%s', (name) => {
    const { html, root } = render(name);
    const { formulas, takeaway } = EXPECTED[name];

    it('renders non-empty prose', () => {
      expect(proseText(root).length).toBeGreaterThan(40);
    });

    it('has no KaTeX error', () => {
      expect(html).not.toContain('katex-error');
    });

    it(formulas ? 'typesets its formulas' : 'has no formulas', () => {
      if (formulas) expect(html).toContain('class="katex"');
      else expect(html).not.toContain('class="katex"');
    });

    it('links only to https addresses, in a new tab without a referrer', () => {
      for (const a of root.querySelectorAll('a')) {
        expect(a.getAttribute('href')).toMatch(/^https:\/\/[^\s]+$/);
        expect(a.getAttribute('rel')).toBe('noreferrer');
        expect(a.getAttribute('target')).toBe('_blank');
      }
    });

    it(takeaway ? 'is wrapped in aside.takeaway' : 'is not a takeaway', () => {
      const asides = root.querySelectorAll(':scope > aside.takeaway');
      expect(asides.length).toBe(takeaway ? 1 : 0);
      if (takeaway) expect(root.children.length).toBe(1);
    });

    it('uses no class names outside formulas and takeaways', () => {
      const copy = root.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.tex').forEach((t) => t.remove());
      const classed = [...copy.querySelectorAll('[class]')].map((e) => e.className);
      expect(classed.filter((c) => c !== 'takeaway')).toEqual([]);
    });
  });

  it('cites the paper and the original BN paper first', () => {
    const { root } = render('References');
    const hrefs = [...root.querySelectorAll('ol > li a')].map((a) => a.getAttribute('href'));
    expect(hrefs.slice(0, 2)).toEqual([
      'https://arxiv.org/abs/1805.11604',
      'https://arxiv.org/abs/1502.03167',
    ]);
    expect(new Set(hrefs).size).toBe(hrefs.length);
  });
});
