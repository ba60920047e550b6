import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpointFile } from '../../../src/cli/checkpointFiles';
import { MAX_CHECKPOINT_FILE_BYTES } from '../../../src/shared/checkpointFile';

const dir = mkdtempSync(join(tmpdir(), 'bnlab-ckfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readCheckpointFile', () => {
  it('refuses a file over the size limit without reading it', () => {
    const path = join(dir, 'huge.bnlabck');
    writeFileSync(path, 'BNLABCK1');
    // Sparse: no disk or memory is spent on its size.
    truncateSync(path, MAX_CHECKPOINT_FILE_BYTES + 1);
    expect(() => readCheckpointFile(path)).toThrow(
      `${path}: it is ${MAX_CHECKPOINT_FILE_BYTES + 1} bytes; a checkpoint file has at most ${MAX_CHECKPOINT_FILE_BYTES}`,
    );
  });

  it('names a missing file and a file that is not a checkpoint', () => {
    expect(() => readCheckpointFile(join(dir, 'missing.bnlabck'))).toThrow(/cannot read it/);
    const path = join(dir, 'text.bnlabck');
    writeFileSync(path, 'hello, this is not a checkpoint');
    expect(() => readCheckpointFile(path)).toThrow(/not a bnlab checkpoint file/);
  });
});
