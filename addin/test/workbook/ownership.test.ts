// Recognising what SalesDesk owns, and where its next write may go (pure).
import fc from 'fast-check';
import {
  chooseJobSheet,
  chooseResultSheet,
  cleanSheetName,
  compareMatches,
  conditionFormula,
  findOwnedBlock,
  headerLabel,
  isOwnedFormula,
  isOwnedHeader,
  layoutResultSheet,
  ownedHeader,
  parseConditionFormula,
  placeColumns,
  resultTableName,
  suffixedSheetName,
} from '../../src/workbook/ownership';

describe('owned headers', () => {
  it('marks and recognises headers, pending or final', () => {
    expect(ownedHeader('价格状态')).toBe('【SalesDesk】价格状态');
    expect(isOwnedHeader(ownedHeader('价格状态', true))).toBe(true);
    expect(isOwnedHeader('价格状态')).toBe(false);
    expect(isOwnedHeader(42)).toBe(false);
    expect(headerLabel('【SalesDesk·未完成】价格状态')).toBe('价格状态');
  });
});

describe('findOwnedBlock', () => {
  const marked = ['日期', '单价', '【SalesDesk】状态', '【SalesDesk】限价'];

  it('trusts the named block only where its headers keep the mark', () => {
    const named = { row: 2, col: 15, rowCount: 101, colCount: 3 };
    expect(
      findOwnedBlock({
        named,
        namedHeader: ['【SalesDesk】a', '我的', '【SalesDesk】c'],
        headerRow: 2,
        headerRowValues: [],
        usedBottom: 500,
      }),
    ).toEqual({ cols: [15, 17], top: 2, bottom: 102 });
  });

  it('falls back to marked headers in the header row, down to the used range', () => {
    expect(
      findOwnedBlock({
        named: null,
        namedHeader: null,
        headerRow: 1,
        headerRowValues: marked,
        usedBottom: 40,
      }),
    ).toEqual({
      cols: [2, 3],
      top: 1,
      bottom: 40,
    });
    const named = { row: 1, col: 9, rowCount: 5, colCount: 1 };
    expect(
      findOwnedBlock({
        named,
        namedHeader: ['用户写的'],
        headerRow: 1,
        headerRowValues: marked,
        usedBottom: 40,
      })?.cols,
    ).toEqual([2, 3]);
    expect(
      findOwnedBlock({ named: null, namedHeader: null, headerRow: 1, headerRowValues: ['a'], usedBottom: 4 }),
    ).toBeNull();
  });
});

describe('placeColumns', () => {
  const earlier = { cols: [10, 11, 12], top: 2, bottom: 50 };

  it('goes right of everything on a first run', () => {
    expect(
      placeColumns({ earlier: null, usedRight: 14, count: 3, extents: new Map(), maxColumns: 16_384 }),
    ).toEqual({ start: 15, movedRight: false });
  });

  it('reuses its place when the cells there are empty or its own', () => {
    const extents = new Map([
      [10, { top: 2, bottom: 50 }],
      [11, { top: 2, bottom: 50 }],
      [12, null],
      [13, null],
    ]);
    expect(placeColumns({ earlier, usedRight: 12, count: 4, extents, maxColumns: 16_384 })).toEqual({
      start: 10,
      movedRight: false,
    });
  });

  it('moves right when a cell to write is the user’s, inside or below its old block', () => {
    const user = new Map([
      [10, null],
      [11, null],
      [12, null],
      [13, { top: 7, bottom: 7 }],
    ]);
    expect(placeColumns({ earlier, usedRight: 13, count: 4, extents: user, maxColumns: 16_384 })).toEqual({
      start: 14,
      movedRight: true,
    });
    const below = new Map([
      [10, null],
      [11, { top: 2, bottom: 60 }],
      [12, null],
    ]);
    expect(
      placeColumns({ earlier, usedRight: 12, count: 3, extents: below, maxColumns: 16_384 })?.movedRight,
    ).toBe(true);
  });

  it('counts a column nobody looked at as taken', () => {
    const looked = new Map([
      [10, null],
      [11, null],
    ]);
    expect(placeColumns({ earlier, usedRight: 12, count: 3, extents: looked, maxColumns: 16_384 })).toEqual({
      start: 13,
      movedRight: true,
    });
    looked.set(12, null);
    expect(placeColumns({ earlier, usedRight: 12, count: 3, extents: looked, maxColumns: 16_384 })).toEqual({
      start: 10,
      movedRight: false,
    });
  });

  it('has no room past the last column', () => {
    expect(
      placeColumns({ earlier: null, usedRight: 16_382, count: 2, extents: new Map(), maxColumns: 16_384 }),
    ).toBeNull();
  });
});

describe('conditional formulas', () => {
  it('are tagged, and read back exactly, quotes and numbers included', () => {
    const cond = { col: 16, op: 'eq' as const, values: ['低于"最低"限价', '需审批'] };
    const f = conditionFormula(3, cond);
    expect(f).toBe('AND(N("SalesDesk")=0,OR($Q4="低于""最低""限价",$Q4="需审批"))');
    expect(isOwnedFormula(`=${f}`)).toBe(true);
    expect(isOwnedFormula('$Q4="x"')).toBe(false);
    expect(parseConditionFormula(`=${f}`)).toEqual({ firstRow: 3, cond });
    expect(parseConditionFormula(conditionFormula(0, { col: 2, op: 'lt', values: [0.9, -1] }))).toEqual({
      firstRow: 0,
      cond: { col: 2, op: 'lt', values: [0.9, -1] },
    });
    expect(parseConditionFormula('$A1>2')).toBeNull();
  });

  it('round-trip any text values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 0, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        fc.nat(5000),
        (values, row) => {
          const cond = { col: 5, op: 'eq' as const, values };
          expect(parseConditionFormula(conditionFormula(row, cond))).toEqual({ firstRow: row, cond });
        },
      ),
    );
  });

  it('compare as Excel does: text without case, numbers as numbers', () => {
    expect(compareMatches('ABC', 'eq', 'abc')).toBe(true);
    expect(compareMatches(0.85, 'lt', 0.9)).toBe(true);
    expect(compareMatches('0.85', 'lt', 0.9)).toBe(false);
  });
});

describe('result sheet names', () => {
  it('picks the asked name, an owned suffix, or the first free suffix', () => {
    expect(chooseResultSheet('价格检查结果', [])).toEqual({ name: '价格检查结果', replace: false });
    expect(chooseResultSheet('价格检查结果', [{ name: '价格检查结果', owned: true }])).toEqual({
      name: '价格检查结果',
      replace: true,
    });
    expect(chooseResultSheet('价格检查结果', [{ name: '价格检查结果', owned: false }])).toEqual({
      name: '价格检查结果 (2)',
      replace: false,
    });
    expect(
      chooseResultSheet('价格检查结果', [
        { name: '价格检查结果', owned: false },
        { name: '价格检查结果 (2)', owned: false },
        { name: '价格检查结果 (3)', owned: true },
      ]),
    ).toEqual({ name: '价格检查结果 (3)', replace: true });
    expect(chooseResultSheet('Result', [{ name: 'RESULT', owned: false }])?.name).toBe('Result (2)');
  });

  it('finds a job’s sheet by its mark, whatever it is called, and names it in the run’s language', () => {
    const en = { name: 'Price check results', owned: true, kind: 'priceCheck' };
    const user = { name: '价格检查结果', owned: false };
    expect(chooseJobSheet('价格检查结果', [en], 'priceCheck')).toEqual({
      name: '价格检查结果',
      replace: true,
      renameFrom: 'Price check results',
    });
    expect(chooseJobSheet('Price check results', [en], 'priceCheck')).toEqual({
      name: 'Price check results',
      replace: true,
    });
    // the user's sheet holds the name: the run's sheet becomes `(2)`, still renamed from the earlier one
    expect(chooseJobSheet('价格检查结果', [en, user], 'priceCheck')).toEqual({
      name: '价格检查结果 (2)',
      replace: true,
      renameFrom: 'Price check results',
    });
    // an unmarked sheet of an older version counts only under a former name
    const old = { name: 'Price check results', owned: true };
    expect(chooseJobSheet('价格检查结果', [old], 'priceCheck')).toEqual({
      name: '价格检查结果',
      replace: false,
    });
    expect(chooseJobSheet('价格检查结果', [old], 'priceCheck', ['Price check results'])?.renameFrom).toBe(
      'Price check results',
    );
    // another SalesDesk sheet already under the name: it is replaced, the earlier one is stale
    const other = { name: '价格检查结果', owned: true };
    expect(chooseJobSheet('价格检查结果', [en, other], 'priceCheck')).toEqual({
      name: '价格检查结果',
      replace: true,
      stale: 'Price check results',
    });
  });

  it('keep names within Excel’s rules', () => {
    expect(cleanSheetName("'a/b:c*'")).toBe('a_b_c_');
    expect([...suffixedSheetName('月'.repeat(40), 12)]).toHaveLength(31);
    expect(suffixedSheetName('月'.repeat(40), 12).endsWith(' (12)')).toBe(true);
    expect(resultTableName('价格检查结果', 0)).toMatch(/^SalesDesk_[0-9a-f]{8}_1$/);
    expect(resultTableName('价格检查结果', 0)).not.toBe(resultTableName('月度计划', 0));
  });
});

describe('layoutResultSheet', () => {
  it('stacks title, captions, tables and totals with a blank row between, charts to the right', () => {
    const layout = layoutResultSheet({
      title: 't',
      freezeHeader: true,
      tables: [
        { caption: 'a', columns: [1, 2, 3], rows: [1, 2], totals: [1] },
        { columns: [1], rows: [] },
      ],
      charts: [{ table: 0 }, { table: 0 }],
    });
    expect(layout.titleRow).toBe(0);
    expect(layout.tables).toEqual([
      { captionRow: 2, headerRow: 3, firstDataRow: 4, bodyRows: 2, totalsRow: 6, colCount: 3 },
      { captionRow: null, headerRow: 8, firstDataRow: 9, bodyRows: 1, totalsRow: null, colCount: 1 },
    ]);
    expect(layout.frozenRows).toBe(4);
    expect(layout.charts.map((c) => [c.row, c.col])).toEqual([
      [3, 4],
      [21, 4],
    ]);
  });
});
