// Reading a ledger's data rows through a header mapping: typed values per field, one problem per
// unreadable cell, and the rows left out (blank, subtotal, total, hidden) counted with their numbers.
// A bad cell marks its field invalid and the row is still returned: the caller decides.
import { isEmptyCell, mergedFill, sheetRowOf, type SheetGrid } from './grid';
import type { HeaderMapping } from './headers';
import {
  currencyMismatchText,
  expectedCurrencyText,
  foundText,
  lineCurrency,
  readCode,
  readCurrency,
  readDate,
  readMoneyFen,
  readNewCustomer,
  readNumber,
  readPercentBp,
  readRaw,
  readText,
  readYesNo,
  yearFromTitle,
  type MoneyUnit,
  type Normalised,
} from './normalise';
import { sheetProblem, type SheetProblem } from './problems';
import { fieldsOf, type FieldOf, type FieldSpec, type LedgerKind, type LedgerValues } from './synonyms';

export interface LedgerRow<K extends LedgerKind> {
  /** Excel row number (1-based). */
  sheetRow: number;
  values: LedgerValues<K>;
  /** Fields whose cell could not be read (their value is null; see `problems`). */
  invalid: readonly FieldOf<K>[];
}

export interface SkippedRows {
  count: number;
  /** Excel row numbers (1-based). */
  rows: number[];
}

export interface LedgerRead<K extends LedgerKind> {
  kind: K;
  sheet: string;
  rows: LedgerRow<K>[];
  problems: SheetProblem[];
  /** `note`: text but no model, quantity or price (制表 / 审核 signature footers, 注：… lines). */
  skipped: {
    subtotal: SkippedRows;
    total: SkippedRows;
    blank: SkippedRows;
    hidden: SkippedRows;
    note: SkippedRows;
  };
  /** Required fields with no column: the sheet cannot be fully read until they are mapped. */
  missingColumns: FieldOf<K>[];
  /** The year used for dates typed without one. */
  defaultYear: number | null;
}

export interface ReadLedgerOptions {
  /** Year for `3月5日`; defaults to the year in the sheet title (yearFromTitle). */
  defaultYear?: number | null;
  /** Read hidden rows too (default: skip them and report them as skipped). */
  includeHidden?: boolean;
  /** Dates outside these years are problems (default 1990–2100). */
  minYear?: number;
  maxYear?: number;
}

// A label starts or ends the cell (`小计`, `3月小计`, `合计：`, `Grand total`); a remark that
// mentions 合计 in passing is content.
const SUBTOTAL_RE = /^\s*小\s*计|小\s*计\s*[:：]?\s*$|^\s*sub[\s-]*total\b|\bsub[\s-]*total\s*[:：]?\s*$/i;
const TOTAL_RE = /^\s*[合总]\s*计|[合总]\s*计\s*[:：]?\s*$|^\s*(?:grand\s+)?total\b|\btotal\s*[:：]?\s*$/i;
/** Free-text fields never carry the label. */
const NOT_LABEL_FIELDS = new Set(['remarks', 'description', 'approvalRef']);
/** Longer texts are real content (a remark that mentions 合计), not a total label. */
const MAX_LABEL_LENGTH = 24;
/** How many of the mapped text columns (left to right) may carry a subtotal label. */
const LABEL_COLUMNS = 4;

type CellReader = (v: unknown, numberFormat: string | undefined) => Normalised<unknown>;

function readerFor(
  spec: FieldSpec,
  unit: MoneyUnit | undefined,
  dates: Parameters<typeof readDate>[1],
): CellReader {
  const required = spec.required;
  const base = { required };
  switch (spec.type) {
    case 'date': {
      const o = { ...dates, required };
      return (v) => readDate(v, o);
    }
    case 'text':
      return (v) => readText(v, base);
    case 'code':
      return (v, numberFormat) => readCode(v, numberFormat ? { required, numberFormat } : base);
    case 'number':
      return (v) => readNumber(v, base);
    case 'quantity': {
      const o = { required, countUnits: true };
      return (v) => readNumber(v, o);
    }
    case 'money': {
      const o = unit ? { required, unit } : base;
      return (v) => readMoneyFen(v, o);
    }
    case 'percent':
      return (v, numberFormat) => readPercentBp(v, numberFormat ? { required, numberFormat } : base);
    case 'yesNo':
      return (v) => readYesNo(v, base);
    case 'newCustomer':
      return (v) => readNewCustomer(v, base);
    case 'currency':
      return (v) => readCurrency(v, base);
    case 'raw':
      return (v) => readRaw(v, base);
  }
}

/** Distinct cells remembered per column: ledgers repeat customers, classes, models and dates. */
const MEMO_SIZE = 4096;
/** After this many cells a column that repeated less than half the time reads without memory. */
const MEMO_TRIAL = 1000;
/** Readers that look at the cell's number format: their results depend on more than the value. */
const FORMAT_TYPES = new Set<FieldSpec['type']>(['code', 'percent']);

/**
 * The reader with its answers remembered per distinct value (text or number), so a 100,000-row
 * ledger reads each customer, model and date once. Answers are never changed after, so sharing
 * them is safe. A column whose values rarely repeat (contract numbers) soon stops remembering.
 */
function remembered(read: CellReader, usesFormat: boolean): CellReader {
  const memo = new Map<unknown, Normalised<unknown>>();
  let lookups = 0;
  let hits = 0;
  let on = true;
  return (v, numberFormat) => {
    if (
      !on ||
      (typeof v !== 'string' && typeof v !== 'number') ||
      (usesFormat && numberFormat && numberFormat !== 'General')
    )
      return read(v, numberFormat);
    let got = memo.get(v);
    lookups++;
    if (got === undefined) {
      got = read(v, numberFormat);
      if (memo.size < MEMO_SIZE) memo.set(v, got);
    } else hits++;
    if (lookups === MEMO_TRIAL && hits * 2 < lookups) {
      on = false;
      memo.clear();
    }
    return got;
  };
}

const MAYBE_TOTAL_RE = /total/i;

/** A row with none of these filled is no line but a note (signature footer); other kinds have none. */
const LINE_FIELDS: Partial<Record<LedgerKind, readonly string[]>> = {
  salesLedger: ['model', 'qty', 'unitPrice'],
  shipmentLedger: ['model', 'qty', 'unitPrice', 'amount'],
};

/**
 * Ledgers whose price names its currency: a sign in the price (`US$2,710`) fills a blank or missing
 * 币种, and a 币种 that disagrees with it is a problem at the 币种 cell naming both. Not the 发货台账,
 * whose 金额 is in 元 beside an invoice's own 币种.
 */
const PRICE_CURRENCY: Partial<Record<LedgerKind, { price: string; currency: string }>> = {
  salesLedger: { price: 'unitPrice', currency: 'currency' },
};

function labelKind(v: unknown): 'subtotal' | 'total' | undefined {
  // Most cells are not labels: a cheap look for 计 or "total" before the full patterns.
  if (typeof v !== 'string' || v.length > MAX_LABEL_LENGTH) return undefined;
  if (!v.includes('计') && !(v.length >= 5 && MAYBE_TOTAL_RE.test(v))) return undefined;
  if (SUBTOTAL_RE.test(v)) return 'subtotal';
  if (TOTAL_RE.test(v)) return 'total';
  return undefined;
}

const NO_FIELDS: readonly never[] = Object.freeze([]);

/** Text but none of the line's columns filled (merged cells count as filled). */
function isNote(
  row: readonly unknown[],
  byCol: Map<number, unknown> | undefined,
  lineCols: number[],
): boolean {
  if (!lineCols.length) return false;
  for (const c of lineCols) if (!isEmptyCell(row[c]) || !isEmptyCell(byCol?.get(c))) return false;
  return true;
}

/**
 * Reads every data row below the header. Never throws on content: what cannot be read becomes a
 * problem carrying the Excel row, column letter and header.
 */
export function readLedger<K extends LedgerKind>(
  grid: SheetGrid,
  kind: K,
  mapping: HeaderMapping<K>,
  opts?: ReadLedgerOptions,
): LedgerRead<K> {
  const defaultYear = opts?.defaultYear ?? yearFromTitle(grid);
  const dateOpts = { defaultYear, minYear: opts?.minYear ?? 1990, maxYear: opts?.maxYear ?? 2100 };
  const startCol = grid.startCol ?? 0;
  const template: Record<string, null> = {};
  const mapped: Array<{
    field: FieldOf<K>;
    col: number;
    read: CellReader;
    where: { header: string; field: string; fieldLabel: FieldSpec['label'] };
    label: boolean;
  }> = [];
  for (const [field, spec] of fieldsOf(kind)) {
    template[field] = null;
    const m = mapping.columns[field];
    if (!m) continue;
    const unit = mapping.unitHints.fields[field] ?? mapping.unitHints.title;
    mapped.push({
      field,
      col: m.col - startCol,
      read: remembered(readerFor(spec, unit, dateOpts), FORMAT_TYPES.has(spec.type)),
      where: { header: m.header, field, fieldLabel: spec.label },
      label:
        (spec.type === 'text' || spec.type === 'code' || spec.type === 'date') &&
        !NOT_LABEL_FIELDS.has(field),
    });
  }
  const labelCols = mapped
    .filter((m) => m.label)
    .map((m) => m.col)
    .sort((a, b) => a - b)
    .slice(0, LABEL_COLUMNS);

  const result: LedgerRead<K> = {
    kind,
    sheet: grid.name,
    rows: [],
    problems: [],
    skipped: {
      subtotal: { count: 0, rows: [] },
      total: { count: 0, rows: [] },
      blank: { count: 0, rows: [] },
      hidden: { count: 0, rows: [] },
      note: { count: 0, rows: [] },
    },
    missingColumns: [...mapping.missing],
    defaultYear,
  };
  if (mapping.headerRow === null) return result;

  const skip = (what: keyof LedgerRead<K>['skipped'], excelRow: number): void => {
    const s = result.skipped[what];
    s.count++;
    s.rows.push(excelRow);
  };
  const fill = mergedFill(grid);
  const hidden = opts?.includeHidden ? undefined : grid.hiddenRows;
  const lineFields = new Set(LINE_FIELDS[kind] ?? []);
  const priceCurrency = PRICE_CURRENCY[kind];
  const priceCol = priceCurrency ? mapped.find((m) => m.field === priceCurrency.price) : undefined;
  const currencyCol = priceCurrency ? mapped.find((m) => m.field === priceCurrency.currency) : undefined;
  const lineCols = mapped.filter((m) => lineFields.has(m.field)).map((m) => m.col);

  for (let r = mapping.firstDataRow; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const sheetRow0 = sheetRowOf(grid, r);
    const excelRow = sheetRow0 + 1;
    if (hidden?.has(sheetRow0)) {
      skip('hidden', excelRow);
      continue;
    }
    let blank = true;
    for (const m of mapped) {
      if (!isEmptyCell(row[m.col])) {
        blank = false;
        break;
      }
    }
    if (blank) {
      skip('blank', excelRow);
      continue;
    }
    const byCol = fill.get(r);
    let label: 'subtotal' | 'total' | undefined;
    for (const c of labelCols) if ((label = labelKind(row[c] ?? byCol?.get(c)))) break;
    if (!label) {
      // The first filled cell, mapped or not: `合计` often sits in a 序号 column nobody maps.
      for (const v of row) {
        if (!isEmptyCell(v)) {
          label = labelKind(v);
          break;
        }
      }
    }
    if (label) {
      skip(label, excelRow);
      continue;
    }
    if (isNote(row, byCol, lineCols)) {
      skip('note', excelRow);
      continue;
    }

    const values = { ...template } as Record<string, unknown>;
    let invalid: FieldOf<K>[] | undefined; // most rows have none: no array for them
    const formats = grid.numberFormats?.[r];
    for (const m of mapped) {
      let v = row[m.col];
      if (byCol && isEmptyCell(v) && byCol.has(m.col)) v = byCol.get(m.col);
      const got = m.read(v, formats?.[m.col]);
      if (got.ok) values[m.field] = got.value;
      else {
        (invalid ??= []).push(m.field);
        result.problems.push(sheetProblem(grid, r, m.col, m.where, got));
      }
    }
    if (
      priceCurrency &&
      priceCol &&
      !invalid?.some((f) => f === priceCurrency.currency || f === priceCurrency.price)
    ) {
      const cellOf = (c: number) => (byCol && isEmptyCell(row[c]) && byCol.has(c) ? byCol.get(c) : row[c]);
      const price = cellOf(priceCol.col);
      const given = values[priceCurrency.currency] as string | null;
      const cur = lineCurrency(price, given);
      if (cur.ok) values[priceCurrency.currency] = cur.value;
      else if (currencyCol) {
        values[priceCurrency.currency] = null;
        (invalid ??= []).push(currencyCol.field);
        result.problems.push(
          sheetProblem(grid, r, currencyCol.col, currencyCol.where, {
            ok: false,
            found: foundText(cellOf(currencyCol.col)),
            expected: expectedCurrencyText(cur.stated),
            reason: 'currency mismatch',
            detail: currencyMismatchText(foundText(price).trim(), cur.stated, cur.given),
          }),
        );
      }
    }
    result.rows.push({
      sheetRow: excelRow,
      values: values as LedgerValues<K>,
      invalid: invalid ?? NO_FIELDS,
    });
  }
  return result;
}
