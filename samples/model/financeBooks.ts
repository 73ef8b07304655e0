/**
 * 应收账款明细账: the sales accountant's export from the accounting system (Kingdee/Yonyou style) for
 * two months, and the truth of the month-end check (账账核对) of the 发货台账 against it.
 *
 * Finance books a shipment when it is invoiced, one entry per 出库单号, on the invoice date; export
 * entries are kept in USD (`USD 8,250.00`). Planted on top, one of every difference a month brings:
 * a cutoff (shipped in April, booked in May), a typo in an amount, an invoice with no shipment, an
 * entry booked twice, a return booked as a 红字 (negative) invoice the clerk has not entered yet;
 * 发货未开票 comes from the ledger itself (shipments without an invoice).
 *
 * Pure and deterministic: no random numbers (the planted rows are chosen by rule), so the other
 * sheets and their truth do not move.
 */
import { USD_RATE_X100 } from './catalogue';
import { parts } from './calendar';
import type { Customer, SampleCell, SampleSheet, Shipment } from './types';

export const BOOKS_SHEET = '应收账款明细账';
export const BOOKS_MONTHS = ['2026-04', '2026-05'] as const;
export const BOOKS_HEADERS = [
  '日期',
  '凭证字号',
  '往来单位',
  '摘要',
  '出库单号',
  '发票号',
  '借方金额',
  '贷方金额',
] as const;

export type DifferenceClass = 'amount_differs' | 'only_in_ledger' | 'only_in_books' | 'cutoff' | 'duplicate';

export interface ExpectedDifference {
  class: DifferenceClass;
  customer: string;
  deliveryNoteNo: string | null;
  invoiceNo: string | null;
  /** Row in 发货台账 (for a cutoff also when it is in the other month); null when there is none. */
  ledgerRow: number | null;
  /** Row in 应收账款明细账 (for a cutoff also when it is in the other month); null when there is none. */
  booksRow: number | null;
  /** CNY fen (USD entries at usdRateX100); 0 for the side that has nothing. */
  ledgerFen: number;
  booksFen: number;
  /** ledgerFen − booksFen: the differences of a month add up to its ledger total − books total. */
  differenceFen: number;
  note: string;
}

export interface ExpectedMonthEnd {
  sheet: string;
  months: string[];
  headers: string[];
  usdRateX100: number;
  headerRow: number;
  firstDataRow: number;
  /** 本月合计 / 本年累计 and the 期间 line: rows a reader must not take for entries. */
  notEntryRows: number[];
  perMonth: Record<string, ExpectedMonth>;
}

export interface ExpectedMonth {
  /** 发货台账 rows dated in the month, and their sum (CNY fen). */
  ledgerRows: number;
  ledgerFen: number;
  /** Entries dated in the month (returns included, negative), and their sum in CNY fen. */
  booksEntries: number;
  booksFen: number;
  differenceFen: number;
  differences: ExpectedDifference[];
  /**
   * Totals per currency in minor units (fen, US cents): export shipments are USD on both sides
   * (发货台账 币种/原币金额, the books' `USD …` amounts) and reconcile in USD, all matched.
   */
  byCurrency: Record<'CNY' | 'USD', { ledgerMinor: number; booksMinor: number }>;
  /** USD entries: reconciled in USD (ledger CNY = USD × rate exactly in the sample). */
  usdEntries: { booksRow: number; deliveryNoteNo: string; usdCents: number; cnyFen: number }[];
  /** Shipped by month end, not invoiced by month end, with days since shipment. */
  shippedNotInvoiced: {
    deliveryNoteNo: string;
    ledgerRow: number;
    date: string;
    fen: number;
    days: number;
  }[];
}

interface Entry {
  date: string;
  customer: string;
  summary: string;
  deliveryNoteNo: string | null;
  invoiceNo: string | null;
  /** Minor units of currency: fen or cents; negative for a 红字 invoice. */
  minor: number;
  currency: 'CNY' | 'USD';
  plant?: { class: DifferenceClass; note: string; ledgerFen?: number };
}

const monthKey = (iso: string): string => iso.slice(0, 7);
const cnyFen = (e: Pick<Entry, 'minor' | 'currency'>): number =>
  e.currency === 'USD' ? Math.round((e.minor * USD_RATE_X100) / 100) : e.minor;

function thousands(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** A typist's slip: the second and third digits of the yuan swapped (12,850.00 → 12,580.00). */
function transposed(fen: number): number {
  const digits = String(Math.floor(fen / 100)).split('');
  const i = digits.findIndex((d, k) => k >= 1 && digits[k + 1] !== undefined && digits[k + 1] !== d);
  if (i < 0) return fen + 100_00;
  const a = digits[i] as string;
  digits[i] = digits[i + 1] as string;
  digits[i + 1] = a;
  return Number(digits.join('')) * 100 + (fen % 100);
}

const daysBetween = (from: string, to: string): number => {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
};

const lastDay = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = new Date(Date.UTC(y, m, 0));
  return `${month}-${String(t.getUTCDate()).padStart(2, '0')}`;
};

/**
 * The books and their truth. `ledgerRowOf` gives the 发货台账 row of each 出库单号 (read back from
 * the rendered sheet, so the truth names the rows a reader sees).
 */
export function buildFinanceBooks(
  shipments: readonly Shipment[],
  customers: readonly Customer[],
  ledgerRowOf: ReadonlyMap<string, number>,
  unreadableNote: string,
): { sheet: SampleSheet; expected: ExpectedMonthEnd } {
  const exportCustomer = new Set(customers.filter((c) => c.class === '外贸').map((c) => c.name));
  const [first, second] = BOOKS_MONTHS;
  const inMonths = shipments.filter((s) => (BOOKS_MONTHS as readonly string[]).includes(monthKey(s.date)));
  if (inMonths.some((s) => s.deliveryNoteNo === unreadableNote))
    throw new Error('the #N/A shipment falls into the books months: pick other months');
  const rowOf = (s: Shipment): number => {
    const row = ledgerRowOf.get(s.deliveryNoteNo);
    if (row === undefined) throw new Error(`${s.deliveryNoteNo} not on the 发货台账 sheet`);
    return row;
  };
  const fen = (s: Shipment): number => s.qty * s.priceFen;

  // Planted rows, chosen by rule among April's domestic invoiced shipments.
  const domesticApril = inMonths.filter(
    (s) => monthKey(s.date) === first && !exportCustomer.has(s.customer) && s.invoiceNo !== null,
  );
  const byAmount = [...domesticApril].sort(
    (a, b) => fen(b) - fen(a) || a.deliveryNoteNo.localeCompare(b.deliveryNoteNo),
  );
  const cutoff = domesticApril[domesticApril.length - 1];
  const typo = byAmount.find((s) => fen(s) >= 1_000_000 && s !== cutoff && transposed(fen(s)) !== fen(s));
  const twice = byAmount.find((s) => s !== cutoff && s !== typo && fen(s) < 5_000_000);
  const returned = byAmount.find((s) => s !== cutoff && s !== typo && s !== twice && s.qty >= 2);
  if (!cutoff || !typo || !twice || !returned) throw new Error('April has too few shipments to plant');

  const entries: Entry[] = [];
  for (const s of inMonths) {
    if (s.invoiceNo === null || s.invoiceDate === null) continue; // 发货未开票: Finance has nothing yet
    const usd = exportCustomer.has(s.customer);
    const base: Entry = {
      date: s.invoiceDate,
      customer: s.customer,
      summary: usd ? `出口销售 ${s.model}×${s.qty}` : `销售发出 ${s.model}×${s.qty}`,
      deliveryNoteNo: s.deliveryNoteNo,
      invoiceNo: s.invoiceNo,
      minor: usd ? Math.round((fen(s) * 100) / USD_RATE_X100) : fen(s),
      currency: usd ? 'USD' : 'CNY',
    };
    if (usd && cnyFen(base) !== fen(s)) throw new Error(`${s.deliveryNoteNo}: USD does not convert exactly`);
    if (s === cutoff) {
      entries.push({
        ...base,
        date: `${second}-06`,
        summary: `${base.summary}（4月发票次月入账）`,
        plant: { class: 'cutoff', note: '4月发货开票，财务5月入账（跨期）' },
      });
    } else if (s === typo) {
      entries.push({
        ...base,
        minor: transposed(fen(s)),
        plant: { class: 'amount_differs', note: '财务录入金额时数字颠倒' },
      });
    } else if (s === twice) {
      entries.push(base);
      entries.push({
        ...base,
        summary: `${base.summary}（重复入账）`,
        plant: { class: 'duplicate', note: '同一出库单/发票入账两次' },
      });
    } else entries.push(base);
  }
  // An invoice Finance booked with no shipment behind it (开票未发货).
  const noShipmentCustomer = twice.customer;
  entries.push({
    date: `${first}-22`,
    customer: noShipmentCustomer,
    summary: '销售开票（无出库单）',
    deliveryNoteNo: null,
    invoiceNo: '26432000000009990001',
    minor: 3_600_000,
    currency: 'CNY',
    plant: { class: 'only_in_books', note: '有发票无出库单（开票未发货）' },
  });
  // A return: one unit of an April shipment, booked by Finance in May as a 红字 invoice; the clerk
  // has not entered it in 发货台账 yet.
  entries.push({
    date: `${second}-15`,
    customer: returned.customer,
    summary: `销售退货 红字发票 冲${returned.deliveryNoteNo} ${returned.model}×1`,
    deliveryNoteNo: null,
    invoiceNo: '26432000000009990002',
    minor: -returned.priceFen,
    currency: 'CNY',
    plant: { class: 'only_in_books', note: '红字发票（销售退货），发货台账未登记退货' },
  });
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  // ── The sheet ─────────────────────────────────────────────────────────────────────────────────
  const width = BOOKS_HEADERS.length;
  const rows: SampleCell[][] = [];
  const add = (cells: SampleCell[]): number => rows.push(cells);
  const merges: string[] = [];
  const boldRows: number[] = [];
  const notEntryRows: number[] = [];
  const last = String.fromCharCode(64 + width);
  const titleRow = add(['应收账款明细账']);
  merges.push(`A${titleRow}:${last}${titleRow}`);
  boldRows.push(titleRow);
  const periodRow = add([
    '期间：2026年4月—2026年5月',
    null,
    null,
    '科目：1122 应收账款',
    null,
    null,
    '币别：综合本位币',
  ]);
  notEntryRows.push(periodRow);
  const headerRow = add([...BOOKS_HEADERS]);
  boldRows.push(headerRow);
  const rowOfEntry = new Map<Entry, number>();
  let yearFen = 0;
  for (const month of BOOKS_MONTHS) {
    let voucher = month === first ? 96 : 88;
    let monthFen = 0;
    for (const e of entries.filter((x) => monthKey(x.date) === month)) {
      const amount: SampleCell =
        e.currency === 'USD' ? `USD ${thousands(e.minor)}` : { number: e.minor / 100, numFmt: '#,##0.00' };
      const row = add([
        { date: e.date, numFmt: 'yyyy-mm-dd' },
        `记-${String(++voucher).padStart(4, '0')}`,
        e.customer,
        e.summary,
        e.deliveryNoteNo,
        e.invoiceNo,
        amount,
        null,
      ]);
      rowOfEntry.set(e, row);
      monthFen += cnyFen(e);
    }
    yearFen += monthFen;
    for (const [label, sum] of [
      ['本月合计', monthFen],
      ['本年累计', yearFen],
    ] as const) {
      const row = add([null, null, null, label, null, null, { number: sum / 100, numFmt: '#,##0.00' }, null]);
      notEntryRows.push(row);
      boldRows.push(row);
    }
  }
  const sheet: SampleSheet = {
    name: BOOKS_SHEET,
    rows,
    merges,
    hiddenRows: [],
    boldRows,
    columnWidths: [11, 10, 30, 36, 14, 24, 16, 12],
    frozenRows: headerRow,
  };

  // ── The truth per month ───────────────────────────────────────────────────────────────────────
  const perMonth: Record<string, ExpectedMonth> = {};
  for (const month of BOOKS_MONTHS) {
    const ledger = inMonths.filter((s) => monthKey(s.date) === month);
    const books = entries.filter((e) => monthKey(e.date) === month);
    const differences: ExpectedDifference[] = [];
    for (const s of ledger) {
      if (s.invoiceNo === null)
        differences.push({
          class: 'only_in_ledger',
          customer: s.customer,
          deliveryNoteNo: s.deliveryNoteNo,
          invoiceNo: null,
          ledgerRow: rowOf(s),
          booksRow: null,
          ledgerFen: fen(s),
          booksFen: 0,
          differenceFen: fen(s),
          note: '发货未开票，财务未入账',
        });
      else if (s === cutoff)
        differences.push({
          class: 'cutoff',
          customer: s.customer,
          deliveryNoteNo: s.deliveryNoteNo,
          invoiceNo: s.invoiceNo,
          ledgerRow: rowOf(s),
          booksRow: rowOfEntry.get(entries.find((e) => e.plant?.class === 'cutoff') as Entry) ?? null,
          ledgerFen: fen(s),
          booksFen: 0,
          differenceFen: fen(s),
          note: '本月发货，财务次月入账（跨期）',
        });
    }
    for (const e of books) {
      if (!e.plant) continue;
      const shipment = shipments.find((s) => s.deliveryNoteNo === e.deliveryNoteNo);
      const ledgerRow = shipment && monthKey(shipment.date) === month ? rowOf(shipment) : null;
      const ledgerFen = e.plant.class === 'amount_differs' && shipment ? fen(shipment) : 0;
      differences.push({
        class: e.plant.class,
        customer: e.customer,
        deliveryNoteNo: e.deliveryNoteNo,
        invoiceNo: e.invoiceNo,
        // The duplicate is the second entry alone; a cutoff names its shipment in the other month.
        ledgerRow:
          e.plant.class === 'amount_differs'
            ? ledgerRow
            : e.plant.class === 'cutoff' && shipment
              ? rowOf(shipment)
              : null,
        booksRow: rowOfEntry.get(e) ?? null,
        ledgerFen,
        booksFen: cnyFen(e),
        differenceFen: ledgerFen - cnyFen(e),
        note: e.plant.class === 'cutoff' ? '上月发货，本月入账（跨期）' : e.plant.note,
      });
    }
    differences.sort(
      (a, b) =>
        a.class.localeCompare(b.class) || (a.ledgerRow ?? a.booksRow ?? 0) - (b.ledgerRow ?? b.booksRow ?? 0),
    );
    const ledgerFen = ledger.reduce((t, s) => t + fen(s), 0);
    const booksFen = books.reduce((t, e) => t + cnyFen(e), 0);
    const explained = differences.reduce((t, d) => t + d.differenceFen, 0);
    if (explained !== ledgerFen - booksFen)
      throw new Error(`${month}: differences explain ${explained}, not ${ledgerFen - booksFen}`);
    const end = lastDay(month);
    const usdOf = (s: Shipment): number => (fen(s) * 100) / USD_RATE_X100;
    const isUsd = (s: Shipment): boolean => exportCustomer.has(s.customer);
    const byCurrency: ExpectedMonth['byCurrency'] = {
      CNY: {
        ledgerMinor: ledger.filter((s) => !isUsd(s)).reduce((t, s) => t + fen(s), 0),
        booksMinor: books.filter((e) => e.currency === 'CNY').reduce((t, e) => t + e.minor, 0),
      },
      USD: {
        ledgerMinor: ledger.filter(isUsd).reduce((t, s) => t + usdOf(s), 0),
        booksMinor: books.filter((e) => e.currency === 'USD').reduce((t, e) => t + e.minor, 0),
      },
    };
    if (
      byCurrency.USD.ledgerMinor !== byCurrency.USD.booksMinor ||
      !Number.isInteger(byCurrency.USD.ledgerMinor)
    )
      throw new Error(`${month}: the USD shipments should reconcile exactly`);
    perMonth[month] = {
      byCurrency,
      ledgerRows: ledger.length,
      ledgerFen,
      booksEntries: books.length,
      booksFen,
      differenceFen: ledgerFen - booksFen,
      differences,
      usdEntries: books
        .filter((e) => e.currency === 'USD')
        .map((e) => ({
          booksRow: rowOfEntry.get(e) ?? 0,
          deliveryNoteNo: e.deliveryNoteNo ?? '',
          usdCents: e.minor,
          cnyFen: cnyFen(e),
        })),
      shippedNotInvoiced: shipments
        .filter((s) => s.date <= end && (s.invoiceDate === null || s.invoiceDate > end))
        .map((s) => ({
          deliveryNoteNo: s.deliveryNoteNo,
          ledgerRow: rowOf(s),
          date: s.date,
          fen: fen(s),
          days: daysBetween(s.date, end),
        })),
    };
  }
  return {
    sheet,
    expected: {
      sheet: BOOKS_SHEET,
      months: [...BOOKS_MONTHS],
      headers: [...BOOKS_HEADERS],
      usdRateX100: USD_RATE_X100,
      headerRow,
      firstDataRow: headerRow + 1,
      notEntryRows,
      perMonth,
    },
  };
}
