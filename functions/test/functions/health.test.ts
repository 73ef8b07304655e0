import net from 'node:net';
import { startAzurite, type RunningAzurite } from '../../src/devhost/azurite';
import { azuriteConnectionString } from '../../src/storage/client';
import { version } from '../../src/version';
import { startTestHost, type TestHost } from '../support/http';

describe('GET /api/health on the dev host', () => {
  let azurite: RunningAzurite;
  let host: TestHost & { close(): Promise<void> };
  let previous: string | undefined;

  beforeAll(async () => {
    // Not useAzurite(): this test stops Azurite halfway through.
    azurite = await startAzurite({ inMemory: true });
    previous = process.env.SALESDESK_STORAGE;
    process.env.SALESDESK_STORAGE = azurite.connectionString;
    host = await startTestHost();
  });

  afterAll(async () => {
    await host.close();
    await azurite.stop();
    if (previous === undefined) delete process.env.SALESDESK_STORAGE;
    else process.env.SALESDESK_STORAGE = previous;
  });

  it('reports storage ok while Azurite runs', async () => {
    const res = await fetch(`${host.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', storage: 'ok', version });
    // The finding's time and age are part of the answer (it comes from a cached probe).
    expect(Date.parse(String(body.checkedAt))).not.toBeNaN();
    expect(body.ageMs).toEqual(expect.any(Number));
  });

  it('reports storage unreachable within 2 s once Azurite is gone, and keeps serving', async () => {
    await azurite.stop();

    // The probe runs in the background: the first answers may still carry the last finding (with its
    // age); within a probe's deadline health must say unreachable, and every answer must be quick.
    let body: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 40 && body.storage !== 'unreachable'; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 250));
      const started = performance.now();
      const res = await fetch(`${host.baseUrl}/health`);
      body = (await res.json()) as Record<string, unknown>;
      // A requirement, not a benchmark: the add-in's connection check gives up after 2 s.
      expect(performance.now() - started).toBeLessThan(2000);
      expect(res.status).toBe(200);
    }
    expect(body).toMatchObject({ status: 'ok', storage: 'unreachable', version });

    const again = await fetch(`${host.baseUrl}/health`);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'ok', storage: 'unreachable' });
    expect(host.logs.some((line) => /Table Storage unreachable/.test(line))).toBe(true);
  });

  it('gives up on storage that accepts connections but never answers, still within 2 s', async () => {
    const sockets: net.Socket[] = [];
    const blackHole = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as net.AddressInfo;
    process.env.SALESDESK_STORAGE = azuriteConnectionString(port);
    try {
      const started = performance.now();
      const res = await fetch(`${host.baseUrl}/health`);
      const body: unknown = await res.json();
      expect(performance.now() - started).toBeLessThan(2000);
      expect(body).toMatchObject({ status: 'ok', storage: 'unreachable' });
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      process.env.SALESDESK_STORAGE = azurite.connectionString;
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });
});
