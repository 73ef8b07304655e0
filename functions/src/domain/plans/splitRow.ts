/**
 * One plan row: locked months (manual overrides) stay exactly as typed; the rest of the annual figure is
 * spread over the unlocked months by their weights, in multiples of roundTo, adding up exactly.
 */
import { fromUnits, scaleOf, toUnits } from '../../contract/decimal';
import { apportionInSteps, integerWeights } from './largestRemainder';

export const MONTHS = 12;

/** Month number (1–12) from a `locked` key: '3' or '03'; null otherwise. */
export function monthOfKey(key: string): number | null {
  return /^(0?[1-9]|1[0-2])$/.test(key) ? Number(key) : null;
}

/** Locked amounts by month index 0–11 (undefined = not locked). Throws on a key outside 1–12. */
export function lockedByMonth(locked: Readonly<Record<string, number>> | undefined): (number | undefined)[] {
  const months: (number | undefined)[] = new Array<number | undefined>(MONTHS).fill(undefined);
  for (const [key, amount] of Object.entries(locked ?? {})) {
    const month = monthOfKey(key);
    if (month === null) throw new RangeError(`locked month ${key} is outside 1–12`);
    months[month - 1] = amount;
  }
  return months;
}

export interface RowSplitUnits {
  months: bigint[];
  /** The unlocked months' weights were all zero, so the rest was spread evenly over them. */
  spreadEvenly: boolean;
  /** Month (1–12) that took the part of the rest that is not a multiple of roundTo, if any. */
  remainderMonth: number | null;
}

/** The integer core: all amounts in units of 10^-scale; `step` is roundTo in those units. */
export function splitRowUnits(
  annual: bigint,
  locked: readonly (bigint | undefined)[],
  weights: readonly bigint[],
  step: bigint,
): RowSplitUnits {
  if (weights.length !== MONTHS) throw new RangeError('a row needs 12 weights');
  const months: bigint[] = new Array<bigint>(MONTHS).fill(0n);
  const open: number[] = [];
  let rest = annual;
  for (let m = 0; m < MONTHS; m++) {
    const fixed = locked[m];
    if (fixed === undefined) open.push(m);
    else {
      if (fixed < 0n) throw new RangeError(`locked month ${m + 1} is negative`);
      months[m] = fixed;
      rest -= fixed;
    }
  }
  if (rest < 0n) throw new RangeError('locked months add up to more than the annual figure');
  if (open.length === 0) {
    if (rest !== 0n) throw new RangeError('all 12 months are locked but do not add up to the annual figure');
    return { months, spreadEvenly: false, remainderMonth: null };
  }
  const openWeights = open.map((m) => weights[m] ?? 0n);
  const spreadEvenly = rest > 0n && openWeights.every((w) => w === 0n);
  const { parts, oddIndex } = apportionInSteps(rest, step, openWeights);
  open.forEach((m, i) => {
    months[m] = parts[i] ?? 0n;
  });
  const oddMonth = oddIndex === null ? undefined : open[oddIndex];
  return { months, spreadEvenly, remainderMonth: oddMonth === undefined ? null : oddMonth + 1 };
}

export interface RowSplit {
  /** 12 amounts in the row's unit, adding up exactly to `annual`. */
  months: number[];
  spreadEvenly: boolean;
  remainderMonth: number | null;
}

/** Split one row's annual figure into 12 months keeping its locked months. */
export function splitRow(
  row: { readonly annual: number; readonly locked?: Readonly<Record<string, number>> },
  weights: readonly number[],
  roundTo: number,
): RowSplit {
  if (!(row.annual >= 0)) throw new RangeError(`annual ${row.annual} must not be negative`);
  if (!(roundTo > 0)) throw new RangeError(`roundTo ${roundTo} must be positive`);
  const locked = lockedByMonth(row.locked);
  const scale = Math.max(
    scaleOf(row.annual),
    scaleOf(roundTo),
    ...locked.map((x) => (x === undefined ? 0 : scaleOf(x))),
  );
  const result = splitRowUnits(
    toUnits(row.annual, scale),
    locked.map((x) => (x === undefined ? undefined : toUnits(x, scale))),
    integerWeights(weights),
    toUnits(roundTo, scale),
  );
  return {
    months: result.months.map((u) => fromUnits(u, scale)),
    spreadEvenly: result.spreadEvenly,
    remainderMonth: result.remainderMonth,
  };
}
