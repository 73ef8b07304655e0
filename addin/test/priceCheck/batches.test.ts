import {
  AnswerMismatch,
  BATCH_SIZE,
  BatchFailed,
  IN_FLIGHT,
  PriceCheckCancelled,
  splitBatches,
  validateInBatches,
  type SendBatch,
} from '../../src/priceCheck';
import type { PriceLine } from '../../../functions/src/contract/pricing';
import { fakeValidate } from './support';

const lines = (n: number): PriceLine[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 4, model: 'QJ-1', qty: 1, unitPrice: 950 }));

/** A send that answers after the test lets it (so in-flight counts can be observed). */
function gatedSend() {
  const waiting: Array<() => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sizes: number[] = [];
  const signals: AbortSignal[] = [];
  const send: SendBatch = (batch, signal) => {
    sizes.push(batch.length);
    signals.push(signal);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise((resolve) => {
      waiting.push(() => {
        inFlight--;
        resolve(fakeValidate(batch));
      });
    });
  };
  const releaseAll = async () => {
    while (waiting.length) {
      waiting.splice(0).forEach((go) => go());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { send, waiting, sizes, signals, releaseAll, max: () => maxInFlight };
}

describe('validating in batches', () => {
  it('sends 5,000 lines per request: ceil(n / 5000) requests', async () => {
    expect(BATCH_SIZE).toBe(5000);
    expect(IN_FLIGHT).toBe(2);
    for (const n of [1, 4999, 5000, 5001, 12345]) {
      const sizes: number[] = [];
      const results = await validateInBatches(lines(n), async (b) => {
        sizes.push(b.length);
        return fakeValidate(b);
      });
      expect(sizes.length).toBe(Math.ceil(n / 5000));
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(5000);
      expect(results.map((r) => r.id)).toEqual(lines(n).map((l) => l.id));
    }
    expect(await validateInBatches([], () => Promise.reject(new Error('never called')))).toEqual([]);
    expect(splitBatches(12345).map((b) => [b.start, b.end])).toEqual([
      [0, 5000],
      [5000, 10000],
      [10000, 12345],
    ]);
  });

  it('keeps at most two requests in flight and reports progress after each answer', async () => {
    const g = gatedSend();
    const progress: number[] = [];
    const run = validateInBatches(lines(23), g.send, {
      batchSize: 5,
      onProgress: (done, total) => progress.push(done * 100 + total),
    });
    await new Promise((r) => setImmediate(r));
    expect(g.waiting.length).toBe(2);
    await g.releaseAll();
    const results = await run;
    expect(g.max()).toBe(2);
    expect(g.sizes).toEqual([5, 5, 5, 5, 3]);
    expect(results).toHaveLength(23);
    expect(progress.map((p) => Math.floor(p / 100))).toEqual([5, 10, 15, 20, 23]);
    expect(progress.every((p) => p % 100 === 23)).toBe(true);
  });

  it('stops between batches when cancelled, and aborts the requests in flight', async () => {
    const controller = new AbortController();
    const g = gatedSend();
    const run = validateInBatches(lines(30), g.send, { batchSize: 5, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    await new Promise((r) => setImmediate(r));
    expect(g.sizes.length).toBe(2);
    controller.abort();
    expect(g.signals.every((s) => s.aborted)).toBe(true);
    await g.releaseAll();
    expect(await run).toBeInstanceOf(PriceCheckCancelled);
    expect(g.sizes.length).toBe(2); // no batch started after the cancel
  });

  it('fails the whole check when one batch fails, naming the batch and its lines', async () => {
    let calls = 0;
    const seen: AbortSignal[] = [];
    const err = await validateInBatches(
      lines(20),
      async (b, signal) => {
        const call = calls++;
        seen.push(signal);
        if (call === 1) throw new Error('503 Service Unavailable');
        return fakeValidate(b);
      },
      { batchSize: 5, concurrency: 1 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BatchFailed);
    const f = err as BatchFailed;
    expect([f.batch.index, f.batch.start, f.batch.end, f.batchCount]).toEqual([1, 5, 10, 4]);
    expect(f.message).toContain('batch 2 of 4 (lines 6–10)');
    expect(calls).toBe(2); // nothing after the failure
    expect(seen[1]?.aborted).toBe(true);
  });

  it('rejects an answer that does not fit the question', async () => {
    const short = await validateInBatches(lines(3), async (b) => fakeValidate(b.slice(1))).catch(
      (e: unknown) => e,
    );
    expect((short as BatchFailed).cause).toBeInstanceOf(AnswerMismatch);
    const swapped = await validateInBatches(lines(3), async (b) => fakeValidate([...b].reverse())).catch(
      (e: unknown) => e,
    );
    expect(String((swapped as BatchFailed).cause)).toContain('answers id 6, not 4');
  });
});
