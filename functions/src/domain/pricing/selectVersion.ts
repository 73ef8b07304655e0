/**
 * Which published version judges an order: the one with the latest effectiveDate on or before the
 * order date; when two share that date, the later publish (higher version number). None before the
 * first effective date. Versions with an unreadable effectiveDate are never in force.
 */
import { isIsoDate } from './dates';

export interface DatedVersion {
  readonly version: number;
  readonly policy: { readonly effectiveDate: string };
}

function inForceOrder<V extends DatedVersion>(versions: readonly V[]): V[] {
  return versions
    .filter((v) => isIsoDate(v.policy.effectiveDate))
    .sort((a, b) =>
      a.policy.effectiveDate === b.policy.effectiveDate
        ? a.version - b.version
        : a.policy.effectiveDate < b.policy.effectiveDate
          ? -1
          : 1,
    );
}

/** The version in force on `orderDate` (YYYY-MM-DD), or undefined. */
export function selectVersion<V extends DatedVersion>(
  versions: readonly V[],
  orderDate: string,
): V | undefined {
  return versionLookup(versions)(orderDate);
}

/** A lookup for many dates: sorts once, binary-searches, remembers each date asked. */
export function versionLookup<V extends DatedVersion>(
  versions: readonly V[],
): (orderDate: string) => V | undefined {
  const ordered = inForceOrder(versions);
  const seen = new Map<string, V | undefined>();
  return (orderDate) => {
    if (seen.has(orderDate)) return seen.get(orderDate);
    // Last index whose effectiveDate <= orderDate.
    let lo = 0;
    let hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ordered[mid]?.policy.effectiveDate ?? '') <= orderDate) lo = mid + 1;
      else hi = mid;
    }
    const found = lo > 0 ? ordered[lo - 1] : undefined;
    seen.set(orderDate, found);
    return found;
  };
}

/** The earliest effective date among the versions (for messages), or undefined. */
export function firstEffectiveDate(versions: readonly DatedVersion[]): string | undefined {
  return inForceOrder(versions)[0]?.policy.effectiveDate;
}
