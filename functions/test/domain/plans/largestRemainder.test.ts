import fc from 'fast-check';
import { apportion, largestRemainder, splitByShares } from '../../../src/domain/plans/largestRemainder';

/** Independent oracle: every amount in these tests has at most 2 decimals, so ×100 is an exact integer. */
const fen = (x: number): number => Math.round(x * 100);

const roundTos = fc.constantFrom(1, 0.01, 100, 10000);
const weight = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 1000 }),
  fc.double({ min: 0, max: 1000, noNaN: true, noDefaultInfinity: true }),
);
const weights12 = fc.oneof(
  fc.array(weight, { minLength: 12, maxLength: 12 }),
  fc.constant(new Array(12).fill(0)),
);

describe('apportion (integer core)', () => {
  it('breaks ties by larger remainder, then larger weight, then earlier position', () => {
    expect(apportion(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(apportion(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
    // Equal remainders (½ each): the larger weight wins over the earlier month.
    expect(apportion(2n, [1n, 3n])).toEqual([0n, 2n]);
    // Larger remainder first: quotas 1.4, 1.6 → the second gets the leftover unit.
    expect(apportion(3n, [7n, 8n])).toEqual([1n, 2n]);
  });

  it('splits evenly over all-zero weights and never gives to a zero weight otherwise', () => {
    expect(apportion(5n, [0n, 0n, 0n])).toEqual([2n, 2n, 1n]);
    expect(apportion(5n, [0n, 1n, 0n, 1n])).toEqual([0n, 3n, 0n, 2n]);
  });

  it('rejects negative counts and weights', () => {
    expect(() => apportion(-1n, [1n])).toThrow(RangeError);
    expect(() => apportion(1n, [1n, -1n])).toThrow(RangeError);
    expect(() => apportion(1n, [])).toThrow(RangeError);
  });
});

describe('largestRemainder', () => {
  it('gives 0.01 万元 months that add up to the annual figure', () => {
    expect(largestRemainder(1, new Array(12).fill(1), 0.01)).toEqual([
      0.09, 0.09, 0.09, 0.09, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08,
    ]);
  });

  it('puts the part that is not a multiple of the unit on the heaviest weight', () => {
    // 100.5 yuan at 1 yuan: 100 is split 25/50/25, the odd 0.5 goes to the heaviest (second) part.
    expect(largestRemainder(100.5, [1, 2, 1], 1)).toEqual([25, 50.5, 25]);
    // Heaviest ties go to the earlier part.
    expect(largestRemainder(250, [1, 1], 100)).toEqual([150, 100]);
  });

  it('property: parts add up exactly, are multiples of the unit (but the odd one), never negative, and deterministic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), weights12, roundTos, (totalFen, weights, roundTo) => {
        const total = totalFen / 100;
        const parts = largestRemainder(total, weights, roundTo);
        expect(parts).toHaveLength(12);
        expect(parts.reduce((s, p) => s + fen(p), 0)).toBe(totalFen);
        const step = fen(roundTo);
        const off = parts.filter((p) => fen(p) % step !== 0);
        expect(off.length).toBeLessThanOrEqual(totalFen % step === 0 ? 0 : 1);
        for (const p of parts) expect(p).toBeGreaterThanOrEqual(0);
        expect(largestRemainder(total, weights, roundTo)).toEqual(parts);
      }),
      { numRuns: 300 },
    );
  });

  it('property: each part is within one unit of its exact quota (Hamilton quota rule)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }),
        roundTos,
        (units, weights, roundTo) => {
          const total = Number((units * roundTo).toPrecision(15));
          const parts = largestRemainder(total, weights, roundTo);
          const sum = weights.reduce((s, w) => s + w, 0);
          parts.forEach((p, i) => {
            const quota = sum === 0 ? total / 12 : (total * (weights[i] ?? 0)) / sum;
            expect(Math.abs(p - quota)).toBeLessThan(roundTo * (1 + 1e-9) + 1e-6);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects a negative total or a non-positive unit', () => {
    expect(() => largestRemainder(-1, [1], 1)).toThrow(RangeError);
    expect(() => largestRemainder(1, [1], 0)).toThrow(RangeError);
    expect(() => largestRemainder(1, [1, -2], 1)).toThrow(RangeError);
  });
});

describe('splitByShares', () => {
  it('splits a region total over its reps exactly', () => {
    expect(splitByShares(1_000_000, [40, 35, 25], 1)).toEqual([400_000, 350_000, 250_000]);
    expect(splitByShares(100, [1, 1, 1], 1)).toEqual([34, 33, 33]);
    expect(splitByShares(123.45, [0, 0], 0.01)).toEqual([61.73, 61.72]);
  });

  it('property: reps add up to the region total for any number of reps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(weight, { minLength: 1, maxLength: 40 }),
        roundTos,
        (totalFen, shares, roundTo) => {
          const parts = splitByShares(totalFen / 100, shares, roundTo);
          expect(parts).toHaveLength(shares.length);
          expect(parts.reduce((s, p) => s + fen(p), 0)).toBe(totalFen);
          for (const p of parts) expect(p).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
