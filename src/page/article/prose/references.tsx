/** The works the article cites, in order of importance to it: the paper first. */
import type { ReactNode } from 'react';
import { ARXIV, arxiv, ExternalLink } from './links';

interface Reference {
  authors: string;
  title: string;
  /** Where and when it appeared. */
  venue: string;
  href: string;
  /** What the link is, as the reader sees it. */
  linkText: string;
}

const arxivRef = (id: string) => ({ href: arxiv(id), linkText: `arXiv:${id}` });

const REFERENCES: Reference[] = [
  {
    authors: 'Shibani Santurkar, Dimitris Tsipras, Andrew Ilyas, Aleksander Mądry',
    title: 'How Does Batch Normalization Help Optimization?',
    venue: 'NeurIPS 2018',
    ...arxivRef(ARXIV.santurkar),
  },
  {
    authors: 'Sergey Ioffe, Christian Szegedy',
    title:
      'Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift',
    venue: 'ICML 2015',
    ...arxivRef(ARXIV.ioffe),
  },
  {
    authors: 'Johan Bjorck, Carla Gomes, Bart Selman, Kilian Q. Weinberger',
    title: 'Understanding Batch Normalization',
    venue: 'NeurIPS 2018',
    ...arxivRef(ARXIV.bjorck),
  },
  {
    authors: 'Daniel Jiwoong Im, Michael Tao, Kristin Branson',
    title: 'An Empirical Analysis of Deep Network Loss Surfaces',
    venue: 'arXiv preprint, 2016',
    ...arxivRef(ARXIV.lossSurfaces),
  },
  {
    authors: 'Jimmy Lei Ba, Jamie Ryan Kiros, Geoffrey E. Hinton',
    title: 'Layer Normalization',
    venue: 'arXiv preprint, 2016',
    ...arxivRef(ARXIV.layerNorm),
  },
  {
    authors: 'Tim Salimans, Diederik P. Kingma',
    title:
      'Weight Normalization: A Simple Reparameterization to Accelerate Training of Deep Neural Networks',
    venue: 'NeurIPS 2016',
    ...arxivRef(ARXIV.weightNorm),
  },
  {
    authors:
      'Jonas Kohler, Hadi Daneshmand, Aurelien Lucchi, Ming Zhou, Klaus Neymeyr, Thomas Hofmann',
    title:
      'Exponential Convergence Rates for Batch Normalization: The Power of Length-Direction Decoupling in Non-Convex Optimization',
    venue: 'AISTATS 2019',
    ...arxivRef(ARXIV.kohler),
  },
  {
    authors: 'abay.tech',
    title: 'Why Does Batch Normalization Work?',
    venue: 'Blog post, 2018 (the live TensorFlow.js demo this page follows)',
    href: 'https://abay.tech/blog/',
    linkText: 'abay.tech/blog',
  },
];

/** A title ending in a full stop unless it already ends in a question or exclamation mark. */
const asSentence = (title: string) => (/[.?!]$/.test(title) ? title : `${title}.`);

function Entry({ authors, title, venue, href, linkText }: Reference): ReactNode {
  return (
    <li>
      {authors}. <em>{asSentence(title)}</em> {venue}.{' '}
      <ExternalLink href={href}>{linkText}</ExternalLink>
    </li>
  );
}

export function References() {
  return (
    <ol>
      {REFERENCES.map((r) => (
        <Entry key={r.href} {...r} />
      ))}
    </ol>
  );
}
