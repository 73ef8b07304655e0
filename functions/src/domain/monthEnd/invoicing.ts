/**
 * 发货未开票 and its mirror at a month end. A shipment counts as invoiced when its row carries an
 * invoice dated by the month end (or undated), or when Finance booked an entry by the month end that
 * names its 出库单号 or that invoice: the clerk's ledger often lags the books by a few days.
 * Invoiced-not-shipped is what the reconciliation left in the books for the month without a shipment
 * in it: `only_in_books`, and `cutoff`s whose shipment comes in a later month.
 */
import type {
  BookEntry,
  Difference,
  InvoicedNotShipped,
  ShipmentRow,
  ShippedNotInvoiced,
} from '../../contract/monthEnd';
import { chinaDate, daysBetween, lastDay } from './chinaTime';
import { normalizeText, type KeyedRow } from './ledgerKeys';

export function shippedNotInvoiced(
  month: string,
  shipments: readonly KeyedRow<ShipmentRow>[],
  books: readonly KeyedRow<BookEntry>[],
): ShippedNotInvoiced[] {
  const end = lastDay(month);
  const bookedRefs = new Set<string>();
  for (const { row } of books) {
    const d = chinaDate(row.date);
    if (!d || d > end || row.debit == null) continue;
    if (row.deliveryNo) bookedRefs.add(`d|${normalizeText(row.deliveryNo)}`);
    if (row.invoiceNo) bookedRefs.add(`i|${normalizeText(row.invoiceNo)}`);
  }
  const out: ShippedNotInvoiced[] = [];
  for (const { key, row } of shipments) {
    const shipDate = chinaDate(row.shipDate);
    if (!shipDate || shipDate > end) continue;
    const invoiceDate = row.invoiceDate ? chinaDate(row.invoiceDate) : null;
    const invoicedInLedger = !!row.invoiceNo && (invoiceDate === null || invoiceDate <= end);
    if (invoicedInLedger) continue;
    if (bookedRefs.has(`d|${normalizeText(row.deliveryNo)}`)) continue;
    if (row.invoiceNo && bookedRefs.has(`i|${normalizeText(row.invoiceNo)}`)) continue;
    out.push({
      deliveryNo: row.deliveryNo,
      line: key,
      contractNo: row.contractNo ?? null,
      customer: row.customer,
      model: row.model,
      shipDate,
      amount: row.amount,
      currency: row.currency,
      days: Math.max(0, daysBetween(shipDate, end)),
      source: row.source,
    });
  }
  return out.sort((a, b) =>
    a.shipDate !== b.shipDate
      ? a.shipDate < b.shipDate
        ? -1
        : 1
      : a.line < b.line
        ? -1
        : a.line > b.line
          ? 1
          : 0,
  );
}

export function invoicedNotShipped(month: string, differences: readonly Difference[]): InvoicedNotShipped[] {
  const out: InvoicedNotShipped[] = [];
  for (const d of differences) {
    const books = d.books;
    if (!books || books.month !== month) continue;
    const shippedLater = d.class === 'cutoff' && d.ledger !== null && d.ledger.month > month;
    if (d.class !== 'only_in_books' && !shippedLater) continue;
    out.push({
      invoiceNo: books.invoiceNo,
      voucherNo: books.voucherNo,
      customer: d.customer,
      date: books.date,
      amount: books.amount,
      currency: d.currency,
      source: books.sources[0]!,
    });
  }
  return out;
}
