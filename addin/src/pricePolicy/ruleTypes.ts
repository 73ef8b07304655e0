// The 规则类型 and 数值 cells of a price rule. 折扣上限 and 追加折扣 take a percent (`15%`, or 0.15
// formatted as a percent); 固定价 and 最低价 take a price in yuan (`15800`, `¥15,800`; `$500` or
// `USD 500` for an export price). A value of the wrong kind is said so, not guessed.
import type { RuleEffect, RuleEffectKind } from '../../../functions/src/contract/pricing';
import { decimalToNumber, parseDecimal, readMoneyFen, readPercentBp, toHalfWidth } from '../sheets';
import type { Bilingual } from '../i18n/locale';
import { bilingual as bi } from '../../../functions/src/contract/text';

/** The names people write for each effect; the first is the one the sheet layout documents. */
export const RULE_TYPE_NAMES: Readonly<Record<RuleEffectKind, readonly string[]>> = {
  discountCap: ['折扣上限', '折扣', '最大折扣', 'Discount cap', 'Cap', 'discountCap'],
  extraDiscount: ['追加折扣', '额外折扣', '加折', 'Extra discount', 'extraDiscount'],
  fixedPrice: ['固定价', '固定价格', '限定价', '特价', 'Fixed price', 'fixedPrice'],
  floor: ['最低价', '最低限价', '底价', 'Floor', 'Floor price', 'floor'],
};

const typeKey = (s: string): string => toHalfWidth(s).replace(/\s+/g, '').toLowerCase();

const KIND_BY_KEY = new Map<string, RuleEffectKind>();
for (const [kind, names] of Object.entries(RULE_TYPE_NAMES) as Array<[RuleEffectKind, readonly string[]]>) {
  for (const name of names) KIND_BY_KEY.set(typeKey(name), kind);
}

export const RULE_TYPE_EXPECTED = bi(
  '折扣上限、追加折扣、固定价 或 最低价',
  '折扣上限 (discount cap), 追加折扣 (extra discount), 固定价 (fixed price) or 最低价 (floor)',
);

export function readRuleType(text: string): RuleEffectKind | null {
  return KIND_BY_KEY.get(typeKey(text)) ?? null;
}

export function isPercentKind(kind: RuleEffectKind): boolean {
  return kind === 'discountCap' || kind === 'extraDiscount';
}

export type EffectRead =
  | { ok: true; effect: RuleEffect }
  | { ok: false; code: 'value_not_percent' | 'value_not_price'; expected: Bilingual; detail: Bilingual };

const PERCENT_EXPECTED = bi('百分比，如 15%', 'a percentage, e.g. 15%');
const PRICE_EXPECTED = bi('含税价格（元），如 15800', 'a tax-inclusive price in yuan, e.g. 15800');
const USD_RE = /US\$|USD|美元|\$/i;
const MONEY_SIGN_RE = /[¥$元]|RMB|CNY|USD|人民币/i;

function percentEffect(kind: 'discountCap' | 'extraDiscount', value: unknown, format: string): EffectRead {
  const typeName = RULE_TYPE_NAMES[kind][0];
  const notPercent = (detail: Bilingual): EffectRead => ({
    ok: false,
    code: 'value_not_percent',
    expected: PERCENT_EXPECTED,
    detail,
  });
  if (typeof value === 'string' && MONEY_SIGN_RE.test(toHalfWidth(value))) {
    return notPercent(
      bi(`${typeName}的数值应为百分比，这里是金额`, `a ${typeName} rule takes a percentage, not an amount`),
    );
  }
  const read = readPercentBp(value, { required: true, numberFormat: format });
  if (!read.ok || read.value === null) {
    return notPercent(bi(`${typeName}的数值应为百分比`, `a ${typeName} rule takes a percentage`));
  }
  // A bare number over 100 (`15800`) is a price typed into a percent rule, not 15800 %.
  const explicitPercent =
    (typeof value === 'string' && /[%‰]/.test(toHalfWidth(value))) ||
    (typeof value === 'number' && format.includes('%'));
  if (!explicitPercent && read.value > 10000) {
    return notPercent(
      bi(
        `${typeName}的数值应为百分比（如 15%），${String(value)} 像是价格；价格请用“固定价”或“最低价”`,
        `a ${typeName} rule takes a percentage (e.g. 15%); ${String(value)} looks like a price — use 固定价 or 最低价 for prices`,
      ),
    );
  }
  return { ok: true, effect: { kind, pct: read.value / 100 } };
}

function priceEffect(kind: 'fixedPrice' | 'floor', value: unknown, format: string): EffectRead {
  const typeName = RULE_TYPE_NAMES[kind][0];
  const notPrice = (detail: Bilingual): EffectRead => ({
    ok: false,
    code: 'value_not_price',
    expected: PRICE_EXPECTED,
    detail,
  });
  const looksPercent =
    (typeof value === 'string' && /[%‰]/.test(toHalfWidth(value))) ||
    (typeof value === 'number' && format.includes('%'));
  if (looksPercent) {
    return notPrice(
      bi(
        `${typeName}的数值应为价格，这里是百分比；百分比请用“折扣上限”或“追加折扣”`,
        `a ${typeName} rule takes a price, not a percentage — use 折扣上限 or 追加折扣 for percentages`,
      ),
    );
  }
  const read = readMoneyFen(value, { required: true });
  if (!read.ok || read.value === null) {
    return notPrice(bi(`${typeName}的数值应为价格`, `a ${typeName} rule takes a price`));
  }
  // 0 < value < 1 with no money sign is a discount typed as a fraction (0.15), not a 0.15-yuan price.
  const d = parseDecimal(value);
  const bare = typeof value === 'number' || (typeof value === 'string' && !MONEY_SIGN_RE.test(value));
  if (bare && d && !d.negative && decimalToNumber(d) > 0 && decimalToNumber(d) < 1) {
    return notPrice(
      bi(
        `${typeName}的数值应为价格（元），${String(value)} 像是折扣比例`,
        `a ${typeName} rule takes a price in yuan; ${String(value)} looks like a discount fraction`,
      ),
    );
  }
  const usd = typeof value === 'string' && USD_RE.test(toHalfWidth(value));
  const price = read.value / 100;
  return { ok: true, effect: usd ? { kind, price, currency: 'USD' } : { kind, price } };
}

/** The rule's effect from its type and the 数值 cell (with the cell's number format, if known). */
export function readRuleEffect(kind: RuleEffectKind, value: unknown, numberFormat = ''): EffectRead {
  return kind === 'discountCap' || kind === 'extraDiscount'
    ? percentEffect(kind, value, numberFormat)
    : priceEffect(kind, value, numberFormat);
}
