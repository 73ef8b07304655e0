import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startAzurite } from '../../src/devhost/azurite';
import { openTable } from '../../src/storage/client';

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('startAzurite', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'salesdesk-azurite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps data on disk across restarts, and stop() waits until the port is closed', async () => {
    const first = await startAzurite({ location: dir });
    try {
      const table = await openTable('Persisted', { connectionString: first.connectionString });
      await table.createEntity({ partitionKey: 'p', rowKey: 'r', model: 'QJ-200' });
    } finally {
      await first.stop();
    }
    expect(await accepts(first.port)).toBe(false);

    const second = await startAzurite({ location: dir });
    try {
      const table = await openTable('Persisted', { connectionString: second.connectionString });
      expect((await table.getEntity<{ model: string }>('p', 'r')).model).toBe('QJ-200');
    } finally {
      await second.stop();
    }
  });

  it('reports a port that is already taken', async () => {
    const running = await startAzurite({ inMemory: true });
    try {
      await expect(
        startAzurite({ port: running.port, inMemory: true, startTimeoutMs: 5000 }),
      ).rejects.toThrow(/did not start on 127\.0\.0\.1:\d+ \(it exited\)/);
    } finally {
      await running.stop();
    }
  });

  it('wants either a location or in-memory, not both', async () => {
    await expect(startAzurite({ location: dir, inMemory: true })).rejects.toThrow(/either/);
  });
});
