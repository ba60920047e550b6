/** The page shell: header (Article / Lab, backend, theme), messages, and the current view. */
import { lazy, Suspense, useCallback, useEffect, useRef } from 'react';
import type { ExperimentSettings } from '../../experiments/types';
import { BackendPicker } from './BackendPicker';
import { Notices } from './Notices';
import { EXPERIMENTS } from '../../experiments/registry';
import { useLab } from '../store/LabContext';
import { DEFAULT_LAB, type LabParams } from '../url/route';
import { SharedRunsBanner } from './SharedRunsBanner';
import { ThemeToggle } from './ThemeToggle';
import { useSharedLink } from '../url/useSharedLink';
import { usePresentKey } from './usePresentKey';
import { enterFullscreen } from '../present/fullscreen';
import { useRoute } from '../url/useRoute';

// Each view is its own chunk (KaTeX and the article's prose; the lab's editor and charts): the
// header paints before either arrives, and a visit to one view never downloads the other.
const ArticleView = lazy(() =>
  import('../article/ArticleView').then((m) => ({ default: m.ArticleView })),
);
const LabView = lazy(() => import('../lab/LabView').then((m) => ({ default: m.LabView })));
const PresentationView = lazy(() =>
  import('../present/PresentationView').then((m) => ({ default: m.PresentationView })),
);

export function App() {
  const [route, navigate] = useRoute();
  const openExperimentInLab = useLab((s) => s.openExperimentInLab);
  // A change of view starts at the top, as a new page would; not on first load, where the article
  // may already have scrolled to the section in the link.
  const shownView = useRef(route.view);
  useEffect(() => {
    if (shownView.current === route.view) return;
    shownView.current = route.view;
    if (route.view === 'lab' || !route.section) window.scrollTo({ top: 0 });
  }, [route]);
  const openInLab = useCallback(
    (experimentId: string, settings: ExperimentSettings) => {
      openExperimentInLab(experimentId, settings);
      const metrics = EXPERIMENTS[experimentId]?.metrics ?? DEFAULT_LAB.metrics;
      navigate({ view: 'lab', params: { ...DEFAULT_LAB, metrics } });
    },
    [openExperimentInLab, navigate],
  );
  useSharedLink(route, navigate);
  const pendingRuns = useLab((s) => s.pendingRuns);
  const setPendingRuns = useLab((s) => s.setPendingRuns);
  const startLabRuns = useLab((s) => s.startLabRuns);
  const setLabParams = useCallback(
    (params: LabParams) => navigate({ view: 'lab', params }, true),
    [navigate],
  );
  const present = useCallback(() => {
    enterFullscreen(); // allowed here: a key press or a click got us here
    navigate({ view: 'present', section: route.view === 'article' ? route.section : null });
  }, [navigate, route]);
  usePresentKey(route.view !== 'present', present);

  if (route.view === 'present') {
    return (
      <main id="main" tabIndex={-1} className="present-main">
        <Notices />
        <Suspense fallback={<p role="status">Loading the presentation…</p>}>
          <PresentationView
            section={route.section}
            onSection={(section) => navigate({ view: 'present', section }, true)}
            onExit={() => navigate({ view: 'article', section: route.section })}
            onOpenInLab={openInLab}
          />
        </Suspense>
      </main>
    );
  }
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-title">
          <h1>BatchNorm Lab</h1>
          <p className="tagline">
            Why batch normalization helps a network train, measured live in your browser.
          </p>
        </div>
        <nav className="view-switch" aria-label="Views">
          <a href="#/article" aria-current={route.view === 'article' ? 'page' : undefined}>
            Article
          </a>
          <a href="#/lab" aria-current={route.view === 'lab' ? 'page' : undefined}>
            Lab
          </a>
        </nav>
        <div className="header-tools">
          <button
            type="button"
            onClick={present}
            aria-keyshortcuts="p"
            title="Presentation mode: one section at a time, full screen (P)"
          >
            Present
          </button>
          <BackendPicker />
          <ThemeToggle />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Notices />
        {pendingRuns && (
          <SharedRunsBanner
            setups={pendingRuns}
            onStart={() => {
              for (const setup of pendingRuns) startLabRuns(setup);
              setPendingRuns(null);
            }}
            onDismiss={() => setPendingRuns(null)}
          />
        )}
        <Suspense
          fallback={
            <p className="view-loading" role="status">
              Loading the {route.view}…
            </p>
          }
        >
          {route.view === 'article' ? (
            <ArticleView
              section={route.section}
              linked={route.linked}
              onOpenInLab={openInLab}
              onSection={(section, linked) => navigate({ view: 'article', section, linked }, true)}
            />
          ) : (
            <LabView params={route.params} onChange={setLabParams} />
          )}
        </Suspense>
      </main>
      <footer className="app-footer">
        After Santurkar, Tsipras, Ilyas &amp; Madry,{' '}
        <a href="https://arxiv.org/abs/1805.11604">
          How Does Batch Normalization Help Optimization?
        </a>{' '}
        (NeurIPS 2018). Training runs in a Web Worker with TensorFlow.js.
      </footer>
    </>
  );
}
