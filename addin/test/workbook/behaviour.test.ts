// What both workbooks (Excel through the fake, and the preview's in-memory one) must do alike:
// write only into SalesDesk's own columns and sheets, find them again, and stop cleanly.
import type { ResultColumn, ResultSheetSpec } from '../../src/workbook/adapter';
import { isCancelled } from '../../src/workbook/errors';
import { cellKey } from '../../src/workbook/memoryModel';
import { isOwnedHeader, OWNED_SHEET_NAME, RESULTS_NAME } from '../../src/workbook/ownership';
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  LEDGER,
  ledgerWorkbook,
  makeAdapter,
  snapshotWorkbook,
} from './fixtures';

const ROWS = 1_000;
/** 3 columns × 100 rows = the 300-cell cap: 10 chunks for 1,000 rows. */
const SMALL_CHUNKS = { bytes: 4_000_000, cells: 300 };

function columns(rows: number, salt = ''): ResultColumn[] {
  return [
    {
      key: 'status',
      header: '价格状态',
      values: Array.from({ length: rows }, (_, i) => (i % 10 ? `正常${salt}` : '低于最低限价')),
    },
    {
      key: 'floor',
      header: '最低限价',
      values: Array.from({ length: rows }, (_, i) => 100 + i),
      numberFormat: '#,##0.00',
    },
    { key: 'rule', header: '依据', values: Array.from({ length: rows }, (_, i) => `R-${i % 7}${salt}`) },
  ];
}

const request = (rows = ROWS, salt = '') => ({
  headerRow: HEADER_ROW,
  firstDataRow: FIRST_DATA_ROW,
  columns: columns(rows, salt),
  highlights: [{ columnKey: 'status', equals: ['低于最低限价'], color: '#FFC7CE' }],
});

/** Columns of the ledger whose header carries SalesDesk's mark. */
function markedColumns(model: ReturnType<typeof ledgerWorkbook>): number[] {
  const sheet = model.getSheet(LEDGER);
  const out: number[] = [];
  for (let c = 0; c < 100; c++) if (isOwnedHeader(sheet?.value(HEADER_ROW, c))) out.push(c);
  return out;
}

const ownedFormats = (model: ReturnType<typeof ledgerWorkbook>) =>
  model.getSheet(LEDGER)?.conditionalFormats.filter((cf) => cf.formula.includes('N("SalesDesk")')) ?? [];

const sheetSpec = (rows: number, extra: Partial<ResultSheetSpec> = {}): ResultSheetSpec => ({
  title: '价格检查结果（2026-03-05）',
  freezeHeader: true,
  tables: [
    {
      caption: '低于限价的行',
      columns: [
        { header: '行' },
        { header: '客户名称' },
        { header: '单价', numberFormat: '#,##0.00' },
        { header: '状态' },
      ],
      rows: Array.from({ length: rows }, (_, i) => [
        { text: `第${FIRST_DATA_ROW + i + 1}行`, sheet: LEDGER, address: `K${FIRST_DATA_ROW + i + 1}` },
        `客户${i}`,
        1000 + i,
        i % 2 ? '低于最低限价' : '需审批',
      ]),
      totals: ['合计', null, 12345.5, null],
      highlights: [{ column: 3, op: 'eq', values: ['低于最低限价'], color: '#FFC7CE', wholeRow: true }],
    },
    {
      caption: '按月',
      columns: [{ header: '月份' }, { header: '计划' }, { header: '实际' }],
      rows: [
        ['1月', 100, 90],
        ['2月', 80, 85],
      ],
    },
  ],
  charts: [{ type: 'line', title: '计划与实际', table: 1, categoryColumn: 0, seriesCount: 2 }],
  ...extra,
});

describe.each(['office', 'memory'] as const)('%s workbook', (kind) => {
  it('writes its columns right of the data and touches no other cell', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(ROWS), SMALL_CHUNKS);
    const before = snapshotWorkbook(model, { sheet: LEDGER, cols: new Set([15, 16, 17]) });
    const progress: number[] = [];
    const written = await adapter.writeResultColumns(LEDGER, {
      ...request(),
      onProgress: (p) => progress.push(p.rowsDone),
    });
    expect(written).toMatchObject({ replacedEarlier: false, movedRight: false, rowCount: ROWS });
    expect(written.columns.map((c) => c.letter)).toEqual(['P', 'Q', 'R']);
    expect(progress).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * 100));
    expect(snapshotWorkbook(model, { sheet: LEDGER, cols: new Set([15, 16, 17]) })).toEqual(before);
    const sheet = model.getSheet(LEDGER)!;
    expect(sheet.value(HEADER_ROW, 15)).toBe('【SalesDesk】价格状态');
    expect(sheet.value(FIRST_DATA_ROW, 15)).toBe('低于最低限价');
    expect(sheet.value(FIRST_DATA_ROW + ROWS - 1, 17)).toBe(`R-${(ROWS - 1) % 7}`);
    expect(sheet.numberFormats.get(cellKey(FIRST_DATA_ROW, 16))).toBe('#,##0.00');
    expect(sheet.names.get(RESULTS_NAME)).toEqual({
      row: HEADER_ROW,
      col: 15,
      rowCount: ROWS + 1,
      colCount: 3,
    });
    // The highlight is a conditional format over the data rows, keyed on the status column.
    expect(ownedFormats(model)).toEqual([
      {
        range: { row: FIRST_DATA_ROW, col: 0, rowCount: ROWS, colCount: 18 },
        formula: `AND(N("SalesDesk")=0,OR($P${FIRST_DATA_ROW + 1}="低于最低限价"))`,
        fill: '#FFC7CE',
      },
    ]);
  });

  it('a re-run replaces its columns and highlights, never duplicates them', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(ROWS), SMALL_CHUNKS);
    await adapter.writeResultColumns(LEDGER, request());
    const second = await adapter.writeResultColumns(LEDGER, request(ROWS - 200, '*'));
    expect(second).toMatchObject({ replacedEarlier: true, movedRight: false });
    expect(markedColumns(model)).toEqual([15, 16, 17]);
    expect(ownedFormats(model)).toHaveLength(1);
    const sheet = model.getSheet(LEDGER)!;
    expect(sheet.value(FIRST_DATA_ROW + 1, 15)).toBe('正常*');
    // Rows the shorter second run did not reach were cleared, not left stale.
    expect(sheet.value(FIRST_DATA_ROW + ROWS - 1, 15)).toBeUndefined();
    expect(sheet.names.get(RESULTS_NAME)?.rowCount).toBe(ROWS - 200 + 1);
  });

  it('moves right of a column the user added next to its own, and leaves the user’s cells alone', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(ROWS), SMALL_CHUNKS);
    await adapter.writeResultColumns(LEDGER, request());
    const sheet = model.getSheet(LEDGER)!;
    sheet.setValue(HEADER_ROW, 18, '我的备注');
    sheet.setValue(FIRST_DATA_ROW + 40, 18, '客户说下月补款');
    const before = snapshotWorkbook(model, { sheet: LEDGER, cols: new Set([15, 16, 17, 19, 20, 21, 22]) });
    const four = {
      ...request(),
      columns: [...columns(ROWS), { key: 'x', header: '差额', values: [1, 2, 3] }],
    };
    const written = await adapter.writeResultColumns(LEDGER, four);
    expect(written).toMatchObject({ replacedEarlier: true, movedRight: true });
    expect(written.columns.map((c) => c.col)).toEqual([19, 20, 21, 22]);
    expect(sheet.value(FIRST_DATA_ROW + 40, 18)).toBe('客户说下月补款');
    for (let r = HEADER_ROW; r < FIRST_DATA_ROW + ROWS; r++)
      for (const c of [15, 16, 17]) expect(sheet.value(r, c)).toBeUndefined();
    expect(snapshotWorkbook(model, { sheet: LEDGER, cols: new Set([15, 16, 17, 19, 20, 21, 22]) })).toEqual(
      before,
    );
    expect(markedColumns(model)).toEqual([19, 20, 21, 22]);
  });

  it('gives a column back to the user who typed over its header', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(ROWS), SMALL_CHUNKS);
    await adapter.writeResultColumns(LEDGER, request());
    const sheet = model.getSheet(LEDGER)!;
    sheet.setValue(HEADER_ROW, 16, '我的限价');
    sheet.setValue(FIRST_DATA_ROW, 16, 999);
    const written = await adapter.writeResultColumns(LEDGER, request());
    expect(written.movedRight).toBe(true);
    expect(sheet.value(HEADER_ROW, 16)).toBe('我的限价');
    expect(sheet.value(FIRST_DATA_ROW, 16)).toBe(999);
    expect(sheet.value(FIRST_DATA_ROW + 1, 16)).toBe(100 + 1); // the user's column keeps the old numbers they took over
    expect(sheet.value(FIRST_DATA_ROW, 15)).toBeUndefined();
    expect(markedColumns(model)).toEqual([18, 19, 20]);
  });

  it('when the user took its first column back, still checks the column past its old block', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(ROWS), SMALL_CHUNKS);
    await adapter.writeResultColumns(LEDGER, request());
    const sheet = model.getSheet(LEDGER)!;
    sheet.setValue(HEADER_ROW, 15, '我的状态');
    sheet.setValue(FIRST_DATA_ROW + 9, 18, '别覆盖我');
    const written = await adapter.writeResultColumns(LEDGER, request());
    expect(written.movedRight).toBe(true);
    expect(sheet.value(FIRST_DATA_ROW + 9, 18)).toBe('别覆盖我');
    expect(sheet.value(HEADER_ROW, 15)).toBe('我的状态');
    expect(markedColumns(model)).toEqual([19, 20, 21]);
  });

  it('follows its columns when the user inserts a column before the data', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(ROWS), SMALL_CHUNKS);
    await adapter.writeResultColumns(LEDGER, request());
    model.getSheet(LEDGER)!.insertColumns(0, 1);
    const written = await adapter.writeResultColumns(LEDGER, request(ROWS, '*'));
    expect(written).toMatchObject({ replacedEarlier: true, movedRight: false });
    expect(written.columns.map((c) => c.letter)).toEqual(['Q', 'R', 'S']);
    expect(markedColumns(model)).toEqual([16, 17, 18]);
    expect(ownedFormats(model)).toHaveLength(1);
  });

  it('finds its columns by their marked headers when the defined name is gone', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(ROWS), SMALL_CHUNKS);
    await adapter.writeResultColumns(LEDGER, request());
    model.getSheet(LEDGER)!.names.delete(RESULTS_NAME);
    const written = await adapter.writeResultColumns(LEDGER, request(ROWS, '*'));
    expect(written).toMatchObject({ replacedEarlier: true, movedRight: false });
    expect(markedColumns(model)).toEqual([15, 16, 17]);
  });

  it('does not claim a copy the user made of its column elsewhere', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(ROWS), SMALL_CHUNKS);
    await adapter.writeResultColumns(LEDGER, request());
    const sheet = model.getSheet(LEDGER)!;
    sheet.setValue(HEADER_ROW, 25, '【SalesDesk】价格状态');
    sheet.setValue(FIRST_DATA_ROW, 25, '三月的结果，留着');
    await adapter.writeResultColumns(LEDGER, request(ROWS, '*'));
    expect(sheet.value(FIRST_DATA_ROW, 25)).toBe('三月的结果，留着');
    expect(sheet.value(FIRST_DATA_ROW + 1, 15)).toBe('正常*');
  });

  it('stops between chunks on cancel and leaves no half-written column claimed', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(ROWS), SMALL_CHUNKS);
    await adapter.writeResultColumns(LEDGER, request());
    const before = snapshotWorkbook(model, { sheet: LEDGER, cols: new Set([15, 16, 17]) });
    const stop = new AbortController();
    const done: number[] = [];
    const error = await adapter
      .writeResultColumns(LEDGER, {
        ...request(ROWS, '*'),
        signal: stop.signal,
        onProgress: (p) => {
          done.push(p.rowsDone);
          if (p.rowsDone === 300) stop.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    expect(done).toEqual([100, 200, 300]);
    const sheet = model.getSheet(LEDGER)!;
    for (let r = HEADER_ROW; r < FIRST_DATA_ROW + ROWS; r++)
      for (const c of [15, 16, 17]) expect(sheet.value(r, c)).toBeUndefined();
    expect(sheet.names.has(RESULTS_NAME)).toBe(false);
    expect(ownedFormats(model)).toHaveLength(0);
    expect(snapshotWorkbook(model, { sheet: LEDGER, cols: new Set([15, 16, 17]) })).toEqual(before);
    // The next run starts afresh in the same place.
    const again = await adapter.writeResultColumns(LEDGER, request());
    expect(again.columns[0]?.col).toBe(15);
  });

  it('writes nothing at all when cancelled before it starts', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(10));
    const before = snapshotWorkbook(model, { sheet: '', cols: new Set() });
    const stop = new AbortController();
    stop.abort();
    await expect(
      adapter.writeResultColumns(LEDGER, { ...request(10), signal: stop.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(snapshotWorkbook(model, { sheet: '', cols: new Set() })).toEqual(before);
  });

  it('removes its columns and highlights on request', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(20));
    const before = snapshotWorkbook(model, { sheet: '', cols: new Set() });
    await adapter.writeResultColumns(LEDGER, request(20));
    expect(await adapter.removeResultColumns(LEDGER)).toBe(true);
    expect(snapshotWorkbook(model, { sheet: '', cols: new Set() })).toEqual(before);
    expect(ownedFormats(model)).toHaveLength(0);
    expect(await adapter.removeResultColumns(LEDGER)).toBe(false);
  });

  it('writes a result sheet as tables with formats, frozen header, fills and a chart', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(10));
    const before = snapshotWorkbook(model, { sheet: '', cols: new Set() });
    const written = await adapter.writeResultSheet('价格检查结果', sheetSpec(30));
    expect(written.name).toBe('价格检查结果');
    expect(written.replacedEarlier).toBe(false);
    const sheet = model.getSheet('价格检查结果')!;
    expect(sheet.names.has(OWNED_SHEET_NAME)).toBe(true);
    expect(sheet.value(0, 0)).toBe('价格检查结果（2026-03-05）');
    const [t1, t2] = written.tables;
    expect(t1).toMatchObject({ headerRow: 3, firstDataRow: 4, rowCount: 30, columnCount: 4 });
    expect(sheet.value(3, 1)).toBe('客户名称');
    expect(sheet.value(4, 0)).toBe(`第${FIRST_DATA_ROW + 1}行`);
    expect(sheet.links.get(cellKey(4, 0))).toEqual({ sheet: LEDGER, address: `K${FIRST_DATA_ROW + 1}` });
    expect(sheet.numberFormats.get(cellKey(5, 2))).toBe('#,##0.00');
    expect(sheet.value(34, 2)).toBe(12345.5);
    expect(sheet.bold.has(cellKey(34, 0))).toBe(true);
    expect(sheet.frozenRows).toBe(4);
    expect(sheet.tables.map((t) => [t.name, t.range])).toEqual([
      [t1?.name, { row: 3, col: 0, rowCount: 31, colCount: 4 }],
      [t2?.name, { row: 37, col: 0, rowCount: 3, colCount: 3 }],
    ]);
    expect(sheet.conditionalFormats).toEqual([
      {
        range: { row: 4, col: 0, rowCount: 30, colCount: 4 },
        formula: 'AND(N("SalesDesk")=0,OR($D5="低于最低限价"))',
        fill: '#FFC7CE',
      },
    ]);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0]).toMatchObject({
      type: 'line',
      title: '计划与实际',
      source: { row: 37, col: 0, rowCount: 3, colCount: 3 },
    });
    // Nothing else in the workbook changed.
    const after = snapshotWorkbook(model, { sheet: '', cols: new Set() });
    delete after['价格检查结果'];
    expect(after).toEqual(before);
  });

  it('a re-run replaces its result sheet in place: one sheet, one set of tables and charts', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(10));
    await adapter.writeResultSheet('价格检查结果', sheetSpec(30));
    const second = await adapter.writeResultSheet('价格检查结果', sheetSpec(5, { title: '第二次' }));
    expect(second).toMatchObject({ name: '价格检查结果', replacedEarlier: true });
    expect(model.sheets.map((s) => s.name)).toEqual([LEDGER, '价格政策', '价格检查结果']);
    const sheet = model.getSheet('价格检查结果')!;
    expect(sheet.value(0, 0)).toBe('第二次');
    expect(sheet.tables).toHaveLength(2);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.conditionalFormats).toHaveLength(1);
    // Rows of the longer first run are gone.
    expect(sheet.value(20, 1)).toBeUndefined();
  });

  it('leaves a user’s sheet of the same name alone and writes to “name (2)”', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(10));
    const mine = model.addSheet('价格检查结果');
    mine.setValue(0, 0, '我自己的表');
    const written = await adapter.writeResultSheet('价格检查结果', sheetSpec(3));
    expect(written.name).toBe('价格检查结果 (2)');
    expect(mine.value(0, 0)).toBe('我自己的表');
    expect(mine.tables).toHaveLength(0);
    const again = await adapter.writeResultSheet('价格检查结果', sheetSpec(3));
    expect(again).toMatchObject({ name: '价格检查结果 (2)', replacedEarlier: true });
    expect(model.sheets).toHaveLength(4);
  });

  it('on cancel deletes a new result sheet, and leaves a replaced one with only a note', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(10), { bytes: 4_000_000, cells: 40 });
    const stop = new AbortController();
    const spec = sheetSpec(100, { signal: stop.signal, onProgress: (p) => p.rowsDone > 20 && stop.abort() });
    await expect(adapter.writeResultSheet('价格检查结果', spec)).rejects.toMatchObject({ code: 'cancelled' });
    expect(model.getSheet('价格检查结果')).toBeUndefined();

    await adapter.writeResultSheet('价格检查结果', sheetSpec(10));
    const stop2 = new AbortController();
    const spec2 = sheetSpec(100, {
      signal: stop2.signal,
      onProgress: (p) => p.rowsDone > 20 && stop2.abort(),
    });
    await expect(adapter.writeResultSheet('价格检查结果', spec2)).rejects.toMatchObject({
      code: 'cancelled',
    });
    const sheet = model.getSheet('价格检查结果')!;
    expect(sheet.value(0, 0)).toMatch(/结果未写完/);
    expect(sheet.usedRect()).toEqual({ row: 0, col: 0, rowCount: 1, colCount: 1 });
    expect(sheet.tables).toHaveLength(0);
    expect(sheet.names.has(OWNED_SHEET_NAME)).toBe(true);
  });

  it('reads a sheet as a grid with hidden rows and merges in sheet coordinates', async () => {
    const model = ledgerWorkbook(2_000);
    const { adapter } = makeAdapter(kind, model);
    const grid = await adapter.readSheet(LEDGER, { maxRows: 10, numberFormats: true });
    expect(grid.values).toHaveLength(10);
    expect(grid.values[1]?.[5]).toBe('');
    expect(grid.numberFormats?.[FIRST_DATA_ROW]?.[0]).toBe('yyyy/m/d');
    expect(grid.merges).toEqual([{ row: 0, col: 0, rowCount: 1, colCount: 15 }]);
    const all = await adapter.readSheet(LEDGER);
    expect([...(all.hiddenRows ?? [])]).toEqual([FIRST_DATA_ROW + 500, FIRST_DATA_ROW + 1497]);
    expect(all).toMatchObject({ startRow: 0, startCol: 0 });
  });

  it('reads an empty sheet as an empty grid', async () => {
    const model = ledgerWorkbook(1);
    model.addSheet('空表');
    const { adapter } = makeAdapter(kind, model);
    expect(await adapter.readSheet('空表')).toMatchObject({ name: '空表', values: [] });
  });

  it('remembers settings per workbook', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(1));
    const mapping = { sheet: LEDGER, columns: { unitPrice: '单价', model: '产品型号' }, headerRow: 2 };
    expect(await adapter.getSetting('columnMapping:销售台账')).toBeUndefined();
    await adapter.setSetting('columnMapping:销售台账', mapping);
    expect(await adapter.getSetting('columnMapping:销售台账')).toEqual(mapping);
    expect(model.settings.size).toBe(1);
    await adapter.setSetting('columnMapping:销售台账', undefined);
    expect(await adapter.getSetting('columnMapping:销售台账')).toBeUndefined();
  });

  it('refuses when the sheet has no room on the right', async () => {
    const { adapter, model } = makeAdapter(kind, ledgerWorkbook(5));
    model.getSheet(LEDGER)!.setValue(FIRST_DATA_ROW, 16_382, '最右边');
    await expect(adapter.writeResultColumns(LEDGER, request(5))).rejects.toMatchObject({
      code: 'noRoomForColumns',
    });
  });
});
