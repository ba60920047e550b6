/**
 * An experiment: its settings, a Train button, the run table and one comparison panel per learning
 * rate, with the shipped reference curves under the runs while the settings are the ones they used.
 * The controls sit beside the charts (below them on narrow screens), so curves grow where the eye
 * is after Train.
 */
import { DEFAULT_SMOOTHING } from '../charts/smoothing';
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { Experiment, ExperimentSettings } from '../../experiments/types';
import { DEFAULT_RUN_CONFIG, PLACEMENTS, type RunConfig } from '../../shared/runConfig';
import { useLab, useLabShallow } from '../store/LabContext';
import { ComparisonPanel } from './ComparisonPanel';
import { DistributionPanel } from './DistributionPanel';
import { ReferenceNote } from './ReferenceNote';
import type { PanelReference } from './referenceLines';
import { matchingReferenceRuns } from './referenceRuns';
import { RunStatusLine } from './RunStatusLine';
import { RunTable } from './RunTable';
import { SweepSection } from './SweepSection';
import { checkDraft, draftOf, settingsOfLaunch, type SettingsDraft } from './settingsForm';
import { useReference } from './useReference';
import { datasetLabel, SHIPPED_DATASETS } from '../../shared/datasets';

/** Default weight of the EMA smoothing applied to noisy per-step metrics (0 = raw). */

const TEXT_FIELDS: {
  field: Exclude<keyof ExperimentSettings, 'placement' | 'dataset'>;
  label: string;
  help: string;
}[] = [
  {
    field: 'learningRates',
    label: 'Learning rates',
    help: 'SGD step sizes, one chart panel each, e.g. 0.05, 0.5',
  },
  { field: 'steps', label: 'Steps', help: 'training steps per run (20 images each)' },
  {
    field: 'gammaInit',
    label: 'BN γ₀',
    help: "initial scale of BN's output; 0.1 keeps LR 0.5 stable",
  },
  { field: 'seed', label: 'Seed', help: 'initial weights and batch order; same seed, same curves' },
  {
    field: 'evalEvery',
    label: 'Test every',
    help: `steps between test-accuracy evaluations (${DEFAULT_RUN_CONFIG.evalSize} held-out images)`,
  },
];

const NO_RUNS: string[] = [];
const NO_CONFIGS: RunConfig[] = [];
const ACTIVE = new Set(['queued', 'running', 'paused']);

const PLACEMENT_LABELS = {
  'before-relu': 'conv → BN → ReLU (paper)',
  'blog-layout': 'conv → ReLU → pool → BN (blog code)',
} as const;

export function ExperimentView({
  experiment,
  onOpenInLab,
  present,
  onLaunch,
  linked,
}: {
  experiment: Experiment;
  /** Told after the form launched the runs (the article puts its section in the URL). */
  onLaunch?: (settings: ExperimentSettings) => void;
  /** Settings a link gives (the others the defaults): the form opens with them, untrained. */
  linked?: Partial<ExperimentSettings>;
  /** Carry this experiment's setup (with the form's settings, when valid) into the lab. */
  onOpenInLab?: (settings: ExperimentSettings) => void;
  /**
   * Presentation mode: only chart row `row` (a metric's charts, or the distributions at
   * metrics.length), charts `chartHeight` px tall, and the runs as one status line.
   */
  present?: { row: number; chartHeight: number };
}) {
  const Heading = onOpenInLab ? 'h3' : 'h2';
  const formId = useId();
  // Untouched (null), the form shows a link's settings, else those of the section's latest launch
  // (after a reload too), else the experiment's defaults; the first edit takes it over.
  const [edited, setDraft] = useState<SettingsDraft | null>(null);
  const [smoothing, setSmoothing] = useState(DEFAULT_SMOOTHING);
  const ready = useLab((s) => s.phase === 'ready');
  const localDatasets = useLabShallow((s) => s.localDatasets);
  const launched = useLab((s) => s.launches[experiment.id] ?? NO_RUNS);
  const panelOf = useLabShallow((s) => launched.map((id) => s.runs[id]?.panel));
  const launchedSteps = useLab((s) =>
    Math.max(0, ...launched.map((id) => s.runs[id]?.config.steps ?? 0)),
  );
  const anyActive = useLab((s) => launched.some((id) => ACTIVE.has(s.runs[id]?.status ?? '')));
  const launch = useLab((s) => s.launchExperiment);
  const launchedConfigs = useLabShallow((s) => launched.flatMap((id) => s.runs[id]?.config ?? []));
  const launchedSettings = useMemo(() => {
    const [first, ...rest] = launchedConfigs;
    return first ? settingsOfLaunch([first, ...rest]) : null;
  }, [launchedConfigs]);
  const linkedSettings = useMemo(
    () => (linked && Object.keys(linked).length > 0 ? { ...experiment.defaults, ...linked } : null),
    [linked, experiment],
  );
  const draft = useMemo(
    () => edited ?? draftOf(linkedSettings ?? launchedSettings ?? experiment.defaults),
    [edited, linkedSettings, launchedSettings, experiment],
  );
  const check = useMemo(() => checkDraft(experiment, draft), [experiment, draft]);
  // The panels of the launched runs, or before any, of the runs the form would launch.
  const panels = useMemo(
    () => experiment.panels(launchedSettings ?? (check.ok ? check.settings : experiment.defaults)),
    [experiment, launchedSettings, check],
  );
  // The reference for the dataset the charts show (each dataset has its own file, or none).
  const reference = useReference(experiment.id, launchedSettings?.dataset ?? draft.dataset);
  // What the charts draw: the launched runs, or before any, the runs the form would launch.
  const drawnConfigs = useMemo(
    () =>
      launched.length > 0
        ? launchedConfigs
        : check.ok
          ? experiment.plan(check.settings).map((p) => p.config)
          : NO_CONFIGS,
    [experiment, launched, launchedConfigs, check],
  );
  const shownReference = useMemo(
    () => (reference ? matchingReferenceRuns(reference, drawnConfigs) : []),
    [reference, drawnConfigs],
  );
  const referenceByPanel = useMemo(
    () =>
      new Map(
        panels.map((panel): [string, PanelReference | undefined] => {
          const runs = shownReference.filter((run) => run.panel === panel.id);
          return [
            panel.id,
            reference && runs.length > 0 ? { runs, backend: reference.backend } : undefined,
          ];
        }),
      ),
    [panels, reference, shownReference],
  );
  const errors = check.ok ? {} : check.errors;
  const shownMetrics = useMemo(
    () => (present ? experiment.metrics.filter((_, i) => i === present.row) : experiment.metrics),
    [experiment, present],
  );
  const showDistributions = !present || present.row === experiment.metrics.length;
  const xMax = launchedSteps || (check.ok ? check.settings.steps : 1);
  const runsByPanel = useMemo(
    () =>
      new Map(
        panels.map((panel) => [panel.id, launched.filter((_, i) => panelOf[i] === panel.id)]),
      ),
    [panels, launched, panelOf],
  );

  const form = (
    <form
      className="settings"
      onSubmit={(e) => {
        e.preventDefault();
        if (check.ok && ready) {
          launch(experiment.id, check.settings);
          onLaunch?.(check.settings);
        }
      }}
    >
      {/* First: Train stays in view beside the charts, above the settings. */}
      <div className="train-actions">
        <button type="submit" className="primary" disabled={!check.ok || !ready}>
          {anyActive ? 'Restart' : 'Train'}
        </button>
        {onOpenInLab && (
          <button
            type="button"
            onClick={() => onOpenInLab(check.ok ? check.settings : experiment.defaults)}
          >
            Open in lab
          </button>
        )}
        {!ready && <span className="field-help">waiting for the training worker…</span>}
      </div>
      {TEXT_FIELDS.filter(({ field }) => !experiment.hiddenSettings?.includes(field)).map(
        ({ field, label, help }) => (
          <div key={field} className="field">
            <label className="field-label" htmlFor={`${formId}-${field}`}>
              {label}
            </label>
            <input
              id={`${formId}-${field}`}
              name={field}
              inputMode="decimal"
              value={draft[field]}
              aria-invalid={errors[field] ? true : undefined}
              aria-describedby={`${formId}-${field}-note`}
              onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
            />
            <span
              id={`${formId}-${field}-note`}
              className={errors[field] ? 'field-error' : 'field-help'}
            >
              {errors[field] ?? experiment.settingsHelp?.[field] ?? help}
            </span>
          </div>
        ),
      )}
      {!experiment.hiddenSettings?.includes('dataset') && (
        <div className="field field-wide">
          <label className="field-label" htmlFor={`${formId}-dataset`}>
            Dataset
          </label>
          <select
            id={`${formId}-dataset`}
            name="dataset"
            value={draft.dataset}
            onChange={(e) =>
              setDraft({ ...draft, dataset: e.target.value as SettingsDraft['dataset'] })
            }
          >
            {[...SHIPPED_DATASETS, ...localDatasets.map((d) => d.id)].map((id) => (
              <option key={id} value={id}>
                {datasetLabel(id)}
              </option>
            ))}
          </select>
        </div>
      )}
      {!experiment.hiddenSettings?.includes('placement') && (
        <div className="field field-wide">
          <label className="field-label" htmlFor={`${formId}-placement`}>
            BN placement
          </label>
          <select
            id={`${formId}-placement`}
            name="placement"
            value={draft.placement}
            onChange={(e) =>
              setDraft({ ...draft, placement: e.target.value as SettingsDraft['placement'] })
            }
          >
            {PLACEMENTS.map((p) => (
              <option key={p} value={p}>
                {PLACEMENT_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
      )}
    </form>
  );
  const smoothingSlider = (
    <label className="smoothing">
      Smoothing {smoothing.toFixed(2)}
      <input
        type="range"
        min={0}
        max={0.99}
        step={0.01}
        value={smoothing}
        onChange={(e) => setSmoothing(Number(e.target.value))}
      />
    </label>
  );
  const referenceNote = reference && (
    <ReferenceNote
      reference={reference}
      shown={shownReference.length > 0}
      sweep={experiment.sweepFigure}
    />
  );
  const statusLine = launched.length > 0 && <RunStatusLine runIds={launched} />;
  const charts = experiment.sweepFigure ? (
    <SweepSection
      experimentId={experiment.id}
      runIds={launched}
      reference={
        reference && shownReference.length > 0 ? { ...reference, runs: shownReference } : null
      }
    />
  ) : (
    <div className="panel-grid">
      {panels.map((panel) => (
        <ComparisonPanel
          key={panel.id}
          title={panel.title}
          metrics={shownMetrics}
          logMetrics={experiment.logMetrics}
          chartHeight={present?.chartHeight}
          runIds={runsByPanel.get(panel.id) ?? NO_RUNS}
          smoothing={smoothing}
          xMax={xMax}
          reference={referenceByPanel.get(panel.id)}
        />
      ))}
      {experiment.distributionLayer && launched.length > 0 && showDistributions && (
        <DistributionPanel runIds={launched} layer={experiment.distributionLayer} xMax={xMax} />
      )}
    </div>
  );
  // A slide keeps one flat column (its stylesheet hides the controls); the page puts them beside.
  const contents: ReactNode = present ? (
    <>
      {form}
      {statusLine}
      {!experiment.sweepFigure && smoothingSlider}
      {referenceNote}
      {charts}
    </>
  ) : (
    <div className="experiment-body">
      <div className="experiment-controls">
        {form}
        {!experiment.sweepFigure && smoothingSlider}
        {referenceNote}
      </div>
      <div className="experiment-results">
        {statusLine}
        {charts}
        {launched.length > 0 && <RunTable runIds={launched} />}
      </div>
    </div>
  );

  return (
    <article
      className="experiment"
      aria-labelledby={`${formId}-title`}
      data-experiment={experiment.id}
    >
      <Heading id={`${formId}-title`}>{experiment.title}</Heading>
      <p className="summary">{experiment.summary}</p>
      {contents}
    </article>
  );
}
