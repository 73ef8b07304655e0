// Batched price questions from worksheet functions: one POST per recalculation burst (per cap),
// identical questions asked once. The API address is the pane's (shared runtime, same storage).
import { ApiError, createApiClient } from '../api/client';
import { loadUserSettings } from '../taskpane/settings/userSettings';
import { officeLocale, type Bilingual } from '../i18n/locale';
import { createBatcher } from './batcher';
import {
  PRICE_STATUS_LABELS,
  type PriceResult,
  type PriceStatus,
  type ValidateResponse,
} from '../../../functions/src/contract/pricing';
import { bilingual as bi } from '../../../functions/src/contract/text';
import { UserFacingError } from '../../../functions/src/contract/problem';

/** Distinct lines per request: far below the API's 50,000-line limit, small enough to answer fast. */
export const PRICE_BATCH_CAP = 5000;

/** A cell's error in both languages (`text`); `message` is the en-US one, for logs. */
export class PriceCallError extends UserFacingError {
  constructor(text: Bilingual) {
    super('price_call_failed', text);
    this.name = 'PriceCallError';
  }
}

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

export interface CheckCall {
  model: string;
  customerClass: string;
  qty: number;
  unitPrice: number;
  orderDate?: string;
  approvalRef?: string;
}
export interface QuoteCall {
  model: string;
  customerClass?: string;
  qty: number;
  orderDate?: string;
}

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
  const lines = createBatcher<CheckCall | QuoteCall, PriceResult>({
    cap: PRICE_BATCH_CAP,
    key: (c) =>
      JSON.stringify([
        c.model,
        c.customerClass,
        c.qty,
        'unitPrice' in c ? c.unitPrice : null,
        c.orderDate,
        'approvalRef' in c ? c.approvalRef : null,
      ]),
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
    async quote(c: QuoteCall): Promise<{ listPrice: number; minPrice: number }> {
      const r = await lines.call(c);
      if (r.listPrice === null || r.minPrice === null) throw new PriceCallError(r.message);
      return { listPrice: r.listPrice, minPrice: r.minPrice };
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

/** The cell text for a judged line; a line that cannot be judged becomes an Excel error with the reason. */
export function statusText(result: PriceResult): string {
  const locale = officeLocale();
  if (result.status === 'invalid') throw new PriceCallError(result.message);
  return statusLabel(result.status, locale);
}
