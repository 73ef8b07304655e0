// What month-end writes (pure): from the API's report, the four SalesDesk sheets — the summary
// (both totals, what explains the difference, a chart; then 信用预警 and 返点计提 when the report has
// them), 对账差异 (one linked row per difference),
// 发货未开票 (and invoiced-not-shipped), 销售跟单月报表. Amounts come as exact decimal text from the
// API and are written as numbers cell by cell; every total is the API's, never summed here in
// floating point.
import {
  DIFFERENCE_CLASSES,
  DIFFERENCE_CLASS_LABELS,
  LEDGER_KINDS,
  LEDGER_KIND_LABELS,
  type DifferenceSide,
  type MonthEndReport,
  type Source,
} from '../../../functions/src/contract/monthEnd';
import { rateAsPercent } from '../../../functions/src/domain/rebates/rebates';
import type { Locale } from '../i18n/locale';
import type { CellLink, ResultCell, ResultSheetSpec, ResultTableSpec } from '../workbook/adapter';
import { say, type MonthEndTextKey } from './strings';

export const MONEY_FORMAT = '#,##0.00';

/** The four result sheets, in the order they are written (the summary last, so it is shown). */
export const RESULT_SHEETS = [
  'differencesSheet',
  'notInvoicedSheet',
  'trackingSheet',
  'summarySheet',
] as const;
export type ResultSheetKey = (typeof RESULT_SHEETS)[number];

/** A decimal-yuan text as the number Excel shows (one value, never a sum). */
export const amountCell = (text: string | null | undefined): number | null =>
  text === null || text === undefined ? null : Number(text);

/** Decimal-yuan text with thousands separators, exactly as sent: "-18070.00" → "-18,070.00". */
export function groupedAmount(text: string): string {
  const [whole = '', frac] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** A link to a source row (column A of that row). */
export function sourceLink(locale: Locale, source: Source | undefined): CellLink | null {
  if (!source) return null;
  return { text: say(locale, 'rowLink', source), sheet: source.sheet, address: `A${source.row}` };
}

const sideLink = (locale: Locale, side: DifferenceSide | null): ResultCell =>
  sourceLink(locale, side?.sources[side.sources.length - 1]);

export function classLabel(locale: Locale, cls: (typeof DIFFERENCE_CLASSES)[number]): string {
  return DIFFERENCE_CLASS_LABELS[cls][locale];
}

/** Fills for the classes on 对账差异, the colours people read as "look here" and "timing". */
export const CLASS_COLORS: Partial<Record<(typeof DIFFERENCE_CLASSES)[number], string>> = {
  amount_differs: '#FFC7CE',
  duplicate: '#FFC7CE',
  cutoff: '#DDEBF7',
  only_in_ledger: '#FFEB9C',
  only_in_books: '#FFEB9C',
};

export function differencesSheet(report: MonthEndReport, locale: Locale): ResultSheetSpec {
  const diffs = report.reconciliation.differences;
  const h = (k: MonthEndTextKey) => ({ header: say(locale, k) });
  const m = (k: MonthEndTextKey) => ({ header: say(locale, k), numberFormat: MONEY_FORMAT });
  return {
    title: say(locale, 'differencesTitle', { month: report.month, count: diffs.length }),
    tables: [
      {
        columns: [
          h('colClass'),
          h('colCustomer'),
          h('colCurrency'),
          h('colDeliveryNo'),
          h('colInvoiceNo'),
          h('colVoucherNo'),
          m('colLedgerAmount'),
          m('colBooksAmount'),
          m('colAmountEffect'),
          h('colLedgerWhere'),
          h('colBooksWhere'),
          h('colMessage'),
        ],
        rows: diffs.map((d) => [
          classLabel(locale, d.class),
          d.customer,
          d.currency,
          d.ledger?.deliveryNo ?? d.books?.deliveryNo ?? null,
          d.ledger?.invoiceNo ?? d.books?.invoiceNo ?? null,
          d.books?.voucherNo ?? null,
          amountCell(d.ledger?.amount),
          amountCell(d.books?.amount),
          amountCell(d.effect),
          sideLink(locale, d.ledger),
          sideLink(locale, d.books),
          d.message[locale],
        ]),
        highlights: Object.entries(CLASS_COLORS).map(([cls, color]) => ({
          column: 0,
          op: 'eq' as const,
          values: [classLabel(locale, cls as (typeof DIFFERENCE_CLASSES)[number])],
          color,
        })),
      },
    ],
    freezeHeader: true,
  };
}

const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

export function notInvoicedSheet(report: MonthEndReport, locale: Locale): ResultSheetSpec {
  const h = (k: MonthEndTextKey) => ({ header: say(locale, k) });
  const m = (k: MonthEndTextKey) => ({ header: say(locale, k), numberFormat: MONEY_FORMAT });
  return {
    title: say(locale, 'notInvoicedTitle', {
      end: lastDayOf(report.month),
      count: report.shippedNotInvoiced.length,
    }),
    tables: [
      {
        columns: [
          h('colDeliveryNo'),
          h('colContract'),
          h('colCustomer'),
          h('colModel'),
          h('colShipDate'),
          m('colAmount'),
          h('colCurrency'),
          { header: say(locale, 'colDays'), numberFormat: '0' },
          h('colWhere'),
        ],
        rows: report.shippedNotInvoiced.map((s) => [
          s.deliveryNo,
          s.contractNo,
          s.customer,
          s.model,
          s.shipDate,
          amountCell(s.amount),
          s.currency,
          s.days,
          sourceLink(locale, s.source),
        ]),
        highlights: [{ column: 7, op: 'gt', values: [60], color: '#FFC7CE' }],
      },
      {
        caption: say(locale, 'notShippedCaption'),
        columns: [
          h('colInvoiceNo'),
          h('colVoucherNo'),
          h('colCustomer'),
          h('colDate'),
          m('colAmount'),
          h('colCurrency'),
          h('colWhere'),
        ],
        rows: report.invoicedNotShipped.map((s) => [
          s.invoiceNo,
          s.voucherNo,
          s.customer,
          s.date,
          amountCell(s.amount),
          s.currency,
          sourceLink(locale, s.source),
        ]),
      },
    ],
    freezeHeader: true,
  };
}

export function trackingSheet(report: MonthEndReport, locale: Locale): ResultSheetSpec {
  const h = (k: MonthEndTextKey) => ({ header: say(locale, k) });
  const m = (k: MonthEndTextKey) => ({ header: say(locale, k), numberFormat: MONEY_FORMAT });
  return {
    title: say(locale, 'trackingTitle', { month: report.month, count: report.tracking.length }),
    tables: [
      {
        columns: [
          h('colContract'),
          h('colCustomer'),
          h('colRep'),
          h('colRegion'),
          h('colCurrency'),
          m('colOrdered'),
          m('colShipped'),
          m('colInvoiced'),
          m('colReceived'),
          m('colOpenToShip'),
          m('colOpenToReceive'),
          m('colShippedThisMonth'),
          m('colReceivedThisMonth'),
        ],
        rows: report.tracking.map((t) => [
          t.contractNo,
          t.customer,
          t.rep,
          t.region,
          t.currency,
          amountCell(t.ordered),
          amountCell(t.shipped),
          amountCell(t.invoiced),
          amountCell(t.received),
          amountCell(t.openToShip),
          amountCell(t.openToReceive),
          amountCell(t.shippedThisMonth),
          amountCell(t.receivedThisMonth),
        ]),
      },
    ],
    freezeHeader: true,
  };
}

const ZERO_RE = /^-?0(?:\.0+)?$/;

export function summarySheet(report: MonthEndReport, locale: Locale): ResultSheetSpec {
  const h = (k: MonthEndTextKey) => ({ header: say(locale, k) });
  const m = (k: MonthEndTextKey) => ({ header: say(locale, k), numberFormat: MONEY_FORMAT });
  const rec = report.reconciliation;
  const cnyTotals = rec.totals.find((t) => t.currency === 'CNY');
  const rates = Object.entries(report.rates)
    .map(([c, r]) => `${c} ${r}`)
    .join(locale === 'zh-CN' ? '，' : ', ');
  const count = (cls: (typeof DIFFERENCE_CLASSES)[number]) =>
    rec.differences.filter((d) => d.class === cls && d.currency === 'CNY').length;
  const notes: string[] = [];
  for (const t of rec.totals)
    if (!ZERO_RE.test(t.remainder))
      notes.push(say(locale, 'remainderBug', { amount: `${t.currency} ${t.remainder}` }));
  if (rec.cny.missingRates.length)
    notes.push(say(locale, 'missingRates', { currencies: rec.cny.missingRates.join(', ') }));
  notes.push(
    say(locale, 'ledgerVersions', {
      versions: LEDGER_KINDS.map(
        (k) => `${LEDGER_KIND_LABELS[k][locale]} ${report.ledgerVersions[k] ?? '—'}`,
      ).join(locale === 'zh-CN' ? '，' : ', '),
    }),
  );
  if (report.changes) notes.push(say(locale, 'changes', { summary: report.changes.summary[locale] }));
  for (const n of report.notes) notes.push(n[locale]);
  // Before the notes table is built: what is not a table (nothing flagged, rebate notes) is a note.
  const creditAndRebates = creditAndRebateTables(report, locale, notes);
  return {
    title: say(locale, 'summaryTitle', {
      month: report.month,
      version: report.version,
      runBy: report.runBy,
      runAt: report.runAt,
    }),
    tables: [
      {
        caption: say(locale, 'totalsCaption'),
        columns: [
          h('colCurrency'),
          m('colLedgerTotal'),
          m('colBooksTotal'),
          m('colDifference'),
          m('colExplained'),
          m('colRemainder'),
          { header: say(locale, 'colMatched'), numberFormat: '#,##0' },
        ],
        rows: rec.totals.map((t) => [
          t.currency,
          amountCell(t.ledgerTotal),
          amountCell(t.booksTotal),
          amountCell(t.difference),
          amountCell(t.explained),
          amountCell(t.remainder),
          t.matched,
        ]),
        highlights: [{ column: 5, op: 'ne', values: [0], color: '#FFC7CE' }],
      },
      {
        caption: say(locale, 'byClassCaption'),
        columns: [
          h('colClass'),
          m('colAmountEffect'),
          { header: say(locale, 'colCount'), numberFormat: '#,##0' },
        ],
        rows: DIFFERENCE_CLASSES.map((cls) => [
          classLabel(locale, cls),
          amountCell(cnyTotals?.byClass[cls] ?? '0.00'),
          count(cls),
        ]),
        totals: [say(locale, 'colTotal'), amountCell(cnyTotals?.explained ?? '0.00'), null],
      },
      {
        caption: say(locale, 'cnyCaption', { rates: rates || say(locale, 'noRates') }),
        columns: [h('colItem'), m('colAmount')],
        rows: [
          [say(locale, 'colLedgerTotal'), amountCell(rec.cny.ledgerTotal)],
          [say(locale, 'colBooksTotal'), amountCell(rec.cny.booksTotal)],
          [say(locale, 'colDifference'), amountCell(rec.cny.difference)],
        ],
      },
      {
        columns: [h('notesCaption')],
        rows: notes.map((n) => [n]),
      },
      ...creditAndRebates,
    ],
    charts: [
      { type: 'column', title: say(locale, 'chartTitle'), table: 1, categoryColumn: 0, seriesCount: 1 },
    ],
    activate: true,
  };
}

function creditSource(report: MonthEndReport, locale: Locale): string {
  const c = report.credit;
  switch (c?.source) {
    case 'policy':
      return say(locale, 'creditFromPolicy', { version: c.policyVersion ?? '—' });
    case 'previousRun':
      return say(locale, 'creditFromPreviousRun');
    case 'default':
      return say(locale, 'creditFromDefault');
    default:
      return say(locale, 'creditFromRequest');
  }
}

/**
 * 信用预警 (one row per flagged customer and currency) and 返点计提 (one row per customer), after the
 * notes so the tables above keep their places. Nothing flagged, or no rebate rows: said in the notes
 * (passed in, filled here) with the reason, never an empty table.
 */
function creditAndRebateTables(report: MonthEndReport, locale: Locale, notes: string[]): ResultTableSpec[] {
  const h = (k: MonthEndTextKey) => ({ header: say(locale, k) });
  const m = (k: MonthEndTextKey) => ({ header: say(locale, k), numberFormat: MONEY_FORMAT });
  const out: ResultTableSpec[] = [];
  const credit = report.credit;
  if (credit) {
    const params = { source: creditSource(report, locale), days: credit.check.maxDays };
    if (credit.flags.length === 0) notes.push(say(locale, 'creditNone', params));
    else
      out.push({
        caption: say(locale, 'creditCaption', params),
        columns: [
          h('colCustomer'),
          h('colCurrency'),
          m('colReceivable'),
          m('colCreditLimit'),
          m('colOverLimit'),
          m('colOverdue'),
          { header: say(locale, 'colOldestDays'), numberFormat: '#,##0' },
          h('colWarning'),
        ],
        rows: credit.flags.map((f) => [
          f.customer,
          f.currency,
          amountCell(f.closing),
          amountCell(f.overLimit?.limit),
          amountCell(f.overLimit?.over),
          amountCell(f.overdue?.amount),
          f.overdue?.oldestDays ?? null,
          f.message[locale],
        ]),
      });
  }
  const rebates = report.rebates;
  if (rebates) {
    for (const n of rebates.notes) notes.push(n[locale]);
    if (rebates.customers.length > 0)
      out.push({
        caption: say(locale, 'rebateCaption', {
          year: rebates.year,
          through: rebates.through,
          version: rebates.policyVersion ?? '—',
        }),
        columns: [
          h('colCustomer'),
          h('colCustomerClass'),
          h('colNewOld'),
          m('colVolume'),
          m('colTier'),
          h('colRate'),
          m('colAccrued'),
          m('colToNextTier'),
          h('notesCaption'),
        ],
        rows: rebates.customers.map((r) => [
          r.customer,
          r.customerClass,
          r.newCustomer === null ? null : say(locale, r.newCustomer ? 'newCustomer' : 'oldCustomer'),
          amountCell(r.volume),
          amountCell(r.tier?.threshold),
          r.tier ? rateAsPercent(r.tier.rate) : null,
          amountCell(r.accrued),
          amountCell(r.next?.volumeNeeded),
          r.note?.[locale] ?? null,
        ]),
      });
  }
  return out;
}

export function resultSheetSpecs(
  report: MonthEndReport,
  locale: Locale,
): Record<ResultSheetKey, ResultSheetSpec> {
  return {
    differencesSheet: differencesSheet(report, locale),
    notInvoicedSheet: notInvoicedSheet(report, locale),
    trackingSheet: trackingSheet(report, locale),
    summarySheet: summarySheet(report, locale),
  };
}
