// The one door between the task pane and a workbook. Excel (Office.js) and the browser preview's
// in-memory workbook both implement it, so every feature runs and is tested the same way in both.
//
// Coordinates are 0-based sheet rows and columns (row 0 is Excel's row 1), as in `SheetGrid`.
// SalesDesk writes only into what it owns: its result columns to the right of a sheet's data and
// its result sheets. Ownership is recognised again on a re-run (see ownership.ts), so a re-run
// replaces the earlier results instead of adding a second copy.
import type { SheetGrid } from '../sheets/grid';

export type { SheetGrid };

/** A worksheet tab. */
export interface SheetInfo {
  name: string;
  visible: boolean;
}

/** A cell that jumps to another place in the workbook when clicked (`'销售台账'!A12`). */
export interface CellLink {
  text: string;
  sheet: string;
  /** A1 address on that sheet, e.g. `A12`. */
  address: string;
}

/** What SalesDesk writes into a cell: text stays text (never re-read as a number, date or formula). */
export type ResultCell = string | number | boolean | null | CellLink;

export function isCellLink(value: unknown): value is CellLink {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CellLink).text === 'string' &&
    typeof (value as CellLink).sheet === 'string' &&
    typeof (value as CellLink).address === 'string'
  );
}

/** Rows done so far of a long read or write, for a determinate progress bar. */
export interface WorkProgress {
  sheet: string;
  rowsDone: number;
  rowsTotal: number;
}

export interface Cancellable {
  /** Checked between chunks: the work stops at the next chunk boundary (see each method). */
  signal?: AbortSignal;
  onProgress?: (progress: WorkProgress) => void;
}

export interface ReadSheetOptions extends Cancellable {
  /** Read only the first rows of the used range (e.g. to detect the header). */
  maxRows?: number;
  /** Also read `numberFormat` (dates kept as serials are recognised by their format). */
  numberFormats?: boolean;
}

/** Comparison of a cell with fixed values in a conditional format. */
export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/** One column SalesDesk writes to the right of a sheet's data. */
export interface ResultColumn {
  /** Stable id of the column (e.g. `status`), used to key highlights. */
  key: string;
  /** Header text as the user reads it (`价格状态`); SalesDesk prefixes its mark `【SalesDesk】`. */
  header: string;
  /** Value per data row: values[i] goes to row `firstDataRow + i`. */
  values: readonly ResultCell[];
  numberFormat?: string;
  /** A number format per row (values[i]), overriding `numberFormat` where set. */
  numberFormats?: readonly (string | null)[];
}

/**
 * Colour whole data rows (the source columns and SalesDesk's) whose cell in result column
 * `columnKey` equals one of `equals`. Done with conditional formatting keyed on that column: no
 * source cell is changed, and a re-run removes it cleanly.
 */
export interface RowHighlight {
  columnKey: string;
  equals: readonly string[];
  /** `#RRGGBB` */
  color: string;
}

export interface ResultColumnsRequest extends Cancellable {
  /** The sheet's header row (0-based): SalesDesk's headers go into the same row. */
  headerRow: number;
  /** Row of values[0] (0-based). */
  firstDataRow: number;
  columns: readonly ResultColumn[];
  highlights?: readonly RowHighlight[];
}

export interface WrittenColumns {
  sheet: string;
  headerRow: number;
  firstDataRow: number;
  rowCount: number;
  /** Where each column went (0-based column and its letter). */
  columns: { key: string; col: number; letter: string }[];
  /** An earlier run's columns were found and replaced. */
  replacedEarlier: boolean;
  /** The usual place was taken by the user's cells, so the columns went further right. */
  movedRight: boolean;
}

/** A table on a result sheet. */
export interface ResultTableSpec {
  /** A caption row above the table. */
  caption?: string;
  columns: readonly { header: string; numberFormat?: string }[];
  rows: readonly (readonly ResultCell[])[];
  /** A bold row right under the table (values the caller computed exactly, e.g. money in fen). */
  totals?: readonly ResultCell[];
  /** Conditional fills on the table's data rows, keyed on one of its columns. */
  highlights?: readonly {
    column: number;
    op: CompareOp;
    values: readonly (string | number)[];
    color: string;
    /** Colour the whole table row instead of the one cell. */
    wholeRow?: boolean;
  }[];
}

/** A chart of one table: the category column and the `seriesCount` columns right after it. */
export interface ResultChartSpec {
  type: 'line' | 'column';
  title: string;
  table: number;
  categoryColumn: number;
  seriesCount: number;
}

export interface ResultSheetSpec extends Cancellable {
  /** Title in A1. */
  title?: string;
  tables: readonly ResultTableSpec[];
  charts?: readonly ResultChartSpec[];
  /** Freeze the rows down to the first table's header. */
  freezeHeader?: boolean;
  /** Show the sheet when done. */
  activate?: boolean;
  /**
   * Which job writes it (`priceCheck`): the sheet is marked with it, and a later run of the job
   * finds it by the mark whatever it is called, renames it to `name` and replaces it in place.
   */
  kind?: string;
  /** Names an unmarked earlier sheet of the job may have (the other language's title). */
  formerNames?: readonly string[];
  /**
   * Fit column widths to the first table only (header to totals): the title and later captions run
   * over into the empty cells beside them instead of widening column A — for sheets meant for print.
   */
  fitColumnsToFirstTable?: boolean;
}

export interface WrittenTable {
  /** Excel table name. */
  name: string;
  headerRow: number;
  firstDataRow: number;
  rowCount: number;
  columnCount: number;
}

export interface WrittenSheet {
  /** The sheet's name: the one asked for, or `name (2)` when a sheet of the user's has that name. */
  name: string;
  /** An earlier SalesDesk sheet was replaced. */
  replacedEarlier: boolean;
  tables: WrittenTable[];
}

/** `name`, or the first of `name (2)`, `name (3)`… that no sheet has (Excel compares names case-blind). */
export function freeSheetName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  for (let i = 2; ; i++) if (!used.has(`${name} (${i})`.toLowerCase())) return `${name} (${i})`;
}

/**
 * How a sheet prints (Excel's Page Layout): SalesDesk sets it on what people print and sign, e.g. the
 * 客户对账单 on A4. Rows and columns are 0-based, as everywhere in this interface.
 */
export interface PageLayout {
  paper: 'A4';
  orientation: 'portrait' | 'landscape';
  /** The block printed (Excel's print area). */
  printArea: { row: number; col: number; rowCount: number; colCount: number };
  /** All columns on one page wide, as many pages tall as needed. */
  fitToWidth: boolean;
  /** Rows repeated at the top of every printed page (e.g. a table's header), or none. */
  printTitleRows?: { first: number; count: number } | null;
  /** Manual page breaks: a new page starts at each of these rows. Earlier manual breaks are removed. */
  pageBreaksBefore?: readonly number[];
  /** Centre the print area between the left and right margins. */
  centerHorizontally?: boolean;
}

export interface WorkbookAdapter {
  /** `excel` inside Excel, `preview` for the browser preview's in-memory workbook. */
  readonly host: 'excel' | 'preview';
  listSheets(): Promise<SheetInfo[]>;
  activeSheetName(): Promise<string>;
  /**
   * The used range's values (plus hidden rows and merged areas) in chunks of rows, each chunk one
   * request under the payload limit. Cancelling stops between chunks with a `cancelled` error.
   */
  readSheet(name: string, options?: ReadSheetOptions): Promise<SheetGrid>;
  /**
   * Writes SalesDesk's columns to the right of the sheet's data, replacing an earlier run's columns.
   * Never writes into a non-empty cell it does not own: when its place is taken, the columns go to
   * the first empty column right of everything. On cancel or failure the columns written so far are
   * cleared again (an earlier run's columns are gone too: they were stale), then `cancelled` is thrown.
   */
  writeResultColumns(sheet: string, request: ResultColumnsRequest): Promise<WrittenColumns>;
  /** Removes SalesDesk's columns (and their row highlights) from a sheet; false when there were none. */
  removeResultColumns(sheet: string): Promise<boolean>;
  /**
   * Deletes the result sheet a job wrote (found by its kind mark, or an owned sheet under one of
   * `formerNames`); a sheet SalesDesk does not own is never touched. The deleted sheet's name, or null.
   */
  removeResultSheet(kind: string, formerNames?: readonly string[]): Promise<string | null>;
  /**
   * Creates or replaces a SalesDesk result sheet: tables with number formats, a frozen header,
   * conditional fills and charts. A sheet of that name that SalesDesk does not own is left alone:
   * the result goes to `name (2)` (or the next free or SalesDesk-owned suffix). Replacing clears the
   * sheet in place, so formulas elsewhere that point at it keep working. On cancel a new sheet is
   * deleted; a replaced sheet keeps only a note that the result is incomplete.
   */
  writeResultSheet(name: string, spec: ResultSheetSpec): Promise<WrittenSheet>;
  /**
   * Adds a new sheet of the user's (a template to fill in): `name`, or `name (2)`… when taken, so no
   * existing sheet is ever written over. Writes `rows` from A1, the `boldRows` (0-based) in bold,
   * and shows the sheet. Returns the name used.
   */
  addSheet(
    name: string,
    rows: readonly (readonly (string | number)[])[],
    boldRows?: readonly number[],
  ): Promise<string>;
  /**
   * Sets how a sheet SalesDesk wrote prints (paper, orientation, print area, fit to width, title rows,
   * page breaks). Meant for SalesDesk's own result sheets; the cells are not touched.
   */
  setPageLayout(sheet: string, layout: PageLayout): Promise<void>;
  /** Shows the sheet and selects the cell (the message bar's jump to a problem). */
  selectCell(sheet: string, address: string): Promise<void>;
  /** A value remembered in this workbook (e.g. a sheet's column mapping); undefined when unset. */
  getSetting(key: string): Promise<unknown>;
  /** Remembers a JSON-serialisable value in this workbook; undefined removes it. */
  setSetting(key: string, value: unknown): Promise<void>;
}
