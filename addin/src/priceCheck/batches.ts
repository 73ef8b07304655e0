// Sending many lines to POST /api/prices/validate: fixed-size batches (far below the API's 50,000
// line cap, small enough that one answer comes back fast), a few in flight, progress after each
// answer, cancel between batches (and of the requests in flight). One failed batch fails the whole
// check: results are written only when every batch has been answered.
import {
  PRICE_STATUSES,
  type PriceLine,
  type PriceResult,
  type ValidateResponse,
} from '../../../functions/src/contract/pricing';
import { anySignal } from '../api/signals';

export const BATCH_SIZE = 5000;
export const IN_FLIGHT = 2;

/** Sends one batch; must honour `signal`. */
export type SendBatch = (lines: PriceLine[], signal: AbortSignal) => Promise<ValidateResponse>;

export interface BatchOptions {
  batchSize?: number;
  concurrency?: number;
  signal?: AbortSignal;
  /** Lines answered so far, after each batch. */
  onProgress?: (linesDone: number, linesTotal: number) => void;
}

export interface BatchRange {
  /** 0-based batch number. */
  index: number;
  /** Line indexes [start, end). */
  start: number;
  end: number;
}

export function splitBatches(total: number, size = BATCH_SIZE): BatchRange[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size ${size}`);
  const out: BatchRange[] = [];
  for (let start = 0, index = 0; start < total; start += size, index++)
    out.push({ index, start, end: Math.min(total, start + size) });
  return out;
}

/** The check was cancelled by the user (between batches, or a request in flight was aborted). */
export class PriceCheckCancelled extends Error {
  constructor(
    readonly linesDone: number,
    readonly linesTotal: number,
  ) {
    super(`price check cancelled after ${linesDone} of ${linesTotal} lines`);
    this.name = 'PriceCheckCancelled';
  }
}

/** One batch could not be answered; `cause` is what the API client threw. */
export class BatchFailed extends Error {
  constructor(
    readonly batch: BatchRange,
    readonly batchCount: number,
    override readonly cause: unknown,
  ) {
    super(
      `batch ${batch.index + 1} of ${batchCount} (lines ${batch.start + 1}–${batch.end}) failed: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = 'BatchFailed';
  }
}

/** The answer does not fit the question: wrong count, ids out of order, unknown status. */
export class AnswerMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerMismatch';
  }
}

const STATUSES: ReadonlySet<string> = new Set(PRICE_STATUSES);

function checkAnswer(sent: readonly PriceLine[], answer: ValidateResponse | undefined): PriceResult[] {
  const results = answer?.results;
  if (!Array.isArray(results) || results.length !== sent.length)
    throw new AnswerMismatch(
      `expected ${sent.length} results, got ${Array.isArray(results) ? results.length : 'none'}`,
    );
  results.forEach((r, i) => {
    const id = sent[i]?.id;
    if (!r || r.id !== id) throw new AnswerMismatch(`result ${i} answers id ${String(r?.id)}, not ${id}`);
    if (!STATUSES.has(r.status)) throw new AnswerMismatch(`result ${i}: unknown status ${String(r.status)}`);
  });
  return results;
}

/**
 * Validates every line, `concurrency` batches at a time; `results[i]` answers `lines[i]`.
 * Throws PriceCheckCancelled when `signal` aborts, BatchFailed when a batch fails (the other batch
 * in flight is aborted and no further batch starts).
 */
export async function validateInBatches(
  lines: readonly PriceLine[],
  send: SendBatch,
  options: BatchOptions = {},
): Promise<PriceResult[]> {
  const batches = splitBatches(lines.length, options.batchSize ?? BATCH_SIZE);
  const results = new Array<PriceResult>(lines.length);
  const stop = new AbortController();
  const both = options.signal ? anySignal([options.signal, stop.signal]) : undefined;
  const signal = both?.signal ?? stop.signal;
  let next = 0;
  let done = 0;
  let failure: BatchFailed | undefined;
  const cancelled = () => options.signal?.aborted === true;

  async function worker(): Promise<void> {
    while (!failure && !cancelled() && next < batches.length) {
      const batch = batches[next++] as BatchRange;
      const sent = lines.slice(batch.start, batch.end);
      try {
        const answer = await send(sent, signal);
        if (cancelled()) return;
        checkAnswer(sent, answer).forEach((r, i) => (results[batch.start + i] = r));
        done += sent.length;
        options.onProgress?.(done, lines.length);
      } catch (error) {
        if (cancelled()) return;
        if (!failure) {
          failure = new BatchFailed(batch, batches.length, error);
          stop.abort();
        }
        return;
      }
    }
  }

  const workers = Math.max(1, Math.min(options.concurrency ?? IN_FLIGHT, batches.length));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    both?.dispose();
  }
  if (cancelled()) throw new PriceCheckCancelled(done, lines.length);
  if (failure) throw failure;
  return results;
}
