// The preview's workbook: .xlsx in and out with everything the pane wrote, and change notices.
import { readFileSync } from 'fs';
import { join } from 'path';
import { Workbook as ExcelJsWorkbook } from 'exceljs';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { cellKey, WorkbookModel } from '../../src/workbook/memoryModel';
import { RESULTS_NAME } from '../../src/workbook/ownership';
import { FIRST_DATA_ROW, HEADER_ROW, immediate, LEDGER, ledgerWorkbook, snapshotWorkbook } from './fixtures';

// Large sheets and exceljs parsing take seconds on a busy 2-core machine (no speed is asserted).
jest.setTimeout(30_000);

const SAMPLE = join(__dirname, '../../../samples/SalesDesk-示例台账.xlsx');

const statusColumn = (rows: number) => ({
  key: 'status',
  header: '价格状态',
  values: Array.from({ length: rows }, (_, i) => (i % 4 ? '正常' : '低于最低限价')),
});

async function roundTrip(wb: MemoryWorkbook): Promise<MemoryWorkbook> {
  return MemoryWorkbook.fromXlsx(await wb.toXlsx(), { pause: immediate });
}

describe('MemoryWorkbook', () => {
  it('round-trips through .xlsx with written values, formats, fills, highlights, tables and settings', async () => {
    const wb = new MemoryWorkbook(ledgerWorkbook(50), { pause: immediate });
    await wb.writeResultColumns(LEDGER, {
      headerRow: HEADER_ROW,
      firstDataRow: FIRST_DATA_ROW,
      columns: [
        statusColumn(50),
        {
          key: 'floor',
          header: '最低限价',
          values: Array.from({ length: 50 }, (_, i) => i + 0.25),
          numberFormat: '0.00',
        },
      ],
      highlights: [{ columnKey: 'status', equals: ['低于最低限价'], color: '#FFC7CE' }],
    });
    await wb.writeResultSheet('价格检查结果', {
      title: '结果',
      freezeHeader: true,
      tables: [
        {
          columns: [{ header: '行' }, { header: '金额', numberFormat: '#,##0.00' }],
          rows: [
            [{ text: '第4行', sheet: LEDGER, address: 'A4' }, 1234.5],
            [{ text: '第5行', sheet: LEDGER, address: 'A5' }, 99],
          ],
        },
      ],
      charts: [{ type: 'column', title: '金额', table: 0, categoryColumn: 0, seriesCount: 1 }],
    });
    await wb.setSetting('columnMapping:销售台账', { unitPrice: 'K' });
    const again = await roundTrip(wb);

    const skip = { sheet: '', cols: new Set<number>() };
    expect(snapshotWorkbook(again.model, skip)).toEqual(snapshotWorkbook(wb.model, skip));
    const ledger = again.model.getSheet(LEDGER)!;
    expect(ledger.value(HEADER_ROW, 15)).toBe('【SalesDesk】价格状态');
    expect(ledger.numberFormats.get(cellKey(FIRST_DATA_ROW, 16))).toBe('0.00');
    expect(ledger.fills.get(cellKey(FIRST_DATA_ROW + 50, 0))).toBe('#FFF2CC');
    expect(ledger.names.get(RESULTS_NAME)).toEqual(wb.model.getSheet(LEDGER)?.names.get(RESULTS_NAME));
    expect(ledger.conditionalFormats).toEqual(wb.model.getSheet(LEDGER)?.conditionalFormats);
    // The highlight's fill shows on flagged rows, from the source columns to SalesDesk's.
    expect(again.cellView(LEDGER, FIRST_DATA_ROW, 2).fill).toBe('#FFC7CE');
    expect(again.cellView(LEDGER, FIRST_DATA_ROW + 1, 2).fill).toBeUndefined();
    const result = again.model.getSheet('价格检查结果')!;
    expect(result.links.get(cellKey(3, 0))).toEqual({ sheet: LEDGER, address: 'A4' });
    expect(result.charts).toEqual(wb.model.getSheet('价格检查结果')?.charts);
    expect(await again.getSetting('columnMapping:销售台账')).toEqual({ unitPrice: 'K' });
    expect((await again.listSheets()).map((s) => s.name)).toEqual([LEDGER, '价格政策', '价格检查结果']);

    // After the round trip a re-run still finds and replaces SalesDesk's columns and sheet.
    await again.writeResultColumns(LEDGER, {
      headerRow: HEADER_ROW,
      firstDataRow: FIRST_DATA_ROW,
      columns: [statusColumn(50)],
    });
    expect(again.model.getSheet(LEDGER)?.value(HEADER_ROW, 16)).toBeUndefined();
    expect(
      (await again.writeResultSheet('价格检查结果', { tables: [{ columns: [{ header: 'x' }], rows: [] }] }))
        .name,
    ).toBe('价格检查结果');
  });

  it('writes a file Excel reads: frozen panes, hidden rows, merges, a very hidden settings sheet, tables', async () => {
    const wb = new MemoryWorkbook(ledgerWorkbook(20), { pause: immediate });
    wb.model.getSheet(LEDGER)?.hiddenRows.add(FIRST_DATA_ROW + 4);
    await wb.writeResultSheet('结果', {
      freezeHeader: true,
      tables: [{ columns: [{ header: 'a' }, { header: 'a' }], rows: [[1, 2]] }],
    });
    const file = new ExcelJsWorkbook();
    await file.xlsx.load(await wb.toXlsx());
    const ledger = file.getWorksheet(LEDGER)!;
    expect(ledger.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ledger.getRow(FIRST_DATA_ROW + 5).hidden).toBe(true);
    expect(ledger.getRow(FIRST_DATA_ROW + 6).hidden).toBe(false);
    expect(ledger.getCell('A1').isMerged).toBe(true);
    expect(file.getWorksheet('_SalesDesk')?.state).toBe('veryHidden');
    const tables = file.getWorksheet('结果')!.getTables() as unknown as {
      table: { name: string; columns: { name: string }[] };
    }[];
    expect(tables.map((t) => t.table.columns.map((c) => c.name))).toEqual([['a', 'a2']]);
  });

  it('opens the sample workbook and reads its sheets as Excel would hand them over', async () => {
    const wb = await MemoryWorkbook.fromXlsx(readFileSync(SAMPLE), { pause: immediate });
    const sheets = await wb.listSheets();
    expect(sheets.map((s) => s.name)).toContain('销售台账');
    const grid = await wb.readSheet('销售台账', { numberFormats: true });
    expect(grid.values[2]).toContain('单价');
    expect(typeof grid.values[3]?.[0]).toBe('number'); // dates arrive as serials, as from Office.js
    expect(grid.merges?.length).toBeGreaterThan(0);
    expect(grid.hiddenRows?.size).toBeGreaterThan(0);
    const before = snapshotWorkbook(wb.model, { sheet: '销售台账', cols: new Set([15]) });
    const rows = grid.values.length - 3;
    const written = await wb.writeResultColumns('销售台账', {
      headerRow: 2,
      firstDataRow: 3,
      columns: [statusColumn(rows)],
    });
    expect(written.columns[0]?.letter).toBe('P');
    const again = await roundTrip(wb);
    expect(snapshotWorkbook(again.model, { sheet: '销售台账', cols: new Set([15]) })).toEqual(before);
  });

  it('tells subscribers about every change, chunk by chunk', async () => {
    const wb = new MemoryWorkbook(ledgerWorkbook(300), {
      pause: immediate,
      limits: { bytes: 4_000_000, cells: 100 },
    });
    const versions: number[] = [];
    const stop = wb.subscribe((v) => versions.push(v));
    await wb.writeResultColumns(LEDGER, {
      headerRow: HEADER_ROW,
      firstDataRow: FIRST_DATA_ROW,
      columns: [statusColumn(300)],
    });
    expect(versions).toEqual([1, 2, 3]);
    await wb.selectCell(LEDGER, 'B7');
    expect(wb.model.selection).toEqual({ sheet: LEDGER, address: 'B7' });
    stop();
    await wb.setSetting('x', 1);
    expect(versions).toHaveLength(4);
    expect(wb.version).toBe(5);
  });

  it('says which sheet is missing', async () => {
    const wb = new MemoryWorkbook(new WorkbookModel());
    await expect(wb.readSheet('发货台账')).rejects.toMatchObject({ code: 'sheetNotFound' });
  });
});
