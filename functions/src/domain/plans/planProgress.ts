/**
 * 计划达成: a published plan against actuals (orders or shipments) per month and year to date, by product
 * type, region and rep. Sums are exact (bigint units); completion = actual / plan, null where the plan is 0.
 */
import type {
  Bilingual,
  PlanInputError,
  PlanUnit,
  PlanVersion,
  ProgressLine,
  ProgressRequest,
  ProgressResponse,
} from '../../contract/plans';
import { fromUnits, rescale, scaleOf, toDecimal } from '../../contract/decimal';
import { dimension } from './history';
import { bilingual as msg } from '../../contract/text';

const UNIT_NAMES: Record<PlanUnit, [string, string]> = {
  yuan: ['元', 'yuan'],
  wanYuan: ['万元', '10k yuan'],
  units: ['台（数量）', 'units (quantity)'],
};

export type ProgressResult = { ok: true; value: ProgressResponse } | { ok: false; errors: PlanInputError[] };

interface Sums {
  plan: bigint[];
  actual: bigint[];
}

const zeros = (): bigint[] => new Array<bigint>(12).fill(0n);

/** Decimal places to move when converting an amount from one unit to the other (元 → 万元 = 4). */
function unitShift(from: PlanUnit, to: PlanUnit): number | null {
  if (from === to) return 0;
  if (from === 'units' || to === 'units') return null;
  return from === 'yuan' ? 4 : -4;
}

function lineOf(map: Map<string, Sums>, key: string): Sums {
  let sums = map.get(key);
  if (!sums) {
    sums = { plan: zeros(), actual: zeros() };
    map.set(key, sums);
  }
  return sums;
}

/** Plan, actual and completion per month and year to date, by product type, region and rep. */
export function planProgress(plan: PlanVersion, request: ProgressRequest): ProgressResult {
  const actualsUnit = request.unit ?? 'yuan';
  const shift = unitShift(actualsUnit, plan.unit);
  if (shift === null) {
    const [pz, pe] = UNIT_NAMES[plan.unit];
    const [az, ae] = UNIT_NAMES[actualsUnit];
    return {
      ok: false,
      errors: [
        {
          path: 'unit',
          message: msg(
            `${plan.year}年计划的单位是${pz}，实绩的单位是${az}，无法比较`,
            `The ${plan.year} plan is in ${pe} but the actuals are in ${ae}; they cannot be compared`,
          ),
        },
      ],
    };
  }

  const inYear = request.actuals.filter((a) => Number(a.date.slice(0, 4)) === plan.year);
  // Each actual in the plan's unit as (units, scale); then one scale for everything.
  const converted = inYear.map((a) => {
    const d = toDecimal(a.amount);
    const s = d.scale + shift;
    return s >= 0 ? { units: d.units, scale: s } : { units: rescale(d.units, 0, -s), scale: 0 };
  });
  let scale = converted.reduce((s, c) => Math.max(s, c.scale), 0);
  for (const row of plan.rows) for (const m of row.months) scale = Math.max(scale, scaleOf(m));
  const units = (x: number): bigint => {
    const d = toDecimal(x);
    return rescale(d.units, d.scale, scale);
  };

  const total: Sums = { plan: zeros(), actual: zeros() };
  const byProductType = new Map<string, Sums>();
  const byRegion = new Map<string, Sums>();
  const byRep = new Map<string, Sums>();

  for (const row of plan.rows) {
    const targets = [total, lineOf(byProductType, row.productType.trim())];
    const region = dimension(row.region);
    const rep = dimension(row.rep);
    if (region) targets.push(lineOf(byRegion, region));
    if (rep) targets.push(lineOf(byRep, rep));
    row.months.forEach((amount, m) => {
      const u = units(amount);
      for (const t of targets) t.plan[m] = (t.plan[m] ?? 0n) + u;
    });
  }

  let latestMonth = 0;
  inYear.forEach((a, i) => {
    const c = converted[i];
    if (!c) return;
    const u = rescale(c.units, c.scale, scale);
    const m = Number(a.date.slice(5, 7)) - 1;
    latestMonth = Math.max(latestMonth, m + 1);
    const targets = [total, lineOf(byProductType, a.productType.trim())];
    const region = dimension(a.region);
    const rep = dimension(a.rep);
    if (region) targets.push(lineOf(byRegion, region));
    if (rep) targets.push(lineOf(byRep, rep));
    for (const t of targets) t.actual[m] = (t.actual[m] ?? 0n) + u;
  });
  const throughMonth = request.throughMonth ?? latestMonth;

  const out = (u: bigint): number => fromUnits(u, scale);
  const ratio = (actual: bigint, planned: bigint): number | null =>
    planned === 0n ? null : Number(actual) / Number(planned);
  const line = (key: string, sums: Sums): ProgressLine => {
    let ytdPlan = 0n;
    let ytdActual = 0n;
    for (let m = 0; m < throughMonth; m++) {
      ytdPlan += sums.plan[m] ?? 0n;
      ytdActual += sums.actual[m] ?? 0n;
    }
    return {
      key,
      plan: sums.plan.map(out),
      actual: sums.actual.map(out),
      completion: sums.plan.map((p, m) => ratio(sums.actual[m] ?? 0n, p)),
      ytd: { plan: out(ytdPlan), actual: out(ytdActual), completion: ratio(ytdActual, ytdPlan) },
    };
  };
  const lines = (map: Map<string, Sums>): ProgressLine[] => [...map].map(([key, sums]) => line(key, sums));

  const notes: Bilingual[] = [];
  const outside = request.actuals.length - inYear.length;
  if (outside > 0) {
    notes.push(
      msg(
        `${outside} 条实绩不在 ${plan.year} 年内，未计入`,
        `${outside} actuals are not dated in ${plan.year} and were left out`,
      ),
    );
  }
  if (shift !== 0) {
    const [az, ae] = UNIT_NAMES[actualsUnit];
    const [pz, pe] = UNIT_NAMES[plan.unit];
    notes.push(msg(`实绩金额已由${az}换算为${pz}`, `Actual amounts were converted from ${ae} to ${pe}`));
  }
  const unplanned: [string, string, Map<string, Sums>][] = [
    ['产品类别', 'product types', byProductType],
    ['片区', 'regions', byRegion],
    ['业务员', 'reps', byRep],
  ];
  for (const [zh, en, map] of unplanned) {
    const keys = [...map].filter(([, s]) => s.plan.every((p) => p === 0n) && s.actual.some((a) => a !== 0n));
    if (keys.length === 0) continue;
    const names = keys.map(([k]) => k);
    notes.push(
      msg(
        `以下${zh}有实绩但没有计划（达成率为空）：${names.join('、')}`,
        `These ${en} have actuals but no plan (completion left empty): ${names.join(', ')}`,
      ),
    );
  }

  return {
    ok: true,
    value: {
      year: plan.year,
      unit: plan.unit,
      basis: request.basis,
      throughMonth,
      total: line('', total),
      byProductType: lines(byProductType),
      byRegion: lines(byRegion),
      byRep: lines(byRep),
      notes,
    },
  };
}

export interface PlanQuery {
  month: number;
  productType?: string;
  region?: string;
  rep?: string;
}

/** The published plan for a month (1–12), summed over the rows that match the filters given (SALES.PLAN). */
export function planValue(plan: Pick<PlanVersion, 'rows'>, query: PlanQuery): number {
  if (!Number.isInteger(query.month) || query.month < 1 || query.month > 12) {
    throw new RangeError(`month ${query.month} is outside 1–12`);
  }
  const productType = dimension(query.productType);
  const region = dimension(query.region);
  const rep = dimension(query.rep);
  const amounts = plan.rows
    .filter(
      (row) =>
        (!productType || row.productType.trim() === productType) &&
        (!region || dimension(row.region) === region) &&
        (!rep || dimension(row.rep) === rep),
    )
    .map((row) => row.months[query.month - 1] ?? 0);
  const scale = amounts.reduce((s, a) => Math.max(s, scaleOf(a)), 0);
  return fromUnits(
    amounts.reduce((sum, a) => {
      const d = toDecimal(a);
      return sum + rescale(d.units, d.scale, scale);
    }, 0n),
    scale,
  );
}
