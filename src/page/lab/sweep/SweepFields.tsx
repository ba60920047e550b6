/**
 * The editor's sweep: up to two settings to vary, each with its values (a list, or a log range
 * such as 0.01..2 x8), and before Start the sweep's size: configurations, runs, steps in all and
 * the time the backend probe predicts.
 */
import { useId } from 'react';
import { formatEta } from '../../panels/format';
import type { Parsed, SweepAxis, SweepConfig } from './sweepPlan';
import { isSweepFieldId, SWEEP_FIELD_IDS, SWEEP_FIELDS, sweepSeconds } from './sweepPlan';

/** Settings one sweep may vary at once. */
const MAX_SWEEP_AXES = 2;

export function SweepFields({
  axes,
  onChange,
  plan,
  seeds,
  probeMsPerStep,
}: {
  axes: readonly SweepAxis[];
  onChange: (axes: SweepAxis[]) => void;
  /** The sweep the axes give, or why they give none (null: no setting chosen). */
  plan: Parsed<SweepConfig[]> | null;
  seeds: number;
  /** The backend probe's ms per step (batch 20), for the time estimate. */
  probeMsPerStep: number | undefined;
}) {
  const id = useId();
  const slots = Array.from({ length: MAX_SWEEP_AXES }, (_, i) => axes[i]);
  const setSlot = (index: number, axis: SweepAxis | undefined) => {
    const next = slots.map((a, i) => (i === index ? axis : a));
    onChange(next.filter((a): a is SweepAxis => a !== undefined));
  };
  return (
    <fieldset className="editor-group sweep-fields" data-testid="sweep-fields">
      <legend>Sweep (optional)</legend>
      {slots.map((axis, index) =>
        // The second setting is offered once the first is chosen.
        index > axes.length ? null : (
          <div key={index} className="sweep-axis">
            <div className="field">
              <label className="field-label" htmlFor={`${id}-field-${index}`}>
                {index === 0 ? 'Vary' : 'and vary'}
              </label>
              <select
                id={`${id}-field-${index}`}
                value={axis?.field ?? ''}
                onChange={(e) => {
                  const field = e.target.value;
                  setSlot(
                    index,
                    isSweepFieldId(field)
                      ? {
                          field,
                          text: axis?.field === field ? axis.text : SWEEP_FIELDS[field].example,
                        }
                      : undefined,
                  );
                }}
              >
                <option value="">nothing</option>
                {SWEEP_FIELD_IDS.map((field) => (
                  <option key={field} value={field}>
                    {SWEEP_FIELDS[field].label}
                  </option>
                ))}
              </select>
            </div>
            {axis && (
              <div className="field">
                <label className="field-label" htmlFor={`${id}-values-${index}`}>
                  {SWEEP_FIELDS[axis.field].label} values
                </label>
                <input
                  id={`${id}-values-${index}`}
                  value={axis.text}
                  autoComplete="off"
                  aria-describedby={`${id}-values-help-${index}`}
                  onChange={(e) => setSlot(index, { ...axis, text: e.target.value })}
                />
                <span id={`${id}-values-help-${index}`} className="field-help">
                  {SWEEP_FIELDS[axis.field].kind === 'number'
                    ? 'a list, or from..to xN for N values spaced on a log scale'
                    : `any of ${(SWEEP_FIELDS[axis.field].options ?? []).join(', ')}`}
                </span>
              </div>
            )}
          </div>
        ),
      )}
      {plan && (
        <p
          className={plan.ok ? 'field-help sweep-size' : 'field-error sweep-size'}
          data-testid="sweep-size"
          role="status"
        >
          {plan.ok ? sweepSize(plan.value, seeds, probeMsPerStep) : `Sweep: ${plan.message}.`}
        </p>
      )}
    </fieldset>
  );
}

/** "4 configurations × 2 seeds = 8 runs, 2,400 steps in all, about 1 min 20 s (probe: wasm)". */
function sweepSize(
  configs: readonly SweepConfig[],
  seeds: number,
  probeMsPerStep: number | undefined,
): string {
  const runs = configs.length * seeds;
  const steps = configs.reduce((sum, c) => sum + c.config.steps, 0) * seeds;
  const seconds = sweepSeconds(configs, seeds, probeMsPerStep);
  const time = Number.isFinite(seconds)
    ? `, about ${formatEta(seconds, 1)} on this backend at its measured speed`
    : '';
  const count = (n: number, one: string) =>
    `${n.toLocaleString('en')} ${n === 1 ? one : `${one}s`}`;
  return `${count(configs.length, 'configuration')} × ${count(seeds, 'seed')} = ${count(runs, 'run')}, ${count(steps, 'step')} in all${time}.`;
}
