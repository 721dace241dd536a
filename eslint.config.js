// Type-aware lint for the whole project. The pure cores (search, template, scheduler) may not
// import storage, HTTP or API code: that keeps them testable on plain data.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureCoreRestriction = {
  patterns: [
    {
      group: ['**/storage/**', '**/http/**', '**/api/**', '**/collection/**', 'better-sqlite3', 'node:http'],
      message: 'pure cores (search, template, scheduler) must not depend on storage, HTTP or the API',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', 'dist/', 'tmp/', '.anki-venv/', '.zig-venv/', 'prebuilds/', 'src/storage/proto/gen/', 'bin/', 'scripts/run-tests.mjs', 'scripts/copy-web.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test() and describe() return promises the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'describe', 'it', 'suite'], package: 'node:test' }] },
      ],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/search/**/*.ts', 'src/template/**/*.ts', 'src/scheduler/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', pureCoreRestriction] },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'test-anki/**/*.ts', 'test-install/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  {
    // The package's install step: plain JavaScript, as it runs before anything is compiled.
    files: ['native/**/*.mjs'],
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly' },
    },
    rules: tseslint.configs.disableTypeChecked.rules,
  },
  {
    // The web UI's plain browser modules (no build step): JavaScript's recommended rules with
    // the browser globals they use; they are not TypeScript, so the type-aware rules stay off.
    files: ['src/gui/web/**/*.js'],
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'document', 'window', 'location', 'localStorage', 'fetch', 'URLSearchParams', 'EventSource', 'Event', 'FormData',
          'FileReader', 'DOMParser', 'Node', 'Element', 'HTMLElement', 'HTMLButtonElement', 'Audio', 'getSelection',
          'setTimeout', 'clearTimeout', 'console',
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
);
