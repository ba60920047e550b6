// Lint rules. The architecture (which folder may import which) is .dependency-cruiser.cjs's
// allow-list, run by `npm run lint` after ESLint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
  // zod only through src/shared/zod.ts, which configures it for the Content-Security-Policy;
  // zustand's shallow comparison not at all (see src/page/store/shallowEqual.ts).
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
              message:
                'use shallowEqual from src/page/store: zustand compares arrays by building Maps',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  // In tests a wrong `!` fails the test loudly, which is what a test is for.
  { files: ['tests/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
);
