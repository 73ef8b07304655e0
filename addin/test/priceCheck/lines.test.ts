import {
  approvalRefOf,
  detectSalesLedger,
  fenToYuan,
  missingNeeds,
  readPriceCheckLedger,
  salesLedgerMapping,
  withoutOwnedColumns,
} from '../../src/priceCheck';
import { grid, HEADERS, row, smallLedger, SHEET, type Cell } from './support';

const plan = (values: Cell[][]) => {
  const g = grid(values);
  return readPriceCheckLedger(g, detectSalesLedger(g));
};

describe('reading the 销售台账 into validate lines', () => {
  it('maps every column of a plain ledger and reads data rows only', () => {
    const g = grid(smallLedger());
    const m = detectSalesLedger(g);
    expect(m.headerExcelRow).toBe(3);
    expect(m.missing).toEqual([]);
    expect(m.columns.unitPrice?.letter).toBe('I');
    expect(m.columns.remarks?.letter).toBe('K');
    const p = readPriceCheckLedger(g, m);
    expect(p.entries.map((e) => e.sheetRow)).toEqual([4, 5, 8, 9, 10, 11]);
    expect(p.skipped.subtotal.rows).toEqual([6]);
    expect(p.skipped.blank.rows).toEqual([7]);
    expect(p.skipped.total.rows).toEqual([12]);
    expect(p.headerRow).toBe(2);
    expect(p.firstDataRow).toBe(3);
    expect(p.rowCount).toBe(9); // rows 4..12
  });

  it('sends one line per readable row, ids = Excel row numbers, prices in yuan', () => {
    const p = plan(smallLedger());
    expect(p.lines.map((l) => l.id)).toEqual([4, 5, 8, 10, 11]);
    expect(p.lineEntries).toEqual([0, 1, 2, 4, 5]);
    expect(p.lines[0]).toEqual({
      id: 4,
      orderDate: '2026-03-05',
      model: 'QJ-1',
      customer: '杭州钱江水泵经销有限公司',
      customerClass: '经销商',
      isNewCustomer: false,
      region: '华东',
      qty: 2,
      unitPrice: 950,
      taxIncluded: true,
      currency: null,
      approvalRef: null,
      // the 币种 cell is blank: the API says whether it matters (as for =SALES.PRICECHECK without it)
      unknownInputs: ['currency'],
    });
    // `10台` and `¥700.00` as people type them; the ¥ names the currency, so none is left open
    expect(p.lines[4]).toMatchObject({ qty: 10, unitPrice: 700, currency: 'CNY' });
    expect(p.lines[4]).not.toHaveProperty('unknownInputs');
  });

  it('sends blank 新老客户, 片区, 客户 and 币种 cells as open inputs, never as their defaults', () => {
    const blank = (i: number, r: Cell[]) => r.map((v, k) => (k === i ? '' : v));
    const p = plan([
      [...HEADERS],
      row('A', 'QJ-1', 1, 800, { currency: 'CNY' }),
      blank(4, row('B', 'QJ-1', 1, 800, { currency: 'CNY' })), // 新老客户
      blank(5, row('C', 'QJ-1', 1, 800, { currency: 'CNY' })), // 片区
      blank(2, blank(4, row('D', 'QJ-1', 1, 800))), // 客户, 新老客户, 币种
    ]);
    expect(p.lines.map((l) => l.unknownInputs)).toEqual([
      undefined,
      ['isNewCustomer'],
      ['region'],
      ['isNewCustomer', 'customer', 'currency'],
    ]);
    expect(p.lines[1]?.isNewCustomer).toBeNull(); // not false (老客户): nothing is guessed
    // a ledger without a 新老客户 column leaves it open on every line
    const noColumn = plan([
      HEADERS.filter((h) => h !== '新老客户'),
      row('A', 'QJ-1', 1, 800, { currency: 'CNY' }).filter((_, k) => k !== 4),
    ]);
    expect(noColumn.lines[0]?.unknownInputs).toEqual(['isNewCustomer']);
  });

  it('reads the currency a price states when the ledger has no 币种 column, and names a 币种 that disagrees', () => {
    const noCurrency = HEADERS.filter((h) => h !== '币种');
    const drop = (r: Cell[]) => r.filter((_, k) => k !== 9);
    const p = plan([
      noCurrency,
      drop(row('A', 'QJ-1', 1, '$2,710')),
      drop(row('B', 'QJ-1', 1, 'US$2,710.00')),
      drop(row('C', 'QJ-1', 1, '¥2,710')),
      drop(row('D', 'QJ-1', 1, 2710)),
    ]);
    expect(p.lines.map((l) => [l.unitPrice, l.currency])).toEqual([
      [2710, 'USD'],
      [2710, 'USD'],
      [2710, 'CNY'],
      [2710, null], // a bare number states nothing: left open for the API
    ]);
    expect(p.lines[3]?.unknownInputs).toContain('currency');

    const mixed = plan([
      [...HEADERS],
      row('A', 'QJ-1', 1, '$2,710', { currency: '人民币' }),
      row('B', 'QJ-1', 1, '$2,710', { currency: 'USD' }),
      row('C', 'QJ-1', 1, '¥900', { currency: '美元' }),
    ]);
    // the row whose 币种 and price disagree is not sent (no guess either way) but reported at its 币种 cell
    expect(mixed.lines.map((l) => [l.id, l.currency])).toEqual([[3, 'USD']]);
    expect(mixed.entries.map((e) => e.line === null)).toEqual([true, false, true]);
    expect(mixed.problems.map((x) => [x.cell, x.reason, x.found])).toEqual([
      ['J2', 'currency mismatch', '人民币'],
      ['J4', 'currency mismatch', '美元'],
    ]);
    expect(mixed.problems[0]?.detail?.['zh-CN']).toBe('单价“$2,710”是美元（USD），币种却是人民币（CNY）');
    expect(mixed.problems[1]?.detail?.['en-US']).toBe(
      'the unit price "¥900" is in CNY (CNY) but the currency says US dollars (USD)',
    );
  });

  it('takes the approval reference from 备注 when there is no 审批单号 column', () => {
    const p = plan([
      [...HEADERS],
      row('A', 'QJ-1', 1, 800, { remark: '审批单号：SP-2026-001' }),
      row('B', 'QJ-1', 1, 800, { remark: '按 sp-2026-014 特价' }),
      row('C', 'QJ-1', 1, 800, { remark: '老客户，月结' }),
    ]);
    expect(p.lines.map((l) => l.approvalRef)).toEqual(['SP-2026-001', 'SP-2026-014', null]);
  });

  it('prefers the 审批单号 column over 备注', () => {
    const headers = [...HEADERS, '审批单号'];
    const p = plan([
      headers,
      [...row('A', 'QJ-1', 1, 800, { remark: 'SP-2026-001' }), 'SP-2026-099'],
      [...row('B', 'QJ-1', 1, 800, { remark: 'SP-2026-002' }), ''],
    ]);
    expect(p.mapping.columns.approvalRef?.letter).toBe('L');
    expect(p.lines.map((l) => l.approvalRef)).toEqual(['SP-2026-099', 'SP-2026-002']);
    expect(approvalRefOf({ approvalRef: '审批单号：SP-2026-7', remarks: null } as never)).toBe('SP-2026-7');
  });

  it('marks every line tax-exclusive when the price header says 不含税', () => {
    const headers = HEADERS.map((h) => (h === '单价' ? '不含税单价' : h));
    const p = plan([headers, row('A', 'QJ-1', 1, 800), row('B', 'QJ-1', 1, 900)]);
    expect(p.taxExclusive).toBe(true);
    expect(p.lines.map((l) => l.taxIncluded)).toEqual([false, false]);
    expect(plan(smallLedger()).lines.every((l) => l.taxIncluded === true)).toBe(true);
  });

  it('converts fen to yuan without float drift', () => {
    const p = plan([
      [...HEADERS],
      row('A', 'QJ-1', 1, '1,234.56'),
      row('B', 'QJ-1', 1, 0.3),
      row('C', 'QJ-1', 1, '１２００'),
    ]);
    expect(p.lines.map((l) => l.unitPrice)).toEqual([1234.56, 0.3, 1200]);
    expect(JSON.stringify(fenToYuan(34440))).toBe('344.4');
    expect(fenToYuan(1)).toBe(0.01);
  });

  it('holds back rows whose price-relevant cells cannot be read, and says why', () => {
    const p = plan([
      [...HEADERS],
      row('A', 'QJ-1', 1, '#N/A'),
      row('B', 'QJ-1', 1, 900, { customerClass: '#N/A' }),
      row('C', '', 1, 900),
      row('D', 'QJ-1', 1, 900, { date: '' }),
      row('E', 'QJ-1', 1, 900, { remark: '#REF!' }),
      row('F', 'QJ-1', 'abc', 900),
    ]);
    const blocked = p.entries
      .filter((e) => e.line === null)
      .map((e) => [e.sheetRow, e.problems.map((x) => x.cell)]);
    expect(blocked).toEqual([
      [2, ['I2']],
      [3, ['D3']],
      [4, ['G4']],
      [7, ['H7']],
    ]);
    // An empty date is sent as absent (the API judges by today's policy and says so); a broken 备注
    // does not stop the row either, but both stay listed as problems.
    expect(p.lines.map((l) => [l.id, l.orderDate])).toEqual([
      [5, null],
      [6, '2026-03-05'],
    ]);
    expect(p.problems.map((x) => x.cell)).toEqual(['I2', 'D3', 'G4', 'A5', 'K6', 'H7']);
  });

  it('checks hidden rows too: a hidden line is still a sale', () => {
    const g = grid(smallLedger());
    g.hiddenRows = new Set([3]); // Excel row 4
    const p = readPriceCheckLedger(g, detectSalesLedger(g));
    expect(p.lines.map((l) => l.id)).toContain(4);
    expect(p.skipped.hidden.count).toBe(0);
  });

  it('ignores SalesDesk result columns of an earlier run', () => {
    const headers = HEADERS.filter((h) => h !== '备注');
    const values: Cell[][] = [
      [...headers, '【SalesDesk】价格状态', '【SalesDesk】最低允许价', '【SalesDesk】说明'],
      [...row('A', 'QJ-1', 1, 900).slice(0, 10), '符合', 900, '审批单号：SP-2026-001'],
    ];
    const g = grid(values);
    expect(withoutOwnedColumns(g).values[1]?.slice(10)).toEqual(['', '', '']);
    expect(g.values[1]?.[10]).toBe('符合'); // the input is not changed
    const p = readPriceCheckLedger(g, detectSalesLedger(g));
    expect(p.mapping.columns.remarks).toBeUndefined();
    expect(p.mapping.headers.filter((h) => h.text !== '').length).toBe(10);
    expect(p.lines[0]?.approvalRef).toBeNull();
  });

  it("applies the user's corrections and reports needed columns left unmapped", () => {
    const headers = HEADERS.map((h) => (h === '单价' ? '价格' : h));
    const g = grid([headers, row('A', 'QJ-1', 1, 900)], SHEET);
    expect(missingNeeds(salesLedgerMapping(g))).toEqual(['unitPrice']);
    const fixed = salesLedgerMapping(g, { unitPrice: 8 });
    expect(missingNeeds(fixed)).toEqual([]);
    expect(readPriceCheckLedger(g, fixed).lines[0]?.unitPrice).toBe(900);
    expect(missingNeeds(salesLedgerMapping(g, { model: null }))).toEqual(['model', 'unitPrice']);
  });
});
