/** What the Mechanics widget's reader has chosen, and how each control changes it. */
import { assertNever } from '../../../shared/assertNever';
import type { Point, Steps } from './batchNormMath';
import { nextSeed } from './cloud';

/** A feature of the cloud: its x or its y coordinate. */
export type Axis = keyof Point;

/** A change the reader made, named for the formula and the spoken status line. */
type Change = 'start' | 'centre' | 'scale' | 'affine' | 'randomize' | 'reset' | 'testTime';

export interface MechState {
  /** Seed of the shown cloud (and of the simulated training batches). */
  seed: number;
  /** Whether the mean is subtracted. */
  centred: boolean;
  /** Whether each axis is divided by its standard deviation. */
  scaled: boolean;
  /** Learned scale γ of each axis, applied once the data is normalized. */
  gamma: Point;
  /** Learned shift β of each axis, applied once the data is normalized. */
  beta: Point;
  /** Normalize with the running averages (test time) instead of the batch's own statistics. */
  testTime: boolean;
  /** The latest change, for the formula line. */
  last: Change;
  /** The latest change to announce; slider moves are left out, a slider speaks for itself. */
  announced: Change;
}

export type MechAction =
  | { type: 'centre' }
  | { type: 'scale' }
  | { type: 'randomize' }
  | { type: 'reset' }
  | { type: 'gamma'; axis: Axis; value: number }
  | { type: 'beta'; axis: Axis; value: number }
  | { type: 'testTime'; on: boolean };

/** γ = 1 and β = 0 on both axes: the affine step that changes nothing. */
const IDENTITY = { gamma: { x: 1, y: 1 }, beta: { x: 0, y: 0 } };

/** The raw cloud of `seed`, nothing applied. */
export function initialState(seed: number): MechState {
  return {
    seed,
    centred: false,
    scaled: false,
    ...IDENTITY,
    testTime: false,
    last: 'start',
    announced: 'start',
  };
}

/** BN's steps that the state applies: γ and β act only on normalized data. */
export function stepsOf(state: Pick<MechState, 'centred' | 'scaled'>): Steps {
  return {
    centre: state.centred,
    scale: state.scaled,
    affine: state.centred && state.scaled,
  };
}

/** The state after one of the reader's actions. */
export function reduce(state: MechState, action: MechAction): MechState {
  const changed = (change: Change, next: Partial<MechState>): MechState => ({
    ...state,
    ...next,
    last: change,
    announced: change,
  });
  switch (action.type) {
    case 'centre':
      return changed('centre', { centred: !state.centred });
    case 'scale':
      return changed('scale', { scaled: !state.scaled });
    // A new cloud, or the same one again, starts raw with the identity affine step; the test-time
    // switch is a mode of the page and stays as it is.
    case 'randomize':
      return {
        ...initialState(nextSeed(state.seed)),
        testTime: state.testTime,
        last: 'randomize',
        announced: 'randomize',
      };
    case 'reset':
      return {
        ...initialState(state.seed),
        testTime: state.testTime,
        last: 'reset',
        announced: 'reset',
      };
    case 'gamma':
      return { ...state, gamma: { ...state.gamma, [action.axis]: action.value }, last: 'affine' };
    case 'beta':
      return { ...state, beta: { ...state.beta, [action.axis]: action.value }, last: 'affine' };
    case 'testTime':
      return changed('testTime', { testTime: action.on });
    default:
      return assertNever(action);
  }
}
