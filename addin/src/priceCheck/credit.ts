// 信用预警 on the price check: after the lines are judged, the customers the latest month-end report
// flags (over their credit limit, or with items open too long) are marked on their lines. Every role
// reads them through GET /credit-flags; a regional manager gets their own 片区's customers. A warning
// beside the verdict, never part of it: the status, the lowest price, the explanation and the counts
// stay as the policy judged them. Without a report (or when it cannot be read) the pane says the
// credit was not checked; the check itself goes on.
import { ApiError, type ApiClient } from '../api/client';
import type { Bilingual, Locale } from '../i18n/locale';
import type { CreditFlagsResponse } from '../../../functions/src/contract/creditFlags';
import type { CreditFlagRow } from '../../../functions/src/contract/monthEnd';
import { chinaDateOf } from '../../../functions/src/domain/monthEnd/chinaTime';
import { normalizeText } from '../../../functions/src/domain/monthEnd/ledgerKeys';
import { formatFen, toFen } from '../../../functions/src/domain/monthEnd/money';
import type { PriceCheckEntry } from './lines';
import { fill } from './strings';

/** What the credit check reads of a checked row (results.ts's CheckedRow; not imported: it imports this). */
export interface CreditRow {
  entry: { values: Pick<PriceCheckEntry['values'], 'customer' | 'currency'> };
}

/** What the credit check found: the report it read and the flags per checked row, or why it could not. */
export type CreditCheck =
  | {
      kind: 'checked';
      /** The month end the flags are as of (`YYYY-MM`). */
      month: string;
      /** Flags per row (index into the checked rows); rows without a flag are absent. */
      marks: Map<number, CreditFlagRow[]>;
    }
  | { kind: 'notChecked'; reason: Bilingual };

export const creditText = {
  header: { 'zh-CN': '信用预警', 'en-US': 'Credit warning' },
  asOf: { 'zh-CN': '截至 {month} 月末', 'en-US': 'as of the {month} month end' },
  overLimit: {
    'zh-CN': '超信用额度：额度 {limit} / 余额 {closing}',
    'en-US': 'over the credit limit: limit {limit} / balance {closing}',
  },
  overdue: {
    'zh-CN': '超期 {oldest} 天（{amount} 超过 {days} 天未收）',
    'en-US': 'overdue {oldest} days ({amount} open over {days} days)',
  },
  cell: { 'zh-CN': '信用预警（{asOf}）：{why}', 'en-US': 'Credit warning ({asOf}): {why}' },
  noReport: {
    'zh-CN': '信用情况未检查：还没有月末报告',
    'en-US': 'Credit not checked: no month-end report yet',
  },
  noCreditInReport: {
    'zh-CN': '信用情况未检查：{month} 月末报告没有信用检查（请重新运行月末对账）',
    'en-US': 'Credit not checked: the {month} month-end report has no credit check (run the month end again)',
  },
  failed: {
    'zh-CN': '信用情况未检查：读取月末报告失败（{reason}）',
    'en-US': 'Credit not checked: the month-end report could not be read ({reason})',
  },
  paneTitle: {
    'zh-CN': '信用预警（{asOf}）：{n} 行，价格判定不变',
    'en-US': 'Credit warnings ({asOf}): {n} rows; price verdicts unchanged',
  },
  paneNone: {
    'zh-CN': '信用情况已检查（{asOf}）：没有客户超额度或超期',
    'en-US': 'Credit checked ({asOf}): no customer over its limit or overdue',
  },
  sheetCaption: {
    'zh-CN': '信用预警（{asOf}，{n} 行；价格判定不变）',
    'en-US': 'Credit warnings ({asOf}, {n} rows; price verdicts unchanged)',
  },
} satisfies Record<string, Bilingual>;

/** The China month (`YYYY-MM`) of an instant: a month-end report is for a China month. */
function chinaMonthOf(now: Date): string {
  return chinaDateOf(now).slice(0, 7);
}

function money(amount: string, currency: string): string {
  const sign = currency === 'USD' ? 'US$' : currency === 'CNY' ? '¥' : `${currency} `;
  return `${sign}${formatFen(toFen(amount))}`;
}

/** Why one flag was raised, in the department's words (`超信用额度：额度 ¥500,000.00 / 余额 …；超期 95 天…`). */
function flagReason(flag: CreditFlagRow): Bilingual {
  const parts: Bilingual[] = [];
  if (flag.overLimit)
    parts.push(
      fill(creditText.overLimit, {
        limit: money(flag.overLimit.limit, flag.currency),
        closing: money(flag.closing, flag.currency),
      }),
    );
  if (flag.overdue)
    parts.push(
      fill(creditText.overdue, {
        oldest: flag.overdue.oldestDays,
        days: flag.overdue.days,
        amount: money(flag.overdue.amount, flag.currency),
      }),
    );
  return {
    'zh-CN': parts.map((p) => p['zh-CN']).join('；'),
    'en-US': parts.map((p) => p['en-US']).join('; '),
  };
}

/** The text of a marked row: every flag of its customer, and the month end they are as of. */
export function creditNote(locale: Locale, flags: readonly CreditFlagRow[], month: string): string {
  const asOf = fill(creditText.asOf, { month })[locale];
  const why = flags.map((f) => flagReason(f)[locale]).join(locale === 'zh-CN' ? '；' : '; ');
  return fill(creditText.cell, { asOf, why })[locale];
}

/**
 * The rows whose customer the report flags: matched by name as the month-end run matches customers
 * (normalizeText), and by currency when the row states one (a blank 币种 matches either: a warning is
 * better shown twice than missed).
 */
export function creditMarks(
  rows: readonly CreditRow[],
  flags: readonly CreditFlagRow[],
): Map<number, CreditFlagRow[]> {
  const byCustomer = new Map<string, CreditFlagRow[]>();
  for (const f of flags) {
    const key = normalizeText(f.customer);
    const list = byCustomer.get(key);
    if (list) list.push(f);
    else byCustomer.set(key, [f]);
  }
  const marks = new Map<number, CreditFlagRow[]>();
  if (!byCustomer.size) return marks;
  rows.forEach((row, i) => {
    const customer = row.entry.values.customer;
    if (!customer) return;
    const found = byCustomer.get(normalizeText(customer));
    if (!found) return;
    const currency = row.entry.values.currency;
    const matching = currency ? found.filter((f) => f.currency === currency) : found;
    if (matching.length) marks.set(i, matching);
  });
  return marks;
}

/**
 * The 信用预警 of the latest month-end report up to `now` (China month), through the one API client:
 * `GET /credit-flags` answers every role, a regional manager's limited to their 片区's customers; its
 * `month` is null when no month end has run yet (an older host answered 404: null here). Errors are the
 * client's (ApiError).
 */
async function latestCreditFlags(
  api: Pick<ApiClient, 'request'>,
  now: Date,
  signal?: AbortSignal,
): Promise<CreditFlagsResponse | null> {
  const asOf = chinaMonthOf(now);
  try {
    return (
      await api.request<CreditFlagsResponse>('GET', `/credit-flags?asOf=${asOf}`, undefined, { signal })
    ).data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Fetches the latest flags and marks the rows; never throws but on cancel (the signal's abort). */
export async function checkCredit(
  api: Pick<ApiClient, 'request'>,
  rows: readonly CreditRow[],
  options: { now?: Date; signal?: AbortSignal } = {},
): Promise<CreditCheck> {
  let answer: CreditFlagsResponse | null;
  try {
    answer = await latestCreditFlags(api, options.now ?? new Date(), options.signal);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const reason =
      error instanceof ApiError ? error.text : { 'zh-CN': String(error), 'en-US': String(error) };
    return { kind: 'notChecked', reason: fill(creditText.failed, (l) => ({ reason: reason[l] })) };
  }
  if (!answer || answer.month === null) return { kind: 'notChecked', reason: creditText.noReport };
  if (!answer.credit)
    return { kind: 'notChecked', reason: fill(creditText.noCreditInReport, { month: answer.month }) };
  return { kind: 'checked', month: answer.month, marks: creditMarks(rows, answer.credit.flags) };
}
