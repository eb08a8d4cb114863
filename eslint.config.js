// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import pluginQuery from '@tanstack/eslint-plugin-query'
import globals from 'globals'

// Node built-ins by bare name (exact match); `node:*` specifiers are caught by a pattern.
const nodeBuiltins = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'http',
  'https',
  'crypto',
  'child_process',
  'url',
  'stream',
  'zlib',
  'worker_threads',
]

/** Process boundaries (ARCHITECTURE.md): what a folder may not import. */
const forbid = (message, names, groups) => ({
  paths: names.map((name) => ({ name, message })),
  patterns: [{ group: groups, message }],
})

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'data/',
      'tests/fixtures/',
      '.cache/',
      'cli/.build/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        forbid(
          'renderer/ ne parle pas à Node ni à electron : passer par renderer/src/platform.',
          ['electron', ...nodeBuiltins],
          ['node:*', 'electron/*'],
        ),
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        forbid(
          'core/ est indépendant du processus : ni electron, ni modules Node, ni React.',
          ['electron', 'react', 'react-dom', ...nodeBuiltins],
          ['node:*', 'electron/*', 'react/*', 'react-dom/*'],
        ),
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'localStorage',
        'indexedDB',
        'navigator',
        'process',
        'Buffer',
      ],
    },
  },
)
