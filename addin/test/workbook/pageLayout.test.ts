// Page setup (A4, print area, fit to width, title rows, page breaks) on both workbooks: Excel through
// the fake Office.js and the preview's in-memory one keep it in the sheet model, where it is read back.
import type { PageLayout } from '../../src/workbook/adapter';
import { WorkbookModel } from '../../src/workbook/memoryModel';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { makeAdapter } from './fixtures';

const layout: PageLayout = {
  paper: 'A4',
  orientation: 'portrait',
  printArea: { row: 0, col: 0, rowCount: 40, colCount: 9 },
  fitToWidth: true,
  printTitleRows: { first: 2, count: 1 },
  pageBreaksBefore: [30, 20, 30],
  centerHorizontally: true,
};

function workbook(): WorkbookModel {
  const model = new WorkbookModel();
  const sheet = model.addSheet('对账单-华东水务');
  sheet.setValue(0, 0, '客户对账单');
  sheet.setValue(2, 0, '日期');
  return model;
}

describe.each(['office', 'memory'] as const)('%s workbook', (kind) => {
  test('sets A4, orientation, print area, fit to one page wide, title rows and page breaks', async () => {
    const model = workbook();
    const { adapter } = makeAdapter(kind, model);
    await adapter.setPageLayout('对账单-华东水务', layout);
    expect(model.getSheet('对账单-华东水务')?.pageLayout).toEqual({
      paper: 'A4',
      orientation: 'portrait',
      printArea: { row: 0, col: 0, rowCount: 40, colCount: 9 },
      fitToWidth: true,
      printTitleRows: { first: 2, count: 1 },
      pageBreaksBefore: [20, 30],
      centerHorizontally: true,
    });
  });

  test('a second setup replaces the first: landscape, no fit, earlier page breaks gone', async () => {
    const model = workbook();
    const { adapter } = makeAdapter(kind, model);
    await adapter.setPageLayout('对账单-华东水务', layout);
    await adapter.setPageLayout('对账单-华东水务', {
      ...layout,
      orientation: 'landscape',
      fitToWidth: false,
      printArea: { row: 1, col: 0, rowCount: 5, colCount: 3 },
      pageBreaksBefore: [4],
    });
    const l = model.getSheet('对账单-华东水务')?.pageLayout;
    expect(l?.orientation).toBe('landscape');
    expect(l?.fitToWidth).toBe(false);
    expect(l?.printArea).toEqual({ row: 1, col: 0, rowCount: 5, colCount: 3 });
    expect(l?.pageBreaksBefore).toEqual([4]);
  });

  test('cells are not touched', async () => {
    const model = workbook();
    const { adapter } = makeAdapter(kind, model);
    await adapter.setPageLayout('对账单-华东水务', layout);
    const sheet = model.getSheet('对账单-华东水务');
    expect(sheet?.value(0, 0)).toBe('客户对账单');
    expect(sheet?.value(2, 0)).toBe('日期');
    expect(sheet?.usedRect()).toEqual({ row: 0, col: 0, rowCount: 3, colCount: 1 });
  });

  test('a print area outside the sheet or an unknown sheet is refused, nothing set', async () => {
    const model = workbook();
    const { adapter } = makeAdapter(kind, model);
    await expect(
      adapter.setPageLayout('对账单-华东水务', {
        ...layout,
        printArea: { row: -1, col: 0, rowCount: 2, colCount: 2 },
      }),
    ).rejects.toThrow(/print area/);
    await expect(adapter.setPageLayout('没有这张表', layout)).rejects.toThrow();
    expect(model.getSheet('对账单-华东水务')?.pageLayout).toBeNull();
  });

  test('a sheet for print fits its columns to the first table: a long title does not widen column A', async () => {
    const spec = (fit: boolean) => ({
      title: '客户对账单 南昌赣江机电设备有限公司 2026-12-01 至 2026-12-31（CNY）',
      fitColumnsToFirstTable: fit,
      tables: [
        { columns: [{ header: '日期' }, { header: '摘要' }], rows: [['2026-12-01', '发货']] },
        {
          caption: '如无异议，请核对后签字盖章回传；如有不符，请注明。',
          columns: [{ header: '客户确认' }],
          rows: [[null]],
        },
      ],
    });
    const model = new WorkbookModel();
    const { adapter } = makeAdapter(kind, model);
    await adapter.writeResultSheet('对账单-甲', spec(true));
    await adapter.writeResultSheet('宽表', spec(false));
    const narrow = model.getSheet('对账单-甲')!.columnWidths.get(0)!;
    const wide = model.getSheet('宽表')!.columnWidths.get(0)!;
    expect(narrow).toBeLessThan(16);
    expect(wide).toBeGreaterThan(40);
  });
});

test('the print setup is saved into a downloaded .xlsx and read back', async () => {
  const model = workbook();
  const wb = new MemoryWorkbook(model, { pause: () => Promise.resolve() });
  await wb.setPageLayout('对账单-华东水务', layout);
  const again = await MemoryWorkbook.fromXlsx(await wb.toXlsx());
  // Manual page breaks are written into the file but exceljs does not read them back.
  expect(again.model.getSheet('对账单-华东水务')?.pageLayout).toEqual({
    ...model.getSheet('对账单-华东水务')!.pageLayout!,
    pageBreaksBefore: [],
  });
});
