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

  it('summary: 信用预警 and 返点计提 tables after the notes, with where the check came from', () => {
    const r = report('2026-06');
    r.credit = {
      check: { maxDays: 60, limits: [{ customer: '甲公司', currency: 'CNY', limit: '1000.00' }] },
      source: 'policy',
      policyVersion: 3,
      flags: [
        {
          customer: '甲公司',
          currency: 'CNY',
          closing: '1500.00',
          overLimit: { limit: '1000.00', over: '500.00' },
          overdue: null,
          message: { 'zh-CN': '信用预警：甲公司（CNY）超额', 'en-US': 'Credit warning: 甲公司 (CNY) over' },
        },
      ],
    };
    r.rebates = {
      policyVersion: 3,
      year: 2026,
      through: '2026-06-30',
      customers: [
        {
          customer: '甲公司',
          customerClass: '经销商',
          newCustomer: false,
          classSource: { sheet: '销售台账', row: 4 },
          volume: '1030000.00',
          tier: { threshold: '1000000.00', rate: '0.02' },
          accrued: '20600.00',
          next: null,
          status: 'accrued',
          note: null,
        },
        {
          customer: '乙公司',
          customerClass: null,
          newCustomer: null,
          classSource: null,
          volume: '100.00',
          tier: null,
          accrued: '0.00',
          next: null,
          status: 'unknown_class',
          note: { 'zh-CN': '客户类别未知', 'en-US': 'customer class unknown' },
        },
      ],
      notes: [{ 'zh-CN': '1 个客户类别或新老客户未知', 'en-US': '1 customer with an unknown class' }],
    };
    const spec = summarySheet(r, 'zh-CN');
    const [credit, rebates] = spec.tables.slice(4);
    expect(credit!.caption).toBe('信用预警（额度与天数取自价格政策第 3 版；未收超过 60 天即预警）');
    expect(credit!.rows).toEqual([
      ['甲公司', 'CNY', 1500, 1000, 500, null, null, '信用预警：甲公司（CNY）超额'],
    ]);
    expect(rebates!.rows).toEqual([
      ['甲公司', '经销商', '老客户', 1030000, 1000000, '2%', 20600, null, null],
      ['乙公司', null, null, 100, null, null, 0, null, '客户类别未知'],
    ]);
    expect(spec.tables[3]!.rows.map((x) => x[0])).toContain('1 个客户类别或新老客户未知');

    // Nothing flagged: said in the notes with the source, no empty table.
    r.credit = { ...r.credit, flags: [], source: 'request', policyVersion: null };
    r.rebates = undefined;
    const en = summarySheet(r, 'en-US');
    expect(en.tables).toHaveLength(4);
    expect(en.tables[3]!.rows.map((x) => x[0])).toContain(
      'Credit warnings: none (limits and days given with the run; items open more than 60 days are flagged)',
    );
  });
});
