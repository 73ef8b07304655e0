/**
 * The rep scorecard (业务员考核) for a month and year to date: plan completion against the published
 * plan, collection rate (two definitions, formulas in contract/scorecard) and new-customer rate, per
 * rep, rolled up per region, with ranks. Exact: money in bigint fen, rates by bigint division.
 *
 * Attribution: a ledger row counts for the 业务员 on it; a receipt without one counts for the rep of
 * the customer's latest shipment (or order) up to the month end. CNY rows only: the plan is in 元.
 */
import type { MonthEndText, OpeningRow, OrderRow, ReceiptRow, ShipmentRow } from '../../contract/monthEnd';
import type { PlanVersion, ProgressBasis } from '../../contract/plans';
import {
  SCORECARD_BASIS_LABELS,
  SCORECARD_FORMULAS,
  type PeriodScore,
  type RegionScore,
  type RepScore,
  type ScorecardResponse,
} from '../../contract/scorecard';
import { chinaDate, lastDay } from '../monthEnd/chinaTime';
import { normalizeText } from '../monthEnd/ledgerKeys';
import { fenText, toFen, type Fen } from '../monthEnd/money';
import { toDecimal } from '../../contract/decimal';
import { bilingual as msg } from '../../contract/text';

export interface ScorecardInput {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly basis: ProgressBasis;
  /** The published plan of the month's year, with its version; null when none. */
  readonly plan: { readonly version: number; readonly plan: PlanVersion } | null;
  /** Every synced row up to the month end (earlier years too: first orders and opening receivables need them). */
  readonly orders: readonly OrderRow[];
  readonly shipments: readonly ShipmentRow[];
  readonly receipts: readonly ReceiptRow[];
  /** 期初余额 rows: each counts in the opening receivable of its rep (its own, else the customer's). */
  readonly openings?: readonly OpeningRow[];
}

interface Acc {
  plan: Fen | null;
  actual: Fen;
  opening: Fen;
  shipments: Fen;
  receipts: Fen;
  readonly active: Set<string>;
  readonly fresh: Set<string>;
}
const newAcc = (): Acc => ({
  plan: null,
  actual: 0n,
  opening: 0n,
  shipments: 0n,
  receipts: 0n,
  active: new Set(),
  fresh: new Set(),
});

/** A plan figure (in 元 or 万元) to fen, half-up. */
export function planFen(x: number, unit: 'yuan' | 'wanYuan'): Fen {
  const d = toDecimal(x);
  const shift = 2 + (unit === 'wanYuan' ? 4 : 0) - d.scale;
  if (shift >= 0) return d.units * 10n ** BigInt(shift);
  const den = 10n ** BigInt(-shift);
  const q = d.units / den;
  return (d.units % den) * 2n >= den ? q + 1n : q;
}

/** num ÷ den as decimal text with 4 places, half-up; null when den ≤ 0. */
export function rateText(num: bigint, den: bigint): string | null {
  if (den <= 0n) return null;
  const negative = num < 0n;
  const abs = negative ? -num : num;
  let q = (abs * 10_000n) / den;
  if (((abs * 10_000n) % den) * 2n >= den) q += 1n;
  const frac = (q % 10_000n).toString().padStart(4, '0');
  return `${negative && q > 0n ? '-' : ''}${q / 10_000n}.${frac}`;
}

/** Basis points of a rate text, for ranking. */
const points = (rate: string | null): bigint | null => (rate === null ? null : BigInt(rate.replace('.', '')));

/** Competition ranks (1, 1, 3), highest first; null values are not ranked. */
function rank<T>(items: readonly T[], value: (t: T) => string | null): (number | null)[] {
  const pts = items.map((t) => points(value(t)));
  return pts.map((p) => (p === null ? null : 1 + pts.filter((q) => q !== null && q > p).length));
}

export function buildScorecard(input: ScorecardInput): ScorecardResponse {
  const { month, basis } = input;
  const year = month.slice(0, 4);
  const monthIndex = Number(month.slice(5, 7)) - 1;
  const periods = {
    month: { from: `${month}-01`, to: lastDay(month) },
    ytd: { from: `${year}-01-01`, to: lastDay(month) },
  } as const;
  type Period = keyof typeof periods;
  const end = periods.month.to;
  const notes: MonthEndText[] = [];
  let foreign = 0;
  let unassigned = 0;

  const reps = new Map<string, { rep: string; region: string | null; regionDate: string }>();
  const accs = new Map<string, Record<Period, Acc>>();
  const repKey = (rep: string | null | undefined): string | null => {
    const key = normalizeText(rep);
    return key === '' ? null : key;
  };
  const noteRep = (rep: string, region: string | null | undefined, date: string): string => {
    const key = normalizeText(rep);
    let r = reps.get(key);
    if (!r) {
      r = { rep: rep.trim(), region: null, regionDate: '' };
      reps.set(key, r);
      accs.set(key, { month: newAcc(), ytd: newAcc() });
    }
    if (region && date >= r.regionDate) {
      r.region = region.trim();
      r.regionDate = date;
    }
    return key;
  };
  /** The rep key a row counts under (its 片区 noted), or null once counted as foreign currency or rep-less. */
  const countUnder = (
    currency: string,
    rep: string | null | undefined,
    region: string | null | undefined,
    date: string,
  ): string | null => {
    if (currency !== 'CNY') {
      foreign++;
      return null;
    }
    if (repKey(rep) === null) {
      unassigned++;
      return null;
    }
    return noteRep(rep!, region, date);
  };
  const inPeriods = (date: string): Period[] =>
    (['month', 'ytd'] as const).filter((p) => date >= periods[p].from && date <= periods[p].to);

  // Customers' latest rep (for receipts without one) and first-ever order.
  const customerRep = new Map<string, { rep: string; date: string }>();
  const firstOrder = new Map<string, { date: string; rep: string | null }>();
  const seeRep = (customer: string, rep: string | null | undefined, date: string): void => {
    if (!rep?.trim()) return;
    const c = normalizeText(customer);
    const known = customerRep.get(c);
    if (!known || date >= known.date) customerRep.set(c, { rep, date });
  };

  for (const o of input.orders) {
    const date = chinaDate(o.date);
    if (!date || date > end) continue;
    const c = normalizeText(o.customer);
    const first = firstOrder.get(c);
    if (!first || date < first.date) firstOrder.set(c, { date, rep: o.rep ?? null });
    seeRep(o.customer, o.rep, date);
    const key = countUnder(o.currency, o.rep, o.region, date);
    if (key === null) continue;
    for (const p of inPeriods(date)) {
      const acc = accs.get(key)![p];
      acc.active.add(c);
      if (basis === 'orders') acc.actual += toFen(o.amount);
    }
  }
  for (const s of input.shipments) {
    const date = chinaDate(s.shipDate);
    if (!date || date > end) continue;
    seeRep(s.customer, s.rep, date);
    const key = countUnder(s.currency, s.rep, s.region, date);
    if (key === null) continue;
    const fen = toFen(s.amount);
    const all = accs.get(key)!;
    for (const p of ['month', 'ytd'] as const) {
      if (date < periods[p].from) all[p].opening += fen;
    }
    for (const p of inPeriods(date)) {
      all[p].shipments += fen;
      all[p].active.add(normalizeText(s.customer));
      if (basis === 'shipments') all[p].actual += fen;
    }
  }
  for (const r of input.receipts) {
    const date = chinaDate(r.date);
    if (!date || date > end) continue;
    const rep = r.rep?.trim() ? r.rep : (customerRep.get(normalizeText(r.customer))?.rep ?? null);
    const key = countUnder(r.currency, rep, r.region, date);
    if (key === null) continue;
    const fen = toFen(r.amount);
    const all = accs.get(key)!;
    for (const p of ['month', 'ytd'] as const) {
      if (date < periods[p].from) all[p].opening -= fen;
      else all[p].receipts += fen;
    }
  }
  for (const o of input.openings ?? []) {
    const date = chinaDate(o.date);
    if (!date || date > end) continue;
    const rep = o.rep?.trim() ? o.rep : (customerRep.get(normalizeText(o.customer))?.rep ?? null);
    const key = countUnder(o.currency, rep, o.region, date);
    if (key === null) continue;
    const fen = toFen(o.amount);
    // A carried-in balance is never a shipment of the period: it is opening receivable in both periods.
    for (const p of ['month', 'ytd'] as const) accs.get(key)![p].opening += fen;
  }
  for (const [c, first] of firstOrder) {
    const key = repKey(first.rep);
    if (key === null || !accs.has(key)) continue;
    for (const p of inPeriods(first.date)) accs.get(key)![p].fresh.add(c);
  }

  // The plan: per rep and per region, month and YTD, in fen.
  const plan = input.plan?.plan ?? null;
  const planUnit = plan?.unit ?? null;
  const regionPlan = new Map<string, Record<Period, Fen>>();
  const repPlanned = new Set<string>();
  if (plan && planUnit !== 'units') {
    for (const row of plan.rows) {
      const monthFen = planFen(row.months[monthIndex] ?? 0, planUnit!);
      let ytdFen = 0n;
      for (let i = 0; i <= monthIndex; i++) ytdFen += planFen(row.months[i] ?? 0, planUnit!);
      if (row.rep?.trim()) {
        const key = noteRep(row.rep, row.region, '');
        repPlanned.add(key);
        const all = accs.get(key)!;
        all.month.plan = (all.month.plan ?? 0n) + monthFen;
        all.ytd.plan = (all.ytd.plan ?? 0n) + ytdFen;
      }
      const region = row.region?.trim();
      if (region) {
        const sums = regionPlan.get(region) ?? { month: 0n, ytd: 0n };
        sums.month += monthFen;
        sums.ytd += ytdFen;
        regionPlan.set(region, sums);
      }
    }
  }
  if (!plan)
    notes.push(
      msg(
        `${year} 年还没有发布计划：计划达成率为空。`,
        `No plan is published for ${year}: completion is empty.`,
      ),
    );
  else if (planUnit === 'units')
    notes.push(
      msg(
        `${year} 年计划按数量（台）编制，不能与金额比较：计划达成率为空。`,
        `The ${year} plan is in units, not money: completion is empty.`,
      ),
    );
  if (foreign > 0)
    notes.push(
      msg(
        `${foreign} 行外币（非人民币）不计入考核（计划按人民币编制）。`,
        `${foreign} foreign-currency row(s) are left out (the plan is in CNY).`,
      ),
    );
  if (unassigned > 0)
    notes.push(
      msg(
        `${unassigned} 行没有业务员，不计入任何人的考核。`,
        `${unassigned} row(s) have no rep and count for nobody.`,
      ),
    );
  const synced = (input.openings ?? []).length > 0;
  notes.push(
    msg(
      `期初应收 = ${synced ? '已同步的期初余额 + ' : ''}已同步台账中期间开始前的发货 − 回款${synced ? '' : '（未同步期初余额表）'}；新客户 = 已同步销售台账中首次下单在本期的客户。`,
      `Opening receivable = ${synced ? 'the synced opening balances + ' : ''}shipments − receipts before the period in the synced ledgers${synced ? '' : ' (no opening-balance sheet)'}; a new customer = first order in the synced sales ledger falls in the period.`,
    ),
  );

  const noPlanReason = (key: string, acc: Acc): MonthEndText | null => {
    if (!plan) return msg(`${year} 年没有已发布的计划`, `no plan published for ${year}`);
    if (planUnit === 'units') return msg('计划按数量编制', 'the plan is in units');
    if (!repPlanned.has(key)) return msg('计划中没有该业务员的行', 'the plan has no row for this rep');
    if (acc.plan === 0n) return msg('本期计划为 0', 'the plan for the period is 0');
    return null;
  };
  const score = (p: Period, acc: Acc, reason: MonthEndText | null): Omit<PeriodScore, 'ranks'> => {
    const completion = reason === null && acc.plan !== null ? rateText(acc.actual, acc.plan) : null;
    return {
      ...periods[p],
      plan: acc.plan === null ? null : fenText(acc.plan),
      actual: fenText(acc.actual),
      completion,
      completionNote:
        completion === null ? (reason ?? msg('本期计划为 0', 'the plan for the period is 0')) : null,
      openingReceivable: fenText(acc.opening),
      shipments: fenText(acc.shipments),
      receipts: fenText(acc.receipts),
      collectionRate: rateText(acc.receipts, acc.opening + acc.shipments),
      collectionRateOfShipments: rateText(acc.receipts, acc.shipments),
      newCustomers: acc.fresh.size,
      activeCustomers: acc.active.size,
      newCustomerRate: rateText(BigInt(acc.fresh.size), BigInt(acc.active.size)),
    };
  };
  const withRanks = <T extends Record<Period, Omit<PeriodScore, 'ranks'>>>(
    rows: T[],
  ): (Omit<T, Period> & Record<Period, PeriodScore>)[] => {
    const ranked = { month: [] as PeriodScore[], ytd: [] as PeriodScore[] };
    for (const p of ['month', 'ytd'] as const) {
      const list = rows.map((r) => r[p]);
      const c = rank(list, (s) => s.completion);
      const k = rank(list, (s) => s.collectionRate);
      const n = rank(list, (s) => s.newCustomerRate);
      ranked[p] = list.map((s, i) => ({
        ...s,
        ranks: { completion: c[i]!, collection: k[i]!, newCustomers: n[i]! },
      }));
    }
    return rows.map((r, i) => ({ ...r, month: ranked.month[i]!, ytd: ranked.ytd[i]! }));
  };

  const repRows = [...reps.entries()]
    .sort(([, a], [, b]) => (a.rep < b.rep ? -1 : a.rep > b.rep ? 1 : 0))
    .map(([key, r]) => {
      const all = accs.get(key)!;
      return {
        rep: r.rep,
        region: r.region,
        month: score('month', all.month, noPlanReason(key, all.month)),
        ytd: score('ytd', all.ytd, noPlanReason(key, all.ytd)),
      };
    });

  // Regions: sums over their reps; the plan is the plan's rows of the region.
  const regionAccs = new Map<string, { reps: number } & Record<Period, Acc>>();
  for (const [key, r] of reps) {
    if (!r.region) continue;
    const into = regionAccs.get(r.region) ?? { reps: 0, month: newAcc(), ytd: newAcc() };
    into.reps++;
    for (const p of ['month', 'ytd'] as const) {
      const from = accs.get(key)![p];
      const to = into[p];
      to.actual += from.actual;
      to.opening += from.opening;
      to.shipments += from.shipments;
      to.receipts += from.receipts;
      from.active.forEach((c) => to.active.add(c));
      from.fresh.forEach((c) => to.fresh.add(c));
    }
    regionAccs.set(r.region, into);
  }
  const regionRows = [...regionAccs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([region, r]) => {
      const planned = regionPlan.get(region);
      const reason = (p: Period): MonthEndText | null => {
        if (!plan) return msg(`${year} 年没有已发布的计划`, `no plan published for ${year}`);
        if (planUnit === 'units') return msg('计划按数量编制', 'the plan is in units');
        if (!planned) return msg('计划中没有该片区的行', 'the plan has no row for this region');
        r[p].plan = planned[p];
        return planned[p] === 0n ? msg('本期计划为 0', 'the plan for the period is 0') : null;
      };
      return {
        region,
        reps: r.reps,
        month: score('month', r.month, reason('month')),
        ytd: score('ytd', r.ytd, reason('ytd')),
      };
    });

  return {
    month,
    basis,
    basisLabel: SCORECARD_BASIS_LABELS[basis],
    planVersion: input.plan?.version ?? null,
    formulas: SCORECARD_FORMULAS,
    reps: withRanks(repRows) as RepScore[],
    regions: withRanks(regionRows) as RegionScore[],
    notes,
  };
}
