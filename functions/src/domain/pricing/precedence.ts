/**
 * Rule precedence, deterministic and explainable. Higher wins, key by key:
 * 1. explicit priority (default 0);
 * 2. product specificity: model > product type > all;
 * 3. customer specificity: customer name > class > region > all;
 * 4. the later validFrom (an open start counts as earliest);
 * 5. (only for policies never checked, where ties are possible) the earlier position in the sheet.
 * Only rules of the same slot compete (see RuleSlot); checkPolicy rejects two that tie on 1–4.
 */
import type { Bilingual, RuleEffectKind } from '../../contract/pricing';

/** 2 = one model, 1 = one product type, 0 = all products. */
export type ProductLevel = 0 | 1 | 2;
/** 3 = one customer, 2 = a class, 1 = a region, 0 = all customers. */
export type CustomerLevel = 0 | 1 | 2 | 3;

/**
 * Rules compete only with rules of the same slot: the price basis (a discount cap or a fixed price:
 * the highest replaces the class cap), the extra discount (the highest adds to it) and the floor
 * (the highest raises the product's floor). Rules of different slots combine.
 */
export type RuleSlot = 'basis' | 'extra' | 'floor';

export function slotOf(kind: RuleEffectKind): RuleSlot {
  switch (kind) {
    case 'discountCap':
    case 'fixedPrice':
      return 'basis';
    case 'extraDiscount':
      return 'extra';
    case 'floor':
      return 'floor';
  }
}

export interface RankedRule {
  readonly index: number;
  readonly priority: number;
  readonly productLevel: ProductLevel;
  readonly customerLevel: CustomerLevel;
  /** '' when open. */
  readonly validFrom: string;
}

export type PrecedenceReason = 'priority' | 'product' | 'customer' | 'validFrom' | 'position';

/** Keys 1–4 only: 0 when the rules tie on them. */
export function compareRank(a: RankedRule, b: RankedRule): number {
  return (
    b.priority - a.priority ||
    b.productLevel - a.productLevel ||
    b.customerLevel - a.customerLevel ||
    (a.validFrom === b.validFrom ? 0 : a.validFrom > b.validFrom ? -1 : 1)
  );
}

/** Negative when `a` goes before (outranks) `b`; sorts rules highest precedence first. */
export function comparePrecedence(a: RankedRule, b: RankedRule): number {
  return compareRank(a, b) || a.index - b.index;
}

const SLOT_ORDER: Readonly<Record<RuleSlot, number>> = { basis: 0, extra: 1, floor: 2 };

/** Orders the winners of different slots for display: by rank, then basis, extra, floor (never by position). */
export function compareWinners(
  a: RankedRule & { slot: RuleSlot },
  b: RankedRule & { slot: RuleSlot },
): number {
  return compareRank(a, b) || SLOT_ORDER[a.slot] - SLOT_ORDER[b.slot];
}

/** Which key made `winner` outrank `loser`. */
export function decidingReason(winner: RankedRule, loser: RankedRule): PrecedenceReason {
  if (winner.priority !== loser.priority) return 'priority';
  if (winner.productLevel !== loser.productLevel) return 'product';
  if (winner.customerLevel !== loser.customerLevel) return 'customer';
  if (winner.validFrom !== loser.validFrom) return 'validFrom';
  return 'position';
}

export const REASON_TEXT: Readonly<Record<PrecedenceReason, Bilingual>> = {
  priority: { 'zh-CN': '优先级更高', 'en-US': 'higher priority' },
  product: { 'zh-CN': '产品范围更具体', 'en-US': 'more specific product scope' },
  customer: { 'zh-CN': '客户范围更具体', 'en-US': 'more specific customer scope' },
  validFrom: { 'zh-CN': '开始日期更晚', 'en-US': 'later start date' },
  position: { 'zh-CN': '在表中更靠前', 'en-US': 'earlier in the sheet' },
};

/** True when the two rules cannot be ordered by keys 1–4. */
export function samePrecedence(a: RankedRule, b: RankedRule): boolean {
  return (
    a.priority === b.priority &&
    a.productLevel === b.productLevel &&
    a.customerLevel === b.customerLevel &&
    a.validFrom === b.validFrom
  );
}
