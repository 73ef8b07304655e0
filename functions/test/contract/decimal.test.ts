import { compareDecimal, exactSum, fromUnits, scaleOf, toDecimal, toUnits } from '../../src/contract/decimal';

describe('decimal', () => {
  it('reads numbers the way Excel shows them (15 significant digits)', () => {
    expect(toDecimal(1.1 * 1.1)).toEqual({ units: 121n, scale: 2 }); // 1.2100000000000002
    expect(toDecimal(0.1 + 0.2)).toEqual({ units: 3n, scale: 1 });
    expect(toDecimal(-12.5)).toEqual({ units: -125n, scale: 1 });
    expect(toDecimal(1.23e-7)).toEqual({ units: 123n, scale: 9 });
    expect(toDecimal(1e21)).toEqual({ units: 10n ** 21n, scale: 0 });
    expect(toDecimal(10000)).toEqual({ units: 10000n, scale: 0 });
    expect(scaleOf(0.01)).toBe(2);
  });

  it('converts to and from integer units exactly', () => {
    expect(toUnits(123.45, 2)).toBe(12345n);
    expect(toUnits(123.45, 4)).toBe(1234500n);
    expect(() => toUnits(123.456, 2)).toThrow(RangeError);
    expect(fromUnits(12345n, 2)).toBe(123.45);
    expect(fromUnits(-5n, 3)).toBe(-0.005);
    expect(fromUnits(123456789012345678901n, 25)).toBe(Number('0.0000123456789012345678901'));
    expect(() => toDecimal(Number.NaN)).toThrow(RangeError);
  });

  it('sums and compares without float drift', () => {
    expect(exactSum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(compareDecimal(0.1 + 0.2, 0.3)).toBe(0);
    expect(compareDecimal(0.3, 0.31)).toBe(-1);
    expect(compareDecimal(2, 1.99)).toBe(1);
  });
});
