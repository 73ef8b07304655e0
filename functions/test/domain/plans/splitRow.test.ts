import fc from 'fast-check';
import { lockedByMonth, monthOfKey, splitRow } from '../../../src/domain/plans/splitRow';

const fen = (x: number): number => Math.round(x * 100);
const EVEN = new Array<number>(12).fill(1);

/** A row with locks: up to 11 locked months whose amounts together stay within the annual figure. */
const rowWithLocks = fc
  .record({
    annualFen: fc.integer({ min: 0, max: 1e12 }),
    lockedMonths: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 11 }),
    lockShares: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 11, maxLength: 11 }),
  })
  .map(({ annualFen, lockedMonths, lockShares }) => {
    const locked: Record<string, number> = {};
    lockedMonths.forEach((month, i) => {
      // Each lock at most 1/12 of the annual figure, so the locks never exceed it.
      locked[String(month)] = Math.floor((annualFen * (lockShares[i] ?? 0)) / 12_000) / 100;
    });
    return { annual: annualFen / 100, locked };
  });

const weights12 = fc.array(
  fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 50, noNaN: true })),
  { minLength: 12, maxLength: 12 },
);

describe('splitRow', () => {
  it('keeps a locked month exactly and spreads the rest over the other months', () => {
    const { months } = splitRow({ annual: 1_000_000, locked: { '3': 800_000 } }, EVEN, 1);
    expect(months[2]).toBe(800_000);
    expect(months.reduce((s, m) => s + m, 0)).toBe(1_000_000);
    // 200,000 over 11 months: 18,181.8… → eight months of 18,182 and three of 18,181 (earliest first).
    expect(months.filter((m) => m === 18_182)).toHaveLength(9);
    expect(months.filter((m) => m === 18_181)).toHaveLength(2);
    expect(months.slice(10)).toEqual([18_181, 18_181]);
  });

  it('spreads evenly over the unlocked months when their weights are all zero, and says so', () => {
    const weights = [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0];
    const result = splitRow({ annual: 1200, locked: { '7': 100 } }, weights, 1);
    expect(result.spreadEvenly).toBe(true);
    expect(result.months).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    expect(splitRow({ annual: 1200 }, weights, 1).spreadEvenly).toBe(false);
  });

  it('puts the part that is not a multiple of roundTo on the heaviest unlocked month', () => {
    const weights = [1, 1, 1, 1, 1, 9, 1, 1, 1, 1, 1, 5];
    // 12,367 less the locked 45 leaves 12,322: 12,300 is spread in hundreds, the odd 22 joins December.
    const result = splitRow({ annual: 12_367, locked: { '6': 45 } }, weights, 100);
    expect(result.remainderMonth).toBe(12);
    expect(result.months[5]).toBe(45);
    expect(result.months[11]! % 100).toBe(22);
    expect(result.months.filter((m, i) => i !== 5 && i !== 11).every((m) => m % 100 === 0)).toBe(true);
    expect(result.months.reduce((s, m) => s + m, 0)).toBe(12_367);
  });

  it('accepts a fully locked row that adds up, and rejects locks above the annual figure', () => {
    const locked = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), 10]));
    expect(splitRow({ annual: 120, locked }, EVEN, 1).months).toEqual(new Array(12).fill(10));
    expect(() => splitRow({ annual: 121, locked }, EVEN, 1)).toThrow(RangeError);
    expect(() => splitRow({ annual: 10, locked: { '1': 11 } }, EVEN, 1)).toThrow(RangeError);
    expect(() => splitRow({ annual: 10, locked: { '13': 1 } }, EVEN, 1)).toThrow(RangeError);
  });

  it('reads locked keys 1–12 with or without a leading zero', () => {
    expect(monthOfKey('03')).toBe(3);
    expect(monthOfKey('12')).toBe(12);
    expect(monthOfKey('0')).toBeNull();
    expect(monthOfKey('13')).toBeNull();
    expect(monthOfKey('3.0')).toBeNull();
    expect(lockedByMonth({ '1': 5, '12': 7 })).toEqual([5, ...new Array(10).fill(undefined), 7]);
  });

  it('property: months add up exactly, locks hold, none negative, deterministic', () => {
    fc.assert(
      fc.property(rowWithLocks, weights12, fc.constantFrom(1, 0.01, 100, 10000), (row, weights, roundTo) => {
        const result = splitRow(row, weights, roundTo);
        const { months } = result;
        expect(months).toHaveLength(12);
        expect(months.reduce((s, m) => s + fen(m), 0)).toBe(fen(row.annual));
        for (const [key, amount] of Object.entries(row.locked)) expect(months[Number(key) - 1]).toBe(amount);
        for (const m of months) expect(m).toBeGreaterThanOrEqual(0);
        const step = fen(roundTo);
        months.forEach((m, i) => {
          const isLocked = String(i + 1) in row.locked;
          if (!isLocked && i + 1 !== result.remainderMonth) expect(fen(m) % step).toBe(0);
        });
        expect(splitRow(row, weights, roundTo)).toEqual(result);
      }),
      { numRuns: 400 },
    );
  });
});
