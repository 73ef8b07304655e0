// The four month-end ledgers read from their sheets into the API's row shapes (pure): the same
// header detection and cell normalisers as the price check, plus what these ledgers need —
// Finance's 借方/贷方 or 金额 with 方向, amounts carrying a currency (`USD 8,250.00`), and rows of a
// Kingdee/Yonyou export that are not entries (本月合计, 本年累计, 期初余额). Returns (negative
// quantities and amounts, 红字 rows) are kept as they are. A bad row is listed and left out; the
// good rows go on.
import type {
  BookEntry,
  SyncKind as LedgerKind,
  LedgerRowByKind,
  OpeningRow,
  OrderRow,
  ReceiptMethod,
  ReceiptRow,
  ShipmentRow,
} from '../../../functions/src/contract/monthEnd';
import {
  applyMapping,
  detectHeader,
  readLedger,
  readMoneyFen,
  type Bilingual,
  type FieldOf,
  type HeaderMapping,
  type LedgerRow as SheetRow,
  type MappingOverrides,
  type SheetGrid,
  type SheetProblem,
} from '../sheets';
import { withoutOwnedColumns } from '../priceCheck/ledger';
import { bilingual as bi } from '../../../functions/src/contract/text';

/** Which sheet kind (synonyms.ts) each API ledger is read as. */
export const SHEET_KIND = {
  orders: 'salesLedger',
  shipments: 'shipmentLedger',
  receipts: 'receipts',
  books: 'financeBooks',
  openings: 'openingBalances',
} as const satisfies Record<LedgerKind, string>;
export type SheetKindOf<K extends LedgerKind> = (typeof SHEET_KIND)[K];

/** Without these columns a ledger cannot be sent (beyond the fields synonyms.ts marks required). */
export const LEDGER_NEEDS: { [K in LedgerKind]: readonly FieldOf<SheetKindOf<K>>[] } = {
  orders: ['orderDate', 'contractNo', 'customer', 'model', 'qty'],
  shipments: ['shipDate', 'deliveryNoteNo', 'customer', 'model', 'qty', 'amount'],
  receipts: ['receiptDate', 'customer', 'amount'],
  books: ['date', 'customer'],
  openings: ['customer', 'openingBalance', 'asOfDate'],
};

export type LedgerMapping<K extends LedgerKind> = HeaderMapping<SheetKindOf<K>>;

export function detectLedger<K extends LedgerKind>(
  kind: K,
  grid: SheetGrid,
  overrides: MappingOverrides<SheetKindOf<K>> = {},
): LedgerMapping<K> {
  const sheetKind = SHEET_KIND[kind] as SheetKindOf<K>;
  return applyMapping(detectHeader(withoutOwnedColumns(grid), sheetKind), overrides);
}

/** Needed fields with no column (books: also one of 借方/贷方/金额). */
export function missingLedgerColumns<K extends LedgerKind>(kind: K, mapping: LedgerMapping<K>): string[] {
  const cols = mapping.columns as Partial<Record<string, unknown>>;
  const missing: string[] = (LEDGER_NEEDS[kind] as readonly string[]).filter((f) => !cols[f]);
  if (kind === 'books' && !cols.debit && !cols.credit && !cols.amount) missing.push('debit');
  return missing;
}

export interface LedgerSheetRead<K extends LedgerKind> {
  kind: K;
  sheet: string;
  /** Every readable row of the sheet, all months, in sheet order. */
  rows: LedgerRowByKind[K][];
  /** Cells that could not be read, and rows left out for them. */
  problems: SheetProblem[];
  /** Excel rows left out as not being entries (subtotals, totals, 本年累计…, blank). */
  skippedRows: number[];
}

const NOT_ENTRY_RE =
  /^\s*(?:本月合计|本期合计|本月累计|本年累计|本期累计|期初余额|期末余额|年初余额|上年结转|结转下年|承前页|过次页)/;

// ── money and small readers ──────────────────────────────────────────────────────────────────────

/** Integer minor units → the API's decimal text: -38050 → "-380.50". */
export function minorToDecimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const USD_PREFIX_RE = /^\s*(?:USD|US\$|\$|美元)/i;
const CNY_PREFIX_RE = /^\s*(?:CNY|RMB|¥|￥|人民币)/i;

/** An amount cell of Finance's books, maybe carrying its currency: `USD 8,250.00`, `-1,200.00`. */
export function readBookAmount(
  v: unknown,
): { ok: true; minor: number | null; currency: 'CNY' | 'USD' | null } | { ok: false; found: string } {
  if (v === null || v === undefined || v === '') return { ok: true, minor: null, currency: null };
  const currency =
    typeof v === 'string' ? (USD_PREFIX_RE.test(v) ? 'USD' : CNY_PREFIX_RE.test(v) ? 'CNY' : null) : null;
  const text =
    typeof v === 'string' && currency ? v.replace(USD_PREFIX_RE, '').replace(CNY_PREFIX_RE, '') : v;
  const got = readMoneyFen(text);
  if (!got.ok) return { ok: false, found: got.found };
  return { ok: true, minor: got.value, currency };
}

const METHOD_RULES: readonly [RegExp, ReceiptMethod][] = [
  [/承兑|汇票|acceptance|bill/i, '承兑汇票'],
  [/现金|cash/i, '现金'],
  [/电汇|转账|汇款|网银|银行|t\/?t|wire|transfer/i, '电汇'],
];

/** 方式 as people write it → the API's three methods; empty → 电汇 (the usual); unknown → null. */
export function readReceiptMethod(v: string | null): ReceiptMethod | null {
  if (v === null || v.trim() === '') return '电汇';
  return METHOD_RULES.find(([re]) => re.test(v))?.[1] ?? null;
}

const MATURITY_RE = /到期日?\s*[:：]?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/;

/** The maturity a clerk writes in a bank acceptance's 备注: `银行承兑汇票 到期日2026-09-30`. */
export function maturityIn(note: string | null): string | null {
  const m = note ? MATURITY_RE.exec(note) : null;
  if (!m) return null;
  return `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`;
}

// ── per ledger ───────────────────────────────────────────────────────────────────────────────────

interface RowContext {
  sheet: string;
  row: number;
  /** Lists the row's problem; returns null so a converter can `return ctx.problem(…)`. */
  problem: (field: string, header: string, found: string, expected: Bilingual) => null;
}

type Converter<K extends LedgerKind> = (
  values: SheetRow<SheetKindOf<K>>['values'],
  ctx: RowContext,
) => LedgerRowByKind[K] | null;

const fenText = (fen: number | null | undefined): string | null =>
  fen === null || fen === undefined ? null : minorToDecimal(fen);

/** qty × unit price when the sheet has no 金额 (integer quantities only: exact). */
function amountOf(amount: number | null, qty: number | null, unit: number | null): number | null {
  if (amount !== null) return amount;
  if (qty !== null && unit !== null && Number.isInteger(qty)) return qty * unit;
  return null;
}

const EXPECT_AMOUNT = bi('金额（或数量和单价）', 'an amount (or quantity and unit price)');
const EXPECT_TEXT = bi('不为空的文字', 'non-empty text');
const asCurrency = (c: string | null): 'CNY' | 'USD' | null => (c === 'CNY' || c === 'USD' ? c : null);
const EXPECT_CURRENCY = bi('CNY 或 USD', 'CNY or USD');

const toOrder: Converter<'orders'> = (v, ctx) => {
  const amount = amountOf(v.amount, v.qty, v.unitPrice);
  if (!v.contractNo) return ctx.problem('contractNo', '合同号', '', EXPECT_TEXT);
  if (amount === null) return ctx.problem('amount', '金额', '', EXPECT_AMOUNT);
  const currency = v.currency === null ? 'CNY' : asCurrency(v.currency);
  if (!currency) return ctx.problem('currency', '币种', v.currency ?? '', EXPECT_CURRENCY);
  if (!v.orderDate || !v.customer || !v.model || v.qty === null) return null;
  const row: OrderRow = {
    date: v.orderDate,
    contractNo: v.contractNo,
    line: null,
    customer: v.customer,
    customerClass: v.customerClass,
    isNewCustomer: v.isNewCustomer,
    region: v.region,
    rep: v.rep,
    model: v.model,
    productType: v.productType,
    qty: v.qty,
    unitPrice: fenText(v.unitPrice),
    amount: minorToDecimal(amount),
    currency,
    deliveryDate: v.deliveryDate,
    approvalRef: v.approvalRef,
    note: v.remarks,
    source: { sheet: ctx.sheet, row: ctx.row },
  };
  return row;
};

const toShipment: Converter<'shipments'> = (v, ctx) => {
  const currency = v.currency === null ? 'CNY' : asCurrency(v.currency);
  if (!currency) return ctx.problem('currency', '币种', v.currency ?? '', EXPECT_CURRENCY);
  // An export line keeps 金额 in 元 and its invoice currency in 原币金额: reconcile in that currency.
  const foreign = currency !== 'CNY' && v.originalAmount !== null;
  const amount = foreign ? v.originalAmount : amountOf(v.amount, v.qty, v.unitPrice);
  if (!v.deliveryNoteNo) return ctx.problem('deliveryNoteNo', '出库单号', '', EXPECT_TEXT);
  if (amount === null) return ctx.problem('amount', '金额', '', EXPECT_AMOUNT);
  if (!v.shipDate || !v.customer || !v.model || v.qty === null) return null;
  const row: ShipmentRow = {
    shipDate: v.shipDate,
    deliveryNo: v.deliveryNoteNo,
    line: null,
    contractNo: v.contractNo,
    customer: v.customer,
    region: null,
    rep: null,
    model: v.model,
    qty: v.qty,
    unitPrice: foreign ? null : fenText(v.unitPrice),
    amount: minorToDecimal(amount),
    currency: foreign ? currency : 'CNY',
    invoiceNo: v.invoiceNo,
    invoiceDate: v.invoiceDate,
    signedDate: v.signedDate,
    carrier: v.carrier,
    note: v.remarks,
    source: { sheet: ctx.sheet, row: ctx.row },
  };
  return row;
};

const toReceipt: Converter<'receipts'> = (v, ctx) => {
  const method = readReceiptMethod(v.method);
  if (!method)
    return (
      ctx.problem('method', '方式', v.method ?? '', bi('电汇、承兑汇票或现金', '电汇, 承兑汇票 or 现金')),
      null
    );
  const currency = v.currency === null ? 'CNY' : asCurrency(v.currency);
  if (!currency) return ctx.problem('currency', '币种', v.currency ?? '', EXPECT_CURRENCY);
  // As in the 发货台账: an export receipt keeps 金额 in 元 and what the customer paid in 原币金额.
  const foreign = currency !== 'CNY' && v.originalAmount !== null;
  const amount = foreign ? v.originalAmount : v.amount;
  if (!v.receiptDate || !v.customer || amount === null) return null;
  const row: ReceiptRow = {
    date: v.receiptDate,
    customer: v.customer,
    amount: minorToDecimal(amount),
    currency: foreign ? currency : 'CNY',
    method,
    rep: v.rep,
    region: null,
    contractNo: v.contractNo,
    invoiceNo: v.invoiceNo,
    receiptNo: null,
    billNo: null,
    maturityDate: method === '承兑汇票' ? maturityIn(v.remarks) : null,
    note: v.remarks,
    source: { sheet: ctx.sheet, row: ctx.row },
  };
  return row;
};

const DEBIT_RE = /^\s*(?:借|dr|debit)/i;
const CREDIT_RE = /^\s*(?:贷|cr|credit)/i;

const toBookEntry: Converter<'books'> = (v, ctx) => {
  const amounts: Partial<Record<'debit' | 'credit' | 'amount', number | null>> = {};
  let currency: 'CNY' | 'USD' | null = v.currency === null ? null : asCurrency(v.currency);
  if (v.currency !== null && !currency) return ctx.problem('currency', '币别', v.currency, EXPECT_CURRENCY);
  for (const field of ['debit', 'credit', 'amount'] as const) {
    const got = readBookAmount(v[field]);
    if (!got.ok)
      return ctx.problem(
        field,
        field,
        got.found,
        bi('金额，如 1,200.00 或 USD 8,250.00', 'an amount, e.g. 1,200.00 or USD 8,250.00'),
      );
    amounts[field] = got.minor;
    if (got.currency) currency = got.currency;
  }
  let debit = amounts.debit ?? null;
  let credit = amounts.credit ?? null;
  if (debit === null && credit === null && amounts.amount !== null && amounts.amount !== undefined) {
    // 金额 with 方向: 贷 is a credit; no direction means a debit (a sale).
    if (v.direction && CREDIT_RE.test(v.direction)) credit = amounts.amount;
    else if (!v.direction || DEBIT_RE.test(v.direction)) debit = amounts.amount;
    else return ctx.problem('direction', '方向', v.direction, bi('借 或 贷', '借 (Dr) or 贷 (Cr)'));
  }
  if (debit === null && credit === null)
    return ctx.problem('debit', '借方金额', '', bi('借方或贷方金额', 'a debit or credit amount'));
  if (!v.date || !v.customer) return null;
  const row: BookEntry = {
    date: v.date,
    voucherNo: v.voucherNo,
    line: null,
    customer: v.customer,
    summary: v.summary,
    invoiceNo: v.invoiceNo,
    deliveryNo: v.deliveryNoteNo,
    contractNo: v.contractNo,
    debit: fenText(debit),
    credit: fenText(credit),
    currency: currency ?? 'CNY',
    source: { sheet: ctx.sheet, row: ctx.row },
  };
  return row;
};

/** 期初余额: one balance per customer and currency as of a day (negative: the customer is in credit). */
const toOpening: Converter<'openings'> = (v, ctx) => {
  const currency = v.currency === null ? 'CNY' : asCurrency(v.currency);
  if (!currency) return ctx.problem('currency', '币种', v.currency ?? '', EXPECT_CURRENCY);
  if (!v.customer || v.openingBalance === null || !v.asOfDate) return null;
  const row: OpeningRow = {
    customer: v.customer,
    currency,
    amount: minorToDecimal(v.openingBalance),
    date: v.asOfDate,
    rep: v.rep,
    region: v.region,
    note: v.remarks,
    source: { sheet: ctx.sheet, row: ctx.row },
  };
  return row;
};

const CONVERTERS: { [K in LedgerKind]: Converter<K> } = {
  orders: toOrder,
  shipments: toShipment,
  receipts: toReceipt,
  books: toBookEntry,
  openings: toOpening,
};

/** Text cells of a row that say it is not an entry (本年累计, 期初余额…). */
function notAnEntry(row: readonly unknown[] | undefined): boolean {
  return !!row?.some((c) => typeof c === 'string' && c.length <= 24 && NOT_ENTRY_RE.test(c));
}

/**
 * Reads one ledger sheet through its mapping. Hidden rows are read too (a hidden shipment still
 * happened). Rows with a required cell unreadable are listed in `problems` and left out.
 */
export function readLedgerSheet<K extends LedgerKind>(
  kind: K,
  grid: SheetGrid,
  mapping: LedgerMapping<K>,
): LedgerSheetRead<K> {
  const clean = withoutOwnedColumns(grid);
  const read = readLedger(clean, SHEET_KIND[kind] as SheetKindOf<K>, mapping, { includeHidden: true });
  const startRow = clean.startRow ?? 0;
  const skippedRows = [...read.skipped.subtotal.rows, ...read.skipped.total.rows, ...read.skipped.blank.rows];
  const notEntries = new Set<number>();
  // On a 期初余额 sheet `上年结转` / `期初余额` in a note is what every row is, not a books total line.
  if (kind !== 'openings')
    for (const r of read.rows)
      if (notAnEntry(clean.values[r.sheetRow - 1 - startRow])) notEntries.add(r.sheetRow);
  const problems = read.problems.filter((p) => !notEntries.has(p.row));
  const required = new Set<string>(LEDGER_NEEDS[kind] as readonly string[]);
  const rows: LedgerRowByKind[K][] = [];
  const convert = CONVERTERS[kind] as Converter<K>;
  for (const r of read.rows) {
    if (notEntries.has(r.sheetRow)) {
      skippedRows.push(r.sheetRow);
      continue;
    }
    if ((r.invalid as string[]).some((f) => required.has(f))) continue; // listed in problems already
    const ctx: RowContext = {
      sheet: grid.name,
      row: r.sheetRow,
      problem: (field, header, found, expected) => {
        const col = (mapping.columns as Partial<Record<string, { letter: string; header: string }>>)[field];
        const letter = col?.letter ?? '';
        problems.push({
          sheet: grid.name,
          row: r.sheetRow,
          column: letter,
          cell: `${letter}${r.sheetRow}`,
          header: col?.header ?? header,
          field,
          fieldLabel: { 'zh-CN': header, 'en-US': field },
          found,
          expected,
          reason: found === '' ? 'missing' : 'not a number',
        });
        return null;
      },
    };
    const row = convert(r.values, ctx);
    if (row) rows.push(row);
  }
  skippedRows.sort((a, b) => a - b);
  problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return { kind, sheet: grid.name, rows, problems, skippedRows };
}

/** The China month (`YYYY-MM`) a row belongs to. */
export function monthOfRow(kind: LedgerKind, row: LedgerRowByKind[LedgerKind]): string {
  const date = kind === 'shipments' ? (row as ShipmentRow).shipDate : (row as OrderRow).date;
  return date.slice(0, 7);
}

/** The rows of one month, in sheet order. */
export function rowsOfMonth<K extends LedgerKind>(
  kind: K,
  rows: readonly LedgerRowByKind[K][],
  month: string,
): LedgerRowByKind[K][] {
  return rows.filter((r) => monthOfRow(kind, r) === month);
}

/** Months present in the rows, newest first. */
export function monthsOf<K extends LedgerKind>(kind: K, rows: readonly LedgerRowByKind[K][]): string[] {
  return [...new Set(rows.map((r) => monthOfRow(kind, r)))].sort().reverse();
}

// ── which sheet holds which ledger ───────────────────────────────────────────────────────────────

/**
 * How well a sheet fits a ledger: 0 when a needed column is missing or a required one is doubtful,
 * else the share of the sheet's header cells the ledger uses. A 销售台账 also has a 日期, a 客户名称
 * and a 金额, so it would pass for the receipts or the books; it fits the orders best.
 */
export function ledgerFit<K extends LedgerKind>(
  kind: K,
  grid: SheetGrid,
  overrides: MappingOverrides<SheetKindOf<K>> = {},
): number {
  const mapping = detectLedger(kind, grid, overrides);
  if (mapping.headerRow === null || missingLedgerColumns(kind, mapping).length) return 0;
  const needed = new Set<string>(LEDGER_NEEDS[kind] as readonly string[]);
  if ((mapping.unsure as string[]).some((f) => needed.has(f))) return 0;
  const headers = mapping.headers.filter((h) => h.text.trim() !== '').length;
  const used = Object.keys(mapping.columns).length;
  return headers ? used / headers : 0;
}

/**
 * A sheet for each ledger: best fit first, each sheet to one ledger at most; the active sheet wins a
 * tie. `fit(kind, sheet)` is ledgerFit on that sheet's top rows.
 */
export function chooseLedgerSheets(
  sheets: readonly string[],
  active: string,
  fit: (kind: LedgerKind, sheet: string) => number,
): Partial<Record<LedgerKind, string>> {
  const pairs: { kind: LedgerKind; sheet: string; score: number }[] = [];
  for (const kind of Object.keys(SHEET_KIND) as LedgerKind[])
    for (const sheet of sheets) {
      const score = fit(kind, sheet);
      if (score > 0) pairs.push({ kind, sheet, score });
    }
  pairs.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.sheet === active) - Number(a.sheet === active) ||
      sheets.indexOf(a.sheet) - sheets.indexOf(b.sheet),
  );
  const out: Partial<Record<LedgerKind, string>> = {};
  const taken = new Set<string>();
  for (const p of pairs) {
    if (out[p.kind] || taken.has(p.sheet)) continue;
    out[p.kind] = p.sheet;
    taken.add(p.sheet);
  }
  return out;
}
