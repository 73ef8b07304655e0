/**
 * `npm run bench`: measures the department's heavy paths through real HTTP, as the add-in would call them.
 * Prints a table and writes .bench/results.json. Numbers are for this machine; compare runs, not absolute
 * values.
 *
 * The dev host runs in a child process (as in reality: the add-in and the Functions host are different
 * machines), with an in-memory Azurite in a third process. So the HTTP rows time client and server working
 * concurrently on this machine's 2 cores; each process's CPU time is printed beside them.
 * `npm run bench -- --in-process` runs the dev host in the bench's own process instead (one core for
 * client and server, the old way), to compare.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { LOCAL_ISSUER_PATH, openLocalIssuer } from '../functions/src/auth/localIssuer';
import { startAzurite } from '../functions/src/devhost/azurite';
import { createDevHost, type DevHost } from '../functions/src/devhost/host';
import { httpRoutes } from '../functions/src/routes';
import { benchPlans } from './bench/plans';
import { benchPriceCheckRun } from './bench/priceCheckRun';
import { benchPricing, type ServerCpu } from './bench/pricing';
import { benchSheets } from './bench/sheets';
import { benchMonthEnd } from './bench/monthEnd';
import { benchReceivables } from './bench/receivables';

interface Row {
  name: string;
  ms: number;
  note: string;
  [k: string]: unknown;
}

/** Messages between the bench and its dev host child. */
type ToHost = { readonly kind: 'cpu'; readonly id: number } | { readonly kind: 'stop' };
type FromHost =
  | { readonly kind: 'ready'; readonly url: string }
  | { readonly kind: 'cpu'; readonly id: number; readonly ms: number };

const SERVE_FLAG = '--serve-dev-host';

/** Child side: serve the routes until told to stop; answer CPU-time questions. */
async function serveChild(): Promise<void> {
  const host = await serveWithLocalIssuer();
  const send = (message: FromHost) => process.send?.(message);
  process.on('message', (message: ToHost) => {
    if (message.kind === 'cpu') {
      const used = process.cpuUsage();
      send({ kind: 'cpu', id: message.id, ms: (used.user + used.system) / 1000 });
    } else {
      void host.close().finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ kind: 'ready', url: host.url });
}

/** The dev host with the local issuer, verifying tokens as `npm start` does (signature checks included). */
async function serveWithLocalIssuer(): Promise<DevHost> {
  const host = await createDevHost({
    routes: httpRoutes,
    port: 0,
    log: () => undefined,
    localIssuer: openLocalIssuer(),
  });
  process.env.SALESDESK_LOCAL_ISSUER_JWKS_URL = `${host.url}${LOCAL_ISSUER_PATH}/jwks.json`;
  return host;
}

interface RunningHost {
  readonly url: string;
  readonly where: string;
  readonly serverCpu?: ServerCpu;
  close(): Promise<void>;
}

async function hostInChild(env: NodeJS.ProcessEnv): Promise<RunningHost> {
  const child: ChildProcess = fork(__filename, [SERVE_FLAG], {
    env,
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`The dev host child exited (${code}) before it was ready.`)),
    );
    child.on('message', (message: FromHost) => {
      if (message.kind === 'ready') resolve(message.url);
    });
  });
  child.removeAllListeners('exit');
  let nextId = 0;
  const serverCpu: ServerCpu = () =>
    new Promise((resolve) => {
      const id = nextId++;
      const onMessage = (message: FromHost) => {
        if (message.kind === 'cpu' && message.id === id) {
          child.off('message', onMessage);
          resolve(message.ms);
        }
      };
      child.on('message', onMessage);
      child.send({ kind: 'cpu', id } satisfies ToHost);
    });
  return {
    url,
    where: `dev host in a child process (pid ${child.pid})`,
    serverCpu,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ kind: 'stop' } satisfies ToHost);
      }),
  };
}

async function hostInProcess(): Promise<RunningHost> {
  const host: DevHost = await serveWithLocalIssuer();
  return {
    url: host.url,
    where: 'dev host in the bench process (client and server share one core)',
    close: () => host.close(),
  };
}

async function main() {
  const azurite = await startAzurite({ port: 0, inMemory: true });
  process.env.SALESDESK_STORAGE = azurite.connectionString;
  const inProcess = process.argv.includes('--in-process');
  let host: RunningHost | undefined;
  let where = '';
  const rows: Row[] = [];
  try {
    host = inProcess ? await hostInProcess() : await hostInChild({ ...process.env });
    where = host.where;
    const baseUrl = `${host.url}/api`;
    // A real token of the local issuer (the same key file as the host's): `npm run token -- Sales.Head`.
    const headers = {
      authorization: `Bearer ${openLocalIssuer().mint({ roles: ['Sales.Head'], name: 'bench' })}`,
    };
    const serverCpu = host.serverCpu;
    // `npm run bench -- --only=monthEnd` or `--only=pricing,priceCheck` runs some areas.
    const only = process.argv
      .find((a) => a.startsWith('--only='))
      ?.slice('--only='.length)
      .split(',');
    for (const [area, run] of [
      ['pricing', () => benchPricing({ baseUrl, headers, ...(serverCpu ? { serverCpu } : {}) })],
      ['priceCheck', () => benchPriceCheckRun({ baseUrl, headers })],
      ['plans', () => benchPlans({ baseUrl, headers })],
      ['sheets', () => benchSheets()],
      ['monthEnd', () => benchMonthEnd({ baseUrl, ...(serverCpu ? { serverCpu } : {}) })],
      ['receivables', () => Promise.resolve(benchReceivables())],
    ] as const) {
      if (only && !only.includes(area)) continue;
      const results = (await run()) as Row[];
      for (const r of results) rows.push({ area, ...r });
    }
  } finally {
    await host?.close();
    await azurite.stop();
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(
    `SalesDesk bench — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); ${where}`,
  );
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.ms.toFixed(0).padStart(7)} ms  ${r.note}`);
  const dir = join(__dirname, '..', '.bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'results.json'),
    JSON.stringify({ at: new Date().toISOString(), node: process.version, host: where, rows }, null, 2),
  );
}

(process.argv.includes(SERVE_FLAG) ? serveChild() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
