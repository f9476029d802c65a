// Lint also enforces the dependency direction of DESIGN.md: renderer -> shared <- main,
// core imports no backend, server or shell, the shared rollout controller imports no backend, and only
// the Electron shell imports 'electron'.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'bench/results/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        {
          group: ['**/main/**', 'electron', 'node:*'],
          message: 'The renderer talks to main only through the API bridge.',
        },
      ]),
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([
      { group: ['**/main/**', '**/renderer/**', 'electron', 'node:*'], message: 'shared is pure.' },
    ]),
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: restrict([
      {
        group: [
          '**/backends/**',
          '**/server/**',
          '**/sandbox/**',
          '**/electron/**',
          'electron',
          'fastify',
          'ws',
          'node:http',
          'commander',
        ],
        message: 'core knows only its own interfaces.',
      },
    ]),
  },
  {
    // The sandbox is a shell-level tool (processes, files, ports): it uses core's workspace and config,
    // and nothing of the control room's shells, backends or wiring.
    files: ['src/main/sandbox/**/*.ts'],
    rules: restrict([
      {
        group: ['**/backends/**', '**/server/**', '**/compose/**', '**/cli/**', '**/electron/**', 'electron'],
        message: 'the sandbox stands beside the control room, not inside it.',
      },
    ]),
  },
  {
    files: ['src/main/backends/rollout-controller/**/*.ts'],
    rules: restrict([
      {
        group: ['**/simulator/**', '**/haproxy/**', 'electron', '**/electron/**'],
        message: 'The rollout controller is backend-neutral: backends import it, not the other way.',
      },
    ]),
  },
  {
    files: [
      'src/main/backends/**/*.ts',
      'src/main/server/**/*.ts',
      'src/main/cli.ts',
      'src/main/cli/**/*.ts',
    ],
    rules: restrict([
      {
        group: ['electron', '**/electron/**'],
        message: "Only src/main/index.ts and src/main/electron/ import 'electron'.",
      },
    ]),
  },
);
