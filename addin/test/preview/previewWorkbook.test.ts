// The preview's document helpers: which sheet shows, tab clicks, selection, file names.
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import {
  activateSheet,
  blankWorkbook,
  downloadName,
  looksLikeXlsx,
  sampleUrl,
  selectionOn,
  shownSheetName,
} from '../../src/preview/previewWorkbook';

describe('preview workbook', () => {
  it('opens blank with one sheet, as Excel does', async () => {
    const wb = blankWorkbook();
    expect(await wb.listSheets()).toEqual([{ name: 'Sheet1', visible: true }]);
  });

  it('shows the active sheet, or the first visible one when the active one is hidden', async () => {
    const wb = new MemoryWorkbook();
    wb.model.addSheet('_隐藏').visibility = 'veryHidden';
    wb.model.addSheet('销售台账');
    wb.model.addSheet('价格政策');
    expect(shownSheetName(wb.model)).toBe('销售台账');
    activateSheet(wb, '价格政策');
    expect(shownSheetName(wb.model)).toBe('价格政策');
    expect(await wb.activeSheetName()).toBe('价格政策');
    activateSheet(wb, '不存在');
    expect(await wb.activeSheetName()).toBe('价格政策');
    expect(shownSheetName(new MemoryWorkbook().model)).toBeNull();
  });

  it('gives the selection only on its own sheet', async () => {
    const wb = blankWorkbook();
    wb.model.addSheet('结果');
    await wb.selectCell('Sheet1', '$C$12');
    expect(selectionOn(wb.model, 'Sheet1')).toEqual({ row: 11, col: 2 });
    expect(selectionOn(wb.model, 'sheet1')).toEqual({ row: 11, col: 2 });
    expect(selectionOn(wb.model, '结果')).toBeNull();
  });

  it('names downloads after the opened file and accepts only .xlsx', () => {
    expect(downloadName('SalesDesk-示例台账.xlsx')).toBe('SalesDesk-示例台账.xlsx');
    expect(downloadName('台账 3/2026')).toBe('台账 3_2026.xlsx');
    expect(downloadName('  ')).toBe('SalesDesk.xlsx');
    expect(looksLikeXlsx('台账.XLSX')).toBe(true);
    expect(looksLikeXlsx('台账.xls')).toBe(false);
    expect(looksLikeXlsx('台账.csv')).toBe(false);
  });

  it('asks for the sample by its URL-encoded name', () => {
    expect(sampleUrl).toBe('samples/SalesDesk-%E7%A4%BA%E4%BE%8B%E5%8F%B0%E8%B4%A6.xlsx');
  });
});
