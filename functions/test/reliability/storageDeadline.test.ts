/**
 * The storage client's deadline and its write guard, against a black hole: a TCP server that accepts
 * connections and reads what it is sent but never answers (what a frozen storage node looks like).
 * A write must fail with StorageUnavailableError at the deadline, and its body must never have been sent,
 * so nothing could be written when the storage wakes up.
 */
import net from 'node:net';
import { azuriteConnectionString, createTableClient } from '../../src/storage/client';
import { storageTimeoutMs } from '../../src/storage/deadline';
import { StorageUnavailableError } from '../../src/storage/unavailable';

describe('storage deadline', () => {
  let server: net.Server;
  let port: number;
  const received: Buffer[] = [];
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    server = net.createServer((socket) => {
      sockets.push(socket);
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise((resolve) => server.close(resolve));
  });

  it('a write to storage that never answers fails at the deadline, and its body was never sent', async () => {
    const table = createTableClient('Things', {
      connectionString: azuriteConnectionString(port),
      timeoutMs: 300,
    });
    const error = await table.createEntity({ partitionKey: 'p', rowKey: 'r', secret: 'BODY-MARKER' }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as StorageUnavailableError).failure).toBe('timeout');
    const sent = Buffer.concat(received).toString('utf8');
    expect(sent).toMatch(/^POST \/devstoreaccount1\/Things/);
    expect(sent).toMatch(/expect: 100-continue/i);
    expect(sent).not.toContain('BODY-MARKER');
  });

  it('a refused connection is StorageUnavailableError unreachable, not a generic error', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as net.AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    const table = createTableClient('Things', { connectionString: azuriteConnectionString(closed) });
    const error = await table.getEntity('p', 'r').then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as StorageUnavailableError).failure).toBe('unreachable');
  });

  it('reads SALESDESK_STORAGE_TIMEOUT_MS, ignoring values it cannot use', () => {
    expect(storageTimeoutMs({})).toBe(4000);
    expect(storageTimeoutMs({ SALESDESK_STORAGE_TIMEOUT_MS: '2500' })).toBe(2500);
    expect(storageTimeoutMs({ SALESDESK_STORAGE_TIMEOUT_MS: 'soon' })).toBe(4000);
    expect(storageTimeoutMs({ SALESDESK_STORAGE_TIMEOUT_MS: '5' })).toBe(4000);
  });
});
