// Held months on the 年度计划 sheet: optional 1月…12月 columns whose filled cells go to the split as
// `locked` and come back exactly, while bad cells are problems naming the cell and leave only their row out.
import type { SplitMethod } from '../../../functions/src/contract/plans';
import { splitPlan } from '../../../functions/src/domain/plans';
import { exactTotal, readAnnualPlan, splitRequests } from '../../src/annualPlan';
import type { SheetGrid } from '../../src/sheets';

const grid = (name: string, values: unknown[][]): SheetGrid => ({ name, values });

// Every spelling the brief allows, mixed on one header: A–D the plan, E–P the months.
const HEADER = [
  '产品类别',
  '片区',
  '业务员',
  '年度计划',
  '1月',
  '二月',
  'Mar',
  'M4',
  '5月',
  '六月',
  'Jul',
  'M8',
  '9月',
  '十月',
  'Nov',
  'M12',
];
const MONTH_NUMBERS = Array.from({ length: 12 }, (_, i) => i + 1);
const months = (cells: Record<number, unknown>): unknown[] =>
  Array.from({ length: 12 }, (_, i) => cells[i + 1] ?? null);

const PLAN = grid('年度计划', [
  ['2026年度销售计划（单位：万元）'],
  HEADER,
  ['潜水泵', '华东', '张三', 120, ...months({ 1: 10, 3: 12.34, 12: '0.01' })], // row 3
  ['潜水泵', '华南', '李四', 60.5, ...months({ 2: '-' })], // row 4: a dash holds nothing
  ['配件', '华东', '张三', 0.3, ...months({ 1: 0.1, 2: 0.2 })], // row 5: the locks use it all
  ['柴油机', '华北', '王五', 50, ...months({ 4: '约5' })], // row 6: text → H6
  ['柴油机', '华南', '赵六', 50, ...months({ 1: -2, 5: 3 })], // row 7: negative → E7
  ['柴油机', '西南', '钱七', 5, ...months({ 1: 3, 2: 3 })], // row 8: 6 > 5 → D8
  ['柴油机', '西北', '孙八', 13, ...months(Object.fromEntries(MONTH_NUMBERS.map((m) => [m, 1])))], // row 9
  ['小计', null, null, 298.8, ...months({ 1: 99 })], // a subtotal's months are not locks
  ['离心泵', '华东', '周九', 24, ...months({ 6: 0 })], // row 11: 0 holds June at 0
]);

describe('readAnnualPlan: held months', () => {
  const read = readAnnualPlan(PLAN);

  it('maps every spelling of the month columns', () => {
    const letters = MONTH_NUMBERS.map((m) => read.mapping.columns[`m${m}` as 'm1']?.letter);
    expect(letters).toEqual(['E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P']);
    expect(read.missingColumns).toEqual([]);
  });

  it('reads filled cells as locked amounts in the annual unit, exactly, and leaves out bad rows', () => {
    expect(read.unit).toBe('wanYuan');
    expect(read.rows).toEqual([
      {
        productType: '潜水泵',
        region: '华东',
        rep: '张三',
        annual: 120,
        locked: { '1': 10, '3': 12.34, '12': 0.01 },
        sheetRow: 3,
      },
      { productType: '潜水泵', region: '华南', rep: '李四', annual: 60.5, sheetRow: 4 },
      {
        productType: '配件',
        region: '华东',
        rep: '张三',
        annual: 0.3,
        locked: { '1': 0.1, '2': 0.2 },
        sheetRow: 5,
      },
      { productType: '离心泵', region: '华东', rep: '周九', annual: 24, locked: { '6': 0 }, sheetRow: 11 },
    ]);
    expect(read.lockedRows).toBe(3);
    expect(read.skipped.subtotal.rows).toEqual([10]);
  });

  it('names each bad cell: text, negative, locks above the annual, 12 held months short of it', () => {
    const byCell = Object.fromEntries(read.problems.map((p) => [p.cell, p]));
    expect(Object.keys(byCell).sort()).toEqual(['D8', 'D9', 'E7', 'H6']);
    expect(byCell.H6).toMatchObject({ sheet: '年度计划', row: 6, column: 'H', header: 'M4', field: 'm4' });
    expect(byCell.H6?.reason).toBe('not a number');
    expect(byCell.E7).toMatchObject({
      row: 7,
      column: 'E',
      header: '1月',
      found: '-2',
      reason: 'out of range',
    });
    expect(byCell.D8).toMatchObject({ row: 8, column: 'D', header: '年度计划', found: '5' });
    expect(byCell.D8?.expected['zh-CN']).toContain('6');
    expect(byCell.D8?.detail?.['zh-CN']).toContain('E8、F8');
    expect(byCell.D8?.detail?.['en-US']).toContain('E8, F8 add up to 6');
    expect(byCell.D9?.expected['en-US']).toContain('12 held months, 12');
  });

  it.each<SplitMethod>(['even', 'profile', 'workdays'])(
    'the %s split keeps the locks exactly and every row adds up to its annual figure',
    (method) => {
      const requests = splitRequests({ year: 2026, roundTo: read.roundTo, method, rows: read.rows });
      expect(requests[0]?.rows[0]?.locked).toEqual({ '1': 10, '3': 12.34, '12': 0.01 });
      expect(requests[0]?.rows[1]).not.toHaveProperty('locked');
      const answer = splitPlan(requests[0]!);
      for (const [i, row] of answer.rows.entries()) {
        const sent = read.rows[i]!;
        for (const [month, amount] of Object.entries(sent.locked ?? {}))
          expect(row.months[Number(month) - 1]).toBe(amount);
        expect(exactTotal(row.months)).toBe(sent.annual);
        expect(row.months.every((m) => m >= 0)).toBe(true);
      }
      // 0.1 + 0.2 held out of 0.3: nothing is left for the other months.
      expect(answer.rows[2]?.months.slice(2)).toEqual(new Array(10).fill(0));
      expect(answer.rows[3]?.months[5]).toBe(0);
    },
  );
});

describe('readAnnualPlan: the unit of held months', () => {
  it('reads month cells in the target header unit, and a month header with its own unit in that one', () => {
    const read = readAnnualPlan(
      grid('计划', [
        ['产品类别', '年度计划（万元）', '3月', '4月（元）'],
        ['配件', 12.345, 1.5, 15000],
      ]),
    );
    expect(read.unit).toBe('wanYuan');
    expect(read.rows[0]).toEqual({
      productType: '配件',
      annual: 12.345,
      locked: { '3': 1.5, '4': 1.5 },
      sheetRow: 2,
    });
  });

  it('a sheet without month columns reads as before, with no locks', () => {
    const read = readAnnualPlan(
      grid('计划', [
        ['产品类别', '片区', '年度计划'],
        ['配件', '华中', 100],
      ]),
    );
    expect(read.rows).toEqual([{ productType: '配件', region: '华中', annual: 100, sheetRow: 2 }]);
    expect(read.lockedRows).toBe(0);
    expect(read.mapping.columns.m1).toBeUndefined();
  });
});
