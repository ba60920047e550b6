/** The page shell: header with the backend badge, experiment tabs, messages, the experiment. */
import { useEffect, useState } from 'react';
import { EXPERIMENT_LIST, EXPERIMENTS } from '../experiments/registry';
import { BackendPicker } from '../panels/BackendPicker';
import { ExperimentView } from '../panels/ExperimentView';
import { Notices } from '../panels/Notices';

const FIRST = EXPERIMENT_LIST[0]?.id ?? '';

/** The experiment named in the URL's hash (#is-it-ics), or the first one. */
function experimentFromHash(): string {
  const id = decodeURIComponent(window.location.hash.slice(1));
  return EXPERIMENTS[id] ? id : FIRST;
}

export function App() {
  const [selected, setSelected] = useState(experimentFromHash);
  useEffect(() => {
    const onHash = () => setSelected(experimentFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const experiment = EXPERIMENTS[selected];
  return (
    <>
      <header className="app-header">
        <h1>BatchNorm Lab</h1>
        <p className="tagline">
          Why batch normalization helps a network train, measured live in your browser.
        </p>
        <BackendPicker />
        <nav className="experiment-tabs" aria-label="Experiments">
          {EXPERIMENT_LIST.map((e) => (
            <a
              key={e.id}
              href={`#${e.id}`}
              className="tab"
              aria-current={e.id === selected ? 'page' : undefined}
            >
              {e.title}
            </a>
          ))}
        </nav>
      </header>
      <main>
        <Notices />
        {experiment && <ExperimentView key={experiment.id} experiment={experiment} />}
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
