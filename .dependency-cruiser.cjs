// The architecture as an allow-list: every import (static, dynamic, type-only) must be one of the
// edges below, or `npm run lint` fails. Folders say which thread a file runs on:
//   src/page/*   the browser's main thread (React, the store, charts, the handle on the workers)
//   src/worker   the training worker thread (tfjs)
//   src/engine   models, metrics, data: any thread, unchanged in Node
//   src/experiments, src/shared   plain data, types and codecs: any thread
//   src/cli      the `bnlab` command line, in Node
//   src/bench    the benchmark page (bench.html): its page/ and worker/ threads, and the cases and
//                step timing they share with `npm run bench` in Node; no product file imports it
// Each zone may import itself and the zones it lists; no zone lists one that lists it back, so no
// import cycle can form between folders. docs/architecture.md draws the same graph.

/** Zones: the folder a file is in, what it may import, and which npm packages. */
const ZONES = {
  shared: { path: 'src/shared', imports: [], npm: ['zod', 'fflate'] },
  experiments: { path: 'src/experiments', imports: ['shared'], npm: [] },
  engine: {
    path: 'src/engine',
    imports: ['shared'],
    npm: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm'],
  },
  worker: { path: 'src/worker', imports: ['engine', 'shared'], npm: ['@tensorflow/*'] },
  cli: {
    path: 'src/cli',
    imports: ['engine', 'experiments', 'shared'],
    npm: ['@tensorflow/tfjs-core', 'tsx'],
    node: true,
  },
  charts: {
    path: 'src/page/charts',
    imports: [],
    npm: ['react', 'recharts', 'downsample', 'modern-screenshot'],
  },
  workers: { path: 'src/page/workers', imports: ['shared'], npm: [] },
  store: {
    path: 'src/page/store',
    imports: ['workers', 'experiments', 'shared'],
    npm: ['react', 'zustand', 'dexie'],
  },
  panels: {
    path: 'src/page/panels',
    imports: ['charts', 'store', 'experiments', 'shared'],
    npm: ['react', 'recharts'],
  },
  url: {
    path: 'src/page/url',
    imports: ['charts', 'store', 'experiments', 'shared'],
    npm: ['react', 'lz-string'],
  },
  article: {
    path: 'src/page/article',
    imports: ['panels', 'charts', 'store', 'experiments', 'shared'],
    npm: ['react', 'katex'],
  },
  lab: {
    path: 'src/page/lab',
    imports: ['url', 'panels', 'charts', 'store', 'experiments', 'shared'],
    npm: ['react', 'lucide-react'],
  },
  present: {
    path: 'src/page/present',
    imports: ['article', 'panels', 'charts', 'store', 'experiments', 'shared'],
    npm: ['react'],
  },
  app: {
    path: 'src/page/app',
    imports: ['url', 'article', 'lab', 'present', 'panels', 'store', 'experiments', 'shared'],
    npm: ['react'],
  },
  bench: {
    path: 'src/bench/[^/]+$',
    imports: ['engine', 'shared'],
    npm: ['@tensorflow/tfjs-core'],
    exact: true,
  },
  benchWorker: {
    path: 'src/bench/worker',
    imports: ['bench', 'worker', 'engine', 'shared'],
    npm: ['@tensorflow/*'],
  },
  benchPage: { path: 'src/bench/page', imports: ['bench', 'shared'], npm: [] },
  entry: {
    path: 'src/page/[^/]+$',
    imports: ['app', 'store', 'workers', 'shared'],
    npm: ['react', 'react-dom', 'virtual:pwa-register'],
    exact: true,
  },
};

/** A regular expression for the files of a zone. */
function zonePath(name) {
  const zone = ZONES[name];
  return zone.exact ? `^${zone.path}` : `^${zone.path}/`;
}

/** A regular expression for npm package names (`@scope/*` for a whole scope). */
function packagePath(names) {
  const alternatives = names.map((n) => n.replace('/*', '/[^/]+').replace(/\./g, '\\.'));
  return `^node_modules/(${alternatives.join('|')})/`;
}

const allowed = Object.entries(ZONES).flatMap(([name, zone]) => {
  const from = { path: zonePath(name) };
  const rules = [{ from, to: { path: [zonePath(name), ...zone.imports.map(zonePath)] } }];
  if (zone.npm.length > 0) rules.push({ from, to: { path: packagePath(zone.npm) } });
  // Names the bundler supplies (virtual:pwa-register) resolve to no file.
  if (zone.npm.some((n) => n.startsWith('virtual:'))) {
    rules.push({ from, to: { path: '^virtual:', couldNotResolve: true } });
  }
  if (zone.node) rules.push({ from, to: { dependencyTypes: ['core'] } });
  return rules;
});

/** Scripts (install, references, bench) are tools around the product: they may use any of it. */
allowed.push(
  { from: { path: '^scripts/' }, to: { path: '^(scripts|src)/' } },
  { from: { path: '^scripts/' }, to: { dependencyTypes: ['core', 'npm', 'npm-dev'] } },
);

module.exports = {
  allowed,
  allowedSeverity: 'error',
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle between files makes their order of evaluation matter: split what both need. ' +
        "Cycles of type imports alone are erased at build (the store's slices and its state type)",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that resolves to no file (a typo, or a package missing from package.json)',
      from: {},
      to: { couldNotResolve: true, pathNot: '^virtual:' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
