import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import pressroom from './eslint-rules/layer-imports.js';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
];

/**
 * The layer direction of ARCHITECTURE §2, enforced rather than described: static imports by no-restricted-imports,
 * `import()`, `typeof import()` and require (plain or made by createRequire) by eslint-rules/layer-imports.js, with
 * the same patterns. `computed`: a computed module name is refused too (the pure layers).
 */
const layerRule = (patterns, { computed = false } = {}) => ({
  'no-restricted-imports': ['error', { patterns }],
  'pressroom/layer-imports': ['error', { patterns, computed }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { pressroom },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Playwright fixtures declare their dependencies with an object pattern, empty when there are none.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: layerRule(
      [
        { group: nodeBuiltins, message: 'src-shared runs in the renderer too: no Node modules.' },
        {
          group: ['electron', 'react', 'react-dom', 'react-*'],
          message: 'src-shared is pure: no Electron, no React.',
        },
        {
          group: ['**/src-main/**', '**/src-renderer/**'],
          message: 'src-shared imports neither main nor renderer.',
        },
      ],
      { computed: true },
    ),
  },
  {
    // The renderers meet pasted megabytes: a spread into a call puts every item on the stack, and 100,000 lines of
    // one field overflowed it (issue 13). Loop, or use text-wrap.ts's append().
    files: ['src-shared/render/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression > SpreadElement',
          message:
            'No spread arguments in the renderers: a huge field overflows the stack. Loop or use append().',
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layerRule(
      [
        {
          group: [...nodeBuiltins, 'electron'],
          message: 'The renderer reaches the main side only through src/api.ts.',
        },
        { group: ['**/src-main/**'], message: 'The renderer may import src-shared, never src-main.' },
      ],
      { computed: true },
    ),
  },
  {
    files: ['src-main/services/**/*.ts', 'src-main/web/**/*.ts', 'src-main/*.ts'],
    rules: layerRule([
      {
        group: ['electron'],
        message: 'Services run under Vitest and in the browser host: no Electron here.',
      },
      {
        group: ['**/electron/**', '../electron', './electron'],
        message: 'Only the Electron entry imports src-main/electron.',
      },
      { group: ['**/src-renderer/**'], message: 'Nothing imports the renderer.' },
    ]),
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: layerRule([{ group: ['**/src-renderer/**'], message: 'Nothing imports the renderer.' }]),
  },
  {
    files: ['tests/**/*.ts'],
    ignores: ['tests/unit/electron-shell/**'],
    rules: layerRule([
      {
        group: ['**/src-main/electron/**'],
        message: 'Tests run without Electron; only tests/electron may load the shell.',
      },
    ]),
  },
);
