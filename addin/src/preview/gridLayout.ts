// Where things go in the preview grid (pure): which sheet rows are shown (hidden rows left out),
// how wide each column is, which rows the scroll position brings into view, how merged areas span
// the rows drawn, and where a table's header and bands are. Rows all have one height, so the rows
// in view follow from the scroll position alone: a 4,000-row ledger draws only a screenful.
import { intersects, lastCol, lastRow, type Rect } from '../workbook/a1';
import { cellKey, type ModelTable, type SheetModel } from '../workbook/memoryModel';

export const ROW_HEIGHT = 22;
export const HEADER_HEIGHT = 22;
export const ROW_HEADER_WIDTH = 52;
/** Empty rows and columns drawn past the data, as Excel shows a little of the empty sheet. */
const EXTRA_ROWS = 20;
const EXTRA_COLS = 2;
const MIN_ROWS = 40;
const MIN_COLS = 10;
/** Excel's default column width in characters (8.43) is 64 px. */
const DEFAULT_COLUMN_PX = 64;

export interface SheetLayout {
  /** Sheet rows drawn, top to bottom (hidden rows left out). */
  rows: number[];
  /** How many of `rows` are frozen at the top (rows above the sheet's frozen pane). */
  frozenCount: number;
  colCount: number;
  colWidths: number[];
  /** Left edge of each column, past the row-number column. */
  colLefts: number[];
  totalWidth: number;
}

/** Excel column width (characters of the default font) → pixels, as Excel draws it at 100 %. */
export function columnPixels(width: number | undefined): number {
  if (width === undefined || !(width > 0)) return DEFAULT_COLUMN_PX;
  return Math.min(600, Math.max(24, Math.round(width * 7 + 5)));
}

function extentOf(sheet: SheetModel): { rows: number; cols: number } {
  const rects: Rect[] = [...sheet.merges, ...sheet.tables.map((t) => t.range)];
  const used = sheet.usedRect();
  if (used) rects.push(used);
  let rows = sheet.frozenRows;
  let cols = 0;
  for (const r of rects) {
    rows = Math.max(rows, lastRow(r) + 1);
    cols = Math.max(cols, lastCol(r) + 1);
  }
  return { rows: Math.max(MIN_ROWS, rows + EXTRA_ROWS), cols: Math.max(MIN_COLS, cols + EXTRA_COLS) };
}

export function sheetLayout(sheet: SheetModel): SheetLayout {
  const extent = extentOf(sheet);
  const rows: number[] = [];
  let frozenCount = 0;
  for (let r = 0; r < extent.rows; r++) {
    if (sheet.hiddenRows.has(r)) continue;
    rows.push(r);
    if (r < sheet.frozenRows) frozenCount++;
  }
  const colWidths: number[] = [];
  const colLefts: number[] = [];
  let x = 0;
  for (let c = 0; c < extent.cols; c++) {
    const w = columnPixels(sheet.columnWidths.get(c));
    colLefts.push(x);
    colWidths.push(w);
    x += w;
  }
  return { rows, frozenCount, colCount: extent.cols, colWidths, colLefts, totalWidth: ROW_HEADER_WIDTH + x };
}

/** Index of the first entry of the sorted `rows` that is ≥ `row` (rows.length when none). */
export function indexAtOrAfter(rows: readonly number[], row: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((rows[mid] ?? Infinity) < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The scrolling rows drawn (indices into `layout.rows`, inclusive); empty when first > last. */
export interface RowWindow {
  first: number;
  last: number;
}

/**
 * Rows in view below the column letters and the frozen rows, plus `overscan` either side so a
 * little scrolling shows rows already drawn.
 */
export function rowWindow(args: {
  scrollTop: number;
  viewportHeight: number;
  rowCount: number;
  frozenCount: number;
  overscan?: number;
}): RowWindow {
  const overscan = args.overscan ?? 10;
  const top = Math.max(0, args.scrollTop);
  const firstInView = Math.floor(top / ROW_HEIGHT) + args.frozenCount;
  const lastInView = Math.ceil((top + Math.max(0, args.viewportHeight) - HEADER_HEIGHT) / ROW_HEIGHT) - 1;
  const first = Math.max(args.frozenCount, firstInView - overscan);
  const last = Math.min(args.rowCount - 1, Math.max(lastInView, firstInView) + overscan);
  return { first: Math.min(first, Math.max(args.frozenCount, last)), last };
}

/** How a drawn cell relates to merged areas: the top-left cell spans, the others are not drawn. */
export type MergePlacement = { rowSpan: number; colSpan: number; row: number; col: number } | 'covered';

/**
 * Merged areas over the drawn rows `rows[from..to]`: the first drawn cell of each area spans the
 * drawn rows and columns it covers (hidden rows shrink it), the rest are covered. Areas that start
 * above `from` are drawn from `from` on, so a window never cuts a merged title in half.
 */
export function mergePlacements(
  merges: readonly Rect[],
  rows: readonly number[],
  from: number,
  to: number,
  colCount: number,
): Map<number, MergePlacement> {
  const out = new Map<number, MergePlacement>();
  if (from > to) return out;
  const band: Rect = {
    row: rows[from] ?? 0,
    col: 0,
    rowCount: (rows[to] ?? 0) - (rows[from] ?? 0) + 1,
    colCount,
  };
  for (const m of merges) {
    if (!intersects(m, band)) continue;
    const start = Math.max(from, indexAtOrAfter(rows, m.row));
    let end = start;
    while (end <= to && (rows[end] ?? Infinity) <= lastRow(m)) end++;
    const rowSpan = end - start;
    const colSpan = Math.min(m.colCount, colCount - m.col);
    if (rowSpan <= 0 || colSpan <= 0) continue;
    for (let i = start; i < end; i++) {
      const r = rows[i] ?? 0;
      for (let c = m.col; c < m.col + colSpan; c++) out.set(cellKey(r, c), 'covered');
    }
    out.set(cellKey(rows[start] ?? 0, m.col), { rowSpan, colSpan, row: m.row, col: m.col });
  }
  return out;
}

/** A cell's part in an Excel table: its header row, or a body row (banded every other row). */
export type TablePart = 'header' | 'band' | 'body';

export function tablePart(tables: readonly ModelTable[], row: number, col: number): TablePart | null {
  for (const t of tables) {
    const r = t.range;
    if (row < r.row || row > lastRow(r) || col < r.col || col > lastCol(r)) continue;
    if (row === r.row) return 'header';
    return (row - r.row) % 2 === 1 ? 'band' : 'body';
  }
  return null;
}

/** Scroll offsets that bring a cell into view below the frozen rows; unchanged when it is. */
export function revealCell(
  layout: SheetLayout,
  cell: { row: number; col: number },
  view: { top: number; left: number; height: number; width: number },
): { top: number; left: number } {
  let { top, left } = view;
  const index = Math.min(indexAtOrAfter(layout.rows, cell.row), layout.rows.length - 1);
  if (index >= layout.frozenCount) {
    const y = index * ROW_HEIGHT;
    const visibleTop = top + layout.frozenCount * ROW_HEIGHT;
    const visibleBottom = top + view.height - HEADER_HEIGHT;
    if (y < visibleTop) top = y - layout.frozenCount * ROW_HEIGHT;
    else if (y + ROW_HEIGHT > visibleBottom) top = y + ROW_HEIGHT - view.height + HEADER_HEIGHT;
  }
  const x = layout.colLefts[cell.col];
  const w = layout.colWidths[cell.col] ?? 0;
  if (x !== undefined) {
    const visibleWidth = view.width - ROW_HEADER_WIDTH;
    if (x < left) left = x;
    else if (x + w > left + visibleWidth) left = Math.min(x, x + w - visibleWidth);
  }
  return { top: Math.max(0, top), left: Math.max(0, left) };
}
