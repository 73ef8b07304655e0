/**
 * 信用预警 (credit flags) from a receivables answer: a customer over its credit limit, or with open items
 * older than a set number of days. A warning only: it never changes a price verdict. The month-end run
 * lists them in its report (limits from the run body or the price policy); the price check marks the
 * lines of the customers the latest report flags (addin/src/priceCheck/credit.ts).
 */
import type { LedgerCurrency, MonthEndText } from '../../contract/monthEnd';
import type { CustomerReceivable } from '../../contract/receivables';
import { normalizeText } from '../monthEnd/ledgerKeys';
import { fenText, formatFen, toFen } from '../monthEnd/money';

export interface CreditLimit {
  readonly customer: string;
  readonly currency: LedgerCurrency;
  /** Decimal yuan. */
  readonly limit: string;
}

export interface CreditFlag {
  readonly customer: string;
  readonly currency: LedgerCurrency;
  readonly closing: string;
  readonly overLimit: { readonly limit: string; readonly over: string } | null;
  readonly overdue: { readonly days: number; readonly oldestDays: number; readonly amount: string } | null;
  readonly message: MonthEndText;
}

export function creditFlags(
  customers: readonly CustomerReceivable[],
  options: { readonly limits: readonly CreditLimit[]; readonly maxDays: number },
): CreditFlag[] {
  const limits = new Map(
    options.limits.map((l) => [`${normalizeText(l.customer)}|${l.currency}`, toFen(l.limit)]),
  );
  const out: CreditFlag[] = [];
  for (const c of customers) {
    const closing = toFen(c.closing);
    const limit = limits.get(`${normalizeText(c.customer)}|${c.currency}`);
    const overLimit = limit !== undefined && closing > limit ? { limit, over: closing - limit } : null;
    const old = c.openItems.filter((i) => i.kind === 'shipment' && i.days > options.maxDays);
    const overdueFen = old.reduce((t, i) => t + toFen(i.open), 0n);
    const overdue =
      old.length > 0
        ? {
            days: options.maxDays,
            oldestDays: Math.max(...old.map((i) => i.days)),
            amount: fenText(overdueFen),
          }
        : null;
    if (!overLimit && !overdue) continue;
    const zh: string[] = [];
    const en: string[] = [];
    if (overLimit) {
      zh.push(
        `应收 ${formatFen(closing)} 超出信用额度 ${formatFen(overLimit.limit)}，超 ${formatFen(overLimit.over)}`,
      );
      en.push(
        `receivable ${formatFen(closing)} is over the credit limit ${formatFen(overLimit.limit)} by ${formatFen(overLimit.over)}`,
      );
    }
    if (overdue) {
      zh.push(`${formatFen(overdueFen)} 超过 ${overdue.days} 天未收（最久 ${overdue.oldestDays} 天）`);
      en.push(
        `${formatFen(overdueFen)} open for more than ${overdue.days} days (oldest ${overdue.oldestDays} days)`,
      );
    }
    out.push({
      customer: c.customer,
      currency: c.currency,
      closing: c.closing,
      overLimit: overLimit ? { limit: fenText(overLimit.limit), over: fenText(overLimit.over) } : null,
      overdue,
      message: {
        'zh-CN': `信用预警：${c.customer}（${c.currency}）${zh.join('；')}`,
        'en-US': `Credit warning: ${c.customer} (${c.currency}) ${en.join('; ')}`,
      },
    });
  }
  return out;
}
