import { describe, expect, it } from 'vitest';
import { launchPrefix, restoredLaunches } from '../../../src/page/store/restoredLaunches';
import type { RunView } from '../../../src/page/store/runView';

/** Just the fields the recovery reads. */
const run = (id: string, experimentId: string, imported = false) =>
  ({ id, experimentId, imported }) as RunView;

describe('restoredLaunches', () => {
  it('reads the launch prefix off an article run id, keys with dashes included', () => {
    expect(launchPrefix(run('does-bn-work-mbx1-3-none-lr0.5', 'does-bn-work'))).toBe(
      'does-bn-work-mbx1-3',
    );
    expect(launchPrefix(run('is-it-ics-mbx1-2-noisy-batchnorm', 'is-it-ics'))).toBe(
      'is-it-ics-mbx1-2',
    );
    expect(launchPrefix(run('lab-7', 'lab'))).toBeNull();
    expect(launchPrefix(run('does-bn-work-mbx1-3', 'does-bn-work'))).toBeNull();
  });

  it('reads it whatever the learning rates made of the run keys', () => {
    expect(launchPrefix(run('does-bn-work-mbx1-12-none-lr0.05', 'does-bn-work'))).toBe(
      'does-bn-work-mbx1-12',
    );
    expect(launchPrefix(run('is-it-ics-k2-4-batchnorm-lr1.5', 'is-it-ics'))).toBe('is-it-ics-k2-4');
  });

  it('finds each experiment’s latest launch, never imported runs', () => {
    const runs = [
      run('does-bn-work-a-1-none-lr0.1', 'does-bn-work'),
      run('does-bn-work-a-1-batchnorm-lr0.1', 'does-bn-work'),
      run('smoothness-b-2-none', 'smoothness'),
      run('does-bn-work-c-3-none-lr0.1', 'does-bn-work'),
      run('does-bn-work-c-3-batchnorm-lr0.5', 'does-bn-work'),
      run('imported-d-4-0', 'does-bn-work', true),
      run('lab-1', 'lab'),
    ];
    expect(restoredLaunches(runs)).toEqual({
      'does-bn-work': ['does-bn-work-c-3-none-lr0.1', 'does-bn-work-c-3-batchnorm-lr0.5'],
      smoothness: ['smoothness-b-2-none'],
    });
  });
});
