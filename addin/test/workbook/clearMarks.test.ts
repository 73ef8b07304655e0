// 清除标记 and the result sheet's language (issue 9, items 9 and 12), on Excel (through the fake)
// and the preview's in-memory workbook alike: SalesDesk's columns, their formats and its result
// sheet go, a user's own column, format and sheet stay; a job's sheet is found by its mark.
import type { ResultColumn, ResultSheetSpec } from '../../src/workbook/adapter';
import { cellKey } from '../../src/workbook/memoryModel';
import { OWNED_SHEET_NAME, ownedSheetKindName } from '../../src/workbook/ownership';
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  LEDGER,
  ledgerWorkbook,
  makeAdapter,
  snapshotWorkbook,
} from './fixtures';

const ROWS = 12;
const USER_COL = 15; // P: right of the ledger's 15 columns, the user's own 跟进人 column
const USER_FORMAT = {
  range: { row: 3, col: 9, rowCount: ROWS, colCount: 1 },
  formula: '$J4>30',
  fill: '#C6EFCE',
};

function columns(): ResultColumn[] {
  return [
    {
      key: 'status',
      header: '价格状态',
      values: Array.from({ length: ROWS }, (_, i) => (i % 4 ? '符合' : '需审批')),
    },
    {
      key: 'minPrice',
      header: '最低允许价',
      values: Array.from({ length: ROWS }, (_, i) => 1000 + i),
      numberFormat: '#,##0.00',
      numberFormats: Array.from({ length: ROWS }, (_, i) => (i % 3 ? '"¥"#,##0.00' : '"US$"#,##0.00')),
    },
    {
      key: 'explanation',
      header: '说明',
      values: Array.from({ length: ROWS }, () => '按价格政策第 3 版判定'),
    },
  ];
}

const sheetSpec = (title: string, extra: Partial<ResultSheetSpec> = {}): ResultSheetSpec => ({
  title,
  tables: [{ columns: [{ header: '状态' }, { header: '行数' }], rows: [['符合', 9]] }],
  ...extra,
});

function userWorkbook() {
  const model = ledgerWorkbook(ROWS);
  const ledger = model.getSheet(LEDGER)!;
  ledger.setValue(HEADER_ROW, USER_COL, '跟进人');
  for (let i = 0; i < ROWS; i++) ledger.setValue(FIRST_DATA_ROW + i, USER_COL, i % 2 ? '王芳' : '');
  ledger.conditionalFormats.push({ ...USER_FORMAT });
  ledger.columnWidths.set(USER_COL, 11);
  model.addSheet('我的汇总').setRow(0, 0, ['本月', 42]);
  return model;
}

describe.each(['office', 'memory'] as const)('%s workbook', (kind) => {
  it('清除标记 removes SalesDesk’s columns, their formats and its result sheet, and nothing else', async () => {
    const { adapter, model } = makeAdapter(kind, userWorkbook());
    const before = snapshotWorkbook(model, { sheet: '', cols: new Set() });
    const written = await adapter.writeResultColumns(LEDGER, {
      headerRow: HEADER_ROW,
      firstDataRow: FIRST_DATA_ROW,
      columns: columns(),
      highlights: [{ columnKey: 'status', equals: ['需审批'], color: '#FFEB9C' }],
    });
    expect(written.columns.map((c) => c.col)).toEqual([16, 17, 18]);
    await adapter.writeResultSheet('价格检查结果', sheetSpec('结果', { kind: 'priceCheck' }));
    expect(model.sheets.map((s) => s.name)).toContain('价格检查结果');

    expect(await adapter.removeResultColumns(LEDGER)).toBe(true);
    expect(await adapter.removeResultSheet('priceCheck')).toBe('价格检查结果');
    expect(snapshotWorkbook(model, { sheet: '', cols: new Set() })).toEqual(before);
    const ledger = model.getSheet(LEDGER)!;
    expect(ledger.conditionalFormats).toEqual([USER_FORMAT]);
    expect(ledger.columnWidths.get(USER_COL)).toBe(11);
    expect(model.sheets.map((s) => s.name)).toEqual([LEDGER, '价格政策', '我的汇总']);
    // nothing left to clear: a second click removes nothing
    expect(await adapter.removeResultColumns(LEDGER)).toBe(false);
    expect(await adapter.removeResultSheet('priceCheck')).toBeNull();
  });

  it('never deletes a sheet of the user’s, even under the result sheet’s name', async () => {
    const model = userWorkbook();
    model.addSheet('价格检查结果').setValue(0, 0, '我自己的笔记');
    const { adapter } = makeAdapter(kind, model);
    expect(await adapter.removeResultSheet('priceCheck', ['价格检查结果', 'Price check results'])).toBeNull();
    expect(model.getSheet('价格检查结果')?.value(0, 0)).toBe('我自己的笔记');
  });

  it('auto-fits its own columns and shows each row’s currency with 最低允许价', async () => {
    const { adapter, model } = makeAdapter(kind, userWorkbook());
    await adapter.writeResultColumns(LEDGER, {
      headerRow: HEADER_ROW,
      firstDataRow: FIRST_DATA_ROW,
      columns: columns(),
    });
    const ledger = model.getSheet(LEDGER)!;
    for (const c of [16, 17, 18]) expect(ledger.columnWidths.get(c)).toBeGreaterThanOrEqual(8);
    expect(ledger.columnWidths.get(USER_COL)).toBe(11);
    expect(ledger.columnWidths.has(0)).toBe(false);
    expect(ledger.numberFormats.get(cellKey(FIRST_DATA_ROW, 17))).toBe('"US$"#,##0.00');
    expect(ledger.numberFormats.get(cellKey(FIRST_DATA_ROW + 1, 17))).toBe('"¥"#,##0.00');
  });

  it('finds its result sheet by its mark whatever language named it, and writes it in the run’s language', async () => {
    const { adapter, model } = makeAdapter(kind, userWorkbook());
    const en = await adapter.writeResultSheet(
      'Price check results',
      sheetSpec('Results', { kind: 'priceCheck' }),
    );
    expect(en).toMatchObject({ name: 'Price check results', replacedEarlier: false });
    const zh = await adapter.writeResultSheet('价格检查结果', sheetSpec('结果', { kind: 'priceCheck' }));
    expect(zh).toMatchObject({ name: '价格检查结果', replacedEarlier: true });
    const owned = model.sheets.filter((s) => s.names.has(OWNED_SHEET_NAME)).map((s) => s.name);
    expect(owned).toEqual(['价格检查结果']);
    expect(model.getSheet('价格检查结果')?.names.has(ownedSheetKindName('priceCheck'))).toBe(true);
    expect(model.getSheet('价格检查结果')?.value(0, 0)).toBe('结果');
  });

  it('a re-run in the same language replaces its sheet in place', async () => {
    const { adapter, model } = makeAdapter(kind, userWorkbook());
    await adapter.writeResultSheet('价格检查结果', sheetSpec('一', { kind: 'priceCheck' }));
    const again = await adapter.writeResultSheet('价格检查结果', sheetSpec('二', { kind: 'priceCheck' }));
    expect(again).toMatchObject({ name: '价格检查结果', replacedEarlier: true });
    expect(model.sheets.filter((s) => s.names.has(OWNED_SHEET_NAME)).map((s) => s.name)).toEqual([
      '价格检查结果',
    ]);
    expect(model.getSheet('价格检查结果')?.value(0, 0)).toBe('二');
  });

  it('takes over an unmarked result sheet of an older version under the other language’s name', async () => {
    const { adapter, model } = makeAdapter(kind, userWorkbook());
    await adapter.writeResultSheet('Price check results', sheetSpec('Results'));
    const zh = await adapter.writeResultSheet(
      '价格检查结果',
      sheetSpec('结果', { kind: 'priceCheck', formerNames: ['Price check results'] }),
    );
    expect(zh).toMatchObject({ name: '价格检查结果', replacedEarlier: true });
    expect(model.sheets.filter((s) => s.names.has(OWNED_SHEET_NAME)).map((s) => s.name)).toEqual([
      '价格检查结果',
    ]);
  });
});
