/**
 * Bench: splitting 10,000 plan rows (年度计划 → 月度计划) through HTTP, in one request and in the 2,000-row
 * chunks the add-in sends, against the pure splitPlan alone. `npm run bench` calls benchPlans with the base
 * URL of a running host (`http://127.0.0.1:7071/api`); the host must accept the caller (dev identity).
 */
import type { SplitRequest, SplitResponse } from '../../functions/src/contract/plans';
import { splitPlan } from '../../functions/src/domain/plans';
import { mb } from './format';

export interface BenchResult {
  readonly name: string;
  readonly rows: number;
  readonly ms: number;
  readonly note: string;
}

export interface BenchPlansOptions {
  /** `http://127.0.0.1:7071/api` */
  readonly baseUrl: string;
  /** Extra request headers: the caller's `authorization: Bearer <token>`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Default 10,000. */
  readonly rows?: number;
  /** Rows per request in the chunked run; default 2,000 (what the add-in sends). */
  readonly chunkRows?: number;
}

const PRODUCT_TYPES = ['柴油机', '柴油机水泵机组', '潜水泵', '离心泵', '自吸泵', '消防泵', '配件'];
const REGIONS = ['华东', '华南', '华北', '华中', '西南', '西北', '东北', '外贸'];

/** A deterministic annual plan: product type × region × rep, amounts to the yuan, some locked months. */
export function benchPlanRequest(rows: number): SplitRequest {
  return {
    year: 2026,
    roundTo: 1,
    method: 'profile',
    rows: Array.from({ length: rows }, (_, i) => ({
      productType: PRODUCT_TYPES[i % PRODUCT_TYPES.length] ?? '配件',
      region: REGIONS[Math.floor(i / PRODUCT_TYPES.length) % REGIONS.length] ?? '华东',
      rep: `业务员${String(Math.floor(i / 56)).padStart(4, '0')}`,
      annual: 100_000 + ((i * 7919) % 900_000) + (i % 3) * 0.5,
      ...(i % 10 === 0 ? { locked: { '2': 1_000 } } : {}),
      sheetRow: i + 4,
    })),
  };
}

async function postSplit(
  options: BenchPlansOptions,
  request: SplitRequest,
): Promise<{ answer: SplitResponse; sent: number; received: number }> {
  const body = JSON.stringify(request);
  const res = await fetch(`${options.baseUrl}/plans/split`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST /plans/split answered ${res.status}: ${text.slice(0, 300)}`);
  return {
    answer: JSON.parse(text) as SplitResponse,
    sent: Buffer.byteLength(body),
    received: Buffer.byteLength(text),
  };
}

/** The months of every row add up to its annual figure (in cents, since the bench uses halves of a yuan). */
function checkAddsUp(answer: SplitResponse): void {
  for (const row of answer.rows) {
    const months = row.months.reduce((s, m) => s + Math.round(m * 100), 0);
    if (months !== Math.round(row.annual * 100)) {
      throw new Error(`Row ${row.sheetRow}: months add up to ${months / 100}, not ${row.annual}`);
    }
  }
}

export async function benchPlans(options: BenchPlansOptions): Promise<BenchResult[]> {
  const rows = options.rows ?? 10_000;
  const chunkRows = options.chunkRows ?? 2_000;
  const request = benchPlanRequest(rows);
  const results: BenchResult[] = [];

  // Warm up both paths (JIT, the host's first request) so the timings compare like with like.
  splitPlan(request);
  await postSplit(options, benchPlanRequest(chunkRows));

  let started = performance.now();
  const pure = splitPlan(request);
  results.push({
    name: 'plans: splitPlan (pure, in process)',
    rows,
    ms: Math.round(performance.now() - started),
    note: `method profile, roundTo 1, after one warm-up run; ${pure.notes.length} note(s)`,
  });
  checkAddsUp(pure);

  started = performance.now();
  const one = await postSplit(options, request);
  results.push({
    name: 'plans: POST /api/plans/split, one request',
    rows,
    ms: Math.round(performance.now() - started),
    note: `sent ${mb(one.sent)}, answer ${mb(one.received)}`,
  });
  checkAddsUp(one.answer);

  started = performance.now();
  let sent = 0;
  let received = 0;
  let requests = 0;
  for (let from = 0; from < rows; from += chunkRows) {
    const chunk = await postSplit(options, { ...request, rows: request.rows.slice(from, from + chunkRows) });
    checkAddsUp(chunk.answer);
    sent += chunk.sent;
    received += chunk.received;
    requests += 1;
  }
  results.push({
    name: `plans: POST /api/plans/split, ${chunkRows}-row chunks`,
    rows,
    ms: Math.round(performance.now() - started),
    note: `${requests} requests one after another, sent ${mb(sent)}, answers ${mb(received)}`,
  });
  return results;
}
