/**
 * The month-end report of one month from the ledgers as stored: 账账核对, orders vs shipments,
 * 发货未开票 / invoiced-not-shipped, 销售跟单月报表, the totals in 元 at the stated rates, and what
 * changed since the previous report version. Pure: same inputs, same report (runAt/runBy aside).
 */
import type {
  BookEntry,
  LedgerCurrency,
  LedgerKind,
  MonthEndReport,
  MonthEndText,
  OrderRow,
  Rates,
  ReceiptRow,
  ReportChanges,
  RunTrigger,
  ShipmentRow,
} from '../../contract/monthEnd';
import { LEDGER_KINDS, LEDGER_KIND_LABELS } from '../../contract/monthEnd';
import { invoicedNotShipped, shippedNotInvoiced } from './invoicing';
import type { KeyedRow } from './ledgerKeys';
import { convertFen, fenText, sumFen, toFen } from './money';
import { orderLines } from './orderLines';
import { reconcile } from './reconcile';
import { trackingReport } from './tracking';

export interface MonthEndInput {
  readonly month: string;
  /** Rows of every synced month up to M+1 (the run reads what it needs; later months are ignored). */
  readonly orders: readonly KeyedRow<OrderRow>[];
  readonly shipments: readonly KeyedRow<ShipmentRow>[];
  readonly receipts: readonly KeyedRow<ReceiptRow>[];
  readonly books: readonly KeyedRow<BookEntry>[];
  /** The month's own ledger versions (null: never synced). */
  readonly ledgerVersions: Readonly<Record<LedgerKind, number | null>>;
  readonly rates: Rates;
  readonly windowDays: number;
  readonly version: number;
  readonly runAt: string;
  readonly runBy: string;
  readonly trigger: RunTrigger;
  readonly previous: MonthEndReport | null;
}

const msg = (zh: string, en: string): MonthEndText => ({ 'zh-CN': zh, 'en-US': en });

export function buildMonthEndReport(input: MonthEndInput): MonthEndReport {
  const { month } = input;
  const rec = reconcile({
    month,
    shipments: input.shipments,
    books: input.books,
    windowDays: input.windowDays,
  });
  const orderResult = orderLines(month, input.orders, input.shipments);
  const notes: MonthEndText[] = [];

  // Totals in 元: CNY as is, other currencies at the stated rate; without a rate they stay apart.
  const missingRates: LedgerCurrency[] = [];
  let ledgerCny = 0n;
  let booksCny = 0n;
  for (const t of rec.totals) {
    if (t.currency === 'CNY') {
      ledgerCny += toFen(t.ledgerTotal);
      booksCny += toFen(t.booksTotal);
      continue;
    }
    const rate = input.rates[t.currency];
    if (!rate) {
      missingRates.push(t.currency);
      notes.push(
        msg(
          `本月有 ${t.currency} 金额（台账 ${t.ledgerTotal}，账上 ${t.booksTotal}），但未给出汇率：折合人民币合计未计算，${t.currency} 部分单独核对。`,
          `There are ${t.currency} amounts this month (ledger ${t.ledgerTotal}, books ${t.booksTotal}) but no rate was given: the totals in CNY are not computed; ${t.currency} reconciles on its own.`,
        ),
      );
      continue;
    }
    ledgerCny += convertFen(toFen(t.ledgerTotal), rate);
    booksCny += convertFen(toFen(t.booksTotal), rate);
    notes.push(
      msg(
        `${t.currency} 按本月汇率 ${rate} 折合人民币（合计后折算，四舍五入到分）。`,
        `${t.currency} converted to CNY at this month's rate ${rate} (on the totals, half-up to the fen).`,
      ),
    );
  }
  for (const t of rec.totals) {
    if (t.remainder !== '0.00') {
      notes.push(
        msg(
          `${t.currency} 差额 ${t.difference} 中有 ${t.remainder} 未能归类：这是程序错误，请报告。`,
          `${t.remainder} of the ${t.currency} difference ${t.difference} is not explained: this is a bug, please report it.`,
        ),
      );
    }
  }
  for (const kind of LEDGER_KINDS) {
    if (input.ledgerVersions[kind] === null) {
      const label = LEDGER_KIND_LABELS[kind];
      notes.push(
        msg(
          `${month} 的${label['zh-CN']}尚未同步。`,
          `The ${label['en-US'].toLowerCase()} for ${month} has not been synced.`,
        ),
      );
    }
  }

  const report: MonthEndReport = {
    month,
    version: input.version,
    runAt: input.runAt,
    runBy: input.runBy,
    trigger: input.trigger,
    ledgerVersions: { ...input.ledgerVersions },
    rates: { ...input.rates },
    matchWindowDays: input.windowDays,
    reconciliation: {
      totals: rec.totals,
      cny: {
        ledgerTotal: missingRates.length ? null : fenText(ledgerCny),
        booksTotal: missingRates.length ? null : fenText(booksCny),
        difference: missingRates.length ? null : fenText(ledgerCny - booksCny),
        missingRates,
      },
      differences: rec.differences,
    },
    orderLines: orderResult.lines,
    unmatchedShipments: orderResult.unmatchedShipments,
    shippedNotInvoiced: shippedNotInvoiced(month, input.shipments, input.books),
    invoicedNotShipped: invoicedNotShipped(month, rec.differences),
    tracking: trackingReport(month, input.orders, input.shipments, input.receipts),
    changes: null,
    notes,
  };
  return { ...report, changes: input.previous ? changesSince(input.previous, report) : null };
}

/** What a new report version changed against the previous one. */
export function changesSince(previous: MonthEndReport, next: MonthEndReport): ReportChanges {
  const ledgers = LEDGER_KINDS.filter(
    (kind) => (previous.ledgerVersions[kind] ?? null) !== (next.ledgerVersions[kind] ?? null),
  ).map((kind) => ({
    kind,
    from: previous.ledgerVersions[kind] ?? null,
    to: next.ledgerVersions[kind] ?? null,
  }));
  const before = new Set(previous.reconciliation.differences.map((d) => d.id));
  const after = new Set(next.reconciliation.differences.map((d) => d.id));
  const differencesAdded = [...after].filter((id) => !before.has(id));
  const differencesResolved = [...before].filter((id) => !after.has(id));
  const ratesChanged = JSON.stringify(previous.rates) !== JSON.stringify(next.rates);
  const ledgerText = ledgers.map(
    (l) => `${LEDGER_KIND_LABELS[l.kind]['zh-CN']} v${l.from ?? '-'}→v${l.to ?? '-'}`,
  );
  const ledgerTextEn = ledgers.map(
    (l) => `${LEDGER_KIND_LABELS[l.kind]['en-US']} v${l.from ?? '-'}→v${l.to ?? '-'}`,
  );
  return {
    previousVersion: previous.version,
    ledgers,
    ratesChanged,
    differencesAdded,
    differencesResolved,
    summary: msg(
      `与第 ${previous.version} 版相比：${ledgerText.join('，') || '台账未变'}${ratesChanged ? '，汇率已改' : ''}；新增差异 ${differencesAdded.length} 条，消除 ${differencesResolved.length} 条。`,
      `Since version ${previous.version}: ${ledgerTextEn.join(', ') || 'ledgers unchanged'}${ratesChanged ? ', rates changed' : ''}; ${differencesAdded.length} new difference(s), ${differencesResolved.length} resolved.`,
    ),
  };
}

/** Sum of a money list (for callers that total report columns). */
export function totalOf(amounts: readonly string[]): string {
  return fenText(sumFen(amounts.map(toFen)));
}
