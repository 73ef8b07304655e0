import { describeProblem, detectHeader, readLedger, type LedgerKind, type SheetGrid } from '../../src/sheets';
import { SALES_HEADER, salesLedger, salesRow } from './grids';

function read<K extends LedgerKind>(g: SheetGrid, kind: K, opts?: Parameters<typeof readLedger>[3]) {
  return readLedger(g, kind, detectHeader(g, kind), opts);
}

describe('readLedger: the sales ledger as kept', () => {
  const r = read(salesLedger(), 'salesLedger');

  it('returns the data rows with their Excel row numbers, bad rows included', () => {
    expect(r.rows.map((x) => x.sheetRow)).toEqual([4, 5, 6, 9, 10]);
  });

  it('skips subtotal, total, blank and hidden rows and says which', () => {
    expect(r.skipped).toEqual({
      subtotal: { count: 2, rows: [7, 12] },
      total: { count: 1, rows: [13] },
      blank: { count: 1, rows: [8] },
      hidden: { count: 1, rows: [11] },
      note: { count: 0, rows: [] },
    });
  });

  it('types every value: dates, fen, codes, new customer, currency', () => {
    expect(r.rows[0]?.values).toEqual({
      orderDate: '2026-03-05',
      contractNo: 'HT-2026-001',
      customer: '华东水泵经销有限公司',
      customerClass: '经销商',
      isNewCustomer: false,
      region: '华东',
      rep: '张三',
      model: 'QJ200-50',
      productType: '潜水泵',
      qty: 10,
      unitPrice: 120000,
      amount: 1200000,
      currency: 'CNY',
      deliveryDate: '2026-04-01',
      approvalRef: null,
      remarks: null,
    });
    expect(r.rows[1]?.values).toMatchObject({
      orderDate: '2026-03-12',
      customer: '北方机电设备公司',
      isNewCustomer: true,
      qty: 5,
      unitPrice: 115000,
      amount: 575000,
    });
    expect(r.rows[3]?.values).toMatchObject({
      orderDate: '2026-04-02',
      model: 'QJ200-50',
      unitPrice: 1200000,
      amount: 12000000,
    });
    // The typed shape: a consumer reads fen as a number without casts.
    const fen: number | null = r.rows[0]?.values.unitPrice ?? null;
    expect(fen).toBe(120000);
  });

  it('takes the year for 3月20日 from the title', () => {
    expect(r.defaultYear).toBe(2026);
    expect(r.rows[2]?.values.orderDate).toBe('2026-03-20');
    expect(r.rows[2]?.values.remarks).toBe('审批单号：SP-2026-001');
  });

  it('marks unreadable fields invalid and reports each with sheet, row, column, header', () => {
    expect(r.rows[2]?.invalid).toEqual(['unitPrice', 'amount']);
    expect(r.rows[2]?.values.unitPrice).toBeNull();
    expect(r.rows[4]?.invalid).toEqual(['orderDate', 'qty']);
    expect(r.problems.map((p) => [p.cell, p.field, p.reason, p.found])).toEqual([
      ['K6', 'unitPrice', 'formula error', '#N/A'],
      ['L6', 'amount', 'formula error', '#N/A'],
      ['A10', 'orderDate', 'no such date', '2026-02-30'],
      ['J10', 'qty', 'not a number', 'abc'],
    ]);
    expect(r.problems[0]).toMatchObject({
      sheet: '销售台账',
      row: 6,
      column: 'K',
      header: '单价',
      fieldLabel: { 'zh-CN': '单价' },
    });
    expect(r.problems[0]?.expected['zh-CN']).toContain('金额');
  });

  it('describes a problem in a line a person can act on', () => {
    const d = describeProblem(r.problems[2]!);
    expect(d['zh-CN']).toBe(
      '销售台账 A10（日期）：日期不存在（2026年2月没有30日），找到 “2026-02-30”，应为日期，如 2026-03-05、2026/3/5、2026年3月5日、26-3-5、Mar 5, 2026',
    );
    expect(d['en-US']).toContain(
      '销售台账 A10 (日期): no such date (2026-02 has no day 30); found "2026-02-30"',
    );
  });

  it('reads hidden rows when asked', () => {
    const all = read(salesLedger(), 'salesLedger', { includeHidden: true });
    expect(all.rows.map((x) => x.sheetRow)).toEqual([4, 5, 6, 9, 10, 11]);
    expect(all.rows[5]?.values.customer).toBe('隐藏的客户');
    expect(all.skipped.hidden.count).toBe(0);
  });

  it('uses the default year it is given over the title', () => {
    expect(read(salesLedger(), 'salesLedger', { defaultYear: 2025 }).rows[2]?.values.orderDate).toBe(
      '2025-03-20',
    );
  });
});

describe('readLedger: sheets that are not tidy', () => {
  it('forward-fills a customer merged over several rows', () => {
    const g: SheetGrid = {
      name: '台账',
      values: [
        ['日期', '客户名称', '产品型号', '数量', '单价'],
        [46086, '甲公司', 'QJ200-50', 1, 1000],
        [46087, '', 'QJ200-60', 2, 1100],
        [46088, '', 'IS80', 3, 1200],
        [46089, '乙公司', 'IS80', 4, 1300],
      ],
      merges: [{ row: 1, col: 1, rowCount: 3, colCount: 1 }],
    };
    const r = read(g, 'salesLedger');
    expect(r.rows.map((x) => x.values.customer)).toEqual(['甲公司', '甲公司', '甲公司', '乙公司']);
    expect(r.problems).toEqual([]);
  });

  it('without the merge, an empty required cell is a missing-value problem on that row only', () => {
    const g: SheetGrid = {
      name: '台账',
      values: [
        ['日期', '客户名称', '产品型号', '数量', '单价'],
        [46086, '甲公司', 'QJ200-50', 1, 1000],
        [46087, '', 'QJ200-60', 2, 1100],
      ],
    };
    const r = read(g, 'salesLedger');
    expect(r.rows).toHaveLength(2);
    expect(r.problems).toMatchObject([{ cell: 'B3', field: 'customer', reason: 'missing', found: '' }]);
    expect(r.rows[1]?.invalid).toEqual(['customer']);
  });

  it('gives Excel rows and column letters where the grid starts at an offset (with merges and hidden rows in sheet coordinates)', () => {
    const g: SheetGrid = {
      name: '销售台账',
      startRow: 10,
      startCol: 3,
      values: [
        ['2026年销售台账'],
        [...SALES_HEADER],
        salesRow({ 单价: 'abc' }), // sheet row index 12 → Excel row 13
        salesRow({ 客户名称: '' }),
        salesRow({ 数量: '#VALUE!' }), // Excel row 15, hidden
        salesRow({ 数量: '#DIV/0!' }),
      ],
      merges: [{ row: 12, col: 5, rowCount: 2, colCount: 1 }],
      hiddenRows: new Set([14]),
    };
    const r = read(g, 'salesLedger');
    expect(r.rows.map((x) => x.sheetRow)).toEqual([13, 14, 16]);
    expect(r.rows[1]?.values.customer).toBe('华东水泵经销有限公司');
    expect(r.skipped.hidden.rows).toEqual([15]);
    expect(r.problems.map((p) => [p.cell, p.row, p.column, p.header])).toEqual([
      ['N13', 13, 'N', '单价'],
      ['M16', 16, 'M', '数量'],
    ]);
  });

  it('never lets a bad row stop the good ones', () => {
    const junk: unknown[] = [
      '垃圾',
      '#REF!',
      '',
      '?',
      '',
      '',
      '',
      '',
      '',
      '十',
      'NaN',
      '一万',
      '金币',
      '明天',
      '',
    ];
    const values: unknown[][] = [[...SALES_HEADER]];
    for (let i = 0; i < 50; i++) values.push(i % 5 === 2 ? junk : salesRow({ 合同号: `HT-${i}` }));
    const r = read({ name: '台账', values }, 'salesLedger');
    expect(r.rows).toHaveLength(50);
    expect(r.rows.filter((x) => x.invalid.length === 0)).toHaveLength(40);
    expect(r.rows[2]?.invalid).toEqual([
      'orderDate',
      'contractNo',
      'customer',
      'model',
      'qty',
      'unitPrice',
      'amount',
      'currency',
      'deliveryDate',
    ]);
    expect(r.problems.filter((p) => p.row === 4)).toHaveLength(9);
    expect(r.problems).toHaveLength(90);
  });

  it('skips 合计 in an unmapped 序号 column, and keeps a remark that mentions 合计', () => {
    const g: SheetGrid = {
      name: '台账',
      values: [
        ['序号', '日期', '客户名称', '产品型号', '数量', '单价', '备注'],
        [1, 46086, '甲公司', 'QJ200-50', 1, 1000, '与上月订单合计发货'],
        ['合 计', '', '', '', 1, '', ''],
        ['Subtotal', '', '', '', 1, '', ''],
        ['', 'Total', '', '', 1, '', ''],
      ],
    };
    const r = read(g, 'salesLedger');
    expect(r.rows.map((x) => x.sheetRow)).toEqual([2]);
    expect(r.skipped.total.rows).toEqual([3, 5]);
    expect(r.skipped.subtotal.rows).toEqual([4]);
  });

  it('treats a row with content only outside the mapped columns as blank', () => {
    const g: SheetGrid = {
      name: '台账',
      values: [
        ['日期', '客户名称', '产品型号', '数量', '单价', '', ''],
        ['', '', '', '', '', '', '手写备注'],
        [46086, '甲公司', 'QJ200-50', 1, 1000, '', ''],
      ],
    };
    const r = read(g, 'salesLedger');
    expect(r.skipped.blank.rows).toEqual([2]);
    expect(r.rows).toHaveLength(1);
  });

  it('reads an annual plan in 万元 with 小计 and 合计 rows', () => {
    const g: SheetGrid = {
      name: '年度计划',
      values: [
        ['2026年度销售计划（单位：万元）'],
        ['产品类别', '片区', '业务员', '年度计划'],
        ['潜水泵', '华东', '张三', 1200],
        ['潜水泵', '华北', '李四', '856.25'],
        ['潜水泵', '小计', '', 2056.25],
        ['离心泵', '华东', '张三', '1,000.5'],
        ['合计', '', '', 3056.75],
      ],
    };
    const r = read(g, 'annualPlan');
    expect(r.rows.map((x) => x.values.annualTarget)).toEqual([1_200_0000_00, 856_2500_00, 1_000_5000_00]);
    expect(r.skipped.subtotal.rows).toEqual([5]);
    expect(r.skipped.total.rows).toEqual([7]);
  });

  it('reads a price list with a numeric code column zero-padded by its format', () => {
    const g: SheetGrid = {
      name: '价格',
      values: [
        ['产品型号', '指导价', '最低限价'],
        [1234, 100, 90],
      ],
      numberFormats: [
        ['General', 'General', 'General'],
        ['000000', '#,##0.00', '#,##0.00'],
      ],
    };
    expect(read(g, 'pricePolicyProducts').rows[0]?.values).toMatchObject({
      model: '001234',
      listPrice: 10000,
      floorPrice: 9000,
    });
  });

  it('flags an implausible date (a quantity typed in the date column)', () => {
    const g: SheetGrid = { name: '台账', values: [[...SALES_HEADER], salesRow({ 日期: 12 })] };
    expect(read(g, 'salesLedger').problems).toMatchObject([{ cell: 'A2', reason: 'out of range' }]);
  });

  it('reads a 100,000-row × 15-column ledger in one pass', () => {
    const values: unknown[][] = [['2026年销售台账'], [...SALES_HEADER]];
    const forms = [
      salesRow(),
      salesRow({ 日期: '2026/3/5', 单价: '¥1,200.00', 数量: '10台', 产品型号: 'ＱＪ２００－５０' }),
    ];
    for (let i = 0; i < 100_000; i++) values.push(forms[i % 2]!);
    values[5000] = salesRow({ 单价: '#N/A' });
    const r = read({ name: '台账', values }, 'salesLedger');
    expect(r.rows).toHaveLength(100_000);
    expect(r.problems).toMatchObject([{ cell: 'K5001', reason: 'formula error' }]);
    expect(r.rows[1]?.values).toMatchObject({
      orderDate: '2026-03-05',
      unitPrice: 120000,
      qty: 10,
      model: 'QJ200-50',
    });
  });
});

describe('readLedger: repeated values are read once, and still right', () => {
  it('reports a repeated bad cell at every row, and reads a zero-padded code by its format', () => {
    const values: unknown[][] = [['合同号', '客户名称', '产品型号', '数量', '单价']];
    const formats: string[][] = [['General', 'General', 'General', 'General', 'General']];
    for (let i = 0; i < 1200; i++) {
      values.push([42, 'A', 'QJ-1', 1, i % 2 ? '#N/A' : 100]);
      formats.push([i % 2 ? '000000' : 'General', 'General', 'General', 'General', 'General']);
    }
    const g: SheetGrid = { name: '台账', values, numberFormats: formats };
    const r = readLedger(g, 'salesLedger', detectHeader(g, 'salesLedger'));
    expect(r.problems.map((p) => p.row)).toEqual(Array.from({ length: 600 }, (_, i) => 3 + 2 * i));
    expect(r.rows.slice(0, 2).map((x) => x.values.contractNo)).toEqual(['42', '000042']);
    expect(r.rows.slice(0, 2).map((x) => x.values.unitPrice)).toEqual([10000, null]);
  });
});
