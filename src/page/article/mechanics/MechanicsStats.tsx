/** The numbers beside the plot: mean and variance of the points as drawn, and the two sets of
 * statistics BN can normalize with (the batch's own, and the running averages). */
import type { Moments } from './batchNormMath';
import { fixed2 } from './describe';
import type { Axis } from './mechanicsState';

/** The four per-axis numbers, in print order, with their test ids' stems. */
const ROWS: { label: string; stat: keyof Moments; axis: Axis; id: string }[] = [
  { label: 'mean of x', stat: 'mean', axis: 'x', id: 'mean-x' },
  { label: 'mean of y', stat: 'mean', axis: 'y', id: 'mean-y' },
  { label: 'variance of x', stat: 'variance', axis: 'x', id: 'var-x' },
  { label: 'variance of y', stat: 'variance', axis: 'y', id: 'var-y' },
];

export interface MechanicsStatsProps {
  /** Statistics of the points as drawn now. */
  shown: Moments;
  /** The cloud's own (biased) statistics. */
  batch: Moments;
  /** Running averages over the simulated training batches. */
  running: Moments;
  /** Whether normalization uses the running averages. */
  testTime: boolean;
  /** Training batches behind the running averages. */
  batches: number;
}

export function MechanicsStats({ shown, batch, running, testTime, batches }: MechanicsStatsProps) {
  return (
    <div className="mech-stats">
      <p className="mech-stats-title">Points as shown</p>
      <dl className="mech-shown">
        {ROWS.map((row) => (
          <div key={row.id}>
            <dt>{row.label}</dt>
            <dd data-testid={`mech-${row.id}`}>{fixed2(shown[row.stat][row.axis])}</dd>
          </div>
        ))}
      </dl>
      <table className="mech-compare">
        <caption>Statistics normalization can use</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="mech-visually-hidden">statistic</span>
            </th>
            <th scope="col" className={testTime ? undefined : 'mech-in-use'}>
              this batch{testTime ? '' : ' (in use)'}
            </th>
            <th scope="col" className={testTime ? 'mech-in-use' : undefined}>
              running, {batches} batches{testTime ? ' (in use)' : ''}
            </th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.label}</th>
              <td
                className={testTime ? undefined : 'mech-in-use'}
                data-testid={`mech-batch-${row.id}`}
              >
                {fixed2(batch[row.stat][row.axis])}
              </td>
              <td
                className={testTime ? 'mech-in-use' : undefined}
                data-testid={`mech-running-${row.id}`}
              >
                {fixed2(running[row.stat][row.axis])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
