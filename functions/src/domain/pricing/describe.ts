/** How rules, scopes, prices and classes read in messages, in zh-CN and en-US. */
import { CUSTOMER_CLASS_LABELS, type Currency, type LocalizedText } from '../../contract/pricing';
import { formatBp, formatFen, type BasisPoints, type Fen } from '../money';
import type { CompiledRule } from './compile';
import { customerClassOf } from './keys';

export function both(zh: string, en: string): LocalizedText {
  return { 'zh-CN': zh, 'en-US': en };
}

/** Joins texts language by language. */
export function joinTexts(parts: readonly LocalizedText[], zhSep: string, enSep: string): LocalizedText {
  return both(parts.map((p) => p['zh-CN']).join(zhSep), parts.map((p) => p['en-US']).join(enSep));
}

/** `1,000.00` for CNY, `USD 1,000.00` for US dollars. */
export function money(fen: Fen, currency: Currency): string {
  return currency === 'CNY' ? formatFen(fen) : `${currency} ${formatFen(fen)}`;
}

/** The verdict of a line that is simply 符合 (no basis: the `flagged` and `compact` answers). */
export function okVerdict(priceFen: Fen, minFen: Fen, currency: Currency): LocalizedText {
  return okText(money(priceFen, currency), money(minFen, currency));
}

/** The same from prices already written out (the engine caches the lowest price's text). */
export function okText(price: string, min: string): LocalizedText {
  return both(
    `单价 ${price} 不低于最低允许价 ${min}。`,
    `Unit price ${price} is not below the lowest allowed price ${min}.`,
  );
}

export function classText(name: string): LocalizedText {
  const cls = customerClassOf(name);
  return cls ? both(cls, CUSTOMER_CLASS_LABELS[cls]['en-US']) : both(name, name);
}

export function productScopeText(rule: Pick<CompiledRule, 'productLevel' | 'productText'>): LocalizedText {
  switch (rule.productLevel) {
    case 2:
      return both(`型号 ${rule.productText}`, `model ${rule.productText}`);
    case 1:
      return both(`产品类别 ${rule.productText}`, `product type ${rule.productText}`);
    case 0:
      return both('全部产品', 'all products');
  }
}

export function customerScopeText(rule: Pick<CompiledRule, 'customerLevel' | 'customerText'>): LocalizedText {
  switch (rule.customerLevel) {
    case 3:
      return both(`客户 ${rule.customerText}`, `customer ${rule.customerText}`);
    case 2: {
      const cls = classText(rule.customerText);
      return both(`客户类别 ${cls['zh-CN']}`, `customer class ${cls['en-US']}`);
    }
    case 1:
      return both(`片区 ${rule.customerText}`, `region ${rule.customerText}`);
    case 0:
      return both('全部客户', 'all customers');
  }
}

/** What the rule does, e.g. `上限改为 20%` / `sets the cap to 20%`. */
export function effectText(rule: CompiledRule): LocalizedText {
  switch (rule.kind) {
    case 'discountCap':
      return both(`上限改为 ${formatBp(rule.bp)}`, `sets the cap to ${formatBp(rule.bp)}`);
    case 'extraDiscount':
      return both(`另加 ${formatBp(rule.bp)}`, `adds ${formatBp(rule.bp)}`);
    case 'fixedPrice':
      return both(
        `限定最低价 ${money(rule.fen, rule.currency)}`,
        `fixes the lowest price at ${money(rule.fen, rule.currency)}`,
      );
    case 'floor':
      return both(
        `最低限价 ${money(rule.fen, rule.currency)}`,
        `sets the floor at ${money(rule.fen, rule.currency)}`,
      );
  }
}

export function pctText(bp: BasisPoints): string {
  return formatBp(bp);
}
