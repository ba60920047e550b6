// @vitest-environment node
/**
 * The import allow-list (.dependency-cruiser.cjs, run by `npm run lint`) bites: a small tree of
 * files that break it in known ways, cruised with the project's own rules, reports exactly those.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** Files of the fixture tree: each line comments what it does. */
const FIXTURE: Record<string, string> = {
  // Allowed: the lab draws panels, reads the store and shared types.
  'src/page/lab/view.ts':
    "import '../panels/panel';\nimport type { T } from '../../shared/types';\nexport type V = T;\n",
  'src/page/panels/panel.ts': "import '../store/store';\nexport const panel = 1;\n",
  'src/page/store/store.ts': 'export const store = 1;\n',
  'src/shared/types.ts': 'export type T = number;\n',
  'src/experiments/experiment.ts':
    "import type { T } from '../shared/types';\nexport type E = T;\n",
  // The engine reaching into the page, statically and by import().
  'src/engine/reachesPage.ts': "import '../page/lab/view';\n",
  'src/engine/loadsStore.ts': "export const load = () => import('../page/store/store');\n",
  // Shared code depending on experiments, by a type import alone.
  'src/shared/usesExperiments.ts':
    "import type { E } from '../experiments/experiment';\nexport type S = E;\n",
  // The store knowing the lab, charts knowing the store.
  'src/page/store/knowsLab.ts': "import '../lab/view';\n",
  'src/page/charts/readsStore.ts': "import '../store/store';\n",
  // tfjs on the main thread; a new file in the worker folder importing the page.
  'src/page/lab/loadsTfjs.ts': "import '@tensorflow/tfjs-core';\n",
  // Allowed: React in the lab.
  'src/page/lab/usesReact.ts': "import 'react';\n",
  'src/worker/newFile.ts': "import '../page/store/store';\n",
  // The page importing the command line.
  'src/page/app/usesCli.ts': "import '../../cli/main';\n",
  'src/cli/main.ts': 'export const main = 1;\n',
  // A cycle of value imports, and one of type imports alone (allowed: erased at build).
  'src/engine/cycleA.ts': "import { b } from './cycleB';\nexport const a = () => b;\n",
  'src/engine/cycleB.ts': "import { a } from './cycleA';\nexport const b = () => a;\n",
  'src/page/store/typeA.ts': "import type { B } from './typeB';\nexport interface A { b?: B }\n",
  'src/page/store/typeB.ts': "import type { A } from './typeA';\nexport interface B { a?: A }\n",
};

let dir = '';
let result: ICruiseResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bnlab-architecture-'));
  for (const [path, text] of Object.entries(FIXTURE)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, 'tsconfig.base.json'), '{ "compilerOptions": { "strict": true } }\n');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  const output = await cruise(['src'], {
    ...options,
    baseDir: dir,
    validate: true,
    // node_modules is a link to the project's: resolve packages inside the fixture.
    preserveSymlinks: true,
  });
  result = output.output as ICruiseResult;
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A file inside an npm package: the package's name is group 1. */
const PACKAGE_FILE = /^node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/;

/** Each violation as "rule: from -> to" (a cycle once, at the file it is found from). */
function violations(): string[] {
  return result.summary.violations
    .map((v) => `${v.rule.name}: ${v.from} -> ${v.to.replace(PACKAGE_FILE, 'npm:$1')}`)
    .sort((a, b) => a.localeCompare(b));
}

describe('the import allow-list', () => {
  it('reports every known violation in the fixture, and nothing else', () => {
    expect(violations()).toEqual(
      [
        'no-circular: src/engine/cycleA.ts -> src/engine/cycleB.ts',
        'not-in-allowed: src/engine/loadsStore.ts -> src/page/store/store.ts',
        'not-in-allowed: src/engine/reachesPage.ts -> src/page/lab/view.ts',
        'not-in-allowed: src/page/app/usesCli.ts -> src/cli/main.ts',
        'not-in-allowed: src/page/charts/readsStore.ts -> src/page/store/store.ts',
        'not-in-allowed: src/page/lab/loadsTfjs.ts -> npm:@tensorflow/tfjs-core',
        'not-in-allowed: src/page/store/knowsLab.ts -> src/page/lab/view.ts',
        'not-in-allowed: src/shared/usesExperiments.ts -> src/experiments/experiment.ts',
        'not-in-allowed: src/worker/newFile.ts -> src/page/store/store.ts',
      ].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('counts the import() and the type-only import it catches', () => {
    const dynamic = result.modules
      .find((m) => m.source === 'src/engine/loadsStore.ts')
      ?.dependencies.find((d) => d.resolved === 'src/page/store/store.ts');
    expect(dynamic?.dynamic).toBe(true);
    const typeOnly = result.modules
      .find((m) => m.source === 'src/shared/usesExperiments.ts')
      ?.dependencies.find((d) => d.resolved === 'src/experiments/experiment.ts');
    expect(typeOnly?.dependencyTypes).toContain('type-only');
  });
});
