import { describe, expect, it } from 'vitest';
import { checkEditor, draftOf } from '../../../src/page/lab/editorDraft';
import { FIELDS, type EditorDraft } from '../../../src/page/lab/editorFields';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';

const base = DEFAULT_RUN_CONFIG;
const draft = (change: Partial<EditorDraft> = {}): EditorDraft => ({
  ...draftOf(base, 'my run'),
  ...change,
});

function errorsOf(d: EditorDraft) {
  const check = checkEditor(d, base);
  if (check.ok) throw new Error('expected the draft to be rejected');
  return check.errors;
}

describe('the run editor', () => {
  it('round-trips the default config through a draft unchanged', () => {
    const check = checkEditor(draft(), base);
    expect(check).toEqual({ ok: true, config: base, label: 'my run', seeds: 1 });
    expect(draft().convFilters).toBe('8, 16');
  });

  it('every field with a path reads a value of the default config', () => {
    const d = draft();
    for (const field of FIELDS) expect(d[field.id], field.id).not.toBe('undefined');
  });

  it('parses lists, numbers and choices into the config', () => {
    const check = checkEditor(
      draft({
        convFilters: '4 8,16',
        normalization: 'batchnorm',
        optimizer: 'adam',
        beta1: '0.8',
        learningRate: '1e-3',
        lrSchedule: 'cosine',
        minFactor: '0.1',
        seeds: '3',
        label: '  adam   run ',
      }),
      base,
    );
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.config.model.convFilters).toEqual([4, 8, 16]);
    expect(check.config.model.normalization).toBe('batchnorm');
    expect(check.config.optimizer).toEqual({ ...base.optimizer, name: 'adam', beta1: 0.8 });
    expect(check.config.learningRate).toBe(0.001);
    expect(check.config.lrSchedule).toEqual({ ...base.lrSchedule, name: 'cosine', minFactor: 0.1 });
    expect(check.label).toBe('adam run');
    expect(check.seeds).toBe(3);
  });

  it.each([
    [{ learningRate: '' }, 'learningRate', 'must be a number'],
    [{ learningRate: 'fast' }, 'learningRate', 'must be a number'],
    [{ learningRate: '20' }, 'learningRate', 'must be at most 10'],
    [{ steps: '2.5' }, 'steps', 'must be a whole number'],
    [{ convFilters: '8' }, 'convFilters', 'needs at least 2 conv layers'],
    [{ convFilters: '8, x' }, 'convFilters', 'must be a number'],
    [{ batchSize: '9000' }, 'batchSize', 'must be at most 1,024'],
    [{ seeds: '0' }, 'seeds', 'must be a whole number from 1 to 8'],
    [{ label: '   ' }, 'label', 'give the run a name'],
    [{ lrSchedule: 'step', stepFactor: '3' }, 'stepFactor', 'must be at most 1'],
    [
      { task: 'deep-linear', normalization: 'l2' },
      'normalization',
      'the deep linear network takes no normalization or batch norm',
    ],
  ] as const)('%j: a message beside %s', (change, field, message) => {
    expect(errorsOf(draft(change))).toEqual({ [field]: message });
  });

  it('an error on a setting the form does not show is said beside the name, with its path', () => {
    const crowded = { ...base, data: { ...base.data, trainSize: 9000 } };
    expect(checkEditor(draftOf(crowded, 'x'), crowded)).toEqual({
      ok: false,
      errors: {
        label: 'data.trainSize: train + test images exceed the 10,000 images of the dataset',
      },
    });
  });

  it('a field that does not apply neither blocks nor changes the config', () => {
    const check = checkEditor(draft({ optimizer: 'sgd', momentum: 'junk' }), base);
    expect(check.ok && check.config.optimizer.momentum).toBe(base.optimizer.momentum);
    const linear = checkEditor(draft({ task: 'deep-linear', convFilters: '' }), base);
    expect(linear.ok && linear.config.task).toBe('deep-linear');
  });
});
