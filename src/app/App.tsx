/** The page shell: header with the backend badge, messages, the experiment. No logic of its own. */
import { EXPERIMENTS } from '../experiments/registry';
import { doesBnWork } from '../experiments/doesBnWork';
import { BackendPicker } from '../panels/BackendPicker';
import { ExperimentView } from '../panels/ExperimentView';
import { Notices } from '../panels/Notices';

export function App() {
  const experiment = EXPERIMENTS[doesBnWork.id] ?? doesBnWork;
  return (
    <>
      <header className="app-header">
        <h1>BatchNorm Lab</h1>
        <p className="tagline">
          Why batch normalization helps a network train, measured live in your browser.
        </p>
        <BackendPicker />
      </header>
      <main>
        <Notices />
        <ExperimentView experiment={experiment} />
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
