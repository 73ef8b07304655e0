/**
 * What a sync changes in a month's snapshot, by business key. A row whose content is the same but
 * whose sheet location moved is `moved` (the snapshot is rewritten so links stay right, but nothing
 * in the books changed); the same sheet sent twice is all `unchanged` and keeps the version.
 */
import type { LedgerRowByKind, SyncKind } from '../../contract/monthEnd';
import type { KeyedRow } from './ledgerKeys';

export interface LedgerDiff {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly unchanged: number;
  readonly moved: number;
  /** True when the stored snapshot must be replaced (anything but `unchanged`). */
  readonly differs: boolean;
}

/** Row content without its location, with keys in a fixed order, for comparison. */
export function contentOf(row: object): string {
  const entries = Object.entries(row)
    .filter(([k, v]) => k !== 'source' && v !== null && v !== undefined && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

function sourceText(row: { source: { sheet: string; row: number } }): string {
  return `${row.source.sheet}\u0000${row.source.row}`;
}

export function diffLedger<K extends SyncKind>(
  before: readonly KeyedRow<LedgerRowByKind[K]>[],
  after: readonly KeyedRow<LedgerRowByKind[K]>[],
): LedgerDiff {
  const old = new Map(before.map((k) => [k.key, k.row]));
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  let moved = 0;
  for (const { key, row } of after) {
    const previous = old.get(key);
    if (previous === undefined) added += 1;
    else if (contentOf(previous) !== contentOf(row)) changed += 1;
    else if (sourceText(previous) !== sourceText(row)) moved += 1;
    else unchanged += 1;
    old.delete(key);
  }
  const removed = old.size;
  return {
    added,
    changed,
    removed,
    unchanged,
    moved,
    differs: added + changed + removed + moved > 0,
  };
}
