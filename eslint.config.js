// Lint rules double as architecture rules: where code may run is enforced here (ARCHITECTURE.md, "Boundaries").
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Matched as a regex against the import specifier, so "../util/money" is not mistaken for "util".
const NODE_BUILTIN =
  '^(node:.*|fs(/.*)?|path|os|child_process|https?|crypto|url|stream|util|net|worker_threads|zlib)$';

export default defineConfig([
  globalIgnores(['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**']),
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: NODE_BUILTIN, message: 'core/ is pure: no Node built-ins. Do I/O in main/ or cli/.' },
            { group: ['electron', 'electron/*'], message: 'core/ must not import electron.' },
            {
              group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*'],
              message: 'core/ must not import UI libraries.',
            },
            {
              group: ['**/main/**', '**/renderer/**', '**/cli/**'],
              message: 'core/ must not import the shells.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'sessionStorage',
        'fetch',
        'process',
        'Buffer',
        'require',
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', 'react', 'react-dom', '@xyflow/*'],
              message: 'main/ must not import the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/cli/**', 'electron'],
              message: 'renderer/ reaches its host only through renderer/api.ts.',
            },
            { regex: NODE_BUILTIN, message: 'renderer/ runs in a sandboxed page: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['cli/**/*.ts', 'scripts/**/*.{ts,mjs}', 'test/**/*.ts', '*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The CLI may reuse main/services (plain Node: files, PDF, pricing API) but never Electron or the renderer.
    files: ['cli/**/*.ts', 'main/services/**/*.ts', 'main/handlers/**/*.ts', 'main/web-host.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', 'electron', 'react', '@xyflow/*'],
              message: 'Node-side shared code must run without Electron and without the renderer.',
            },
          ],
        },
      ],
    },
  },
]);
