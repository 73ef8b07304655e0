// A worksheet as plain data: what the workbook adapter hands to the pure sheet-reading code.
// Row and column numbers in `hiddenRows` and `merges` are SHEET coordinates (0-based), not
// offsets into `values`, so a sub-grid (a block of the price-policy sheet) can share them as is.
import type { Bilingual } from '../i18n/locale';

export type { Bilingual };

/** A cell value as Office.js `Range.values` gives it: '' for empty, errors as text like '#N/A'. */
export type CellValue = string | number | boolean | null | undefined;

/** A merged area in sheet coordinates (0-based): its value sits in the top-left cell only. */
export interface MergedArea {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

export interface SheetGrid {
  /** The worksheet's name, as shown on its tab. */
  name: string;
  /** Cell values, row by row; rows may be ragged. */
  values: unknown[][];
  /** `Range.numberFormat`, same shape as `values` where known. */
  numberFormats?: string[][];
  /** Hidden rows, sheet row index (0-based). */
  hiddenRows?: ReadonlySet<number>;
  merges?: readonly MergedArea[];
  /** Where values[0][0] sits on the sheet (0-based); 0 when the read starts at A1. */
  startRow?: number;
  startCol?: number;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** 0 → A, 25 → Z, 26 → AA (sheet column index, 0-based). */
export function columnLetter(col0: number): string {
  let n = Math.floor(col0);
  if (n < 0) throw new RangeError(`column index ${col0} is negative`);
  let out = '';
  do {
    out = LETTERS.charAt(n % 26) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

/** A → 0, AA → 26; null when the text is not a column letter. */
export function columnIndex(letter: string): number | null {
  const s = letter.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(s)) return null;
  let n = 0;
  for (const ch of s) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Sheet coordinates (0-based) → `A1`. */
export function cellAddress(row0: number, col0: number): string {
  return `${columnLetter(col0)}${row0 + 1}`;
}

/** Grid row index → sheet row index (0-based). */
export function sheetRowOf(grid: SheetGrid, gridRow: number): number {
  return (grid.startRow ?? 0) + gridRow;
}

/** Grid column index → sheet column index (0-based). */
export function sheetColOf(grid: SheetGrid, gridCol: number): number {
  return (grid.startCol ?? 0) + gridCol;
}

/** Number of columns in the widest row. */
export function gridWidth(grid: SheetGrid): number {
  let w = 0;
  for (const row of grid.values) if (row.length > w) w = row.length;
  return w;
}

/** True for '', null, undefined and whitespace-only text (incl. U+3000 and NBSP). */
export function isEmptyCell(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  return typeof v === 'string' && v.trim() === '';
}

/**
 * Values of merged areas copied to every cell they cover, keyed by grid row then grid column.
 * Only cells that hold '' are filled (Office.js gives '' for all but the top-left cell).
 */
export function mergedFill(grid: SheetGrid): Map<number, Map<number, unknown>> {
  const fill = new Map<number, Map<number, unknown>>();
  const r0 = grid.startRow ?? 0;
  const c0 = grid.startCol ?? 0;
  const rows = grid.values.length;
  for (const m of grid.merges ?? []) {
    const topR = m.row - r0;
    const leftC = m.col - c0;
    const top = grid.values[topR]?.[leftC];
    if (top === undefined || isEmptyCell(top)) continue;
    for (let r = Math.max(topR, 0); r < Math.min(topR + m.rowCount, rows); r++) {
      const row = grid.values[r];
      for (let c = Math.max(leftC, 0); c < leftC + m.colCount; c++) {
        if (r === topR && c === leftC) continue;
        if (!isEmptyCell(row?.[c])) continue;
        let byCol = fill.get(r);
        if (!byCol) fill.set(r, (byCol = new Map()));
        byCol.set(c, top);
      }
    }
  }
  return fill;
}
