/**
 * `npm run bench`: starts an in-memory Azurite and the dev host in this process, then measures the
 * department's heavy paths through real HTTP, as the add-in would call them. Prints a table and
 * writes .bench/results.json. Numbers are for this machine; compare runs, not absolute values.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { startAzurite } from '../functions/src/devhost/azurite';
import { createDevHost } from '../functions/src/devhost/host';
import { httpRoutes } from '../functions/src/routes';
import { benchPlans } from './bench/plans';
import { benchPricing } from './bench/pricing';
import { benchSheets } from './bench/sheets';

interface Row {
  name: string;
  ms: number;
  note: string;
  [k: string]: unknown;
}

async function main() {
  const azurite = await startAzurite({ port: 0, inMemory: true });
  process.env.SALESDESK_STORAGE = azurite.connectionString;
  process.env.SALESDESK_DEV_IDENTITY = 'Sales.Head';
  const host = await createDevHost({ routes: httpRoutes, port: 0, log: () => undefined });
  const baseUrl = `${host.url}/api`;
  const headers = { 'x-salesdesk-dev-roles': 'Sales.Head' };
  const rows: Row[] = [];
  try {
    for (const [area, run] of [
      ['pricing', () => benchPricing({ baseUrl, headers })],
      ['plans', () => benchPlans({ baseUrl, headers })],
      ['sheets', () => benchSheets()],
    ] as const) {
      const results = (await run()) as Row[];
      for (const r of results) rows.push({ area, ...r });
    }
  } finally {
    await host.close();
    await azurite.stop();
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(
    `SalesDesk bench — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`,
  );
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.ms.toFixed(0).padStart(7)} ms  ${r.note}`);
  const dir = join(__dirname, '..', '.bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'results.json'),
    JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
