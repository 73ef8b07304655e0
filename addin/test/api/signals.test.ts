// The AbortSignal helpers that stand in for AbortSignal.any/timeout on Excel for Mac's older WebKit.
import { getEventListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiClient } from '../../src/api/client';
import { anySignal, timeoutSignal } from '../../src/api/signals';
import { validateInBatches } from '../../src/priceCheck';
import { fakeValidate } from '../priceCheck/support';

test('anySignal aborts when any of its signals does, with that reason', () => {
  const a = new AbortController();
  const b = new AbortController();
  const { signal: both } = anySignal([a.signal, b.signal]);
  expect(both.aborted).toBe(false);
  b.abort('user cancelled');
  expect(both.aborted).toBe(true);
  expect(both.reason).toBe('user cancelled');
  a.abort('later');
  expect(both.reason).toBe('user cancelled');
});

test('anySignal of an already aborted signal is aborted at once', () => {
  const a = new AbortController();
  a.abort('gone');
  expect(anySignal([new AbortController().signal, a.signal]).signal.reason).toBe('gone');
});

test('timeoutSignal aborts after its time with a TimeoutError', async () => {
  const { signal: s } = timeoutSignal(20);
  expect(s.aborted).toBe(false);
  await new Promise((r) => setTimeout(r, 60));
  expect(s.aborted).toBe(true);
  expect((s.reason as DOMException).name).toBe('TimeoutError');
});

test('a cleared timeoutSignal never aborts', async () => {
  const t = timeoutSignal(20);
  t.clear();
  await new Promise((r) => setTimeout(r, 60));
  expect(t.signal.aborted).toBe(false);
});

test('a disposed anySignal leaves no listener on its signals and no longer follows them', () => {
  const a = new AbortController();
  const b = new AbortController();
  const both = anySignal([a.signal, b.signal]);
  expect(getEventListeners(a.signal, 'abort')).toHaveLength(1);
  both.dispose();
  expect(getEventListeners(a.signal, 'abort')).toHaveLength(0);
  expect(getEventListeners(b.signal, 'abort')).toHaveLength(0);
  a.abort('after');
  expect(both.signal.aborted).toBe(false);
});

// The leak this guards: every request joined the long-lived batch signal and left its listener on
// it, so a 100,000-line check piled up listeners (Node warns past 10) until the check ended.
test('many requests under one signal leave no listener on it once they settle', async () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', storage: 'ok', version: 'test' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    const api = createApiClient({ baseUrl: `http://127.0.0.1:${port}/api` });
    const batch = new AbortController();
    for (let i = 0; i < 25; i++) await api.request('GET', '/health', undefined, { signal: batch.signal });
    expect(getEventListeners(batch.signal, 'abort')).toHaveLength(0);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('a price check under the user signal leaves no listener on it when done', async () => {
  const user = new AbortController();
  const lines = Array.from({ length: 30 }, (_, i) => ({ id: i + 4, model: 'QJ-1', qty: 1, unitPrice: 950 }));
  await validateInBatches(lines, async (batch) => fakeValidate(batch), { signal: user.signal, batchSize: 5 });
  expect(getEventListeners(user.signal, 'abort')).toHaveLength(0);
});
