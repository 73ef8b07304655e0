// One sheet, several tables: the 价格政策 sheet keeps 【产品价格】, 【折扣上限】 and 【价格规则】 one
// under another, each under a marker cell, with label/value pairs (增值税率 | 13%) above them.
// Each block becomes a sub-grid with its own offset, read with the same header detection.
import { cellAddress, isEmptyCell, sheetColOf, sheetRowOf, type SheetGrid } from './grid';
import { headerKey } from './headers';
import {
  readDate,
  readMoneyFen,
  readNumber,
  readPercentBp,
  readRaw,
  readText,
  toHalfWidth,
  yearFromTitle,
  type Normalised,
} from './normalise';
import { sheetProblem, type SheetProblem } from './problems';
import { POLICY_SETTINGS, type FieldSpec, type FieldValueByType, type LedgerKind } from './synonyms';

export interface SheetBlock {
  /** The marker's text without brackets: `产品价格`. */
  name: string;
  /** The marker cell, e.g. `A5`. */
  markerCell: string;
  /** Rows under the marker up to the next marker; startRow/startCol say where it sits on the sheet. */
  grid: SheetGrid;
}

const MARKER_RE = /^【\s*([^【】]+?)\s*】$/;

/** The policy-sheet blocks and the marker names people give them. */
export const BLOCK_NAMES = {
  pricePolicyProducts: ['产品价格', '产品指导价', '指导价', '价格表', 'Product Prices', 'Products'],
  discountCaps: ['折扣上限', '折扣', '折扣政策', 'Discount Caps', 'Discounts'],
  priceRules: ['价格规则', '规则', '临时销售政策', 'Price Rules', 'Rules'],
  rebateTiers: ['返点政策', '返点', '返利政策', 'Rebate Tiers', 'Rebates'],
  creditLimits: ['信用额度', '信用政策', '授信额度', 'Credit Limits'],
} as const satisfies Partial<Record<LedgerKind, readonly string[]>>;

export type BlockKind = keyof typeof BLOCK_NAMES;

function markerIn(row: readonly unknown[]): { col: number; name: string } | undefined {
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (isEmptyCell(v)) continue;
    if (typeof v !== 'string') return undefined;
    const m = MARKER_RE.exec(toHalfWidth(v).trim());
    return m ? { col: c, name: m[1] ?? '' } : undefined;
  }
  return undefined;
}

function subGrid(grid: SheetGrid, from: number, to: number): SheetGrid {
  const sub: SheetGrid = {
    name: grid.name,
    values: grid.values.slice(from, to),
    startRow: sheetRowOf(grid, from),
    startCol: grid.startCol ?? 0,
  };
  if (grid.numberFormats) sub.numberFormats = grid.numberFormats.slice(from, to);
  if (grid.hiddenRows) sub.hiddenRows = grid.hiddenRows;
  if (grid.merges) {
    const top = sheetRowOf(grid, from);
    const bottom = sheetRowOf(grid, to);
    sub.merges = grid.merges.filter((m) => m.row >= top && m.row < bottom);
  }
  return sub;
}

/** Every 【…】 block in the grid, in sheet order. A marker is the first filled cell of its row. */
export function findBlocks(grid: SheetGrid): SheetBlock[] {
  const markers: Array<{ row: number; col: number; name: string }> = [];
  grid.values.forEach((row, r) => {
    const m = markerIn(row);
    if (m) markers.push({ row: r, ...m });
  });
  return markers.map((m, i) => ({
    name: m.name,
    markerCell: cellAddress(sheetRowOf(grid, m.row), sheetColOf(grid, m.col)),
    grid: subGrid(grid, m.row + 1, markers[i + 1]?.row ?? grid.values.length),
  }));
}

/** Which policy block a marker name means, if any: `【产品价格】` → pricePolicyProducts. */
export function blockKind(name: string): BlockKind | null {
  const key = headerKey(name).key;
  let fuzzy: BlockKind | null = null;
  for (const [kind, names] of Object.entries(BLOCK_NAMES) as Array<[BlockKind, readonly string[]]>) {
    for (const n of names) {
      const k = headerKey(n).key;
      if (k === key) return kind;
      if (!fuzzy && k.length >= 2 && key.includes(k)) fuzzy = kind;
    }
  }
  return fuzzy;
}

/** The block for one policy table, or null when the sheet has no such marker. */
export function findBlock(grid: SheetGrid, kind: BlockKind): SheetBlock | null {
  return findBlocks(grid).find((b) => blockKind(b.name) === kind) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Label/value pairs

export type KeyValueCatalogue = Record<string, FieldSpec>;

export interface KeyValues<C extends KeyValueCatalogue> {
  values: { [F in keyof C]: FieldValueByType[C[F]['type']] | null };
  /** Where each value was found, e.g. `B2`. */
  cells: Partial<Record<keyof C, string>>;
  problems: SheetProblem[];
}

const LABEL_SPLIT_RE = /^([^:：]{1,20})[:：]\s*(.+)$/;

function readAs(spec: FieldSpec, v: unknown, defaultYear: number | null): Normalised<unknown> {
  const o = { required: spec.required };
  switch (spec.type) {
    case 'percent':
      return readPercentBp(v, o);
    case 'date':
      return readDate(v, { ...o, defaultYear });
    case 'money':
      return readMoneyFen(v, o);
    case 'number':
    case 'quantity':
      return readNumber(v, o);
    case 'raw':
      return readRaw(v, o);
    default:
      return readText(v, o);
  }
}

/**
 * Reads label/value pairs such as `增值税率 | 13% | 生效日期 | 2026-01-01` (or `增值税率：13%` in one
 * cell) from the rows above the first block marker (or the first `searchRows` rows).
 */
export function readKeyValues<C extends KeyValueCatalogue = typeof POLICY_SETTINGS>(
  grid: SheetGrid,
  catalogue: C = POLICY_SETTINGS as unknown as C,
  opts?: { searchRows?: number; defaultYear?: number | null },
): KeyValues<C> {
  const keys = Object.entries(catalogue).map(([field, spec]) => ({
    field,
    spec,
    keys: new Set(spec.synonyms.map((s) => headerKey(s).key)),
  }));
  const values: Record<string, unknown> = {};
  for (const k of keys) values[k.field] = null;
  const out = { values, cells: {}, problems: [] } as unknown as KeyValues<C>;
  const cells = out.cells as Record<string, string>;
  const defaultYear = opts?.defaultYear ?? yearFromTitle(grid);
  const firstMarker = grid.values.findIndex((row) => markerIn(row) !== undefined);
  const limit = Math.min(opts?.searchRows ?? (firstMarker >= 0 ? firstMarker : 10), grid.values.length);

  const take = (label: string, v: unknown, r: number, c: number): boolean => {
    const key = headerKey(label).key;
    const hit = keys.find((k) => k.keys.has(key) && !(k.field in cells));
    if (!hit) return false;
    cells[hit.field] = cellAddress(sheetRowOf(grid, r), sheetColOf(grid, c));
    const got = readAs(hit.spec, v, defaultYear);
    if (got.ok) values[hit.field] = got.value;
    else
      out.problems.push(
        sheetProblem(grid, r, c, { header: label, field: hit.field, fieldLabel: hit.spec.label }, got),
      );
    return true;
  };

  for (let r = 0; r < limit; r++) {
    const row = grid.values[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || isEmptyCell(v)) continue;
      let valueCol = c + 1;
      while (valueCol < row.length && valueCol <= c + 3 && isEmptyCell(row[valueCol])) valueCol++;
      if (valueCol < row.length && valueCol <= c + 3 && take(v, row[valueCol], r, valueCol)) {
        c = valueCol;
        continue;
      }
      const split = LABEL_SPLIT_RE.exec(toHalfWidth(v).trim());
      if (split) take(split[1] ?? '', split[2] ?? '', r, c);
    }
  }
  return out;
}
