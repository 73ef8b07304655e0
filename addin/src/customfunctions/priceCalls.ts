// Batched price questions from worksheet functions: one POST per recalculation burst (per cap),
// identical questions asked once. The API address is the pane's (shared runtime, same storage).
import { ApiError, createApiClient } from '../api/client';
import { loadUserSettings } from '../taskpane/settings/userSettings';
import { resolveLocale, type Bilingual, type Locale } from '../i18n/locale';
import { createBatcher } from './batcher';
import {
  needsInputText,
  PRICE_STATUS_LABELS,
  type OpenInput,
  type PriceResult,
  type PriceStatus,
  type ValidateResponse,
} from '../../../functions/src/contract/pricing';

/** Distinct lines per request: far below the API's 50,000-line limit, small enough to answer fast. */
export const PRICE_BATCH_CAP = 5000;

/** A cell's error in both languages (`text`); `message` is the en-US one, for logs. */
export class PriceCallError extends Error {
  /** `badArgument`: the cell's own argument cannot be read (#VALUE!), not an answer of the service. */
  constructor(
    readonly text: Bilingual,
    readonly badArgument = false,
  ) {
    super(text['en-US']);
    this.name = 'PriceCallError';
  }
}

const bi = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, 'en-US': en });

/** Why a request failed, for every cell that waited on it, in both languages. */
function requestFailure(error: unknown): PriceCallError {
  if (error instanceof PriceCallError) return error;
  if (error instanceof ApiError) {
    const m = error.body?.error?.message;
    if (m && typeof m === 'object') return new PriceCallError(m);
    if (error.kind === 'unreachable')
      return new PriceCallError(
        bi(`连不上 SalesDesk 服务：${error.message}`, `SalesDesk service unreachable: ${error.message}`),
      );
  }
  const m = error instanceof Error ? error.message : String(error);
  return new PriceCallError(bi(`价格校验失败：${m}`, `Price check failed: ${m}`));
}

/** One question from a cell: a validate line without its id (see PriceLine in the contract). */
export interface CheckCall {
  model: string;
  customerClass?: string;
  qty: number;
  unitPrice?: number;
  orderDate?: string;
  approvalRef?: string;
  isNewCustomer?: boolean;
  region?: string;
  customer?: string;
  currency?: string;
  taxIncluded?: boolean;
  /** Inputs the cell left out: the API says whether they would change the answer. */
  unknownInputs?: OpenInput[];
}
/** A question for prices only (MINPRICE, LISTPRICE). */
export type QuoteCall = Omit<CheckCall, 'unitPrice' | 'approvalRef' | 'taxIncluded'>;

/** Every field of a call, in a fixed order: two calls with equal values are one question. */
const CALL_FIELDS = [
  'model',
  'customerClass',
  'qty',
  'unitPrice',
  'orderDate',
  'approvalRef',
  'isNewCustomer',
  'region',
  'customer',
  'currency',
  'taxIncluded',
  'unknownInputs',
] as const;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function api() {
  return createApiClient({ baseUrl: loadUserSettings(storage()).apiBaseUrl });
}

export function createPriceCalls(client: () => ReturnType<typeof createApiClient> = api) {
  // One batcher for both kinds of question: a quote is a line without a price, which the engine
  // judges `invalid` but still prices (list, lowest allowed).
  const lines = createBatcher<CheckCall, PriceResult>({
    cap: PRICE_BATCH_CAP,
    key: (c) => JSON.stringify(CALL_FIELDS.map((f) => c[f] ?? null)),
    send: async (calls) => {
      const body = { lines: calls.map((c, i) => ({ id: String(i), ...c })) };
      try {
        const { data } = await client().request<ValidateResponse>('POST', '/prices/validate', body);
        return data.results;
      } catch (error) {
        throw requestFailure(error);
      }
    },
  });
  return {
    check: (c: CheckCall) => lines.call(c),
    /** List and lowest price; `minPriceDependsOn` names open inputs that would change the lowest price. */
    async quote(
      c: QuoteCall,
    ): Promise<{ listPrice: number; minPrice: number; minPriceDependsOn: OpenInput[] }> {
      const r = await lines.call(c);
      if (r.listPrice === null || r.minPrice === null) throw new PriceCallError(r.message);
      return { listPrice: r.listPrice, minPrice: r.minPrice, minPriceDependsOn: r.minPriceDependsOn ?? [] };
    },
    flush: () => lines.flush(),
  };
}

let shared: ReturnType<typeof createPriceCalls> | null = null;
export function priceCalls() {
  shared ??= createPriceCalls();
  return shared;
}

export function statusLabel(status: PriceStatus, locale = officeLocale()): string {
  return PRICE_STATUS_LABELS[status][locale];
}

export function officeLocale() {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return resolveLocale({ officeDisplayLanguage: office?.context?.displayLanguage ?? null });
}

/**
 * The cell text for a judged line: the pane's status text (`无法判断` too, as text, so COUNTIF counts
 * it), or `需确认新老客户…` when an input the cell left out would change the verdict.
 */
export function statusText(result: PriceResult, locale: Locale = officeLocale()): string {
  if (result.dependsOn && result.dependsOn.length > 0) return needsInputText(result.dependsOn)[locale];
  return statusLabel(result.status, locale);
}
