/**
 * `npm run fuzz [-- --count 20000 --seed 13 --concurrency 4]`: the seeded fuzzer of
 * functions/test/reliability/fuzzer.ts against a fresh in-memory Azurite and the dev host on 127.0.0.1.
 * Prints requests, answers by status, 5xx and hangs, and the first failures; exits 1 if any.
 */
import { startAzurite } from '../functions/src/devhost/azurite';
import { createDevHost } from '../functions/src/devhost/host';
import { httpRoutes } from '../functions/src/routes';
import { fuzz } from '../functions/test/reliability/fuzzer';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

async function main(): Promise<void> {
  const count = option('count', 20_000);
  const seed = option('seed', 13);
  const concurrency = option('concurrency', 4);
  const azurite = await startAzurite({ inMemory: true });
  process.env.SALESDESK_STORAGE = azurite.connectionString;
  process.env.SALESDESK_DEV_IDENTITY ??= 'Sales.Head'; // a manager without a region is refused the per-region routes
  const host = await createDevHost({ routes: httpRoutes, port: 0, log: () => undefined });
  const started = Date.now();
  try {
    const report = await fuzz({
      baseUrl: `${host.url}/api`,
      seed,
      count,
      concurrency,
      onProgress: (done) => {
        if (done % 1000 === 0) process.stdout.write(`  ${done} / ${count}\n`);
      },
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `\nfuzz: seed ${report.seed}, ${report.requests} requests in ${seconds} s (${concurrency} in flight)`,
    );
    console.log(`answers by status: ${JSON.stringify(report.byStatus)}`);
    console.log(`routes: ${Object.keys(report.byRoute).length} (${JSON.stringify(report.byRoute)})`);
    console.log(`5xx: ${report.serverErrors}, hangs: ${report.hangs}, connection errors: ${report.errors}`);
    for (const failure of report.failures)
      console.log(`  ${failure.status}  ${failure.request}\n      → ${failure.answer}`);
    process.exitCode = report.serverErrors + report.hangs + report.errors > 0 ? 1 : 0;
  } finally {
    await host.close();
    await azurite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
