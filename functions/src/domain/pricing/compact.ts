/**
 * The compact answer of POST /api/prices/validate (`?detail=compact`): a line that is simply 符合 (ok,
 * judged as sent: order date given, no tax conversion, no open input that changes anything) is answered by the index of its
 * priced outcome in a small shared table instead of a whole result object. Its message and discount
 * follow from the line the caller sent, so `expandAnswer` rebuilds the `flagged` result exactly: the
 * engine marks such a line as it writes its verdict (tests check the expansion over the sample and
 * over generated lines).
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
import { plainOkCurrency } from './validateLines';

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
    // A line that left inputs open is answered with what they change: nothing, for a compact one.
    ...(askedOpenInputs(raw) ? { dependsOn: [], minPriceDependsOn: [] } : {}),
  };
}

function askedOpenInputs(raw: unknown): boolean {
  const open = lineField(raw, 'unknownInputs');
  return open !== undefined && open !== null;
}

/**
 * `answer` (judged with detail `compact` or `flagged`) in the compact form: every line the engine judged
 * simply 符合 (plainOkCurrency) becomes an outcome index; every other line keeps its whole result.
 */
export function compactAnswer(answer: ValidateResponse): CompactValidateResponse {
  const outcomes: CompactOutcome[] = [];
  // Outcomes by lowest price, then compared field by field: no key string per line (100,000 of them).
  const byMin = new Map<number | null, number[]>();
  const results = answer.results.map((r): number | PriceResult => {
    const currency = plainOkCurrency(r);
    if (!currency || r.dependsOn?.length || r.minPriceDependsOn?.length) return r;
    let candidates = byMin.get(r.minPrice);
    if (!candidates) byMin.set(r.minPrice, (candidates = []));
    for (const k of candidates) if (sameOutcome(outcomes[k] as CompactOutcome, r, currency)) return k;
    const k =
      outcomes.push([
        r.policyVersion,
        currency,
        r.listPrice,
        r.minPrice,
        r.floorPrice,
        r.maxDiscountPct,
        r.ruleIds,
      ]) - 1;
    candidates.push(k);
    return k;
  });
  return { form: 'compact', policyVersion: answer.policyVersion, outcomes, results, summary: answer.summary };
}

function sameOutcome(o: CompactOutcome, r: PriceResult, currency: Currency): boolean {
  const [policyVersion, cur, listPrice, , floorPrice, maxDiscountPct, ruleIds] = o;
  return (
    policyVersion === r.policyVersion &&
    cur === currency &&
    listPrice === r.listPrice &&
    floorPrice === r.floorPrice &&
    maxDiscountPct === r.maxDiscountPct &&
    ruleIds.length === r.ruleIds.length &&
    ruleIds.every((id, i) => id === r.ruleIds[i])
  );
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
