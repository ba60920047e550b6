import type { StateCreator } from 'zustand';
import type { Command } from '../../shared/workerProtocol';
import type { LabState } from './labState';

/** Training speed for teaching: full speed or slow motion, and single steps of paused runs. */
export interface PaceSlice {
  /** Least time between two training steps, ms (0 = full speed). */
  paceMs: number;
  setPace(msPerStep: number): void;
  /** One step of a paused run; it stays paused. */
  stepRun(id: string): void;
}

export const createPaceSlice =
  (send: (command: Command) => void): StateCreator<LabState, [], [], PaceSlice> =>
  (set) => ({
    paceMs: 0,
    setPace(msPerStep) {
      const paceMs = Number.isFinite(msPerStep) ? Math.max(0, msPerStep) : 0;
      set({ paceMs });
      send({ type: 'pace', msPerStep: paceMs });
    },
    stepRun: (id) => send({ type: 'step', runId: id }),
  });
