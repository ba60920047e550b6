/** Links of the article's prose: every one opens in a new tab and sends no referrer. */
import type { ReactNode } from 'react';

export interface ExternalLinkProps {
  /** An absolute https address. */
  href: string;
  children: ReactNode;
}

export function ExternalLink({ href, children }: ExternalLinkProps) {
  return (
    <a href={href} rel="noreferrer" target="_blank">
      {children}
    </a>
  );
}

/** The abstract page of an arXiv paper, e.g. "1805.11604". */
export const arxiv = (id: string) => `https://arxiv.org/abs/${id}`;

/** arXiv identifiers of the works the article cites. */
export const ARXIV = {
  santurkar: '1805.11604',
  ioffe: '1502.03167',
  bjorck: '1806.02375',
  kohler: '1805.10694',
  layerNorm: '1607.06450',
  weightNorm: '1602.07868',
  lossSurfaces: '1612.04010',
} as const;
