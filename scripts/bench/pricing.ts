/**
 * Bench: price checks (价格检查) of 100,000 ledger lines. `npm run bench` calls benchPricing with the base URL
 * of a running host (the host must accept the caller as Sales.Head: a dev identity). Rows:
 * - publishing the sample workbook's policy (samples/expected.json `.policy`) once;
 * - POST /api/prices/validate in the requests the add-in sends: 5,000 lines each, 2 in flight,
 *   `?detail=compact` (the pane's form), timed from the first request built to the last answer parsed
 *   and expanded (target ≤ 1.0 s, ≤ 100 bytes answered per line); five runs, the median reported;
 *   then `?detail=flagged` (the form before it), three runs; the CPU time of the client (this process) and of the host (when
 *   `serverCpu` is given: bench.ts runs the host in a child process) are printed beside it;
 * - the floor: JSON encode + decode of the same request and response payloads, nothing else;
 * - the engine alone (validateLines in process), in lines/s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PricePolicySchema,
  type CompactValidateResponse,
  type PriceLine,
  type PricePolicy,
  type ValidateResponse,
} from '../../functions/src/contract/pricing';
import { expandAnswer, validateLines } from '../../functions/src/domain/pricing';
import { loadAverage, mb } from './format';

/** A type, not an interface, so it fits bench.ts's `Record`-like row type. */
export type PricingBenchRow = {
  readonly name: string;
  readonly lines: number;
  readonly ms: number;
  readonly note: string;
};

export interface BenchPricingOptions {
  /** `http://127.0.0.1:7071/api` */
  readonly baseUrl: string;
  /** Request headers: the caller's `authorization: Bearer <token>` (bench.ts mints one from the local issuer). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Default 100,000. */
  readonly lines?: number;
  /** Lines per request; default 5,000 (what the add-in sends). */
  readonly batch?: number;
  /** Requests in flight; default 2 (what the add-in does). */
  readonly inFlight?: number;
  /** The host process's CPU time so far (ms), when it runs apart from the bench; printed beside the client's. */
  readonly serverCpu?: ServerCpu;
}

/** Resolves to a process's CPU time (user + system) so far, in ms. */
export type ServerCpu = () => Promise<number>;

const SAMPLE_EXPECTED = join(__dirname, '..', '..', 'samples', 'expected.json');
const CLASSES = ['经销商', '重点客户', '终端客户', '政府采购', '电商'] as const;
const REGIONS = ['华东', '华南', '华中', '西南', '外贸'] as const;

export function samplePolicyInput(): unknown {
  return (JSON.parse(readFileSync(SAMPLE_EXPECTED, 'utf8')) as { policy: unknown }).policy;
}

/**
 * Deterministic ledger lines against the sample policy, shaped like the add-in's: every model, class and
 * region, dates over 2026, about 5 % flagged, some tax-exclusive, some export lines in USD, some quoting
 * an approval.
 */
export function benchLines(policy: PricePolicy, count: number): PriceLine[] {
  const products = policy.products;
  const lines: PriceLine[] = new Array<PriceLine>(count);
  for (let i = 0; i < count; i++) {
    const product = products[(i * 7) % products.length] ?? products[0];
    if (!product) throw new Error('The sample policy has no products.');
    const exportLine = i % 25 === 0 && typeof product.listPriceUsd === 'number';
    const list = exportLine ? (product.listPriceUsd as number) : (product.listPrice ?? 1000);
    // Most lines at 96–105 % of list (above every cap); one in 25 at 80–90 % (needs approval for most
    // classes); one in 100 at 60 % (below the floor). The sample workbook has far fewer: 17 in 3,306.
    const share =
      i % 100 === 99 ? 0.6 : i % 25 === 7 ? 0.8 + ((i * 37) % 11) / 100 : 0.96 + ((i * 37) % 10) / 100;
    const taxIncluded = i % 11 !== 0;
    const price = Math.round(list * share * (taxIncluded ? 100 : 100 / 1.13)) / 100;
    const month = 1 + (i % 12);
    const day = 1 + ((i * 13) % 28);
    lines[i] = {
      id: `销售台账!${i + 4}`,
      orderDate: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      model: product.model,
      customer: `客户${String(i % 400).padStart(3, '0')}有限公司`,
      customerClass: exportLine ? '外贸' : (CLASSES[i % CLASSES.length] ?? '经销商'),
      isNewCustomer: i % 9 === 0,
      region: exportLine ? '外贸' : (REGIONS[i % 4] ?? '华东'),
      qty: 1 + (i % 30),
      unitPrice: price,
      taxIncluded,
      currency: exportLine ? 'USD' : 'CNY',
      ...(i % 50 === 0 ? { approvalRef: `SP-2026-${String(i % 1000).padStart(3, '0')}` } : {}),
    };
  }
  return lines;
}

async function expectOk(res: Response, what: string): Promise<string> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 400)}`);
  return text;
}

/** Publishes the sample policy over whatever is published (If-Match the latest). Returns its version. */
export async function publishSample(
  options: Pick<BenchPricingOptions, 'baseUrl'>,
  headers: Record<string, string>,
): Promise<number> {
  const current = await fetch(`${options.baseUrl}/price-policy`, { headers });
  await current.text();
  const etag = current.headers.get('etag');
  const res = await fetch(`${options.baseUrl}/price-policy`, {
    method: 'PUT',
    headers: {
      ...headers,
      'content-type': 'application/json',
      ...(current.status === 200 && etag ? { 'if-match': etag } : { 'if-none-match': '*' }),
    },
    body: JSON.stringify(samplePolicyInput()),
  });
  return (JSON.parse(await expectOk(res, 'PUT /price-policy')) as { version: number }).version;
}

interface HttpRun {
  readonly ms: number;
  readonly requests: number;
  readonly sent: number;
  readonly received: number;
  /** CPU time of this process (user + system) during the run: less sensitive than `ms` to other load. */
  readonly cpuMs: number;
  /** CPU time of the host process during the run, when it runs apart (undefined otherwise). */
  readonly serverCpuMs: number | undefined;
  /** Answers as received (text), for the JSON floor; summed up in `summary`. */
  readonly texts: string[];
  readonly summary: Omit<ValidateResponse['summary'], 'total'>;
}

/** The add-in's way: fixed-size batches, `inFlight` at a time, each answer parsed as it arrives. */
async function validateOverHttp(
  options: BenchPricingOptions,
  headers: Record<string, string>,
  lines: readonly PriceLine[],
  batch: number,
  inFlight: number,
  detail: 'flagged' | 'compact' = 'compact',
): Promise<HttpRun> {
  const serverBefore = options.serverCpu ? await options.serverCpu() : undefined;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const texts: string[] = new Array<string>(Math.ceil(lines.length / batch));
  const summary = { ok: 0, needs_approval: 0, below_floor: 0, approved: 0, invalid: 0 };
  let next = 0;
  let sent = 0;
  let received = 0;
  const worker = async (): Promise<void> => {
    while (next * batch < lines.length) {
      const index = next++;
      const sentLines = lines.slice(index * batch, (index + 1) * batch);
      const body = JSON.stringify({ lines: sentLines });
      sent += Buffer.byteLength(body);
      const res = await fetch(`${options.baseUrl}/prices/validate?detail=${detail}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      });
      const text = await expectOk(res, 'POST /prices/validate');
      received += Buffer.byteLength(text);
      // Parsed (and expanded) as the add-in would before writing results; only the text and the counts are kept.
      const parsed = JSON.parse(text) as ValidateResponse | CompactValidateResponse;
      const answer = 'form' in parsed ? expandAnswer(sentLines, parsed) : parsed;
      if (answer.results.length !== Math.min(batch, lines.length - index * batch)) {
        throw new Error(`Request ${index}: ${answer.results.length} results for its lines.`);
      }
      for (const key of Object.keys(summary) as (keyof typeof summary)[]) summary[key] += answer.summary[key];
      texts[index] = text;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const serverCpuMs =
    options.serverCpu && serverBefore !== undefined ? (await options.serverCpu()) - serverBefore : undefined;
  return { ms, requests: texts.length, sent, received, cpuMs, serverCpuMs, texts, summary };
}

const RUNS = 5;
const perSecond = (lines: number, ms: number): string =>
  `${Math.round((lines / ms) * 1000).toLocaleString('en-US')} lines/s`;

export async function benchPricing(options: BenchPricingOptions): Promise<PricingBenchRow[]> {
  const count = options.lines ?? 100_000;
  const batch = options.batch ?? 5_000;
  const inFlight = options.inFlight ?? 2;
  const headers = { ...options.headers };
  const policy = PricePolicySchema.parse(samplePolicyInput());
  const lines = benchLines(policy, count);
  const rows: PricingBenchRow[] = [];

  let started = performance.now();
  const version = await publishSample(options, headers);
  rows.push({
    name: 'pricing: PUT /api/price-policy (sample policy)',
    lines: 0,
    ms: Math.round(performance.now() - started),
    note: `version ${version}: ${policy.products.length} models, ${policy.rules.length} rules`,
  });

  // Warm-up: one batch through HTTP (JIT, the host's caches) and one engine pass, so runs compare like with like.
  await validateOverHttp(options, headers, lines.slice(0, batch), batch, 1);
  validateLines([{ version, policy }], lines.slice(0, batch), [], { detail: 'flagged' });

  // Timed runs (a shared machine is noisy): the median is reported, every run in the note. The pane's
  // form (compact) first, then the form it used before (flagged) to compare.
  let http: HttpRun | undefined;
  for (const [detail, count_] of [
    ['compact', RUNS],
    ['flagged', 3],
  ] as const) {
    const runs: HttpRun[] = [];
    for (let i = 0; i < count_; i++)
      runs.push(await validateOverHttp(options, headers, lines, batch, inFlight, detail));
    const sorted = [...runs].sort((a, b) => a.ms - b.ms);
    const median = sorted[Math.floor(sorted.length / 2)];
    if (!median) throw new Error('No HTTP run.');
    http ??= median;
    const { summary } = median;
    rows.push({
      name: `pricing: POST /api/prices/validate?detail=${detail}, ${batch}-line requests, ${inFlight} in flight`,
      lines: count,
      ms: Math.round(median.ms),
      note:
        `median of ${runs.map((r) => Math.round(r.ms)).join(' / ')} ms (CPU: client ` +
        `${runs.map((r) => Math.round(r.cpuMs)).join(' / ')} ms` +
        (options.serverCpu
          ? `, host ${runs.map((r) => Math.round(r.serverCpuMs ?? 0)).join(' / ')} ms`
          : ', host in the same process') +
        `); ${detail === 'compact' ? 'target ≤ 1000 ms and ≤ 100 B/line; ' : ''}${median.requests} requests, ` +
        `sent ${mb(median.sent)}, answers ${mb(median.received)} ` +
        `(${Math.round(median.received / count)} B/line), ${perSecond(count, median.ms)}; ${summary.ok} ok, ` +
        `${summary.needs_approval} needs approval, ${summary.below_floor} below floor, ${summary.invalid} invalid; ` +
        `load ${loadAverage()}`,
    });
  }
  if (!http) throw new Error('No HTTP run.');

  // The floor: the same payloads through JSON.stringify and JSON.parse once each way, nothing else.
  started = performance.now();
  for (let i = 0; i < http.texts.length; i++) {
    const request = JSON.stringify({ lines: lines.slice(i * batch, (i + 1) * batch) });
    JSON.parse(request);
    JSON.stringify(JSON.parse(http.texts[i] ?? 'null'));
  }
  rows.push({
    name: 'pricing: JSON encode + decode of the same requests and answers',
    lines: count,
    ms: Math.round(performance.now() - started),
    note: 'the floor for any JSON API: the HTTP run does this work once on each side',
  });

  started = performance.now();
  const engine = validateLines([{ version, policy }], lines, [], { detail: 'flagged' });
  const engineMs = performance.now() - started;
  rows.push({
    name: 'pricing: validateLines (engine alone, in process)',
    lines: count,
    ms: Math.round(engineMs),
    note: `${perSecond(count, engineMs)}; ${engine.summary.ok} ok, ${engine.summary.invalid} invalid`,
  });

  // A ledger without a 新老客户 column: every line leaves it open and is judged as old and as new.
  const open = lines.map(({ isNewCustomer: _, ...line }) => ({ ...line, unknownInputs: ['isNewCustomer'] }));
  started = performance.now();
  const openEngine = validateLines([{ version, policy }], open, [], { detail: 'flagged' });
  const openMs = performance.now() - started;
  const asking = openEngine.results.filter((r) => (r.dependsOn?.length ?? 0) > 0).length;
  rows.push({
    name: 'pricing: validateLines, no 新老客户 column (every line judged as old and new)',
    lines: count,
    ms: Math.round(openMs),
    note: `${perSecond(count, openMs)}; ${asking} lines answer 需确认新老客户; ${(openMs / engineMs).toFixed(1)}× the engine with the column`,
  });
  return rows;
}
