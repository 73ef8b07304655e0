/**
 * Largest-remainder rounding (Hamilton's method) on integers: a count is split over weights so that the
 * parts add up to the count exactly. Ties are broken deterministically: larger remainder first, then larger
 * weight, then the earlier position (earlier month, earlier rep).
 */
import { fromUnits, scaleOf, toUnits } from '../../contract/decimal';

/** Split `count` (>= 0) over non-negative integer weights; all-zero weights split evenly. */
export function apportion(count: bigint, weights: readonly bigint[]): bigint[] {
  if (count < 0n) throw new RangeError('cannot apportion a negative count');
  if (weights.length === 0) throw new RangeError('cannot apportion over no weights');
  let total = 0n;
  for (const w of weights) {
    if (w < 0n) throw new RangeError('weights must not be negative');
    total += w;
  }
  const effective = total === 0n ? weights.map(() => 1n) : weights;
  const divisor = total === 0n ? BigInt(weights.length) : total;
  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let given = 0n;
  for (const w of effective) {
    const share = count * w;
    const part = share / divisor;
    parts.push(part);
    remainders.push(share % divisor);
    given += part;
  }
  let leftover = Number(count - given); // < weights.length
  if (leftover > 0) {
    const order = effective.map((_, i) => i);
    order.sort((a, b) => {
      const ra = remainders[a] ?? 0n;
      const rb = remainders[b] ?? 0n;
      if (ra !== rb) return ra > rb ? -1 : 1;
      const wa = effective[a] ?? 0n;
      const wb = effective[b] ?? 0n;
      if (wa !== wb) return wa > wb ? -1 : 1;
      return a - b;
    });
    for (const i of order) {
      if (leftover === 0) break;
      parts[i] = (parts[i] ?? 0n) + 1n;
      leftover--;
    }
  }
  return parts;
}

/** Position of the largest weight, the earliest on ties (0 when all are zero). */
export function heaviest(weights: readonly bigint[]): number {
  let best = 0;
  weights.forEach((w, i) => {
    if (w > (weights[best] ?? 0n)) best = i;
  });
  return best;
}

/** Non-negative number weights as integers on a common decimal scale (ratios kept exactly). */
export function integerWeights(weights: readonly number[]): bigint[] {
  const scale = weights.reduce((s, w) => Math.max(s, scaleOf(w)), 0);
  return weights.map((w) => {
    if (w < 0) throw new RangeError(`weight ${w} is negative`);
    return toUnits(w, scale);
  });
}

/**
 * Split `total` (in units of 10^-scale) into multiples of `step` over `weights`. When the total is not a
 * multiple of `step`, the odd remainder goes to the heaviest part so the parts still add up exactly.
 */
export function apportionInSteps(
  total: bigint,
  step: bigint,
  weights: readonly bigint[],
): { parts: bigint[]; oddIndex: number | null; odd: bigint } {
  if (step <= 0n) throw new RangeError('the rounding step must be positive');
  const odd = total % step;
  const parts = apportion(total / step, weights).map((k) => k * step);
  if (odd === 0n) return { parts, oddIndex: null, odd };
  const oddIndex = heaviest(weights);
  parts[oddIndex] = (parts[oddIndex] ?? 0n) + odd;
  return { parts, oddIndex, odd };
}

/**
 * Split `total` into parts that are multiples of `unit` (1 yuan, 0.01 万元, 100, …) in proportion to
 * `weights`, adding up exactly to `total`. Any part of `total` that is not a multiple of `unit` goes to the
 * largest-weight part (the earliest on ties). All-zero weights split evenly.
 */
export function largestRemainder(total: number, weights: readonly number[], unit: number): number[] {
  if (!(total >= 0)) throw new RangeError(`total ${total} must not be negative`);
  if (!(unit > 0)) throw new RangeError(`unit ${unit} must be positive`);
  const scale = Math.max(scaleOf(total), scaleOf(unit));
  const { parts } = apportionInSteps(toUnits(total, scale), toUnits(unit, scale), integerWeights(weights));
  return parts.map((p) => fromUnits(p, scale));
}

/** A region's total over its reps by shares (any non-negative numbers: percentages, headcount, …). */
export function splitByShares(regionTotal: number, shares: readonly number[], roundTo: number): number[] {
  return largestRemainder(regionTotal, shares, roundTo);
}
