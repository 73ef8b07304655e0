// What month-end writes, from a report (pure): the summary shows both totals and what explains the
// gap, and an unexplained remainder is said, never hidden; 对账差异 links both source rows.
import { differencesSheet, groupedAmount, summarySheet } from '../../src/monthEnd/resultSheets';
import { report } from './support';

describe('month-end result sheets', () => {
  it('groups amounts exactly as sent', () => {
    expect(groupedAmount('-18070.00')).toBe('-18,070.00');
    expect(groupedAmount('8431410.5')).toBe('8,431,410.5');
    expect(groupedAmount('0.00')).toBe('0.00');
  });

  it('summary: totals per currency, the difference by class with a chart, no bug note when explained', () => {
    const spec = summarySheet(report('2026-04'), 'zh-CN');
    expect(spec.tables[0]?.rows).toEqual([['CNY', 1000, 2100, -1100, -1100, 0, 0]]);
    expect(spec.tables[1]?.rows.map((r) => r[0])).toEqual([
      '金额不符',
      '台账有、账上无',
      '账上有、台账无',
      '跨期',
      '重复',
    ]);
    expect(spec.tables[1]?.totals).toEqual(['合计', -1100, null]);
    expect(spec.charts).toEqual([expect.objectContaining({ table: 1, type: 'column' })]);
    const notes = spec.tables[3]?.rows.map((r) => r[0]) ?? [];
    expect(notes.some((n) => String(n).includes('SalesDesk 的错误'))).toBe(false);
  });

  it('summary: a remainder is shown as a bug', () => {
    const r = report('2026-04');
    r.reconciliation.totals[0]!.remainder = '0.01';
    const notes = summarySheet(r, 'en-US').tables[3]?.rows.map((x) => String(x[0])) ?? [];
    expect(notes).toContain('CNY 0.01 is not explained: this is a SalesDesk bug, please report it.');
  });

  it('对账差异: one row per difference with links to both sheets', () => {
    const spec = differencesSheet(report('2026-04'), 'zh-CN');
    const rows = spec.tables[0]?.rows ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[0]?.slice(0, 9)).toEqual([
      '金额不符',
      '甲公司',
      'CNY',
      'CK-1',
      'F-1',
      '记-0001',
      2000,
      2100,
      -100,
    ]);
    expect(rows[0]?.[9]).toEqual({ text: '发货台账 第 4 行', sheet: '发货台账', address: 'A4' });
    expect(rows[0]?.[10]).toEqual({ text: '应收账款明细账 第 4 行', sheet: '应收账款明细账', address: 'A4' });
    expect(rows[1]?.[10]).toBeNull();
  });
});
