/**
 * The lab's run editor: every setting of a run, validated as typed (a message beside each bad
 * field), a preset menu to start from, an optional sweep of one or two settings, and Start (one
 * run per seed and configuration). Invalid drafts cannot start.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useLab, useLabShallow } from '../store/LabContext';
import { datasetLabel, isShipped, isDatasetId } from '../../shared/datasets';
import { checkEditor, draftOf } from './editorDraft';
import { FIELD_GROUPS, type EditorDraft, type FieldSpec } from './editorFields';
import { encodeSetup } from '../url/shareLink';
import { linkTo } from '../url/useSharedLink';
import { DEFAULT_PRESET, PRESET_GROUPS, PRESETS } from '../../experiments/presets';
import { ShareLinkButton } from './ShareLinkButton';
import { SweepFields } from './sweep/SweepFields';
import { planSweep, type SweepAxis } from './sweep/sweepPlan';

/** A select's choices: its own, and for the dataset the ones imported in this browser. */
type Options = NonNullable<FieldSpec['options']>;

function Field({
  spec,
  draft,
  error,
  formId,
  onChange,
  moreOptions = [],
}: {
  spec: FieldSpec;
  draft: EditorDraft;
  error: string | undefined;
  formId: string;
  onChange: (value: string) => void;
  moreOptions?: Options;
}) {
  const id = `${formId}-${spec.id}`;
  const note = `${id}-note`;
  return (
    <div className="field" data-field={spec.id}>
      <label className="field-label" htmlFor={id}>
        {spec.label}
      </label>
      {spec.options ? (
        <select
          id={id}
          value={draft[spec.id]}
          aria-describedby={note}
          onChange={(e) => onChange(e.target.value)}
        >
          {[...spec.options, ...moreOptions].map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={spec.id}
          value={draft[spec.id]}
          inputMode={spec.id === 'label' || spec.id === 'convFilters' ? 'text' : 'decimal'}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={note}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <span id={note} className={error ? 'field-error' : 'field-help'}>
        {error ?? spec.help}
      </span>
    </div>
  );
}

export function RunEditor() {
  const formId = useId();
  const localDatasets = useLabShallow((s) => s.localDatasets);
  const source = useLab((s) => s.editor);
  const saved = useLab((s) => s.editorDraft);
  const saveDraft = useLab((s) => s.saveEditorDraft);
  const loadEditor = useLab((s) => s.loadEditor);
  const startLabRuns = useLab((s) => s.startLabRuns);
  const startLabSweep = useLab((s) => s.startLabSweep);
  const ready = useLab((s) => s.phase === 'ready');
  const probeMsPerStep = useLab(
    (s) => s.probe.find((p) => p.backend === s.backend && p.outcome === 'ok')?.msPerStep,
  );
  const [sweepAxes, setSweepAxes] = useState<SweepAxis[]>([]);
  const [draft, setDraft] = useState<EditorDraft>(
    () => ({ ...draftOf(source.config, source.label, source.seeds), ...saved }) as EditorDraft,
  );
  const [loaded, setLoaded] = useState(source.version);
  const [started, setStarted] = useState<string | null>(null);
  // A new load (preset, Edit on a run, Open in lab) replaces the typed text.
  if (loaded !== source.version) {
    setLoaded(source.version);
    setDraft(draftOf(source.config, source.label, source.seeds));
  }
  useEffect(() => {
    saveDraft(draft);
  }, [draft, saveDraft]);
  const check = useMemo(() => checkEditor(draft, source.config), [draft, source.config]);
  // The dataset menu: the shipped ones, those imported here, and a local one a loaded run names
  // that this browser does not hold (so the menu shows it, and starting says why it cannot).
  const localOptions = useMemo(() => {
    const options = localDatasets.map((d) => ({ value: d.id, label: datasetLabel(d.id) }));
    const chosen = draft.dataset;
    if (isDatasetId(chosen) && !isShipped(chosen) && !options.some((o) => o.value === chosen)) {
      options.push({ value: chosen, label: `${datasetLabel(chosen)}: not in this browser` });
    }
    return options;
  }, [localDatasets, draft.dataset]);
  const errors = check.ok ? {} : check.errors;
  const errorCount = Object.keys(errors).length;
  const sweep = useMemo(
    () =>
      check.ok && sweepAxes.length > 0 ? planSweep(check.config, sweepAxes, check.seeds) : null,
    [check, sweepAxes],
  );
  const canStart = check.ok && ready && (sweep === null || sweep.ok);

  const start = () => {
    if (!check.ok || !ready) return;
    if (sweep) {
      if (!sweep.ok) return;
      const ids = startLabSweep({ label: check.label, configs: sweep.value, seeds: check.seeds });
      if (ids.length > 0) setStarted(`Started the sweep “${check.label}”: ${ids.length} runs.`);
      return;
    }
    const ids = startLabRuns({ label: check.label, config: check.config, seeds: check.seeds });
    if (ids.length > 0)
      setStarted(
        check.seeds > 1
          ? `Started ${check.seeds} runs of “${check.label}”.`
          : `Started “${check.label}”.`,
      );
  };

  return (
    <section className="run-editor" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>New run</h2>
      {source.origin && (
        <p className="editor-origin" data-testid="editor-origin">
          Settings of {source.origin}: change what you like, then Start a new run.
        </p>
      )}
      <div className="field preset-field">
        <label className="field-label" htmlFor={`${formId}-preset`}>
          Start from
        </label>
        <select
          id={`${formId}-preset`}
          value=""
          onChange={(e) => {
            const preset = PRESETS[e.target.value];
            if (preset)
              loadEditor(preset.config, preset.runLabel, 1, `the preset “${preset.label}”`);
          }}
        >
          <option value="">choose a preset…</option>
          <option value={DEFAULT_PRESET.id}>{DEFAULT_PRESET.label}</option>
          {PRESET_GROUPS.map((g) => (
            <optgroup key={g.title} label={g.title}>
              {g.presets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <span className="field-help">fills every field; change what you like, then Start</span>
      </div>
      <form
        className="editor-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        {FIELD_GROUPS.map((group) => {
          const fields = group.fields.filter((f) => !f.applies || f.applies(draft));
          return (
            <fieldset key={group.title} className="editor-group">
              <legend>{group.title}</legend>
              {fields.map((spec) => (
                <Field
                  key={spec.id}
                  spec={spec}
                  moreOptions={spec.id === 'dataset' ? localOptions : undefined}
                  draft={draft}
                  error={errors[spec.id]}
                  formId={formId}
                  onChange={(value) => {
                    setStarted(null);
                    setDraft({ ...draft, [spec.id]: value });
                  }}
                />
              ))}
            </fieldset>
          );
        })}
        <SweepFields
          axes={sweepAxes}
          onChange={(axes) => {
            setStarted(null);
            setSweepAxes(axes);
          }}
          plan={sweep}
          seeds={check.ok ? check.seeds : 1}
          probeMsPerStep={probeMsPerStep}
        />
        <div className="train-actions">
          <button type="submit" className="primary" disabled={!canStart}>
            {sweep?.ok
              ? `Start sweep of ${sweep.value.length * (check.ok ? check.seeds : 1)} runs`
              : check.ok && check.seeds > 1
                ? `Start ${check.seeds} runs`
                : 'Start'}
          </button>
          <button
            type="button"
            onClick={() => {
              setStarted(null);
              setDraft(draftOf(source.config, source.label, source.seeds));
            }}
          >
            Undo changes
          </button>
          <ShareLinkButton
            label="Copy link"
            testId="share-setup"
            link={() =>
              check.ok
                ? linkTo(
                    encodeSetup({ label: check.label, config: check.config, seeds: check.seeds }),
                  )
                : null
            }
          />
          <span role="status" className={errorCount > 0 ? 'field-error' : 'field-help'}>
            {errorCount > 0
              ? `Fix ${errorCount === 1 ? 'the field' : `${errorCount} fields`} marked above to start.`
              : !ready
                ? 'waiting for the training worker…'
                : (started ?? '')}
          </span>
        </div>
      </form>
    </section>
  );
}
