/**
 * Money as integer fen (0.01 yuan) and percentages as integer basis points (0.01 %).
 *
 * Reading a yuan amount:
 * - text is read as the decimal it spells; a JSON/Excel number is read the way Excel shows it
 *   (15 significant digits), so float artefacts such as 0.1 + 0.2 = 0.30000000000000004 count as 0.30;
 * - digits beyond the fen are rounded half-up on that decimal (half away from zero, 四舍五入):
 *   1.005 → 101 fen, 1.004 → 100 fen, -1.005 → -101 fen; `mode: 'exact'` refuses them instead;
 * - NaN, ±Infinity, empty or non-decimal text (`¥`, `,`, `万`: the cell reader's job) and amounts
 *   beyond Number.MAX_SAFE_INTEGER fen are refused.
 * Rounding of derived prices: the lowest allowed price after a discount rounds UP to the fen (the
 * policy is never undercut); tax conversions round half-up, as an invoice does.
 */

/** An amount in fen (integer). */
export type Fen = number;
/** A percentage in basis points: 1 bp = 0.01 %, 10000 bp = 100 %. */
export type BasisPoints = number;
export type RoundingMode = 'halfUp' | 'exact';

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * The decimal `value` spells, scaled by 10^shift and rounded half-up to an integer (or refused when
 * `exact` and digits would be dropped). Undefined when it is not a finite decimal or the result is unsafe.
 */
function scaleDecimal(value: number | string, shift: number, mode: RoundingMode): number | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    // Fast path: well away from a rounding boundary the float and its decimal round alike.
    const scaled = value * 10 ** shift;
    const nearest = Math.round(scaled);
    if (Math.abs(scaled) < 2 ** 40) {
      const gap = Math.abs(scaled - nearest);
      // 'exact' must still see every digit, so it only takes values that land on a whole fen.
      if (gap === 0 || (mode === 'halfUp' && gap < 0.49)) return nearest === 0 ? 0 : nearest;
    }
    text = value.toPrecision(15);
  } else {
    text = value.trim();
  }
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const digits = whole + fraction;
  // Position of the decimal point inside `digits` after scaling.
  const point = whole.length + Number(exponent) + shift;
  let kept: string;
  let dropped: string;
  if (point <= 0) {
    kept = '';
    dropped = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    kept = digits + '0'.repeat(point - digits.length);
    dropped = '';
  } else {
    kept = digits.slice(0, point);
    dropped = digits.slice(point);
  }
  if (mode === 'exact' && /[1-9]/.test(dropped)) return undefined;
  let magnitude = kept === '' ? 0 : Number(kept);
  if (dropped !== '' && dropped.charCodeAt(0) >= 53 /* '5' */) magnitude += 1;
  if (!Number.isSafeInteger(magnitude)) return undefined;
  return sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
}

/** Fen from a yuan amount (number or decimal text), or undefined when it cannot be read. */
export function tryYuanToFen(value: unknown, mode: RoundingMode = 'halfUp'): Fen | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  return scaleDecimal(value, 2, mode);
}

/** Fen from a yuan amount; throws RangeError when it cannot be read (see the module comment). */
export function yuanToFen(value: number | string, mode: RoundingMode = 'halfUp'): Fen {
  const fen = tryYuanToFen(value, mode);
  if (fen === undefined) {
    throw new RangeError(
      mode === 'exact'
        ? `not an amount exact to the fen: ${String(value)}`
        : `not a finite yuan amount: ${String(value)}`,
    );
  }
  return fen;
}

/** Yuan as a JSON number (the nearest double to the 2-decimal amount, e.g. 875.5). */
export function fenToYuan(fen: Fen): number {
  return fen / 100;
}

/** `123456` → `1,234.56` (for messages; always two decimals). */
export function formatFen(fen: Fen): string {
  const abs = Math.abs(fen);
  const cents = abs % 100;
  let whole = (abs - cents) / 100;
  let groups = '';
  while (whole >= 1000) {
    const group = whole % 1000;
    groups = `,${group < 10 ? '00' : group < 100 ? '0' : ''}${group}${groups}`;
    whole = (whole - group) / 1000;
  }
  return `${fen < 0 ? '-' : ''}${whole}${groups}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Basis points from a percentage as a sheet holds it: text with `%` is a percentage (`'12.5%'` → 1250);
 * a number, or text without `%`, is a fraction as Excel stores a percent cell (`0.125` → 1250).
 * Rounded half-up to the basis point. Undefined when it cannot be read.
 */
export function tryPctToBp(value: unknown): BasisPoints | undefined {
  if (typeof value === 'number') return scaleDecimal(value, 4, 'halfUp');
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFKC').trim();
  if (text.endsWith('%')) return scaleDecimal(text.slice(0, -1), 2, 'halfUp');
  return scaleDecimal(text, 4, 'halfUp');
}

/** As tryPctToBp; throws RangeError when the value cannot be read. */
export function pctToBp(value: number | string): BasisPoints {
  const bp = tryPctToBp(value);
  if (bp === undefined) throw new RangeError(`not a percentage: ${String(value)}`);
  return bp;
}

/** Basis points from a percent number as the API carries it (`12.5` means 12.5 % → 1250). */
export function percentToBp(percent: number): BasisPoints | undefined {
  return scaleDecimal(percent, 2, 'halfUp');
}

/** `1250` → `12.5` (percent number, as the API carries it). */
export function bpToPercent(bp: BasisPoints): number {
  return bp / 100;
}

/** `1250` → `12.5%`, `2000` → `20%` (for messages). */
export function formatBp(bp: BasisPoints): string {
  return `${bpToPercent(bp)}%`;
}

/** floor(a × b / d) and the remainder, exact for non-negative safe integers (BigInt past 2^53). */
function mulDiv(a: number, b: number, d: number): { quotient: number; remainder: number } {
  const product = a * b;
  if (Number.isSafeInteger(product)) {
    let quotient = Math.floor(product / d);
    let remainder = product - quotient * d;
    // Float division can land one off near large integers; settle it exactly.
    if (remainder < 0) {
      quotient -= 1;
      remainder += d;
    } else if (remainder >= d) {
      quotient += 1;
      remainder -= d;
    }
    return { quotient, remainder };
  }
  const big = BigInt(a) * BigInt(b);
  const bigD = BigInt(d);
  return { quotient: Number(big / bigD), remainder: Number(big % bigD) };
}

function assertFen(fen: Fen, name: string): void {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new RangeError(`${name} must be a non-negative integer fen: ${fen}`);
}

function assertBp(bp: BasisPoints, max: number): void {
  if (!Number.isSafeInteger(bp) || bp < 0 || bp > max)
    throw new RangeError(`basis points out of range: ${bp}`);
}

/**
 * The price after taking `bp` off `fen`, rounded UP to the fen: used for the lowest allowed price,
 * so rounding never lets a price under the policy. `bp` in 0..10000.
 */
export function applyDiscount(fen: Fen, bp: BasisPoints): Fen {
  assertFen(fen, 'price');
  assertBp(bp, 10000);
  const { quotient, remainder } = mulDiv(fen, 10000 - bp, 10000);
  return remainder > 0 ? quotient + 1 : quotient;
}

function halfUp(fen: Fen, multiplier: number, divisor: number): Fen {
  const sign = fen < 0 ? -1 : 1;
  const { quotient, remainder } = mulDiv(Math.abs(fen), multiplier, divisor);
  const rounded = remainder * 2 >= divisor ? quotient + 1 : quotient;
  return rounded === 0 ? 0 : sign * rounded;
}

/** Tax-inclusive price from a tax-exclusive one: fen × (1 + VAT), half-up to the fen. */
export function exclusiveToInclusive(fen: Fen, vatBp: BasisPoints): Fen {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`price must be an integer fen: ${fen}`);
  assertBp(vatBp, 1_000_000);
  return halfUp(fen, 10000 + vatBp, 10000);
}

/** Tax-exclusive price from a tax-inclusive one: fen ÷ (1 + VAT), half-up to the fen. */
export function inclusiveToExclusive(fen: Fen, vatBp: BasisPoints): Fen {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`price must be an integer fen: ${fen}`);
  assertBp(vatBp, 1_000_000);
  return halfUp(fen, 10000, 10000 + vatBp);
}

/**
 * How far `priceFen` is below `listFen`, in basis points of the list price, half-up
 * (negative when the price is above list). `listFen` must be positive.
 */
export function discountBp(listFen: Fen, priceFen: Fen): BasisPoints {
  if (!Number.isSafeInteger(listFen) || listFen <= 0)
    throw new RangeError(`list price must be positive: ${listFen}`);
  return halfUp(listFen - priceFen, 10000, listFen);
}

/** Like discountBp but rounded down: the discount a lowest price allows is never overstated. */
export function allowedDiscountBp(listFen: Fen, minFen: Fen): BasisPoints {
  if (!Number.isSafeInteger(listFen) || listFen <= 0)
    throw new RangeError(`list price must be positive: ${listFen}`);
  const off = listFen - minFen;
  if (off <= 0) return off === 0 ? 0 : -mulDivCeil(-off, 10000, listFen);
  return mulDiv(off, 10000, listFen).quotient;
}

function mulDivCeil(a: number, b: number, d: number): number {
  const { quotient, remainder } = mulDiv(a, b, d);
  return remainder > 0 ? quotient + 1 : quotient;
}
