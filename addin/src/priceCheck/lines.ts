// From a read 销售台账 to the lines the validate API judges (pure). One entry per row read, in sheet
// order; a row whose price-relevant cell could not be read is not sent (the API would judge a
// guess) but kept as an `unreadable` entry with its problems, so it is reported and never lost.
import { findApprovalRef, sheetRowOf, type LedgerRow, type SheetGrid, type SheetProblem } from '../sheets';
import type { OpenInput, PriceLine } from '../../../functions/src/contract/pricing';
import { salesLedgerSliceReader, sliceBounds, type PriceCheckField, type SalesLedgerMapping } from './ledger';
import type { LedgerRead } from '../sheets';

export interface PriceCheckEntry {
  /** Excel row number (1-based). */
  sheetRow: number;
  values: LedgerRow<'salesLedger'>['values'];
  /** The line sent for this row; null when the row could not be read. */
  line: PriceLine | null;
  /** Cells of this row that could not be read (may be non-empty for a sent line: e.g. 备注 #N/A). */
  problems: SheetProblem[];
}

export interface PriceCheckLedger {
  sheet: string;
  mapping: SalesLedgerMapping;
  /** Sheet row (0-based) of the header: SalesDesk's headers go there too. */
  headerRow: number;
  /** Sheet row (0-based) of the first value of each result column. */
  firstDataRow: number;
  /** Rows from firstDataRow to the end of the read range: the length of each result column. */
  rowCount: number;
  entries: PriceCheckEntry[];
  /** What to send, in entry order; `lineEntries[i]` is the entry index of `lines[i]`. */
  lines: PriceLine[];
  lineEntries: number[];
  /** Every unreadable cell of the rows read. */
  problems: SheetProblem[];
  skipped: LedgerRead<'salesLedger'>['skipped'];
  /** Prices in the sheet are tax-exclusive (不含税 in the price header or title). */
  taxExclusive: boolean;
}

/** Fields sent to the API. */
const SENT: ReadonlySet<PriceCheckField> = new Set<PriceCheckField>([
  'orderDate',
  'customer',
  'customerClass',
  'isNewCustomer',
  'region',
  'model',
  'qty',
  'unitPrice',
  'currency',
  'approvalRef',
]);
/** The API cannot judge a line without these, so an empty one makes the row unreadable. */
const REQUIRED_BY_API: ReadonlySet<PriceCheckField> = new Set<PriceCheckField>(['model', 'qty', 'unitPrice']);

/**
 * Whether a problem stops the row from being sent. An empty optional cell (no date, no customer) is
 * sent as absent and the API says what it did about it; anything unreadable (#N/A, text in a number
 * column) would be a guess, so the row is held back.
 */
export function blocksLine(problem: SheetProblem): boolean {
  const field = problem.field as PriceCheckField;
  if (!SENT.has(field)) return false;
  return problem.reason !== 'missing' || REQUIRED_BY_API.has(field);
}

/** Integer fen → yuan as a JSON number (exact: fen / 100 is the double nearest the 2-decimal value). */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** The approval reference: the 审批单号 column, else one written in 备注 (`审批单号：SP-2026-001`). */
export function approvalRefOf(values: PriceCheckEntry['values']): string | null {
  const own = values.approvalRef?.trim();
  if (own) return findApprovalRef(own) ?? own;
  return findApprovalRef(values.remarks);
}

/**
 * The inputs a row leaves blank (or the ledger has no column for) among those the engine can judge
 * open: 新老客户, 片区, 客户, 币种. They are sent as `unknownInputs`, exactly as =SALES.PRICECHECK sends
 * its left-out arguments, so a blank 新老客户 is never taken for 老客户 where the policy tells them apart.
 */
function openInputsOf(values: PriceCheckEntry['values']): OpenInput[] {
  const open: OpenInput[] = [];
  if (values.isNewCustomer === null) open.push('isNewCustomer');
  if (values.region === null) open.push('region');
  if (values.customer === null) open.push('customer');
  if (values.currency === null) open.push('currency');
  return open;
}

/** One row as a validate line; the id is the Excel row number, so answers can be checked against it. */
export function toPriceLine(
  sheetRow: number,
  values: PriceCheckEntry['values'],
  taxExclusive: boolean,
): PriceLine {
  const open = openInputsOf(values);
  return {
    id: sheetRow,
    orderDate: values.orderDate,
    model: values.model ?? '',
    customer: values.customer,
    customerClass: values.customerClass,
    isNewCustomer: values.isNewCustomer,
    region: values.region,
    qty: values.qty,
    unitPrice: values.unitPrice === null ? null : fenToYuan(values.unitPrice),
    taxIncluded: !taxExclusive,
    currency: values.currency,
    approvalRef: approvalRefOf(values),
    // Only when something is open: a line with every input given stays as small as before.
    ...(open.length ? { unknownInputs: open } : {}),
  };
}

/** Rows read between pauses: about 20 ms of work here (4,000 took up to 50 ms of CPU on a busy machine). */
export const LEDGER_SLICE_ROWS = 2000;

export interface LedgerReadOptions {
  rowsPerSlice?: number;
  /** Awaited between slices (the pane yields to the page). */
  pause?: () => Promise<void>;
  signal?: AbortSignal;
  /** Grid rows read so far, of those below the header. */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

/** Thrown by readPriceCheckLedgerInSlices when its signal aborts between slices. */
export class LedgerReadCancelled extends Error {
  constructor() {
    super('price check cancelled while reading the ledger');
    this.name = 'LedgerReadCancelled';
  }
}

/** Reads slices of the grid and decides, row by row, what to send; `result()` gives the ledger. */
function ledgerReader(grid: SheetGrid, mapping: SalesLedgerMapping) {
  const read = salesLedgerSliceReader(grid, mapping);
  const entries: PriceCheckEntry[] = [];
  const lines: PriceLine[] = [];
  const lineEntries: number[] = [];
  const problems: SheetProblem[] = [];
  const skipped: PriceCheckLedger['skipped'] = {
    subtotal: { count: 0, rows: [] },
    total: { count: 0, rows: [] },
    blank: { count: 0, rows: [] },
    hidden: { count: 0, rows: [] },
    note: { count: 0, rows: [] },
  };
  return {
    bounds: (size: number) =>
      mapping.headerRow === null ? [] : sliceBounds(grid, mapping.firstDataRow, grid.values.length, size),
    readSlice(from: number, to: number): void {
      const slice = read(from, to);
      const byRow = new Map<number, SheetProblem[]>();
      for (const p of slice.problems) {
        problems.push(p);
        const list = byRow.get(p.row);
        if (list) list.push(p);
        else byRow.set(p.row, [p]);
      }
      for (const key of Object.keys(skipped) as (keyof typeof skipped)[]) {
        skipped[key].count += slice.skipped[key].count;
        for (const r of slice.skipped[key].rows) skipped[key].rows.push(r);
      }
      for (const row of slice.rows) {
        const rowProblems = byRow.get(row.sheetRow) ?? [];
        const blocked = rowProblems.some(blocksLine);
        const line = blocked ? null : toPriceLine(row.sheetRow, row.values, mapping.taxExclusive);
        if (line) {
          lines.push(line);
          lineEntries.push(entries.length);
        }
        entries.push({ sheetRow: row.sheetRow, values: row.values, line, problems: rowProblems });
      }
    },
    result(): PriceCheckLedger {
      const headerRow = mapping.headerRow === null ? 0 : sheetRowOf(grid, mapping.headerRow);
      const firstDataRow = sheetRowOf(grid, mapping.firstDataRow);
      const end = sheetRowOf(grid, grid.values.length);
      return {
        sheet: grid.name,
        mapping,
        headerRow,
        firstDataRow,
        rowCount: Math.max(0, end - firstDataRow),
        entries,
        lines,
        lineEntries,
        problems,
        skipped,
        taxExclusive: mapping.taxExclusive,
      };
    },
  };
}

/**
 * Reads the grid through the mapping and decides, row by row, what to send (in one go): the reference
 * the tests compare readPriceCheckLedgerInSlices with; the price check itself reads in slices.
 */
export function readPriceCheckLedger(grid: SheetGrid, mapping: SalesLedgerMapping): PriceCheckLedger {
  const p = ledgerReader(grid, mapping);
  for (const [from, to] of p.bounds(Number.POSITIVE_INFINITY)) p.readSlice(from, to);
  return p.result();
}

/**
 * The same ledger, read in slices of rows with `pause` awaited between them: a 100,000-row ledger is
 * about a second of work on a slow machine, which must not freeze the pane. Throws the signal's
 * reason when cancelled between slices.
 */
export async function readPriceCheckLedgerInSlices(
  grid: SheetGrid,
  mapping: SalesLedgerMapping,
  options: LedgerReadOptions = {},
): Promise<PriceCheckLedger> {
  const p = ledgerReader(grid, mapping);
  const bounds = p.bounds(options.rowsPerSlice ?? LEDGER_SLICE_ROWS);
  const first = bounds[0]?.[0] ?? 0;
  const total = (bounds[bounds.length - 1]?.[1] ?? first) - first;
  for (let i = 0; i < bounds.length; i++) {
    const [from, to] = bounds[i] as [number, number];
    if (i > 0) await options.pause?.();
    if (options.signal?.aborted) throw new LedgerReadCancelled();
    p.readSlice(from, to);
    options.onProgress?.(to - first, total);
  }
  return p.result();
}
