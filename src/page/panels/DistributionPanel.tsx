/**
 * How a layer's pre-normalization activations are distributed over training, one chart per run:
 * the median with 25-75% and 5-95% bands (quantiles measured every few steps).
 */
import { useDeferredValue, useMemo } from 'react';
import { MetricChart } from '../charts/MetricChart';
import { quantileBands } from '../charts/quantileBands';
import { EMPTY_SERIES } from '../store/series';
import { QUANTILE_PERCENTS, type MetricId } from '../../shared/metrics';
import { useLab, useLabShallow } from '../store/LabContext';

/** Chart height, CSS pixels. */
const HEIGHT = 200;

function RunDistribution({ runId, layer, xMax }: { runId: string; layer: 1 | 2; xMax: number }) {
  const run = useLab((s) => s.runs[runId]);
  // Deferred: new points redraw the chart in an interruptible render, after input is handled.
  const series = useDeferredValue(
    useLabShallow((s) =>
      QUANTILE_PERCENTS.map((p) => s.series[runId]?.[`q${p}Layer${layer}` as MetricId]),
    ),
  );
  const drawing = useMemo(() => {
    if (!run) return null;
    const [q05, q25, q50, q75, q95] = series.map((s) => {
      const one = s ?? EMPTY_SERIES;
      return { xs: one.steps, ys: one.values, length: one.length };
    });
    if (!q05 || !q25 || !q50 || !q75 || !q95) return null;
    return quantileBands(
      { q05, q25, q50, q75, q95 },
      {
        id: runId,
        label: `${run.label}: median`,
        color: run.panelStyle.color,
        dashed: run.panelStyle.dashed,
      },
    );
  }, [run, runId, series]);
  if (!run || !drawing) return null;
  return (
    <MetricChart
      title={run.label}
      description={`Median, 25–75% and 5–95% of layer ${layer}'s inputs to its normalization.`}
      lines={[drawing.median]}
      bands={drawing.bands}
      xMax={xMax}
      height={HEIGHT}
    />
  );
}

export function DistributionPanel({
  runIds,
  layer,
  xMax,
}: {
  runIds: string[];
  layer: 1 | 2;
  xMax: number;
}) {
  return (
    <section
      className="comparison-panel distribution-panel"
      aria-label={`Activation distributions, layer ${layer}`}
      data-testid="distribution-panel"
    >
      <h3>Activation distributions over time, layer {layer}</h3>
      <div className="panel-charts">
        {runIds.map((id) => (
          <RunDistribution key={id} runId={id} layer={layer} xMax={xMax} />
        ))}
      </div>
    </section>
  );
}
