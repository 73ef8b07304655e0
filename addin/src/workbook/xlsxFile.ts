// The preview workbook to and from .xlsx with exceljs (webpack picks its browser build).
// Kept: values, formulas (with their last results), links, number formats, solid fills, bold,
// other cell styles as read, column widths, hidden rows, merges, frozen panes, sheet visibility,
// tables, conditional formats and SalesDesk's print setup (A4, print area, fit, title rows, breaks). Settings, SalesDesk's defined names and chart descriptions go
// into a very hidden sheet `_SalesDesk` (exceljs flattens sheet-scoped names and writes no charts).
// Not kept from an uploaded file: charts, images, pivot tables, data validation, comments.
import {
  Workbook as ExcelJsWorkbook,
  type Cell,
  type CellValue,
  type Fill,
  type PageSetup,
  type Style,
  type Worksheet,
} from 'exceljs';
import {
  absoluteAddress,
  columnLetter,
  lastCol,
  lastRow,
  parseArea,
  rectAddress,
  sheetPrefix,
  splitSheet,
} from './a1';
import { uniqueHeaders } from './writeSteps';
import {
  cellKey,
  keyCol,
  keyRow,
  type ModelChart,
  type ModelPageLayout,
  type ModelValue,
  SheetModel,
  WorkbookModel,
} from './memoryModel';

export const META_SHEET = '_SalesDesk';
const EPOCH_OFFSET_DAYS = 25569; // 1970-01-01 as an Excel serial

function toSerial(d: Date): number {
  const s = d.getTime() / 86_400_000 + EPOCH_OFFSET_DAYS;
  return Math.abs(s - Math.round(s)) < 1e-9 ? Math.round(s) : s;
}

const argbToHex = (argb: string | undefined) =>
  argb && /^[0-9a-f]{8}$/i.test(argb) ? `#${argb.slice(2).toUpperCase()}` : undefined;
const hexToArgb = (hex: string) => `FF${hex.replace('#', '').toUpperCase().padStart(6, '0')}`;

function solidFill(fill: Fill | undefined): string | undefined {
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return undefined;
  return argbToHex(fill.fgColor?.argb);
}

/** A cell's value as Office.js would give it, plus its formula and link. */
function readValue(value: CellValue): { value?: ModelValue; formula?: string; link?: string } {
  if (value === null || value === undefined) return {};
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { value };
  if (value instanceof Date) return { value: toSerial(value) };
  if ('error' in value) return { value: value.error };
  if ('richText' in value) return { value: value.richText.map((r) => r.text).join('') };
  if ('hyperlink' in value) return { value: value.text, link: value.hyperlink };
  if ('formula' in value || 'sharedFormula' in value) {
    const r = 'result' in value ? value.result : undefined;
    const result =
      r === undefined || r === null
        ? undefined
        : r instanceof Date
          ? toSerial(r)
          : typeof r === 'object'
            ? r.error
            : r;
    return { value: result };
  }
  return {};
}

interface TableModelLike {
  name?: string;
  tableRef?: string;
  ref?: string;
  style?: { theme?: string };
}

interface MergesLike {
  _merges?: Record<string, { model?: { top: number; left: number; bottom: number; right: number } }>;
  conditionalFormattings?: {
    ref: string;
    rules: { type: string; formulae?: unknown[]; style?: Partial<Style> }[];
  }[];
}

function readSheet(ws: Worksheet, sheet: SheetModel): void {
  sheet.visibility = ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible';
  ws.eachRow({ includeEmpty: true }, (row, r1) => {
    if (row.hidden) sheet.hiddenRows.add(r1 - 1);
    row.eachCell({ includeEmpty: false }, (cell: Cell, c1) => {
      if (cell.isMerged && cell.master !== cell) return;
      const r = r1 - 1;
      const c = c1 - 1;
      const key = cellKey(r, c);
      const v = readValue(cell.value);
      if (v.value !== undefined) sheet.setValue(r, c, v.value);
      if (cell.formula) sheet.formulas.set(key, cell.formula);
      if (v.link?.startsWith('#')) {
        const { sheet: target, ref } = splitSheet(v.link.slice(1));
        if (target !== null) sheet.links.set(key, { sheet: target, address: ref.replace(/\$/g, '') });
      }
      const style: Partial<Style> = { ...cell.style };
      if (style.numFmt) sheet.numberFormats.set(key, style.numFmt);
      delete style.numFmt;
      const fill = solidFill(style.fill);
      if (fill) {
        sheet.fills.set(key, fill);
        delete style.fill;
      }
      if (style.font?.bold) sheet.bold.add(key);
      if (Object.keys(style).length) sheet.passThroughStyles.set(key, style);
    });
  });
  ws.columns?.forEach((col, i) => {
    if (col.width) sheet.columnWidths.set(i, col.width);
  });
  const internals = ws as unknown as MergesLike;
  for (const m of Object.values(internals._merges ?? {})) {
    const d = m.model;
    if (d)
      sheet.merges.push({
        row: d.top - 1,
        col: d.left - 1,
        rowCount: d.bottom - d.top + 1,
        colCount: d.right - d.left + 1,
      });
  }
  const view = ws.views?.[0];
  if (view?.state === 'frozen') {
    sheet.frozenRows = view.ySplit ?? 0;
    sheet.frozenCols = view.xSplit ?? 0;
  }
  sheet.pageLayout = readPageLayout(ws);
  for (const t of ws.getTables() as unknown as { table?: TableModelLike }[]) {
    const model = t.table;
    const range = model ? parseArea(model.tableRef ?? model.ref ?? '') : null;
    if (model?.name && range)
      sheet.tables.push({ name: model.name, range, style: model.style?.theme ?? 'TableStyleMedium2' });
  }
  for (const cf of internals.conditionalFormattings ?? []) {
    const range = parseArea(cf.ref.split(' ')[0] ?? '');
    if (!range) continue;
    for (const rule of cf.rules) {
      const formula = rule.type === 'expression' ? rule.formulae?.[0] : undefined;
      if (typeof formula !== 'string') continue;
      const fill = rule.style?.fill;
      const color =
        fill?.type === 'pattern' ? argbToHex(fill.bgColor?.argb ?? fill.fgColor?.argb) : undefined;
      sheet.conditionalFormats.push({ range, formula, fill: color });
    }
  }
}

function readMeta(ws: Worksheet, model: WorkbookModel): void {
  ws.eachRow((row) => {
    const cells = [1, 2, 3, 4].map((i) => {
      const v = row.getCell(i).value;
      return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
    });
    const [kind, sheetName, key, value] = cells as [string, string, string, string];
    const sheet = model.getSheet(sheetName);
    if (kind === 'setting') model.settings.set(key, value);
    else if (kind === 'name' && sheet) {
      const r = parseArea(value);
      if (r) sheet.names.set(key, r);
    } else if (kind === 'chart' && sheet) {
      try {
        sheet.charts.push(JSON.parse(value) as ModelChart);
      } catch {
        // A hand-edited description: the chart is dropped, the workbook still opens.
      }
    } else if (kind === 'active' && sheet) model.activeSheet = sheet.name;
  });
}

export async function readXlsx(data: ArrayBuffer | Uint8Array): Promise<WorkbookModel> {
  const wb = new ExcelJsWorkbook();
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const model = new WorkbookModel();
  let meta: Worksheet | undefined;
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET) {
      meta = ws;
      continue;
    }
    readSheet(ws, model.addSheet(ws.name));
  }
  model.activeSheet =
    model.sheets.find((s) => s.visibility === 'visible')?.name ?? model.sheets[0]?.name ?? null;
  if (meta) readMeta(meta, model);
  return model;
}

function writeValue(sheet: SheetModel, r: number, c: number): CellValue {
  const key = cellKey(r, c);
  const value = sheet.value(r, c);
  const link = sheet.links.get(key);
  if (link) return { text: String(value ?? ''), hyperlink: `#${sheetPrefix(link.sheet)}${link.address}` };
  const formula = sheet.formulas.get(key);
  if (formula) return { formula, result: value ?? undefined } as CellValue;
  return value ?? null;
}

function writeSheet(ws: Worksheet, sheet: SheetModel): void {
  const keys = new Set<number>();
  const used = sheet.usedRect();
  if (used)
    for (let r = used.row; r <= lastRow(used); r++)
      for (let c = used.col; c <= lastCol(used); c++)
        if (sheet.value(r, c) !== undefined) keys.add(cellKey(r, c));
  for (const m of [sheet.formulas, sheet.links, sheet.numberFormats, sheet.fills, sheet.passThroughStyles])
    for (const k of m.keys()) keys.add(k);
  for (const k of sheet.bold) keys.add(k);
  for (const key of keys) {
    const r = keyRow(key);
    const c = keyCol(key);
    const cell = ws.getCell(r + 1, c + 1);
    cell.value = writeValue(sheet, r, c);
    const pass = (sheet.passThroughStyles.get(key) ?? {}) as Partial<Style>;
    const style: Partial<Style> = { ...pass };
    const numFmt = sheet.numberFormats.get(key);
    if (numFmt) style.numFmt = numFmt;
    const fill = sheet.fills.get(key);
    if (fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: hexToArgb(fill) } };
    if (sheet.bold.has(key)) style.font = { ...(pass.font ?? {}), bold: true };
    if (Object.keys(style).length) cell.style = style;
  }
  for (const r of sheet.hiddenRows) ws.getRow(r + 1).hidden = true;
  for (const [c, w] of sheet.columnWidths) ws.getColumn(c + 1).width = w;
  for (const m of sheet.merges) ws.mergeCells(m.row + 1, m.col + 1, lastRow(m) + 1, lastCol(m) + 1);
  if (sheet.frozenRows || sheet.frozenCols)
    ws.views = [{ state: 'frozen', xSplit: sheet.frozenCols, ySplit: sheet.frozenRows }];
  if (sheet.pageLayout) writePageLayout(ws, sheet.pageLayout);
  for (const t of sheet.tables) {
    const headers = uniqueHeaders(
      Array.from({ length: t.range.colCount }, (_, j) => sheet.value(t.range.row, t.range.col + j)),
    );
    const rows: CellValue[][] = [];
    for (let r = t.range.row + 1; r <= lastRow(t.range); r++)
      rows.push(Array.from({ length: t.range.colCount }, (_, j) => writeValue(sheet, r, t.range.col + j)));
    ws.addTable({
      name: t.name,
      ref: `${columnLetter(t.range.col)}${t.range.row + 1}`,
      headerRow: true,
      style: { theme: t.style as 'TableStyleMedium2', showRowStripes: true },
      columns: headers.map((name) => ({ name, filterButton: true })),
      rows,
    });
  }
  sheet.conditionalFormats.forEach((cf, i) => {
    if (!cf.fill) return;
    ws.addConditionalFormatting({
      ref: rectAddress(cf.range),
      rules: [
        {
          type: 'expression',
          priority: i + 1,
          formulae: [cf.formula],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: hexToArgb(cf.fill) } } },
        },
      ],
    });
  });
}

export async function writeXlsx(model: WorkbookModel): Promise<ArrayBuffer> {
  const wb = new ExcelJsWorkbook();
  wb.creator = 'SalesDesk';
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.visibility });
    writeSheet(ws, sheet);
  }
  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRow(['kind', 'sheet', 'key', 'value']);
  for (const [key, json] of model.settings) meta.addRow(['setting', '', key, json]);
  for (const sheet of model.sheets) {
    for (const [name, rect] of sheet.names) meta.addRow(['name', sheet.name, name, absoluteAddress(rect)]);
    for (const chart of sheet.charts) meta.addRow(['chart', sheet.name, chart.name, JSON.stringify(chart)]);
  }
  if (model.activeSheet) meta.addRow(['active', model.activeSheet, '', '']);
  const active = model.sheets.findIndex((s) => s.name === model.activeSheet);
  if (active >= 0)
    wb.views = [
      { x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: active, visibility: 'visible' },
    ];
  const out = await wb.xlsx.writeBuffer();
  const view = out as unknown as Uint8Array;
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;
}

/** Paper size 9 is A4 in the file format (ECMA-376 paperSize). */
const A4 = 9;

/** The print setup SalesDesk set (A4 only), so a downloaded workbook prints as Excel would. */
function writePageLayout(ws: Worksheet, l: ModelPageLayout): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: A4 as PageSetup['paperSize'],
    orientation: l.orientation,
    printArea: rectAddress(l.printArea),
    horizontalCentered: l.centerHorizontally,
    ...(l.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { fitToPage: false }),
    ...(l.printTitleRows
      ? { printTitlesRow: `${l.printTitleRows.first + 1}:${l.printTitleRows.first + l.printTitleRows.count}` }
      : {}),
  };
  // A break after 1-based row r is a new page from 0-based row r.
  for (const r of l.pageBreaksBefore) ws.getRow(r).addPageBreak();
}

function readPageLayout(ws: Worksheet): ModelPageLayout | null {
  const p = ws.pageSetup;
  const area = p?.printArea ? parseArea(p.printArea.split(',')[0] ?? '') : null;
  if (!p || p.paperSize !== (A4 as PageSetup['paperSize']) || !area) return null;
  const titles = /^\$?(\d+):\$?(\d+)$/.exec(p.printTitlesRow ?? '');
  return {
    paper: 'A4',
    orientation: p.orientation === 'landscape' ? 'landscape' : 'portrait',
    printArea: area,
    fitToWidth: !!p.fitToPage && p.fitToWidth === 1 && !p.fitToHeight,
    printTitleRows: titles
      ? { first: Number(titles[1]) - 1, count: Number(titles[2]) - Number(titles[1]) + 1 }
      : null,
    // exceljs writes manual row breaks but does not read them back.
    pageBreaksBefore: [],
    centerHorizontally: !!p.horizontalCentered,
  };
}
