/**
 * The page's handle on the training worker: typed commands out, typed events in. A crash of the
 * worker (an uncaught error, a failed load) arrives as a `fatal` event like any other.
 */
import type { Command, WorkerEvent } from './protocol';

/** Path of the MNIST binary under the app's base URL. */
export const MNIST_PATH = 'data/mnist-10k.bin';

export type EventListener = (event: WorkerEvent) => void;

export interface TrainingClient {
  send(command: Command): void;
  /** Subscribe to events; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  terminate(): void;
}

/** Absolute URL of the MNIST binary for this page. */
export function mnistUrl(): string {
  return new URL(MNIST_PATH, new URL(import.meta.env.BASE_URL, document.baseURI)).href;
}

/** Start the worker (it loads nothing until an `init` command). */
export function createTrainingClient(): TrainingClient {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'training',
  });
  const listeners = new Set<EventListener>();
  const dispatch = (event: WorkerEvent) => listeners.forEach((listener) => listener(event));
  worker.onmessage = (message: MessageEvent<WorkerEvent>) => dispatch(message.data);
  worker.onerror = (error: ErrorEvent) => {
    error.preventDefault();
    dispatch({
      type: 'fatal',
      message: `the training worker crashed: ${error.message || 'unknown error'}`,
    });
  };
  worker.onmessageerror = () =>
    dispatch({ type: 'fatal', message: 'a message from the training worker could not be read' });
  return {
    send: (command) => worker.postMessage(command),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    terminate: () => worker.terminate(),
  };
}
