/**
 * 销售跟单月报表: per contract (and currency), cumulative to the month end: ordered, shipped,
 * invoiced (shipment rows with an invoice by the month end), received (receipts that name the
 * contract, or an invoice of it), and what is open. Receipts that name neither are applied FIFO by
 * the receivables of Part II, not here: this report only claims what the rows say.
 * Listed: contracts with anything open, or with activity in the month.
 */
import type { OrderRow, ReceiptRow, ShipmentRow, TrackingRow } from '../../contract/monthEnd';
import { chinaDate, lastDay, monthOf } from './chinaTime';
import { normalizeText, type KeyedRow } from './ledgerKeys';
import { fenText, toFen, type Fen } from './money';

interface Acc {
  contractNo: string;
  customer: string;
  rep: string | null;
  region: string | null;
  currency: TrackingRow['currency'];
  ordered: Fen;
  shipped: Fen;
  invoiced: Fen;
  received: Fen;
  shippedThisMonth: Fen;
  receivedThisMonth: Fen;
  active: boolean;
}

export function trackingReport(
  month: string,
  orders: readonly KeyedRow<OrderRow>[],
  shipments: readonly KeyedRow<ShipmentRow>[],
  receipts: readonly KeyedRow<ReceiptRow>[],
): TrackingRow[] {
  const end = lastDay(month);
  const accs = new Map<string, Acc>();
  const accOf = (contractNo: string, currency: Acc['currency'], customer: string): Acc => {
    const key = `${normalizeText(contractNo)}|${currency}`;
    let acc = accs.get(key);
    if (!acc) {
      acc = {
        contractNo,
        customer,
        rep: null,
        region: null,
        currency,
        ordered: 0n,
        shipped: 0n,
        invoiced: 0n,
        received: 0n,
        shippedThisMonth: 0n,
        receivedThisMonth: 0n,
        active: false,
      };
      accs.set(key, acc);
    }
    return acc;
  };
  for (const { row } of orders) {
    const d = chinaDate(row.date);
    if (!d || d > end) continue;
    const acc = accOf(row.contractNo, row.currency, row.customer);
    acc.ordered += toFen(row.amount);
    acc.rep ??= row.rep ?? null;
    acc.region ??= row.region ?? null;
    if (monthOf(d) === month) acc.active = true;
  }
  const contractOfInvoice = new Map<string, string>();
  for (const { row } of shipments) {
    const d = chinaDate(row.shipDate);
    if (!d || d > end || !row.contractNo) continue;
    const acc = accOf(row.contractNo, row.currency, row.customer);
    const fen = toFen(row.amount);
    acc.shipped += fen;
    acc.rep ??= row.rep ?? null;
    acc.region ??= row.region ?? null;
    if (monthOf(d) === month) {
      acc.shippedThisMonth += fen;
      acc.active = true;
    }
    const invoiceDate = row.invoiceDate ? chinaDate(row.invoiceDate) : null;
    if (row.invoiceNo && (invoiceDate === null || invoiceDate <= end)) {
      acc.invoiced += fen;
      contractOfInvoice.set(normalizeText(row.invoiceNo), row.contractNo);
    }
  }
  for (const { row } of receipts) {
    const d = chinaDate(row.date);
    if (!d || d > end) continue;
    const contractNo =
      row.contractNo ?? (row.invoiceNo ? contractOfInvoice.get(normalizeText(row.invoiceNo)) : undefined);
    if (!contractNo) continue;
    const acc = accOf(contractNo, row.currency, row.customer);
    const fen = toFen(row.amount);
    acc.received += fen;
    if (monthOf(d) === month) {
      acc.receivedThisMonth += fen;
      acc.active = true;
    }
  }
  return [...accs.values()]
    .filter((a) => a.active || a.ordered !== a.shipped || a.invoiced !== a.received)
    .sort((a, b) =>
      a.contractNo < b.contractNo ? -1 : a.contractNo > b.contractNo ? 1 : a.currency < b.currency ? -1 : 1,
    )
    .map((a) => ({
      contractNo: a.contractNo,
      customer: a.customer,
      rep: a.rep,
      region: a.region,
      currency: a.currency,
      ordered: fenText(a.ordered),
      shipped: fenText(a.shipped),
      invoiced: fenText(a.invoiced),
      received: fenText(a.received),
      openToShip: fenText(a.ordered - a.shipped),
      openToReceive: fenText(a.invoiced - a.received),
      shippedThisMonth: fenText(a.shippedThisMonth),
      receivedThisMonth: fenText(a.receivedThisMonth),
    }));
}
