// What SalesDesk owns in a workbook, and how it finds it again on a re-run (pure).
//
// Result columns: a sheet-scoped defined name `SalesDesk_Results` covers the block SalesDesk wrote,
// and each of its header cells starts with the mark `【SalesDesk】`. Both survive save and reopen;
// the name follows the block when the user inserts or deletes rows and columns. A column counts
// as SalesDesk's only while its header still carries the mark, so a user who types over a header
// (or pastes their own data there) takes the column back. Without the name (a file that lost its
// names), marked headers in the header row are the fallback.
//
// Result sheets: a sheet-scoped name `SalesDesk_Sheet` marks a sheet SalesDesk created, and
// `SalesDesk_Sheet_<kind>` which job wrote it (`priceCheck`): a re-run finds its sheet by that mark
// whatever language named it, and renames it into the language of the run.
// Row highlights: conditional formats whose formula carries `N("SalesDesk")`, so they can be told
// apart from the user's and removed on a re-run.
import { columnLetter, type Rect } from './a1';
import type { CompareOp } from './adapter';

export const OWNER = 'SalesDesk';
export const RESULTS_NAME = 'SalesDesk_Results';
export const OWNED_SHEET_NAME = 'SalesDesk_Sheet';
export const HEADER_MARK = '【SalesDesk】';
/** Header of a column still being written: a crash mid-write leaves it visibly unfinished. */
export const PENDING_HEADER_MARK = '【SalesDesk·未完成】';
const MARK_PREFIX = '【SalesDesk';

export function ownedHeader(header: string, pending = false): string {
  return `${pending ? PENDING_HEADER_MARK : HEADER_MARK}${header}`;
}

export function isOwnedHeader(value: unknown): boolean {
  return typeof value === 'string' && value.trimStart().startsWith(MARK_PREFIX);
}

/** `【SalesDesk】价格状态` → `价格状态`. */
export function headerLabel(value: string): string {
  const t = value.trimStart();
  if (!t.startsWith(MARK_PREFIX)) return value;
  const end = t.indexOf('】');
  return end >= 0 ? t.slice(end + 1) : value;
}

/** Columns an earlier run left, and the rows they span (inclusive). */
export interface OwnedBlock {
  cols: number[];
  top: number;
  bottom: number;
}

/**
 * The earlier run's block: the named block's columns whose header still carries the mark; else
 * (no name, or no column left) the marked headers in this run's header row, down to the used range.
 */
export function findOwnedBlock(input: {
  named: Rect | null;
  /** Values of the named block's first row, one per column of the block. */
  namedHeader: readonly unknown[] | null;
  headerRow: number;
  /** Values of this run's header row, from column A. */
  headerRowValues: readonly unknown[];
  usedBottom: number;
}): OwnedBlock | null {
  const { named, namedHeader } = input;
  if (named && namedHeader) {
    const cols: number[] = [];
    for (let i = 0; i < named.colCount; i++) if (isOwnedHeader(namedHeader[i])) cols.push(named.col + i);
    if (cols.length) return { cols, top: named.row, bottom: named.row + named.rowCount - 1 };
  }
  const cols: number[] = [];
  input.headerRowValues.forEach((v, c) => {
    if (isOwnedHeader(v)) cols.push(c);
  });
  return cols.length
    ? { cols, top: input.headerRow, bottom: Math.max(input.headerRow, input.usedBottom) }
    : null;
}

/** Filled rows (inclusive) of one column within the rows a run will write; null when empty. */
export type ColumnExtent = { top: number; bottom: number } | null;

/** The first column to try: where the earlier run wrote, else right of everything. */
export function firstCandidateColumn(earlier: OwnedBlock | null, usedRight: number): number {
  return earlier ? Math.min(...earlier.cols) : usedRight + 1;
}

/**
 * Where this run's `count` columns go. The earlier block's place is kept when every cell to be
 * written there is empty or SalesDesk's own; otherwise the columns go right of everything used.
 * Returns null when the sheet has no room.
 */
export function placeColumns(input: {
  earlier: OwnedBlock | null;
  usedRight: number;
  count: number;
  /** Filled rows per candidate column, within the rows to be written. */
  extents: ReadonlyMap<number, ColumnExtent>;
  maxColumns: number;
}): { start: number; movedRight: boolean } | null {
  const { earlier, usedRight, count } = input;
  let start = firstCandidateColumn(earlier, usedRight);
  let movedRight = false;
  if (earlier) {
    for (let c = start; c < start + count; c++) {
      // A column nobody looked at counts as taken: better further right than over a user's cell.
      const extent = input.extents.has(c) ? (input.extents.get(c) ?? null) : { top: -1, bottom: -1 };
      if (!extent) continue;
      const ours = earlier.cols.includes(c) && extent.top >= earlier.top && extent.bottom <= earlier.bottom;
      if (!ours) {
        start = usedRight + 1;
        movedRight = true;
        break;
      }
    }
  }
  return start + count > input.maxColumns ? null : { start, movedRight };
}

// ---------------------------------------------------------------------------------------------
// Conditional fills

/** Fill a row when the cell in `col` compares true with any of `values`. */
export interface FillCondition {
  col: number;
  op: CompareOp;
  values: readonly (string | number)[];
}

const OPS: Record<CompareOp, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const OP_BY_TEXT = new Map(Object.entries(OPS).map(([k, v]) => [v, k as CompareOp]));
const TAG = `N("${OWNER}")=0`;

function literal(v: string | number): string {
  return typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`;
}

/**
 * The formula (without `=`) of a conditional format applied to a range whose first row is
 * `firstRow`: `AND(N("SalesDesk")=0,OR($Q4="低于最低限价",$Q4="需审批"))`. `N("…")` is 0, so the tag
 * changes nothing but marks the rule as SalesDesk's.
 */
export function conditionFormula(firstRow: number, cond: FillCondition): string {
  const ref = `$${columnLetter(cond.col)}${firstRow + 1}`;
  const terms = cond.values.map((v) => `${ref}${OPS[cond.op]}${literal(v)}`);
  return `AND(${TAG},OR(${terms.join(',')}))`;
}

export function isOwnedFormula(formula: string): boolean {
  return formula.replace(/^=/, '').includes(`N("${OWNER}")`);
}

/** Reads back a formula made by `conditionFormula` (after a save and reopen); null otherwise. */
export function parseConditionFormula(formula: string): { firstRow: number; cond: FillCondition } | null {
  const f = formula.replace(/^=/, '').trim();
  const prefix = `AND(${TAG},OR(`;
  if (!f.startsWith(prefix) || !f.endsWith('))')) return null;
  const body = f.slice(prefix.length, -2);
  const terms: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  let col = -1;
  let row = -1;
  let op: CompareOp | null = null;
  const values: (string | number)[] = [];
  for (const term of terms) {
    const m = /^\$([A-Z]{1,3})(\d+)(<>|<=|>=|=|<|>)(.*)$/.exec(term.trim());
    if (!m || !m[1] || !m[2] || !m[3] || m[4] === undefined) return null;
    let c = 0;
    for (const ch of m[1]) c = c * 26 + (ch.charCodeAt(0) - 64);
    const termOp = OP_BY_TEXT.get(m[3]) ?? null;
    if ((col >= 0 && c - 1 !== col) || (row >= 0 && Number(m[2]) - 1 !== row) || (op && termOp !== op))
      return null;
    col = c - 1;
    row = Number(m[2]) - 1;
    op = termOp;
    const raw = m[4];
    if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2)
      values.push(raw.slice(1, -1).replace(/""/g, '"'));
    else if (raw !== '' && Number.isFinite(Number(raw))) values.push(Number(raw));
    else return null;
  }
  if (!op || col < 0) return null;
  return { firstRow: row, cond: { col, op, values } };
}

/** Excel's comparison of a cell with a literal: text case-insensitively, numbers as numbers. */
export function compareMatches(cell: unknown, op: CompareOp, value: string | number): boolean {
  let a: string | number;
  let b: string | number;
  if (typeof value === 'number') {
    if (typeof cell !== 'number') return op === 'ne';
    a = cell;
    b = value;
  } else {
    a = (
      typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean' ? String(cell) : ''
    ).toLowerCase();
    b = value.toLowerCase();
  }
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
  }
}

export function conditionHolds(cond: FillCondition, cell: unknown): boolean {
  return cond.values.some((v) => compareMatches(cell, cond.op, v));
}

// ---------------------------------------------------------------------------------------------
// Result sheets

const SHEET_NAME_MAX = 31;

/** A name Excel accepts: no `\ / ? * [ ] :`, no leading/trailing apostrophe, at most 31 characters. */
export function cleanSheetName(name: string): string {
  let n = name
    .replace(/[\\/?*[\]:]/g, '_')
    .replace(/^'+|'+$/g, '')
    .trim();
  if (!n) n = 'SalesDesk';
  return [...n].slice(0, SHEET_NAME_MAX).join('');
}

/** `价格检查结果`, `价格检查结果 (2)`, … shortened so the suffix fits. */
export function suffixedSheetName(base: string, n: number): string {
  const clean = cleanSheetName(base);
  if (n <= 1) return clean;
  const suffix = ` (${n})`;
  return [...clean].slice(0, SHEET_NAME_MAX - suffix.length).join('') + suffix;
}

export const sameSheetName = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

export interface JobSheetChoice {
  name: string;
  replace: boolean;
  renameFrom?: string;
  stale?: string;
}

/** The result sheet a job wrote: marked with its kind, or an unmarked SalesDesk sheet under a former name. */
export function findJobSheet(
  sheets: readonly SheetOwnership[],
  kind: string,
  formerNames: readonly string[] = [],
): SheetOwnership | undefined {
  return (
    sheets.find((s) => s.owned && s.kind === kind) ??
    sheets.find((s) => s.owned && !s.kind && formerNames.some((n) => sameSheetName(n, s.name)))
  );
}

/** The kind a sheet's names mark it with (`SalesDesk_Sheet_priceCheck` → `priceCheck`), if any. */
export function kindOfNames(names: Iterable<string>): string | null {
  for (const n of names)
    if (n.startsWith(`${OWNED_SHEET_NAME}_`)) return n.slice(OWNED_SHEET_NAME.length + 1);
  return null;
}

/** The sheet-scoped name that says which job wrote a result sheet. */
export function ownedSheetKindName(kind: string): string {
  return `${OWNED_SHEET_NAME}_${kind.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** A sheet as the result-sheet choice sees it. */
export interface SheetOwnership {
  name: string;
  owned: boolean;
  /** The job that wrote it (its kind mark), when SalesDesk's and marked. */
  kind?: string | null;
}

/**
 * The sheet a job writes, found by its kind mark (or, for sheets written before the mark existed, an
 * owned sheet under one of `formerNames`, e.g. the other language's title), then put under `base`:
 * `renameFrom` is that earlier sheet when it goes by another name and `base` is free. When `base`
 * is taken by another SalesDesk sheet, that one is replaced and the earlier one is `stale`.
 */
export function chooseJobSheet(
  base: string,
  sheets: readonly SheetOwnership[],
  kind: string,
  formerNames: readonly string[] = [],
): JobSheetChoice | null {
  const earlier = findJobSheet(sheets, kind, formerNames);
  const others = earlier ? sheets.filter((s) => s !== earlier) : sheets;
  const choice = chooseResultSheet(base, others);
  if (!choice || !earlier) return choice;
  if (sameSheetName(earlier.name, choice.name)) return { name: earlier.name, replace: true };
  if (!choice.replace) return { name: choice.name, replace: true, renameFrom: earlier.name };
  return { ...choice, stale: earlier.name };
}
/**
 * The sheet to write: the asked name when it is free or SalesDesk's; else the first `name (n)` that is
 * SalesDesk's, else the first free one. Null when 99 tries find none.
 */
export function chooseResultSheet(
  base: string,
  sheets: readonly SheetOwnership[],
): { name: string; replace: boolean } | null {
  const find = (name: string) => sheets.find((s) => sameSheetName(s.name, name));
  const names = Array.from({ length: 99 }, (_, i) => suffixedSheetName(base, i + 1));
  const first = find(names[0] ?? '');
  if (!first) return { name: names[0] ?? cleanSheetName(base), replace: false };
  if (first.owned) return { name: first.name, replace: true };
  for (const name of names.slice(1)) {
    const s = find(name);
    if (s?.owned) return { name: s.name, replace: true };
  }
  for (const name of names.slice(1)) if (!find(name)) return { name, replace: false };
  return null;
}

/** Names of the result sheet candidates to check for ownership. */
export function resultSheetCandidates(base: string, existing: readonly string[]): string[] {
  const names = Array.from({ length: 99 }, (_, i) => suffixedSheetName(base, i + 1));
  return existing.filter((e) => names.some((n) => sameSheetName(n, e)));
}

/** An Excel table name unique to the sheet and table: `SalesDesk_1a2b3c4d_1`. */
export function resultTableName(sheet: string, index: number): string {
  let h = 0x811c9dc5;
  for (const ch of sheet.toLocaleLowerCase()) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${OWNER}_${h.toString(16).padStart(8, '0')}_${index + 1}`;
}

/** Where each part of a result sheet goes (0-based rows). */
export interface ResultSheetLayout {
  titleRow: number | null;
  tables: {
    captionRow: number | null;
    headerRow: number;
    firstDataRow: number;
    /** Data rows in the table: at least 1 (Excel tables need a body row). */
    bodyRows: number;
    totalsRow: number | null;
    colCount: number;
  }[];
  charts: Rect[];
  frozenRows: number;
}

export function layoutResultSheet(spec: {
  title?: string;
  tables: readonly {
    caption?: string;
    columns: readonly unknown[];
    rows: readonly unknown[];
    totals?: readonly unknown[];
  }[];
  charts?: readonly { table: number }[];
  freezeHeader?: boolean;
}): ResultSheetLayout {
  let row = 0;
  const titleRow = spec.title ? 0 : null;
  if (spec.title) row = 2;
  const tables: ResultSheetLayout['tables'] = [];
  for (const t of spec.tables) {
    const captionRow = t.caption ? row : null;
    if (t.caption) row += 1;
    const headerRow = row;
    const bodyRows = Math.max(1, t.rows.length);
    const totalsRow = t.totals ? headerRow + 1 + bodyRows : null;
    tables.push({
      captionRow,
      headerRow,
      firstDataRow: headerRow + 1,
      bodyRows,
      totalsRow,
      colCount: t.columns.length,
    });
    row = (totalsRow ?? headerRow + bodyRows) + 2;
  }
  const chartCol = Math.max(1, ...tables.map((t) => t.colCount)) + 1;
  const perTable = new Map<number, number>();
  const charts = (spec.charts ?? []).map((c) => {
    const n = perTable.get(c.table) ?? 0;
    perTable.set(c.table, n + 1);
    const top = (tables[c.table]?.headerRow ?? 0) + n * 18;
    return { row: top, col: chartCol, rowCount: 16, colCount: 8 };
  });
  const first = tables[0];
  return { titleRow, tables, charts, frozenRows: spec.freezeHeader && first ? first.headerRow + 1 : 0 };
}
