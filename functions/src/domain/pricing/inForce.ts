/**
 * The days a published price policy version is in force: from its effective date until the day before
 * a later version takes over (selectVersion's rule, seen from one version). Pure: the handlers list it
 * with every version and name it in the publish audit line.
 */

/** The days a version judges orders: from its effective date until the day before a later one takes over. */
export interface InForce {
  readonly from: string;
  /** Last day in force; null: open-ended. */
  readonly until: string | null;
  /** The version that takes over after `until`. */
  readonly followedBy: number | null;
}

export interface DatedInfo {
  readonly version: number;
  readonly effectiveDate: string;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * When `version` is in force among `versions` (selectVersion's rule); null when never (a later publish
 * with the same effective date replaces it entirely).
 */
export function inForceOf(versions: readonly DatedInfo[], version: DatedInfo): InForce | null {
  let next: DatedInfo | undefined;
  for (const other of versions) {
    if (other.version === version.version) continue;
    if (other.effectiveDate === version.effectiveDate && other.version > version.version) return null;
    if (other.effectiveDate > version.effectiveDate) {
      if (
        !next ||
        other.effectiveDate < next.effectiveDate ||
        (other.effectiveDate === next.effectiveDate && other.version > next.version)
      ) {
        next = other;
      }
    }
  }
  return next
    ? { from: version.effectiveDate, until: dayBefore(next.effectiveDate), followedBy: next.version }
    : { from: version.effectiveDate, until: null, followedBy: null };
}
