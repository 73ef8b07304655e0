/** What changed between two versions of the annual plan, row by row (for the publish audit line). */
import type { PlanRow } from '../../contract/plans';
import { dimension } from './history';

/** Rows added, removed and changed since the previous version (matched on product type + region + rep). */
export function rowChanges(
  previous: readonly PlanRow[],
  next: readonly PlanRow[],
): { added: number; removed: number; changed: number } {
  const key = (r: PlanRow) =>
    [r.productType.trim(), dimension(r.region) ?? '', dimension(r.rep) ?? ''].join('\u0000');
  const same = (a: PlanRow, b: PlanRow) =>
    a.annual === b.annual && a.months.every((m, i) => m === b.months[i]);
  const before = new Map(previous.map((r) => [key(r), r]));
  let added = 0;
  let changed = 0;
  const seen = new Set<string>();
  for (const row of next) {
    const k = key(row);
    seen.add(k);
    const old = before.get(k);
    if (!old) added++;
    else if (!same(old, row)) changed++;
  }
  const removed = [...before.keys()].filter((k) => !seen.has(k)).length;
  return { added, removed, changed };
}
