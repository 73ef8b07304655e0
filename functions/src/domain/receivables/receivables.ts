/**
 * Receivables (应收账款) per customer as of a date, from the 发货台账 and 回款台账 rows, exact in fen:
 * opening + shipped − received − returns − allowances = closing, per customer and currency.
 *
 * Application (核销): events run in date order (on one day, shipments before credits, so a same-day
 * payment pays that day's delivery). A credit (receipt, return, allowance) that names an invoice or
 * a contract pays that item first, oldest first; the rest goes to the oldest open items (FIFO); what
 * is left waits as an unapplied credit that the next shipment consumes. So at any time either
 * shipments are open or credits are unapplied, never both, and aging of what is open sums to closing.
 */
import type { LedgerCurrency, ReceiptRow, ShipmentRow, Source } from '../../contract/monthEnd';
import {
  AGING_BASIS_LABELS,
  type AgingBasis,
  type AgingBucket,
  type BankAcceptance,
  type CustomerReceivable,
  type OpenItem,
  type ReceivablesResponse,
} from '../../contract/receivables';
import { chinaDate, daysBetween } from '../monthEnd/chinaTime';
import { normalizeText } from '../monthEnd/ledgerKeys';
import { fenText, toFen, type Fen } from '../monthEnd/money';
import { bucketIndex, bucketShapes } from './aging';

/** A balance carried in from before the ledgers (期初余额); negative = the customer is in credit. */
export interface OpeningBalance {
  readonly customer: string;
  readonly currency: LedgerCurrency;
  readonly amount: string;
  /** The date it is aged from. */
  readonly date: string;
  readonly source?: Source;
}

export interface ReceivablesInput {
  readonly asOf: string;
  readonly shipments: readonly ShipmentRow[];
  readonly receipts: readonly ReceiptRow[];
  readonly openings?: readonly OpeningBalance[];
  readonly basis?: AgingBasis;
  /** Ascending inclusive upper bounds in days; default 30, 60, 90, 180, 365. */
  readonly bounds?: readonly number[];
  readonly customer?: string;
  readonly rep?: string;
}

export type ReceivablesResult = Omit<ReceivablesResponse, 'monthsRead' | 'notes'>;

const DEFAULT_BOUNDS = [30, 60, 90, 180, 365] as const;

interface Debit {
  readonly kind: 'shipment';
  readonly date: string;
  readonly agingDate: string;
  readonly deliveryNo: string | null;
  readonly invoiceNo: string | null;
  readonly contractNo: string | null;
  readonly amount: Fen;
  open: Fen;
  readonly source: Source | null;
  /** Normalized links, for receipts that name them. */
  readonly keys: { readonly invoiceNo: string; readonly contractNo: string };
}

interface Credit {
  readonly date: string;
  readonly amount: Fen;
  readonly invoiceNo: string;
  readonly contractNo: string;
  readonly source: Source | null;
}

type Event =
  { readonly debit: Debit; readonly seq: number } | { readonly credit: Credit; readonly seq: number };

interface Group {
  readonly customer: string;
  readonly currency: LedgerCurrency;
  rep: string | null;
  region: string | null;
  repDate: string;
  opening: Fen;
  shipped: Fen;
  received: Fen;
  returns: Fen;
  allowances: Fen;
  readonly events: Event[];
  readonly bills: BankAcceptance[];
  billsFen: Fen;
  notMaturedFen: Fen;
}

const dateOfEvent = (e: Event): string => ('debit' in e ? e.debit.date : e.credit.date);

/** A negative shipment line without goods (qty 0) or marked 折让 is an allowance; with goods, a return. */
export function isAllowance(row: Pick<ShipmentRow, 'qty' | 'note' | 'model'>): boolean {
  return row.qty === 0 || /折让|allowance/i.test(`${row.note ?? ''} ${row.model}`);
}

export function computeReceivables(input: ReceivablesInput): ReceivablesResult {
  const asOf = input.asOf;
  const basis = input.basis ?? 'shipment';
  const bounds = input.bounds ?? DEFAULT_BOUNDS;
  const groups = new Map<string, Group>();
  let seq = 0;

  const groupOf = (customer: string, currency: LedgerCurrency): Group => {
    const key = `${normalizeText(customer)}|${currency}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        customer,
        currency,
        rep: null,
        region: null,
        repDate: '',
        opening: 0n,
        shipped: 0n,
        received: 0n,
        returns: 0n,
        allowances: 0n,
        events: [],
        bills: [],
        billsFen: 0n,
        notMaturedFen: 0n,
      };
      groups.set(key, g);
    }
    return g;
  };
  const noteRep = (g: Group, date: string, rep?: string | null, region?: string | null): void => {
    if (date >= g.repDate && (rep || region)) {
      g.repDate = date;
      g.rep = rep ?? g.rep;
      g.region = region ?? g.region;
    }
  };
  const debit = (g: Group, d: Omit<Debit, 'open' | 'kind' | 'keys'>): void => {
    const keys = { invoiceNo: normalizeText(d.invoiceNo), contractNo: normalizeText(d.contractNo) };
    g.events.push({ debit: { ...d, kind: 'shipment', open: d.amount, keys }, seq: seq++ });
  };
  const credit = (g: Group, c: Credit): void => {
    g.events.push({ credit: c, seq: seq++ });
  };

  for (const o of input.openings ?? []) {
    const date = chinaDate(o.date);
    if (!date || date > asOf) continue;
    const g = groupOf(o.customer, o.currency);
    const fen = toFen(o.amount);
    g.opening += fen;
    const source = o.source ?? null;
    if (fen >= 0n)
      debit(g, {
        date,
        agingDate: date,
        deliveryNo: null,
        invoiceNo: null,
        contractNo: null,
        amount: fen,
        source,
      });
    else credit(g, { date, amount: -fen, invoiceNo: '', contractNo: '', source });
  }

  for (const s of input.shipments) {
    const date = chinaDate(s.shipDate);
    if (!date || date > asOf) continue;
    const g = groupOf(s.customer, s.currency);
    noteRep(g, date, s.rep, s.region);
    const fen = toFen(s.amount);
    if (fen >= 0n) {
      g.shipped += fen;
      const invoiceDate = s.invoiceDate ? chinaDate(s.invoiceDate) : null;
      debit(g, {
        date,
        agingDate: basis === 'invoice' && invoiceDate ? invoiceDate : date,
        deliveryNo: s.deliveryNo,
        invoiceNo: s.invoiceNo ?? null,
        contractNo: s.contractNo ?? null,
        amount: fen,
        source: s.source,
      });
    } else {
      if (isAllowance(s)) g.allowances -= fen;
      else g.returns -= fen;
      credit(g, {
        date,
        amount: -fen,
        invoiceNo: normalizeText(s.invoiceNo),
        contractNo: normalizeText(s.contractNo),
        source: s.source,
      });
    }
  }

  for (const r of input.receipts) {
    const date = chinaDate(r.date);
    if (!date || date > asOf) continue;
    const g = groupOf(r.customer, r.currency);
    noteRep(g, date, r.rep, r.region);
    const fen = toFen(r.amount);
    g.received += fen;
    if (r.method === '承兑汇票') {
      const maturity = r.maturityDate ? chinaDate(r.maturityDate) : null;
      const matured = maturity ? maturity <= asOf : null;
      g.billsFen += fen;
      if (matured !== true) g.notMaturedFen += fen;
      g.bills.push({
        date,
        billNo: r.billNo ?? null,
        amount: fenText(fen),
        maturityDate: maturity,
        matured,
        source: r.source,
      });
    }
    // A negative receipt (refund, bounced transfer) puts the amount back as a debt from that day.
    if (fen >= 0n)
      credit(g, {
        date,
        amount: fen,
        invoiceNo: normalizeText(r.invoiceNo),
        contractNo: normalizeText(r.contractNo),
        source: r.source,
      });
    else
      debit(g, {
        date,
        agingDate: date,
        deliveryNo: null,
        invoiceNo: r.invoiceNo ?? null,
        contractNo: r.contractNo ?? null,
        amount: -fen,
        source: r.source,
      });
  }

  const wantCustomer = input.customer ? normalizeText(input.customer) : null;
  const wantRep = input.rep ? normalizeText(input.rep) : null;
  const shapes = bucketShapes(bounds);
  const customers: CustomerReceivable[] = [];
  const totals = new Map<LedgerCurrency, { closing: Fen; buckets: Fen[] }>();

  const sorted = [...groups.values()].sort((a, b) =>
    a.customer !== b.customer ? (a.customer < b.customer ? -1 : 1) : a.currency < b.currency ? -1 : 1,
  );
  for (const g of sorted) {
    if (wantCustomer !== null && normalizeText(g.customer) !== wantCustomer) continue;
    if (wantRep !== null && normalizeText(g.rep) !== wantRep) continue;
    const { open, unapplied } = apply(g.events);
    const closing = g.opening + g.shipped - g.received - g.returns - g.allowances;
    const buckets = shapes.map(() => 0n);
    const openItems: OpenItem[] = [];
    for (const d of open) {
      const days = Math.max(0, daysBetween(d.agingDate, asOf));
      buckets[bucketIndex(bounds, days)]! += d.open;
      openItems.push({
        kind: 'shipment',
        date: d.date,
        agingDate: d.agingDate,
        days,
        deliveryNo: d.deliveryNo,
        invoiceNo: d.invoiceNo,
        contractNo: d.contractNo,
        amount: fenText(d.amount),
        open: fenText(d.open),
        source: d.source,
      });
    }
    for (const c of unapplied) {
      const days = Math.max(0, daysBetween(c.date, asOf));
      buckets[bucketIndex(bounds, days)]! -= c.remaining;
      openItems.push({
        kind: 'unappliedCredit',
        date: c.date,
        agingDate: c.date,
        days,
        deliveryNo: null,
        invoiceNo: c.invoiceNo || null,
        contractNo: c.contractNo || null,
        amount: fenText(-c.amount),
        open: fenText(-c.remaining),
        source: c.source,
      });
    }
    const total = totals.get(g.currency) ?? { closing: 0n, buckets: shapes.map(() => 0n) };
    total.closing += closing;
    buckets.forEach((b, i) => (total.buckets[i]! += b));
    totals.set(g.currency, total);
    customers.push({
      customer: g.customer,
      currency: g.currency,
      rep: g.rep,
      region: g.region,
      opening: fenText(g.opening),
      shipped: fenText(g.shipped),
      received: fenText(g.received),
      returns: fenText(g.returns),
      allowances: fenText(g.allowances),
      closing: fenText(closing),
      bankAcceptances: { total: fenText(g.billsFen), notMatured: fenText(g.notMaturedFen), bills: g.bills },
      aging: toBuckets(shapes, buckets),
      openItems,
    });
  }

  return {
    asOf,
    basis,
    basisLabel: AGING_BASIS_LABELS[basis],
    bounds: [...bounds],
    customers,
    totals: [...totals.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, t]) => ({
        currency,
        closing: fenText(t.closing),
        aging: toBuckets(shapes, t.buckets),
      })),
  };
}

function toBuckets(shapes: ReturnType<typeof bucketShapes>, fen: readonly Fen[]): AgingBucket[] {
  return shapes.map((s, i) => ({ ...s, amount: fenText(fen[i]!) }));
}

interface Unapplied extends Credit {
  remaining: Fen;
}

/** Runs the events in date order and answers what stays open and which credits wait unapplied. */
function apply(events: Event[]): { open: Debit[]; unapplied: Unapplied[] } {
  events.sort((a, b) => {
    const da = dateOfEvent(a);
    const db = dateOfEvent(b);
    if (da !== db) return da < db ? -1 : 1;
    const ka = 'debit' in a ? 0 : 1;
    const kb = 'debit' in b ? 0 : 1;
    return ka !== kb ? ka - kb : a.seq - b.seq;
  });
  const open: Debit[] = [];
  let head = 0; // open[0..head) are paid in full
  const unapplied: Unapplied[] = [];
  let creditHead = 0;

  const pay = (item: Debit, available: Fen): Fen => {
    const take = item.open < available ? item.open : available;
    item.open -= take;
    return available - take;
  };

  for (const e of events) {
    if ('debit' in e) {
      const item = { ...e.debit };
      // Credits waiting (prepayments, returns beyond the balance) pay the new item first.
      while (item.open > 0n && creditHead < unapplied.length) {
        const c = unapplied[creditHead]!;
        c.remaining = pay(item, c.remaining);
        if (c.remaining === 0n) creditHead++;
      }
      if (item.open > 0n) open.push(item);
      continue;
    }
    const c = e.credit;
    let left = c.amount;
    if (c.invoiceNo || c.contractNo) {
      // Named: the invoice if it is open, else the contract's items, oldest first.
      for (const field of ['invoiceNo', 'contractNo'] as const) {
        const wanted = c[field];
        if (!wanted) continue;
        for (let i = head; i < open.length && left > 0n; i++) {
          const item = open[i]!;
          if (item.open > 0n && item.keys[field] === wanted) left = pay(item, left);
        }
      }
    }
    for (let i = head; i < open.length && left > 0n; i++) left = pay(open[i]!, left);
    while (head < open.length && open[head]!.open === 0n) head++;
    if (left > 0n) unapplied.push({ ...c, remaining: left });
  }
  return {
    open: open.slice(head).filter((d) => d.open > 0n),
    unapplied: unapplied.slice(creditHead).filter((c) => c.remaining > 0n),
  };
}
