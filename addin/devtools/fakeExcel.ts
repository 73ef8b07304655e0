// A small fake of the Excel JavaScript API, just the part officeWorkbook.ts uses, over the same
// in-memory model as the preview. It keeps Office.js's batch semantics: calls queue actions;
// `context.sync()` runs them in order; a property can be read only after `load()` and a sync; a
// `*OrNullObject` proxy says `isNullObject` after a sync. Each sync is recorded with its request
// bytes (JSON of what was sent: values, formats, arguments, plus a fixed cost per action) and
// response bytes (JSON of what was loaded), and a sync over the payload limit is refused as
// Excel on the web refuses it. Written strings are read as Excel reads typed input.
import {
  absoluteAddress,
  lastCol,
  lastRow,
  MAX_COLUMNS,
  MAX_ROWS,
  parseArea,
  rectAddress,
  sheetPrefix,
  type Rect,
} from '../src/workbook/a1';
import { parseHyperlinkFormula } from '../src/workbook/cellInput';
import {
  autofitWidth,
  cellKey,
  type ModelChart,
  type ModelConditionalFormat,
  type ModelPageLayout,
  type ModelTable,
  type ModelValue,
  type SheetModel,
  WorkbookModel,
} from '../src/workbook/memoryModel';
import type { ExcelRun } from '../src/workbook/officeWorkbook';

/** Request bytes charged per queued action (method call, property set, load, proxy). */
export const ACTION_BYTES = 50;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  /** Cells whose values or formats this sync changed. */
  cellsWritten: number;
  calculationSuspended: boolean;
  screenUpdatingSuspended: boolean;
  recalculated: boolean;
  /**
   * Milliseconds the fake spent applying this sync's actions and measuring its answer: the work that
   * real Excel does in its own process (the bench reports it apart from the pane's).
   */
  excelMs: number;
}

export interface FakeExcelOptions {
  /**
   * Awaited before a sync's actions run and again before its answer comes back: the trip to Excel and
   * back, during which the real pane's thread is free (a message to another process). Default none,
   * so tests run every sync in one go.
   */
  roundTrip?: () => Promise<void>;
}

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

const bytesOf = (v: unknown) => Buffer.byteLength(JSON.stringify(v ?? null), 'utf8');

interface Op {
  bytes: number;
  /** Returns the response bytes it produced. */
  apply(): number;
  writesCells?: number;
}

export class FakeExcel {
  readonly syncs: SyncRecord[] = [];
  payloadLimit = 5_000_000;
  /** Called before each sync with its 0-based index (e.g. to cancel after the second chunk). */
  beforeSync?: (index: number) => void;
  /** Make sync `index` fail with this error instead of running (nothing of it is applied). */
  failSync?: (index: number) => FakeExcelError | undefined;

  /** Milliseconds spent in all syncs' Excel-side work so far (see SyncRecord.excelMs). */
  excelMs = 0;

  constructor(
    readonly model: WorkbookModel = new WorkbookModel(),
    readonly options: FakeExcelOptions = {},
  ) {}

  readonly run: ExcelRun = async (batch) => {
    const context = new FakeContext(this);
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pendingCount) await context.sync();
    return result;
  };

  /** Total syncs so far. */
  get syncCount(): number {
    return this.syncs.length;
  }

  reset(): void {
    this.syncs.length = 0;
  }
}

class FakeContext {
  private ops: Op[] = [];
  readonly workbook: FakeWorkbookApi;
  calcSuspended = false;
  screenSuspended = false;
  recalculated = false;

  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbookApi(this);
  }

  get pendingCount(): number {
    return this.ops.length;
  }

  queue(op: Op): void {
    this.ops.push(op);
  }

  async sync(): Promise<void> {
    const ops = this.ops;
    this.ops = [];
    const index = this.excel.syncs.length;
    this.excel.beforeSync?.(index);
    const record: SyncRecord = {
      requestBytes: ops.reduce((n, o) => n + o.bytes, 0),
      responseBytes: 0,
      actions: ops.length,
      cellsWritten: ops.reduce((n, o) => n + (o.writesCells ?? 0), 0),
      calculationSuspended: false,
      screenUpdatingSuspended: false,
      recalculated: false,
      excelMs: 0,
    };
    this.excel.syncs.push(record);
    const injected = this.excel.failSync?.(index);
    if (injected) throw injected;
    if (record.requestBytes > this.excel.payloadLimit)
      throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `request of ${record.requestBytes} bytes`);
    const roundTrip = this.excel.options.roundTrip;
    if (roundTrip) await roundTrip();
    this.calcSuspended = false;
    this.screenSuspended = false;
    this.recalculated = false;
    const started = performance.now();
    try {
      for (const op of ops) record.responseBytes += op.apply();
    } finally {
      record.calculationSuspended = this.calcSuspended;
      record.screenUpdatingSuspended = this.screenSuspended;
      record.recalculated = this.recalculated;
      record.excelMs = performance.now() - started;
      this.excel.excelMs += record.excelMs;
    }
    if (roundTrip) await roundTrip();
    if (record.responseBytes > this.excel.payloadLimit)
      throw new FakeExcelError(
        'ResponsePayloadSizeLimitExceeded',
        `response of ${record.responseBytes} bytes`,
      );
  }

  get model(): WorkbookModel {
    return this.excel.model;
  }
}

/** A proxy: resolved when the sync reaches the action that made it. */
abstract class FakeObject<T> {
  private resolved = false;
  protected target: T | null = null;
  private readonly loadedProps = new Map<string, unknown>();

  constructor(
    protected readonly ctx: FakeContext,
    resolve: (() => T | null) | { value: T },
    private readonly orNull = false,
  ) {
    if ('value' in resolve) {
      this.target = resolve.value;
      this.resolved = true;
      return;
    }
    ctx.queue({
      bytes: ACTION_BYTES,
      apply: () => {
        const t = resolve();
        if (t === null && !orNull)
          throw new FakeExcelError('ItemNotFound', `${this.constructor.name} not found`);
        this.target = t;
        this.resolved = true;
        return 0;
      },
    });
  }

  get isNullObject(): boolean {
    if (!this.resolved) throw new FakeExcelError('PropertyNotLoaded', 'isNullObject read before sync');
    return this.target === null;
  }

  /** The object behind the proxy, at sync time. */
  protected t(): T {
    if (this.target === null)
      throw new FakeExcelError('InvalidObjectPath', `${this.constructor.name} is a null object`);
    return this.target;
  }

  protected abstract read(prop: string): unknown;

  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(','))
      .map((p) => p.trim())
      .filter(Boolean);
    this.ctx.queue({
      bytes: ACTION_BYTES + bytesOf(list),
      apply: () => {
        if (this.target === null) return 0;
        let bytes = 0;
        for (const p of list) {
          const v = this.read(p);
          this.loadedProps.set(p, v);
          bytes += bytesOf(v);
        }
        return bytes;
      },
    });
    return this;
  }

  protected setLoaded(prop: string, value: unknown): void {
    this.loadedProps.set(prop, value);
  }

  protected loaded<V>(prop: string): V {
    if (!this.loadedProps.has(prop))
      throw new FakeExcelError('PropertyNotLoaded', `${this.constructor.name}.${prop}`);
    return this.loadedProps.get(prop) as V;
  }

  /** Queues a change applied at sync time. */
  protected act(payload: unknown, apply: (target: T) => void, writesCells = 0): void {
    this.ctx.queue({
      bytes: ACTION_BYTES + (payload === undefined ? 0 : bytesOf(payload)),
      apply: () => {
        apply(this.t());
        return 0;
      },
      writesCells,
    });
  }
}

class FakeWorkbookApi {
  readonly worksheets: FakeWorksheets;
  readonly settings: FakeSettings;
  readonly application: FakeApplication;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.settings = new FakeSettings(ctx);
    this.application = new FakeApplication(ctx);
  }
}

class FakeApplication {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.queue({ bytes: ACTION_BYTES, apply: () => ((this.ctx.calcSuspended = true), 0) });
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.queue({ bytes: ACTION_BYTES, apply: () => ((this.ctx.screenSuspended = true), 0) });
  }
  calculate(_type: string): void {
    this.ctx.queue({ bytes: ACTION_BYTES, apply: () => ((this.ctx.recalculated = true), 0) });
  }
}

const VISIBILITY = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' } as const;

class FakeWorksheets {
  private loadedItems: FakeWorksheet[] | null = null;
  constructor(private readonly ctx: FakeContext) {}
  /** `items/name,items/visibility`: every sheet with those properties. */
  load(props: string): this {
    const list = props.split(',').map((p) => p.trim().replace(/^items\//, ''));
    this.ctx.queue({
      bytes: ACTION_BYTES + bytesOf(props),
      apply: () => {
        this.loadedItems = this.ctx.model.sheets.map((s) => {
          const w = new FakeWorksheet(this.ctx, { value: s });
          for (const p of list) w.loadedWith(p);
          return w;
        });
        return bytesOf(
          this.ctx.model.sheets.map((s) =>
            list.map((p) => (p === 'visibility' ? VISIBILITY[s.visibility] : s.name)),
          ),
        );
      },
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    if (!this.loadedItems) throw new FakeExcelError('PropertyNotLoaded', 'worksheets.items');
    return this.loadedItems;
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.getSheet(name) ?? null);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.getSheet(name) ?? null, true);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const m = this.ctx.model;
      return (m.activeSheet ? m.getSheet(m.activeSheet) : m.sheets[0]) ?? null;
    });
  }
  add(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      if (this.ctx.model.getSheet(name)) throw new FakeExcelError('ItemAlreadyExists', `sheet ${name}`);
      return this.ctx.model.addSheet(name);
    });
  }
}

class FakeWorksheet extends FakeObject<SheetModel> {
  readonly names = new FakeNames(this.ctx, () => this.t());
  readonly tables = new FakeTables(this.ctx, () => this.t());
  readonly charts = new FakeCharts(this.ctx, () => this.t());
  readonly freezePanes = new FakeFreezePanes(this.ctx, () => this.t());
  readonly pageLayout = new FakePageLayout(this.ctx, () => this.t());
  readonly horizontalPageBreaks = new FakePageBreaks(this.ctx, () => this.t());

  loadedWith(prop: string): this {
    this.setLoaded(prop, this.read(prop));
    return this;
  }
  protected read(prop: string): unknown {
    const s = this.t();
    if (prop === 'name') return s.name;
    if (prop === 'visibility') return VISIBILITY[s.visibility];
    throw new FakeExcelError('InvalidArgument', `worksheet.${prop} not faked`);
  }
  get name(): string {
    return this.loaded('name');
  }
  set name(name: string) {
    this.act(name, (s) => this.ctx.model.renameSheet(s.name, name));
  }
  get visibility(): string {
    return this.loaded('visibility');
  }
  /** For FakeRange and friends: the sheet at sync time. */
  sheetAtSync(): SheetModel {
    return this.t();
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const rect = address
        ? parseArea(address)
        : { row: 0, col: 0, rowCount: MAX_ROWS, colCount: MAX_COLUMNS };
      if (!rect) throw new FakeExcelError('InvalidArgument', `address ${address}`);
      return { sheet: this.t(), rect };
    });
  }
  getRangeByIndexes(row: number, col: number, rowCount: number, colCount: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      if (
        row < 0 ||
        col < 0 ||
        rowCount < 1 ||
        colCount < 1 ||
        row + rowCount > MAX_ROWS ||
        col + colCount > MAX_COLUMNS
      )
        throw new FakeExcelError(
          'InvalidArgument',
          `getRangeByIndexes(${row},${col},${rowCount},${colCount})`,
        );
      return { sheet: this.t(), rect: { row, col, rowCount, colCount } };
    });
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const rect = this.t().usedRect();
        return rect ? { sheet: this.t(), rect } : null;
      },
      true,
    );
  }
  activate(): void {
    this.act(undefined, (s) => (this.ctx.model.activeSheet = s.name));
  }
  delete(): void {
    this.act(undefined, (s) => this.ctx.model.removeSheet(s.name));
  }
}

interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

/** Excel's reading of typed input: what a string written to `values` becomes. */
export function excelInput(v: unknown): {
  value?: ModelValue;
  formula?: string;
  link?: { sheet: string; address: string };
} {
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v };
  if (typeof v !== 'string' || v === '') return {};
  if (v.startsWith("'")) return v.length > 1 ? { value: v.slice(1) } : {};
  if (v.startsWith('=')) {
    const link = parseHyperlinkFormula(v);
    return link
      ? { value: link.text, formula: v.slice(1), link: { sheet: link.sheet, address: link.address } }
      : { formula: v.slice(1) };
  }
  const t = v.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { value: Number(t) };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const date = /^(\d{1,4})[-/](\d{1,2})(?:[-/](\d{1,4}))?$/.exec(t);
  if (date) return { value: 45_000 + Number(date[2]) };
  return { value: v };
}

class FakeRange extends FakeObject<RangeTarget> {
  readonly format = new FakeRangeFormat(this);
  get conditionalFormats(): FakeConditionalFormats {
    return new FakeConditionalFormats(this.ctx, () => this.t());
  }
  /** For children: the target at sync time. */
  at(): RangeTarget {
    return this.t();
  }
  change(payload: unknown, apply: (t: RangeTarget) => void, writesCells = 0): void {
    this.act(payload, apply, writesCells);
  }
  protected read(prop: string): unknown {
    const { sheet, rect } = this.t();
    switch (prop) {
      case 'values':
        return grid(rect, (r, c) => sheet.value(r, c) ?? '');
      case 'numberFormat':
        return grid(rect, (r, c) => sheet.numberFormats.get(cellKey(r, c)) ?? 'General');
      case 'address':
        return `${sheetPrefix(sheet.name)}${rectAddress(rect)}`;
      case 'rowIndex':
        return rect.row;
      case 'columnIndex':
        return rect.col;
      case 'rowCount':
        return rect.rowCount;
      case 'columnCount':
        return rect.colCount;
      default:
        throw new FakeExcelError('InvalidArgument', `range.${prop} not faked`);
    }
  }
  get values(): unknown[][] {
    return this.loaded('values');
  }
  set values(v: unknown[][]) {
    const cells = v.reduce((n, r) => n + r.length, 0);
    this.act(
      v,
      ({ sheet, rect }) => {
        checkShape(v, rect, 'values');
        v.forEach((row, i) =>
          row.forEach((x, j) => {
            const r = rect.row + i;
            const c = rect.col + j;
            const key = cellKey(r, c);
            const input = excelInput(x);
            sheet.setValue(r, c, input.value ?? null);
            if (input.formula) sheet.formulas.set(key, input.formula);
            else sheet.formulas.delete(key);
            if (input.link) sheet.links.set(key, input.link);
            else sheet.links.delete(key);
          }),
        );
      },
      cells,
    );
  }
  get numberFormat(): unknown[][] {
    return this.loaded('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.act(
      v,
      ({ sheet, rect }) => {
        checkShape(v, rect, 'numberFormat');
        v.forEach((row, i) =>
          row.forEach((f, j) => {
            const key = cellKey(rect.row + i, rect.col + j);
            if (typeof f === 'string' && f !== 'General') sheet.numberFormats.set(key, f);
            else sheet.numberFormats.delete(key);
          }),
        );
      },
      v.reduce((n, r) => n + r.length, 0),
    );
  }
  get address(): string {
    return this.loaded('address');
  }
  get rowIndex(): number {
    return this.loaded('rowIndex');
  }
  get columnIndex(): number {
    return this.loaded('columnIndex');
  }
  get rowCount(): number {
    return this.loaded('rowCount');
  }
  get columnCount(): number {
    return this.loaded('columnCount');
  }
  set rowHidden(hidden: boolean) {
    this.act(hidden, ({ sheet, rect }) => {
      if (!hidden && rect.rowCount === MAX_ROWS) sheet.hiddenRows.clear();
      else
        for (let r = rect.row; r <= lastRow(rect); r++) {
          if (hidden) sheet.hiddenRows.add(r);
          else sheet.hiddenRows.delete(r);
        }
    });
  }
  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this.act(applyTo, ({ sheet, rect }) =>
      sheet.clear(rect, applyTo === 'Contents' ? 'contents' : applyTo === 'Formats' ? 'formats' : 'all'),
    );
  }
  select(): void {
    this.act(undefined, ({ sheet, rect }) => {
      this.ctx.model.activeSheet = sheet.name;
      this.ctx.model.selection = { sheet: sheet.name, address: rectAddress(rect) };
    });
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const { sheet, rect } = this.t();
        const used = sheet.usedRectWithin(rect);
        return used ? { sheet, rect: used } : null;
      },
      true,
    );
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(
      this.ctx,
      () => {
        const { sheet, rect } = this.t();
        const areas = sheet.mergesWithin(rect);
        return areas.length ? { sheet, areas } : null;
      },
      true,
    );
  }
  getSpecialCellsOrNullObject(type: string): FakeRangeAreas {
    if (type !== 'Visible') throw new FakeExcelError('InvalidArgument', `special cells ${type} not faked`);
    return new FakeRangeAreas(
      this.ctx,
      () => {
        const { sheet, rect } = this.t();
        const areas: Rect[] = [];
        let runStart = -1;
        for (let r = rect.row; r <= lastRow(rect) + 1; r++) {
          const visible = r <= lastRow(rect) && !sheet.hiddenRows.has(r);
          if (visible && runStart < 0) runStart = r;
          if (!visible && runStart >= 0) {
            areas.push({ row: runStart, col: rect.col, rowCount: r - runStart, colCount: rect.colCount });
            runStart = -1;
          }
        }
        return areas.length ? { sheet, areas } : null;
      },
      true,
    );
  }
}

function grid<T>(rect: Rect, cell: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = rect.row; r <= lastRow(rect); r++) {
    const row: T[] = [];
    for (let c = rect.col; c <= lastCol(rect); c++) row.push(cell(r, c));
    out.push(row);
  }
  return out;
}

function checkShape(v: unknown[][], rect: Rect, what: string): void {
  if (v.length !== rect.rowCount || v.some((r) => r.length !== rect.colCount))
    throw new FakeExcelError(
      'InvalidArgument',
      `${what}: ${v.length}x${v[0]?.length ?? 0} for ${rectAddress(rect)}`,
    );
}

class FakeRangeFormat {
  readonly fill: { color: string };
  readonly font: { bold: boolean };
  constructor(private readonly range: FakeRange) {
    const r = range;
    this.fill = {
      set color(color: string) {
        r.change(color, ({ sheet, rect }) => {
          for (let i = rect.row; i <= lastRow(rect); i++)
            for (let j = rect.col; j <= lastCol(rect); j++) sheet.fills.set(cellKey(i, j), color);
        });
      },
      get color(): string {
        throw new FakeExcelError('PropertyNotLoaded', 'format.fill.color not faked for reading');
      },
    };
    this.font = {
      set bold(bold: boolean) {
        r.change(bold, ({ sheet, rect }) => {
          for (let i = rect.row; i <= lastRow(rect); i++)
            for (let j = rect.col; j <= lastCol(rect); j++) {
              if (bold) sheet.bold.add(cellKey(i, j));
              else sheet.bold.delete(cellKey(i, j));
            }
        });
      },
      get bold(): boolean {
        throw new FakeExcelError('PropertyNotLoaded', 'format.font.bold not faked for reading');
      },
    };
  }
  /** Records the width Excel would choose (as the in-memory workbook does), so tests can see it. */
  autofitColumns(): void {
    this.range.change(undefined, ({ sheet, rect }) => {
      for (let c = rect.col; c <= lastCol(rect); c++) {
        const texts: unknown[] = [];
        for (let r = rect.row; r <= lastRow(rect); r++) texts.push(sheet.value(r, c));
        sheet.columnWidths.set(c, autofitWidth(texts));
      }
    });
  }
}

class FakeRangeAreas extends FakeObject<{ sheet: SheetModel; areas: Rect[] }> {
  protected read(prop: string): unknown {
    const { sheet, areas } = this.t();
    if (prop === 'address') return areas.map((a) => `${sheetPrefix(sheet.name)}${rectAddress(a)}`).join(',');
    if (prop === 'areaCount') return areas.length;
    throw new FakeExcelError('InvalidArgument', `rangeAreas.${prop} not faked`);
  }
  get address(): string {
    return this.loaded('address');
  }
}

class FakeConditionalFormats extends FakeObject<RangeTarget> {
  private loadedItems: FakeConditionalFormat[] | null = null;
  constructor(ctx: FakeContext, at: () => RangeTarget) {
    super(ctx, at);
  }
  protected read(prop: string): unknown {
    const { sheet, rect } = this.t();
    const mine = sheet.conditionalFormats.filter((cf) => intersectsRect(cf.range, rect));
    if (prop === 'items/type') {
      this.loadedItems = mine.map((cf) => new FakeConditionalFormat(this.ctx, { value: { sheet, cf } }));
      return mine.map(() => 'Custom');
    }
    if (prop === 'items/customOrNullObject/rule/formula') {
      const items =
        this.loadedItems ?? mine.map((cf) => new FakeConditionalFormat(this.ctx, { value: { sheet, cf } }));
      items.forEach((item) => item.loadFormula());
      this.loadedItems = items;
      return items.map((i) => i.formulaNow());
    }
    throw new FakeExcelError('InvalidArgument', `conditionalFormats.${prop} not faked`);
  }
  get items(): FakeConditionalFormat[] {
    if (!this.loadedItems) throw new FakeExcelError('PropertyNotLoaded', 'conditionalFormats.items');
    return this.loadedItems;
  }
  add(type: string): FakeConditionalFormat {
    if (type !== 'Custom')
      throw new FakeExcelError('InvalidArgument', `conditional format ${type} not faked`);
    return new FakeConditionalFormat(this.ctx, () => {
      const { sheet, rect } = this.t();
      const cf: ModelConditionalFormat = { range: rect, formula: '' };
      sheet.conditionalFormats.push(cf);
      return { sheet, cf };
    });
  }
  clearAll(): void {
    this.act(undefined, ({ sheet, rect }) => {
      sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !intersectsRect(cf.range, rect));
    });
  }
}

function intersectsRect(a: Rect, b: Rect): boolean {
  return a.row <= lastRow(b) && b.row <= lastRow(a) && a.col <= lastCol(b) && b.col <= lastCol(a);
}

class FakeConditionalFormat extends FakeObject<{ sheet: SheetModel; cf: ModelConditionalFormat }> {
  private formula: string | null = null;
  protected read(prop: string): unknown {
    throw new FakeExcelError('InvalidArgument', `conditionalFormat.${prop} not faked`);
  }
  loadFormula(): void {
    this.formula = `=${this.t().cf.formula}`;
  }
  formulaNow(): string {
    return `=${this.t().cf.formula}`;
  }
  get customOrNullObject(): { isNullObject: boolean; rule: { formula: string } } {
    const formula = this.formula;
    return {
      isNullObject: false,
      rule: {
        get formula(): string {
          if (formula === null) throw new FakeExcelError('PropertyNotLoaded', 'rule.formula');
          return formula;
        },
      },
    };
  }
  get custom(): { rule: { formula: string }; format: { fill: { color: string } } } {
    const self = (payload: unknown, apply: (cf: ModelConditionalFormat) => void) =>
      this.act(payload, ({ cf }) => apply(cf));
    return {
      rule: {
        set formula(f: string) {
          self(f, (cf) => (cf.formula = f.replace(/^=/, '')));
        },
        get formula(): string {
          throw new FakeExcelError('PropertyNotLoaded', 'rule.formula');
        },
      },
      format: {
        fill: {
          set color(c: string) {
            self(c, (cf) => (cf.fill = c));
          },
          get color(): string {
            throw new FakeExcelError('PropertyNotLoaded', 'fill.color');
          },
        },
      },
    };
  }
  delete(): void {
    this.act(undefined, ({ sheet, cf }) => {
      sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== cf);
    });
  }
}

class FakeNames {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetModel,
  ) {}
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(
      this.ctx,
      () => (this.sheet().names.has(name) ? { sheet: this.sheet(), name } : null),
      true,
    );
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () =>
      this.sheet().names.has(name) ? { sheet: this.sheet(), name } : null,
    );
  }
  add(name: string, reference: FakeRange, comment?: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => {
      const { sheet, rect } = reference.at();
      if (sheet.names.has(name)) throw new FakeExcelError('ItemAlreadyExists', `name ${name}`);
      sheet.names.set(name, rect);
      void comment;
      return { sheet, name };
    });
  }
}

class FakeNamedItem extends FakeObject<{ sheet: SheetModel; name: string }> {
  protected read(prop: string): unknown {
    const { sheet, name } = this.t();
    const rect = sheet.names.get(name);
    if (prop === 'name') return name;
    if (prop === 'type') return rect ? 'Range' : 'Error';
    if (prop === 'formula') return rect ? `=${sheetPrefix(sheet.name)}${absoluteAddress(rect)}` : '=#REF!';
    throw new FakeExcelError('InvalidArgument', `namedItem.${prop} not faked`);
  }
  get type(): string {
    return this.loaded('type');
  }
  get formula(): string {
    return this.loaded('formula');
  }
  get name(): string {
    return this.loaded('name');
  }
  delete(): void {
    this.act(undefined, ({ sheet, name }) => sheet.names.delete(name));
  }
}

/** A sheet's collection (tables, charts): `load('items/name')` then `items`. */
abstract class SheetCollection<Item> {
  private loadedItems: Item[] | null = null;
  constructor(
    protected readonly ctx: FakeContext,
    protected readonly sheet: () => SheetModel,
  ) {}
  protected abstract snapshot(sheet: SheetModel): { items: Item[]; names: string[] };
  load(props: string): this {
    this.ctx.queue({
      bytes: ACTION_BYTES + bytesOf(props),
      apply: () => {
        const { items, names } = this.snapshot(this.sheet());
        this.loadedItems = items;
        return bytesOf(names);
      },
    });
    return this;
  }
  get items(): Item[] {
    if (!this.loadedItems) throw new FakeExcelError('PropertyNotLoaded', `${this.constructor.name}.items`);
    return this.loadedItems;
  }
}

class FakeTables extends SheetCollection<FakeTable> {
  protected snapshot(sheet: SheetModel) {
    return {
      items: sheet.tables.map((t) => new FakeTable(this.ctx, { value: { sheet, table: t } })),
      names: sheet.tables.map((t) => t.name),
    };
  }
  add(range: FakeRange, _hasHeaders: boolean): FakeTable {
    return new FakeTable(this.ctx, () => {
      const { sheet, rect } = range.at();
      const all = this.ctx.model.sheets.flatMap((s) => s.tables);
      let n = all.length + 1;
      while (all.some((t) => t.name === `Table${n}`)) n++;
      const table: ModelTable = { name: `Table${n}`, range: rect, style: 'TableStyleMedium2' };
      sheet.tables.push(table);
      return { sheet, table };
    });
  }
}

class FakeTable extends FakeObject<{ sheet: SheetModel; table: ModelTable }> {
  protected read(prop: string): unknown {
    if (prop === 'name') return this.t().table.name;
    throw new FakeExcelError('InvalidArgument', `table.${prop} not faked`);
  }
  set name(name: string) {
    this.act(name, ({ table }) => {
      if (
        this.ctx.model.sheets.some((s) =>
          s.tables.some((t) => t !== table && t.name.toLowerCase() === name.toLowerCase()),
        )
      )
        throw new FakeExcelError('InvalidArgument', `table name ${name} is taken`);
      table.name = name;
    });
  }
  set style(style: string) {
    this.act(style, ({ table }) => (table.style = style));
  }
  delete(): void {
    this.act(undefined, ({ sheet, table }) => {
      sheet.tables = sheet.tables.filter((t) => t !== table);
    });
  }
}

class FakeCharts extends SheetCollection<FakeChart> {
  protected snapshot(sheet: SheetModel) {
    return {
      items: sheet.charts.map((c) => new FakeChart(this.ctx, { value: { sheet, chart: c } })),
      names: sheet.charts.map((c) => c.name),
    };
  }
  add(type: string, source: FakeRange, _seriesBy?: string): FakeChart {
    return new FakeChart(this.ctx, () => {
      const { sheet, rect } = source.at();
      const chart: ModelChart = {
        name: `Chart ${sheet.charts.length + 1}`,
        type: type === 'Line' ? 'line' : 'column',
        title: '',
        source: rect,
        anchor: { row: 0, col: 0, rowCount: 15, colCount: 8 },
      };
      sheet.charts.push(chart);
      return { sheet, chart };
    });
  }
}

class FakeChart extends FakeObject<{ sheet: SheetModel; chart: ModelChart }> {
  protected read(prop: string): unknown {
    if (prop === 'name') return this.t().chart.name;
    throw new FakeExcelError('InvalidArgument', `chart.${prop} not faked`);
  }
  get title(): { text: string } {
    const act = (t: string) => this.act(t, ({ chart }) => (chart.title = t));
    return {
      set text(t: string) {
        act(t);
      },
      get text(): string {
        throw new FakeExcelError('PropertyNotLoaded', 'chart.title.text');
      },
    };
  }
  setPosition(start: string, end: string): void {
    this.act([start, end], ({ chart }) => {
      const a = parseArea(`${start}:${end}`);
      if (!a) throw new FakeExcelError('InvalidArgument', `setPosition ${start}:${end}`);
      chart.anchor = a;
    });
  }
  delete(): void {
    this.act(undefined, ({ sheet, chart }) => {
      sheet.charts = sheet.charts.filter((c) => c !== chart);
    });
  }
}

class FakeFreezePanes {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetModel,
  ) {}
  freezeRows(count: number): void {
    this.ctx.queue({ bytes: ACTION_BYTES, apply: () => ((this.sheet().frozenRows = count), 0) });
  }
  unfreeze(): void {
    this.ctx.queue({
      bytes: ACTION_BYTES,
      apply: () => {
        this.sheet().frozenRows = 0;
        this.sheet().frozenCols = 0;
        return 0;
      },
    });
  }
}

/** Worksheet.pageLayout: what officeWorkbook sets, kept in the sheet model's pageLayout (A4 only). */
class FakePageLayout {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetModel,
  ) {}
  private layout(): ModelPageLayout {
    const s = this.sheet();
    s.pageLayout ??= {
      paper: 'A4',
      orientation: 'portrait',
      printArea: { row: 0, col: 0, rowCount: 1, colCount: 1 },
      fitToWidth: false,
      printTitleRows: null,
      pageBreaksBefore: [],
      centerHorizontally: false,
    };
    return s.pageLayout;
  }
  private set(payload: unknown, apply: (l: ModelPageLayout) => void): void {
    this.ctx.queue({ bytes: ACTION_BYTES + bytesOf(payload), apply: () => (apply(this.layout()), 0) });
  }
  set paperSize(paper: string) {
    if (paper !== 'A4') throw new FakeExcelError('InvalidArgument', `paperSize ${paper} not faked`);
    this.set(paper, (l) => (l.paper = 'A4'));
  }
  set orientation(o: string) {
    if (o !== 'Portrait' && o !== 'Landscape')
      throw new FakeExcelError('InvalidArgument', `orientation ${o}`);
    this.set(o, (l) => (l.orientation = o === 'Landscape' ? 'landscape' : 'portrait'));
  }
  set centerHorizontally(on: boolean) {
    this.set(on, (l) => (l.centerHorizontally = on));
  }
  set zoom(z: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.set(z, (l) => (l.fitToWidth = z.horizontalFitToPages === 1 && z.verticalFitToPages === 0));
  }
  setPrintArea(range: FakeRange): void {
    this.set('range', (l) => {
      const { sheet, rect } = range.at();
      if (sheet !== this.sheet()) throw new FakeExcelError('InvalidArgument', 'print area on another sheet');
      l.printArea = { ...rect };
    });
  }
  setPrintTitleRows(address: string): void {
    const rect = parseArea(address);
    if (!rect || rect.colCount !== MAX_COLUMNS)
      throw new FakeExcelError('InvalidArgument', `print title rows ${address}`);
    this.set(address, (l) => (l.printTitleRows = { first: rect.row, count: rect.rowCount }));
  }
}

/** Worksheet.horizontalPageBreaks (manual breaks only, as in Excel). */
class FakePageBreaks {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetModel,
  ) {}
  removePageBreaks(): void {
    this.ctx.queue({
      bytes: ACTION_BYTES,
      apply: () => {
        const l = this.sheet().pageLayout;
        if (l) l.pageBreaksBefore = [];
        return 0;
      },
    });
  }
  add(range: FakeRange): void {
    this.ctx.queue({
      bytes: ACTION_BYTES,
      apply: () => {
        const s = this.sheet();
        const row = range.at().rect.row;
        if (row < 1) throw new FakeExcelError('InvalidArgument', 'page break before row 1');
        s.pageLayout ??= {
          paper: 'A4',
          orientation: 'portrait',
          printArea: { row: 0, col: 0, rowCount: 1, colCount: 1 },
          fitToWidth: false,
          printTitleRows: null,
          pageBreaksBefore: [],
          centerHorizontally: false,
        };
        if (!s.pageLayout.pageBreaksBefore.includes(row)) s.pageLayout.pageBreaksBefore.push(row);
        s.pageLayout.pageBreaksBefore.sort((a, b) => a - b);
        return 0;
      },
    });
  }
}

class FakeSettings {
  constructor(private readonly ctx: FakeContext) {}
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.ctx, () => (this.ctx.model.settings.has(key) ? key : null), true);
  }
  add(key: string, value: unknown): void {
    this.ctx.queue({
      bytes: ACTION_BYTES + bytesOf([key, value]),
      apply: () => {
        this.ctx.model.settings.set(key, JSON.stringify(value));
        return 0;
      },
    });
  }
}

class FakeSetting extends FakeObject<string> {
  protected read(prop: string): unknown {
    const key = this.t();
    if (prop === 'key') return key;
    if (prop === 'value') return JSON.parse(this.ctx.model.settings.get(key) ?? 'null') as unknown;
    throw new FakeExcelError('InvalidArgument', `setting.${prop} not faked`);
  }
  get value(): unknown {
    return this.loaded('value');
  }
  delete(): void {
    this.act(undefined, (key) => this.ctx.model.settings.delete(key));
  }
}
