/**
 * The lowest price the policy allows for one line, and why.
 *
 * 1. Start from the list price in the line's currency and the class cap (new or existing customer;
 *    no class, or no cap for it, means 0 %).
 * 2. Rules matching the line (product scope, customer scope, minQty ≤ qty ≤ maxQty, validFrom ≤ date
 *    ≤ validTo, and for price effects the line's currency) compete per slot; the highest precedence
 *    wins its slot, the others are named as overridden:
 *    - basis: `discountCap` replaces the class cap, or `fixedPrice` sets the lowest price;
 *    - extra: `extraDiscount` adds percentage points to the cap (under a fixed price it lowers it by
 *      that share of the list price);
 *    - floor: `floor` raises the product's floor (never lowers it).
 * 3. Lowest allowed = list × (1 − cap), rounded UP to the fen (or the fixed price), then never below
 *    the floor.
 * Outcomes are cached per (model, currency, class, new?, matching rules): all else follows from those.
 */
import { CUSTOMER_CLASSES, type Currency, type CustomerClass, type Bilingual } from '../../contract/pricing';
import { allowedDiscountBp, applyDiscount, type BasisPoints, type Fen } from '../money';
import {
  candidatesFor,
  type CompiledPolicy,
  type CompiledProduct,
  type CompiledRule,
  type PriceOutcome,
} from './compile';
import { both, classText, effectText, joinTexts, money, pctText } from './describe';
import { compareWinners, decidingReason, REASON_TEXT, type RuleSlot } from './precedence';

export interface LineFacts {
  readonly modelKey: string;
  readonly product: CompiledProduct;
  readonly currency: Currency;
  /** matchKey of the customer name; '' when not given. */
  readonly customerKey: string;
  readonly customerClass: CustomerClass | undefined;
  /** matchKey of the region; '' when not given. */
  readonly regionKey: string;
  readonly isNew: boolean;
  readonly qty: number;
  /** The order date (or today), YYYY-MM-DD. */
  readonly date: string;
}

// Declared beside the compiled policy that caches it (compile.ts), so the two files form no circle.
export type { PriceOutcome } from './compile';

function matchesCustomer(rule: CompiledRule, facts: LineFacts): boolean {
  switch (rule.customerLevel) {
    case 0:
      return true;
    case 1:
      return rule.customerKey === facts.regionKey;
    case 2:
      return rule.customerKey === facts.customerClass;
    case 3:
      return rule.customerKey === facts.customerKey;
  }
}

function applies(rule: CompiledRule, facts: LineFacts): boolean {
  if (facts.qty < rule.minQty || facts.qty > rule.maxQty) return false;
  if (rule.validFrom !== '' && facts.date < rule.validFrom) return false;
  if (rule.validTo !== '' && facts.date > rule.validTo) return false;
  if ((rule.kind === 'fixedPrice' || rule.kind === 'floor') && rule.currency !== facts.currency) return false;
  return matchesCustomer(rule, facts);
}

/** Per product (so per model and policy version): its candidate rules and the outcomes worked out so far. */
interface ProductMemo {
  readonly candidates: readonly CompiledRule[];
  /** By numeric key (see numericKey); only when a product has at most MASK_BITS candidate rules. */
  readonly outcomes: Map<number, PriceOutcome>;
}

const memos = new WeakMap<CompiledProduct, ProductMemo>();
/** Candidate rules a numeric key can hold as a bit mask (beyond this the text key is used). */
const MASK_BITS = 20;
const CLASS_NUMBER = new Map<CustomerClass, number>(CUSTOMER_CLASSES.map((cls, i) => [cls, i + 1]));

function memoFor(policy: CompiledPolicy, facts: LineFacts): ProductMemo {
  let memo = memos.get(facts.product);
  if (!memo) {
    memo = { candidates: candidatesFor(policy, facts.modelKey, facts.product), outcomes: new Map() };
    memos.set(facts.product, memo);
  }
  return memo;
}

/** Undefined when the product has no price in the line's currency. */
export function lowestAllowedPrice(policy: CompiledPolicy, facts: LineFacts): PriceOutcome | undefined {
  const prices = facts.product.prices[facts.currency];
  if (!prices) return undefined;
  const memo = memoFor(policy, facts);
  const candidates = memo.candidates;
  if (candidates.length <= MASK_BITS) {
    // The matching rules as bits, then class, currency and new? below them: no string per line.
    let mask = 0;
    for (let i = 0; i < candidates.length; i++) {
      const rule = candidates[i];
      if (rule && applies(rule, facts)) mask |= 1 << i;
    }
    const cls = facts.customerClass === undefined ? 0 : (CLASS_NUMBER.get(facts.customerClass) ?? 0);
    const key = ((mask * 8 + cls) * 2 + (facts.currency === 'CNY' ? 0 : 1)) * 2 + (facts.isNew ? 1 : 0);
    const known = memo.outcomes.get(key);
    if (known) return known;
    const matched = candidates.filter((_, i) => (mask & (1 << i)) !== 0);
    const outcome = decide(policy, facts, prices.list, prices.floor, matched);
    memo.outcomes.set(key, outcome);
    return outcome;
  }
  // One character per matching rule (its position) keeps the cache key short.
  let key = `${facts.modelKey}\u0001${facts.currency}\u0001${facts.customerClass ?? ''}\u0001${facts.isNew ? 'N' : 'O'}\u0001`;
  for (const rule of candidates) {
    if (applies(rule, facts))
      key += rule.index < 0xffff ? String.fromCharCode(rule.index) : `\uffff${rule.index};`;
  }
  const known = policy.outcomes.get(key);
  if (known) return known;
  const matched = candidates.filter((rule) => applies(rule, facts));
  const outcome = decide(policy, facts, prices.list, prices.floor, matched);
  policy.outcomes.set(key, outcome);
  return outcome;
}

function baseCapText(facts: LineFacts, cap: BasisPoints | undefined): Bilingual {
  if (facts.customerClass === undefined) return both('无客户类别，上限 0%', 'no customer class: cap 0%');
  const cls = classText(facts.customerClass);
  const zh = `${cls['zh-CN']}${facts.isNew ? '新客户' : '老客户'}`;
  const en = `${cls['en-US']}, ${facts.isNew ? 'new customer' : 'existing customer'}`;
  if (cap === undefined) return both(`${zh}未设上限，按 0%`, `${en}: no cap set, so 0%`);
  return both(`${zh}上限 ${pctText(cap)}`, `${en}: cap ${pctText(cap)}`);
}

/** Names at most this many overridden rules per winner (a long list helps nobody in a cell). */
const MAX_NAMED_OVERRIDDEN = 3;

/** `R2 上限改为 20%（取代 R1：客户范围更具体）` */
function winnerText(winner: CompiledRule, overridden: readonly CompiledRule[]): Bilingual {
  const effect = effectText(winner);
  let zh = `${winner.id} ${effect['zh-CN']}`;
  let en = `${winner.id} ${effect['en-US']}`;
  if (overridden.length > 0) {
    const named = overridden.slice(0, MAX_NAMED_OVERRIDDEN);
    const more = overridden.length - named.length;
    const zhLosers = named.map((l) => `${l.id}：${REASON_TEXT[decidingReason(winner, l)]['zh-CN']}`);
    const enLosers = named.map((l) => `${l.id}: ${REASON_TEXT[decidingReason(winner, l)]['en-US']}`);
    zh += `（取代 ${zhLosers.join('；')}${more ? `；另 ${more} 条` : ''}）`;
    en += ` (overrides ${enLosers.join('; ')}${more ? `; ${more} more` : ''})`;
  }
  return both(zh, en);
}

function decide(
  policy: CompiledPolicy,
  facts: LineFacts,
  listFen: Fen,
  productFloor: Fen | null,
  matched: readonly CompiledRule[],
): PriceOutcome {
  const cur = facts.currency;
  const winners = new Map<RuleSlot, CompiledRule>();
  const overridden = new Map<CompiledRule, CompiledRule[]>();
  for (const rule of matched) {
    const winner = winners.get(rule.slot);
    if (!winner) {
      winners.set(rule.slot, rule);
      overridden.set(rule, []);
    } else {
      overridden.get(winner)?.push(rule);
    }
  }
  const caps = facts.customerClass === undefined ? undefined : policy.caps.get(facts.customerClass);
  const classCap = facts.isNew ? caps?.new : caps?.old;
  const parts: Bilingual[] = [baseCapText(facts, classCap)];
  const say = (rule: CompiledRule) => parts.push(winnerText(rule, overridden.get(rule) ?? []));

  const basis = winners.get('basis');
  const extra = winners.get('extra');
  const floorRule = winners.get('floor');
  if (basis) say(basis);
  if (extra) say(extra);

  let minFen: Fen;
  let capInForce: BasisPoints | undefined;
  const listText = money(listFen, cur);
  if (basis?.kind === 'fixedPrice') {
    // The extra share of list, rounded down so the lowest price rounds up.
    const off = extra ? listFen - applyDiscount(listFen, extra.bp) : 0;
    minFen = Math.max(0, basis.fen - off);
    if (extra) {
      const fixed = money(basis.fen, cur);
      const result = money(minFen, cur);
      parts.push(
        both(
          `${fixed} − 指导价 ${listText} × ${pctText(extra.bp)} = ${result}`,
          `${fixed} − list ${listText} × ${pctText(extra.bp)} = ${result}`,
        ),
      );
    }
  } else {
    const cap = basis?.kind === 'discountCap' ? basis.bp : (classCap ?? 0);
    capInForce = Math.min(10000, cap + (extra?.bp ?? 0));
    minFen = applyDiscount(listFen, capInForce);
    const result = money(minFen, cur);
    parts.push(
      both(
        `指导价 ${listText} × (1 − ${pctText(capInForce)}) = ${result}`,
        `list ${listText} × (1 − ${pctText(capInForce)}) = ${result}`,
      ),
    );
  }

  let floorFen = productFloor;
  let floorBy = '';
  if (floorRule) {
    if (floorFen !== null && floorRule.fen <= floorFen) {
      const rule = money(floorRule.fen, cur);
      const product = money(floorFen, cur);
      parts.push(
        both(
          `${floorRule.id} 最低限价 ${rule} 不高于产品最低限价 ${product}，不变`,
          `${floorRule.id} floor ${rule} is not above the product floor ${product}, which stays`,
        ),
      );
    } else {
      floorFen = floorRule.fen;
      floorBy = floorRule.id;
    }
  }
  if (floorFen !== null) {
    const floor = money(floorFen, cur);
    const by = floorBy ? both(`（${floorBy}）`, ` (${floorBy})`) : both('', '');
    if (minFen < floorFen) {
      minFen = floorFen;
      capInForce = undefined;
      parts.push(
        both(`最低限价 ${floor}${by['zh-CN']}，取其为最低允许价`, `floor ${floor}${by['en-US']} applies`),
      );
    } else if (floorBy || !floorRule) {
      parts.push(both(`最低限价 ${floor}${by['zh-CN']}`, `floor ${floor}${by['en-US']}`));
    }
  }

  const ruleIds = [...winners.values()].sort(compareWinners).map((r) => r.id);
  return {
    listFen,
    floorFen,
    minFen,
    maxDiscountBp: capInForce ?? allowedDiscountBp(listFen, minFen),
    ruleIds,
    explanation: joinTexts(parts, '；', '; '),
    minText: money(minFen, cur),
    floorText: floorFen === null ? undefined : money(floorFen, cur),
  };
}
