/**
 * Month-end money: integer fen as bigint. Ledger sums run over tens of thousands of rows, so they are
 * bigint from the start: no float ever touches an amount, and no sum can pass 2^53.
 */
import { MONEY_PATTERN, type Money } from '../../contract/monthEnd';

export type Fen = bigint;

/** Fen from the wire's decimal-yuan text (`"-380.5"` → -38050n). Throws on anything else. */
export function toFen(money: Money): Fen {
  if (!MONEY_PATTERN.test(money)) throw new RangeError(`not an amount to the fen: ${money}`);
  const dot = money.indexOf('.');
  if (dot < 0) return BigInt(money) * 100n;
  // One BigInt per amount: "-380.5" → "-38050".
  return BigInt(money.slice(0, dot) + money.slice(dot + 1).padEnd(2, '0'));
}

/** `-38050n` → `"-380.50"`: always two decimals, the wire's form. */
export function fenText(fen: Fen): Money {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const cents = abs % 100n;
  return `${negative ? '-' : ''}${abs / 100n}.${cents < 10n ? '0' : ''}${cents}`;
}

/** `1234567n` → `"12,345.67"` for messages. */
export function formatFen(fen: Fen): string {
  const [whole = '', cents = ''] = fenText(fen).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/** Rate text (`"7.1234"`, 元 per unit) → [numerator, denominator] as bigints. */
function rateParts(rate: string): [bigint, bigint] {
  const [whole = '0', fraction = ''] = rate.split('.');
  return [BigInt(whole + fraction), 10n ** BigInt(fraction.length)];
}

/** fen × rate, half-up (away from zero) to the fen: a USD total in 元 at the stated rate. */
export function convertFen(fen: Fen, rate: string): Fen {
  const [num, den] = rateParts(rate);
  const negative = fen < 0n;
  const product = (negative ? -fen : fen) * num;
  let quotient = product / den;
  if ((product % den) * 2n >= den) quotient += 1n;
  return negative ? -quotient : quotient;
}
