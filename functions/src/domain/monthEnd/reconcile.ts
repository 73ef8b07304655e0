/**
 * 账账核对: the shipment ledger (发货台账) against Finance's books for one month, China time.
 *
 * Both sides are read over the month and its neighbours (M−1, M, M+1), so an entry booked in another
 * month is recognised as a cutoff (跨期) instead of "missing". Shipment rows are grouped per 出库单
 * (a delivery note is usually invoiced as a whole); book entries are the debit (sales) lines, 红字
 * credit invoices included as negative debits. Matching, in this order, each step only over what the
 * previous left:
 *   1. the book entry names the 出库单号;
 *   2. the book entry's 发票号 is on a shipment row of the 出库单;
 *   3. same customer, same currency, same amount to the fen, dates at most `windowDays` apart
 *      (nearest date first, ties by key, so the result never depends on row order).
 * Every row of the month ends in exactly one place: a clean match, or one difference. Each
 * difference carries its `effect` on (ledger total − books total) of the month, so the effects add up
 * to that difference exactly; the report shows any remainder rather than hiding it.
 */
import type {
  BookEntry,
  Difference,
  DifferenceClass,
  DifferenceSide,
  LedgerCurrency,
  MatchBasis,
  MonthEndText,
  ReconciliationTotals,
  ShipmentRow,
} from '../../contract/monthEnd';
import { DIFFERENCE_CLASSES } from '../../contract/monthEnd';
import { addMonths, chinaDate, daysBetween, monthOf } from './chinaTime';
import { contentOf } from './diffLedger';
import { normalizeText, type KeyedRow } from './ledgerKeys';
import { fenText, formatFen, sumFen, toFen, type Fen } from './money';

export interface ReconcileInput {
  readonly month: string;
  /** Shipment rows of M−1, M and M+1 (others are ignored), keyed as stored. */
  readonly shipments: readonly KeyedRow<ShipmentRow>[];
  /** Book entries of M−1, M and M+1 (others are ignored), keyed as stored. */
  readonly books: readonly KeyedRow<BookEntry>[];
  readonly windowDays: number;
}

export interface ReconcileResult {
  readonly totals: ReconciliationTotals[];
  readonly differences: Difference[];
  /**
   * Where each row of the month went: row id (`L:<month>|<key>` or `B:<month>|<key>`) → `matched`,
   * `nothing_to_reconcile` (a delivery worth 0 with no entry) or the id of its difference. Book lines
   * with a zero debit (receipt lines of an export) are not sales and are not placed. For tests and for the invoiced-not-shipped list.
   */
  readonly placement: ReadonlyMap<string, string>;
}

interface LedgerLine {
  readonly id: string;
  readonly month: string;
  readonly date: string;
  readonly amount: Fen;
  readonly row: ShipmentRow;
}

interface LedgerItem {
  readonly id: string;
  readonly currency: LedgerCurrency;
  readonly deliveryNo: string;
  readonly customer: string;
  readonly customerKey: string;
  readonly month: string;
  readonly date: string;
  readonly amount: Fen;
  readonly lines: LedgerLine[];
  readonly invoiceKeys: Set<string>;
}

interface BookLine {
  readonly id: string;
  readonly currency: LedgerCurrency;
  readonly customer: string;
  readonly customerKey: string;
  readonly month: string;
  readonly date: string;
  readonly amount: Fen;
  readonly entry: BookEntry;
  readonly signature: string;
}

const msg = (zh: string, en: string): MonthEndText => ({ 'zh-CN': zh, 'en-US': en });
const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function ledgerLines(
  input: ReconcileInput,
  window: Set<string>,
): { lines: LedgerLine[]; dups: LedgerLine[] } {
  const all = new Map<string, LedgerLine>();
  for (const { key, row } of input.shipments) {
    const date = chinaDate(row.shipDate);
    if (!date || !window.has(monthOf(date))) continue;
    const month = monthOf(date);
    all.set(`${month}|${key}`, { id: `L:${month}|${key}`, month, date, amount: toFen(row.amount), row });
  }
  const lines: LedgerLine[] = [];
  const dups: LedgerLine[] = [];
  for (const [mk, line] of all) {
    // `key#2` with the very content of `key`: the same line typed twice.
    const hash = mk.lastIndexOf('#');
    const base = hash > 0 ? all.get(mk.slice(0, hash)) : undefined;
    if (base && contentOf(base.row) === contentOf(line.row)) dups.push(line);
    else lines.push(line);
  }
  return { lines: lines.sort(byId), dups: dups.sort(byId) };
}

function groupItems(lines: readonly LedgerLine[]): LedgerItem[] {
  const groups = new Map<string, LedgerLine[]>();
  for (const line of lines) {
    const id = `${line.row.currency}|${normalizeText(line.row.deliveryNo)}|${line.month}`;
    const group = groups.get(id);
    if (group) group.push(line);
    else groups.set(id, [line]);
  }
  return [...groups.entries()]
    .map(([id, group]): LedgerItem => {
      const first = group[0]!;
      return {
        id,
        currency: first.row.currency,
        deliveryNo: first.row.deliveryNo,
        customer: first.row.customer,
        customerKey: normalizeText(first.row.customer),
        month: first.month,
        date: group.reduce((min, l) => (l.date < min ? l.date : min), first.date),
        amount: sumFen(group.map((l) => l.amount)),
        lines: group,
        invoiceKeys: new Set(group.map((l) => normalizeText(l.row.invoiceNo)).filter((k) => k !== '')),
      };
    })
    .sort(byId);
}

function bookLines(input: ReconcileInput, window: Set<string>): BookLine[] {
  const out: BookLine[] = [];
  for (const { key, row } of input.books) {
    if (row.debit === null || row.debit === undefined) continue;
    const date = chinaDate(row.date);
    if (!date || !window.has(monthOf(date))) continue;
    const month = monthOf(date);
    const amount = toFen(row.debit);
    // Exports fill 借方 with 0 on receipt (贷方) lines: those are not sales.
    if (amount === 0n) continue;
    const customerKey = normalizeText(row.customer);
    out.push({
      id: `B:${month}|${key}`,
      currency: row.currency,
      customer: row.customer,
      customerKey,
      month,
      date,
      amount,
      entry: row,
      signature: [
        row.currency,
        customerKey,
        amount,
        normalizeText(row.invoiceNo),
        normalizeText(row.deliveryNo),
      ].join('|'),
    });
  }
  return out.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : byId(a, b)));
}

/** The candidate nearest in date to `date` (ties: earlier date, then id). */
function nearest<T extends { date: string; id: string }>(
  date: string,
  candidates: readonly T[],
): T | undefined {
  let best: T | undefined;
  let bestGap = Infinity;
  for (const c of candidates) {
    const gap = Math.abs(daysBetween(date, c.date));
    if (
      gap < bestGap ||
      (gap === bestGap && best && (c.date < best.date || (c.date === best.date && c.id < best.id)))
    ) {
      best = c;
      bestGap = gap;
    }
  }
  return best;
}

function index<T>(items: readonly T[], keysOf: (item: T) => Iterable<string>): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      if (key.endsWith('|')) continue;
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    }
  }
  return map;
}

export function reconcile(input: ReconcileInput): ReconcileResult {
  const { month } = input;
  const window = new Set([addMonths(month, -1), month, addMonths(month, 1)]);
  const { lines, dups: ledgerDups } = ledgerLines(input, window);
  const items = groupItems(lines);
  const books = bookLines(input, window);

  const attached = new Map<string, { item: LedgerItem; basis: MatchBasis }>();
  const booksOf = new Map<string, BookLine[]>(items.map((i) => [i.id, []]));
  const attach = (book: BookLine, item: LedgerItem, basis: MatchBasis): void => {
    attached.set(book.id, { item, basis });
    booksOf.get(item.id)!.push(book);
  };

  // 1. By 出库单号.
  const byDelivery = index(items, (i) => [`${i.currency}|${normalizeText(i.deliveryNo)}`]);
  for (const book of books) {
    const ref = normalizeText(book.entry.deliveryNo);
    if (ref === '') continue;
    const item = nearest(book.date, byDelivery.get(`${book.currency}|${ref}`) ?? []);
    if (item) attach(book, item, 'deliveryNo');
  }
  // 2. By 发票号.
  const byInvoice = index(items, (i) => [...i.invoiceKeys].map((k) => `${i.currency}|${k}`));
  for (const book of books) {
    const ref = normalizeText(book.entry.invoiceNo);
    if (attached.has(book.id) || ref === '') continue;
    const item = nearest(book.date, byInvoice.get(`${book.currency}|${ref}`) ?? []);
    if (item) attach(book, item, 'invoiceNo');
  }
  // 3. By customer + amount + date window, one-to-one, over what is still unpaired on both sides.
  const open = index(
    items.filter((i) => booksOf.get(i.id)!.length === 0),
    (i) => [`${i.currency}|${i.customerKey}|${i.amount}`],
  );
  for (const book of books) {
    if (attached.has(book.id)) continue;
    const key = `${book.currency}|${book.customerKey}|${book.amount}`;
    const candidates = (open.get(key) ?? []).filter(
      (i) => Math.abs(daysBetween(book.date, i.date)) <= input.windowDays,
    );
    const item = nearest(book.date, candidates);
    if (!item) continue;
    attach(book, item, 'customerAmountDate');
    open.set(
      key,
      open.get(key)!.filter((i) => i !== item),
    );
  }

  // Book entries booked twice: a later identical entry (same customer, amount, invoice, 出库单) whose
  // removal brings the books closer to the ledger.
  const bookDups: BookLine[] = [];
  for (const item of items) {
    const attachedBooks = booksOf.get(item.id)!;
    const seen = new Set<string>();
    const extras = attachedBooks.filter((b) =>
      seen.has(b.signature) ? true : (seen.add(b.signature), false),
    );
    if (extras.length === 0) continue;
    const total = sumFen(attachedBooks.map((b) => b.amount));
    const without = total - sumFen(extras.map((b) => b.amount));
    const abs = (f: Fen): Fen => (f < 0n ? -f : f);
    if (abs(item.amount - without) <= abs(item.amount - total)) {
      bookDups.push(...extras);
      booksOf.set(
        item.id,
        attachedBooks.filter((b) => !extras.includes(b)),
      );
      for (const b of extras) attached.delete(b.id);
    }
  }
  const bookById = new Map(books.map((b) => [b.id, b]));
  const pairedSignatures = new Set([...attached.keys()].map((id) => bookById.get(id)!.signature));
  const dupIds = new Set(bookDups.map((b) => b.id));
  const leftoverSeen = new Set<string>();
  const leftovers: BookLine[] = [];
  for (const book of books) {
    if (attached.has(book.id) || dupIds.has(book.id)) continue;
    if (pairedSignatures.has(book.signature) || leftoverSeen.has(book.signature)) bookDups.push(book);
    else {
      leftoverSeen.add(book.signature);
      leftovers.push(book);
    }
  }

  const differences: Difference[] = [];
  const placement = new Map<string, string>();
  const matchedCount = new Map<LedgerCurrency, number>();
  const place = (ids: readonly string[], where: string): void => {
    for (const id of ids) placement.set(id, where);
  };
  const inMonth = <T extends { month: string }>(list: readonly T[]): T[] =>
    list.filter((x) => x.month === month);

  for (const item of items) {
    const itemBooks = booksOf.get(item.id)!;
    const booksInMonth = inMonth(itemBooks);
    if (item.month !== month && booksInMonth.length === 0) continue;
    const ledgerInMonth = item.month === month ? item.amount : 0n;
    const effect = ledgerInMonth - sumFen(booksInMonth.map((b) => b.amount));
    const ids = [
      ...(item.month === month ? item.lines.map((l) => l.id) : []),
      ...booksInMonth.map((b) => b.id),
    ];
    if (itemBooks.length === 0) {
      // A delivery worth nothing (free samples, 赠品) has nothing to reconcile.
      if (effect === 0n) {
        place(ids, 'nothing_to_reconcile');
        continue;
      }
      const d = difference('only_in_ledger', item, [], effect, null, month);
      differences.push(d);
      place(ids, d.id);
      continue;
    }
    const crossMonth = item.month !== month || booksInMonth.length !== itemBooks.length;
    if (effect === 0n) {
      matchedCount.set(item.currency, (matchedCount.get(item.currency) ?? 0) + 1);
      place(ids, 'matched');
      continue;
    }
    const basis = attached.get(itemBooks[0]!.id)!.basis;
    const d = difference(crossMonth ? 'cutoff' : 'amount_differs', item, itemBooks, effect, basis, month);
    differences.push(d);
    place(ids, d.id);
  }
  for (const book of inMonth(leftovers)) {
    const d = bookOnly('only_in_books', book, -book.amount);
    differences.push(d);
    place([book.id], d.id);
  }
  for (const book of inMonth(bookDups)) {
    const d = bookOnly('duplicate', book, -book.amount);
    differences.push(d);
    place([book.id], d.id);
  }
  for (const line of inMonth(ledgerDups)) {
    const d = ledgerDuplicate(line);
    differences.push(d);
    place([line.id], d.id);
  }
  differences.sort(byId);

  return { totals: totalsOf(input, month, differences, matchedCount), differences, placement };
}

function ledgerSide(item: LedgerItem): DifferenceSide {
  const invoice = item.lines.find((l) => l.row.invoiceNo)?.row.invoiceNo ?? null;
  return {
    amount: fenText(item.amount),
    date: item.date,
    month: item.month,
    sources: item.lines.map((l) => l.row.source),
    deliveryNo: item.deliveryNo,
    invoiceNo: invoice,
    voucherNo: null,
  };
}

function booksSide(books: readonly BookLine[], month: string): DifferenceSide {
  const first = books.find((b) => b.month === month) ?? books[0]!;
  return {
    amount: fenText(sumFen(books.map((b) => b.amount))),
    date: first.date,
    month: first.month,
    sources: books.map((b) => b.entry.source),
    deliveryNo: books.find((b) => b.entry.deliveryNo)?.entry.deliveryNo ?? null,
    invoiceNo: books.find((b) => b.entry.invoiceNo)?.entry.invoiceNo ?? null,
    voucherNo: books.find((b) => b.entry.voucherNo)?.entry.voucherNo ?? null,
  };
}

function difference(
  cls: DifferenceClass,
  item: LedgerItem,
  books: readonly BookLine[],
  effect: Fen,
  basis: MatchBasis | null,
  month: string,
): Difference {
  const ledger = ledgerSide(item);
  const booked = books.length > 0 ? booksSide(books, month) : null;
  const c = item.currency === 'CNY' ? '' : `${item.currency} `;
  const no = item.deliveryNo;
  let message: MonthEndText;
  switch (cls) {
    case 'only_in_ledger':
      message = ledger.invoiceNo
        ? msg(
            `出库单 ${no}（${c}${formatFen(item.amount)}）已开票（发票号 ${ledger.invoiceNo}），财务账上没有：漏记或记错客户/金额`,
            `Delivery note ${no} (${c}${formatFen(item.amount)}) was invoiced (${ledger.invoiceNo}) but is not in the books: not booked, or booked to another customer/amount`,
          )
        : msg(
            `出库单 ${no}（${c}${formatFen(item.amount)}）发货未开票，财务账上没有`,
            `Delivery note ${no} (${c}${formatFen(item.amount)}) is shipped, not invoiced, and not in the books`,
          );
      break;
    case 'amount_differs':
      message = msg(
        `出库单 ${no} 台账 ${c}${formatFen(item.amount)}，账上 ${c}${booked!.amount}，相差 ${formatFen(effect)}`,
        `Delivery note ${no}: ledger ${c}${formatFen(item.amount)}, books ${c}${booked!.amount}, differs by ${formatFen(effect)}`,
      );
      break;
    default:
      message = msg(
        `跨期：出库单 ${no} 发货在 ${item.month}，财务记账在 ${booked!.month}` +
          (toFen(booked!.amount) !== item.amount ? `，且金额不同（账上 ${booked!.amount}）` : ''),
        `Cutoff: delivery note ${no} shipped in ${item.month}, booked in ${booked!.month}` +
          (toFen(booked!.amount) !== item.amount ? `, and the amounts differ (books ${booked!.amount})` : ''),
      );
  }
  const tail = books.length > 0 ? `|${books.map((b) => b.id).join('+')}` : '';
  return {
    id: `${cls}:${item.id}${tail}`,
    class: cls,
    currency: item.currency,
    customer: item.customer,
    ledger,
    books: booked,
    effect: fenText(effect),
    matchedBy: basis,
    message,
  };
}

function bookOnly(cls: 'only_in_books' | 'duplicate', book: BookLine, effect: Fen): Difference {
  const e = book.entry;
  const ref = e.invoiceNo ?? e.deliveryNo ?? e.voucherNo ?? book.date;
  const c = book.currency === 'CNY' ? '' : `${book.currency} `;
  return {
    id: `${cls}:${book.id}`,
    class: cls,
    currency: book.currency,
    customer: book.customer,
    ledger: null,
    books: booksSide([book], book.month),
    effect: fenText(effect),
    matchedBy: null,
    message:
      cls === 'duplicate'
        ? msg(
            `财务账重复记账：${ref}（${c}${formatFen(book.amount)}，凭证 ${e.voucherNo ?? '无'}）`,
            `Booked twice in the books: ${ref} (${c}${formatFen(book.amount)}, voucher ${e.voucherNo ?? 'none'})`,
          )
        : msg(
            `账上有、台账无：${ref}（${c}${formatFen(book.amount)}）没有对应的发货`,
            `In the books only: ${ref} (${c}${formatFen(book.amount)}) has no shipment behind it`,
          ),
  };
}

function ledgerDuplicate(line: LedgerLine): Difference {
  const r = line.row;
  const c = r.currency === 'CNY' ? '' : `${r.currency} `;
  return {
    id: `duplicate:${line.id}`,
    class: 'duplicate',
    currency: r.currency,
    customer: r.customer,
    ledger: {
      amount: fenText(line.amount),
      date: line.date,
      month: line.month,
      sources: [r.source],
      deliveryNo: r.deliveryNo,
      invoiceNo: r.invoiceNo ?? null,
      voucherNo: null,
    },
    books: null,
    effect: fenText(line.amount),
    matchedBy: null,
    message: msg(
      `台账重复登记：出库单 ${r.deliveryNo} ${r.model}（${c}${formatFen(line.amount)}）`,
      `Entered twice in the ledger: delivery note ${r.deliveryNo} ${r.model} (${c}${formatFen(line.amount)})`,
    ),
  };
}

function totalsOf(
  input: ReconcileInput,
  month: string,
  differences: readonly Difference[],
  matched: ReadonlyMap<LedgerCurrency, number>,
): ReconciliationTotals[] {
  const ledger = new Map<LedgerCurrency, Fen>();
  const books = new Map<LedgerCurrency, Fen>();
  for (const { row } of input.shipments) {
    const d = chinaDate(row.shipDate);
    if (d && monthOf(d) === month)
      ledger.set(row.currency, (ledger.get(row.currency) ?? 0n) + toFen(row.amount));
  }
  for (const { row } of input.books) {
    const d = chinaDate(row.date);
    if (row.debit != null && d && monthOf(d) === month)
      books.set(row.currency, (books.get(row.currency) ?? 0n) + toFen(row.debit));
  }
  const currencies = new Set<LedgerCurrency>([
    ...ledger.keys(),
    ...books.keys(),
    ...differences.map((d) => d.currency),
  ]);
  return [...currencies].sort().map((currency) => {
    const mine = differences.filter((d) => d.currency === currency);
    const byClass = Object.fromEntries(
      DIFFERENCE_CLASSES.map((cls) => [
        cls,
        fenText(sumFen(mine.filter((d) => d.class === cls).map((d) => toFen(d.effect)))),
      ]),
    ) as Record<DifferenceClass, string>;
    const l = ledger.get(currency) ?? 0n;
    const b = books.get(currency) ?? 0n;
    const explained = sumFen(mine.map((d) => toFen(d.effect)));
    return {
      currency,
      ledgerTotal: fenText(l),
      booksTotal: fenText(b),
      difference: fenText(l - b),
      explained: fenText(explained),
      remainder: fenText(l - b - explained),
      byClass,
      matched: matched.get(currency) ?? 0,
    };
  });
}
