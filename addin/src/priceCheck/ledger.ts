// Finding and reading the 销售台账 for a price check (pure). SalesDesk's own result columns from an
// earlier run sit to the right of the data: they are blanked before the header is detected, so a
// `【SalesDesk】说明` column is never taken for the ledger's 备注 nor its values read as data.
import {
  applyMapping,
  detectHeader,
  readLedger,
  sheetRowOf,
  yearFromTitle,
  type FieldOf,
  type HeaderMapping,
  type LedgerRead,
  type MappingOverrides,
  type SheetGrid,
} from '../sheets';
import { isOwnedHeader } from '../workbook/ownership';

export type SalesLedgerField = FieldOf<'salesLedger'>;
export type SalesLedgerMapping = HeaderMapping<'salesLedger'>;

/** The 销售台账 fields the price check reads (the rest — 业务员, 金额, 交货期… — it leaves alone). */
export const PRICE_CHECK_FIELDS = [
  'orderDate',
  'contractNo',
  'customer',
  'customerClass',
  'isNewCustomer',
  'region',
  'model',
  'qty',
  'unitPrice',
  'currency',
  'approvalRef',
  'remarks',
] as const satisfies readonly SalesLedgerField[];

export type PriceCheckField = (typeof PRICE_CHECK_FIELDS)[number];

/** Without these columns no line can be judged: the pane asks for them before it runs. */
export const PRICE_CHECK_NEEDS = ['model', 'qty', 'unitPrice'] as const satisfies readonly PriceCheckField[];

/** How many rows from the top may hold SalesDesk's header marks (same reach as header detection). */
const OWNED_HEADER_SEARCH_ROWS = 30;

/** Grid column indexes whose header (in the top rows) carries SalesDesk's mark. */
export function ownedColumns(grid: SheetGrid, searchRows = OWNED_HEADER_SEARCH_ROWS): Set<number> {
  const cols = new Set<number>();
  const limit = Math.min(searchRows, grid.values.length);
  for (let r = 0; r < limit; r++) {
    const row = grid.values[r] ?? [];
    for (let c = 0; c < row.length; c++) if (isOwnedHeader(row[c])) cols.add(c);
  }
  return cols;
}

/** The grid with SalesDesk's own columns emptied (a copy; the input is not changed). */
export function withoutOwnedColumns(grid: SheetGrid): SheetGrid {
  const cols = ownedColumns(grid);
  if (!cols.size) return grid;
  return { ...grid, values: blankColumns(grid.values, cols) };
}

function blankColumns(rows: unknown[][], cols: ReadonlySet<number>): unknown[][] {
  if (!cols.size) return rows;
  return rows.map((row) => {
    let copy: unknown[] | undefined;
    for (const c of cols) {
      if (c < row.length && row[c] !== '') {
        copy ??= [...row];
        copy[c] = '';
      }
    }
    return copy ?? row;
  });
}

/** The header row and column mapping of a sales ledger, ignoring SalesDesk's columns. */
export function detectSalesLedger(grid: SheetGrid): SalesLedgerMapping {
  return detectHeader(withoutOwnedColumns(grid), 'salesLedger');
}

/** The detected mapping with the user's corrections applied. */
export function salesLedgerMapping(
  grid: SheetGrid,
  overrides: MappingOverrides<'salesLedger'> = {},
): SalesLedgerMapping {
  return applyMapping(detectSalesLedger(grid), overrides);
}

/** Needed fields (model, qty, unit price) with no column. */
export function missingNeeds(mapping: SalesLedgerMapping): PriceCheckField[] {
  return PRICE_CHECK_NEEDS.filter((f) => !mapping.columns[f]);
}

/** Reads rows [from, to) of the grid (grid indexes) as readSalesLedger reads them from the whole grid. */
export type SalesLedgerSliceReader = (from: number, to: number) => LedgerRead<'salesLedger'>;

/**
 * A reader of the ledger in slices of rows, so a long sheet can be read with pauses between slices
 * (the task pane stays responsive). Each slice is read as a grid of its own in the same sheet
 * coordinates, with what needs the whole sheet (SalesDesk's columns, the title's year) taken from
 * the whole grid. Slices must not cut through a merged area (see sliceBounds).
 */
export function salesLedgerSliceReader(grid: SheetGrid, mapping: SalesLedgerMapping): SalesLedgerSliceReader {
  const owned = ownedColumns(grid);
  const defaultYear = yearFromTitle(grid);
  const sliceMapping: SalesLedgerMapping = { ...priceCheckMapping(mapping), firstDataRow: 0 };
  return (from, to) => {
    const slice: SheetGrid = {
      ...grid,
      values: blankColumns(grid.values.slice(from, to), owned),
      ...(grid.numberFormats ? { numberFormats: grid.numberFormats.slice(from, to) } : {}),
      startRow: sheetRowOf(grid, from),
    };
    return readLedger(slice, 'salesLedger', sliceMapping, { includeHidden: true, defaultYear });
  };
}

/**
 * [from, to) grid row ranges covering [start, end), about `size` rows each; a cut never falls inside a
 * merged area (a merged cell's value is read into all its rows, so they must be read together).
 */
export function sliceBounds(
  grid: SheetGrid,
  start: number,
  end: number,
  size: number,
): Array<[number, number]> {
  const r0 = grid.startRow ?? 0;
  const spans = (grid.merges ?? [])
    .filter((m) => m.rowCount > 1)
    .map((m) => [m.row - r0, m.row - r0 + m.rowCount]);
  const out: Array<[number, number]> = [];
  for (let from = start; from < end;) {
    let to = Math.min(end, from + Math.max(1, size));
    for (let moved = true; moved;) {
      moved = false;
      for (const [top, bottom] of spans) {
        if (top !== undefined && bottom !== undefined && top < to && to < bottom) {
          to = Math.min(end, bottom);
          moved = true;
        }
      }
    }
    out.push([from, to]);
    from = to;
  }
  return out;
}

/** The mapping with only the columns of the fields the price check reads (PRICE_CHECK_FIELDS). */
function priceCheckMapping(mapping: SalesLedgerMapping): SalesLedgerMapping {
  const columns: SalesLedgerMapping['columns'] = {};
  for (const f of PRICE_CHECK_FIELDS) {
    const c = mapping.columns[f];
    if (c) columns[f] = c;
  }
  return { ...mapping, columns };
}

/**
 * Reads the ledger's rows for a price check: only the fields it needs, hidden rows included (a
 * hidden line is still a sale that was made). Blank, subtotal and total rows are skipped.
 * The whole grid at once: a reference for tests; the price check reads through salesLedgerSliceReader.
 */
export function readSalesLedger(grid: SheetGrid, mapping: SalesLedgerMapping): LedgerRead<'salesLedger'> {
  return readLedger(withoutOwnedColumns(grid), 'salesLedger', priceCheckMapping(mapping), {
    includeHidden: true,
  });
}
