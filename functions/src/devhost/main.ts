/**
 * `node dist/src/devhost/main.js [--azurite[=<dir>]]` — the dev host on PORT (default 7071).
 * Like `func start`, it reads `Values` from functions/local.settings.json into the environment
 * (variables already set win). With `--azurite` it also starts Azurite's table service with data
 * in <dir> (default functions/../.azurite) on port 10002 and points SALESDESK_STORAGE at it.
 * Unless Entra ID is configured (SALESDESK_AUTH_TENANT_IDS), callers sign in with tokens of the local
 * issuer (key pair in .salesdesk/local-issuer/, JWKS served at /local-issuer/jwks.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_ISSUER_PATH, openLocalIssuer } from '../auth/localIssuer';
import { assertSafeStartup } from '../auth/startup';
import { httpRoutes, timers } from '../routes';
import { startAzurite, type RunningAzurite } from './azurite';
import { createDevHost, DEFAULT_CORS_ORIGINS } from './host';

/** functions/ whether we run from src/devhost (tsx) or dist/src/devhost (compiled). */
function functionsDir(): string {
  const candidates = [path.resolve(__dirname, '../..'), path.resolve(__dirname, '../../..')];
  return candidates.find((dir) => existsSync(path.join(dir, 'host.json'))) ?? process.cwd();
}

function loadLocalSettings(dir: string): void {
  const file = path.join(dir, 'local.settings.json');
  if (!existsSync(file)) return;
  const settings = JSON.parse(readFileSync(file, 'utf8')) as { Values?: Record<string, unknown> };
  for (const [name, value] of Object.entries(settings.Values ?? {})) {
    if (process.env[name] === undefined && typeof value === 'string') process.env[name] = value;
  }
}

async function main(): Promise<void> {
  const dir = functionsDir();
  loadLocalSettings(dir);
  assertSafeStartup();
  // Tokens from the local issuer unless Entra ID is configured (a developer trying real sign-in).
  const localIssuer = process.env.SALESDESK_AUTH_TENANT_IDS ? undefined : openLocalIssuer();

  let azurite: RunningAzurite | undefined;
  const azuriteArg = process.argv.slice(2).find((a) => a === '--azurite' || a.startsWith('--azurite='));
  if (azuriteArg) {
    const location = azuriteArg.includes('=')
      ? path.resolve(azuriteArg.slice('--azurite='.length))
      : path.resolve(dir, '../.azurite');
    azurite = await startAzurite({
      port: Number(process.env.SALESDESK_AZURITE_TABLE_PORT ?? 10002),
      location,
    });
    process.env.SALESDESK_STORAGE = azurite.connectionString;
    console.log(`Azurite (table) on port ${azurite.port}, data in ${location}`);
  }

  const corsOrigins = process.env.SALESDESK_CORS_ORIGINS
    ? process.env.SALESDESK_CORS_ORIGINS.split(',').map((o) => o.trim())
    : [...DEFAULT_CORS_ORIGINS];
  const host = await createDevHost({
    routes: httpRoutes,
    timers,
    port: Number(process.env.PORT ?? 7071),
    host: process.env.SALESDESK_DEV_HOST ?? '127.0.0.1',
    corsOrigins,
    ...(localIssuer ? { localIssuer } : {}),
  });
  if (localIssuer) {
    // The dev host verifies tokens exactly as Azure does, against the JWKS it serves itself.
    process.env.SALESDESK_LOCAL_ISSUER_JWKS_URL = `${host.url}${LOCAL_ISSUER_PATH}/jwks.json`;
    console.log(`Local token issuer: JWKS ${process.env.SALESDESK_LOCAL_ISSUER_JWKS_URL}`);
    console.log(`  a token for a role: npm run token -- Sales.Clerk`);
  }
  console.log(`SalesDesk functions (dev host) listening on ${host.url}/api`);
  for (const r of httpRoutes) console.log(`  ${r.methods.join(',').padEnd(12)} ${host.url}/api/${r.route}`);
  for (const t of timers)
    console.log(`  timer ${t.name} (${t.schedule}): POST ${host.url}/admin/functions/${t.name}`);
  console.log(`  CORS: ${corsOrigins.join(', ')}`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    Promise.all([host.close(), azurite?.stop()])
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error(err);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
