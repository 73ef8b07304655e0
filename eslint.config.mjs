// Lint rules for both workspaces: typescript-eslint's recommended set plus React hooks.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import officeAddins from 'eslint-plugin-office-addins';

// eslint-plugin-office-addins: its `recommended` config also swaps in its own parser (typescript-eslint
// 8.8), ecmaVersion 6 and prettier as a lint rule, which would fight ours, so we take its Office.js rules
// at the severities it recommends, less five that misread our adapter: the sync and load-before-read rules
// do not see a sync made through a helper (`syncOrExplain`) and count navigation properties
// (`conditionalFormats`) and computed `load(...)` arguments as unloaded or empty; the chunked read syncs
// once per chunk in its loop on purpose. 53 false reports on officeWorkbook.ts, 0 real ones.
const MISREAD = new Set([
  'office-addins/call-sync-after-load',
  'office-addins/call-sync-before-read',
  'office-addins/load-object-before-read',
  'office-addins/no-empty-load',
  'office-addins/no-context-sync-in-loop',
]);
const officeRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((config) => Object.entries(config.rules ?? {}))
    .filter(([name]) => name.startsWith('office-addins/'))
    .map(([name, level]) => [name, MISREAD.has(name) ? 'off' : level]),
);

const NO_EXCEL = {
  name: 'Excel',
  message: 'Only addin/src/workbook/ talks to Office.js Excel: use the WorkbookAdapter.',
};
const NO_NETWORK = ['fetch', 'XMLHttpRequest'].map((name) => ({
  name,
  message:
    'Only addin/src/api/ (and the sign-in adapters in addin/src/auth/) call the network: use the ApiClient.',
}));

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      '.azurite/**',
      'samples/*.xlsx',
      'docs/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['addin/src/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
  // Layering the import graph cannot see (Office.js and fetch are globals): docs/architecture.md.
  {
    files: ['addin/src/**/*.{ts,tsx}'],
    ignores: ['addin/src/workbook/**', 'addin/src/api/**', 'addin/src/auth/**'],
    rules: { 'no-restricted-globals': ['error', NO_EXCEL, ...NO_NETWORK] },
  },
  {
    files: ['addin/src/workbook/**/*.{ts,tsx}'],
    rules: { 'no-restricted-globals': ['error', ...NO_NETWORK] },
  },
  {
    // The API client, and sign-in (Entra, the local issuer): the other doors to the network.
    files: ['addin/src/api/**/*.{ts,tsx}', 'addin/src/auth/**/*.{ts,tsx}'],
    rules: { 'no-restricted-globals': ['error', NO_EXCEL] },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        require: 'readonly',
        fetch: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
