// The plan's worksheet functions. SALES.SPLIT spreads an annual figure over 12 months locally, with the
// same largest-remainder rounding as the API, so the months add up exactly. SALES.PLAN asks the
// published plan: the calls of one recalculation are batched per year into POST /plans/{year}/values
// (identical calls asked once, at most 5,000 per request); when a request fails every cell waiting on
// it gets the reason.
import { createApiClient, ApiError, type ApiClient } from '../api/client';
import { largestRemainder } from '../../../functions/src/domain/plans/largestRemainder';
import { resolveLocale, type Bilingual, type Locale } from '../i18n/locale';
import { loadUserSettings } from '../taskpane/settings/userSettings';
import { createBatcher } from './batcher';

/** Queries per request: the API's own cap. */
export const PLAN_BATCH_CAP = 5000;

const bi = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, 'en-US': en });

/** A cell's error: the message in both languages; `text(locale)` picks one. */
export class PlanCallError extends Error {
  constructor(readonly text: Bilingual) {
    super(text['en-US']);
    this.name = 'PlanCallError';
  }
}

// ---------------------------------------------------------------------------------------------
// SALES.SPLIT

function numberIn(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim().replace(/,/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/**
 * 12 months of `annual` in proportion to `weights` (a range of 12 cells, any shape; blanks weigh 0),
 * in multiples of `roundTo` (default 1), adding up exactly to `annual`.
 */
export function splitMonths(annual: unknown, weights: unknown, roundTo?: unknown): number[] {
  const total = numberIn(annual);
  if (total === null || total < 0)
    throw new PlanCallError(
      bi(
        `年度金额应为不小于 0 的数字，实为 ${String(annual)}`,
        `annual must be a number of 0 or more, found ${String(annual)}`,
      ),
    );
  const step = roundTo === undefined || roundTo === null || roundTo === '' ? 1 : numberIn(roundTo);
  if (step === null || !(step >= 0.000001))
    throw new PlanCallError(
      bi(
        `取整单位应为正数（如 1、0.01、100），实为 ${String(roundTo)}`,
        `roundTo must be a positive number (1, 0.01, 100 …), found ${String(roundTo)}`,
      ),
    );
  const cells = Array.isArray(weights) ? (weights as unknown[]).flat() : [weights];
  if (cells.length !== 12)
    throw new PlanCallError(
      bi(
        `权重应为 12 个单元格（1–12 月），实为 ${cells.length} 个`,
        `weights must be 12 cells (January to December), found ${cells.length}`,
      ),
    );
  const w = cells.map((c, i) => {
    if (c === null || c === undefined || c === '') return 0;
    const n = numberIn(c);
    if (n === null || n < 0)
      throw new PlanCallError(
        bi(
          `第 ${i + 1} 个权重应为不小于 0 的数字，实为 ${String(c)}`,
          `weight ${i + 1} must be a number of 0 or more, found ${String(c)}`,
        ),
      );
    return n;
  });
  try {
    return largestRemainder(total, w, step);
  } catch (error) {
    const m = error instanceof Error ? error.message : String(error);
    throw new PlanCallError(bi(`无法分解：${m}`, `cannot split: ${m}`));
  }
}

// ---------------------------------------------------------------------------------------------
// SALES.PLAN

/** What the plan is counted in: 元, 万元 or units (台/件), as PlanUnit in the plan contract. */
export type PlanUnit = 'yuan' | 'wanYuan' | 'units';

export interface PlanCall {
  year: number;
  month: number;
  productType?: string;
  region?: string;
  rep?: string;
  /** The unit the cell wants; the published plan's own unit when left out. */
  unit?: PlanUnit;
}

interface PlanValue {
  value: number | null;
  message?: Bilingual;
}
interface ValuesResponse {
  year: number;
  version: number;
  unit: PlanUnit;
  results: PlanValue[];
}
type PlanAnswer = PlanValue & { unit: PlanUnit };

type Query = Omit<PlanCall, 'year' | 'unit'>;

const UNIT_WORDS: Readonly<Record<string, PlanUnit>> = {
  元: 'yuan',
  YUAN: 'yuan',
  CNY: 'yuan',
  RMB: 'yuan',
  万元: 'wanYuan',
  万: 'wanYuan',
  WANYUAN: 'wanYuan',
  台: 'units',
  件: 'units',
  套: 'units',
  UNITS: 'units',
};
export const PLAN_UNIT_LABELS: Readonly<Record<PlanUnit, Bilingual>> = {
  yuan: bi('元', 'yuan (元)'),
  wanYuan: bi('万元', '10,000 yuan (万元)'),
  units: bi('台/件', 'units (台/件)'),
};

function planUnit(v: unknown): PlanUnit | undefined {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
  const unit = UNIT_WORDS[String(v).normalize('NFKC').replace(/\s+/g, '').toUpperCase()];
  if (unit) return unit;
  throw new PlanCallError(
    bi(
      `单位应为 元 或 万元（数量计划为 台），实为 ${String(v)}`,
      `unit must be 元 or 万元 (台 for units), found ${String(v)}`,
    ),
  );
}

/** value × 10^exp on its shortest decimal form, so 1234.56 万元 is exactly 12345600 元. */
function shiftDecimal(value: number, exp: number): number {
  const [mantissa, e] = value.toExponential().split('e');
  return Number(`${mantissa}e${Number(e) + exp}`);
}

/** The plan's value in the unit the cell asked for (元 ↔ 万元); units never turn into money. */
export function inUnit(value: number, from: PlanUnit, to: PlanUnit | undefined): number {
  if (to === undefined || to === from) return value;
  if (from === 'units' || to === 'units')
    throw new PlanCallError(
      bi(
        `已发布的计划以${PLAN_UNIT_LABELS[from]['zh-CN']}计，不能换算为${PLAN_UNIT_LABELS[to]['zh-CN']}`,
        `The published plan is in ${PLAN_UNIT_LABELS[from]['en-US']}; it cannot be given in ${PLAN_UNIT_LABELS[to]['en-US']}`,
      ),
    );
  return shiftDecimal(value, from === 'wanYuan' ? 4 : -4);
}

function dimensionText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/** Checks a call's arguments before anything is sent: a bad year or month never costs a request. */
export function planCall(
  year: unknown,
  month: unknown,
  productType?: unknown,
  region?: unknown,
  rep?: unknown,
  unit?: unknown,
): PlanCall {
  const y = numberIn(year);
  if (y === null || !Number.isInteger(y) || y < 2000 || y > 2099)
    throw new PlanCallError(
      bi(
        `年度应为 2000–2099 的整数，实为 ${String(year)}`,
        `year must be a whole number 2000–2099, found ${String(year)}`,
      ),
    );
  const m = numberIn(month);
  if (m === null || !Number.isInteger(m) || m < 1 || m > 12)
    throw new PlanCallError(
      bi(
        `月份应为 1–12 的整数，实为 ${String(month)}`,
        `month must be a whole number 1–12, found ${String(month)}`,
      ),
    );
  const call: PlanCall = { year: y, month: m };
  const p = dimensionText(productType);
  const r = dimensionText(region);
  const s = dimensionText(rep);
  if (p) call.productType = p;
  if (r) call.region = r;
  if (s) call.rep = s;
  const u = planUnit(unit);
  if (u) call.unit = u;
  return call;
}

/** Why a request failed, for every cell that waited on it. */
function failure(error: unknown, year: number): PlanCallError {
  if (error instanceof PlanCallError) return error;
  if (error instanceof ApiError) {
    const m = error.body?.error?.message;
    if (m && typeof m === 'object') return new PlanCallError(m);
    if (error.kind === 'unreachable')
      return new PlanCallError(
        bi(`连不上 SalesDesk 服务：${error.message}`, `SalesDesk service unreachable: ${error.message}`),
      );
    return new PlanCallError(
      bi(`读取${year}年计划失败：${error.message}`, `Reading the ${year} plan failed: ${error.message}`),
    );
  }
  const m = error instanceof Error ? error.message : String(error);
  return new PlanCallError(bi(`读取${year}年计划失败：${m}`, `Reading the ${year} plan failed: ${m}`));
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function defaultClient(): ApiClient {
  return createApiClient({ baseUrl: loadUserSettings(storage()).apiBaseUrl });
}

export interface PlanCallsOptions {
  client?: () => ApiClient;
  cap?: number;
  delayMs?: number;
}

export function createPlanCalls(options: PlanCallsOptions = {}) {
  const client = options.client ?? defaultClient;
  const byYear = new Map<number, ReturnType<typeof createBatcher<Query, PlanAnswer>>>();

  function batcherFor(year: number) {
    let b = byYear.get(year);
    if (!b) {
      b = createBatcher<Query, PlanAnswer>({
        cap: options.cap ?? PLAN_BATCH_CAP,
        delayMs: options.delayMs,
        key: (q) => JSON.stringify([q.month, q.productType ?? '', q.region ?? '', q.rep ?? '']),
        send: async (queries) => {
          let data: ValuesResponse;
          try {
            ({ data } = await client().request<ValuesResponse>('POST', `/plans/${year}/values`, { queries }));
          } catch (error) {
            throw failure(error, year);
          }
          if (!data || !Array.isArray(data.results) || data.results.length !== queries.length)
            throw new PlanCallError(
              bi(
                `${year}年计划的回答与查询数不符`,
                `The ${year} plan answered a different number of queries`,
              ),
            );
          return data.results.map((r) => ({ ...r, unit: data.unit }));
        },
      });
      byYear.set(year, b);
    }
    return b;
  }

  return {
    async plan(call: PlanCall): Promise<number> {
      const { year, unit, ...query } = call;
      const result = await batcherFor(year).call(query);
      // A query without a value fails its own cells only.
      if (typeof result.value !== 'number')
        throw new PlanCallError(result.message ?? bi('没有该计划值', 'No such plan value'));
      return inUnit(result.value, result.unit, unit);
    },
    /** Sends what is queued now, for every year. */
    flush: () => Promise.all([...byYear.values()].map((b) => b.flush())).then(() => undefined),
  };
}

let shared: ReturnType<typeof createPlanCalls> | null = null;
export function planCalls() {
  shared ??= createPlanCalls();
  return shared;
}

/** Office's display language, for the message in the cell. */
export function cellLocale(): Locale {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return resolveLocale({ officeDisplayLanguage: office?.context?.displayLanguage ?? null });
}
