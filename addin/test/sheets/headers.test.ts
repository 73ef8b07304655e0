import { applyMapping, detectHeader, headerKey, readLedger, type SheetGrid } from '../../src/sheets';
import { SALES_HEADER, pricePolicy, salesLedger, salesRow } from './grids';

const grid = (values: unknown[][], extra: Partial<SheetGrid> = {}): SheetGrid => ({
  name: '台账',
  values,
  ...extra,
});
const letters = (m: { columns: Record<string, { letter: string } | undefined> }): Record<string, string> =>
  Object.fromEntries(Object.entries(m.columns).map(([f, c]) => [f, c?.letter ?? '']));

describe('headerKey', () => {
  it.each<[string, string, string | undefined]>([
    ['单价（元）', '单价', '元'],
    ['单价(元)', '单价', '元'],
    ['金额\n（万元）', '金额', '万元'],
    ['金额[万元]', '金额', '万元'],
    ['数量\r\n(台)', '数量', undefined],
    ['Unit Price', 'unitprice', undefined],
    ['Contract No.', 'contractno', undefined],
    ['ＱＴＹ', 'qty', undefined],
    [' 合同号 ', '合同号', undefined],
    ['承运/物流', '承运物流', undefined],
    ['*客户名称', '客户名称', undefined],
    ['美元指导价（USD）', '美元指导价', undefined],
  ])('%p → %p (unit %p)', (text, key, unit) => {
    const h = headerKey(text);
    expect(h.key).toBe(key);
    expect(h.unit).toBe(unit);
  });

  it('strips a trailing unit for a second try', () => {
    expect(headerKey('金额万元')).toMatchObject({ key: '金额万元', bare: '金额', unit: '万元' });
    expect(headerKey('单价元').bare).toBe('单价');
  });
});

describe('detectHeader: the sales ledger as kept', () => {
  const m = detectHeader(salesLedger(), 'salesLedger');

  it('finds the header under the merged title and the note', () => {
    expect(m.headerRow).toBe(2);
    expect(m.headerExcelRow).toBe(3);
    expect(m.headerRowCount).toBe(1);
    expect(m.firstDataRow).toBe(3);
  });

  it('maps every column exactly', () => {
    expect(letters(m)).toEqual({
      orderDate: 'A',
      contractNo: 'B',
      customer: 'C',
      customerClass: 'D',
      isNewCustomer: 'E',
      region: 'F',
      rep: 'G',
      model: 'H',
      productType: 'I',
      qty: 'J',
      unitPrice: 'K',
      amount: 'L',
      currency: 'M',
      deliveryDate: 'N',
      remarks: 'O',
    });
    expect(Object.values(m.columns).every((c) => c?.how === 'exact' && c.confidence === 1)).toBe(true);
    expect(m.missing).toEqual([]);
    expect(m.unsure).toEqual([]);
  });

  it('reads the title: 元, tax-inclusive', () => {
    expect(m.title).toContain('2026年销售台账');
    expect(m.unitHints.title).toBe('元');
    expect(m.taxExclusive).toBe(false);
  });

  it('lists every column for the picker', () => {
    expect(m.headers).toHaveLength(SALES_HEADER.length);
    expect(m.headers[10]).toEqual({ col: 10, letter: 'K', text: '单价' });
  });
});

describe('detectHeader: variants people use', () => {
  it('maps English headers', () => {
    const m = detectHeader(
      grid([
        ['Sales Ledger 2026'],
        [
          'Date',
          'Contract No.',
          'Customer',
          'Customer Class',
          'Region',
          'Sales Rep',
          'Model',
          'Product Type',
          'Qty',
          'Unit Price',
          'Amount',
          'Currency',
          'Remarks',
        ],
      ]),
      'salesLedger',
    );
    expect(m.headerExcelRow).toBe(2);
    expect(letters(m)).toMatchObject({
      orderDate: 'A',
      contractNo: 'B',
      customer: 'C',
      customerClass: 'D',
      region: 'E',
      rep: 'F',
      model: 'G',
      productType: 'H',
      qty: 'I',
      unitPrice: 'J',
      amount: 'K',
      currency: 'L',
      remarks: 'M',
    });
    expect(m.missing).toEqual([]);
    // `Unit Price` is the field's English label: as sure as `单价`.
    expect(m.columns.unitPrice).toMatchObject({ how: 'exact', confidence: 1 });
  });

  it('maps Chinese synonyms and sees 不含税', () => {
    const m = detectHeader(
      grid([
        [
          '签订日期',
          '合同编号',
          '单位名称',
          '客户类型',
          '销售区域',
          '经办人',
          '规格型号',
          '产品类型',
          '台数',
          '不含税单价',
          '价税合计',
        ],
      ]),
      'salesLedger',
    );
    expect(letters(m)).toMatchObject({
      orderDate: 'A',
      contractNo: 'B',
      customer: 'C',
      customerClass: 'D',
      region: 'E',
      rep: 'F',
      model: 'G',
      productType: 'H',
      qty: 'I',
      unitPrice: 'J',
      amount: 'K',
    });
    expect(m.taxExclusive).toBe(true);
    expect(m.unsure).toEqual([]);
  });

  it('reads units, brackets, line breaks and full-width letters in header cells', () => {
    const m = detectHeader(
      grid([
        ['日期', '客户\n名称', '型号', '数量\r\n（台）', '含税单价\n(元)', '金额（万元）', 'ＱＴＹ备用'],
      ]),
      'salesLedger',
    );
    expect(letters(m)).toMatchObject({
      orderDate: 'A',
      customer: 'B',
      model: 'C',
      qty: 'D',
      unitPrice: 'E',
      amount: 'F',
    });
    expect(m.unitHints.fields).toEqual({ unitPrice: '元', amount: '万元' });
    expect(m.columns.amount?.header).toBe('金额（万元）');
    expect(m.taxExclusive).toBe(false);
  });

  it('reports a required column that is not there, and reads the rest', () => {
    const values = [
      ['2026年销售台账'],
      ['日期', '客户名称', '产品型号', '数量', '金额'],
      [46086, '甲公司', 'QJ200-50', 10, 12000],
    ];
    const m = detectHeader(grid(values), 'salesLedger');
    expect(m.missing).toEqual(['unitPrice']);
    const read = readLedger(grid(values), 'salesLedger', m);
    expect(read.missingColumns).toEqual(['unitPrice']);
    expect(read.rows[0]?.values).toMatchObject({ customer: '甲公司', unitPrice: null, amount: 1200000 });
    expect(read.problems).toEqual([]);
  });

  it('asks when a header only resembles a field', () => {
    const m = detectHeader(grid([['日期', '客户全称', '产品型号', '数量', '单价']]), 'salesLedger');
    expect(m.columns.customer).toMatchObject({ letter: 'B', how: 'fuzzy' });
    expect(m.columns.customer?.confidence).toBeLessThan(0.8);
    expect(m.unsure).toEqual(['customer']);
  });

  it('tells 美元指导价 from 指导价 whatever their order', () => {
    const m = detectHeader(grid([['美元指导价', '产品型号', '最低限价', '指导价']]), 'pricePolicyProducts');
    expect(letters(m)).toEqual({ usdListPrice: 'A', model: 'B', floorPrice: 'C', listPrice: 'D' });
  });

  it('tells 11月 from 1月 in a season profile', () => {
    const months = Array.from({ length: 12 }, (_, i) => `${12 - i}月`);
    const m = detectHeader(grid([['季节系数'], ['产品类别', ...months]]), 'seasonProfile');
    expect(m.columns.m1?.letter).toBe('M');
    expect(m.columns.m11?.letter).toBe('C');
    expect(m.columns.m12?.letter).toBe('B');
    expect(m.missing).toEqual([]);
  });
});

describe('detectHeader: the other ledgers as laid out', () => {
  it('maps the shipment ledger', () => {
    const header = [
      '发货日期',
      '出库单号',
      '合同号',
      '客户名称',
      '产品型号',
      '数量',
      '单价',
      '金额',
      '承运/物流',
      '签收日期',
      '发票号',
      '开票日期',
    ];
    const m = detectHeader(grid([['2026年发货台账'], header]), 'shipmentLedger');
    expect(Object.keys(m.columns)).toEqual([
      'shipDate',
      'deliveryNoteNo',
      'contractNo',
      'customer',
      'model',
      'qty',
      'unitPrice',
      'amount',
      'carrier',
      'signedDate',
      'invoiceNo',
      'invoiceDate',
    ]);
    expect(Object.values(m.columns).map((c) => c?.letter)).toEqual('ABCDEFGHIJKL'.split(''));
    expect(m.unsure).toEqual([]);
  });

  it('maps the receipts ledger', () => {
    const m = detectHeader(
      grid([['2026年回款台账'], ['日期', '客户名称', '金额', '方式', '业务员', '备注']]),
      'receipts',
    );
    expect(letters(m)).toEqual({
      receiptDate: 'A',
      customer: 'B',
      amount: 'C',
      method: 'D',
      rep: 'E',
      remarks: 'F',
    });
    expect(m.missing).toEqual([]);
  });
});

describe('detectHeader: two header rows', () => {
  const upper = ['日期', '合同号', '客户信息', '', '', '产品信息', '', '数量', '价格', '', '备注'];
  const lower = ['', '', '客户名称', '客户类别', '片区', '型号', '类别', '', '单价', '金额', ''];
  const data = [46086, 'HT-1', '甲公司', '经销商', '华东', 'QJ200-50', '潜水泵', 10, 1200, 12000, ''];

  it('combines a group header over sub-headers (no merge information)', () => {
    const m = detectHeader(grid([['2026年销售台账'], upper, lower, data]), 'salesLedger');
    expect(m.headerRowCount).toBe(2);
    expect(m.headerExcelRow).toBe(3);
    expect(m.firstDataRow).toBe(3);
    expect(letters(m)).toEqual({
      orderDate: 'A',
      contractNo: 'B',
      customer: 'C',
      customerClass: 'D',
      region: 'E',
      model: 'F',
      productType: 'G',
      qty: 'H',
      unitPrice: 'I',
      amount: 'J',
      remarks: 'K',
    });
    expect(m.headers[8]?.text).toBe('价格 单价');
    const read = readLedger(grid([['2026年销售台账'], upper, lower, data]), 'salesLedger', m);
    expect(read.rows).toHaveLength(1);
    expect(read.rows[0]?.sheetRow).toBe(4);
  });

  it('combines them when the vertical headers are merged cells', () => {
    const merges = [0, 1, 7, 10].map((col) => ({ row: 1, col, rowCount: 2, colCount: 1 }));
    merges.push(
      { row: 1, col: 2, rowCount: 1, colCount: 3 },
      { row: 1, col: 5, rowCount: 1, colCount: 2 },
      { row: 1, col: 8, rowCount: 1, colCount: 2 },
    );
    merges.push({ row: 0, col: 0, rowCount: 1, colCount: 11 });
    const m = detectHeader(grid([['2026年销售台账'], upper, lower, data], { merges }), 'salesLedger');
    expect(m.headerExcelRow).toBe(3);
    expect(m.firstDataRow).toBe(3);
    expect(m.missing).toEqual([]);
    expect(letters(m)).toMatchObject({
      orderDate: 'A',
      customer: 'C',
      qty: 'H',
      unitPrice: 'I',
      remarks: 'K',
    });
  });

  it('combines a split header: 客户 over 名称 / 类别', () => {
    const m = detectHeader(
      grid([
        ['日期', '客户', '', '产品型号', '数量', '单价'],
        ['', '名称', '类别', '', '', ''],
      ]),
      'salesLedger',
    );
    expect(m.headerRowCount).toBe(2);
    expect(m.columns.customer).toMatchObject({ letter: 'B', how: 'exact' });
    expect(m.columns.customerClass).toMatchObject({ letter: 'C', how: 'exact' });
  });

  it('does not glue a header row to its first data row', () => {
    const m = detectHeader(grid([[...SALES_HEADER], salesRow(), salesRow()]), 'salesLedger');
    expect(m.headerRowCount).toBe(1);
    expect(m.headerExcelRow).toBe(1);
  });
});

describe('detectHeader: where the grid is and what it holds', () => {
  it('reports sheet coordinates when the grid starts at an offset', () => {
    const m = detectHeader(
      grid([['标题'], [...SALES_HEADER], salesRow()], { startRow: 4, startCol: 2 }),
      'salesLedger',
    );
    expect(m.headerRow).toBe(1);
    expect(m.headerExcelRow).toBe(6);
    expect(m.columns.orderDate).toMatchObject({ col: 2, letter: 'C' });
    expect(m.columns.unitPrice).toMatchObject({ col: 12, letter: 'M' });
    expect(m.headers[0]).toEqual({ col: 2, letter: 'C', text: '日期' });
  });

  it('finds no header in a grid of numbers, and says what is missing', () => {
    const m = detectHeader(
      grid([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      'salesLedger',
    );
    expect(m.headerRow).toBeNull();
    expect(m.headerRowCount).toBe(0);
    expect(m.columns).toEqual({});
    expect(m.missing).toEqual(['orderDate', 'customer', 'model', 'qty', 'unitPrice']);
    expect(readLedger(grid([[1, 2, 3]]), 'salesLedger', m).rows).toEqual([]);
  });

  it('searches only the first searchRows rows', () => {
    const values: unknown[][] = Array.from({ length: 35 }, () => ['说明文字']);
    values.push([...SALES_HEADER], salesRow());
    expect(detectHeader(grid(values), 'salesLedger').headerRow).toBeNull();
    expect(detectHeader(grid(values), 'salesLedger', { searchRows: 40 }).headerExcelRow).toBe(36);
  });

  it('takes the header row the user names', () => {
    const values = [['日期', '客户'], ['说明'], [...SALES_HEADER], salesRow()];
    const m = detectHeader(grid(values), 'salesLedger', { headerExcelRow: 3 });
    expect(m.headerExcelRow).toBe(3);
    expect(m.columns.unitPrice?.letter).toBe('K');
  });

  it('sees 万元 in the title of the annual plan', () => {
    const m = detectHeader(
      grid([['2026年度销售计划（单位：万元）'], ['产品类别', '片区', '业务员', '年度计划']]),
      'annualPlan',
    );
    expect(m.unitHints.title).toBe('万元');
    expect(letters(m)).toEqual({ productType: 'A', region: 'B', rep: 'C', annualTarget: 'D' });
  });

  it('sees 不含税 in the title when the price header says nothing', () => {
    const m = detectHeader(
      grid([['2026年价格表（不含税）'], ['产品型号', '指导价', '最低限价']]),
      'pricePolicyProducts',
    );
    expect(m.taxExclusive).toBe(true);
    const m2 = detectHeader(pricePolicy(), 'pricePolicyProducts');
    expect(m2.taxExclusive).toBe(false);
  });
});

describe('applyMapping', () => {
  const values = [['日期', '客户全称', '产品型号', '数量', '单价', '成交价（万元）', '客户名称']];
  const detected = detectHeader(grid(values), 'salesLedger');

  it('starts from what was detected', () => {
    expect(detected.columns.unitPrice?.letter).toBe('E');
    expect(detected.columns.customer?.letter).toBe('G');
  });

  it('moves a field to the column the user picks; the column feeds one field', () => {
    const m = applyMapping(detected, { unitPrice: 5 });
    expect(m.columns.unitPrice).toEqual({
      col: 5,
      letter: 'F',
      header: '成交价（万元）',
      confidence: 1,
      how: 'user',
    });
    expect(m.unitHints.fields.unitPrice).toBe('万元');
    expect(Object.values(m.columns).filter((c) => c?.col === 5)).toHaveLength(1);
    expect(detected.columns.unitPrice?.letter).toBe('E'); // the detection itself is left alone
  });

  it('takes a column away from the field the detection gave it to', () => {
    const m = applyMapping(detected, { customer: 1 });
    expect(m.columns.customer?.letter).toBe('B');
    expect(m.unsure).toEqual([]);
    const m2 = applyMapping(detected, { remarks: 6 });
    expect(m2.columns.customer).toBeUndefined();
    expect(m2.missing).toContain('customer');
  });

  it('unmaps a field with null and ignores unknown fields', () => {
    const m = applyMapping(detected, { qty: null, nonsense: 3 } as Record<string, number | null>);
    expect(m.columns.qty).toBeUndefined();
    expect(m.missing).toEqual(['qty']);
    expect(m.columns.unitPrice?.letter).toBe('E');
  });
});
