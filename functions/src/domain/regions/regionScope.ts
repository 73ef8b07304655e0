/**
 * Who may see which 片区 (sales region): a regional manager reads only their own region's customers and
 * reps; the head, the clerk and Finance read every region. Pure rules over ledger rows and answers, so
 * the receivables, statements and scorecard handlers (and the worksheet functions through them) give
 * one verdict for one customer or rep.
 *
 * A customer's 片区: the latest ledger row of the customer (shipment, receipt, 期初余额) that names one;
 * else the 片区 of the rep on the customer's latest row that names a rep. A rep's 片区: the latest row
 * naming both. Neither known → the customer is withheld from a manager, and counted.
 */
import type { OpeningRow, OrderRow, ReceiptRow, ShipmentRow } from '../../contract/monthEnd';
import type { ReceivablesResult } from '../receivables';
import type { ScorecardResponse } from '../../contract/scorecard';
import type { RegionScopeAnswer } from '../../contract/regions';
import { bilingual, type Bilingual } from '../../contract/text';
import { chinaDate } from '../monthEnd/chinaTime';
import { normalizeText } from '../monthEnd/ledgerKeys';
import { fenText, toFen, type Fen } from '../monthEnd/money';

/** Every region, or only these (a manager's; never empty: a manager without a region is refused). */
export type RegionScope =
  { readonly all: true } | { readonly all: false; readonly regions: readonly string[] };

export const ALL_REGIONS: RegionScope = { all: true };

/** `华东`, `华东片区`, `ＨＵＡＤＯＮＧ ` → one key: case-, width- and space-insensitive, `片区` suffix ignored. */
export function regionKey(region: string | null | undefined): string {
  return normalizeText(region).replace(/片区$/, '');
}

/** True when `region` (a row's or rep's 片区; null = unknown) may be shown under `scope`. */
export function inScope(scope: RegionScope, region: string | null | undefined): boolean {
  if (scope.all) return true;
  const key = regionKey(region);
  return key !== '' && scope.regions.some((r) => regionKey(r) === key);
}

type Dated = { readonly date: string; readonly value: string };

/** Customers' and reps' 片区 from the ledger rows (see the file comment). */
export interface RegionIndex {
  /** The customer's 片区, or null when no row says (directly or through its rep). */
  customer(name: string): string | null;
  /** The rep's 片区, or null. */
  rep(name: string): string | null;
  /** True when the rows know the customer at all. */
  knowsCustomer(name: string): boolean;
}

export interface RegionRows {
  /** 销售台账 rows: the ledger that carries 业务员 and 片区 (发货台账 and 回款台账 usually do not). */
  readonly orders?: readonly OrderRow[];
  readonly shipments?: readonly ShipmentRow[];
  readonly receipts?: readonly ReceiptRow[];
  readonly openings?: readonly OpeningRow[];
  /** Rows after this date (`YYYY-MM-DD`) are ignored, as the answer ignores them. */
  readonly upTo?: string;
}

export function regionIndex(rows: RegionRows): RegionIndex {
  const customerRegion = new Map<string, Dated>();
  const customerRep = new Map<string, Dated>();
  const repRegion = new Map<string, Dated>();
  const known = new Set<string>();
  const later = (map: Map<string, Dated>, key: string, date: string, value: string | null | undefined) => {
    const v = value?.trim();
    if (!v || key === '') return;
    const was = map.get(key);
    if (!was || date >= was.date) map.set(key, { date, value: v });
  };
  const see = (customer: string, rawDate: string, rep?: string | null, region?: string | null) => {
    const date = chinaDate(rawDate);
    if (!date || (rows.upTo && date > rows.upTo)) return;
    const c = normalizeText(customer);
    known.add(c);
    later(customerRegion, c, date, region);
    later(customerRep, c, date, rep);
    if (rep?.trim()) later(repRegion, normalizeText(rep), date, region);
  };
  for (const o of rows.orders ?? []) see(o.customer, o.date, o.rep, o.region);
  for (const s of rows.shipments ?? []) see(s.customer, s.shipDate, s.rep, s.region);
  for (const r of rows.receipts ?? []) see(r.customer, r.date, r.rep, r.region);
  for (const o of rows.openings ?? []) see(o.customer, o.date, o.rep, o.region);
  const rep = (name: string): string | null => repRegion.get(normalizeText(name))?.value ?? null;
  return {
    rep,
    customer(name) {
      const c = normalizeText(name);
      const direct = customerRegion.get(c)?.value;
      if (direct) return direct;
      const r = customerRep.get(c)?.value;
      return r ? rep(r) : null;
    },
    knowsCustomer: (name) => known.has(normalizeText(name)),
  };
}

/** Why a manager may not read a customer or rep: its 片区 is another one, or not known. */
export type OutOfScope =
  { readonly reason: 'otherRegion'; readonly region: string } | { readonly reason: 'unknownRegion' };

/** Null when `region` is within the scope, else why not. */
export function outOfScope(scope: RegionScope, region: string | null): OutOfScope | null {
  if (inScope(scope, region)) return null;
  return region?.trim() ? { reason: 'otherRegion', region: region.trim() } : { reason: 'unknownRegion' };
}

const regionList = (scope: RegionScope): string => (scope.all ? '' : scope.regions.join('、'));

/** The scope part of an answer, with the note that says what was left out. */
export function scopeAnswer(
  scope: RegionScope,
  unknownRegion: number,
  what: 'customers' | 'reps',
): RegionScopeAnswer {
  if (scope.all) return { regions: null, unknownRegion: 0, note: null };
  const list = regionList(scope);
  const zhWhat = what === 'customers' ? '客户' : '业务员';
  const note: Bilingual =
    unknownRegion > 0
      ? bilingual(
          `只列出片区 ${list} 的${zhWhat}；另有 ${unknownRegion} 个${zhWhat}在台账中没有片区（也无法从业务员推定），未列出：请内勤在台账中补填片区。`,
          `Only ${what} of region ${list} are listed; ${unknownRegion} more ${what} have no region in the ledgers (nor through their rep) and are not listed: ask the clerk to fill in 片区.`,
        )
      : bilingual(`只列出片区 ${list} 的${zhWhat}。`, `Only ${what} of region ${list} are listed.`);
  return { regions: [...scope.regions], unknownRegion, note };
}

/**
 * The receivables a scope may see: customers of its regions only, totals summed again over them (in
 * fen). Customers of other regions are simply not the manager's; those of no known region are counted.
 */
export function scopeReceivables(
  result: ReceivablesResult,
  scope: RegionScope,
  index: RegionIndex,
): { readonly result: ReceivablesResult; readonly scope: RegionScopeAnswer } {
  if (scope.all) return { result, scope: scopeAnswer(scope, 0, 'customers') };
  const unknown = new Set<string>();
  const customers = result.customers.filter((c) => {
    const region = index.customer(c.customer) ?? c.region ?? (c.rep ? index.rep(c.rep) : null);
    if (!region?.trim()) unknown.add(normalizeText(c.customer));
    return inScope(scope, region);
  });
  const sums = new Map<string, { closing: Fen; buckets: Fen[] }>();
  for (const c of customers) {
    const t = sums.get(c.currency) ?? { closing: 0n, buckets: c.aging.map(() => 0n) };
    t.closing += toFen(c.closing);
    c.aging.forEach((b, i) => (t.buckets[i]! += toFen(b.amount)));
    sums.set(c.currency, t);
  }
  const totals = result.totals
    .filter((t) => sums.has(t.currency))
    .map((t) => {
      const s = sums.get(t.currency)!;
      return {
        currency: t.currency,
        closing: fenText(s.closing),
        aging: t.aging.map((b, i) => ({ ...b, amount: fenText(s.buckets[i]!) })),
      };
    });
  return {
    result: { ...result, customers, totals },
    scope: scopeAnswer(scope, unknown.size, 'customers'),
  };
}

/** The note on ranks in a region-limited scorecard: they stay the company's (one answer everywhere). */
export const COMPANY_RANKS_NOTE = bilingual(
  '排名为全公司排名（业务员在全部业务员中、片区在全部片区中），与部长看到的一致。',
  'Ranks are company ranks (a rep among all reps, a region among all regions), the same as the head sees.',
);

/**
 * The scorecard a scope may see: its regions' reps and roll-ups. Ranks are left as computed over the
 * whole company, so a rep's rank is the same for the manager, the head and =SALES.KPI.
 */
export function scopeScorecard(
  card: ScorecardResponse,
  scope: RegionScope,
): { readonly card: ScorecardResponse; readonly scope: RegionScopeAnswer } {
  if (scope.all) return { card, scope: scopeAnswer(scope, 0, 'reps') };
  const unknown = card.reps.filter((r) => !r.region?.trim()).length;
  const answer = scopeAnswer(scope, unknown, 'reps');
  return {
    card: {
      ...card,
      reps: card.reps.filter((r) => inScope(scope, r.region)),
      regions: card.regions.filter((r) => inScope(scope, r.region)),
      notes: [...card.notes, ...(answer.note ? [answer.note] : []), COMPANY_RANKS_NOTE],
    },
    scope: answer,
  };
}

/**
 * The 信用预警 a scope may see: flags of its regions' customers only (the customer's 片区 as the
 * receivables find it); flagged customers of no known region are withheld and counted.
 */
export function scopeCreditFlags<F extends { readonly customer: string }>(
  flags: readonly F[],
  scope: RegionScope,
  index: RegionIndex,
): { readonly flags: F[]; readonly scope: RegionScopeAnswer } {
  if (scope.all) return { flags: [...flags], scope: scopeAnswer(scope, 0, 'customers') };
  const unknown = new Set<string>();
  const kept = flags.filter((f) => {
    const region = index.customer(f.customer);
    if (!region?.trim()) unknown.add(normalizeText(f.customer));
    return inScope(scope, region);
  });
  return { flags: kept, scope: scopeAnswer(scope, unknown.size, 'customers') };
}
