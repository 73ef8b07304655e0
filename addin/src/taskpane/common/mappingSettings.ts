// The user's column-mapping corrections, remembered in the workbook (not the browser): the next
// person who opens the same file, or the same person on another machine, gets them too. Stored as
// column letters, which a person reading the file's settings can understand.
import { columnIndex, columnLetter, fieldsOf, type LedgerKind, type MappingOverrides } from '../../sheets';
import type { WorkbookAdapter } from '../../workbook/adapter';

export function mappingSettingKey(kind: LedgerKind, sheet: string): string {
  return `mapping:${kind}:${sheet}`;
}

export interface SavedMapping {
  version: 1;
  /** Field → column letter, or null for "this sheet has no such column". */
  columns: Record<string, string | null>;
}

export function toSavedMapping<K extends LedgerKind>(overrides: MappingOverrides<K>): SavedMapping {
  const columns: Record<string, string | null> = {};
  for (const [field, col] of Object.entries(overrides) as Array<[string, number | null | undefined]>) {
    if (col === undefined) continue;
    columns[field] = col === null ? null : columnLetter(col);
  }
  return { version: 1, columns };
}

/** Reads a saved mapping back; anything unknown or malformed is dropped, never trusted. */
export function fromSavedMapping<K extends LedgerKind>(kind: K, value: unknown): MappingOverrides<K> {
  const out: Record<string, number | null> = {};
  if (typeof value !== 'object' || value === null) return out as MappingOverrides<K>;
  const columns = (value as { columns?: unknown }).columns;
  if (typeof columns !== 'object' || columns === null) return out as MappingOverrides<K>;
  const known = new Set<string>(fieldsOf(kind).map(([f]) => f));
  for (const [field, letter] of Object.entries(columns as Record<string, unknown>)) {
    if (!known.has(field)) continue;
    if (letter === null) out[field] = null;
    else if (typeof letter === 'string') {
      const col = columnIndex(letter);
      if (col !== null) out[field] = col;
    }
  }
  return out as MappingOverrides<K>;
}

export async function loadMappingOverrides<K extends LedgerKind>(
  workbook: WorkbookAdapter,
  kind: K,
  sheet: string,
): Promise<MappingOverrides<K>> {
  return fromSavedMapping(kind, await workbook.getSetting(mappingSettingKey(kind, sheet)));
}

export async function saveMappingOverrides<K extends LedgerKind>(
  workbook: WorkbookAdapter,
  kind: K,
  sheet: string,
  overrides: MappingOverrides<K>,
): Promise<void> {
  const saved = toSavedMapping(overrides);
  await workbook.setSetting(
    mappingSettingKey(kind, sheet),
    Object.keys(saved.columns).length ? saved : undefined,
  );
}
