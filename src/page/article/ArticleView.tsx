/**
 * The guided article: the story of the paper in order, each experiment embedded where the text
 * needs it, training on demand in the shared worker, with "Open in lab" to take it further.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { EXPERIMENTS } from '../../experiments/registry';
import type { ExperimentSettings, ExperimentSetup } from '../../experiments/types';
import { ExperimentView } from '../panels/ExperimentView';
import { MechanicsWidget } from './mechanics/MechanicsWidget';
import {
  ArticleIntro,
  BeyondTakeaway,
  DeepLinearText,
  DoesItWorkTakeaway,
  DoesItWorkText,
  IcsMeasureText,
  IcsTakeaway,
  IcsText,
  LpNormText,
  MechanicsCaption,
  MechanicsText,
  NoisyBnText,
  References,
  StepSizeTakeaway,
  StepSizeText,
  SurfaceTakeaway,
  SurfaceText,
} from './prose';

/** The article's sections in order: id (used in the URL) and title. */
export const ARTICLE_SECTIONS = [
  { id: 'mechanics', title: '1. What batch normalization computes' },
  { id: 'does-bn-work', title: '2. Does BN help?' },
  { id: 'step-size', title: '3. How large a step can each network take?' },
  { id: 'is-it-ics', title: '4. Is it internal covariate shift?' },
  { id: 'smoothness', title: '5. The error surface' },
  { id: 'beyond-bn', title: '6. Beyond batch normalization' },
  { id: 'references', title: 'References' },
] as const;

/** Article sections that embed an experiment of another id (the deep linear net sits in 6). */
const SECTION_OF_EXPERIMENT: Record<string, string> = { 'deep-linear': 'beyond-bn' };

/** The article section that shows `id` (a section id or an embedded experiment's id). */
function sectionOf(id: string): string {
  return SECTION_OF_EXPERIMENT[id] ?? id;
}

/** An article section's id. */
export type SectionId = (typeof ARTICLE_SECTIONS)[number]['id'];

/** The experiments each section embeds (what presentation mode's Train, Pause and Step act on). */
export const SECTION_EXPERIMENTS: Record<SectionId, string[]> = {
  mechanics: [],
  'does-bn-work': ['does-bn-work'],
  'step-size': ['step-size'],
  'is-it-ics': ['is-it-ics'],
  smoothness: ['smoothness'],
  'beyond-bn': ['beyond-bn', 'deep-linear'],
  references: [],
};

function Section({ id, children }: { id: SectionId; children: ReactNode }) {
  const title = ARTICLE_SECTIONS.find((s) => s.id === id)?.title ?? id;
  return (
    <section
      id={`section-${id}`}
      className="article-section"
      aria-labelledby={`section-${id}-title`}
    >
      <h2 id={`section-${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

export function ArticleView({
  section,
  onOpenInLab,
  only,
  present,
  onSection,
  linked,
}: {
  /** Section to scroll to (from the URL), or null for the top. */
  section: string | null;
  /** Settings a link gives one experiment of the section (its form opens with them). */
  linked?: ExperimentSetup | null;
  onOpenInLab: (experimentId: string, settings: ExperimentSettings) => void;
  /** Show this section alone (presentation mode). */
  only?: SectionId;
  /** Told when a section's experiment is launched (the app keeps section and settings in the URL). */
  onSection?: (id: SectionId, linked: ExperimentSetup) => void;
  /** Presentation mode: the one chart row shown, and the charts' height in pixels. */
  present?: { experimentId: string; row: number; chartHeight: number };
}) {
  // A launch puts its section in the URL: the page is already there, so it does not scroll.
  const launchedSection = useRef<string | null>(null);
  useEffect(() => {
    if (!section || only) return;
    if (launchedSection.current === section) {
      launchedSection.current = null;
      return;
    }
    const target = document.getElementById(`section-${sectionOf(section)}`);
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    target?.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
  }, [section, only]);

  const experiment = (id: string) => {
    const e = EXPERIMENTS[id];
    if (!e || (present && present.experimentId !== id)) return null;
    return (
      <ExperimentView
        experiment={e}
        onOpenInLab={(settings) => onOpenInLab(id, settings)}
        present={present}
        linked={linked?.experiment === id ? linked.settings : undefined}
        onLaunch={(settings) => {
          const at = sectionOf(id) as SectionId;
          launchedSection.current = at;
          onSection?.(at, { experiment: id, settings });
        }}
      />
    );
  };

  const contents: Record<SectionId, ReactNode> = {
    mechanics: (
      <>
        <MechanicsText />
        <MechanicsCaption />
        <MechanicsWidget />
      </>
    ),
    'does-bn-work': (
      <>
        <DoesItWorkText />
        {experiment('does-bn-work')}
        <DoesItWorkTakeaway />
      </>
    ),
    'step-size': (
      <>
        <StepSizeText />
        {experiment('step-size')}
        <StepSizeTakeaway />
      </>
    ),
    'is-it-ics': (
      <>
        <IcsText />
        <NoisyBnText />
        <IcsMeasureText />
        {experiment('is-it-ics')}
        <IcsTakeaway />
      </>
    ),
    smoothness: (
      <>
        <SurfaceText />
        {experiment('smoothness')}
        <SurfaceTakeaway />
      </>
    ),
    'beyond-bn': (
      <>
        <LpNormText />
        {experiment('beyond-bn')}
        <DeepLinearText />
        {experiment('deep-linear')}
        <BeyondTakeaway />
      </>
    ),
    references: <References />,
  };

  if (only) {
    return (
      <div className="article">
        <Section id={only}>{contents[only]}</Section>
      </div>
    );
  }
  return (
    <div className="article">
      <header className="article-intro">
        <ArticleIntro />
        <nav aria-label="Sections" className="article-toc">
          <ol>
            {ARTICLE_SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#/article/${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      {ARTICLE_SECTIONS.map((s) => (
        <Section key={s.id} id={s.id}>
          {contents[s.id]}
        </Section>
      ))}
    </div>
  );
}
