import { expect, it } from 'vitest';
import { WorkerController } from '../../../src/worker/host/controller';
import type { WorkerReply } from '../../../src/worker/protocol';

it('answers the pool’s ping at once, before any data or backend (a worker still there says so)', () => {
  const posted: WorkerReply[] = [];
  const controller = new WorkerController((event) => posted.push(event));
  controller.handle({ type: 'ping' });
  controller.handle({ type: 'ping' });
  expect(posted).toEqual([{ type: 'alive' }, { type: 'alive' }]);
});
