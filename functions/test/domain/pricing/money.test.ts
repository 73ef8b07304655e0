import fc from 'fast-check';
import {
  allowedDiscountBp,
  applyDiscount,
  bpToPercent,
  discountBp,
  exclusiveToInclusive,
  fenToYuan,
  formatFen,
  inclusiveToExclusive,
  pctToBp,
  percentToBp,
  tryPctToBp,
  tryYuanToFen,
  yuanToFen,
} from '../../../src/domain/money';

describe('yuanToFen', () => {
  it.each([
    [1.005, 101],
    ['1.005', 101],
    [1.004, 100],
    [-1.005, -101],
    [2.675, 268],
    [0.1 + 0.2, 30],
    [1.1 * 1.1, 121], // 1.2100000000000002
    [0.29, 29],
    [12, 1200],
    ['  12.3 ', 1230],
    ['.5', 50],
    ['1e2', 10000],
    [1e-7, 0],
    [0, 0],
    [-0, 0],
  ])('reads %p as %p fen, half-up on the decimal', (value, fen) => {
    expect(yuanToFen(value)).toBe(fen);
  });

  it.each([NaN, Infinity, -Infinity, '', ' ', '¥12', '1,000', '12元', 'abc', '1.2.3', 1e300])(
    'refuses %p',
    (value) => {
      expect(tryYuanToFen(value)).toBeUndefined();
      expect(() => yuanToFen(value)).toThrow(RangeError);
    },
  );

  it('refuses what is not a number or text', () => {
    expect(tryYuanToFen(null)).toBeUndefined();
    expect(tryYuanToFen(true)).toBeUndefined();
  });

  it("refuses digits beyond the fen in 'exact' mode, but not float artefacts", () => {
    expect(tryYuanToFen(1.005, 'exact')).toBeUndefined();
    expect(tryYuanToFen('0.001', 'exact')).toBeUndefined();
    expect(tryYuanToFen(1.0000001, 'exact')).toBeUndefined();
    expect(yuanToFen(0.1 + 0.2, 'exact')).toBe(30);
    expect(yuanToFen('12.30', 'exact')).toBe(1230);
  });

  it('round-trips every fen amount through a yuan number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        expect(yuanToFen(fenToYuan(fen))).toBe(fen);
        expect(yuanToFen(formatFen(fen).replace(/,/g, ''))).toBe(fen);
      }),
    );
  });

  it('agrees with decimal text rounding for 3-decimal amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (mills) => {
        const text = `${Math.floor(mills / 1000)}.${String(mills % 1000).padStart(3, '0')}`;
        const expected = Math.floor(mills / 10) + (mills % 10 >= 5 ? 1 : 0);
        expect(yuanToFen(text)).toBe(expected);
        expect(yuanToFen(Number(text))).toBe(expected);
      }),
    );
  });
});

describe('formatFen and fenToYuan', () => {
  it('formats with thousands separators and two decimals', () => {
    expect(formatFen(123456789)).toBe('1,234,567.89');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-100)).toBe('-1.00');
    expect(fenToYuan(87550)).toBe(875.5);
  });
});

describe('percentages', () => {
  it('reads percent text and fractions as basis points', () => {
    expect(pctToBp('12.5%')).toBe(1250);
    expect(pctToBp('１２.５％')).toBe(1250);
    expect(pctToBp(0.125)).toBe(1250);
    expect(pctToBp('0.13')).toBe(1300);
    expect(pctToBp(0.12345)).toBe(1235);
    expect(tryPctToBp('abc')).toBeUndefined();
    expect(() => pctToBp('x%')).toThrow(RangeError);
  });

  it('reads API percent numbers', () => {
    expect(percentToBp(12.5)).toBe(1250);
    expect(percentToBp(13)).toBe(1300);
    expect(percentToBp(NaN)).toBeUndefined();
    expect(bpToPercent(1250)).toBe(12.5);
  });
});

describe('applyDiscount', () => {
  it('rounds the lowest price up to the fen', () => {
    expect(applyDiscount(999, 1250)).toBe(875); // 874.125 → 875
    expect(applyDiscount(100000, 1250)).toBe(87500);
    expect(applyDiscount(30, 0)).toBe(30);
    expect(applyDiscount(30, 10000)).toBe(0);
  });

  it('is exact beyond 2^53 intermediate products', () => {
    expect(applyDiscount(9_000_000_000_000, 3333)).toBe(6_000_300_000_000);
    expect(applyDiscount(9_007_199_254_740, 1)).toBe(9_006_298_534_815);
  });

  it('refuses negative prices and caps outside 0–100 %', () => {
    expect(() => applyDiscount(-1, 0)).toThrow(RangeError);
    expect(() => applyDiscount(100, 10001)).toThrow(RangeError);
    expect(() => applyDiscount(100, 1.5)).toThrow(RangeError);
  });

  it('never undercuts the exact policy price, and is within one fen of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 0, max: 10000 }), (fen, bp) => {
        const min = applyDiscount(fen, bp);
        const exact = BigInt(fen) * BigInt(10000 - bp); // × 1/10000
        expect(BigInt(min) * 10000n >= exact).toBe(true);
        expect(BigInt(min - 1) * 10000n < exact).toBe(true);
      }),
    );
  });
});

describe('tax conversion', () => {
  it('adds VAT half-up to the fen', () => {
    expect(exclusiveToInclusive(75000, 1300)).toBe(84750);
    expect(exclusiveToInclusive(50, 1300)).toBe(57); // 56.5 → 57
    expect(exclusiveToInclusive(49, 1300)).toBe(55); // 55.37 → 55
    expect(exclusiveToInclusive(-50, 1300)).toBe(-57);
    expect(inclusiveToExclusive(84750, 1300)).toBe(75000);
    expect(inclusiveToExclusive(100, 1300)).toBe(88); // 88.495… → 88
  });
});

describe('discounts off list', () => {
  it('measures the actual discount half-up and the allowed one rounded down', () => {
    expect(discountBp(100000, 87500)).toBe(1250);
    expect(discountBp(300, 200)).toBe(3333);
    expect(discountBp(300, 100)).toBe(6667);
    expect(discountBp(1000, 1100)).toBe(-1000);
    expect(allowedDiscountBp(300, 100)).toBe(6666);
    expect(allowedDiscountBp(999, 875)).toBe(1241);
    expect(() => discountBp(0, 1)).toThrow(RangeError);
  });
});
