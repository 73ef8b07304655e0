// The layering of docs/architecture.md, kept by `npm run lint` (depcruise) and by
// functions/test/architecture/layering.test.ts. Each rule names the layer and why it may not reach up.
const F = '^functions/src/';
const A = '^addin/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes load order matter and hides which module owns what.',
      from: { path: '^(functions|addin)/src/' },
      to: { circular: true },
    },
    {
      name: 'contract-is-the-bottom',
      severity: 'error',
      comment:
        'contract/ is the wire shape both sides import (schemas, caps, bilingual text, the error base): ' +
        'it may import only itself (and zod).',
      from: { path: `${F}contract/` },
      to: { path: `${F}(?!contract/)` },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'domain/ is the pure rules, shared with the add-in on purpose: it may import contract/ and ' +
        'itself, never storage, http, handlers or hosts.',
      from: { path: `${F}domain/` },
      to: { path: `${F}(?!domain/|contract/)` },
    },
    {
      name: 'storage-below-http',
      severity: 'error',
      comment: 'storage/ adapts Table Storage; it knows the domain and the contract, not HTTP or handlers.',
      from: { path: `${F}storage/` },
      to: { path: `${F}(http|functions|devhost)/|${F}(routes|index)\\.ts$` },
    },
    {
      name: 'http-below-handlers',
      severity: 'error',
      comment: 'http/ is the plumbing every handler shares; it never reaches into a handler or a host.',
      from: { path: `${F}http/` },
      to: { path: `${F}(functions|devhost)/|${F}(routes|index)\\.ts$` },
    },
    {
      name: 'handlers-below-routes',
      severity: 'error',
      comment: 'Handlers are registered by routes.ts; a handler importing the table or a host is a circle.',
      from: { path: `${F}functions/` },
      to: { path: `${F}devhost/|${F}(routes|index)\\.ts$` },
    },
    {
      name: 'addin-imports-only-contract-and-domain',
      severity: 'error',
      comment:
        'The add-in shares the wire contract and the pure domain with the API; storage, HTTP plumbing, ' +
        'handlers and hosts run on the server only.',
      from: { path: A },
      to: { path: '^functions/src/(?!contract/|domain/)' },
    },
    {
      name: 'functions-never-import-addin',
      severity: 'error',
      comment: 'The API does not depend on the add-in.',
      from: { path: '^functions/' },
      to: { path: '^addin/' },
    },
    {
      name: 'addin-core-not-ui',
      severity: 'error',
      comment:
        'Workflows (addin/src/<job>/), sheets, workbook, api and customfunctions do not import the pane ' +
        'components (taskpane/**/*.tsx) or the preview: components call workflows, never the other way ' +
        'round. (taskpane/settings/userSettings.ts is plain code the custom functions read too.)',
      from: { path: `${A}(?!taskpane/|preview/)` },
      to: { path: `${A}(taskpane/.*\\.tsx$|preview/)` },
    },
    {
      name: 'src-never-imports-tests',
      severity: 'error',
      comment: 'Shipped code never imports tests.',
      from: { path: '^(functions|addin)/src/' },
      to: { path: '^(functions|addin)/test/' },
    },
    {
      name: 'bench-builds-its-own-data',
      severity: 'error',
      comment:
        'The bench builds its own data; it may reuse the test harness (test/**/support/, the fake Excel), ' +
        'never test data. (scripts/fuzz.ts runs the test fuzzer on purpose.)',
      from: { path: '^scripts/bench' },
      to: { path: '^(functions|addin)/test/', pathNot: '/support/|/fakeExcel\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
