// The workbook adapter inside Excel (Office.js). Every read and write is bulk (`Range.values`) and
// cut into chunks of rows so no request or response passes Excel on the web's ~5 MB limit; each
// chunk is one `context.sync()`, plus a small fixed number of syncs per call to look around first.
// While writing, calculation is suspended for each chunk and screen updating for the first and last.
// Only string literals of Office enums are used, so this file also runs against the test fake.
import {
  cellAddress,
  columnLetter,
  lastCol,
  MAX_COLUMNS,
  parseAreas,
  parseArea,
  splitSheet,
  type Rect,
} from './a1';
import type {
  PageLayout,
  ReadSheetOptions,
  ResultCell,
  ResultColumnsRequest,
  ResultSheetSpec,
  SheetGrid,
  SheetInfo,
  WorkbookAdapter,
  WorkProgress,
  WrittenColumns,
  WrittenSheet,
} from './adapter';
import { freeSheetName } from './adapter';
import { checkedPageLayout, rowsAddress } from './pageLayout';
import { toExcelInput } from './cellInput';
import { yieldToPage } from './pace';
import { incompleteResultNote, WorkbookError, workbookErrors } from './errors';
import {
  chooseJobSheet,
  chooseResultSheet,
  findJobSheet,
  findOwnedBlock,
  kindOfNames,
  ownedSheetKindName,
  type JobSheetChoice,
  type SheetOwnership,
  isOwnedFormula,
  OWNED_SHEET_NAME,
  ownedHeader,
  placeColumns,
  resultSheetCandidates,
  RESULTS_NAME,
  type ColumnExtent,
  type OwnedBlock,
} from './ownership';
import {
  defaultLimits,
  isPayloadTooLarge,
  jsonBytes,
  chunkCursor,
  writeChunks,
  readChunkRows,
  type ChunkLimits,
  type ChunkPiece,
  type WriteBlock,
} from './payload';
import {
  checkColumnsRequest,
  columnHighlights,
  resultSheetSteps,
  type FillStep,
  type ResultSheetSteps,
} from './writeSteps';

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeWorkbookOptions {
  /** `Excel.run` (the default); tests pass a fake's. */
  run?: ExcelRun;
  limits?: ChunkLimits;
  /** Awaited between the chunks of a write, beside Excel's own round trip (default: yield to the page). */
  pause?: () => Promise<void>;
}

type Input = string | number | boolean;

/** Longest header row SalesDesk looks at for its named block (a block is a handful of columns). */
const NAMED_BLOCK_MAX_COLUMNS = 256;
/** Rows looked at when fitting column widths on a result sheet. */
const AUTOFIT_ROWS = 200;

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A request's failure in terms of the sheet: missing sheet, Excel's own message otherwise. */
function explain(error: unknown, sheet: string, what: string): Error {
  if (error instanceof WorkbookError) return error;
  if (errorCode(error) === 'ItemNotFound') return workbookErrors.sheetNotFound(sheet);
  return workbookErrors.excel(sheet, what, error);
}

async function syncOrExplain(context: Excel.RequestContext, sheet: string, what: string): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    throw explain(error, sheet, what);
  }
}

/** The rectangle a sheet-scoped name refers to (`=Sheet1!$Q$3:$S$1002`); null for `#REF!` and others. */
function namedRect(name: Excel.NamedItem): Rect | null {
  if (name.isNullObject || name.type !== 'Range' || typeof name.formula !== 'string') return null;
  const { ref } = splitSheet(name.formula);
  return ref.includes(',') ? null : parseArea(ref);
}

interface ChunkedWrite {
  context: Excel.RequestContext;
  sheet: string;
  blocks: WriteBlock[];
  limits: ChunkLimits;
  signal?: AbortSignal;
  onProgress?: (p: WorkProgress) => void;
  /** Queues one chunk's writes; `first` carries the preparation, `last` the finishing touches. */
  queue(pieces: ChunkPiece[], first: boolean, last: boolean): void;
  /** Undoes a write stopped after its first chunk (its own sync). */
  undo(): void;
  /** Awaited before each chunk is queued (after the one ahead was sized), so the two are not one block. */
  pause?: () => Promise<void>;
}

/**
 * Writes the blocks chunk by chunk, one sync each. Cancelling is checked before every chunk; when
 * Excel refuses a chunk for its size, the rest is re-planned with half the budget. A write stopped
 * after its first chunk is undone before the error is thrown.
 */
async function writeInChunks(w: ChunkedWrite): Promise<void> {
  const total = w.blocks.reduce((n, b) => n + b.rowCount, 0);
  const written = w.blocks.map(() => 0);
  let limits = w.limits;
  // Chunks are sized lazily, one ahead of the one being written (see writeChunks).
  const plan = () => {
    const rest = w.blocks.map((b, i) => ({
      ...b,
      rowCount: b.rowCount - (written[i] ?? 0),
      rowBytes: (j: number) => b.rowBytes(j + (written[i] ?? 0)),
    }));
    const base = [...written];
    const cursor = chunkCursor(writeChunks(rest, limits));
    return () => {
      const next = cursor.next();
      if (!next) return null;
      const pieces = next.pieces.map((p) => ({ ...p, start: p.start + (base[p.block] ?? 0) }));
      return { pieces, last: next.last };
    };
  };
  let nextChunk = plan();
  // An empty write still makes one (empty) chunk: it carries the preparation and finishing touches.
  let chunk: { pieces: ChunkPiece[]; last: boolean } | null = nextChunk() ?? { pieces: [], last: true };
  let first = true;
  let done = 0;
  const undo = async () => {
    try {
      w.undo();
      await w.context.sync();
    } catch {
      // The original error says more than a failed clean-up would.
    }
  };
  while (chunk) {
    // Sizing the chunk after next and queuing the next one are two turns of the page, not one.
    await w.pause?.();
    if (w.signal?.aborted) {
      if (!first) await undo();
      throw workbookErrors.cancelled(w.sheet, done, total);
    }
    const { pieces, last } = chunk;
    w.queue(pieces, first, last);
    try {
      await w.context.sync();
    } catch (error) {
      const rows = pieces.reduce((n, p) => n + p.count, 0);
      if (isPayloadTooLarge(error) && rows > 1) {
        limits = { bytes: Math.floor(limits.bytes / 2), cells: Math.max(1, Math.floor(limits.cells / 2)) };
        nextChunk = plan();
        chunk = nextChunk() ?? { pieces: [], last: true };
        continue;
      }
      if (!first) await undo();
      const at = pieces[0];
      throw isPayloadTooLarge(error) && at
        ? workbookErrors.rowTooLarge(w.sheet, at.start)
        : explain(error, w.sheet, 'write');
    }
    first = false;
    for (const p of pieces) {
      written[p.block] = (written[p.block] ?? 0) + p.count;
      done += p.count;
    }
    w.onProgress?.({ sheet: w.sheet, rowsDone: done, rowsTotal: total });
    chunk = nextChunk();
  }
}

function formatBytes(formats: readonly (string | undefined)[] | undefined): number {
  let n = 0;
  for (const f of formats ?? []) if (f) n += jsonBytes(f) + 3;
  return n;
}

export class OfficeWorkbook implements WorkbookAdapter {
  readonly host = 'excel' as const;
  private readonly run: ExcelRun;
  private readonly limits: ChunkLimits;
  private readonly pause: () => Promise<void>;

  constructor(options: OfficeWorkbookOptions = {}) {
    this.run = options.run ?? ((batch) => Excel.run(batch));
    this.limits = options.limits ?? defaultLimits;
    this.pause = options.pause ?? yieldToPage;
  }

  listSheets(): Promise<SheetInfo[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/visibility');
      await syncOrExplain(context, '', 'list sheets');
      return sheets.items.map((s) => ({ name: s.name, visible: s.visibility === 'Visible' }));
    });
  }

  activeSheetName(): Promise<string> {
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load('name');
      await syncOrExplain(context, '', 'active sheet');
      return sheet.name;
    });
  }

  readSheet(name: string, options: ReadSheetOptions = {}): Promise<SheetGrid> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(name);
      ws.load('name');
      const used = ws.getUsedRangeOrNullObject(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      await syncOrExplain(context, name, 'read');
      if (used.isNullObject)
        return { name: ws.name, values: [], startRow: 0, startCol: 0, hiddenRows: new Set(), merges: [] };

      const total = Math.min(used.rowCount, options.maxRows ?? used.rowCount);
      const cols = used.columnCount;
      const top = used.rowIndex;
      const left = used.columnIndex;
      const withFormats = !!options.numberFormats;
      let rowsPerChunk = readChunkRows(cols, withFormats, this.limits);
      const values: unknown[][] = [];
      const numberFormats: string[][] = [];
      const hiddenRows = new Set<number>();
      let merges: Rect[] = [];
      let first = true;
      for (let done = 0; done < total;) {
        if (options.signal?.aborted) throw workbookErrors.cancelled(ws.name, done, total);
        const n = Math.min(rowsPerChunk, total - done);
        const chunk = ws.getRangeByIndexes(top + done, left, n, cols);
        chunk.load(withFormats ? 'values,numberFormat' : 'values');
        const visible = chunk.getSpecialCellsOrNullObject('Visible');
        visible.load('address');
        const merged = first
          ? ws.getRangeByIndexes(top, left, total, cols).getMergedAreasOrNullObject()
          : null;
        merged?.load('address');
        try {
          await context.sync();
        } catch (error) {
          if (isPayloadTooLarge(error) && n > 1) {
            rowsPerChunk = Math.max(1, Math.floor(n / 2));
            continue;
          }
          throw isPayloadTooLarge(error)
            ? workbookErrors.rowTooLarge(ws.name, top + done)
            : explain(error, name, 'read');
        }
        for (const row of chunk.values) values.push(row);
        if (withFormats) for (const row of chunk.numberFormat) numberFormats.push(row as string[]);
        const shown = new Uint8Array(n);
        if (!visible.isNullObject)
          for (const area of parseAreas(visible.address))
            for (
              let r = Math.max(area.row, top + done);
              r <= Math.min(area.row + area.rowCount - 1, top + done + n - 1);
              r++
            )
              shown[r - top - done] = 1;
        shown.forEach((s, i) => {
          if (!s) hiddenRows.add(top + done + i);
        });
        if (merged && !merged.isNullObject) merges = parseAreas(merged.address);
        first = false;
        done += n;
        options.onProgress?.({ sheet: ws.name, rowsDone: done, rowsTotal: total });
      }
      return {
        name: ws.name,
        values,
        ...(withFormats ? { numberFormats } : {}),
        hiddenRows,
        merges,
        startRow: top,
        startCol: left,
      };
    });
  }

  writeResultColumns(sheet: string, req: ResultColumnsRequest): Promise<WrittenColumns> {
    const { rowCount, lastRow } = checkColumnsRequest(req);
    if (req.signal?.aborted) return Promise.reject(workbookErrors.cancelled(sheet, 0, rowCount));
    const n = req.columns.length;
    return this.run(async (context) => {
      const survey = await surveyColumnsSheet(context, sheet, req.headerRow);
      const probed = await probeEarlierColumns(context, sheet, survey, req, lastRow, n);
      const earlier: OwnedBlock | null = findOwnedBlock({
        named: survey.named,
        namedHeader: probed.namedHeader,
        headerRow: req.headerRow,
        headerRowValues: survey.headerRowValues,
        usedBottom: survey.usedBottom,
      });
      const { ws, usedRight } = survey;
      const place = placeColumns({
        earlier,
        usedRight,
        count: n,
        extents: probed.extents,
        maxColumns: MAX_COLUMNS,
      });
      if (!place)
        throw workbookErrors.noRoomForColumns(
          ws.name,
          n,
          columnLetter(Math.min(usedRight + 1, MAX_COLUMNS - 1)),
        );
      const target: ColumnsTarget = {
        req,
        start: place.start,
        n,
        rowCount,
        blockRows: lastRow - req.headerRow + 1,
      };
      const longest = (fs: readonly (string | null)[]) =>
        fs.reduce<string>((a, f) => (f && f.length > a.length ? f : a), '');
      const rowFormatBytes = formatBytes(
        req.columns.map((c) => (c.numberFormats ? longest(c.numberFormats) : c.numberFormat)),
      );
      const app = context.workbook.application;

      await writeInChunks({
        context,
        sheet: ws.name,
        // Inputs are made chunk by chunk (all 100,000 rows at once held the page for a few hundred ms).
        blocks: [{ width: n, rowCount, rowBytes: (i) => inputRowBytes(req, i) + rowFormatBytes }],
        limits: this.limits,
        pause: this.pause,
        signal: req.signal,
        onProgress: req.onProgress,
        queue: (pieces, first, last) => {
          suspendForChunk(app, first, last);
          if (first) {
            removeEarlierColumns(survey, earlier);
            claimColumnsBlock(ws, target);
          }
          writeColumnPieces(ws, target, pieces);
          if (last) {
            finishColumns(ws, target, survey.dataLeft);
            app.calculate('Recalculate');
          }
        },
        undo: () => undoColumns(ws, target),
      });
      return {
        sheet: ws.name,
        headerRow: req.headerRow,
        firstDataRow: req.firstDataRow,
        rowCount,
        columns: req.columns.map((c, j) => ({
          key: c.key,
          col: target.start + j,
          letter: columnLetter(target.start + j),
        })),
        replacedEarlier: !!earlier,
        movedRight: place.movedRight,
      };
    });
  }

  removeResultColumns(sheet: string): Promise<boolean> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const name = ws.names.getItemOrNullObject(RESULTS_NAME);
      name.load('type,formula');
      const formats = ws.getRange().conditionalFormats;
      formats.load('items/type,items/customOrNullObject/rule/formula');
      await syncOrExplain(context, sheet, 'look for earlier results');
      const named = namedRect(name);
      const owned = formats.items.filter(
        (f) => !f.customOrNullObject.isNullObject && isOwnedFormula(f.customOrNullObject.rule.formula),
      );
      let cols: number[] = [];
      if (named) {
        const head = ws.getRangeByIndexes(
          named.row,
          named.col,
          1,
          Math.min(named.colCount, NAMED_BLOCK_MAX_COLUMNS),
        );
        head.load('values');
        await syncOrExplain(context, sheet, 'check the result columns');
        cols =
          findOwnedBlock({
            named,
            namedHeader: head.values[0] ?? [],
            headerRow: named.row,
            headerRowValues: [],
            usedBottom: named.row,
          })?.cols ?? [];
      }
      if (!named && !owned.length && name.isNullObject) return false;
      for (const f of owned) f.delete();
      if (named) for (const c of cols) ws.getRangeByIndexes(named.row, c, named.rowCount, 1).clear('All');
      if (!name.isNullObject) name.delete();
      await syncOrExplain(context, sheet, 'remove results');
      return true;
    });
  }

  writeResultSheet(name: string, spec: ResultSheetSpec): Promise<WrittenSheet> {
    return this.run(async (context) => {
      const { all, sheets, candidates } = await surveyResultSheets(context, name, spec.kind);
      const ownership: SheetOwnership[] = all.map((n) => {
        const c = candidates.find((x) => x.name === n);
        return {
          name: n,
          owned: !!c && !c.mark.isNullObject,
          kind: c?.kindMark && !c.kindMark.isNullObject ? (spec.kind ?? null) : null,
        };
      });
      const choice: JobSheetChoice | null = spec.kind
        ? chooseJobSheet(name, ownership, spec.kind, spec.formerNames)
        : chooseResultSheet(name, ownership);
      if (!choice) throw workbookErrors.noResultSheetName(name);
      const earlierName = choice.renameFrom ?? choice.name;
      const earlier = choice.replace ? candidates.find((c) => c.name === earlierName) : undefined;
      const steps = resultSheetSteps(choice.name, spec);
      const app = context.workbook.application;
      // A new sheet is added by the first chunk's batch; until then there is nothing to point at.
      let target: Excel.Worksheet | null = earlier?.ws ?? null;
      const sheetNow = () => {
        if (!target) target = sheets.add(choice.name);
        return target;
      };

      await writeInChunks({
        context,
        sheet: choice.name,
        // Inputs are made chunk by chunk, as for the columns: a sheet listing nearly every line of a
        // 100,000-line ledger made in one go was one long block.
        blocks: steps.blocks.map((b) => {
          const rowFormatBytes = formatBytes(b.formats);
          return {
            width: b.rows[0]?.length ?? 0,
            rowCount: b.rows.length,
            rowBytes: (j) => sheetRowBytes(b.rows[j]) + rowFormatBytes,
          };
        }),
        limits: this.limits,
        pause: this.pause,
        signal: spec.signal,
        onProgress: spec.onProgress,
        queue: (pieces, first, last) => {
          suspendForChunk(app, first, last);
          if (first) {
            if (choice.stale) sheets.getItem(choice.stale).delete();
            if (earlier) {
              if (choice.renameFrom) earlier.ws.name = choice.name;
              if (spec.kind && (!earlier.kindMark || earlier.kindMark.isNullObject))
                earlier.ws.names.add(ownedSheetKindName(spec.kind), earlier.ws.getRange('A1'), 'SalesDesk');
              clearEarlierSheet(earlier.ws);
            } else {
              target = null;
              markAsOwned(sheetNow(), spec.kind);
            }
          }
          const ws = sheetNow();
          writeSheetPieces(ws, steps, pieces);
          if (last) {
            finishResultSheet(ws, steps);
            if (spec.activate) ws.activate();
            app.calculate('Recalculate');
          }
        },
        undo: () => undoResultSheet(sheetNow(), !!earlier),
      });
      return {
        name: choice.name,
        replacedEarlier: choice.replace,
        tables: steps.tables.map((t, i) => ({
          name: t.name,
          headerRow: t.range.row,
          firstDataRow: t.range.row + 1,
          rowCount: spec.tables[i]?.rows.length ?? 0,
          columnCount: t.colCount,
        })),
      };
    });
  }

  addSheet(
    name: string,
    rows: readonly (readonly (string | number)[])[],
    boldRows: readonly number[] = [],
  ): Promise<string> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await syncOrExplain(context, '', 'list sheets');
      const free = freeSheetName(
        name,
        sheets.items.map((s) => s.name),
      );
      const ws = sheets.add(free);
      const width = Math.max(1, ...rows.map((r) => r.length));
      if (rows.length)
        ws.getRangeByIndexes(0, 0, rows.length, width).values = rows.map((r) =>
          Array.from({ length: width }, (_, j) => r[j] ?? ''),
        );
      for (const r of boldRows) ws.getRangeByIndexes(r, 0, 1, width).format.font.bold = true;
      ws.activate();
      await syncOrExplain(context, free, 'add sheet');
      return free;
    });
  }

  removeResultSheet(kind: string, formerNames: readonly string[] = []): Promise<string | null> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await syncOrExplain(context, '', 'list sheets');
      const probes = sheets.items.map((s) => {
        const mark = s.names.getItemOrNullObject(OWNED_SHEET_NAME);
        const kindMark = s.names.getItemOrNullObject(ownedSheetKindName(kind));
        mark.load('name');
        kindMark.load('name');
        return { name: s.name, mark, kindMark };
      });
      await syncOrExplain(context, '', 'look for earlier results');
      const found = findJobSheet(
        probes.map((p) => ({
          name: p.name,
          owned: !p.mark.isNullObject,
          kind: kindOfNames(p.kindMark.isNullObject ? [] : [ownedSheetKindName(kind)]),
        })),
        kind,
        formerNames,
      );
      if (!found) return null;
      sheets.getItem(found.name).delete();
      await syncOrExplain(context, found.name, 'remove results');
      return found.name;
    });
  }

  /**
   * One sync. Everything used is ExcelApi 1.9 (PageLayout, PageBreakCollection), inside the 1.13 the
   * manifest requires, so no runtime guard is needed. `verticalFitToPages: 0` is Excel's "automatic"
   * (the sheet's fitToHeight=0): one page wide, as many pages tall as the rows need. Known Office
   * report (office-js#1860): some builds apply the zoom only once the Page Layout tab has been shown.
   */
  setPageLayout(sheet: string, layout: PageLayout): Promise<void> {
    return this.run(async (context) => {
      const l = checkedPageLayout(layout);
      const ws = context.workbook.worksheets.getItem(sheet);
      const page = ws.pageLayout;
      page.paperSize = 'A4';
      page.orientation = l.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      const a = l.printArea;
      page.setPrintArea(ws.getRangeByIndexes(a.row, a.col, a.rowCount, a.colCount));
      page.zoom = l.fitToWidth ? { horizontalFitToPages: 1, verticalFitToPages: 0 } : { scale: 100 };
      if (l.printTitleRows)
        page.setPrintTitleRows(rowsAddress(l.printTitleRows.first, l.printTitleRows.count));
      page.centerHorizontally = l.centerHorizontally;
      ws.horizontalPageBreaks.removePageBreaks();
      for (const r of l.pageBreaksBefore) ws.horizontalPageBreaks.add(ws.getRangeByIndexes(r, a.col, 1, 1));
      await syncOrExplain(context, sheet, 'page setup');
    });
  }

  selectCell(sheet: string, address: string): Promise<void> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await syncOrExplain(context, sheet, `select ${address}`);
    });
  }

  getSetting(key: string): Promise<unknown> {
    return this.run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(key);
      item.load('value');
      await syncOrExplain(context, '', 'read setting');
      if (item.isNullObject) return undefined;
      const value: unknown = item.value;
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    });
  }

  setSetting(key: string, value: unknown): Promise<void> {
    return this.run(async (context) => {
      const settings = context.workbook.settings;
      if (value === undefined) {
        const item = settings.getItemOrNullObject(key);
        item.load('key');
        await syncOrExplain(context, '', 'read setting');
        if (item.isNullObject) return;
        item.delete();
      } else settings.add(key, JSON.stringify(value));
      await syncOrExplain(context, '', 'save setting');
    });
  }
}

// ── The steps of the two writes ─────────────────────────────────────────────────────────────────

/** Calculation waits for every chunk but the last; screen updating for the first and the last. */
function suspendForChunk(app: Excel.Application, first: boolean, last: boolean): void {
  if (!last) app.suspendApiCalculationUntilNextSync();
  if (first || last) app.suspendScreenUpdatingUntilNextSync();
}

/** What is on a sheet before result columns are written. */
interface ColumnsSurvey {
  ws: Excel.Worksheet;
  /** SalesDesk's named block of an earlier run (a null object when there is none). */
  name: Excel.NamedItem;
  formats: Excel.ConditionalFormatCollection;
  usedRight: number;
  usedBottom: number;
  dataLeft: number;
  headerRowValues: unknown[];
  named: Rect | null;
  /** The earlier block found by the marks in the header row alone. */
  byMark: OwnedBlock | null;
}

/** Columns step 1 (one sync): the used range, SalesDesk's named block, the header row, conditional formats. */
async function surveyColumnsSheet(
  context: Excel.RequestContext,
  sheet: string,
  headerRow: number,
): Promise<ColumnsSurvey> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.load('name');
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  const name = ws.names.getItemOrNullObject(RESULTS_NAME);
  name.load('type,formula');
  const header = ws.getRangeByIndexes(headerRow, 0, 1, MAX_COLUMNS).getUsedRangeOrNullObject(true);
  header.load('values,columnIndex');
  const formats = ws.getRange().conditionalFormats;
  formats.load('items/type,items/customOrNullObject/rule/formula');
  await syncOrExplain(context, sheet, 'look for earlier results');

  const usedRight = used.isNullObject ? -1 : used.columnIndex + used.columnCount - 1;
  const usedBottom = used.isNullObject ? headerRow : used.rowIndex + used.rowCount - 1;
  const dataLeft = used.isNullObject ? 0 : used.columnIndex;
  const headerRowValues: unknown[] = [];
  if (!header.isNullObject)
    (header.values[0] ?? []).forEach((v, i) => (headerRowValues[header.columnIndex + i] = v));
  const byMark = findOwnedBlock({ named: null, namedHeader: null, headerRow, headerRowValues, usedBottom });
  return {
    ws,
    name,
    formats,
    usedRight,
    usedBottom,
    dataLeft,
    headerRowValues,
    named: namedRect(name),
    byMark,
  };
}

/**
 * Columns step 2 (one sync when there was an earlier run): whether the earlier block's headers still
 * carry the mark, and what fills the columns to reuse: every column the run might write, from the
 * block's first column to n past its last.
 */
async function probeEarlierColumns(
  context: Excel.RequestContext,
  sheet: string,
  survey: ColumnsSurvey,
  req: ResultColumnsRequest,
  lastRow: number,
  n: number,
): Promise<{ namedHeader: unknown[] | null; extents: Map<number, ColumnExtent> }> {
  const { ws, named, byMark } = survey;
  const windows = new Set<number>();
  const probe = (from: number, to: number) => {
    for (let c = from; c < Math.min(to, MAX_COLUMNS); c++) windows.add(c);
  };
  if (named) probe(named.col, named.col + Math.min(named.colCount, NAMED_BLOCK_MAX_COLUMNS) + n);
  if (byMark) probe(Math.min(...byMark.cols), Math.max(...byMark.cols) + 1 + n);
  let namedHeader: unknown[] | null = null;
  const extents = new Map<number, ColumnExtent>();
  if (windows.size) {
    const namedHeaderRange = named
      ? ws.getRangeByIndexes(named.row, named.col, 1, Math.min(named.colCount, NAMED_BLOCK_MAX_COLUMNS))
      : null;
    namedHeaderRange?.load('values');
    const probes = [...windows].map((c) => {
      const probe = ws
        .getRangeByIndexes(req.headerRow, c, lastRow - req.headerRow + 1, 1)
        .getUsedRangeOrNullObject(true);
      probe.load('rowIndex,rowCount');
      return { c, probe };
    });
    await syncOrExplain(context, sheet, 'check the result columns');
    namedHeader = namedHeaderRange?.values[0] ?? null;
    for (const { c, probe } of probes)
      extents.set(
        c,
        probe.isNullObject ? null : { top: probe.rowIndex, bottom: probe.rowIndex + probe.rowCount - 1 },
      );
  }
  return { namedHeader, extents };
}

/** Where the result columns go and what they hold. */
interface ColumnsTarget {
  req: ResultColumnsRequest;
  /** First result column (0-based). */
  start: number;
  n: number;
  rowCount: number;
  /** Header row to the last data row. */
  blockRows: number;
}

/** JSON bytes of data row `i` as Excel input (jsonBytes of its array, without making it). */
function inputRowBytes(req: ResultColumnsRequest, i: number): number {
  let n = 1 + req.columns.length;
  for (const c of req.columns) n += jsonBytes(toExcelInput(c.values[i] ?? null));
  return n;
}

/** JSON bytes of one result-sheet row as Excel input (jsonBytes of its array, without making it). */
function sheetRowBytes(row: readonly ResultCell[] | undefined): number {
  if (!row) return 4;
  let n = 2 + Math.max(0, row.length - 1);
  for (const cell of row) n += jsonBytes(toExcelInput(cell));
  return n;
}

/** Data rows [start, start + count) of the result columns as Excel input. */
function columnInputs(req: ResultColumnsRequest, start: number, count: number): Input[][] {
  const out: Input[][] = new Array<Input[]>(count);
  for (let i = 0; i < count; i++) out[i] = req.columns.map((c) => toExcelInput(c.values[start + i] ?? null));
  return out;
}

function columnHeaders(target: ColumnsTarget, pending: boolean): Input[][] {
  return [target.req.columns.map((c) => toExcelInput(ownedHeader(c.header, pending)))];
}

/** Columns step 3, first chunk: remove the earlier run (its highlights, columns and name). */
function removeEarlierColumns(survey: ColumnsSurvey, earlier: OwnedBlock | null): void {
  const { ws, formats, name } = survey;
  const ownedFormats = formats.items.filter(
    (f) => !f.customOrNullObject.isNullObject && isOwnedFormula(f.customOrNullObject.rule.formula),
  );
  for (const f of ownedFormats) f.delete();
  if (earlier)
    for (const c of earlier.cols)
      ws.getRangeByIndexes(earlier.top, c, earlier.bottom - earlier.top + 1, 1).clear('All');
  if (!name.isNullObject) name.delete();
}

/** Columns step 4, first chunk: claim the new block by name, its headers marked pending. */
function claimColumnsBlock(ws: Excel.Worksheet, t: ColumnsTarget): void {
  ws.names.add(RESULTS_NAME, ws.getRangeByIndexes(t.req.headerRow, t.start, t.blockRows, t.n), 'SalesDesk');
  const head = ws.getRangeByIndexes(t.req.headerRow, t.start, 1, t.n);
  head.values = columnHeaders(t, true);
  head.format.font.bold = true;
}

/** Columns step 5, every chunk: its rows of values and number formats. */
function writeColumnPieces(ws: Excel.Worksheet, t: ColumnsTarget, pieces: readonly ChunkPiece[]): void {
  for (const p of pieces) {
    const row = t.req.firstDataRow + p.start;
    ws.getRangeByIndexes(row, t.start, p.count, t.n).values = columnInputs(t.req, p.start, p.count);
    t.req.columns.forEach((c, j) => {
      if (c.numberFormat || c.numberFormats)
        ws.getRangeByIndexes(row, t.start + j, p.count, 1).numberFormat = Array.from(
          { length: p.count },
          (_, i) => [c.numberFormats?.[p.start + i] ?? c.numberFormat ?? 'General'],
        );
    });
  }
}

/**
 * Columns step 6, last chunk: the headers lose their pending mark, the columns are fitted to what they
 * hold and the rows get their highlights.
 */
function finishColumns(ws: Excel.Worksheet, t: ColumnsTarget, dataLeft: number): void {
  ws.getRangeByIndexes(t.req.headerRow, t.start, 1, t.n).values = columnHeaders(t, false);
  ws.getRangeByIndexes(
    t.req.headerRow,
    t.start,
    Math.min(t.blockRows, AUTOFIT_ROWS),
    t.n,
  ).format.autofitColumns();
  for (const f of columnHighlights(t.req, { start: t.start, dataLeft, rowCount: t.rowCount })) addFill(ws, f);
}

/** A columns write stopped after its first chunk: the block and its name go. */
function undoColumns(ws: Excel.Worksheet, t: ColumnsTarget): void {
  ws.getRangeByIndexes(t.req.headerRow, t.start, t.blockRows, t.n).clear('All');
  ws.names.getItem(RESULTS_NAME).delete();
}

/** A sheet that could take the results, and SalesDesk's marks on it (null objects when not owned). */
interface SheetCandidate {
  name: string;
  ws: Excel.Worksheet;
  mark: Excel.NamedItem;
  /** The job's kind mark, when the write names a kind. */
  kindMark: Excel.NamedItem | null;
}

/**
 * Sheet step 1 (one or two syncs): the sheets there are, and which candidates SalesDesk owns. A job's
 * sheet may go by any name (the other language's): then every sheet is looked at.
 */
async function surveyResultSheets(
  context: Excel.RequestContext,
  name: string,
  kind: string | undefined,
): Promise<{ all: string[]; sheets: Excel.WorksheetCollection; candidates: SheetCandidate[] }> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await syncOrExplain(context, name, 'list sheets');
  const all = sheets.items.map((s) => s.name);
  const candidates = (kind ? all : resultSheetCandidates(name, all)).map((candidate) => {
    const ws = sheets.getItem(candidate);
    const mark = ws.names.getItemOrNullObject(OWNED_SHEET_NAME);
    mark.load('name');
    const kindMark = kind ? ws.names.getItemOrNullObject(ownedSheetKindName(kind)) : null;
    kindMark?.load('name');
    ws.tables.load('items/name');
    ws.charts.load('items/name');
    return { name: candidate, ws, mark, kindMark };
  });
  if (candidates.length) await syncOrExplain(context, name, 'look for earlier results');
  return { all, sheets, candidates };
}

/** Sheet step 2, first chunk, replacing: the earlier results go (tables, charts, formats, cells, panes). */
function clearEarlierSheet(ws: Excel.Worksheet): void {
  for (const t of ws.tables.items) t.delete();
  for (const c of ws.charts.items) c.delete();
  const all = ws.getRange();
  all.conditionalFormats.clearAll();
  all.clear('All');
  all.rowHidden = false;
  ws.freezePanes.unfreeze();
}

/** Sheet step 2, first chunk, new sheet: SalesDesk's marks (and the job's), so a later run may replace it. */
function markAsOwned(ws: Excel.Worksheet, kind: string | undefined): void {
  ws.names.add(OWNED_SHEET_NAME, ws.getRange('A1'), 'SalesDesk');
  if (kind) ws.names.add(ownedSheetKindName(kind), ws.getRange('A1'), 'SalesDesk');
}

/** Sheet step 3, every chunk: its rows of each block, bold where asked, with number formats. */
function writeSheetPieces(ws: Excel.Worksheet, steps: ResultSheetSteps, pieces: readonly ChunkPiece[]): void {
  for (const p of pieces) {
    const b = steps.blocks[p.block];
    if (!b) continue;
    const w = b.rows[0]?.length ?? 0;
    const range = ws.getRangeByIndexes(b.row + p.start, b.col, p.count, w);
    range.values = b.rows.slice(p.start, p.start + p.count).map((r) => r.map(toExcelInput));
    if (b.bold) range.format.font.bold = true;
    b.formats?.forEach((f, j) => {
      if (f)
        ws.getRangeByIndexes(b.row + p.start, b.col + j, p.count, 1).numberFormat = Array.from(
          { length: p.count },
          () => [f],
        );
    });
  }
}

/** Sheet step 4, last chunk: tables, fills, charts, frozen header rows, column widths. */
function finishResultSheet(ws: Excel.Worksheet, steps: ResultSheetSteps): void {
  for (const t of steps.tables) {
    const table = ws.tables.add(
      ws.getRangeByIndexes(t.range.row, t.range.col, t.range.rowCount, t.range.colCount),
      true,
    );
    table.name = t.name;
    table.style = 'TableStyleMedium2';
  }
  for (const f of steps.fills) addFill(ws, f);
  for (const c of steps.charts) {
    const src = ws.getRangeByIndexes(c.source.row, c.source.col, c.source.rowCount, c.source.colCount);
    const chart = ws.charts.add(c.type === 'line' ? 'Line' : 'ColumnClustered', src, 'Columns');
    chart.title.text = c.title;
    chart.setPosition(
      cellAddress(c.anchor.row, c.anchor.col),
      cellAddress(c.anchor.row + c.anchor.rowCount - 1, lastCol(c.anchor)),
    );
  }
  if (steps.layout.frozenRows) ws.freezePanes.freezeRows(steps.layout.frozenRows);
  const width = Math.max(1, ...steps.tables.map((t) => t.colCount));
  const { first, end } = steps.fitRows;
  ws.getRangeByIndexes(first, 0, end - first, width).format.autofitColumns();
}

/** A sheet write stopped after its first chunk: a replaced sheet says it is incomplete, a new one goes. */
function undoResultSheet(ws: Excel.Worksheet, replacing: boolean): void {
  if (replacing) {
    const all = ws.getRange();
    all.conditionalFormats.clearAll();
    all.clear('All');
    ws.getRange('A1').values = [[toExcelInput(incompleteResultNote)]];
  } else ws.delete();
}

function addFill(ws: Excel.Worksheet, f: FillStep): void {
  const cf = ws
    .getRangeByIndexes(f.range.row, f.range.col, f.range.rowCount, f.range.colCount)
    .conditionalFormats.add('Custom');
  cf.custom.rule.formula = `=${f.formula}`;
  cf.custom.format.fill.color = f.fill;
}

export function createOfficeWorkbook(options?: OfficeWorkbookOptions): WorkbookAdapter {
  return new OfficeWorkbook(options);
}
