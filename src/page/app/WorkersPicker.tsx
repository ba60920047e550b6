/** How many Web Workers train the page's runs: 'auto' (the cores less one) or a count. */
import { useLab } from '../store/LabContext';
import { parseWorkersChoice, WORKER_COUNTS } from '../store/workersChoice';

export function WorkersPicker() {
  const workers = useLab((s) => s.workers);
  const chooseWorkers = useLab((s) => s.chooseWorkers);
  if (!workers) return null;
  const { count, choice, cores, auto, shared } = workers;
  const title =
    `Runs are spread over ${count} training worker${count === 1 ? '' : 's'} (${cores} cores here; ` +
    `auto leaves the page one). A worker with two runs more than another hands one over. The images are ` +
    (shared ? 'shared by every worker.' : 'copied to each worker.');
  return (
    <label className="backend-select" title={title}>
      Workers
      <select
        value={String(choice)}
        data-testid="workers-select"
        data-count={count}
        onChange={(e) => chooseWorkers(parseWorkersChoice(e.target.value))}
      >
        <option value="auto">auto ({auto})</option>
        {WORKER_COUNTS.map((n) => (
          <option key={n} value={String(n)}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
