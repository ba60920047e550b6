/** Section 1's widget: a skewed, correlated cloud that the reader centres, scales, stretches and
 * shifts step by step, as Batch Normalization does, with the numbers and the formula of each step, and
 * a test-time switch to normalize with running averages instead. */
import { useId, useMemo, useReducer } from 'react';
import { Tex } from '../Tex';
import { applySteps, moments, runningAverages, MOMENTUM } from './batchNormMath';
import { CLOUD_SIZE, generateCloud, trainingBatches } from './cloud';
import { announcement, fixed2, formula, pair, type Context } from './describe';
import { MechanicsStats } from './MechanicsStats';
import { initialState, reduce, stepsOf, type Axis } from './mechanicsState';
import { fitDomain } from './plotScale';
import { PLOT_BOX, ScatterPlot } from './ScatterPlot';
import { useTween, type Frame } from './useTween';
import './mechanics.css';

/** Seed of the first cloud. */
const DEFAULT_SEED = 2018;
/** Simulated training batches behind the running averages. */
const TRAINING_BATCHES = 30;

/** A slider's range and step, and how its value reads. */
const SLIDERS = {
  gamma: { min: 0, max: 3, step: 0.05, symbol: 'γ' },
  beta: { min: -3, max: 3, step: 0.1, symbol: 'β' },
} as const;

export interface MechanicsWidgetProps {
  /** Seed of the first cloud; Randomize moves on from it. */
  seed?: number;
}

export function MechanicsWidget({ seed = DEFAULT_SEED }: MechanicsWidgetProps) {
  const [state, dispatch] = useReducer(reduce, seed, initialState);
  const id = useId();

  const raw = useMemo(() => generateCloud(state.seed), [state.seed]);
  const batch = useMemo(() => moments(raw), [raw]);
  const running = useMemo(
    () => runningAverages(trainingBatches(state.seed, TRAINING_BATCHES)),
    [state.seed],
  );
  const used = state.testTime ? running : batch;
  const { centred, scaled, gamma, beta } = state;
  const target = useMemo<Frame>(() => {
    const points = applySteps(raw, stepsOf({ centred, scaled }), used, gamma, beta);
    return { points, domain: fitDomain(points, PLOT_BOX) };
  }, [raw, used, centred, scaled, gamma, beta]);
  // Slider moves follow the hand; the buttons' steps animate.
  const frame = useTween(target, state.last === 'affine');
  const shown = useMemo(() => moments(frame.points), [frame.points]);
  const settled = useMemo(() => moments(target.points), [target.points]);

  const context: Context = { batch, used, batches: TRAINING_BATCHES };
  const normalized = centred && scaled;

  const slider = (kind: 'gamma' | 'beta', axis: Axis) => {
    const { min, max, step, symbol } = SLIDERS[kind];
    const value = state[kind][axis];
    const inputId = `${id}-${kind}-${axis}`;
    return (
      <div className="mech-slider" key={inputId}>
        <label htmlFor={inputId}>
          {symbol} for {axis}
        </label>
        <input
          id={inputId}
          type="range"
          min={min}
          max={max}
          step={step}
          value={value}
          disabled={!normalized}
          aria-valuetext={`${symbol} for ${axis}: ${fixed2(value)}`}
          onChange={(e) => dispatch({ type: kind, axis, value: Number(e.currentTarget.value) })}
        />
        <output htmlFor={inputId}>{fixed2(value)}</output>
      </div>
    );
  };

  return (
    <figure className="mech">
      <div className="mech-layout">
        <div className="mech-figure">
          <ScatterPlot
            frame={frame}
            stats={shown}
            label={`Scatter plot of ${CLOUD_SIZE} points with mean ${pair(settled.mean)} and variance ${pair(settled.variance)}.`}
          />
          <ul className="mech-legend">
            <li>
              <span className="mech-key mech-key-point" aria-hidden="true" />a point: one example,
              two features
            </li>
            <li>
              <span className="mech-key mech-key-mean" aria-hidden="true" />
              their mean
            </li>
            <li>
              <span className="mech-key mech-key-std" aria-hidden="true" />
              mean ± one standard deviation
            </li>
          </ul>
          <p className="mech-formula">
            <span className="mech-formula-label">Step just applied</span>
            <Tex>{formula(state, context)}</Tex>
          </p>
          <p className="mech-status" role="status" aria-live="polite">
            {announcement(state, context)}
          </p>
        </div>
        <div className="mech-side">
          <div className="mech-buttons" role="group" aria-label="Normalization steps">
            <button
              type="button"
              aria-pressed={centred}
              onClick={() => dispatch({ type: 'centre' })}
            >
              Subtract the mean
            </button>
            <button type="button" aria-pressed={scaled} onClick={() => dispatch({ type: 'scale' })}>
              Divide by the std
            </button>
            <button type="button" onClick={() => dispatch({ type: 'randomize' })}>
              Randomize
            </button>
            <button type="button" onClick={() => dispatch({ type: 'reset' })}>
              Reset
            </button>
          </div>
          <fieldset className="mech-affine">
            <legend>Learned scale γ and shift β</legend>
            <div className="mech-sliders">
              {slider('gamma', 'x')}
              {slider('gamma', 'y')}
              {slider('beta', 'x')}
              {slider('beta', 'y')}
            </div>
            <p className="mech-note">
              {normalized
                ? 'Each feature has its own γ and β, as each channel does in a BN layer: y = γ·x̂ + β.'
                : 'Subtract the mean and divide by the std first: γ and β act on the normalized x̂.'}
            </p>
          </fieldset>
          <label className="mech-toggle">
            <input
              type="checkbox"
              checked={state.testTime}
              onChange={(e) => dispatch({ type: 'testTime', on: e.currentTarget.checked })}
            />
            Test time: use running averages
          </label>
          <p className="mech-note">
            In training, BN normalizes each mini-batch with its own statistics and keeps running
            averages, here over {TRAINING_BATCHES} simulated batches of {CLOUD_SIZE} from the same
            distribution: running ← {1 - MOMENTUM} · running + {MOMENTUM} · batch (variance with n −
            1, as PyTorch keeps it). At test time these stand in for the batch&apos;s own, so the
            normalized cloud lands near, not exactly on, mean 0 and variance 1.
          </p>
          <MechanicsStats
            shown={shown}
            batch={batch}
            running={running}
            testTime={state.testTime}
            batches={TRAINING_BATCHES}
          />
        </div>
      </div>
      <figcaption className="mech-caption">
        A mini-batch of {CLOUD_SIZE} examples with two features, far from the origin, wider in x
        than in y, correlated and skewed. Subtracting the mean moves it to the origin; dividing by
        the standard deviation gives each axis unit variance (the axes rescale to fit); γ and β then
        stretch and shift each feature as the network learns to.
      </figcaption>
    </figure>
  );
}
