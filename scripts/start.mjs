// `npm start`: Azurite's table service (data in .azurite/), the Functions app (Core Tools' `func start`
// where installed, otherwise the project's dev host on the same port), the task pane dev server on
// https://localhost:3000, and the sample data on first start. Ctrl+C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, copyFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const FUNCTIONS_PORT = Number(process.env.SALESDESK_FUNCTIONS_PORT || 7071);
const TABLE_PORT = Number(process.env.SALESDESK_TABLE_PORT || 10002);
const children = [];

function log(msg) {
  console.log(`[salesdesk] ${msg}`);
}

function onPath(cmd) {
  return spawnSync(process.platform === 'win32' ? 'where' : 'which', [cmd], { stdio: 'ignore' }).status === 0;
}

function run(name, cmd, args, options) {
  const child = spawn(cmd, args, { stdio: 'inherit', ...options });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} stopped (${signal ?? code}); stopping the rest`);
      stop(1);
    }
  });
  return child;
}

async function waitFor(url, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (res.ok) return await res.json();
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

let stopping = false;
let azurite;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  if (azurite) await azurite.stop();
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));

log('building the Functions app (tsc -b functions)');
if (spawnSync('npx', ['tsc', '-b', 'functions'], { cwd: root, stdio: 'inherit' }).status !== 0)
  process.exit(1);

const { startAzurite } = require(join(root, 'functions/dist/src/devhost/azurite.js'));
const location = join(root, '.azurite');
mkdirSync(location, { recursive: true });
azurite = await startAzurite({ port: TABLE_PORT, location });
log(`Azurite table service on http://127.0.0.1:${azurite.port} (data in .azurite/)`);

const env = {
  ...process.env,
  SALESDESK_STORAGE: azurite.connectionString,
  AzureWebJobsStorage: azurite.connectionString,
  PORT: String(FUNCTIONS_PORT),
  // The 客户对账单 heading; the sample department's made-up name unless one is set.
  SALESDESK_COMPANY_NAME:
    process.env.SALESDESK_COMPANY_NAME || '湘江泵业有限公司（示例）|Xiangjiang Pumps Co., Ltd. (sample)',
};

// `func` is on PATH under npm (node_modules/.bin) whenever the azure-functions-core-tools package is
// installed, but its binary is only there if its download was allowed and worked: ask it.
const funcWorks =
  onPath('func') && spawnSync('func', ['--version'], { stdio: 'ignore', timeout: 30000 }).status === 0;
if (funcWorks) {
  const settings = join(root, 'functions/local.settings.json');
  if (!existsSync(settings)) copyFileSync(join(root, 'functions/local.settings.example.json'), settings);
  // `func start` serves only functions: the local token issuer (its JWKS for the functions' verifier,
  // its mint endpoint for the preview's role picker) runs on the next port, and both are told where.
  const { startLocalIssuerHost } = require(join(root, 'functions/dist/src/devhost/issuerHost.js'));
  const issuerHost = await startLocalIssuerHost({
    port: FUNCTIONS_PORT + 1,
    ...(process.env.SALESDESK_CORS_ORIGINS
      ? { corsOrigins: process.env.SALESDESK_CORS_ORIGINS.split(',').map((o) => o.trim()) }
      : {}),
  });
  Object.assign(env, issuerHost.env);
  log(`local token issuer: ${issuerHost.url} (JWKS ${env.SALESDESK_LOCAL_ISSUER_JWKS_URL})`);
  log('Azure Functions Core Tools found: func start');
  run('func', 'func', ['start', '--port', String(FUNCTIONS_PORT)], { cwd: join(root, 'functions'), env });
} else {
  log('Azure Functions Core Tools not found: serving the same handlers with the dev host');
  run('functions dev host', process.execPath, [join(root, 'functions/dist/src/devhost/main.js')], { env });
}

run(
  'task pane dev server',
  process.execPath,
  [require.resolve('webpack-cli/bin/cli.js'), 'serve', '--mode', 'development'],
  {
    cwd: join(root, 'addin'),
    env,
  },
);

const health = await waitFor(`http://localhost:${FUNCTIONS_PORT}/api/health`, 60000);
log(`Functions on http://localhost:${FUNCTIONS_PORT}/api (storage ${health.storage})`);

const seed = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/seed.ts')], {
  cwd: root,
  env: { ...env, SALESDESK_API: `http://localhost:${FUNCTIONS_PORT}/api` },
  stdio: 'inherit',
});
if (seed.status !== 0) log('seeding the sample data failed (see above); the product still runs');

log('ready:');
log(`  task pane (sideload manifest.xml in Excel):  https://localhost:3000/taskpane.html`);
log(`  browser preview (no Excel needed):          https://localhost:3000/preview.html`);
log(`  API health:                                  http://localhost:${FUNCTIONS_PORT}/api/health`);
log(`  a token for curl:                            npm run -s token -- Sales.Clerk`);
