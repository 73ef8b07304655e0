// What the price check writes (pure): three columns beside the ledger aligned to its rows, row
// highlights keyed on the status column, and the 价格检查结果 sheet (counts per status with a chart,
// then one row per problem with a link back to the source row).
import { describeProblem, type SheetProblem } from '../sheets';
import type { Locale } from '../i18n/locale';
import { formatCount } from '../i18n/format';
import type { CellLink, ResultCell, ResultColumn, ResultSheetSpec, RowHighlight } from '../workbook/adapter';
import { needsInputText, type PriceResult } from '../../../functions/src/contract/pricing';
import type { PriceCheckEntry, PriceCheckLedger } from './lines';
import { fenToYuan } from './lines';
import { creditNote, creditText, type CreditCheck } from './credit';
import {
  fill,
  needsInputTexts,
  ROW_STATUSES,
  rowStatusText,
  say,
  statusLabel,
  type RowStatus,
} from './strings';

export const PRICE_FORMAT = '#,##0.00';

/** 最低允许价 with its currency, for a ledger that mixes currencies (a bare number would hide it). */
function currencyPriceFormat(currency: string): string {
  if (currency === 'CNY') return '"¥"#,##0.00';
  if (currency === 'USD') return '"US$"#,##0.00';
  return `"${currency.replace(/[^A-Z]/g, '')} "#,##0.00`;
}

/** The currency a row's prices are in (the line's 币种; CNY when the ledger does not say). */
function rowCurrency(row: CheckedRow): string {
  return row.entry.values.currency ?? 'CNY';
}
/** Fills people already read as Excel's "neutral", "bad" and "n/a". */
export const HIGHLIGHT_COLORS = {
  needs_approval: '#FFEB9C',
  /** A pale blue: not a price problem yet, a question to answer first. */
  needs_input: '#DDEBF7',
  below_floor: '#FFC7CE',
  invalid: '#D9D9D9',
} as const;

/** What became of one row that was read. */
export interface CheckedRow {
  entry: PriceCheckEntry;
  status: RowStatus;
  /** The API's answer; null for an unreadable row. */
  result: PriceResult | null;
}

/** Pairs every read row with its answer (`results[i]` answers `ledger.lines[i]`). */
export function checkedRows(ledger: PriceCheckLedger, results: readonly PriceResult[]): CheckedRow[] {
  if (results.length !== ledger.lines.length)
    throw new Error(`checkedRows: ${results.length} results for ${ledger.lines.length} lines`);
  // Indexed by entry: a plain array, not a Map of 100,000 keys.
  const byEntry = new Array<PriceResult | undefined>(ledger.entries.length);
  ledger.lineEntries.forEach((e, i) => (byEntry[e] = results[i]));
  return ledger.entries.map((entry, i) => {
    const result = byEntry[i] ?? null;
    return { entry, status: rowStatusOf(result), result };
  });
}

/** `needs_input` when a blank input would change the verdict (the API's `dependsOn`), else the API's status. */
function rowStatusOf(result: PriceResult | null): RowStatus {
  if (!result) return 'unreadable';
  return result.dependsOn?.length ? 'needs_input' : result.status;
}

/**
 * The 最低允许价 cell: the lowest price, or what to confirm when a blank input would change it (the
 * text =SALES.MINPRICE shows for the line), never a price guessed under the defaults.
 */
function minPriceCellValue(locale: Locale, row: CheckedRow): ResultCell {
  const open = row.result?.minPriceDependsOn;
  if (open?.length) return needsInputText(open)[locale];
  return row.result?.minPrice ?? null;
}

/** What the row's status cell says (the same text =SALES.PRICECHECK shows for the line). */
export function statusCellText(locale: Locale, row: CheckedRow): string {
  return rowStatusText(locale, row.status, row.result?.dependsOn);
}

export type StatusCounts = Record<RowStatus, number>;

export function countStatuses(rows: readonly CheckedRow[]): StatusCounts {
  const counts = Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const r of rows) counts[r.status] += 1;
  return counts;
}

/**
 * Rows a person must look at: below policy without approval, an input to confirm before the verdict
 * holds, not judgeable, or not readable.
 */
export function isFlagged(status: RowStatus): boolean {
  return (
    status === 'needs_approval' ||
    status === 'below_floor' ||
    status === 'needs_input' ||
    status === 'invalid' ||
    status === 'unreadable'
  );
}

/**
 * The one definition of a row to look at, used by the pane's count and list, the result sheet and
 * the done message: flagged by the policy, not judgeable, not readable, or with a cell that could
 * not be read. Approved rows are fine (they are counted per status and listed apart for the record).
 */
export function needsAttention(row: CheckedRow): boolean {
  return isFlagged(row.status) || row.entry.problems.length > 0;
}

export function rowsToLookAt(rows: readonly CheckedRow[]): CheckedRow[] {
  return rows.filter(needsAttention);
}

/** The lines of a check: every row read below the header (sent or not), never the subtotals and notes. */
export function lineCount(ledger: Pick<PriceCheckLedger, 'entries'>): number {
  return ledger.entries.length;
}

/** What the pane, the progress bar and the result sheet all say about one check. */
export interface PriceCheckSummary {
  lines: number;
  toLookAt: number;
  counts: StatusCounts;
}

export function summarise(ledger: PriceCheckLedger, rows: readonly CheckedRow[]): PriceCheckSummary {
  return { lines: lineCount(ledger), toLookAt: rowsToLookAt(rows).length, counts: countStatuses(rows) };
}

function unreadableText(locale: Locale, problems: readonly SheetProblem[]): string {
  return problems.map((p) => describeProblem(p)[locale]).join(locale === 'zh-CN' ? '；' : '; ');
}

/** The explanation cell / list text of one row. */
export function explanation(locale: Locale, row: CheckedRow): string {
  if (row.result) return row.result.message[locale];
  return unreadableText(locale, row.entry.problems);
}

/** Fills the three result columns row by row; `columns()` gives them once every row is in. */
function columnsBuilder(ledger: PriceCheckLedger, locale: Locale) {
  const status: ResultCell[] = new Array<ResultCell>(ledger.rowCount).fill(null);
  const minPrice: ResultCell[] = new Array<ResultCell>(ledger.rowCount).fill(null);
  const why: ResultCell[] = new Array<ResultCell>(ledger.rowCount).fill(null);
  const currencies: (string | null)[] = new Array<string | null>(ledger.rowCount).fill(null);
  const seen = new Set<string>();
  return {
    add(row: CheckedRow): void {
      const i = row.entry.sheetRow - 1 - ledger.firstDataRow;
      if (i < 0 || i >= ledger.rowCount) return;
      status[i] = statusCellText(locale, row);
      minPrice[i] = minPriceCellValue(locale, row);
      why[i] = explanation(locale, row);
      currencies[i] = rowCurrency(row);
      seen.add(currencies[i]);
    },
    columns(): ResultColumn[] {
      const mixed = seen.size > 1;
      return [
        { key: 'status', header: say(locale, 'statusHeader'), values: status },
        {
          key: 'minPrice',
          header: say(locale, 'minPriceHeader'),
          values: minPrice,
          numberFormat: PRICE_FORMAT,
          ...(mixed ? { numberFormats: currencies.map((c) => (c ? currencyPriceFormat(c) : null)) } : {}),
        },
        { key: 'explanation', header: say(locale, 'explanationHeader'), values: why },
      ];
    },
  };
}

/**
 * The three result columns, values aligned to `ledger.firstDataRow` (skipped rows stay empty), in one
 * go: the reference for tests; the price check builds them with resultColumnsInSlices.
 */
export function resultColumns(
  ledger: PriceCheckLedger,
  rows: readonly CheckedRow[],
  locale: Locale,
): ResultColumn[] {
  const b = columnsBuilder(ledger, locale);
  for (const row of rows) b.add(row);
  return b.columns();
}

/** Rows per slice when the pane builds the result columns (a slice stays well under 100 ms). */
export const COLUMN_SLICE_ROWS = 10_000;

/**
 * resultColumns in slices with `pause()` between them, so building 100,000 rows' columns is not one
 * long main-thread block (the page repaints and a click on 取消 lands). Same columns.
 */
export async function resultColumnsInSlices(
  ledger: PriceCheckLedger,
  rows: readonly CheckedRow[],
  locale: Locale,
  options: { pause?: () => Promise<void>; rowsPerSlice?: number } = {},
): Promise<ResultColumn[]> {
  const b = columnsBuilder(ledger, locale);
  const size = Math.max(1, options.rowsPerSlice ?? COLUMN_SLICE_ROWS);
  for (let from = 0; from < rows.length; from += size) {
    if (from > 0) await options.pause?.();
    const to = Math.min(rows.length, from + size);
    for (let k = from; k < to; k++) b.add(rows[k] as CheckedRow);
  }
  return b.columns();
}

/**
 * The 信用预警 column, written after the three (and only when a month-end report was read): a note on
 * each row whose customer the report flags, saying why and as of which month end. The three columns
 * are built without it, so a flag never changes what they say.
 */
export function creditColumn(
  ledger: PriceCheckLedger,
  rows: readonly CheckedRow[],
  credit: Extract<CreditCheck, { kind: 'checked' }>,
  locale: Locale,
): ResultColumn {
  const values: ResultCell[] = new Array<ResultCell>(ledger.rowCount).fill(null);
  for (const [k, flags] of credit.marks) {
    const row = rows[k];
    const i = row ? row.entry.sheetRow - 1 - ledger.firstDataRow : -1;
    if (i >= 0 && i < ledger.rowCount) values[i] = creditNote(locale, flags, credit.month);
  }
  return { key: 'credit', header: creditText.header[locale], values };
}

/** Row fills keyed on the status column's text in the language written. */
export function resultHighlights(locale: Locale): RowHighlight[] {
  return [
    {
      columnKey: 'status',
      equals: [statusLabel(locale, 'needs_approval')],
      color: HIGHLIGHT_COLORS.needs_approval,
    },
    {
      columnKey: 'status',
      equals: [statusLabel(locale, 'below_floor')],
      color: HIGHLIGHT_COLORS.below_floor,
    },
    { columnKey: 'status', equals: needsInputTexts(locale), color: HIGHLIGHT_COLORS.needs_input },
    {
      columnKey: 'status',
      equals: [statusLabel(locale, 'invalid'), statusLabel(locale, 'unreadable')],
      color: HIGHLIGHT_COLORS.invalid,
    },
  ];
}

/** Where a problem row links to: the unit-price cell, or the first cell that could not be read. */
export function sourceLink(ledger: PriceCheckLedger, row: CheckedRow, locale: Locale): CellLink {
  const text = say(locale, 'rowLink', { sheet: ledger.sheet, row: row.entry.sheetRow });
  const bad = row.result ? undefined : row.entry.problems[0];
  if (bad) return { text, sheet: bad.sheet, address: bad.cell };
  const col = ledger.mapping.columns.unitPrice ?? ledger.mapping.columns.model;
  return { text, sheet: ledger.sheet, address: `${col?.letter ?? 'A'}${row.entry.sheetRow}` };
}

/** One result-sheet row per checked row: where, status, the line and why. */
function listedRow(ledger: PriceCheckLedger, r: CheckedRow, locale: Locale): ResultCell[] {
  const v = r.entry.values;
  return [
    sourceLink(ledger, r, locale),
    statusCellText(locale, r),
    v.contractNo,
    v.customer,
    v.model,
    v.qty,
    v.unitPrice === null ? null : fenToYuan(v.unitPrice),
    minPriceCellValue(locale, r),
    explanation(locale, r),
  ];
}

export function resultSheetSpec(
  ledger: PriceCheckLedger,
  rows: readonly CheckedRow[],
  locale: Locale,
  policyVersion: number | null,
  credit?: CreditCheck,
): ResultSheetSpec {
  const summary = summarise(ledger, rows);
  const counts = summary.counts;
  const listed = rowsToLookAt(rows);
  const approved = rows.filter((r) => r.status === 'approved' && !needsAttention(r));
  const version = policyVersion === null ? say(locale, 'noPolicyVersion') : String(policyVersion);
  const statusCol = 1;
  const fills: Array<[RowStatus[], string]> = [
    [['needs_approval'], HIGHLIGHT_COLORS.needs_approval],
    [['below_floor'], HIGHLIGHT_COLORS.below_floor],
    [['invalid', 'unreadable'], HIGHLIGHT_COLORS.invalid],
  ];
  const listColumns = listColumnsOf(locale);
  const highlights = [
    ...fills.map(([statuses, color]) => ({ values: statuses.map((s) => statusLabel(locale, s)), color })),
    { values: needsInputTexts(locale), color: HIGHLIGHT_COLORS.needs_input },
  ].map(({ values, color }) => ({ column: statusCol, op: 'eq' as const, values, color, wholeRow: true }));
  return {
    title: say(locale, 'title', { sheet: ledger.sheet, lines: formatCount(locale, summary.lines), version }),
    tables: [
      {
        caption: say(locale, 'countsCaption'),
        columns: [
          { header: say(locale, 'colStatus') },
          { header: say(locale, 'colRows'), numberFormat: '#,##0' },
        ],
        rows: ROW_STATUSES.map((s) => [statusLabel(locale, s), counts[s]]),
        totals: [say(locale, 'colTotal'), summary.lines],
      },
      {
        caption: say(locale, 'problemsCaption', { n: formatCount(locale, summary.toLookAt) }),
        columns: listColumns,
        rows: listed.map((r) => listedRow(ledger, r, locale)),
        highlights,
      },
      ...(approved.length
        ? [
            {
              caption: say(locale, 'approvedCaption', { n: formatCount(locale, approved.length) }),
              columns: listColumns,
              rows: approved.map((r) => listedRow(ledger, r, locale)),
            },
          ]
        : []),
      // 信用预警 apart, after the price tables: its rows are not rows to look at for the price.
      ...(credit?.kind === 'checked' && credit.marks.size
        ? [creditTable(ledger, rows, credit, locale, listColumns)]
        : []),
    ],
    charts: [
      { type: 'column', title: say(locale, 'chartTitle'), table: 0, categoryColumn: 0, seriesCount: 1 },
    ],
  };
}

function creditTable(
  ledger: PriceCheckLedger,
  rows: readonly CheckedRow[],
  credit: Extract<CreditCheck, { kind: 'checked' }>,
  locale: Locale,
  listColumns: ResultSheetSpec['tables'][number]['columns'],
): ResultSheetSpec['tables'][number] {
  const asOf = fill(creditText.asOf, { month: credit.month })[locale];
  const marked = [...credit.marks].sort((a, b) => a[0] - b[0]);
  return {
    caption: fill(creditText.sheetCaption, { asOf, n: formatCount(locale, marked.length) })[locale],
    columns: [...listColumns.slice(0, -1), { header: creditText.header[locale] }],
    rows: marked.flatMap(([k, flags]) => {
      const r = rows[k];
      if (!r) return [];
      return [[...listedRow(ledger, r, locale).slice(0, -1), creditNote(locale, flags, credit.month)]];
    }),
  };
}

function listColumnsOf(locale: Locale): ResultSheetSpec['tables'][number]['columns'] {
  return [
    { header: say(locale, 'colWhere') },
    { header: say(locale, 'colStatus') },
    { header: say(locale, 'colContract') },
    { header: say(locale, 'colCustomer') },
    { header: say(locale, 'colModel') },
    { header: say(locale, 'colQty') },
    { header: say(locale, 'colPrice'), numberFormat: PRICE_FORMAT },
    { header: say(locale, 'colMinPrice'), numberFormat: PRICE_FORMAT },
    { header: say(locale, 'colMessage') },
  ];
}
