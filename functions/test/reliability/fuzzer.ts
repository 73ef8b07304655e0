/**
 * A seeded fuzzer over every route in routes.ts, for `npm test` (a few hundred requests) and
 * `npm run fuzz` (tens of thousands). It sends valid requests with a few values swapped for hostile ones
 * (huge and odd numbers, number-like text, lone surrogates, deep nesting, long strings, wrong types), raw
 * broken bodies (`[` × n, cut-off JSON, bad UTF-8) and odd path segments, headers and queries, and counts
 * answers: a 5xx or a request still open after `hangMs` is a failure. Loopback only.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { httpRoutes } from '../../src/routes';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface FuzzRequest {
  readonly method: string;
  readonly route: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array<ArrayBuffer>;
}

export interface FuzzFailure {
  readonly request: string;
  readonly status: number | 'hang' | 'error';
  readonly answer: string;
}

export interface FuzzReport {
  readonly seed: number;
  readonly requests: number;
  readonly byStatus: Record<string, number>;
  /** Per route template: how many requests it got (every route must get some). */
  readonly byRoute: Record<string, number>;
  readonly serverErrors: number;
  readonly hangs: number;
  /** Connection errors (no HTTP answer at all). */
  readonly errors: number;
  /** The first few failures, to reproduce. */
  readonly failures: readonly FuzzFailure[];
}

export interface FuzzOptions {
  /** `http://127.0.0.1:<port>/api`: anything but loopback is refused. */
  readonly baseUrl: string;
  readonly seed: number;
  readonly count: number;
  readonly concurrency?: number;
  readonly hangMs?: number;
  readonly onProgress?: (done: number) => void;
}

const principal = (name: string, ...roles: string[]): string =>
  Buffer.from(
    JSON.stringify({
      claims: [
        { typ: 'name', val: name },
        { typ: 'oid', val: `oid-${name}` },
        ...roles.map((val) => ({ typ: 'roles', val })),
      ],
    }),
  ).toString('base64');

const HEAD = { 'x-ms-client-principal': principal('王部长', 'Sales.Head') };
const FINANCE = { 'x-ms-client-principal': principal('李会计', 'Finance') };

function samplePolicy(): Json {
  const file = path.join(__dirname, '../../../samples/expected.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { policy: Json }).policy;
}

/** A valid body per route name: the fuzzer's starting points. */
function templates(): Record<string, Json> {
  const policy = samplePolicy();
  const approval = {
    ref: 'FZ-1',
    customer: '华东机电',
    model: 'QJ-200',
    minUnitPrice: 1000,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
  };
  return {
    'approvals-register': approval,
    'plans-split': {
      year: 2026,
      roundTo: 1,
      method: 'profile',
      rows: [
        { productType: '潜水泵', region: '华东', annual: 1200000, sheetRow: 4 },
        { productType: '离心泵', annual: 360000, locked: { '1': 1000 } },
      ],
      history: [{ date: '2025-03-05', productType: '潜水泵', amount: 1000 }],
    },
    'plans-publish': {
      year: 2026,
      unit: 'yuan',
      roundTo: 1,
      rows: [{ productType: '潜水泵', region: '华东', annual: 1200, months: Array<number>(12).fill(100) }],
    },
    'plans-progress': {
      basis: 'orders',
      actuals: [{ date: '2026-03-05', productType: '潜水泵', region: '华东', amount: 100 }],
    },
    'plans-values': { queries: [{ month: 3, productType: '潜水泵' }, { month: 13 }] },
    'price-policy-publish': policy,
    'ledgers-sync': {
      rows: [
        {
          shipDate: '2026-03-05',
          deliveryNo: 'CK-2026-03-00001',
          contractNo: 'HT-1',
          customer: '华东水务',
          model: 'QJ-100',
          qty: 1,
          amount: '1000.00',
          currency: 'CNY',
          source: { sheet: '发货台账', row: 3 },
        },
      ],
    },
    'month-end-run': {},
    'month-end-close': { note: '结账' },
    'month-end-reopen': { reason: '更正发票' },
    'prices-validate': {
      lines: [
        { id: 1, model: 'QJ-200', customerClass: '经销商', qty: 2, unitPrice: 1500, orderDate: '2026-03-05' },
        { id: 'r2', model: 'XBD-50', qty: '10', unitPrice: '1,200.00', currency: 'CNY', approvalRef: 'FZ-1' },
      ],
    },
  };
}

function deep(levels: number): Json {
  let value: Json = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

const HOSTILE: readonly (() => Json)[] = [
  () => null,
  () => true,
  () => 0,
  () => -0,
  () => -1,
  () => 1e20,
  () => -1e20,
  () => 1e308,
  () => 5e-324,
  () => 0.1 + 0.2,
  () => 2 ** 53 + 2,
  () => 1234.56 + 1e-13, // a float artefact: Excel shows 1234.56
  () => '10',
  () => ' 10 ',
  () => '１２',
  () => '1e3',
  () => '1.28万',
  () => '¥12,800.00',
  () => '',
  () => ' ',
  () => 'x'.repeat(5000),
  () => '\ud800',
  () => 'a\udc00b',
  () => '💧',
  () => '<script>alert(1)</script>',
  () => '../../etc',
  () => 'SP-2026/014',
  () => '\u0000',
  () => 'NaN',
  () => 'Infinity',
  () => '2026-02-30',
  () => '9999-12-31',
  () => [],
  () => ({}),
  () => deep(5),
  () => deep(70),
  () => ['a', 1, null],
  () => ({ __proto__x: 1, constructor: 'x' }),
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Every [container, key] in a JSON value (bounded: templates are small). */
function slots(value: Json): [Json[] | { [key: string]: Json }, string | number][] {
  const out: [Json[] | { [key: string]: Json }, string | number][] = [];
  const stack: Json[] = [value];
  while (stack.length > 0 && out.length < 2000) {
    const v = stack.pop() as Json;
    if (Array.isArray(v)) {
      v.forEach((child, i) => {
        out.push([v, i]);
        stack.push(child);
      });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        out.push([v, k]);
        stack.push(child);
      }
    }
  }
  return out;
}

function mutate(random: () => number, template: Json): Json {
  const value = JSON.parse(JSON.stringify(template)) as Json;
  const changes = 1 + Math.floor(random() * 3);
  for (let c = 0; c < changes; c++) {
    const all = slots(value);
    if (all.length === 0) return pick(random, HOSTILE)();
    const [container, key] = pick(random, all);
    const roll = random();
    if (roll < 0.7) (container as Record<string | number, Json>)[key] = pick(random, HOSTILE)();
    else if (roll < 0.85) {
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key];
    } else if (Array.isArray(container)) {
      const item = container[Number(key)] ?? null;
      for (let i = 0, n = Math.floor(random() * 50); i < n; i++) container.push(item);
    } else container[`x${Math.floor(random() * 100)}`] = pick(random, HOSTILE)();
  }
  return value;
}

/** Bodies that are not JSON, or not the JSON they look like. */
function rawBody(random: () => number, template: Json): string | Uint8Array<ArrayBuffer> {
  const text = JSON.stringify(template);
  const n = 1 + Math.floor(random() * 20_000);
  switch (Math.floor(random() * 10)) {
    case 0:
      return '['.repeat(n);
    case 1:
      return '{"a":'.repeat(Math.min(n, 5000));
    case 2:
      return text.slice(0, Math.floor(random() * text.length));
    case 3:
      return new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    case 4:
      return '';
    case 5:
      return `\ufeff${text}`;
    case 6:
      return `${'['.repeat(n)}${']'.repeat(n)}`;
    case 7:
      return '1'.repeat(Math.min(n, 2000));
    case 8:
      return text.replace(/"/, "'");
    default:
      return `${text}${text}`;
  }
}

const SEGMENTS = [
  '2026',
  '2025',
  '1999',
  '2100',
  '0',
  '-1',
  '99999999999999999999',
  'abc',
  '%F0%9F%92%A7',
  '%ED%A0%80',
  '1.5',
  '',
];

/** A valid value per route parameter most of the time, an odd segment otherwise. */
const VALID_PARAMS: Record<string, readonly string[]> = {
  year: ['2026'],
  version: ['1', '2', '3'],
  month: ['2026-03', '2026-04'],
  kind: ['shipments', 'orders', 'receipts', 'books'],
};

function fillRoute(random: () => number, route: string): string {
  return route.replace(/\{([a-z]+)(?::[a-z]+)?\??\}/gi, (_, name: string) => {
    if (random() < 0.6) return pick(random, VALID_PARAMS[name] ?? ['2026']);
    return pick(random, [...SEGMENTS, '2026-13', '2026-3', 'invoices']);
  });
}

const QUERIES = [
  '',
  '?detail=flagged',
  '?detail=full',
  '?detail=bogus',
  '?ref=SP-2026%2F014',
  '?customer=%E5%8D%8E',
  '?date=2026-03-05',
  '?date=2026-02-30',
  '?date=%ED%A0%80',
  '?model=' + 'x'.repeat(3000),
  '?%=%',
];

export function buildRequest(random: () => number, bodies: Record<string, Json>): FuzzRequest {
  const route = pick(random, httpRoutes);
  const method = pick(random, route.methods);
  const filled = fillRoute(random, route.route);
  const headers: Record<string, string> = {};
  const who = random();
  if (who < 0.5) Object.assign(headers, HEAD);
  else if (who < 0.6) Object.assign(headers, FINANCE);
  else if (who < 0.7)
    headers['x-ms-client-principal'] = pick(random, [
      'not base64!',
      'e30=',
      Buffer.from('[]').toString('base64'),
    ]);
  else if (who < 0.8)
    headers['x-salesdesk-dev-roles'] = pick(random, ['Sales.Clerk', 'Finance', '', 'Sales.Head,Sales.Head']);
  if (random() < 0.8)
    headers['content-type'] = pick(random, [
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
    ]);
  if (method === 'PUT' && random() < 0.5)
    headers['if-match'] = pick(random, ['"1"', '"999"', '*', 'garbage']);
  const request = { method, route: route.route, path: `${filled}${pick(random, QUERIES)}`, headers };
  if (method === 'GET') return request;
  const template = bodies[route.name] ?? { any: 'thing' };
  const roll = random();
  const body =
    roll < 0.15
      ? JSON.stringify(template)
      : roll < 0.8
        ? JSON.stringify(mutate(random, template))
        : rawBody(random, template);
  return { ...request, body };
}

function describeRequest(r: FuzzRequest): string {
  const body =
    r.body === undefined ? '' : typeof r.body === 'string' ? r.body : Buffer.from(r.body).toString('hex');
  return `${r.method} /api/${r.path} ${body.slice(0, 300)}`;
}

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const url = new URL(options.baseUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`The fuzzer only talks to a dev host on loopback, not ${url.hostname}.`);
  }
  const random = seededRandom(options.seed);
  const bodies = templates();
  const hangMs = options.hangMs ?? 20_000;
  const byStatus: Record<string, number> = {};
  const byRoute: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let serverErrors = 0;
  let hangs = 0;
  let errors = 0;
  let next = 0;
  let done = 0;
  // Requests are drawn in order from one seeded sequence, so a seed always sends the same requests.
  const queue = Array.from({ length: options.count }, () => buildRequest(random, bodies));

  async function one(request: FuzzRequest): Promise<void> {
    byRoute[`${request.method} ${request.route}`] = (byRoute[`${request.method} ${request.route}`] ?? 0) + 1;
    let status: FuzzFailure['status'];
    let answer = '';
    try {
      const res = await fetch(`${options.baseUrl}/${request.path}`, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(hangMs),
      });
      status = res.status;
      answer = (await res.text()).slice(0, 300);
    } catch (err) {
      status = err instanceof Error && err.name === 'TimeoutError' ? 'hang' : 'error';
      answer = err instanceof Error ? err.message : String(err);
    }
    byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
    const failed = status === 'hang' || status === 'error' || status >= 500;
    if (status === 'hang') hangs++;
    else if (status === 'error') errors++;
    else if (status >= 500) serverErrors++;
    if (failed && failures.length < 20) failures.push({ request: describeRequest(request), status, answer });
    done++;
    options.onProgress?.(done);
  }

  const workers = Array.from({ length: options.concurrency ?? 4 }, async () => {
    while (next < queue.length) {
      const request = queue[next++] as FuzzRequest;
      await one(request);
    }
  });
  await Promise.all(workers);
  return { seed: options.seed, requests: done, byStatus, byRoute, serverErrors, hangs, errors, failures };
}
