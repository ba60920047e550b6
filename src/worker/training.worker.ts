/// <reference lib="webworker" />
/** The training worker: a thin wrapper that hands each command to the controller. */
import * as tf from '@tensorflow/tfjs-core';
import type { WorkerCommand, WorkerReply } from '../shared/workerProtocol';
import { WorkerController } from './host/controller';

declare const self: DedicatedWorkerGlobalScope & {
  /** tfjs's memory in this worker, read by `npm run bench` over the DevTools protocol. */
  bnlabMemory?: () => tf.MemoryInfo;
};

const controller = new WorkerController((event: WorkerReply, transfer: Transferable[] = []) =>
  self.postMessage(event, transfer),
);

self.onmessage = (message: MessageEvent<WorkerCommand>) => controller.handle(message.data);
self.bnlabMemory = () => tf.memory();
