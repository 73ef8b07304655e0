/**
 * 返点 (rebates) accrued year to date per customer: annual volume thresholds → rate, per customer class
 * and new/old customer. The rate of the highest tier reached applies to the whole year's volume (the
 * usual 返点 reading: reaching 1,000,000 元 earns 2% on all of it), accrued to the fen, half-up. Of the
 * tiers that match a customer only the most specific list counts (class and 新/老 > class > 新/老 > 全部).
 * Volume = net shipments (tax-inclusive, returns and allowances deducted) in CNY, 1 January to `through`.
 * Pure; the tiers come from the price policy (rebateTiers), the month-end run and the statements call it
 * through customerRebates.
 */
import type { MonthEndText, ShipmentRow } from '../../contract/monthEnd';
import { chinaDate } from '../monthEnd/chinaTime';
import { normalizeText } from '../monthEnd/ledgerKeys';
import { fenText, toFen, type Fen } from '../monthEnd/money';

export interface RebateTier {
  /** Customer class the tier is for (经销商…); absent = every class. */
  readonly customerClass?: string;
  /** 新客户 / 老客户 policy; absent = both. */
  readonly newCustomer?: boolean;
  /** Annual volume from which the rate applies, decimal yuan. */
  readonly threshold: string;
  /** Rate as decimal text: `"0.02"` = 2%. */
  readonly rate: string;
}

export interface RebateCustomer {
  readonly customer: string;
  readonly customerClass: string | null;
  readonly newCustomer: boolean | null;
}

export interface RebateAccrual {
  readonly customer: string;
  readonly volume: string;
  /** The tier reached (threshold and rate), null below the first tier. */
  readonly tier: { readonly threshold: string; readonly rate: string } | null;
  readonly accrued: string;
  /** The next tier and the volume still needed to reach it; null at the top tier or without tiers. */
  readonly next: { readonly threshold: string; readonly rate: string; readonly volumeNeeded: string } | null;
  readonly note: MonthEndText | null;
}

/** `"0.025"` → [25n, 1000n]. */
function rateParts(rate: string): [bigint, bigint] {
  if (!/^\d+(\.\d+)?$/.test(rate)) throw new RangeError(`not a rate: ${rate}`);
  const [whole = '0', fraction = ''] = rate.split('.');
  return [BigInt(whole + fraction), 10n ** BigInt(fraction.length)];
}

/** A rate as a percent for people, moving the decimal point: `"0.025"` → `2.5%` (no floating point). */
export function rateAsPercent(rate: string): string {
  const m = /^(\d*)\.?(\d*)$/.exec(rate.trim());
  if (!m) return rate;
  const whole = m[1] ?? '';
  const digits = `${whole}${(m[2] ?? '').padEnd(2, '0')}`;
  const cut = whole.length + 2;
  const int = digits.slice(0, cut).replace(/^0+(?=\d)/, '') || '0';
  const fraction = digits.slice(cut).replace(/0+$/, '');
  return `${int}${fraction ? `.${fraction}` : ''}%`;
}

/** fen × rate, half-up to the fen. */
export function applyRate(fen: Fen, rate: string): Fen {
  const [num, den] = rateParts(rate);
  const product = fen * num;
  const negative = product < 0n;
  const abs = negative ? -product : product;
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  return negative ? -q : q;
}

const specificity = (t: RebateTier): number =>
  (t.customerClass === undefined ? 0 : 2) + (t.newCustomer === undefined ? 0 : 1);

export function accrueRebates(input: {
  readonly year: number;
  /** Last date counted, `YYYY-MM-DD` within the year. */
  readonly through: string;
  readonly tiers: readonly RebateTier[];
  readonly customers: readonly RebateCustomer[];
  readonly shipments: readonly ShipmentRow[];
}): RebateAccrual[] {
  const from = `${input.year}-01-01`;
  const volume = new Map<string, Fen>();
  for (const s of input.shipments) {
    if (s.currency !== 'CNY') continue;
    const date = chinaDate(s.shipDate);
    if (!date || date < from || date > input.through) continue;
    const key = normalizeText(s.customer);
    volume.set(key, (volume.get(key) ?? 0n) + toFen(s.amount));
  }
  return input.customers.map((c) => {
    const fen = volume.get(normalizeText(c.customer)) ?? 0n;
    const matching = input.tiers.filter(
      (t) =>
        (t.customerClass === undefined ||
          normalizeText(t.customerClass) === normalizeText(c.customerClass)) &&
        (t.newCustomer === undefined || t.newCustomer === c.newCustomer),
    );
    // Only the most specific list applies (class and 新/老 > class > 新/老 > 全部), as with price rules:
    // mixing lists would let a 全部 tier reached later lower a class's rate as volume grows.
    const most = Math.max(...matching.map(specificity));
    const tiers = matching
      .filter((t) => specificity(t) === most)
      .map((t) => ({ ...t, fen: toFen(t.threshold) }))
      .sort((a, b) => (a.fen < b.fen ? -1 : a.fen > b.fen ? 1 : 0));
    const reached = tiers.filter((t) => fen >= t.fen).pop() ?? null;
    const next = tiers.find((t) => fen < t.fen) ?? null;
    return {
      customer: c.customer,
      volume: fenText(fen),
      tier: reached ? { threshold: fenText(reached.fen), rate: reached.rate } : null,
      accrued: fenText(reached && fen > 0n ? applyRate(fen, reached.rate) : 0n),
      next: next
        ? { threshold: fenText(next.fen), rate: next.rate, volumeNeeded: fenText(next.fen - fen) }
        : null,
      note:
        tiers.length === 0
          ? { 'zh-CN': '该客户类别没有返点档位', 'en-US': 'No rebate tiers for this customer class' }
          : null,
    };
  });
}
