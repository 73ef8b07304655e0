import {
  POLICY_SETTINGS,
  blockKind,
  detectHeader,
  findBlock,
  findBlocks,
  readKeyValues,
  readLedger,
  type SheetGrid,
} from '../../src/sheets';
import { pricePolicy } from './grids';

describe('findBlocks', () => {
  it('finds the three blocks of the price-policy sheet with their offsets', () => {
    const blocks = findBlocks(pricePolicy());
    expect(blocks.map((b) => [b.name, b.markerCell, b.grid.startRow, b.grid.values.length])).toEqual([
      ['产品价格', 'A4', 4, 4],
      ['折扣上限', 'A9', 9, 4],
      ['价格规则', 'A14', 14, 3],
    ]);
    expect(blocks.map((b) => blockKind(b.name))).toEqual([
      'pricePolicyProducts',
      'discountCaps',
      'priceRules',
    ]);
    expect(blocks.every((b) => b.grid.name === '价格政策')).toBe(true);
  });

  it('reads each block with the same header detection, in Excel rows of the whole sheet', () => {
    const sheet = pricePolicy();
    const products = findBlock(sheet, 'pricePolicyProducts')!;
    const pm = detectHeader(products.grid, 'pricePolicyProducts');
    expect(pm.headerExcelRow).toBe(5);
    expect(pm.missing).toEqual([]);
    const pr = readLedger(products.grid, 'pricePolicyProducts', pm);
    expect(
      pr.rows.map((r) => [
        r.sheetRow,
        r.values.model,
        r.values.listPrice,
        r.values.floorPrice,
        r.values.usdListPrice,
      ]),
    ).toEqual([
      [6, 'QJ200-50', 150000, 120000, null],
      [7, 'IS80-65-160', 280000, 230000, 42000],
    ]);
    expect(pr.skipped.blank.rows).toEqual([8]);

    const caps = findBlock(sheet, 'discountCaps')!;
    const cr = readLedger(caps.grid, 'discountCaps', detectHeader(caps.grid, 'discountCaps'));
    expect(
      cr.rows.map((r) => [
        r.sheetRow,
        r.values.customerClass,
        r.values.oldCustomerCap,
        r.values.newCustomerCap,
      ]),
    ).toEqual([
      [11, '经销商', 1500, 1000],
      [12, '终端客户', 800, 500],
    ]);

    const rules = findBlock(sheet, 'priceRules')!;
    const rr = readLedger(rules.grid, 'priceRules', detectHeader(rules.grid, 'priceRules'));
    expect(rr.problems).toEqual([]);
    expect(rr.rows.map((r) => r.values)).toEqual([
      {
        ruleId: 'R-001',
        priority: 1,
        productScope: '全部',
        customerScope: '类别:经销商',
        minQty: null,
        maxQty: null,
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        ruleType: '追加折扣',
        value: '2%',
        description: '年度经销商政策',
      },
      {
        ruleId: 'R-002',
        priority: 2,
        productScope: '型号:QJ200-50',
        customerScope: '客户:某某公司',
        minQty: 50,
        maxQty: null,
        validFrom: '2026-03-01',
        validTo: null,
        ruleType: '固定价',
        value: 1100,
        description: null,
      },
    ]);
  });

  it('reports problems in a block at the sheet cell', () => {
    const sheet = pricePolicy();
    (sheet.values[10] as unknown[])[1] = '十五';
    const caps = findBlock(sheet, 'discountCaps')!;
    const cr = readLedger(caps.grid, 'discountCaps', detectHeader(caps.grid, 'discountCaps'));
    expect(cr.problems).toMatchObject([{ cell: 'B11', header: '老客户折扣上限', reason: 'not a number' }]);
  });

  it('keeps the grid offset, merges and hidden rows of the sheet', () => {
    const g: SheetGrid = {
      name: '政策',
      startRow: 2,
      startCol: 1,
      values: [
        ['【折扣上限】'],
        ['客户类别', '老客户折扣上限', '新客户折扣上限'],
        ['经销商', '15%', '10%'],
        ['外贸', '12%', '8%'],
      ],
      hiddenRows: new Set([5]),
      merges: [{ row: 2, col: 1, rowCount: 1, colCount: 3 }],
    };
    const [b] = findBlocks(g);
    expect(b?.markerCell).toBe('B3');
    expect(b?.grid).toMatchObject({ startRow: 3, startCol: 1, merges: [] });
    const r = readLedger(b!.grid, 'discountCaps', detectHeader(b!.grid, 'discountCaps'));
    expect(r.rows.map((x) => x.sheetRow)).toEqual([5]);
    expect(r.skipped.hidden.rows).toEqual([6]);
  });

  it('gives each block only the merges that start inside it', () => {
    const sheet = pricePolicy();
    sheet.merges = [
      { row: 0, col: 0, rowCount: 1, colCount: 7 },
      { row: 15, col: 10, rowCount: 2, colCount: 1 },
    ];
    const [products, caps, rules] = findBlocks(sheet);
    expect(products?.grid.merges).toEqual([]);
    expect(caps?.grid.merges).toEqual([]);
    expect(rules?.grid.merges).toEqual([{ row: 15, col: 10, rowCount: 2, colCount: 1 }]);
  });

  it('knows block names in other words, and finds nothing where there is nothing', () => {
    expect(blockKind('Price Rules')).toBe('priceRules');
    expect(blockKind('经销商折扣上限')).toBe('discountCaps');
    expect(blockKind('联系人')).toBeNull();
    expect(findBlocks({ name: 'x', values: [['产品型号', '指导价'], ['[产品价格]']] })).toEqual([]);
    expect(findBlock({ name: 'x', values: [['【产品价格】']] }, 'priceRules')).toBeNull();
  });
});

describe('readKeyValues', () => {
  it('reads 超期预警天数 | 90 on the settings row (formats.md)', () => {
    const kv = readKeyValues({
      name: '价格政策',
      values: [
        ['价格政策'],
        ['增值税率', '13%', '生效日期', '2026-01-01', '超期预警天数', 90],
        [],
        ['【产品价格】'],
      ],
    });
    expect(kv.values.creditMaxDays).toBe(90);
    expect(kv.cells.creditMaxDays).toBe('F2');
  });

  it('reads 增值税率 | 13% | 生效日期 | 2026-01-01 above the blocks', () => {
    const kv = readKeyValues(pricePolicy());
    expect(kv.values).toEqual({ vatRate: 1300, effectiveFrom: '2026-01-01', creditMaxDays: null });
    expect(kv.cells).toEqual({ vatRate: 'B2', effectiveFrom: 'D2' });
    expect(kv.problems).toEqual([]);
  });

  it('reads label：value in one cell, gaps between label and value, and Excel values', () => {
    const kv = readKeyValues({
      name: '价格政策',
      values: [['价格政策'], ['增值税率：１３％', '', '生效日期', '', 46023]],
    });
    expect(kv.values).toEqual({ vatRate: 1300, effectiveFrom: '2026-01-01', creditMaxDays: null });
    expect(kv.cells).toEqual({ vatRate: 'A2', effectiveFrom: 'E2' });
  });

  it('reports a value it cannot read, at its cell', () => {
    const kv = readKeyValues(
      { name: '价格政策', values: [['增值税率', '十三', '生效日期', '2026-02-30']] },
      POLICY_SETTINGS,
    );
    expect(kv.values).toEqual({ vatRate: null, effectiveFrom: null, creditMaxDays: null });
    expect(kv.problems.map((p) => [p.cell, p.field, p.reason])).toEqual([
      ['B1', 'vatRate', 'not a number'],
      ['D1', 'effectiveFrom', 'no such date'],
    ]);
  });

  it('does not read below the first block marker', () => {
    const kv = readKeyValues({ name: 'p', values: [['标题'], ['【价格规则】'], ['生效日期', '2026-05-01']] });
    expect(kv.values.effectiveFrom).toBeNull();
  });
});
