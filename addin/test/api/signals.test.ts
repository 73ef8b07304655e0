// The AbortSignal helpers that stand in for AbortSignal.any/timeout on Excel for Mac's older WebKit.
import { anySignal, timeoutSignal } from '../../src/api/signals';

test('anySignal aborts when any of its signals does, with that reason', () => {
  const a = new AbortController();
  const b = new AbortController();
  const both = anySignal([a.signal, b.signal]);
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
  expect(anySignal([new AbortController().signal, a.signal]).reason).toBe('gone');
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
