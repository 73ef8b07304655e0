// A1-style addresses as Excel writes them, and rectangles of cells in sheet coordinates (0-based).
import { cellAddress, columnIndex, columnLetter } from '../sheets/grid';

export { cellAddress, columnLetter };

/** A block of cells, 0-based sheet coordinates. */
export interface Rect {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

/** Excel's sheet limits. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export function lastRow(r: Rect): number {
  return r.row + r.rowCount - 1;
}

export function lastCol(r: Rect): number {
  return r.col + r.colCount - 1;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.row <= lastRow(b) && b.row <= lastRow(a) && a.col <= lastCol(b) && b.col <= lastCol(a);
}

export function containsCell(r: Rect, row: number, col: number): boolean {
  return row >= r.row && row <= lastRow(r) && col >= r.col && col <= lastCol(r);
}

/** `'My Sheet'!` or `Sheet1!`: quotes when Excel would, doubling quotes inside. */
export function sheetPrefix(sheet: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) &&
    !/^[A-Za-z]{1,3}\d+$/.test(sheet) &&
    !/^[Rr]\d*[Cc]\d*$/.test(sheet);
  return plain ? `${sheet}!` : `'${sheet.replace(/'/g, "''")}'!`;
}

/** `A1` or `A1:C5` (relative). */
export function rectAddress(r: Rect): string {
  const tl = cellAddress(r.row, r.col);
  return r.rowCount === 1 && r.colCount === 1 ? tl : `${tl}:${cellAddress(lastRow(r), lastCol(r))}`;
}

/** `$A$1:$C$5` (absolute). */
export function absoluteAddress(r: Rect): string {
  const abs = (row: number, col: number) => `$${columnLetter(col)}$${row + 1}`;
  const tl = abs(r.row, r.col);
  return r.rowCount === 1 && r.colCount === 1 ? tl : `${tl}:${abs(lastRow(r), lastCol(r))}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** `B7` or `$B$7` → 0-based row/col; null when it is not a single cell reference. */
export function parseCell(text: string): { row: number; col: number } | null {
  const m = CELL.exec(text.trim());
  if (!m || !m[1] || !m[2]) return null;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col === null || col >= MAX_COLUMNS || row < 0 || row >= MAX_ROWS) return null;
  return { row, col };
}

/** Strips a leading `Sheet!` / `'My Sheet'!` and returns both parts. */
export function splitSheet(text: string): { sheet: string | null; ref: string } {
  const t = text.trim().replace(/^=/, '');
  if (t.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < t.length) {
      const ch = t[i];
      if (ch === "'" && t[i + 1] === "'") {
        name += "'";
        i += 2;
      } else if (ch === "'") break;
      else {
        name += ch;
        i += 1;
      }
    }
    return t[i + 1] === '!' ? { sheet: name, ref: t.slice(i + 2) } : { sheet: null, ref: t };
  }
  const bang = t.lastIndexOf('!');
  return bang >= 0 ? { sheet: t.slice(0, bang), ref: t.slice(bang + 1) } : { sheet: null, ref: t };
}

/**
 * One area: `A1`, `A1:C5`, `$A$1:$C$5`, whole columns `Q:S` or whole rows `3:5`, optionally with a
 * sheet prefix. Null for anything else (`#REF!`, names, unions).
 */
export function parseArea(text: string): Rect | null {
  const { ref } = splitSheet(text);
  const [a, b, extra] = ref.split(':');
  if (a === undefined || extra !== undefined) return null;
  const cols = /^\$?([A-Za-z]{1,3})$/;
  const rows = /^\$?(\d{1,7})$/;
  if (b !== undefined) {
    const ca = cols.exec(a);
    const cb = cols.exec(b);
    if (ca?.[1] && cb?.[1]) {
      const c1 = columnIndex(ca[1]);
      const c2 = columnIndex(cb[1]);
      if (c1 === null || c2 === null) return null;
      return { row: 0, col: Math.min(c1, c2), rowCount: MAX_ROWS, colCount: Math.abs(c2 - c1) + 1 };
    }
    const ra = rows.exec(a);
    const rb = rows.exec(b);
    if (ra?.[1] && rb?.[1]) {
      const r1 = Number(ra[1]) - 1;
      const r2 = Number(rb[1]) - 1;
      return { row: Math.min(r1, r2), col: 0, rowCount: Math.abs(r2 - r1) + 1, colCount: MAX_COLUMNS };
    }
  }
  const p = parseCell(a);
  if (!p) return null;
  if (b === undefined) return { row: p.row, col: p.col, rowCount: 1, colCount: 1 };
  const q = parseCell(b);
  if (!q) return null;
  return {
    row: Math.min(p.row, q.row),
    col: Math.min(p.col, q.col),
    rowCount: Math.abs(q.row - p.row) + 1,
    colCount: Math.abs(q.col - p.col) + 1,
  };
}

/**
 * The areas of a `RangeAreas.address` such as `Sheet1!A1:B2,Sheet1!D4` or `'销售 台账'!A1:A3, C1`:
 * commas outside quotes separate areas. Unreadable areas are skipped.
 */
export function parseAreas(text: string): Rect[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const out: Rect[] = [];
  for (const p of parts) {
    if (!p.trim()) continue;
    const r = parseArea(p);
    if (r) out.push(r);
  }
  return out;
}
