/**
 * The compact answer of POST /api/prices/validate (`?detail=compact`): a line that is simply 符合 (ok,
 * judged as sent: order date given, no tax conversion, no open inputs) is answered by the index of its
 * priced outcome in a small shared table instead of a whole result object. Its message and discount
 * follow from the line the caller sent, so `expandAnswer` rebuilds the `flagged` result exactly; the
 * server only compacts a line after checking that the expansion equals the result it replaces.
 * Pure and shared with the add-in (which expands the answers it receives).
 */
import type {
  CompactOutcome,
  CompactValidateResponse,
  Currency,
  PriceResult,
  ValidateResponse,
} from '../../contract/pricing';
import { bpToPercent, discountBp, tryYuanToFen, yuanToFen } from '../money';
import { okVerdict } from './describe';

function lineField(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
}

/** The result a compact entry stands for, rebuilt from the line as sent and its outcome. */
export function expandOk(raw: unknown, outcome: CompactOutcome): PriceResult {
  const [policyVersion, currency, listPrice, minPrice, floorPrice, maxDiscountPct, ruleIds] = outcome;
  const rawId = lineField(raw, 'id');
  const priceFen = tryYuanToFen(lineField(raw, 'unitPrice'));
  if (priceFen === undefined || minPrice === null || (typeof rawId !== 'string' && typeof rawId !== 'number'))
    throw new RangeError('a compact answer for a line without id, unit price or lowest price');
  return {
    id: rawId,
    status: 'ok',
    policyVersion,
    listPrice,
    minPrice,
    floorPrice,
    discountPct: listPrice === null ? null : bpToPercent(discountBp(yuanToFen(listPrice), priceFen)),
    maxDiscountPct,
    ruleIds: ruleIds.slice(),
    message: okVerdict(priceFen, yuanToFen(minPrice), currency as Currency),
  };
}

function sameResult(a: PriceResult, b: PriceResult): boolean {
  return (
    a.id === b.id &&
    a.status === b.status &&
    a.policyVersion === b.policyVersion &&
    a.listPrice === b.listPrice &&
    a.minPrice === b.minPrice &&
    a.floorPrice === b.floorPrice &&
    a.discountPct === b.discountPct &&
    a.maxDiscountPct === b.maxDiscountPct &&
    a.ruleIds.length === b.ruleIds.length &&
    a.ruleIds.every((id, i) => id === b.ruleIds[i]) &&
    a.message['zh-CN'] === b.message['zh-CN'] &&
    a.message['en-US'] === b.message['en-US'] &&
    a.dependsOn === undefined &&
    a.minPriceDependsOn === undefined &&
    b.dependsOn === undefined &&
    b.minPriceDependsOn === undefined
  );
}

/** The currency an ok line was judged in, read from the line the way the engine reads it. */
function currencyOf(raw: unknown): Currency | undefined {
  const given = lineField(raw, 'currency');
  if (given === undefined || given === null || given === '') return 'CNY';
  const text = typeof given === 'string' ? given.normalize('NFKC').trim().toUpperCase() : '';
  return text === 'CNY' || text === 'USD' ? text : undefined;
}

/**
 * `answer` (judged with detail `flagged`) in the compact form: every line whose expansion is exactly
 * its result becomes an outcome index; every other line keeps its whole result.
 */
export function compactAnswer(lines: readonly unknown[], answer: ValidateResponse): CompactValidateResponse {
  const outcomes: CompactOutcome[] = [];
  const index = new Map<string, number>();
  const results = answer.results.map((r, i): number | PriceResult => {
    if (r.status !== 'ok' || r.dependsOn !== undefined || r.minPriceDependsOn !== undefined) return r;
    const currency = currencyOf(lines[i]);
    if (!currency) return r;
    const key = `${r.policyVersion}|${currency}|${r.listPrice}|${r.minPrice}|${r.floorPrice}|${r.maxDiscountPct}|${r.ruleIds.join('\u0000')}`;
    let k = index.get(key);
    const outcome: CompactOutcome =
      k === undefined
        ? [r.policyVersion, currency, r.listPrice, r.minPrice, r.floorPrice, r.maxDiscountPct, r.ruleIds]
        : (outcomes[k] as CompactOutcome);
    let expanded: PriceResult;
    try {
      expanded = expandOk(lines[i], outcome);
    } catch {
      return r;
    }
    if (!sameResult(expanded, r)) return r;
    if (k === undefined) {
      k = outcomes.push(outcome) - 1;
      index.set(key, k);
    }
    return k;
  });
  return { form: 'compact', policyVersion: answer.policyVersion, outcomes, results, summary: answer.summary };
}

/** The compact answer as the `flagged` answer it stands for; `lines` are the lines sent, in order. */
export function expandAnswer(lines: readonly unknown[], answer: CompactValidateResponse): ValidateResponse {
  const results = answer.results.map((r, i): PriceResult => {
    if (typeof r !== 'number') return r;
    const outcome = answer.outcomes[r];
    if (!outcome) throw new RangeError(`result ${i} names outcome ${r}, of ${answer.outcomes.length}`);
    return expandOk(lines[i], outcome);
  });
  return { policyVersion: answer.policyVersion, results, summary: answer.summary };
}
