// Ledgers from other offices (issue 9, items 14–16): columns mapped by what their cells hold as well
// as their header, signature footers that are no lines, and dates, currencies and headers seen there.
import {
  describeProblem,
  detectHeader,
  readDate,
  readLedger,
  readMoneyFen,
  type SheetGrid,
} from '../../src/sheets';

const grid = (values: unknown[][]): SheetGrid => ({ name: '华南台账', values });

/** A branch office's ledger: 序号 first, classes under 客户性质, a signature footer under the total. */
function branchLedger(): SheetGrid {
  return grid([
    ['2026年华南办事处销售台账'],
    ['序号', '日期', '客户名称', '客户性质', '片区', '产品型号', '数量', '开票单价', '备注'],
    [1, '26-3-6', '广州珠江泵业', '经销商', '华南', 'QJ200-50', 2, 1200, ''],
    [2, 'Mar 9, 2026', '佛山水务集团', '终端客户', '华南', 'QJ200-50', 1, 1300, ''],
    [3, '12-Mar-2026', '深圳市政工程', '政府采购', '华南', 'IS80-65', 1, '€1,200', ''],
    [4, '2026/3/15', '广州珠江泵业', '经销商', '华南', 'IS80-65', 3, 900, ''],
    ['合计', '', '', '', '', '', 7, '', ''],
    ['制表：王芳', '', '审核：李强', '', '销售部长：', '', '', '', ''],
    ['', '', '注：单价含税', '', '', '', '', '', ''],
  ]);
}

describe('item 14: columns mapped by what the cells hold', () => {
  const m = detectHeader(branchLedger(), 'salesLedger');

  it('takes a column of customer classes for 客户类别 whatever its header, never 新老客户', () => {
    expect(m.columns.customerClass).toMatchObject({ letter: 'D', header: '客户性质', how: 'content' });
    expect(m.columns.isNewCustomer).toBeUndefined();
    expect(m.unsure).toEqual([]);
  });

  it('leaves a 客户性质 column of 新客户/老客户 as 新老客户', () => {
    const g = branchLedger();
    for (const row of g.values.slice(2, 6)) row[3] = row[0] === 2 ? '新客户' : '老客户';
    const mm = detectHeader(g, 'salesLedger');
    expect(mm.columns.isNewCustomer?.letter).toBe('D');
    expect(mm.columns.customerClass).toBeUndefined();
  });

  it.each(['序号', 'No.', '#', 'NO'])(
    'never maps a %p column of row numbers (not 审批单号, not 备注)',
    (h) => {
      const g = branchLedger();
      (g.values[1] as unknown[])[0] = h;
      const mm = detectHeader(g, 'salesLedger');
      const mapped = Object.values(mm.columns).map((c) => c?.letter);
      expect(mapped).not.toContain('A');
      expect(mm.columns.remarks?.letter).toBe('I');
    },
  );

  it('drops 审批单号 from a column of consecutive numbers even under an approval header', () => {
    const g = grid([
      ['审批号', '客户名称', '产品型号', '数量', '单价'],
      [1, 'A', 'QJ-1', 1, 100],
      [2, 'A', 'QJ-1', 1, 100],
      [3, 'A', 'QJ-1', 1, 100],
      [4, 'A', 'QJ-1', 1, 100],
    ]);
    expect(detectHeader(g, 'salesLedger').columns.approvalRef).toBeUndefined();
    g.values.slice(1).forEach((row, i) => (row[0] = `SP-2026-00${i + 1}`));
    expect(detectHeader(g, 'salesLedger').columns.approvalRef?.letter).toBe('A');
  });

  it('never maps 审批单号 by a fuzzy header', () => {
    const g = grid([
      ['客户名称', '产品型号', '数量', '单价', '审批意见说明'],
      ['A', 'QJ-1', 1, 100, '同意'],
    ]);
    expect(detectHeader(g, 'salesLedger').columns.approvalRef).toBeUndefined();
  });
});

describe('item 15: signature footers are no lines', () => {
  it('skips rows with text but no model, quantity or price, and counts them', () => {
    const g = branchLedger();
    const read = readLedger(g, 'salesLedger', detectHeader(g, 'salesLedger'), { defaultYear: 2026 });
    expect(read.rows.map((r) => r.sheetRow)).toEqual([3, 4, 5, 6]);
    expect(read.skipped.note).toEqual({ count: 2, rows: [8, 9] });
    expect(read.skipped.total.count).toBe(1);
    expect(read.problems.map((p) => p.row)).toEqual([5]);
  });

  it('still reads a line that has only its price (the rest missing is a problem, not a note)', () => {
    const g = grid([
      ['客户名称', '产品型号', '数量', '单价'],
      ['A', '', '', 1200],
    ]);
    const read = readLedger(g, 'salesLedger', detectHeader(g, 'salesLedger'));
    expect(read.rows).toHaveLength(1);
    expect(read.skipped.note.count).toBe(0);
  });
});

describe('item 16: dates, currencies and headers from other offices', () => {
  it.each([
    ['26-3-6', '2026-03-06'],
    ['26/03/06', '2026-03-06'],
    ['Mar 9, 2026', '2026-03-09'],
    ['March 9th 2026', '2026-03-09'],
    ['Sept 30, 2026', '2026-09-30'],
    ['12-Mar-2026', '2026-03-12'],
    ['9 March 2026', '2026-03-09'],
    ['12-Mar-26', '2026-03-12'],
  ])('reads %p as %p', (text, iso) => {
    expect(readDate(text)).toEqual({ ok: true, value: iso });
  });

  it.each(['Foo 9, 2026', 'Marc 9, 2026', '26-13-6', '30-Feb-2026'])('does not read %p', (text) => {
    expect(readDate(text).ok).toBe(false);
  });

  it('reads the dates of the branch ledger', () => {
    const g = branchLedger();
    const read = readLedger(g, 'salesLedger', detectHeader(g, 'salesLedger'));
    expect(read.rows.map((r) => r.values.orderDate)).toEqual([
      '2026-03-06',
      '2026-03-09',
      '2026-03-12',
      '2026-03-15',
    ]);
  });

  it('says which currency a price is in when the policy has no prices in it', () => {
    const got = readMoneyFen('€1,200');
    expect(got).toMatchObject({ ok: false, reason: 'unknown currency' });
    const g = branchLedger();
    const read = readLedger(g, 'salesLedger', detectHeader(g, 'salesLedger'));
    const text = describeProblem(read.problems[0]!);
    expect(text['zh-CN']).toContain('欧元（EUR）');
    expect(text['zh-CN']).toContain('华南台账 H5');
    expect(text['en-US']).toContain('euros (EUR)');
    for (const v of ['1,200 EUR', '1200欧元', '£50', 'HK$300', 'JPY 5000'])
      expect(readMoneyFen(v)).toMatchObject({ ok: false, reason: 'unknown currency' });
  });

  it('still reads CNY and USD prices', () => {
    expect(readMoneyFen('¥1,200.50')).toEqual({ ok: true, value: 120050 });
    expect(readMoneyFen('US$2,710')).toEqual({ ok: true, value: 271000 });
    expect(readMoneyFen('2710 USD')).toEqual({ ok: true, value: 271000 });
    expect(readMoneyFen('RMB 800')).toEqual({ ok: true, value: 80000 });
  });

  it.each([
    ['Unit price (excl. VAT)', true],
    ['开票单价', false],
  ])('recognises %p as 单价 with full confidence, without asking', (header, taxExclusive) => {
    const g = grid([
      ['客户名称', '产品型号', '数量', header],
      ['A', 'QJ-1', 1, 100],
    ]);
    const m = detectHeader(g, 'salesLedger');
    expect(m.columns.unitPrice).toMatchObject({ letter: 'D', header });
    expect(m.columns.unitPrice?.confidence).toBe(1);
    expect(m.unsure).toEqual([]);
    expect(m.taxExclusive).toBe(taxExclusive);
  });
});
