// Lint rules, including the architecture: imports may only go one way
// (panels -> store -> worker client -> protocol; worker -> engine; engine -> nothing of the UI).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const UI_PACKAGES = ['react', 'react-dom', 'react-dom/*', 'recharts', 'zustand', 'zustand/*'];
const TFJS = ['@tensorflow/*'];

/** An import ban for one layer: `groups` of module patterns with a message saying why. */
function layer(files, bans, allowTypeImports = false) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: bans.map(([group, message]) => ({ group, message, allowTypeImports })),
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      '.scratch',
      'dist',
      'node_modules',
      'public/data',
      'test-results',
      'playwright-report',
      'bench-results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `const { dropped: _, ...kept } = x` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // The engine runs in the worker and in Node: no UI, no worker plumbing, no store.
  layer(
    ['src/engine/**'],
    [
      [UI_PACKAGES, 'the engine knows no React, charts or store'],
      [
        ['**/app/**', '**/panels/**', '**/store/**', '**/charts/**', '**/experiments/**'],
        'the engine knows no UI',
      ],
      [['**/worker/**'], 'the engine knows nothing of threads: the worker wraps it'],
    ],
  ),
  // zod only through src/shared/zod.ts, which configures it for the Content-Security-Policy;
  // zustand's shallow comparison not at all (see src/store/shallowEqual.ts).
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/shared/zod.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'zod',
              message:
                'import z from src/shared/zod: it is configured for the Content-Security-Policy',
            },
            {
              name: 'zustand/react/shallow',
              message:
                'use useLabShallow: zustand compares arrays by building Maps, on every store change',
            },
            {
              name: 'zustand/shallow',
              message: 'use shallowEqual from src/store: zustand compares arrays by building Maps',
            },
          ],
        },
      ],
    },
  },
  // Shared types and constants: imported by both sides, import nothing of either.
  layer(
    ['src/shared/**'],
    [
      [[...UI_PACKAGES, ...TFJS], 'shared modules are plain data and types'],
      [
        [
          '**/engine/**',
          '**/worker/**',
          '**/store/**',
          '**/panels/**',
          '**/app/**',
          '**/charts/**',
        ],
        'shared modules depend on nothing in the app',
      ],
    ],
  ),
  layer(
    ['src/worker/host/**', 'src/worker/training.worker.ts', 'src/worker/bench.worker.ts'],
    [
      [UI_PACKAGES, 'the worker has no UI'],
      [
        ['**/store/**', '**/panels/**', '**/app/**', '**/charts/**', '../client', '../pool/**'],
        'the worker does not reach back into the page',
      ],
    ],
  ),
  // Page side of the boundary: never tfjs or engine code (types are fine: they vanish at build).
  layer(
    ['src/worker/client.ts', 'src/worker/protocol.ts', 'src/worker/pool/**'],
    [
      [TFJS, 'the main thread never loads tfjs'],
      [
        ['**/engine/**', './host/**', './training.worker'],
        'the page reaches the worker only through messages',
      ],
      [['**/store/**', '**/panels/**', '**/app/**', '**/charts/**'], 'the client knows no UI'],
    ],
    true,
  ),
  layer(
    ['src/store/**'],
    [
      [TFJS, 'the main thread never loads tfjs'],
      [
        ['**/engine/**', '**/worker/host/**', '**/training.worker'],
        'the store talks to the worker through the client',
      ],
      [['**/panels/**', '**/app/**', '**/charts/**'], 'the store knows no components'],
    ],
    true,
  ),
  layer(
    ['src/charts/**'],
    [
      [TFJS, 'the main thread never loads tfjs'],
      [
        [
          '**/store/**',
          '**/worker/**',
          '**/engine/**',
          '**/panels/**',
          '**/app/**',
          'zustand',
          'zustand/*',
        ],
        'charts take props only',
      ],
    ],
  ),
  layer(
    [
      'src/panels/**',
      'src/app/**',
      'src/experiments/**',
      'src/article/**',
      'src/lab/**',
      'src/present/**',
    ],
    [
      [TFJS, 'the main thread never loads tfjs'],
      [['**/engine/**', '**/worker/**'], 'panels go through the store'],
    ],
    true,
  ),
  // Page entries compose the store with the worker client; still no tfjs on the main thread.
  layer(
    ['src/main.tsx', 'src/benchMain.ts'],
    [
      [TFJS, 'the main thread never loads tfjs'],
      [['**/engine/**', '**/worker/host/**'], 'the page reaches the worker only through messages'],
    ],
    true,
  ),
  // The command line runs in Node: presets, shared types and the engine (in its own workers),
  // never the page. Its main thread plans and reports; only its worker loads tfjs.
  {
    ...layer(
      ['src/cli/**'],
      [
        [[...UI_PACKAGES, ...TFJS], 'the CLI main thread has no UI and never loads tfjs'],
        [
          ['**/app/**', '**/panels/**', '**/store/**', '**/charts/**', '**/article/**'],
          'the command line knows no UI',
        ],
        [['**/worker/**'], 'the CLI has its own workers (src/cli/worker.ts)'],
        [['**/lab/**', '!**/lab/presets'], 'of the Lab, the CLI uses only its presets'],
      ],
    ),
    ignores: ['src/cli/worker.ts'],
  },
  layer(
    ['src/cli/worker.ts'],
    [
      [UI_PACKAGES, 'the CLI worker has no UI'],
      [
        ['**/app/**', '**/panels/**', '**/store/**', '**/charts/**', '**/article/**', '**/lab/**'],
        'the CLI worker knows no UI',
      ],
      [['**/worker/**'], 'the CLI has its own workers'],
    ],
  ),
  {
    files: ['tests/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  // In tests a wrong `!` fails the test loudly, which is what a test is for.
  { files: ['tests/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
);
