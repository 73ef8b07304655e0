// The steps of a write, worked out once for both workbooks (Excel and the preview): what goes where —
// rectangles of values, the conditional fills, the tables and charts (pure).
import type { Rect } from './a1';
import type { ResultCell, ResultColumnsRequest, ResultSheetSpec } from './adapter';
import { jsonBytes } from './payload';
import { conditionFormula, layoutResultSheet, resultTableName, type ResultSheetLayout } from './ownership';

/** Rejects requests that are programming errors (not something a user can fix). */
export function checkColumnsRequest(req: ResultColumnsRequest): { rowCount: number; lastRow: number } {
  if (!req.columns.length) throw new Error('writeResultColumns: no columns');
  if (!Number.isInteger(req.headerRow) || req.headerRow < 0)
    throw new Error('writeResultColumns: bad headerRow');
  if (!Number.isInteger(req.firstDataRow) || req.firstDataRow <= req.headerRow)
    throw new Error('writeResultColumns: firstDataRow must be below headerRow');
  const keys = new Set<string>();
  for (const c of req.columns) {
    if (keys.has(c.key)) throw new Error(`writeResultColumns: duplicate column key ${c.key}`);
    keys.add(c.key);
  }
  for (const h of req.highlights ?? [])
    if (!keys.has(h.columnKey))
      throw new Error(`writeResultColumns: highlight on unknown column ${h.columnKey}`);
  const rowCount = Math.max(...req.columns.map((c) => c.values.length));
  return { rowCount, lastRow: Math.max(req.headerRow, req.firstDataRow + rowCount - 1) };
}

/**
 * JSON bytes of data row `i` of the result columns, as jsonBytes would count the row's array of values,
 * without making the array (this runs for every row of a 100,000-row write).
 */
export function resultRowBytes(req: ResultColumnsRequest, i: number): number {
  let n = 1 + req.columns.length;
  for (const c of req.columns) n += jsonBytes(c.values[i] ?? null);
  return n;
}

/** A conditional fill to add: the range it colours, its formula (without `=`) and colour. */
export interface FillStep {
  range: Rect;
  formula: string;
  fill: string;
}

/** Row highlights of a result-columns write, over the data rows from the data's left edge. */
export function columnHighlights(
  req: ResultColumnsRequest,
  placement: { start: number; dataLeft: number; rowCount: number },
): FillStep[] {
  if (!placement.rowCount) return [];
  const left = Math.min(placement.dataLeft, placement.start);
  const range: Rect = {
    row: req.firstDataRow,
    col: left,
    rowCount: placement.rowCount,
    colCount: placement.start + req.columns.length - left,
  };
  return (req.highlights ?? []).map((h) => {
    const col = placement.start + req.columns.findIndex((c) => c.key === h.columnKey);
    return {
      range,
      formula: conditionFormula(req.firstDataRow, { col, op: 'eq', values: h.equals }),
      fill: h.color,
    };
  });
}

/** A rectangle of cells to write on a result sheet. */
export interface SheetBlock {
  row: number;
  col: number;
  rows: readonly (readonly ResultCell[])[];
  /** Number format per column of the block (undefined: leave General). */
  formats?: readonly (string | undefined)[];
  bold?: boolean;
}

function checkSheetSpec(spec: ResultSheetSpec): void {
  if (!spec.tables.length) throw new Error('writeResultSheet: no tables');
  spec.tables.forEach((t, i) => {
    if (!t.columns.length) throw new Error(`writeResultSheet: table ${i} has no columns`);
    for (const h of t.highlights ?? [])
      if (h.column < 0 || h.column >= t.columns.length)
        throw new Error(`writeResultSheet: bad highlight column`);
  });
  for (const c of spec.charts ?? []) {
    const t = spec.tables[c.table];
    if (
      !t ||
      c.seriesCount < 1 ||
      c.categoryColumn < 0 ||
      c.categoryColumn + c.seriesCount >= t.columns.length
    )
      throw new Error('writeResultSheet: chart columns outside its table');
  }
}

export interface ResultSheetSteps {
  layout: ResultSheetLayout;
  blocks: SheetBlock[];
  tables: { name: string; range: Rect; colCount: number }[];
  fills: FillStep[];
  charts: { type: 'line' | 'column'; title: string; source: Rect; anchor: Rect }[];
  /** Rows of table bodies (what progress counts). */
  bodyRows: number;
  /** Rows whose cells decide the column widths: [first, end), at most AUTOFIT_ROWS from the top. */
  fitRows: { first: number; end: number };
}

/** Rows looked at when fitting column widths on a result sheet (both workbooks). */
const AUTOFIT_ROWS = 200;

export function resultSheetSteps(sheetName: string, spec: ResultSheetSpec): ResultSheetSteps {
  checkSheetSpec(spec);
  const layout = layoutResultSheet(spec);
  const blocks: SheetBlock[] = [];
  if (layout.titleRow !== null && spec.title)
    blocks.push({ row: layout.titleRow, col: 0, rows: [[spec.title]], bold: true });
  const tables: ResultSheetSteps['tables'] = [];
  const fills: FillStep[] = [];
  let bodyRows = 0;
  spec.tables.forEach((t, i) => {
    const l = layout.tables[i];
    if (!l) return;
    const width = t.columns.length;
    const pad = (r: readonly ResultCell[]) => Array.from({ length: width }, (_, j) => r[j] ?? null);
    if (l.captionRow !== null && t.caption)
      blocks.push({ row: l.captionRow, col: 0, rows: [[t.caption]], bold: true });
    blocks.push({
      row: l.headerRow,
      col: 0,
      rows: [uniqueHeaders(t.columns.map((c) => c.header))],
      bold: true,
    });
    const formats = t.columns.map((c) => c.numberFormat);
    if (t.rows.length) blocks.push({ row: l.firstDataRow, col: 0, rows: t.rows.map(pad), formats });
    bodyRows += t.rows.length;
    if (l.totalsRow !== null && t.totals)
      blocks.push({ row: l.totalsRow, col: 0, rows: [pad(t.totals)], formats, bold: true });
    tables.push({
      name: resultTableName(sheetName, i),
      range: { row: l.headerRow, col: 0, rowCount: l.bodyRows + 1, colCount: width },
      colCount: width,
    });
    for (const h of t.highlights ?? []) {
      const range: Rect = h.wholeRow
        ? { row: l.firstDataRow, col: 0, rowCount: l.bodyRows, colCount: width }
        : { row: l.firstDataRow, col: h.column, rowCount: l.bodyRows, colCount: 1 };
      fills.push({
        range,
        formula: conditionFormula(l.firstDataRow, { col: h.column, op: h.op, values: h.values }),
        fill: h.color,
      });
    }
  });
  const charts = (spec.charts ?? []).map((c, i) => {
    const l = layout.tables[c.table];
    const anchor = layout.charts[i];
    if (!l || !anchor) throw new Error('writeResultSheet: chart layout');
    return {
      type: c.type,
      title: c.title,
      source: {
        row: l.headerRow,
        col: c.categoryColumn,
        rowCount: l.bodyRows + 1,
        colCount: c.seriesCount + 1,
      },
      anchor,
    };
  });
  const first = layout.tables[0];
  const lastUsedRow = Math.max(0, ...blocks.map((b) => b.row + b.rows.length));
  const fitRows =
    spec.fitColumnsToFirstTable && first
      ? {
          first: first.headerRow,
          end: Math.min(
            first.headerRow + AUTOFIT_ROWS,
            (first.totalsRow ?? first.headerRow + first.bodyRows) + 1,
          ),
        }
      : { first: 0, end: Math.max(1, Math.min(lastUsedRow, AUTOFIT_ROWS)) };
  return { layout, blocks, tables, fills, charts, bodyRows, fitRows };
}

/** Table column names must be unique and non-empty, as Excel would make them. */
export function uniqueHeaders(values: readonly unknown[]): string[] {
  const seen = new Set<string>();
  return values.map((v, i) => {
    const base = v === undefined || v === null || v === '' ? `Column${i + 1}` : String(v);
    let name = base;
    for (let n = 2; seen.has(name.toLocaleLowerCase()); n++) name = `${base}${n}`;
    seen.add(name.toLocaleLowerCase());
    return name;
  });
}
