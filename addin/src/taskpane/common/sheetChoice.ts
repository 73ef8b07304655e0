// Which sheet a job should work on (pure): the one the person is looking at when its headers fit,
// else the first sheet whose headers fit.
import {
  applyMapping,
  detectHeader,
  fieldsOf,
  type LedgerKind,
  type MappingOverrides,
  type SheetGrid,
} from '../../sheets';

/**
 * True when the grid's header names every required field of `kind`, none of them doubtfully, once
 * the person's remembered corrections are applied. (A 发货台账 has a 发货日期 that could pass for a
 * sales ledger's 日期, but only at low confidence.)
 */
export function sheetMatchesKind<K extends LedgerKind>(
  grid: SheetGrid,
  kind: K,
  overrides: MappingOverrides<K> = {},
): boolean {
  const m = applyMapping(detectHeader(grid, kind), overrides);
  if (m.headerRow === null || m.missing.length) return false;
  const required = new Set<string>(
    fieldsOf(kind)
      .filter(([, s]) => s.required)
      .map(([f]) => f),
  );
  return !m.unsure.some((f) => required.has(f));
}

export interface SheetCandidate {
  name: string;
  matches: boolean;
}

/** The active sheet when it matches, else the first matching one, else the active one (or the first). */
export function chooseDefaultSheet(active: string, sheets: readonly SheetCandidate[]): string | null {
  const activeSheet = sheets.find((s) => s.name === active);
  if (activeSheet?.matches) return activeSheet.name;
  return sheets.find((s) => s.matches)?.name ?? activeSheet?.name ?? sheets[0]?.name ?? null;
}
