/** A TeX formula typeset by KaTeX (inline, or as a centred block), with MathML for screen readers. */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, useMemo } from 'react';

export interface TexProps {
  /** The formula, TeX source. */
  children: string;
  /** A centred display formula instead of inline math. */
  block?: boolean;
}

export const Tex = memo(function Tex({ children, block = false }: TexProps) {
  // KaTeX escapes the formula's text itself; the source is ours (never user input), and a TeX error
  // is shown in red in place of the formula instead of throwing.
  const html = useMemo(
    () =>
      katex.renderToString(children, {
        displayMode: block,
        throwOnError: false,
        output: 'htmlAndMathml',
      }),
    [children, block],
  );
  const Tag = block ? 'div' : 'span';
  return (
    <Tag className={block ? 'tex tex-block' : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />
  );
});
