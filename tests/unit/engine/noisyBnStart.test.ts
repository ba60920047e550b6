/**
 * Why noisy BN starts slower than the plain CNN in "Is it ICS?" (gamma0 = 1, LR 0.1): not a bug
 * in its noise, but the definition. With gamma0 = 1 the normalized features reaching the dense
 * layer are of order 1, so the first update overshoots (with BN, and more with the noise on top),
 * while the plain network's first step barely moves its loss. Same seed, same batches, same
 * initial weights for all three runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { splitIndices } from '../../../src/engine/data/split';
import { createTrainer } from '../../../src/engine/train/createTrainer';
import { isItIcs } from '../../../src/experiments/isItIcs';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../../src/shared/runConfig';
import { loadMnist, useBackend } from '../../helpers/engine';

/** Training losses of the first `steps` steps of the preset's run `key`, without measurements. */
async function firstLosses(key: string, steps: number): Promise<number[]> {
  const planned = isItIcs.plan(isItIcs.defaults).find((p) => p.key === key);
  if (!planned) throw new Error(`no run ${key}`);
  const config: RunConfig = { ...planned.config, measure: DEFAULT_RUN_CONFIG.measure };
  const data = loadMnist();
  const split = splitIndices(data.count, config.data.trainSize, config.data.testSize, 0);
  const trainer = createTrainer(config, data, split);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) losses.push((await trainer.trainStep()).loss);
  trainer.dispose();
  return losses;
}

describe('noisy BN at the "Is it ICS?" preset', () => {
  beforeAll(() => useBackend('wasm'));

  it('overshoots on its second step where the plain CNN does not, as BN does', async () => {
    const plain = await firstLosses('none', 2);
    const bn = await firstLosses('batchnorm', 2);
    const noisy = await firstLosses('noisy-batchnorm', 2);
    // Step 1 is before any update: all start near ln 10.
    for (const run of [plain, bn, noisy]) expect(run[0]).toBeGreaterThan(2);
    expect(plain[1]).toBeLessThan(2.5);
    expect(bn[1]).toBeGreaterThan(2 * (plain[1] ?? NaN));
    expect(noisy[1]).toBeGreaterThan(2 * (plain[1] ?? NaN));
  });
});
