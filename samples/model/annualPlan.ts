/**
 * 年度计划: targets per product type × region × rep in 万元, set at the start of the year so that
 * they land near what the ledger shows (the plan is a stretch for some, an easy one for others).
 */
import { REPS } from './catalogue';
import type { Random } from './prng';
import type { Lookup } from './salesLedger';
import { toFen } from './shipmentLedger';
import { PRODUCT_TYPES, REGIONS, type PlanRow, type SalesLine } from './types';

/** One hundredth of 万元, in fen. */
const CENTI_WAN = 10_000;

export function buildPlan(rng: Random, lines: readonly SalesLine[], look: Lookup): PlanRow[] {
  const actual = new Map<string, number>();
  for (const l of lines) {
    const c = look.customer(l.customer);
    const key = `${look.product(l.model).type}|${c.rep}`;
    actual.set(key, (actual.get(key) ?? 0) + l.qty * toFen(l));
  }
  const rows: PlanRow[] = [];
  for (const type of PRODUCT_TYPES)
    for (const region of REGIONS)
      for (const rep of REPS.filter((r) => r.region === region)) {
        const sold = actual.get(`${type}|${rep.name}`) ?? 0;
        if (sold === 0) continue;
        const planned = sold * (0.9 + rng.next() * 0.25);
        // Round sums of 万元 for the big targets, two decimals for the rest.
        const step = planned >= 50 * 100 * CENTI_WAN && rng.chance(0.7) ? 100 * CENTI_WAN : CENTI_WAN;
        rows.push({
          type,
          region,
          rep: rep.name,
          targetFen: Math.max(step, Math.round(planned / step) * step),
        });
      }
  return rows;
}
