// scripts/seed.ts as `npm start` runs it (a child process with SALESDESK_API), against the dev host on
// an in-memory Azurite: the first run publishes the sample policy and registers the sample approvals,
// the second changes nothing.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useAzurite as withAzurite } from '../../../functions/test/support/azurite';
import { useDevHost as withDevHost } from '../../../functions/test/support/http';
import { CLERK, tokenFor } from '../../../functions/test/support/api';

const root = join(__dirname, '..', '..', '..');
// The seed signs in as the head with the token it is given (npm start gives it one of the local issuer).
const HEAD_TOKEN = () => tokenFor('王部长', ['Sales.Head', 'Sales.Clerk', 'Finance']);

withAzurite();
const host = withDevHost();

function runSeed(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/seed.ts')], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${host.baseUrl}${path}`, { headers: { ...CLERK } });
  return { status: res.status, body: (await res.json()) as T };
}

interface Versions {
  versions: { version: number; publishedBy: string }[];
}
interface Approvals {
  approvals: { ref: string; minUnitPrice: number; customer: string; model: string }[];
}

describe('scripts/seed.ts', () => {
  it('publishes the sample policy once, registers the approvals once, and leaves both alone after', async () => {
    expect((await get('/price-policy')).status).toBe(404);

    const first = await runSeed({ SALESDESK_API: host.baseUrl, SALESDESK_TOKEN: HEAD_TOKEN() });
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('published the sample price policy as version 1');
    expect(first.out).toContain(
      'approvals: 3 registered (SP-2026-014, SP-2026-031, SP-2026-047), 0 already there',
    );

    const expected = JSON.parse(readFileSync(join(root, 'samples/expected.json'), 'utf8')) as {
      policy: { products: unknown[]; rules: unknown[]; discountCaps: unknown };
    };
    const current = await get<{ version: number; policy: typeof expected.policy }>('/price-policy');
    expect(current.status).toBe(200);
    expect(current.body.version).toBe(1);
    expect(current.body.policy.products).toEqual(expected.policy.products);
    expect(current.body.policy.discountCaps).toEqual(expected.policy.discountCaps);
    expect(current.body.policy.rules).toHaveLength(expected.policy.rules.length);
    const approvals = await get<Approvals>('/approvals');
    expect(approvals.body.approvals.map((a) => [a.ref, a.minUnitPrice]).sort()).toEqual([
      ['SP-2026-014', 10100],
      ['SP-2026-031', 3620],
      ['SP-2026-047', 571],
    ]);

    const second = await runSeed({ SALESDESK_API: host.baseUrl, SALESDESK_TOKEN: HEAD_TOKEN() });
    expect(second.code).toBe(0);
    expect(second.out).toContain('already published (version 1');
    expect(second.out).toContain('left alone');
    expect(second.out).toContain('approvals: 0 registered, 3 already there');
    expect((await get<Versions>('/price-policy/versions')).body.versions).toHaveLength(1);
    expect((await get<Approvals>('/approvals')).body.approvals).toHaveLength(3);

    // Month-end: every sample month synced and run once; the second seed makes no new report.
    const sample = JSON.parse(readFileSync(join(root, 'samples/expected.json'), 'utf8')) as {
      monthEnd: { months: string[]; perMonth: Record<string, { differences: unknown[] }> };
    };
    for (const month of sample.monthEnd.months) {
      const n = sample.monthEnd.perMonth[month]?.differences.length;
      expect(first.out).toContain(`month-end ${month}:`);
      expect(first.out).toContain(`report version 1 (new), ${n} differences`);
      const report = await get<{ version: number; reconciliation: { differences: unknown[] } }>(
        `/month-end/${month}`,
      );
      expect(report.status).toBe(200);
      expect(report.body.version).toBe(1);
      expect(report.body.reconciliation.differences).toHaveLength(n ?? -1);
    }
    expect(second.out).toContain('(0 changed), report version 1 (unchanged)');
    // Receivables: 期初余额 once (2025-12) and all twelve months of orders, shipments and receipts, then
    // nothing new.
    expect(first.out).toContain(
      'receivables (as of 2026-12-31): 33 opening balances, 37 ledger months synced (37 changed)',
    );
    expect(second.out).toContain('37 ledger months synced (0 changed)');
  }, 180_000);

  it('fails with a message and exit code 1 when the API cannot be reached', async () => {
    const run = await runSeed({ SALESDESK_API: 'http://127.0.0.1:9/api' });
    expect(run.code).toBe(1);
    expect(run.err).toContain('the API cannot be reached');
  }, 30_000);

  it('fails when SALESDESK_API is not set', async () => {
    const env = { ...process.env };
    delete env.SALESDESK_API;
    const run = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/seed.ts')], {
        cwd: root,
        env,
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(run.code).toBe(1);
    expect(run.err).toContain('set SALESDESK_API');
  }, 30_000);
});
