/**
 * The lab's comparison: the chosen metrics of every visible run, overlaid (one chart per metric)
 * or as small multiples (one panel per run or seed group), against steps or wall time, on a linear
 * or log scale, with EMA smoothing (the raw values drawn faint behind) and seed groups drawn as mean
 * and band. Hovering one chart reads every chart of the view at the same x. The overlay grid and
 * each small multiple download as one image.
 */
import { PROBABILITY_DOMAIN } from '../charts/types';
import { memo, useDeferredValue, useId, useMemo, useRef } from 'react';
import { PanelExportButton } from '../charts/export/PanelExportButton';
import { MetricChart } from '../charts/MetricChart';
import { ReadoutSyncProvider } from '../charts/ReadoutSyncContext';
import type { LabParams } from '../url/route';
import { MAX_SMOOTHING } from '../url/route';
import { METRICS, type MetricId } from '../../shared/metrics';
import { useLab, useLabWith, useLabShallow } from '../store/LabContext';
import type { Series } from '../store/series';
import { smoothedValues } from '../panels/smoothedSeries';
import {
  chartUnits,
  drawUnits,
  niceRange,
  sameUnits,
  valueRange,
  type ChartUnit,
} from './chartUnits';
import { MetricPicker } from './MetricPicker';

const NO_UNITS: ChartUnit[] = [];
const formatPercentAxis = (v: number) => `${Math.round(v * 100)}%`;
/** Wall time is recorded in milliseconds; the axis reads seconds. */
const formatSeconds = (ms: number) => `${Number((ms / 1000).toPrecision(3))} s`;
/** Chart heights, CSS pixels: overlay charts, and the smaller charts of small multiples. */
const OVERLAY_HEIGHT = 260;
const MULTIPLE_HEIGHT = 180;

function ComparisonChart({
  metric,
  units,
  params,
  title,
  height,
  sharedRange,
  exportName,
  xMax,
}: {
  metric: MetricId;
  units: ChartUnit[];
  params: LabParams;
  title?: string;
  height: number;
  /** A y range shared with other charts (small multiples), or undefined to fit this chart. */
  sharedRange?: [number, number];
  /** Exported files' name, before the metric's. */
  exportName: string;
  /** Right end of the x axis, or undefined to fit the data. */
  xMax: number | undefined;
}) {
  const runIds = useMemo(() => units.flatMap((u) => u.runIds), [units]);
  // Deferred: a flush of new points redraws the chart in a render React may interrupt and split
  // (input first), instead of inside the store update's synchronous one.
  const series = useDeferredValue(useLabShallow((s) => runIds.map((id) => s.series[id]?.[metric])));
  const info = METRICS[metric];
  const drawing = useMemo(() => {
    const byRun: Record<string, Partial<Record<MetricId, Series>>> = {};
    runIds.forEach((id, i) => {
      const one = series[i];
      if (one) byRun[id] = { [metric]: one };
    });
    return drawUnits(units, byRun, {
      metric,
      smoothing: params.smoothing,
      noisy: info.noisy,
      x: params.x,
      spread: params.spread,
    });
  }, [units, runIds, series, metric, params.smoothing, params.x, params.spread, info.noisy]);
  const smoothed = info.noisy && params.smoothing > 0;
  const probability = info.kind === 'probability' && params.y === 'linear';
  return (
    <MetricChart
      emptyText="No points yet: press Start in the editor."
      title={
        title ?? (smoothed ? `${info.label} (smoothed ${params.smoothing.toFixed(2)})` : info.label)
      }
      description={title ? undefined : info.description}
      lines={drawing.lines}
      rawLines={drawing.rawLines}
      bands={drawing.bands}
      height={height}
      yScale={params.y}
      yDomain={probability ? PROBABILITY_DOMAIN : params.y === 'linear' ? sharedRange : undefined}
      formatY={info.kind === 'probability' ? formatPercentAxis : undefined}
      xMax={xMax}
      xLabel={params.x === 'step' ? 'step' : 'wall time'}
      formatX={params.x === 'time' ? formatSeconds : undefined}
      exportName={`${exportName}-${info.label}`}
    />
  );
}

/** One small multiple: a run (or seed group) with a chart per metric, downloadable as one image. */
function MultiplePanel({
  unit,
  metrics,
  params,
  ranges,
  xMax,
}: {
  unit: ChartUnit;
  metrics: MetricId[];
  params: LabParams;
  ranges: Map<MetricId, [number, number] | undefined>;
  xMax: number | undefined;
}) {
  const panel = useRef<HTMLElement>(null);
  const units = useMemo(() => [unit], [unit]);
  return (
    <section
      ref={panel}
      className="comparison-panel"
      aria-label={unit.label}
      data-testid="lab-multiple"
    >
      <div className="panel-head">
        <h3>
          <span
            className={`swatch${unit.style.dashed ? ' dashed' : ''}`}
            style={{ borderColor: unit.style.color }}
            aria-hidden="true"
          />
          {unit.label}
        </h3>
        <PanelExportButton target={panel} fileName={`lab-${unit.label}`} />
      </div>
      {metrics.map((metric) => (
        <ComparisonChart
          key={metric}
          metric={metric}
          units={units}
          params={params}
          title={METRICS[metric].label}
          height={MULTIPLE_HEIGHT}
          sharedRange={ranges.get(metric)}
          exportName={`lab-${unit.label}`}
          xMax={xMax}
        />
      ))}
    </section>
  );
}

/** The chart settings; they re-render when the settings change, not when the drawn runs do. */
const Controls = memo(function Controls({
  params,
  onChange,
  available,
}: {
  params: LabParams;
  onChange: (next: LabParams) => void;
  available: ReadonlySet<MetricId>;
}) {
  const id = useId();
  const set = (change: Partial<LabParams>) => onChange({ ...params, ...change });
  return (
    <div className="comparison-controls" role="group" aria-label="Chart settings">
      <MetricPicker
        selected={params.metrics}
        available={available}
        onChange={(metrics) => set({ metrics })}
      />
      <fieldset className="segmented">
        <legend>Layout</legend>
        {(['overlay', 'multiples'] as const).map((layout) => (
          <label key={layout}>
            <input
              type="radio"
              name={`${id}-layout`}
              checked={params.layout === layout}
              onChange={() => set({ layout })}
            />
            {layout === 'overlay' ? 'Overlay' : 'Side by side'}
          </label>
        ))}
      </fieldset>
      <fieldset className="segmented">
        <legend>x axis</legend>
        {(['step', 'time'] as const).map((x) => (
          <label key={x}>
            <input
              type="radio"
              name={`${id}-x`}
              checked={params.x === x}
              onChange={() => set({ x })}
            />
            {x === 'step' ? 'Step' : 'Wall time'}
          </label>
        ))}
      </fieldset>
      <fieldset className="segmented">
        <legend>y axis</legend>
        {(['linear', 'log'] as const).map((y) => (
          <label key={y}>
            <input
              type="radio"
              name={`${id}-y`}
              checked={params.y === y}
              onChange={() => set({ y })}
            />
            {y === 'linear' ? 'Linear' : 'Log'}
          </label>
        ))}
      </fieldset>
      <label className="smoothing">
        Smoothing {params.smoothing.toFixed(2)}
        <input
          type="range"
          min={0}
          max={MAX_SMOOTHING}
          step={0.01}
          value={params.smoothing}
          aria-valuetext={params.smoothing === 0 ? 'off' : params.smoothing.toFixed(2)}
          onChange={(e) => set({ smoothing: Number(e.target.value) })}
        />
      </label>
      <label>
        <input
          type="checkbox"
          checked={params.groupSeeds}
          onChange={(e) => set({ groupSeeds: e.target.checked })}
        />
        Merge seeds into mean and band
      </label>
      <label>
        Band{' '}
        <select
          value={params.spread}
          disabled={!params.groupSeeds}
          onChange={(e) => set({ spread: e.target.value === 'sd' ? 'sd' : 'range' })}
        >
          <option value="range">min to max</option>
          <option value="sd">mean ± 1 sd</option>
        </select>
      </label>
    </div>
  );
});

/**
 * One y range per metric over every visible run, as drawn (smoothed where the metric is, with the
 * raw values behind), rounded to round numbers, so small multiples share their scales.
 */
function useSharedRanges(units: ChartUnit[], metrics: MetricId[], smoothing: number) {
  const runIds = useMemo(() => units.flatMap((u) => u.runIds), [units]);
  const key = useLab((s) =>
    metrics
      .map((m) => {
        const noisy = METRICS[m].noisy;
        const drawn = runIds.flatMap((id) => {
          const one = s.series[id]?.[m];
          return one && noisy
            ? [{ values: smoothedValues(one, smoothing), length: one.length }, one]
            : [one];
        });
        const range = valueRange(drawn);
        return range ? niceRange(range) : [NaN, NaN];
      })
      .flat()
      .join(','),
  );
  return useMemo(() => {
    const flat = key.split(',').map(Number);
    return new Map(
      metrics.map((m, i): [MetricId, [number, number] | undefined] => {
        const low = flat[2 * i] ?? NaN;
        const high = flat[2 * i + 1] ?? NaN;
        return [m, Number.isFinite(low) && Number.isFinite(high) ? [low, high] : undefined];
      }),
    );
  }, [key, metrics]);
}

export function LabComparison({
  params,
  onChange,
}: {
  params: LabParams;
  onChange: (next: LabParams) => void;
}) {
  const order = useLab((s) => s.runOrder);
  // Seed groups are aligned by step; on the wall-time axis every seed is drawn on its own.
  const merge = params.groupSeeds && params.x === 'step';
  // Kept while a step changes nothing drawn, so streamed progress does not re-render the charts.
  // Deferred with the points: starting or showing runs redraws the charts after the list.
  const units = useDeferredValue(useLabWith((s) => chartUnits(order, s.runs, merge), sameUnits));
  // The step axis ends at the longest visible run's last step, so it stays put while runs train.
  const stepsEnd = useLab((s) =>
    Math.max(0, ...units.flatMap((u) => u.runIds.map((id) => s.runs[id]?.config.steps ?? 0))),
  );
  const xMax = params.x === 'step' && stepsEnd > 0 ? stepsEnd : undefined;
  const availableKey = useLab((s) =>
    [
      ...new Set(
        order.flatMap((id) => (s.runs[id]?.visible ? Object.keys(s.series[id] ?? {}) : [])),
      ),
    ]
      .sort()
      .join(','),
  );
  const available = useMemo(
    () => new Set(availableKey.split(',').filter((m) => m in METRICS) as MetricId[]),
    [availableKey],
  );
  const overlay = useRef<HTMLDivElement>(null);
  const multiples = params.layout === 'multiples';
  const ranges = useSharedRanges(multiples ? units : NO_UNITS, params.metrics, params.smoothing);

  return (
    <section className="lab-comparison" aria-labelledby="lab-comparison-title">
      <h2 id="lab-comparison-title">Compare</h2>
      <Controls params={params} onChange={onChange} available={available} />
      {params.groupSeeds && params.x === 'time' && (
        <p className="field-help">
          Seeds are drawn one by one on the wall-time axis (their steps happen at different times).
        </p>
      )}
      {units.length === 0 && (
        <p className="chart-empty-note">
          No visible runs. Start one with the editor, or tick a run in the list.
        </p>
      )}
      {params.metrics.length === 0 && <p className="chart-empty-note">Pick a metric to draw.</p>}
      <ReadoutSyncProvider scope={`${params.layout} ${params.x}`}>
        {params.layout === 'overlay' ? (
          <>
            {units.length > 0 && params.metrics.length > 0 && (
              <div className="panel-toolbar">
                <PanelExportButton target={overlay} fileName="lab-overlay" />
              </div>
            )}
            <div ref={overlay} className="panel-grid" data-testid="lab-overlay">
              {params.metrics.map((metric) => (
                <ComparisonChart
                  key={metric}
                  metric={metric}
                  units={units}
                  params={params}
                  height={OVERLAY_HEIGHT}
                  exportName="lab"
                  xMax={xMax}
                />
              ))}
            </div>
          </>
        ) : (
          <div className="multiples-grid" data-testid="lab-multiples">
            {units.map((unit) => (
              <MultiplePanel
                key={unit.id}
                unit={unit}
                metrics={params.metrics}
                params={params}
                ranges={ranges}
                xMax={xMax}
              />
            ))}
          </div>
        )}
      </ReadoutSyncProvider>
    </section>
  );
}
