// @ts-check
/**
 * Lint is where the layers of DESIGN.md are enforced (not review):
 *   core → shared; main, server, workers → core + shared; preload → shared; renderer → shared.
 * scripts/lint-boundaries.test.ts proves a deliberate violation fails.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronAndReact = [
  { name: 'electron', message: 'core and shared are pure Node/isomorphic: they never import Electron.' },
  { name: 'react', message: 'core and shared never import React.' },
  { name: 'react-dom', message: 'core and shared never import React.' },
];
const layer = (regex, message) => ({ regex, message });
const toRenderer = layer('(^|/)renderer(/|$)', 'Only the renderer imports the renderer.');
const toMainServerPreload = layer('(^|/)(main|server|preload|workers|mcp)(/|$)', 'Hosts depend on core, never the other way round.');
const toElectronFolder = layer('(^|/)electron(/|$)', 'This layer talks to core only through the IPC contract.');
/** ccxt belongs to the exchange seam (electron/core/exchange: ExchangeClient, LiveVenue); nothing else imports it. */
const noCcxt = {
  name: 'ccxt',
  message: 'Only electron/core/exchange/ uses ccxt: go through ExchangeClient (exchange/exchange-client.ts) or add what you need there.',
};
const toE2e = layer('(^|/)e2e(/|$)', 'Core never imports e2e/ (test fakes); only its tests and test-support/ may.');
/** Bare and node:-prefixed built-ins alike: `fs` is the same module as `node:fs`. */
const NODE_BUILTINS = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'worker_threads',
  'stream',
  'util',
  'zlib',
];
const sharedIsIsomorphic = NODE_BUILTINS.map((name) => ({ name, message: 'shared/ is isomorphic: no Node built-ins.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...electronAndReact, noCcxt], patterns: [toRenderer, toMainServerPreload] }],
    },
  },
  {
    // The exchange seam: the one folder that imports ccxt.
    files: ['electron/core/exchange/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: electronAndReact, patterns: [toRenderer, toMainServerPreload] }],
    },
  },
  {
    // Core's own code never reaches into e2e/ (its tests and test-support/ use the fake exchange).
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/**/*.test.ts', 'electron/core/**/test-support/**', 'electron/core/exchange/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...electronAndReact, noCcxt], patterns: [toRenderer, toMainServerPreload, toE2e] }],
    },
  },
  {
    files: ['electron/core/exchange/**/*.ts'],
    ignores: ['electron/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: electronAndReact, patterns: [toRenderer, toMainServerPreload, toE2e] }],
    },
  },
  {
    // An ExchangeClient's library instance (`client.ccxt`) is read only inside the exchange seam.
    files: ['electron/**/*.ts'],
    ignores: ['electron/core/exchange/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='ccxt']",
          message: 'Only electron/core/exchange/ reads ExchangeClient.ccxt: add a method to ExchangeClient instead.',
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...electronAndReact, noCcxt, ...sharedIsIsomorphic],
          patterns: [toRenderer, toElectronFolder, layer('^node:', 'shared/ is isomorphic: no Node built-ins.')],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/server/**/*.ts', 'electron/workers/**/*.ts', 'electron/mcp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noCcxt], patterns: [toRenderer, layer('(^|/)preload(/|$)', 'Hosts never import the preload.')] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'react', message: 'The preload is a short allow-list, no UI.' }, noCcxt],
          patterns: [toRenderer, layer('(^|/)(core|main|server|workers)(/|$)', 'The preload imports only shared/ and electron.')],
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
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: use the IPC client (renderer/lib/ipc).' }, noCcxt],
          patterns: [toElectronFolder, layer('^node:', 'The renderer runs in a browser sandbox: no Node built-ins.')],
        },
      ],
    },
  },
);
