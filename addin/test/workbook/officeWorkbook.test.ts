// The Excel adapter against the fake: how many requests, how big, and what they leave behind.
import { OfficeWorkbook } from '../../src/workbook/officeWorkbook';
import {
  EXCEL_PAYLOAD_LIMIT,
  jsonBytes,
  planWriteChunks,
  readChunkCount,
  readChunkRows,
} from '../../src/workbook/payload';
import { toExcelInput } from '../../src/workbook/cellInput';
import { cellKey, WorkbookModel } from '../../src/workbook/memoryModel';
import { WorkbookError } from '../../src/workbook/errors';
import type { ResultColumn } from '../../src/workbook/adapter';
import { FakeExcel, FakeExcelError } from '../../devtools/fakeExcel';
import { FIRST_DATA_ROW, HEADER_ROW, LEDGER, ledgerWorkbook, snapshotWorkbook } from './fixtures';

// Large sheets and exceljs parsing take seconds on a busy 2-core machine (no speed is asserted).
jest.setTimeout(30_000);

const BIG = 100_000;

function resultColumns(rows: number, salt = ''): ResultColumn[] {
  return [
    {
      key: 'status',
      header: '价格状态',
      values: Array.from({ length: rows }, (_, i) =>
        i % 7 ? `正常${salt}` : `低于最低限价，需审批单号${salt}`,
      ),
    },
    {
      key: 'floor',
      header: '最低限价',
      values: Array.from({ length: rows }, (_, i) => 1000 + i + 0.5),
      numberFormat: '#,##0.00',
    },
    {
      key: 'note',
      header: '说明',
      values: Array.from({ length: rows }, (_, i) => (i % 3 ? null : `规则 R-0${i % 9}`)),
    },
  ];
}

/** The write plan the adapter must follow: one chunk per planned group of rows. */
function plannedWriteChunks(columns: ResultColumn[], rows: number): number {
  const fmt = columns.reduce((n, c) => n + (c.numberFormat ? jsonBytes(c.numberFormat) + 3 : 0), 0);
  return planWriteChunks([
    {
      width: columns.length,
      rowCount: rows,
      rowBytes: (i) => jsonBytes(columns.map((c) => toExcelInput(c.values[i] ?? null))) + fmt,
    },
  ]).length;
}

describe('OfficeWorkbook against the fake Excel', () => {
  let big: { model: WorkbookModel; fake: FakeExcel; excel: OfficeWorkbook };

  beforeAll(() => {
    const model = ledgerWorkbook(BIG);
    const fake = new FakeExcel(model);
    big = { model, fake, excel: new OfficeWorkbook({ run: fake.run }) };
  });

  beforeEach(() => big.fake.reset());

  it('reads a 100,000 × 15 sheet in 1 + one sync per chunk, every request and response under 5 MB', async () => {
    const progress: number[] = [];
    const grid = await big.excel.readSheet(LEDGER, { onProgress: (p) => progress.push(p.rowsDone) });
    const rows = BIG + FIRST_DATA_ROW + 1;
    expect(grid.values).toHaveLength(rows);
    expect(grid.values[HEADER_ROW]?.[2]).toBe('客户名称');
    expect(grid.values[rows - 1]?.[0]).toBe('合计');
    expect(readChunkRows(15, false)).toBe(6666);
    expect(big.fake.syncCount).toBe(1 + readChunkCount(rows, 15, false));
    expect(big.fake.syncCount).toBe(17);
    expect(progress).toHaveLength(16);
    expect(progress.at(-1)).toBe(rows);
    for (const s of big.fake.syncs) {
      expect(s.requestBytes).toBeLessThan(EXCEL_PAYLOAD_LIMIT);
      expect(s.responseBytes).toBeLessThan(EXCEL_PAYLOAD_LIMIT);
    }
    expect(Math.max(...big.fake.syncs.map((s) => s.responseBytes))).toBeGreaterThan(1_000_000);
    const sheet = big.model.getSheet(LEDGER);
    expect(grid.hiddenRows).toEqual(sheet?.hiddenRows);
    expect(grid.merges).toEqual([{ row: 0, col: 0, rowCount: 1, colCount: 15 }]);
  });

  it('needs the same syncs for 1,000 rows as the formula says: fewer chunks, fewer syncs', async () => {
    const small = new FakeExcel(ledgerWorkbook(1_000));
    const excel = new OfficeWorkbook({ run: small.run });
    await excel.readSheet(LEDGER);
    expect(small.syncCount).toBe(1 + readChunkCount(1_000 + FIRST_DATA_ROW + 1, 15, false));
    expect(small.syncCount).toBe(2);
    small.reset();
    const columns = resultColumns(1_000);
    await excel.writeResultColumns(LEDGER, { headerRow: HEADER_ROW, firstDataRow: FIRST_DATA_ROW, columns });
    expect(plannedWriteChunks(columns, 1_000)).toBe(1);
    expect(small.syncCount).toBe(1 + 1);
  });

  it('reads number formats in smaller chunks, still under the limit', async () => {
    const grid = await big.excel.readSheet(LEDGER, { numberFormats: true, maxRows: 20_000 });
    expect(grid.values).toHaveLength(20_000);
    expect(grid.numberFormats?.[FIRST_DATA_ROW]?.[0]).toBe('yyyy/m/d');
    expect(big.fake.syncCount).toBe(1 + Math.ceil(20_000 / readChunkRows(15, true)));
    for (const s of big.fake.syncs) expect(s.responseBytes).toBeLessThan(EXCEL_PAYLOAD_LIMIT);
  });

  it('writes 3 result columns to 100,000 rows in one sync per chunk, each under 5 MB, touching nothing else', async () => {
    const before = snapshotWorkbook(big.model, { sheet: LEDGER, cols: new Set([15, 16, 17]) });
    const columns = resultColumns(BIG);
    const written = await big.excel.writeResultColumns(LEDGER, {
      headerRow: HEADER_ROW,
      firstDataRow: FIRST_DATA_ROW,
      columns,
      highlights: [{ columnKey: 'status', equals: ['低于最低限价，需审批单号'], color: '#FFC7CE' }],
    });
    expect(written.columns.map((c) => c.letter)).toEqual(['P', 'Q', 'R']);
    const chunks = plannedWriteChunks(columns, BIG);
    expect(chunks).toBeGreaterThan(1);
    expect(big.fake.syncCount).toBe(1 + chunks);
    for (const s of big.fake.syncs) expect(s.requestBytes).toBeLessThan(EXCEL_PAYLOAD_LIMIT);
    const writes = big.fake.syncs.slice(1);
    writes.slice(0, -1).forEach((s) => expect(s.calculationSuspended).toBe(true));
    expect(writes[0]?.screenUpdatingSuspended).toBe(true);
    expect(writes.at(-1)?.screenUpdatingSuspended).toBe(true);
    expect(writes.at(-1)?.recalculated).toBe(true);
    expect(snapshotWorkbook(big.model, { sheet: LEDGER, cols: new Set([15, 16, 17]) })).toEqual(before);
    const sheet = big.model.getSheet(LEDGER);
    expect(sheet?.value(HEADER_ROW, 15)).toBe('【SalesDesk】价格状态');
    expect(sheet?.value(FIRST_DATA_ROW, 15)).toBe('低于最低限价，需审批单号');
    expect(sheet?.value(FIRST_DATA_ROW + BIG - 1, 16)).toBe(1000 + BIG - 1 + 0.5);
    expect(sheet?.numberFormats.get(cellKey(FIRST_DATA_ROW + 5, 16))).toBe('#,##0.00');
  });

  it('keeps every text as text: numbers-as-text, dates-as-text, formulas and TRUE stay what they were', async () => {
    const fake = new FakeExcel(ledgerWorkbook(5));
    const excel = new OfficeWorkbook({ run: fake.run });
    const tricky = ['001234', '1-2', '=HYPERLINK("http://x")', 'TRUE', "'quoted"];
    await excel.writeResultColumns(LEDGER, {
      headerRow: HEADER_ROW,
      firstDataRow: FIRST_DATA_ROW,
      columns: [
        { key: 'text', header: '=SUM(A1)', values: tricky },
        {
          key: 'link',
          header: '定位',
          values: tricky.map((_, i) => ({ text: `第${i + 4}行`, sheet: LEDGER, address: `A${i + 4}` })),
        },
      ],
    });
    const sheet = fake.model.getSheet(LEDGER);
    tricky.forEach((t, i) => expect(sheet?.value(FIRST_DATA_ROW + i, 15)).toBe(t));
    expect(sheet?.value(HEADER_ROW, 15)).toBe('【SalesDesk】=SUM(A1)');
    expect(sheet?.formulas.has(cellKey(FIRST_DATA_ROW, 15))).toBe(false);
    expect(sheet?.links.get(cellKey(FIRST_DATA_ROW + 1, 16))).toEqual({ sheet: LEDGER, address: 'A5' });
    expect(sheet?.value(FIRST_DATA_ROW + 1, 16)).toBe('第5行');
  });

  it('when Excel refuses a chunk for its size, re-plans smaller and finishes', async () => {
    const fake = new FakeExcel(ledgerWorkbook(3_000));
    fake.payloadLimit = 60_000;
    const excel = new OfficeWorkbook({ run: fake.run });
    const columns = resultColumns(3_000);
    await excel.writeResultColumns(LEDGER, { headerRow: HEADER_ROW, firstDataRow: FIRST_DATA_ROW, columns });
    const refused = fake.syncs.filter((s) => s.requestBytes > fake.payloadLimit);
    expect(refused.length).toBeGreaterThan(0);
    const sheet = fake.model.getSheet(LEDGER);
    expect(sheet?.value(FIRST_DATA_ROW + 2_999, 16)).toBe(1000 + 2_999 + 0.5);
    expect(sheet?.value(HEADER_ROW, 17)).toBe('【SalesDesk】说明');
  });

  it('reads in halves when a response is refused for its size', async () => {
    const model = new WorkbookModel();
    const s = model.addSheet('备注');
    for (let r = 0; r < 200; r++) s.setRow(r, 0, ['说明'.repeat(400)]);
    const fake = new FakeExcel(model);
    fake.payloadLimit = 200_000;
    const grid = await new OfficeWorkbook({ run: fake.run }).readSheet('备注');
    expect(grid.values).toHaveLength(200);
    expect(fake.syncs.some((x) => x.responseBytes > fake.payloadLimit)).toBe(true);
  });

  it('a failed chunk leaves no half-written column claimed', async () => {
    const fake = new FakeExcel(ledgerWorkbook(1_000));
    const excel = new OfficeWorkbook({ run: fake.run, limits: { bytes: 4_000_000, cells: 300 } });
    fake.failSync = (i) => (i === 3 ? new FakeExcelError('GeneralException', 'connection lost') : undefined);
    await expect(
      excel.writeResultColumns(LEDGER, {
        headerRow: HEADER_ROW,
        firstDataRow: FIRST_DATA_ROW,
        columns: resultColumns(1_000),
      }),
    ).rejects.toMatchObject({ code: 'excel' });
    const sheet = fake.model.getSheet(LEDGER);
    expect(sheet?.names.size).toBe(0);
    for (let r = HEADER_ROW; r < FIRST_DATA_ROW + 1_000; r++)
      for (let c = 15; c < 18; c++) expect(sheet?.value(r, c)).toBeUndefined();
  });

  it('says which sheet is missing, in both languages', async () => {
    const fake = new FakeExcel(ledgerWorkbook(3));
    const err = await new OfficeWorkbook({ run: fake.run }).readSheet('发货台账').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect((err as WorkbookError).code).toBe('sheetNotFound');
    expect((err as WorkbookError).text['zh-CN']).toContain('发货台账');
    expect((err as WorkbookError).text['en-US']).toContain('发货台账');
  });

  it('lists sheets, tells the active one and jumps to a cell', async () => {
    const model = ledgerWorkbook(3);
    model.getSheet('价格政策')!.visibility = 'hidden';
    const fake = new FakeExcel(model);
    const excel = new OfficeWorkbook({ run: fake.run });
    expect(await excel.listSheets()).toEqual([
      { name: LEDGER, visible: true },
      { name: '价格政策', visible: false },
    ]);
    await excel.selectCell('价格政策', 'B2');
    expect(model.selection).toEqual({ sheet: '价格政策', address: 'B2' });
    expect(await excel.activeSheetName()).toBe('价格政策');
  });
});
