/**
 * One comparison panel: each metric of the experiment as a chart of the panel's runs (over the
 * shipped reference curves, when given), and a button that downloads the whole panel as one image
 * for slides.
 */
import { PROBABILITY_DOMAIN } from '../charts/types';
import { useDeferredValue, useMemo, useRef } from 'react';
import { PanelExportButton } from '../charts/export/PanelExportButton';
import { MetricChart, type ChartLine, type YScale } from '../charts/MetricChart';
import { METRICS, type MetricId } from '../../shared/metrics';
import { useLab, useLabShallow } from '../store/LabContext';
import { referenceChartData, type PanelReference } from './referenceLines';
import { seriesLine } from './smoothedSeries';
import { EMPTY_SERIES } from '../store/series';

const formatPercentAxis = (v: number) => `${Math.round(v * 100)}%`;
const NO_REFERENCE: ReturnType<typeof referenceChartData> = { lines: [], bands: [] };

function MetricPanelChart({
  metric,
  runIds,
  smoothing,
  xMax,
  exportName,
  reference,
  yScale,
  height,
}: {
  metric: MetricId;
  runIds: string[];
  smoothing: number;
  xMax: number;
  /** Exported files' name: the panel's, then the metric's. */
  exportName: string;
  reference: PanelReference | undefined;
  yScale: YScale;
  height: number | undefined;
}) {
  // Deferred: new points redraw the chart in an interruptible render, after input is handled.
  const series = useDeferredValue(useLabShallow((s) => runIds.map((id) => s.series[id]?.[metric])));
  const labels = useLabShallow((s) => runIds.map((id) => s.runs[id]?.label));
  const styles = useLabShallow((s) => runIds.map((id) => s.runs[id]?.panelStyle));
  const info = METRICS[metric];
  const weight = info.noisy ? smoothing : 0;
  // Drawn first, so every live line is on top of them.
  const referenceData = useMemo(
    () => (reference ? referenceChartData(reference, metric, weight) : NO_REFERENCE),
    [reference, metric, weight],
  );
  const liveLines = useMemo(
    () =>
      runIds.flatMap((id, i): ChartLine[] => {
        const style = styles[i];
        if (!style) return [];
        const options = { x: 'step', noisy: info.noisy, smoothing } as const;
        return [seriesLine(id, labels[i] ?? id, style, series[i] ?? EMPTY_SERIES, options)];
      }),
    [runIds, labels, styles, series, smoothing, info.noisy],
  );
  const lines = useMemo(
    () => (referenceData.lines.length === 0 ? liveLines : [...referenceData.lines, ...liveLines]),
    [referenceData, liveLines],
  );
  const probability = info.kind === 'probability';
  return (
    <MetricChart
      title={
        info.noisy && smoothing > 0
          ? `${info.label} (smoothed ${smoothing.toFixed(2)})`
          : info.label
      }
      description={info.description}
      lines={lines}
      bands={referenceData.bands}
      xMax={xMax}
      yDomain={probability ? PROBABILITY_DOMAIN : undefined}
      yScale={yScale}
      height={height}
      formatY={probability ? formatPercentAxis : undefined}
      exportName={`${exportName}-${info.label}`}
    />
  );
}

export function ComparisonPanel({
  title,
  metrics,
  runIds,
  smoothing,
  xMax,
  reference,
  logMetrics,
  chartHeight,
}: {
  title: string;
  metrics: MetricId[];
  runIds: string[];
  smoothing: number;
  xMax: number;
  /** Reference curves drawn under the runs (shipped results of this panel's runs). */
  reference?: PanelReference;
  /** Metrics drawn on a log y axis. */
  logMetrics?: readonly MetricId[];
  /** Height of each chart, CSS pixels (the chart's default when absent). */
  chartHeight?: number;
}) {
  const panel = useRef<HTMLElement>(null);
  // Exports are named after the experiment and panel of the runs drawn ("does-bn-work-lr-0.5").
  const exportName = useLab((s) => {
    const first = runIds[0];
    const run = first === undefined ? undefined : s.runs[first];
    return run ? `${run.experimentId}-${run.panel || title}` : title;
  });
  return (
    <section
      ref={panel}
      className="comparison-panel"
      aria-label={title}
      data-testid="comparison-panel"
    >
      <div className="panel-head">
        <h3>{title}</h3>
        <PanelExportButton target={panel} fileName={exportName} />
      </div>
      <div className="panel-charts">
        {metrics.map((metric) => (
          <MetricPanelChart
            key={metric}
            metric={metric}
            runIds={runIds}
            smoothing={smoothing}
            xMax={xMax}
            exportName={exportName}
            reference={reference}
            yScale={logMetrics?.includes(metric) ? 'log' : 'linear'}
            height={chartHeight}
          />
        ))}
      </div>
    </section>
  );
}
