// 客户对账单: one sheet per customer and currency from GET /api/statements/{customer}?month= — period,
// opening balance, every line with its running balance, closing, aging and the confirmation block
// (客户确认 / 盖章 / 日期). Export (USD) statements are in English whatever the pane's language.
// Print setup (A4, print area, title rows) is set by writeStatementSheets after the write.
import {
  STATEMENT_LINE_LABELS,
  type CustomerStatement,
  type StatementLine,
} from '../../../functions/src/contract/receivables';
import { rateAsPercent } from '../../../functions/src/domain/rebates/rebates';
import type { Bilingual } from '../../../functions/src/contract/text';
import type { Locale } from '../i18n/locale';
import type { ResultCell, ResultSheetSpec } from '../workbook/adapter';

const MONEY = '#,##0.00';
const FORBIDDEN = /[[\]:*?/\\]/g;

/** The statement's language: English for export (USD) customers, else the pane's. */
export function statementLocale(statement: CustomerStatement, paneLocale: Locale): Locale {
  return statement.currency === 'USD' ? 'en-US' : paneLocale;
}

/** `对账单-华东水务` (Excel: ≤ 31 characters, none of []:*?/\). */
export function statementSheetName(statement: CustomerStatement, locale: Locale): string {
  const prefix = locale === 'zh-CN' ? '对账单-' : 'Statement-';
  const suffix = statement.currency === 'CNY' ? '' : `-${statement.currency}`;
  const name = statement.customer.replace(FORBIDDEN, '_');
  return `${prefix}${name}`.slice(0, 31 - suffix.length) + suffix;
}

function lineLabel(l: StatementLine, locale: Locale): string {
  const label = STATEMENT_LINE_LABELS[l.kind][locale];
  if (l.method !== '承兑汇票') return label;
  if (locale === 'zh-CN') return `${label}（承兑汇票${l.maturityDate ? `，到期 ${l.maturityDate}` : ''}）`;
  return `${label} (bank acceptance${l.maturityDate ? `, due ${l.maturityDate}` : ''})`;
}

export function statementSheet(
  statement: CustomerStatement,
  locale: Locale,
  /** The selling company (GET /statements' `company`), printed first in the heading. */
  company: Bilingual | null = null,
): ResultSheetSpec {
  const zh = locale === 'zh-CN';
  const from = company ? `${company[locale]} ` : '';
  const money = (m: string): ResultCell => Number(m);
  // A line is a debit or a credit: the other side stays blank on the printed statement.
  const side = (m: string): ResultCell => (Number(m) === 0 ? null : Number(m));
  const h = (z: string, e: string) => ({ header: zh ? z : e });
  return {
    title: zh
      ? `${from}客户对账单 ${statement.customer} ${statement.from} 至 ${statement.to}（${statement.currency}）`
      : `${from}Customer statement — ${statement.customer} — ${statement.from} to ${statement.to} (${statement.currency})`,
    kind: `statement:${statement.customer}:${statement.currency}`,
    // Printed on A4: the long title and captions must not widen the date column.
    fitColumnsToFirstTable: true,
    tables: [
      {
        columns: [
          h('日期', 'Date'),
          h('摘要', 'Item'),
          h('单号', 'Ref.'),
          h('合同号', 'Contract'),
          h('发票号', 'Invoice'),
          h('数量', 'Qty'),
          { ...h('应收增加', 'Debit'), numberFormat: MONEY },
          { ...h('应收减少', 'Credit'), numberFormat: MONEY },
          { ...h('余额', 'Balance'), numberFormat: MONEY },
        ],
        rows: [
          [
            statement.from,
            zh ? '期初余额' : 'Opening balance',
            null,
            null,
            null,
            null,
            null,
            null,
            money(statement.opening),
          ],
          ...statement.lines.map((l): ResultCell[] => [
            l.date,
            lineLabel(l, locale),
            l.ref,
            l.contractNo,
            l.invoiceNo,
            l.qty,
            side(l.debit),
            side(l.credit),
            money(l.balance),
          ]),
        ],
        totals: [
          statement.to,
          zh ? '本期合计 / 期末余额' : 'Totals / closing balance',
          null,
          null,
          null,
          null,
          money(statement.totalDebit),
          money(statement.totalCredit),
          money(statement.closing),
        ],
      },
      {
        caption: zh ? `账龄（截至 ${statement.to}）` : `Aging as of ${statement.to}`,
        columns: statement.aging.map((b) => ({ header: b.label[locale], numberFormat: MONEY })),
        rows: [statement.aging.map((b) => money(b.amount))],
      },
      ...rebateTables(statement, locale),
      {
        caption: zh
          ? '如无异议，请核对后签字盖章回传；如有不符，请注明。'
          : 'Please check, sign, stamp and return; note any difference.',
        columns: [h('客户确认', 'Confirmed by customer'), h('盖章', 'Company stamp'), h('日期', 'Date')],
        rows: [[null, null, null]],
      },
    ],
  };
}

/** 返点 accrued this year (CNY statements, when the policy has tiers): the month-end run's figures. */
function rebateTables(statement: CustomerStatement, locale: Locale): ResultSheetSpec['tables'] {
  const r = statement.rebate;
  if (!r) return [];
  const zh = locale === 'zh-CN';
  return [
    {
      caption: zh
        ? `返点（${statement.to.slice(0, 4)} 年 1 月 1 日至 ${statement.to} 累计）`
        : `Rebate accrued 1 January to ${statement.to}`,
      columns: [
        { header: zh ? '本年销量' : 'Volume this year', numberFormat: MONEY },
        { header: zh ? '已达档位（起点）' : 'Tier reached (from)', numberFormat: MONEY },
        { header: zh ? '返点比例' : 'Rate' },
        { header: zh ? '累计返点' : 'Rebate accrued', numberFormat: MONEY },
        { header: zh ? '距下一档' : 'Volume to next tier', numberFormat: MONEY },
        { header: zh ? '说明' : 'Note' },
      ],
      rows: [
        [
          Number(r.volume),
          r.tier ? Number(r.tier.threshold) : null,
          r.tier ? rateAsPercent(r.tier.rate) : null,
          Number(r.accrued),
          r.next ? Number(r.next.volumeNeeded) : null,
          r.note?.[locale] ??
            (r.next
              ? zh
                ? `再发货 ${r.next.volumeNeeded} 元可达 ${rateAsPercent(r.next.rate)} 档`
                : `${r.next.volumeNeeded} yuan more reaches the ${rateAsPercent(r.next.rate)} tier`
              : null),
        ],
      ],
    },
  ];
}
