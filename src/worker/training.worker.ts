/// <reference lib="webworker" />
/** The training worker: a thin wrapper that hands each command to the controller. */
import type { Command, WorkerEvent } from './protocol';
import { WorkerController } from './host/controller';

declare const self: DedicatedWorkerGlobalScope;

const controller = new WorkerController((event: WorkerEvent, transfer: Transferable[] = []) =>
  self.postMessage(event, transfer),
);

self.onmessage = (message: MessageEvent<Command>) => controller.handle(message.data);
