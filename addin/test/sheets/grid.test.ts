import fc from 'fast-check';
import { cellAddress, columnIndex, columnLetter, gridWidth, isEmptyCell, mergedFill } from '../../src/sheets';

describe('addresses', () => {
  it.each<[number, string]>([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
  ])('column %i is %s', (i, letter) => {
    expect(columnLetter(i)).toBe(letter);
    expect(columnIndex(letter)).toBe(i);
  });

  it('round-trips every column Excel has', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16383 }), (i) => expect(columnIndex(columnLetter(i))).toBe(i)),
    );
  });

  it('writes A1 addresses from 0-based sheet coordinates', () => {
    expect(cellAddress(0, 0)).toBe('A1');
    expect(cellAddress(11, 10)).toBe('K12');
  });

  it('refuses what is not a column', () => {
    expect(columnIndex('A1')).toBeNull();
    expect(columnIndex('')).toBeNull();
    expect(columnIndex(' k ')).toBe(10);
    expect(() => columnLetter(-1)).toThrow(RangeError);
  });
});

describe('cells and merges', () => {
  it('knows empty cells', () => {
    expect([undefined, null, '', ' ', '\u3000', '\u00A0'].every(isEmptyCell)).toBe(true);
    expect([0, false, '0', '-'].some(isEmptyCell)).toBe(false);
  });

  it('measures ragged rows', () => {
    expect(gridWidth({ name: 's', values: [[1], [1, 2, 3], []] })).toBe(3);
  });

  it('spreads a merged value over its area, in grid coordinates', () => {
    const fill = mergedFill({
      name: 's',
      startRow: 5,
      startCol: 1,
      values: [
        ['甲', '', 'x'],
        ['', '', 'y'],
      ],
      merges: [
        { row: 5, col: 1, rowCount: 2, colCount: 2 },
        { row: 0, col: 0, rowCount: 1, colCount: 9 }, // outside the grid: ignored
      ],
    });
    expect([...fill.entries()].map(([r, m]) => [r, [...m.entries()]])).toEqual([
      [0, [[1, '甲']]],
      [
        1,
        [
          [0, '甲'],
          [1, '甲'],
        ],
      ],
    ]);
  });
});
