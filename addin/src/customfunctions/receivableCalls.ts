// Receivables and scorecard worksheet functions: SALES.RECEIVABLE, SALES.AGING, SALES.KPI. The calls of
// one recalculation are batched: every call with the same asOf shares one GET /receivables?asOf=…,
// every call with the same month one GET /scorecard/{month}; a failed request gives every waiting cell
// the reason. Arguments are checked before anything is sent. A regional manager's answers hold their own
// 片区 only: a customer or rep missing from such an answer is asked about by name, so the cell shows the
// API's verdict (属于片区 华南 / belongs to region 华南) instead of "not found" or a zero.
import type { CustomerReceivable, ReceivablesResponse } from '../../../functions/src/contract/receivables';
import type { PeriodScore, ScorecardResponse } from '../../../functions/src/contract/scorecard';
import { ApiError, createApiClient, type ApiClient } from '../api/client';
// Names match as the API matches them (width-, case- and space-insensitive): one answer everywhere.
import { normalizeText } from '../../../functions/src/domain/monthEnd/ledgerKeys';
import type { Bilingual } from '../i18n/locale';
import { loadUserSettings } from '../taskpane/settings/userSettings';
import { createBatcher } from './batcher';
import { bilingual as bi } from '../../../functions/src/contract/text';
import { UserFacingError } from '../../../functions/src/contract/problem';

/** A cell's error in both languages; `badArgument` → #VALUE!, else #N/A. */
export class ReceivableCallError extends UserFacingError {
  constructor(
    text: Bilingual,
    readonly badArgument = false,
  ) {
    super(badArgument ? 'bad_argument' : 'receivable_call_failed', text);
    this.name = 'ReceivableCallError';
  }
}
const bad = (zh: string, en: string) => new ReceivableCallError(bi(zh, en), true);

/** Distinct calls per request: one request answers every customer, so this only bounds memory. */
const BATCH_CAP = 10_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

function isoDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/** Today's China date. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** asOf from a date cell (Excel serial), `2026-03-31`, `2026/3/31` or `2026年3月31日`; today if empty. */
export function asOfDate(value: unknown, now: Date = new Date()): string {
  if (value === undefined || value === null || value === '') return chinaToday(now);
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 2_958_466)
    return new Date(EXCEL_EPOCH_MS + value * 86_400_000).toISOString().slice(0, 10);
  const match = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(String(value));
  const date = match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  if (date) return date;
  throw bad(
    `截止日期应为日期（如 2026-03-31），实为 ${String(value)}`,
    `asOf must be a date (e.g. 2026-03-31), found ${String(value)}`,
  );
}

function customerName(value: unknown): string {
  const name = value === undefined || value === null ? '' : String(value).trim();
  if (name) return name;
  throw bad('客户名称不能为空', 'customer must not be empty');
}

/** Which bucket: 1-based index, or its range as text (`31-60`, `31–60天`, `>365`, `365天以上`). */
export function bucketOf(value: unknown, bounds: readonly number[]): number {
  const count = bounds.length + 1;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= count) return value - 1;
  const text = String(value ?? '')
    .normalize('NFKC')
    .replace(/\s|天|days?/gi, '');
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= count) return Number(text) - 1;
  const last = bounds[bounds.length - 1];
  if (last !== undefined && (text === `>${last}` || text === `${last}以上` || text === `${last}+`))
    return count - 1;
  const range = /^(\d+)[-–~～](\d+)$/.exec(text);
  if (range) {
    let from = 0;
    for (const [i, to] of bounds.entries()) {
      if (Number(range[1]) === from && Number(range[2]) === to) return i;
      from = to + 1;
    }
  }
  throw bad(
    `账龄区间应为 1–${count} 或 0-30、31-60… >${last ?? 0} 之一，实为 ${String(value)}`,
    `bucket must be 1–${count} or one of 0-30, 31-60 … >${last ?? 0}, found ${String(value)}`,
  );
}

export const KPI_MEASURES = ['completion', 'collection', 'collectionOfShipments', 'newCustomers'] as const;
export type KpiMeasure = (typeof KPI_MEASURES)[number];
const MEASURE_WORDS: Readonly<Record<string, KpiMeasure>> = {
  计划达成率: 'completion',
  达成率: 'completion',
  COMPLETION: 'completion',
  回款率: 'collection',
  COLLECTION: 'collection',
  '回款率（按发货）': 'collectionOfShipments',
  '回款率(按发货)': 'collectionOfShipments',
  COLLECTIONOFSHIPMENTS: 'collectionOfShipments',
  新客户拓展率: 'newCustomers',
  新客户率: 'newCustomers',
  NEWCUSTOMERS: 'newCustomers',
};

export interface KpiCall {
  rep: string;
  measure: KpiMeasure;
  month: string;
  ytd: boolean;
}

/** Checks SALES.KPI's arguments; period `2026-03` (the month) or `2026-03 累计` / `2026-03 YTD`; last month if empty. */
export function kpiCall(rep: unknown, measure: unknown, period?: unknown, now: Date = new Date()): KpiCall {
  const who = rep === undefined || rep === null ? '' : String(rep).trim();
  if (!who) throw bad('业务员不能为空', 'rep must not be empty');
  const m =
    MEASURE_WORDS[
      String(measure ?? '')
        .normalize('NFKC')
        .replace(/\s/g, '')
        .toUpperCase()
    ] ?? MEASURE_WORDS[String(measure ?? '').trim()];
  if (!m)
    throw bad(
      `指标应为 计划达成率、回款率、回款率（按发货） 或 新客户拓展率，实为 ${String(measure)}`,
      `measure must be completion, collection, collectionOfShipments or newCustomers, found ${String(measure)}`,
    );
  let text = period === undefined || period === null ? '' : String(period).normalize('NFKC').trim();
  const ytd = /累计|YTD/i.test(text);
  text = text.replace(/累计|YTD/gi, '').trim();
  let month: string;
  if (text === '') {
    const today = chinaToday(now);
    const [y, mo] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    month = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
  } else {
    const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text);
    const mo = match ? Number(match[2]) : 0;
    if (!match || mo < 1 || mo > 12)
      throw bad(
        `期间应为月份（如 2026-03，或 2026-03 累计），实为 ${String(period)}`,
        `period must be a month (e.g. 2026-03, or 2026-03 YTD), found ${String(period)}`,
      );
    month = `${match[1]}-${String(mo).padStart(2, '0')}`;
  }
  return { rep: who, measure: m, month, ytd };
}

function failure(error: unknown, what: Bilingual): ReceivableCallError {
  if (error instanceof ReceivableCallError) return error;
  if (error instanceof ApiError) {
    const m = error.body?.error?.message;
    if (m && typeof m === 'object') return new ReceivableCallError(m);
    if (error.kind === 'unreachable')
      return new ReceivableCallError(
        bi(`连不上 SalesDesk 服务：${error.message}`, `SalesDesk service unreachable: ${error.message}`),
      );
  }
  const m = error instanceof Error ? error.message : String(error);
  return new ReceivableCallError(bi(`${what['zh-CN']}失败：${m}`, `${what['en-US']} failed: ${m}`));
}

/** Yuan text to the cell's number (display only: every sum was done in fen by the API). */
const yuan = (money: string): number => Number(money);
const rate = (text: string | null, why: Bilingual | null): number => {
  if (text === null)
    throw new ReceivableCallError(why ?? bi('无法计算（分母为 0）', 'cannot be computed (denominator 0)'));
  return Number(text);
};

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export interface ReceivableCallsOptions {
  client?: () => ApiClient;
  delayMs?: number;
}

export function createReceivableCalls(options: ReceivableCallsOptions = {}) {
  const client =
    options.client ?? (() => createApiClient({ baseUrl: loadUserSettings(storage()).apiBaseUrl }));
  /** `limited`: the answer covers the caller's own 片区 only (a regional manager). */
  type Answer = { customers: CustomerReceivable[]; bounds: readonly number[]; limited: boolean };
  const byAsOf = new Map<string, ReturnType<typeof createBatcher<string, Answer>>>();
  const byMonth = new Map<string, ReturnType<typeof createBatcher<string, ScorecardResponse>>>();

  function receivables(asOf: string) {
    let b = byAsOf.get(asOf);
    if (!b) {
      b = createBatcher<string, Answer>({
        cap: BATCH_CAP,
        delayMs: options.delayMs,
        key: (customer) => customer,
        // One request answers every customer of the batch.
        send: async (customers) => {
          let data: ReceivablesResponse;
          try {
            ({ data } = await client().request<ReceivablesResponse>('GET', `/receivables?asOf=${asOf}`));
          } catch (error) {
            throw failure(error, bi(`读取 ${asOf} 的应收`, `Reading receivables as of ${asOf}`));
          }
          return customers.map((name) => ({
            customers: data.customers.filter((c) => normalizeText(c.customer) === normalizeText(name)),
            bounds: data.bounds,
            limited: (data.scope?.regions ?? null) !== null,
          }));
        },
      });
      byAsOf.set(asOf, b);
    }
    return b;
  }

  async function customerOf(
    customer: unknown,
    asOf: unknown,
  ): Promise<[CustomerReceivable, readonly number[]]> {
    const name = customerName(customer);
    const date = asOfDate(asOf);
    const { customers, bounds, limited } = await receivables(date).call(name);
    if (customers.length === 0 && limited) await askByName(`/receivables?asOf=${date}&customer=`, name, date);
    if (customers.length === 0)
      throw new ReceivableCallError(
        bi(`截至 ${date} 台账中没有客户“${name}”`, `No customer "${name}" in the ledgers as of ${date}`),
      );
    if (customers.length > 1)
      throw new ReceivableCallError(
        bi(
          `客户“${name}”有多个币种（${customers.map((c) => c.currency).join('、')}），请在对账单中分币种查看`,
          `Customer "${name}" has several currencies (${customers.map((c) => c.currency).join(', ')}); see the statement per currency`,
        ),
      );
    return [customers[0]!, bounds];
  }

  /**
   * Not in a region-limited answer: ask for it by name, and the API answers 403 naming its 片区 (or that
   * it has none), which becomes the cell's text. A name the ledgers do not know passes: "not found".
   */
  async function askByName(path: string, name: string, when: string): Promise<void> {
    try {
      await client().request('GET', `${path}${encodeURIComponent(name)}`);
    } catch (error) {
      throw failure(error, bi(`查询“${name}”（${when}）`, `Asking about "${name}" (${when})`));
    }
  }

  function scorecard(month: string) {
    let b = byMonth.get(month);
    if (!b) {
      b = createBatcher<string, ScorecardResponse>({
        cap: BATCH_CAP,
        delayMs: options.delayMs,
        key: (k) => k,
        send: async (keys) => {
          try {
            const { data } = await client().request<ScorecardResponse>('GET', `/scorecard/${month}`);
            return keys.map(() => data);
          } catch (error) {
            throw failure(error, bi(`读取 ${month} 的考核`, `Reading the ${month} scorecard`));
          }
        },
      });
      byMonth.set(month, b);
    }
    return b;
  }

  return {
    /** Closing balance of a customer as of a date, in the customer's currency. */
    async receivable(customer: unknown, asOf?: unknown): Promise<number> {
      const [c] = await customerOf(customer, asOf);
      return yuan(c.closing);
    },
    /** The amount in one aging bucket. */
    async aging(customer: unknown, bucket: unknown, asOf?: unknown): Promise<number> {
      const [c, bounds] = await customerOf(customer, asOf);
      return yuan(c.aging[bucketOf(bucket, bounds)]!.amount);
    },
    /** One figure of a rep's scorecard (a rate as a fraction: 0.85 = 85%). */
    async kpi(call: KpiCall): Promise<number> {
      const card = await scorecard(call.month).call(`${call.rep}|${call.measure}|${call.ytd}`);
      const rep = card.reps.find((r) => normalizeText(r.rep) === normalizeText(call.rep));
      if (!rep && (card.scope?.regions ?? null) !== null)
        await askByName(`/scorecard/${call.month}?rep=`, call.rep, call.month);
      if (!rep)
        throw new ReceivableCallError(
          bi(
            `${call.month} 的考核中没有业务员“${call.rep}”`,
            `No rep "${call.rep}" in the ${call.month} scorecard`,
          ),
        );
      const s: PeriodScore = call.ytd ? rep.ytd : rep.month;
      switch (call.measure) {
        case 'completion':
          return rate(s.completion, s.completionNote);
        case 'collection':
          return rate(s.collectionRate, null);
        case 'collectionOfShipments':
          return rate(s.collectionRateOfShipments, null);
        case 'newCustomers':
          return rate(s.newCustomerRate, bi('本期没有活跃客户', 'no active customers in the period'));
      }
    },
    flush: () =>
      Promise.all([...byAsOf.values(), ...byMonth.values()].map((b) => b.flush())).then(() => undefined),
  };
}

let shared: ReturnType<typeof createReceivableCalls> | null = null;
export function receivableCalls() {
  shared ??= createReceivableCalls();
  return shared;
}
