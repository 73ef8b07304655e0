// The browser preview's workbook: the same adapter as Excel over an in-memory model, loaded from
// and saved to .xlsx, with change notifications for the grid view. Writes go in the same chunks
// as in Excel (with a pause between them), so progress, cancel and ownership behave alike.
import { columnLetter, containsCell, lastCol, MAX_COLUMNS, parseCell, type Rect } from './a1';
import {
  freeSheetName,
  isCellLink,
  type ReadSheetOptions,
  type ResultCell,
  type ResultColumnsRequest,
  type PageLayout,
  type ResultSheetSpec,
  type SheetGrid,
  type SheetInfo,
  type WorkbookAdapter,
  type WrittenColumns,
  type WrittenSheet,
} from './adapter';
import { incompleteResultNote, workbookErrors } from './errors';
import { checkedPageLayout } from './pageLayout';
import {
  autofitWidth,
  cellKey,
  type ModelLink,
  type ModelValue,
  SheetModel,
  WorkbookModel,
} from './memoryModel';
import {
  findOwnedBlock,
  isOwnedFormula,
  OWNED_SHEET_NAME,
  ownedHeader,
  parseConditionFormula,
  placeColumns,
  RESULTS_NAME,
  chooseJobSheet,
  chooseResultSheet,
  conditionHolds,
  ownedSheetKindName,
  findJobSheet,
  kindOfNames,
  type JobSheetChoice,
  type ColumnExtent,
} from './ownership';
import { chunkPacker, defaultLimits, jsonBytes, readChunkRows, type ChunkLimits } from './payload';
import {
  checkColumnsRequest,
  columnHighlights,
  resultRowBytes,
  resultSheetSteps,
  type ResultSheetSteps,
  type SheetBlock,
} from './writeSteps';
import { pace, ROWS_PER_LOOK, SLICE_MS, type Pace } from './pace';
import { readXlsx, writeXlsx } from './xlsxFile';

export interface MemoryWorkbookOptions {
  /**
   * Awaited between chunks, and inside a chunk once its slice of time is used, so the page can repaint
   * and a cancel can land (default: a macrotask).
   */
  pause?: () => Promise<void>;
  /** Time a write may hold the page before it pauses (default SLICE_MS; 0 pauses at every look). */
  sliceMs?: number;
  limits?: ChunkLimits;
}

/** What the grid view shows for a cell. */
export interface CellView {
  value: ModelValue | undefined;
  numberFormat?: string;
  /** Cell fill, or the fill of a conditional format that holds for it. */
  fill?: string;
  bold: boolean;
  link?: ModelLink;
  formula?: string;
}

/** Rows (header included) looked at when fitting a result column's width: OfficeWorkbook's AUTOFIT_ROWS. */
const AUTOFIT_ROWS = 200;

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class MemoryWorkbook implements WorkbookAdapter {
  readonly host = 'preview' as const;
  private readonly listeners = new Set<(version: number) => void>();
  private changes = 0;
  private readonly pause: () => Promise<void>;
  private readonly sliceMs: number;
  private readonly limits: ChunkLimits;
  private readonly parsedFormulas = new Map<string, ReturnType<typeof parseConditionFormula>>();

  constructor(
    readonly model: WorkbookModel = new WorkbookModel(),
    options: MemoryWorkbookOptions = {},
  ) {
    this.pause = options.pause ?? macrotask;
    this.sliceMs = options.sliceMs ?? SLICE_MS;
    this.limits = options.limits ?? defaultLimits;
  }

  /** A fresh clock for one write's slices. */
  private pace(): Pace {
    return pace(this.pause, this.sliceMs);
  }

  static async fromXlsx(
    data: ArrayBuffer | Uint8Array,
    options?: MemoryWorkbookOptions,
  ): Promise<MemoryWorkbook> {
    return new MemoryWorkbook(await readXlsx(data), options);
  }

  /** The workbook as an .xlsx file, with everything the pane wrote. */
  toXlsx(): Promise<ArrayBuffer> {
    return writeXlsx(this.model);
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (version: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Grows with every change (a React external-store snapshot). */
  get version(): number {
    return this.changes;
  }

  private changed(): void {
    this.changes += 1;
    for (const l of this.listeners) l(this.changes);
  }

  private sheet(name: string): SheetModel {
    const s = this.model.getSheet(name);
    if (!s) throw workbookErrors.sheetNotFound(name);
    return s;
  }

  cellView(sheetName: string, row: number, col: number): CellView {
    const sheet = this.sheet(sheetName);
    const key = cellKey(row, col);
    let fill = sheet.fills.get(key);
    for (const cf of sheet.conditionalFormats) {
      if (!cf.fill || !containsCell(cf.range, row, col)) continue;
      const parsed = this.parsedFormula(cf.formula);
      if (!parsed) continue;
      const probe = sheet.value(parsed.firstRow + (row - cf.range.row), parsed.cond.col);
      if (conditionHolds(parsed.cond, probe)) {
        fill = cf.fill;
        break;
      }
    }
    return {
      value: sheet.value(row, col),
      numberFormat: sheet.numberFormats.get(key),
      fill,
      bold: sheet.bold.has(key),
      link: sheet.links.get(key),
      formula: sheet.formulas.get(key),
    };
  }

  private parsedFormula(formula: string) {
    if (!this.parsedFormulas.has(formula)) this.parsedFormulas.set(formula, parseConditionFormula(formula));
    return this.parsedFormulas.get(formula) ?? null;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.model.sheets.map((s) => ({ name: s.name, visible: s.visibility === 'visible' }));
  }

  async activeSheetName(): Promise<string> {
    return this.model.activeSheet ?? this.model.sheets[0]?.name ?? '';
  }

  async readSheet(name: string, options: ReadSheetOptions = {}): Promise<SheetGrid> {
    const sheet = this.sheet(name);
    const used = sheet.usedRect();
    if (!used)
      return { name: sheet.name, values: [], startRow: 0, startCol: 0, hiddenRows: new Set(), merges: [] };
    const total = Math.min(used.rowCount, options.maxRows ?? used.rowCount);
    const chunkRows = readChunkRows(used.colCount, !!options.numberFormats, this.limits);
    const values: unknown[][] = [];
    const numberFormats: string[][] = [];
    for (let done = 0; done < total;) {
      if (options.signal?.aborted) throw workbookErrors.cancelled(sheet.name, done, total);
      const n = Math.min(chunkRows, total - done);
      // Plain loops over the model's row arrays: this runs for every cell of a 100,000-row ledger.
      const width = used.colCount;
      const formats = options.numberFormats ? sheet.numberFormats : undefined;
      for (let r = used.row + done; r < used.row + done + n; r++) {
        const source = sheet.rowValues(r);
        const row: unknown[] = new Array<unknown>(width);
        for (let i = 0; i < width; i++) row[i] = source?.[used.col + i] ?? '';
        values.push(row);
        if (formats) {
          const fmts: string[] = new Array<string>(width);
          const base = cellKey(r, used.col);
          for (let i = 0; i < width; i++) fmts[i] = formats.get(base + i) ?? 'General';
          numberFormats.push(fmts);
        }
      }
      done += n;
      options.onProgress?.({ sheet: sheet.name, rowsDone: done, rowsTotal: total });
      if (done < total) await this.pause();
    }
    const read: Rect = { row: used.row, col: used.col, rowCount: total, colCount: used.colCount };
    const hiddenRows = new Set([...sheet.hiddenRows].filter((r) => r >= read.row && r < read.row + total));
    return {
      name: sheet.name,
      values,
      ...(options.numberFormats ? { numberFormats } : {}),
      hiddenRows,
      merges: sheet.mergesWithin(read).map((m) => ({ ...m })),
      startRow: used.row,
      startCol: used.col,
    };
  }

  async writeResultColumns(sheetName: string, req: ResultColumnsRequest): Promise<WrittenColumns> {
    const sheet = this.sheet(sheetName);
    const { rowCount, lastRow } = checkColumnsRequest(req);
    if (req.signal?.aborted) throw workbookErrors.cancelled(sheet.name, 0, rowCount);
    const used = sheet.usedRect();
    const usedRight = used ? lastCol(used) : -1;
    const named = sheet.names.get(RESULTS_NAME) ?? null;
    const rowValues = (row: number, from: number, count: number) =>
      Array.from({ length: count }, (_, i) => sheet.value(row, from + i) ?? '');
    const earlier = findOwnedBlock({
      named,
      namedHeader: named ? rowValues(named.row, named.col, named.colCount) : null,
      headerRow: req.headerRow,
      headerRowValues: rowValues(req.headerRow, 0, usedRight + 1),
      usedBottom: used ? used.row + used.rowCount - 1 : req.headerRow,
    });
    const n = req.columns.length;
    const extents = new Map<number, ColumnExtent>();
    if (earlier) {
      const start = Math.min(...earlier.cols);
      for (let c = start; c < Math.min(start + n, MAX_COLUMNS); c++) {
        const u = sheet.usedRectWithin({
          row: req.headerRow,
          col: c,
          rowCount: lastRow - req.headerRow + 1,
          colCount: 1,
        });
        extents.set(c, u ? { top: u.row, bottom: u.row + u.rowCount - 1 } : null);
      }
    }
    const place = placeColumns({ earlier, usedRight, count: n, extents, maxColumns: MAX_COLUMNS });
    if (!place)
      throw workbookErrors.noRoomForColumns(
        sheet.name,
        n,
        columnLetter(Math.min(usedRight + 1, MAX_COLUMNS - 1)),
      );
    const { start } = place;
    const block: Rect = {
      row: req.headerRow,
      col: start,
      rowCount: lastRow - req.headerRow + 1,
      colCount: n,
    };

    // Remove the earlier run's columns and highlights, then claim the new block (headers pending).
    if (earlier)
      for (const c of earlier.cols)
        sheet.clear(
          { row: earlier.top, col: c, rowCount: earlier.bottom - earlier.top + 1, colCount: 1 },
          'all',
        );
    sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !isOwnedFormula(cf.formula));
    sheet.names.set(RESULTS_NAME, block);
    req.columns.forEach((c, j) => {
      sheet.setValue(req.headerRow, start + j, ownedHeader(c.header, true));
      sheet.bold.add(cellKey(req.headerRow, start + j));
    });

    // Chunks as in Excel (progress, a change notice and a cancel check at each), sized row by row as
    // the rows are written: sizing a 33,000-row chunk ahead held the page as long as writing it.
    const packer = chunkPacker(this.limits);
    const pace = this.pace();
    let done = 0;
    const stopIfCancelled = () => {
      if (!req.signal?.aborted) return;
      sheet.clear(block, 'all');
      sheet.names.delete(RESULTS_NAME);
      this.changed();
      throw workbookErrors.cancelled(sheet.name, done, rowCount);
    };
    stopIfCancelled();
    for (let v = 0; v < rowCount; v++) {
      if (packer.add(resultRowBytes(req, v), n)) {
        req.onProgress?.({ sheet: sheet.name, rowsDone: done, rowsTotal: rowCount });
        this.changed();
        await pace.pause();
        stopIfCancelled();
      } else if (v % ROWS_PER_LOOK === 0 && v > 0 && pace.due()) {
        // Inside a chunk too, once the slice's time is used (a chunk held the page over 100 ms).
        await pace.pause();
        stopIfCancelled();
      }
      const r = req.firstDataRow + v;
      req.columns.forEach((c, j) => {
        this.putCell(sheet, r, start + j, c.values[v] ?? null, c.numberFormats?.[v] ?? c.numberFormat);
      });
      done += 1;
    }
    if (rowCount > 0) req.onProgress?.({ sheet: sheet.name, rowsDone: done, rowsTotal: rowCount });

    req.columns.forEach((c, j) => {
      sheet.setValue(req.headerRow, start + j, ownedHeader(c.header));
      // As OfficeWorkbook asks Excel: autofit over the header and the rows below it up to AUTOFIT_ROWS
      // (all 100,000 values, numbers formatted through Intl, took seconds on the main thread).
      sheet.columnWidths.set(
        start + j,
        autofitWidth([ownedHeader(c.header), ...c.values.slice(0, AUTOFIT_ROWS - 1)]),
      );
    });
    for (const f of columnHighlights(req, { start, dataLeft: used?.col ?? 0, rowCount }))
      sheet.conditionalFormats.push({ range: f.range, formula: f.formula, fill: f.fill });
    this.changed();
    return {
      sheet: sheet.name,
      headerRow: req.headerRow,
      firstDataRow: req.firstDataRow,
      rowCount,
      columns: req.columns.map((c, j) => ({
        key: c.key,
        col: start + j,
        letter: columnLetter(start + j),
      })),
      replacedEarlier: !!earlier,
      movedRight: place.movedRight,
    };
  }

  async removeResultColumns(sheetName: string): Promise<boolean> {
    const sheet = this.sheet(sheetName);
    const named = sheet.names.get(RESULTS_NAME) ?? null;
    const hadFormats = sheet.conditionalFormats.some((cf) => isOwnedFormula(cf.formula));
    sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !isOwnedFormula(cf.formula));
    if (!named) {
      if (hadFormats) this.changed();
      return hadFormats;
    }
    const earlier = findOwnedBlock({
      named,
      namedHeader: Array.from({ length: named.colCount }, (_, i) => sheet.value(named.row, named.col + i)),
      headerRow: named.row,
      headerRowValues: [],
      usedBottom: named.row,
    });
    for (const c of earlier?.cols ?? []) {
      sheet.clear({ row: named.row, col: c, rowCount: named.rowCount, colCount: 1 }, 'all');
      sheet.columnWidths.delete(c);
    }
    sheet.names.delete(RESULTS_NAME);
    this.changed();
    return true;
  }

  async writeResultSheet(name: string, spec: ResultSheetSpec): Promise<WrittenSheet> {
    const choice: JobSheetChoice | null = spec.kind
      ? chooseJobSheet(name, this.ownership(), spec.kind, spec.formerNames)
      : chooseResultSheet(name, this.ownership());
    if (!choice) throw workbookErrors.noResultSheetName(name);
    const steps = resultSheetSteps(choice.name, spec);
    const rowsTotal = steps.blocks.reduce((n, b) => n + b.rows.length, 0);
    if (spec.signal?.aborted) throw workbookErrors.cancelled(choice.name, 0, rowsTotal);

    if (choice.renameFrom) this.model.renameSheet(choice.renameFrom, choice.name);
    if (choice.stale) this.model.removeSheet(choice.stale);
    let sheet = choice.replace ? this.model.getSheet(choice.name) : undefined;
    if (sheet) sheet.reset();
    else sheet = this.model.addSheet(choice.name);
    sheet.names.set(OWNED_SHEET_NAME, { row: 0, col: 0, rowCount: 1, colCount: 1 });
    if (spec.kind)
      sheet.names.set(ownedSheetKindName(spec.kind), { row: 0, col: 0, rowCount: 1, colCount: 1 });

    const packer = chunkPacker(this.limits);
    const pace = this.pace();
    let done = 0;
    const stopIfCancelled = () => {
      if (!spec.signal?.aborted) return;
      if (choice.replace) {
        sheet.reset();
        sheet.setValue(0, 0, incompleteResultNote);
      } else this.model.removeSheet(sheet.name);
      this.changed();
      throw workbookErrors.cancelled(choice.name, done, rowsTotal);
    };
    stopIfCancelled();
    let looked = 0;
    for (const b of steps.blocks) {
      const width = b.rows[0]?.length ?? 0;
      for (let i = 0; i < b.rows.length; i++) {
        if (packer.add(jsonBytes(b.rows[i]), width)) {
          spec.onProgress?.({ sheet: sheet.name, rowsDone: done, rowsTotal });
          this.changed();
          await pace.pause();
          stopIfCancelled();
        } else if (++looked % ROWS_PER_LOOK === 0 && pace.due()) {
          await pace.pause();
          stopIfCancelled();
        }
        this.putBlockRow(sheet, b, i);
        done += 1;
      }
    }
    if (done > 0) spec.onProgress?.({ sheet: sheet.name, rowsDone: done, rowsTotal });

    for (const t of steps.tables)
      sheet.tables.push({ name: t.name, range: t.range, style: 'TableStyleMedium2' });
    for (const f of steps.fills)
      sheet.conditionalFormats.push({ range: f.range, formula: f.formula, fill: f.fill });
    sheet.charts = steps.charts.map((c, i) => ({
      name: `${steps.tables[0]?.name ?? 'SalesDesk'}_chart${i + 1}`,
      ...c,
    }));
    sheet.frozenRows = steps.layout.frozenRows;
    fitResultSheetColumns(sheet, steps);
    if (spec.activate) this.model.activeSheet = sheet.name;
    this.changed();
    return {
      name: sheet.name,
      replacedEarlier: choice.replace,
      tables: steps.tables.map((t, i) => ({
        name: t.name,
        headerRow: t.range.row,
        firstDataRow: t.range.row + 1,
        rowCount: spec.tables[i]?.rows.length ?? 0,
        columnCount: t.colCount,
      })),
    };
  }

  async addSheet(
    name: string,
    rows: readonly (readonly (string | number)[])[],
    boldRows: readonly number[] = [],
  ): Promise<string> {
    const free = freeSheetName(
      name,
      this.model.sheets.map((s) => s.name),
    );
    const sheet = this.model.addSheet(free);
    rows.forEach((r, i) => sheet.setRow(i, 0, r));
    for (const r of boldRows) (rows[r] ?? []).forEach((_, j) => sheet.bold.add(cellKey(r, j)));
    this.model.activeSheet = free;
    this.changed();
    return free;
  }

  async removeResultSheet(kind: string, formerNames: readonly string[] = []): Promise<string | null> {
    const name = findJobSheet(this.ownership(), kind, formerNames)?.name;
    if (!name) return null;
    this.model.removeSheet(name);
    this.changed();
    return name;
  }

  /** Every sheet, whether SalesDesk made it and which job. */
  private ownership() {
    return this.model.sheets.map((s) => ({
      name: s.name,
      owned: s.names.has(OWNED_SHEET_NAME),
      kind: kindOfNames(s.names.keys()),
    }));
  }

  async setPageLayout(sheetName: string, layout: PageLayout): Promise<void> {
    const sheet = this.sheet(sheetName);
    sheet.pageLayout = checkedPageLayout(layout);
    this.changed();
  }

  async selectCell(sheetName: string, address: string): Promise<void> {
    const sheet = this.sheet(sheetName);
    if (!parseCell(address)) throw new Error(`selectCell: not a cell address: ${address}`);
    this.model.activeSheet = sheet.name;
    this.model.selection = { sheet: sheet.name, address: address.replace(/\$/g, '').toUpperCase() };
    this.changed();
  }

  async getSetting(key: string): Promise<unknown> {
    const json = this.model.settings.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as unknown);
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.model.settings.delete(key);
    else this.model.settings.set(key, JSON.stringify(value));
    this.changed();
  }

  private putBlockRow(sheet: SheetModel, b: SheetBlock, i: number): void {
    (b.rows[i] ?? []).forEach((cell, j) => {
      this.putCell(sheet, b.row + i, b.col + j, cell, b.formats?.[j]);
      if (b.bold) sheet.bold.add(cellKey(b.row + i, b.col + j));
    });
  }

  private putCell(
    sheet: SheetModel,
    row: number,
    col: number,
    cell: ResultCell | undefined,
    format?: string,
  ): void {
    const key = cellKey(row, col);
    if (isCellLink(cell)) {
      sheet.setValue(row, col, cell.text);
      sheet.links.set(key, { sheet: cell.sheet, address: cell.address });
    } else {
      sheet.setValue(row, col, typeof cell === 'number' && !Number.isFinite(cell) ? null : (cell ?? null));
      sheet.links.delete(key);
    }
    sheet.formulas.delete(key);
    if (format) sheet.numberFormats.set(key, format);
  }
}

/**
 * As OfficeWorkbook's finishResultSheet asks Excel: autofit the tables' columns over the rows down
 * to AUTOFIT_ROWS (title included; or the first table only: steps.fitRows), so amounts are never shown cut off or as ####.
 */
function fitResultSheetColumns(sheet: SheetModel, steps: ResultSheetSteps): void {
  const width = Math.max(1, ...steps.tables.map((t) => t.colCount));
  const texts: unknown[][] = Array.from({ length: width }, () => []);
  const { first, end } = steps.fitRows;
  for (const b of steps.blocks)
    b.rows.forEach((row, i) => {
      if (b.row + i < first || b.row + i >= end) return;
      row.forEach((v, j) => texts[b.col + j]?.push(isCellLink(v) ? v.text : v));
    });
  texts.forEach((values, c) => sheet.columnWidths.set(c, autofitWidth(values)));
}
