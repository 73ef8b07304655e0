// The preview's document: which workbook is open, where it came from, and the few things the
// page does to it that the pane never does (show a sheet the user clicked, save it as a file).
import { parseCell } from '../workbook/a1';
import { MemoryWorkbook } from '../workbook/memoryWorkbook';
import type { WorkbookModel } from '../workbook/memoryModel';

export const SAMPLE_FILE = 'SalesDesk-示例台账.xlsx';
/** Relative to preview.html; webpack copies samples/*.xlsx there in preview builds. */
export const sampleUrl = `samples/${encodeURIComponent(SAMPLE_FILE)}`;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What browser tests reach through `window.__salesdeskPreview` (preview builds only). */
export interface PreviewHandle {
  workbook: MemoryWorkbook;
  fileName: string;
}

declare global {
  interface Window {
    __salesdeskPreview?: PreviewHandle;
  }
}

/** A new, empty workbook with one sheet, as Excel opens one. */
export function blankWorkbook(): MemoryWorkbook {
  const workbook = new MemoryWorkbook();
  workbook.model.addSheet('Sheet1');
  return workbook;
}

/** The sheet the grid shows: the active one when visible, else the first visible sheet. */
export function shownSheetName(model: WorkbookModel): string | null {
  const visible = model.sheets.filter((s) => s.visibility === 'visible');
  const active = model.activeSheet ? model.getSheet(model.activeSheet) : undefined;
  if (active && active.visibility === 'visible') return active.name;
  return visible[0]?.name ?? null;
}

/**
 * The user clicked a sheet tab: it becomes the active sheet, which the pane reads as "the sheet
 * the user is on" (`activeSheetName()`), exactly as in Excel. Not a change of the document, so
 * no change notification: the grid re-renders itself.
 */
export function activateSheet(workbook: MemoryWorkbook, name: string): void {
  const sheet = workbook.model.getSheet(name);
  if (sheet) workbook.model.activeSheet = sheet.name;
}

/** The selected cell when it is on `sheet` (0-based), else null. */
export function selectionOn(model: WorkbookModel, sheet: string): { row: number; col: number } | null {
  const sel = model.selection;
  if (!sel || sel.sheet.toLocaleLowerCase() !== sheet.toLocaleLowerCase()) return null;
  return parseCell(sel.address);
}

/** `.xlsx` by name (Excel's own test; content is checked when it is read). */
export function looksLikeXlsx(name: string): boolean {
  return /\.xlsx$/i.test(name.trim());
}

/** The file name offered for download: the name it was opened under, always ending in .xlsx. */
export function downloadName(fileName: string): string {
  const base = fileName.trim().replace(/\.xlsx$/i, '') || 'SalesDesk';
  return `${base.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`;
}

/** Hands the bytes to the browser as a download (the click on a temporary link saves the file). */
export function saveFile(data: ArrayBuffer, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([data], { type: XLSX_TYPE }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
