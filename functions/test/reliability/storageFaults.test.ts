/**
 * Issue 13's storage faults on a real Azurite child process: frozen (SIGSTOP: connections are accepted,
 * nothing answers), thawed (SIGCONT), killed (SIGKILL) and restarted. Every request must end at the
 * storage deadline with 503 storage_unavailable, a write answered with an error must never land later
 * (checked after thawing and waiting past the deadline), and health must follow storage both ways.
 * The deadline is 1 s here (SALESDESK_STORAGE_TIMEOUT_MS), so each test takes a few seconds.
 */
import { tokenFor } from '../support/identity';
import { startAzurite, type RunningAzurite } from '../../src/devhost/azurite';
import { clearApprovalCache, openApprovalRepository } from '../../src/storage/approvalRepository';
import { CLERK, HEAD, samplePolicy, type Answer, type Problem } from '../support/api';
import { startTestHost, type TestHost } from '../support/http';

const DEADLINE_MS = 1000;
/** Far above the deadline: a request still open after this has hung (on main it hung for minutes). */
const HANG_MS = 8 * DEADLINE_MS;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('storage that hangs or dies', () => {
  let azurite: RunningAzurite;
  let host: TestHost & { close(): Promise<void> };
  const saved: Record<string, string | undefined> = {};

  const setEnv = (name: string, value: string) => {
    if (!(name in saved)) saved[name] = process.env[name];
    process.env[name] = value;
  };

  beforeAll(async () => {
    azurite = await startAzurite({ inMemory: true });
    setEnv('SALESDESK_STORAGE', azurite.connectionString);
    setEnv('SALESDESK_STORAGE_TIMEOUT_MS', String(DEADLINE_MS));
    setEnv('SALESDESK_DEV_IDENTITY', 'Sales.Manager');
    host = await startTestHost();
  });

  afterAll(async () => {
    await host.close();
    await azurite.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  /** The file's caller: a real token for the roles in SALESDESK_DEV_IDENTITY. */
  const defaultCaller = (): Record<string, string> => {
    const roles = process.env.SALESDESK_DEV_IDENTITY;
    return roles ? { authorization: `Bearer ${tokenFor('测试用户', roles.split(','))}` } : {};
  };

  async function call<T = Problem>(
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    // A hang fails the test with a TimeoutError instead of holding it for the host's minutes.
    const res = await fetch(`${host.baseUrl}/${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...defaultCaller(), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(HANG_MS),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  const approval = (ref: string) => ({
    ref,
    customer: '华东机电',
    model: 'QJ-200',
    minUnitPrice: 100,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
  });

  function expectStorageUnavailable(res: Answer<Problem>): void {
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('storage_unavailable');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.body.error.message['zh-CN']).toContain('服务暂时不可用');
    expect(res.body.error.message['zh-CN']).toContain('存储');
    expect(res.body.error.message['en-US']).toContain('storage');
  }

  /** Asks health until it says `storage` (at most ~3 deadlines), answering the last body. */
  async function healthUntil(storage: 'ok' | 'unreachable'): Promise<Record<string, unknown>> {
    let body: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 30 && body.storage !== storage; attempt++) {
      if (attempt > 0) await sleep(200);
      const res = await call<Record<string, unknown>>('GET', 'health');
      expect(res.status).toBe(200);
      body = res.body;
    }
    return body;
  }

  it('frozen: every route that touches storage answers 503 at the deadline, and the write never lands', async () => {
    // Tables exist and connections are pooled before the freeze, as in a running service.
    expect((await call('POST', 'approvals', approval('WARM-1'), HEAD)).status).toBe(201);
    expect((await call('GET', 'price-policy')).status).toBe(404);

    azurite.freeze();
    try {
      expectStorageUnavailable(await call('POST', 'approvals', approval('FROZEN-1'), HEAD));
      expectStorageUnavailable(await call('GET', 'approvals'));
      expectStorageUnavailable(await call('PUT', 'price-policy', samplePolicy(), HEAD));
      expectStorageUnavailable(
        await call('POST', 'prices/validate', { lines: [{ id: 1, model: 'QJ-200', qty: 1, unitPrice: 1 }] }),
      );
      expectStorageUnavailable(await call('GET', 'plans/2026'));
      expectStorageUnavailable(await call('GET', 'month-end'));
      // Ledger rows are every region's: the clerk's (a manager is refused before storage is asked).
      expectStorageUnavailable(await call('GET', 'ledgers/shipments/2026-03', undefined, CLERK));
    } finally {
      azurite.thaw();
    }
    // Azurite now reads what the kernel buffered while it was frozen; give it well past the deadline.
    await sleep(3 * DEADLINE_MS);

    clearApprovalCache();
    const repository = await openApprovalRepository();
    expect(await repository.get('FROZEN-1')).toBeNull();
    expect(await repository.get('WARM-1')).not.toBeNull();
    expect((await call('GET', 'price-policy')).status).toBe(404);
    // The caller was told to try again: that works, and stores it once.
    expect((await call('POST', 'approvals', approval('FROZEN-1'), HEAD)).status).toBe(201);
    expect((await call('POST', 'approvals', approval('FROZEN-1'), HEAD)).status).toBe(200);
  });

  it('frozen while a publish is in flight: the answer is the truth, whatever the moment', async () => {
    const before = await call<{ version?: number }>('GET', 'price-policy');
    const pending = call<{ version?: number }>('PUT', 'price-policy', samplePolicy(), HEAD);
    await sleep(5);
    azurite.freeze();
    const answer = await pending;
    azurite.thaw();
    await sleep(3 * DEADLINE_MS);

    const after = await call<{ version?: number }>('GET', 'price-policy');
    if (answer.status === 201) {
      expect(after.body.version).toBe(answer.body.version);
    } else {
      expectStorageUnavailable(answer as unknown as Answer<Problem>);
      expect(after.status).toBe(before.status);
      expect(after.body.version).toBe(before.body.version);
    }
  });

  it('health follows storage: unreachable while frozen, ok again once thawed, with the finding’s age', async () => {
    expect(await healthUntil('ok')).toMatchObject({ status: 'ok', storage: 'ok' });
    azurite.freeze();
    try {
      const down = await healthUntil('unreachable');
      expect(down).toMatchObject({ status: 'ok', storage: 'unreachable' });
      expect(Date.parse(String(down.checkedAt))).not.toBeNaN();
      expect(down.ageMs).toEqual(expect.any(Number));
    } finally {
      azurite.thaw();
    }
    expect(await healthUntil('ok')).toMatchObject({ storage: 'ok' });
  });

  it('killed: 503 at once, health unreachable; restarted on the same port: health and routes recover', async () => {
    const port = azurite.port;
    await azurite.kill();
    expectStorageUnavailable(await call('POST', 'approvals', approval('KILLED-1'), HEAD));
    expectStorageUnavailable(await call('GET', 'approvals'));
    expect(await healthUntil('unreachable')).toMatchObject({ storage: 'unreachable' });

    azurite = await startAzurite({ inMemory: true, port });
    expect(await healthUntil('ok')).toMatchObject({ storage: 'ok' });
    const read = await call('GET', 'price-policy');
    expect(read.status).toBeLessThan(500);
  });
});
