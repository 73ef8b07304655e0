/**
 * Customer statement (对账单) for a month: the balance at the end of the previous month, every shipment,
 * return, allowance and receipt of the month with a running balance, the closing balance and its aging.
 * Opening and closing come from computeReceivables, so a statement always agrees with the receivables
 * report: opening + Σdebit − Σcredit = closing.
 */
import type { RebateReport, ReceiptRow, ShipmentRow } from '../../contract/monthEnd';
import type { CustomerStatement, StatementLine } from '../../contract/receivables';
import { addMonths, chinaDate, lastDay } from '../monthEnd/chinaTime';
import { normalizeText } from '../monthEnd/ledgerKeys';
import { fenText, toFen, type Fen } from '../monthEnd/money';
import { computeReceivables, isAllowance, type OpeningBalance } from './receivables';

export interface StatementInput {
  readonly customer: string;
  /** `YYYY-MM`. */
  readonly month: string;
  readonly shipments: readonly ShipmentRow[];
  readonly receipts: readonly ReceiptRow[];
  readonly openings?: readonly OpeningBalance[];
  /** 返点 to the month end (domain/rebates customerRebates): its row for the customer goes on the CNY statement. */
  readonly rebates?: RebateReport;
}

interface Draft extends Omit<StatementLine, 'debit' | 'credit' | 'balance'> {
  readonly currency: string;
  readonly debitFen: Fen;
  readonly creditFen: Fen;
  readonly order: number;
  readonly seq: number;
}

export function customerStatements(input: StatementInput): CustomerStatement[] {
  const { month } = input;
  const from = `${month}-01`;
  const to = lastDay(month);
  const want = normalizeText(input.customer);
  const shipments = input.shipments.filter((s) => normalizeText(s.customer) === want);
  const receipts = input.receipts.filter((r) => normalizeText(r.customer) === want);
  // Only this customer's 期初余额: another customer's opening would make a statement of its own.
  const openings = input.openings?.filter((o) => normalizeText(o.customer) === want);
  const common = { shipments, receipts, ...(openings ? { openings } : {}) };
  const before = computeReceivables({ ...common, asOf: lastDay(addMonths(month, -1)) });
  const after = computeReceivables({ ...common, asOf: to });

  // Rebates count CNY volume only: the row belongs on the CNY statement.
  const rebate = input.rebates?.customers.find((r) => normalizeText(r.customer) === want) ?? null;

  const drafts: Draft[] = [];
  let seq = 0;
  for (const s of shipments) {
    const date = chinaDate(s.shipDate);
    if (!date || date < from || date > to) continue;
    const fen = toFen(s.amount);
    drafts.push({
      date,
      currency: s.currency,
      kind: fen >= 0n ? 'shipment' : isAllowance(s) ? 'allowance' : 'return',
      ref: s.deliveryNo,
      contractNo: s.contractNo ?? null,
      invoiceNo: s.invoiceNo ?? null,
      model: s.model,
      qty: s.qty,
      method: null,
      maturityDate: null,
      debitFen: fen >= 0n ? fen : 0n,
      creditFen: fen < 0n ? -fen : 0n,
      order: fen >= 0n ? 0 : 1,
      seq: seq++,
      source: s.source,
    });
  }
  for (const r of receipts) {
    const date = chinaDate(r.date);
    if (!date || date < from || date > to) continue;
    const fen = toFen(r.amount);
    drafts.push({
      date,
      currency: r.currency,
      kind: fen >= 0n ? 'receipt' : 'refund',
      ref: r.receiptNo ?? r.billNo ?? null,
      contractNo: r.contractNo ?? null,
      invoiceNo: r.invoiceNo ?? null,
      model: null,
      qty: null,
      method: r.method,
      maturityDate: r.maturityDate ? chinaDate(r.maturityDate) : null,
      debitFen: fen < 0n ? -fen : 0n,
      creditFen: fen >= 0n ? fen : 0n,
      order: fen >= 0n ? 1 : 0,
      seq: seq++,
      source: r.source,
    });
  }
  // Same order as the application: by date, debits before credits, then sheet order.
  drafts.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.order - b.order || a.seq - b.seq,
  );

  return after.customers.map((closing) => {
    const opening = before.customers.find((c) => c.currency === closing.currency);
    let balance = opening ? toFen(opening.closing) : 0n;
    const openingText = fenText(balance);
    let debit = 0n;
    let credit = 0n;
    const lines: StatementLine[] = [];
    for (const d of drafts) {
      if (d.currency !== closing.currency) continue;
      balance += d.debitFen - d.creditFen;
      debit += d.debitFen;
      credit += d.creditFen;
      const { currency: _c, debitFen, creditFen, order: _o, seq: _s, ...line } = d;
      lines.push({
        ...line,
        debit: fenText(debitFen),
        credit: fenText(creditFen),
        balance: fenText(balance),
      });
    }
    return {
      customer: closing.customer,
      currency: closing.currency,
      month,
      from,
      to,
      opening: openingText,
      lines,
      totalDebit: fenText(debit),
      totalCredit: fenText(credit),
      closing: closing.closing,
      aging: closing.aging,
      bankAcceptances: closing.bankAcceptances,
      ...(input.rebates ? { rebate: closing.currency === 'CNY' ? rebate : null } : {}),
    };
  });
}
