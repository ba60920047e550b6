/**
 * The lab's sweep figure: a summary of a metric per visible run (final, best, mean of the last
 * steps, steps to a level, fraction stalled) against a numeric setting (learning rate by default,
 * on a log axis), one line per value of a second setting (normalization by default). Works on any
 * runs: the lab's, the article's, imported ones and command-line sweeps.
 */
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { METRIC_IDS, METRICS } from '../../../shared/metrics';
import { useLab, useLabWith } from '../../store/LabContext';
import { SWEEP_REDRAW_MS, SweepChart } from '../../panels/SweepChart';
import { useThrottledValue } from '../../panels/useThrottledValue';
import { useStableFigure } from '../../panels/useStableFigure';
import { sweepFigure, type SweepRun, type SweepSpec } from '../../../experiments/sweep/sweepLines';
import {
  AXIS_SETTING_IDS,
  AXIS_SETTINGS,
  isAxisSettingId,
  isLineSettingId,
  LINE_SETTING_IDS,
  LINE_SETTINGS,
} from '../../../experiments/sweep/sweepSettings';
import { isSummaryId, SUMMARIES, SUMMARY_IDS } from '../../../experiments/sweep/summaries';
import { sweepMetric } from './sweepMetric';

/** What the figure needs of a run besides its points. */
type RunFacts = Omit<SweepRun, 'series'>;

/** Whether two lists of runs have the same names, settings and statuses, in order. */
const sameFacts = (a: readonly RunFacts[], b: readonly RunFacts[]) =>
  a.length === b.length &&
  a.every((r, i) => {
    const q = b[i];
    return (
      q !== undefined &&
      r.id === q.id &&
      r.label === q.label &&
      r.config === q.config &&
      r.status === q.status
    );
  });

/** What the figure shows until the user picks otherwise: final test accuracy against LR. */
const DEFAULT_SPEC: SweepSpec = {
  x: 'learningRate',
  line: 'model.normalization',
  summary: 'final',
  metric: 'testAccuracy',
  parameter: 0,
};

export function SweepPanel() {
  const id = useId();
  const [chosen, setSpec] = useState<SweepSpec>(DEFAULT_SPEC);
  /** Whether the user picked the metric (else it follows what the visible runs record). */
  const [metricPicked, setMetricPicked] = useState(false);
  const [parameterText, setParameterText] = useState('');
  // The visible runs' names, settings and statuses, kept while a step changes none of them.
  const visible = useLabWith(
    (s) =>
      s.runOrder.flatMap((runId): RunFacts[] => {
        const run = s.runs[runId];
        return run?.visible
          ? [{ id: run.id, label: run.label, config: run.config, status: run.status }]
          : [];
      }),
    sameFacts,
  );
  // Deferred: streamed points redraw the figure in a render React may interrupt for input; and at
  // most once per SWEEP_REDRAW_MS while they stream.
  const series = useThrottledValue(useDeferredValue(useLab((s) => s.series)), SWEEP_REDRAW_MS);

  const sweepRuns = useMemo(
    (): SweepRun[] => visible.map((run) => ({ ...run, series: series[run.id] ?? {} })),
    [visible, series],
  );
  const available = useMemo(
    () => METRIC_IDS.filter((m) => sweepRuns.some((run) => (run.series[m]?.length ?? 0) > 0)),
    [sweepRuns],
  );
  const spec = useMemo(
    (): SweepSpec => ({
      ...chosen,
      metric: sweepMetric(chosen.metric, metricPicked, available),
    }),
    [chosen, metricPicked, available],
  );
  const summary = SUMMARIES[spec.summary];
  const logX = AXIS_SETTINGS[spec.x].scale === 'log';
  const figure = useStableFigure(
    useMemo(() => sweepFigure(sweepRuns, spec, logX), [sweepRuns, spec, logX]),
  );
  const xName = AXIS_SETTINGS[spec.x].label;
  const yName = summary.axisLabel(spec.metric, spec.parameter);
  const parameterProblem = parameterText !== '' && !parameterValid(spec, parameterText);

  const choose = (next: Partial<SweepSpec>) => {
    const merged = { ...chosen, ...next };
    const info = SUMMARIES[merged.summary].parameter;
    if (next.summary !== undefined && next.summary !== spec.summary) {
      merged.parameter = info?.defaultValue ?? 0;
      setParameterText('');
    }
    setSpec(merged);
  };

  return (
    <section className="sweep-panel" aria-labelledby={`${id}-title`} data-testid="sweep-panel">
      <h2 id={`${id}-title`}>Sweep: a summary per run against a setting</h2>
      <div className="sweep-controls">
        <label>
          x axis{' '}
          <select
            value={spec.x}
            onChange={(e) => isAxisSettingId(e.target.value) && choose({ x: e.target.value })}
          >
            {AXIS_SETTING_IDS.map((x) => (
              <option key={x} value={x}>
                {AXIS_SETTINGS[x].label}
              </option>
            ))}
          </select>
        </label>
        <label>
          one line per{' '}
          <select
            value={spec.line}
            onChange={(e) => isLineSettingId(e.target.value) && choose({ line: e.target.value })}
          >
            {LINE_SETTING_IDS.map((line) => (
              <option key={line} value={line}>
                {LINE_SETTINGS[line]}
              </option>
            ))}
          </select>
        </label>
        <label>
          y axis{' '}
          <select
            value={spec.summary}
            onChange={(e) => isSummaryId(e.target.value) && choose({ summary: e.target.value })}
          >
            {SUMMARY_IDS.map((s) => (
              <option key={s} value={s}>
                {SUMMARIES[s].label}
              </option>
            ))}
          </select>
        </label>
        {summary.usesMetric && (
          <label>
            of{' '}
            <select
              value={spec.metric}
              onChange={(e) => {
                const metric = METRIC_IDS.find((m) => m === e.target.value);
                if (!metric) return;
                setMetricPicked(true);
                choose({ metric });
              }}
            >
              {(available.includes(spec.metric) ? available : [spec.metric, ...available]).map(
                (m) => (
                  <option key={m} value={m}>
                    {METRICS[m].label}
                  </option>
                ),
              )}
            </select>
          </label>
        )}
        {summary.parameter && (
          <label>
            {summary.parameter.label}{' '}
            <input
              className="sweep-parameter"
              inputMode="decimal"
              value={parameterText === '' ? String(spec.parameter) : parameterText}
              aria-invalid={parameterProblem || undefined}
              onChange={(e) => {
                setParameterText(e.target.value);
                if (parameterValid(spec, e.target.value)) {
                  setSpec({ ...chosen, parameter: Number(e.target.value) });
                }
              }}
            />
          </label>
        )}
      </div>
      {parameterProblem && summary.parameter && (
        <p className="field-error" role="alert">
          {summary.parameter.label} must be a number from {summary.parameter.min} to{' '}
          {summary.parameter.max}.
        </p>
      )}
      {summary.usesMetric && available.length > 0 && !available.includes(spec.metric) && (
        <p className="field-help" data-testid="sweep-no-metric">
          None of the visible runs records {METRICS[spec.metric].label.toLowerCase()}: choose
          another metric.
        </p>
      )}
      {figure.xs.length < 2 ? (
        <p className="field-help" data-testid="sweep-empty">
          Show runs at two or more values of the {xName} to draw this figure: start a sweep in the
          editor (Sweep), import a command-line sweep, or tick the runs of an article experiment.
        </p>
      ) : (
        <SweepChart
          figure={figure}
          title={`${yName[0]?.toUpperCase() ?? ''}${yName.slice(1)} against ${xName}`}
          xName={xName}
          yName={yName}
          logX={logX}
          fraction={summary.isFraction(spec.metric)}
          exportName={`lab-sweep-${spec.summary}-${spec.metric}-${spec.x}`}
        />
      )}
      {figure.skipped > 0 && (
        <p className="field-help">
          {figure.skipped} visible {figure.skipped === 1 ? 'run has' : 'runs have'} no {xName} the
          axis can place{logX ? ' (a log axis needs values above 0)' : ''}.
        </p>
      )}
    </section>
  );
}

/** Whether `text` is a number the spec's summary accepts as its parameter. */
function parameterValid(spec: SweepSpec, text: string): boolean {
  const info = SUMMARIES[spec.summary].parameter;
  const value = Number(text);
  return (
    info !== undefined &&
    text.trim() !== '' &&
    Number.isFinite(value) &&
    value >= info.min &&
    value <= info.max
  );
}
