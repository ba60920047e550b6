import { fitSplit } from './localDatasets';
import type { StoreApi } from 'zustand';
import { freeStyle, normalizationStyle, styleKey } from '../../experiments/runStyles';
import type { RunConfig } from '../../shared/runConfig';
import type { Command } from '../../shared/workerProtocol';
import type { LabState } from './labState';
import type { RunView } from './runView';

/** The store's ways to make runs, shared by the slices that start them. */
export interface RunMaker {
  /** Add runs to the store (queued) and send one start command for them all. */
  addAndStart(views: RunView[]): void;
  /** A fresh run view, queued, drawn, in no group but its own. */
  viewOf(
    fields: Pick<RunView, 'id' | 'label' | 'config' | 'experimentId' | 'panel' | 'style'> &
      Partial<Pick<RunView, 'group'>>,
  ): RunView;
  /** A new launch's id prefix "<name>-<time in base 36>-<launch count>" (counts the launch). */
  nextPrefix(name: string): string;
  /** Looks of the runs the lab draws now (as styleKey keys), but those of `except`. */
  takenStyles(except?: ReadonlySet<string>): Set<string>;
  /** A new lab run's look: its normalization's article look when free, else a free one. */
  labStyleOf(config: RunConfig | null): RunView['style'];
  /** labStyleOf, counting the new lab run (the next one gets another look). */
  nextLabStyle(config: RunConfig | null): RunView['style'];
}

export function runMaker(
  set: StoreApi<LabState>['setState'],
  get: StoreApi<LabState>['getState'],
  send: (command: Command) => void,
): RunMaker {
  /** Add runs to the store (queued) and send one start command for them all. */
  const addAndStart = (views: RunView[]) => {
    set((s) => ({
      runs: { ...s.runs, ...Object.fromEntries(views.map((v) => [v.id, v])) },
      runOrder: [...s.runOrder, ...views.map((v) => v.id)],
    }));
    send({ type: 'start', runs: views.map((v) => ({ id: v.id, config: v.config })) });
  };

  /** A fresh run view, queued, drawn, in no group but its own. */
  const viewOf = (
    fields: Pick<RunView, 'id' | 'label' | 'config' | 'experimentId' | 'panel' | 'style'> &
      Partial<Pick<RunView, 'group'>>,
  ): RunView => ({
    ...fields,
    // A local dataset's split follows its size.
    config: fitSplit(fields.config, get().localDatasets),
    panelStyle: fields.style,
    group: fields.group ?? fields.id,
    visible: true,
    backend: get().backend,
    status: 'queued',
    message: null,
    step: 0,
    stepsPerSecond: 0,
    msPerStep: 0,
  });

  const nextPrefix = (name: string) => {
    const launchCount = get().launchCount + 1;
    set({ launchCount });
    return `${name}-${Date.now().toString(36)}-${launchCount}`;
  };

  /** Looks of the runs the lab draws now (as styleKey keys), but those of `except`. */
  const takenStyles = (except: ReadonlySet<string> = new Set()) =>
    new Set(
      Object.values(get().runs)
        .filter((r) => r.visible && !except.has(r.id))
        .map((r) => styleKey(r.style)),
    );

  /** A new lab run's look: its normalization's article look when free, else a free one. */
  const labStyleOf = (config: RunConfig | null) =>
    freeStyle(
      config ? normalizationStyle(config.model.normalization) : undefined,
      takenStyles(),
      get().labRunCount,
    );

  const nextLabStyle = (config: RunConfig | null) => {
    const style = labStyleOf(config);
    set({ labRunCount: get().labRunCount + 1 });
    return style;
  };

  return { addAndStart, viewOf, nextPrefix, takenStyles, labStyleOf, nextLabStyle };
}
