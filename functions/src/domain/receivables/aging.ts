/** Aging buckets (账龄区间): ascending inclusive upper bounds in days, the last bucket open-ended. */
import type { MonthEndText } from '../../contract/monthEnd';

export interface BucketShape {
  readonly fromDays: number;
  readonly toDays: number | null;
  readonly label: MonthEndText;
}

/** `[30, 60]` → 0–30, 31–60, >60. */
export function bucketShapes(bounds: readonly number[]): BucketShape[] {
  const out: BucketShape[] = [];
  let from = 0;
  for (const to of bounds) {
    out.push({
      fromDays: from,
      toDays: to,
      label: { 'zh-CN': `${from}–${to}天`, 'en-US': `${from}–${to} days` },
    });
    from = to + 1;
  }
  const last = from - 1;
  out.push({
    fromDays: from,
    toDays: null,
    label: { 'zh-CN': `${last}天以上`, 'en-US': `over ${last} days` },
  });
  return out;
}

/**
 * Index of the bucket for an item `days` old. An item dated after asOf never reaches here; a
 * negative age (cannot happen after the asOf filter) would count as 0 days.
 */
export function bucketIndex(bounds: readonly number[], days: number): number {
  for (let i = 0; i < bounds.length; i++) if (days <= bounds[i]!) return i;
  return bounds.length;
}
