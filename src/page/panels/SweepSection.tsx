/**
 * An article experiment drawn as a sweep figure: final test accuracy against learning rate, a line
 * per normalization. The shipped reference results (every seed) come first, before any training;
 * the launched runs get a figure of their own beside it that fills in as each run ends.
 */
import { useDeferredValue, useMemo } from 'react';
import { referenceSweepFigure, STEP_SIZE_SPEC } from '../../experiments/sweep/referenceSweep';
import { sweepFigure, type SweepRun } from '../../experiments/sweep/sweepLines';
import { SUMMARIES } from '../../experiments/sweep/summaries';
import { AXIS_SETTINGS } from '../../experiments/sweep/sweepSettings';
import type { Reference } from '../../shared/reference';
import { useLabShallow } from '../store/LabContext';
import { SWEEP_REDRAW_MS, SweepChart } from './SweepChart';
import { useStableFigure } from './useStableFigure';
import { useThrottledValue } from './useThrottledValue';

const X_NAME = AXIS_SETTINGS[STEP_SIZE_SPEC.x].label;
const Y_NAME = SUMMARIES[STEP_SIZE_SPEC.summary].axisLabel(
  STEP_SIZE_SPEC.metric,
  STEP_SIZE_SPEC.parameter,
);

export function SweepSection({
  experimentId,
  runIds,
  reference,
}: {
  experimentId: string;
  /** The section's launched runs. */
  runIds: readonly string[];
  /** The shipped results matching what the section draws, or null. */
  reference: Reference | null;
}) {
  const runs = useLabShallow((s) => runIds.map((id) => s.runs[id]));
  const series = useThrottledValue(
    useDeferredValue(useLabShallow((s) => runIds.map((id) => s.series[id]))),
    SWEEP_REDRAW_MS,
  );
  const computed = useMemo(() => {
    const sweepRuns = runs.flatMap((run, i): SweepRun[] =>
      run
        ? [
            {
              id: run.id,
              label: run.label,
              config: run.config,
              status: run.status,
              series: series[i] ?? {},
            },
          ]
        : [],
    );
    return sweepFigure(sweepRuns, STEP_SIZE_SPEC, true);
  }, [runs, series]);
  const live = useStableFigure(computed);
  const shipped = useMemo(() => (reference ? referenceSweepFigure(reference) : null), [reference]);
  const seeds = reference?.runs[0]?.seeds.length ?? 0;

  return (
    <div className="panel-grid sweep-section">
      {shipped && (
        <section className="comparison-panel" aria-label="Shipped results">
          <SweepChart
            figure={shipped}
            title={`Shipped results (${seeds} seeds, ${reference?.backend ?? ''}): ${Y_NAME} against ${X_NAME}`}
            xName={X_NAME}
            yName={Y_NAME}
            logX
            fraction
            exportName={`${experimentId}-reference`}
          />
        </section>
      )}
      {runIds.length > 0 && (
        <section className="comparison-panel" aria-label="Your runs">
          {live.xs.length > 0 ? (
            <SweepChart
              figure={live}
              title={`Your runs: ${Y_NAME} against ${X_NAME}`}
              xName={X_NAME}
              yName={Y_NAME}
              logX
              fraction
              exportName={`${experimentId}-runs`}
            />
          ) : (
            <p className="chart-empty">Each run adds its point when it is first evaluated.</p>
          )}
        </section>
      )}
    </div>
  );
}
