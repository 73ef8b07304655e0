// A workbook held in memory: the browser preview's document (and the test fake's Excel document).
// Values are kept in plain row arrays (a 100,000-row ledger costs no object per cell); formats,
// links and formulas in sparse maps keyed by cell.
import { columnLetter, containsCell, intersects, lastCol, lastRow, MAX_COLUMNS, type Rect } from './a1';

export type ModelValue = string | number | boolean;

export interface ModelLink {
  sheet: string;
  address: string;
}

export interface ModelConditionalFormat {
  range: Rect;
  /** Custom rule formula, without `=`, relative to the range's top-left cell. */
  formula: string;
  fill?: string;
  fontColor?: string;
}

export interface ModelTable {
  name: string;
  /** Header row plus body rows. */
  range: Rect;
  style: string;
}

export interface ModelChart {
  name: string;
  type: 'line' | 'column';
  title: string;
  /** Category column first, then one column per series; first row holds the series names. */
  source: Rect;
  anchor: Rect;
}

/** How a sheet prints (the adapter's PageLayout, as stored). */
export interface ModelPageLayout {
  paper: 'A4';
  orientation: 'portrait' | 'landscape';
  printArea: Rect;
  fitToWidth: boolean;
  printTitleRows: { first: number; count: number } | null;
  pageBreaksBefore: number[];
  centerHorizontally: boolean;
}

export type Visibility = 'visible' | 'hidden' | 'veryHidden';
export type ClearWhat = 'all' | 'contents' | 'formats';

export const cellKey = (row: number, col: number) => row * MAX_COLUMNS + col;
export const keyRow = (key: number) => Math.floor(key / MAX_COLUMNS);
export const keyCol = (key: number) => key % MAX_COLUMNS;

export class SheetModel {
  visibility: Visibility = 'visible';
  private rows: (ModelValue | undefined)[][] = [];
  readonly formulas = new Map<number, string>();
  readonly links = new Map<number, ModelLink>();
  readonly numberFormats = new Map<number, string>();
  readonly fills = new Map<number, string>();
  readonly bold = new Set<number>();
  /** Cell styles read from an .xlsx that the model does not interpret (fonts, borders, alignment). */
  readonly passThroughStyles = new Map<number, unknown>();
  readonly hiddenRows = new Set<number>();
  readonly columnWidths = new Map<number, number>();
  merges: Rect[] = [];
  frozenRows = 0;
  frozenCols = 0;
  tables: ModelTable[] = [];
  conditionalFormats: ModelConditionalFormat[] = [];
  charts: ModelChart[] = [];
  /** Sheet-scoped defined names. */
  readonly names = new Map<string, Rect>();
  /** Print setup; kept by `reset()`, as clearing cells in Excel keeps it. */
  pageLayout: ModelPageLayout | null = null;

  constructor(public name: string) {}

  value(row: number, col: number): ModelValue | undefined {
    return this.rows[row]?.[col];
  }

  /** The stored values of one row (read-only; may be shorter than the used range, or undefined). */
  rowValues(row: number): readonly (ModelValue | undefined)[] | undefined {
    return this.rows[row];
  }

  /** Sets a value; '' / null / undefined empty the cell (as in Excel). */
  setValue(row: number, col: number, value: ModelValue | null | undefined): void {
    const empty = value === '' || value === null || value === undefined;
    let r = this.rows[row];
    if (!r) {
      if (empty) return;
      r = this.rows[row] = [];
    }
    r[col] = empty ? undefined : value;
  }

  /** Replaces a whole row's values from column `col` on (fast path for bulk loads). */
  setRow(row: number, col: number, values: readonly (ModelValue | null | undefined)[]): void {
    values.forEach((v, i) => this.setValue(row, col + i, v));
  }

  /** Number of rows that may hold values (the highest row index with storage + 1). */
  get rowExtent(): number {
    return this.rows.length;
  }

  /** Bounding box of the non-empty cells (Excel's used range, values only); null when empty. */
  usedRect(): Rect | null {
    let top = -1;
    let bottom = -1;
    let left = Number.POSITIVE_INFINITY;
    let right = -1;
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (!row) continue;
      // From each end to the first value: a full ledger row stops at once (the grid view asks after
      // every chunk written, over 100,000 rows).
      let first = 0;
      while (first < row.length && row[first] === undefined) first++;
      if (first === row.length) continue;
      let last = row.length - 1;
      while (row[last] === undefined) last--;
      if (top < 0) top = r;
      bottom = r;
      if (first < left) left = first;
      if (last > right) right = last;
    }
    for (const key of this.formulas.keys()) {
      const r = keyRow(key);
      const c = keyCol(key);
      if (top < 0 || r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    }
    return top < 0 ? null : { row: top, col: left, rowCount: bottom - top + 1, colCount: right - left + 1 };
  }

  /** Used range of the non-empty cells inside `within`; null when all are empty. */
  usedRectWithin(within: Rect): Rect | null {
    let top = -1;
    let bottom = -1;
    let left = Number.POSITIVE_INFINITY;
    let right = -1;
    const end = Math.min(lastRow(within), this.rows.length - 1);
    for (let r = within.row; r <= end; r++) {
      const row = this.rows[r];
      if (!row) continue;
      for (let c = within.col; c <= Math.min(lastCol(within), row.length - 1); c++) {
        if (row[c] === undefined && !this.formulas.has(cellKey(r, c))) continue;
        if (top < 0) top = r;
        bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      }
    }
    return top < 0 ? null : { row: top, col: left, rowCount: bottom - top + 1, colCount: right - left + 1 };
  }

  /** Clears values and/or formats of a block, as `Range.clear(applyTo)` does. */
  clear(rect: Rect, what: ClearWhat = 'all'): void {
    const contents = what !== 'formats';
    const formats = what !== 'contents';
    const end = lastRow(rect);
    if (contents) {
      for (let r = rect.row; r <= Math.min(end, this.rows.length - 1); r++) {
        const row = this.rows[r];
        if (!row) continue;
        for (let c = rect.col; c <= Math.min(lastCol(rect), row.length - 1); c++) row[c] = undefined;
      }
    }
    const maps: (Map<number, unknown> | Set<number>)[] = [];
    if (contents) maps.push(this.formulas, this.links);
    if (formats) maps.push(this.numberFormats, this.fills, this.bold, this.passThroughStyles);
    const small = rect.rowCount * rect.colCount;
    for (const m of maps) {
      if (m.size < small) {
        for (const key of [...m.keys()]) if (containsCell(rect, keyRow(key), keyCol(key))) m.delete(key);
      } else {
        for (let r = rect.row; r <= end; r++)
          for (let c = rect.col; c <= lastCol(rect); c++) m.delete(cellKey(r, c));
      }
    }
  }

  /** Inserts empty columns at `at`, shifting cells, names, tables and formats right (as Excel does). */
  insertColumns(at: number, count: number): void {
    for (const row of this.rows)
      if (row && row.length > at) row.splice(at, 0, ...new Array<undefined>(count));
    const shiftKeyed = <T>(m: Map<number, T>) => {
      const moved = [...m.entries()].map(([k, v]) => [keyCol(k) >= at ? k + count : k, v] as const);
      m.clear();
      for (const [k, v] of moved) m.set(k, v);
    };
    shiftKeyed(this.formulas);
    shiftKeyed(this.links);
    shiftKeyed(this.numberFormats);
    shiftKeyed(this.fills);
    shiftKeyed(this.passThroughStyles);
    const bold = [...this.bold].map((k) => (keyCol(k) >= at ? k + count : k));
    this.bold.clear();
    for (const k of bold) this.bold.add(k);
    const shift = (r: Rect): Rect =>
      r.col >= at
        ? { ...r, col: r.col + count }
        : lastCol(r) >= at
          ? { ...r, colCount: r.colCount + count }
          : r;
    for (const [n, r] of this.names) this.names.set(n, shift(r));
    this.merges = this.merges.map(shift);
    this.tables = this.tables.map((t) => ({ ...t, range: shift(t.range) }));
    this.conditionalFormats = this.conditionalFormats.map((cf) => ({
      ...cf,
      range: shift(cf.range),
      formula: cf.formula.replace(/\$([A-Z]{1,3})(\d+)/g, (m, letters: string, row: string) => {
        let c = 0;
        for (const ch of letters) c = c * 26 + (ch.charCodeAt(0) - 64);
        c -= 1;
        return c >= at ? `$${columnLetter(c + count)}${row}` : m;
      }),
    }));
  }

  /** Removes everything: values, formats, tables, charts, conditional formats, merges, names kept. */
  reset(): void {
    this.rows = [];
    for (const m of [this.formulas, this.links, this.numberFormats, this.fills, this.passThroughStyles])
      m.clear();
    this.bold.clear();
    this.hiddenRows.clear();
    this.columnWidths.clear();
    this.merges = [];
    this.frozenRows = 0;
    this.frozenCols = 0;
    this.tables = [];
    this.conditionalFormats = [];
    this.charts = [];
  }

  mergesWithin(rect: Rect): Rect[] {
    return this.merges.filter((m) => intersects(m, rect));
  }
}

/**
 * The width Excel's autofit would give a column holding these texts, in characters (CJK counts
 * double), padded; used by the in-memory workbook (and the fake Excel) for SalesDesk's columns.
 */
export function autofitWidth(values: Iterable<unknown>, max = 60): number {
  let widest = 0;
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    const text = typeof v === 'number' ? v.toLocaleString('en-US', { minimumFractionDigits: 2 }) : String(v);
    let w = 0;
    for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
    if (w > widest) widest = w;
  }
  return Math.min(max, Math.max(8, widest + 2));
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  activeSheet: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  /** Per-workbook settings, JSON text by key. */
  readonly settings = new Map<string, string>();

  getSheet(name: string): SheetModel | undefined {
    const lower = name.toLocaleLowerCase();
    return this.sheets.find((s) => s.name.toLocaleLowerCase() === lower);
  }

  addSheet(name: string): SheetModel {
    if (this.getSheet(name)) throw new Error(`A sheet named "${name}" already exists`);
    const sheet = new SheetModel(name);
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet.name;
    return sheet;
  }

  renameSheet(from: string, to: string): void {
    const sheet = this.getSheet(from);
    if (!sheet) throw new Error(`No sheet named "${from}"`);
    const taken = this.getSheet(to);
    if (taken && taken !== sheet) throw new Error(`A sheet named "${to}" already exists`);
    if (this.activeSheet === sheet.name) this.activeSheet = to;
    sheet.name = to;
  }

  removeSheet(name: string): void {
    const sheet = this.getSheet(name);
    if (!sheet) return;
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.activeSheet === sheet.name) this.activeSheet = this.sheets[0]?.name ?? null;
  }
}
