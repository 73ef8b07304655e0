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
    expect(await res.json()).toEqual({ status: 'ok', storage: 'ok', version });
  });

  it('reports storage unreachable within 2 s once Azurite is gone, and keeps serving', async () => {
    await azurite.stop();

    const started = performance.now();
    const res = await fetch(`${host.baseUrl}/health`);
    const body: unknown = await res.json();
    const elapsed = performance.now() - started;
    // A requirement, not a benchmark: the add-in's connection check gives up after 2 s.
    expect(elapsed).toBeLessThan(2000);
    expect(res.status).toBe(200);
    expect(body).toEqual({ status: 'ok', storage: 'unreachable', version });

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
