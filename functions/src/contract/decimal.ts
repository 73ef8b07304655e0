/**
 * Exact decimal amounts as integer units. A JSON number is read the way Excel shows it (15 significant
 * digits), so float artefacts such as 1234.5600000000001 count as 1234.56, then every sum and split
 * works on bigint units of 10^-scale: never on binary floats.
 * It lives in contract/ because the contract checks amounts on the wire with it and contract/ imports
 * nothing above itself; the domain and the add-in use the same functions.
 */

export interface Decimal {
  /** The amount times 10^scale, exactly. */
  readonly units: bigint;
  /** Decimal places (>= 0). */
  readonly scale: number;
}

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/** The decimal a person meant by `x`: its 15 significant digits, trailing zeros dropped. */
export function toDecimal(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (Number.isSafeInteger(x)) return { units: BigInt(x), scale: 0 };
  const match = DECIMAL_TEXT.exec(x.toPrecision(15));
  if (!match) throw new RangeError(`cannot read ${x} as a decimal`);
  const [, sign = '', whole = '0', fraction = '', exponent = '0'] = match;
  const trimmed = fraction.replace(/0+$/, '');
  let digits = whole + trimmed;
  let scale = trimmed.length - Number(exponent);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  return { units: BigInt(sign + digits), scale };
}

/** Decimal places `x` needs. */
export function scaleOf(x: number): number {
  return toDecimal(x).scale;
}

const POWERS_OF_TEN: bigint[] = [1n];
function pow10(n: number): bigint {
  for (let i = POWERS_OF_TEN.length; i <= n; i++) POWERS_OF_TEN.push((POWERS_OF_TEN[i - 1] ?? 1n) * 10n);
  return POWERS_OF_TEN[n] ?? 10n ** BigInt(n);
}

/** `x` in units of 10^-scale; throws if `x` has more decimal places than `scale` (callers pick scale first). */
export function toUnits(x: number, scale: number): bigint {
  const d = toDecimal(x);
  if (d.scale > scale) throw new RangeError(`${x} has more than ${scale} decimal places`);
  return d.units * pow10(scale - d.scale);
}

/** Rescale units from one scale to a finer one (exact). */
export function rescale(units: bigint, from: number, to: number): bigint {
  if (to < from) throw new RangeError(`cannot rescale from ${from} to fewer places ${to}`);
  return units * pow10(to - from);
}

// Exact doubles for 10^0..10^22, so that n / 10^k is the correctly rounded decimal.
const FLOAT_POWERS = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The number closest to units × 10^-scale (what JSON will print as that decimal). */
export function fromUnits(units: bigint, scale: number): number {
  const power = FLOAT_POWERS[scale];
  if (power !== undefined && units <= MAX_SAFE && units >= -MAX_SAFE) return Number(units) / power;
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const cut = text.length - scale;
  return Number(`${negative ? '-' : ''}${text.slice(0, cut)}.${text.slice(cut)}`);
}

/** Sum of numbers, exact, as a number. */
export function exactSum(xs: readonly number[]): number {
  const scale = xs.reduce((s, x) => Math.max(s, scaleOf(x)), 0);
  return fromUnits(
    xs.reduce((sum, x) => sum + toUnits(x, scale), 0n),
    scale,
  );
}

/** -1, 0 or 1 as a is below, equal to or above b, compared as decimals. */
export function compareDecimal(a: number, b: number): number {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const x = toUnits(a, scale);
  const y = toUnits(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}
