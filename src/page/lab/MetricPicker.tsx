/** Choose the metrics the comparison draws: checkboxes in groups, metrics with points first. */
import { useId } from 'react';
import { METRIC_IDS, METRICS, type MetricId, type MetricInfo } from '../../shared/metrics';

const KIND_TITLES: Record<MetricInfo['kind'], string> = {
  loss: 'Loss',
  probability: 'Accuracy and dead units',
  measure: 'Measurements',
  cost: 'Measurement cost',
};
const KINDS = Object.keys(KIND_TITLES) as MetricInfo['kind'][];

export function MetricPicker({
  selected,
  available,
  onChange,
}: {
  selected: readonly MetricId[];
  /** Metrics some visible run has points of. */
  available: ReadonlySet<MetricId>;
  onChange: (metrics: MetricId[]) => void;
}) {
  const id = useId();
  const toggle = (metric: MetricId, on: boolean) =>
    onChange(on ? [...selected, metric] : selected.filter((m) => m !== metric));
  return (
    <details className="metric-picker">
      <summary>
        Metrics ({selected.length}) <span className="field-help">choose what to draw</span>
      </summary>
      <div className="metric-picker-groups">
        {KINDS.map((kind) => {
          const metrics = METRIC_IDS.filter(
            (m) => METRICS[m].kind === kind && (available.has(m) || selected.includes(m)),
          );
          if (metrics.length === 0) return null;
          return (
            <fieldset key={kind}>
              <legend>{KIND_TITLES[kind]}</legend>
              {metrics.map((m) => (
                <label key={m} htmlFor={`${id}-${m}`} title={METRICS[m].description}>
                  <input
                    id={`${id}-${m}`}
                    type="checkbox"
                    checked={selected.includes(m)}
                    onChange={(e) => toggle(m, e.target.checked)}
                  />
                  {METRICS[m].label}
                  {!available.has(m) && <span className="field-help"> (no points yet)</span>}
                </label>
              ))}
            </fieldset>
          );
        })}
        {available.size === 0 && selected.length === 0 && (
          <p className="field-help">Start a run: its metrics appear here.</p>
        )}
      </div>
    </details>
  );
}
