// The price check from end to end, over the workbook adapter and the API client (the imperative
// shell around the pure steps): read the sheet → build lines → validate in batches → write. Nothing
// is written until every batch has been answered; a cancel or failure while writing takes back what
// was written, so the workbook is either fully updated or not touched.
import { ApiError, type ApiClient } from '../api/client';
import { locales, type Bilingual, type Locale } from '../i18n/locale';
import { LEDGER_FIELDS, type MappingOverrides } from '../sheets';
import type { WorkbookAdapter, WrittenColumns, WrittenSheet } from '../workbook/adapter';
import { isCancelled, WorkbookError } from '../workbook/errors';
import type {
  CompactValidateResponse,
  PriceLine,
  ValidateResponse,
} from '../../../functions/src/contract/pricing';
import { expandAnswer } from '../../../functions/src/domain/pricing/compact';
import { encodeColumns } from '../../../functions/src/domain/pricing/requestColumns';
import {
  AnswerMismatch,
  BatchFailed,
  PriceCheckCancelled,
  validateInBatches,
  type BatchOptions,
} from './batches';
import { missingNeeds, salesLedgerMapping } from './ledger';
import { LedgerReadCancelled, readPriceCheckLedgerInSlices, type PriceCheckLedger } from './lines';
import { yieldToPage } from '../workbook/pace';
import {
  checkedRows,
  creditColumn,
  resultColumnsInSlices,
  resultHighlights,
  lineCount,
  resultSheetSpec,
  summarise,
  type CheckedRow,
  type PriceCheckSummary,
  type StatusCounts,
} from './results';
import { fill, priceCheckErrors, say } from './strings';
import { checkCredit, type CreditCheck } from './credit';
import { UserFacingError } from '../../../functions/src/contract/problem';

/**
 * `?detail=compact`: a line that is simply 符合 comes back as an index into a table of outcomes (about
 * 10 bytes instead of 330); expandAnswer turns the answer back into the `flagged` one, so what is
 * written is unchanged.
 */
export const VALIDATE_PATH = '/prices/validate?detail=compact';

export type PriceCheckPhase = 'read' | 'check' | 'write';

export interface PriceCheckProgress {
  phase: PriceCheckPhase;
  done: number;
  total: number;
}

export interface PriceCheckOutcome {
  ledger: PriceCheckLedger;
  rows: CheckedRow[];
  counts: StatusCounts;
  /** Lines and rows to look at, as every place says them (see summarise). */
  summary: PriceCheckSummary;
  policyVersion: number | null;
  columns: WrittenColumns;
  resultSheet: WrittenSheet;
  /** 信用预警 from the latest month-end report, or why it was not checked (the pane says so). */
  credit: CreditCheck;
}

export type PriceCheckErrorCode =
  'cancelled' | 'api' | 'noHeader' | 'missingColumns' | 'noLines' | 'workbook';

export class PriceCheckError extends UserFacingError {
  declare readonly code: PriceCheckErrorCode;

  constructor(code: PriceCheckErrorCode, text: Bilingual, options?: { cause?: unknown }) {
    super(code, text, { cause: options?.cause });
    this.name = 'PriceCheckError';
  }
}

export interface PriceCheckInput extends Pick<BatchOptions, 'batchSize' | 'concurrency'> {
  workbook: WorkbookAdapter;
  api: Pick<ApiClient, 'request' | 'baseUrl'>;
  sheet: string;
  overrides?: MappingOverrides<'salesLedger'>;
  /** The language written into the workbook. */
  locale: Locale;
  signal?: AbortSignal;
  onProgress?: (progress: PriceCheckProgress) => void;
  /** Awaited between slices of the pane's own work (default: yield to the page). */
  pause?: () => Promise<void>;
  /** The clock for "the latest month end up to today" (tests). */
  now?: Date;
}

function apiReason(error: unknown, baseUrl: string): Bilingual {
  if (error instanceof ApiError && error.kind === 'http') {
    const m = error.body?.error?.message;
    return fill(priceCheckErrors.http, (l) => ({
      url: baseUrl,
      status: error.status,
      message: typeof m === 'string' ? m : (m?.[l] ?? error.message),
    }));
  }
  if (error instanceof AnswerMismatch)
    return fill(priceCheckErrors.mismatch, { url: baseUrl, detail: error.message });
  const reason = error instanceof Error ? error.message : String(error);
  return fill(priceCheckErrors.unreachable, { url: baseUrl, reason });
}

/** A batch failure said with its sheet rows and the cause. */
export function batchFailedText(
  failure: BatchFailed,
  lines: readonly PriceLine[],
  baseUrl: string,
): Bilingual {
  const reason = apiReason(failure.cause, baseUrl);
  return fill(priceCheckErrors.batchFailed, (l) => ({
    batch: failure.batch.index + 1,
    count: failure.batchCount,
    from: String(lines[failure.batch.start]?.id ?? ''),
    to: String(lines[failure.batch.end - 1]?.id ?? ''),
    reason: reason[l],
  }));
}

const cancelledError = () => new PriceCheckError('cancelled', priceCheckErrors.cancelled);

function asCheckError(error: unknown): PriceCheckError {
  if (error instanceof PriceCheckError) return error;
  if (isCancelled(error) || error instanceof PriceCheckCancelled || error instanceof LedgerReadCancelled)
    return cancelledError();
  if (error instanceof WorkbookError) return new PriceCheckError('workbook', error.text, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new PriceCheckError('workbook', { 'zh-CN': message, 'en-US': message }, { cause: error });
}

/** Reads the sheet and works out what to send; throws PriceCheckError when it cannot run. */
export async function preparePriceCheck(input: PriceCheckInput): Promise<PriceCheckLedger> {
  const { workbook, sheet, signal, onProgress, pause = yieldToPage } = input;
  let grid;
  try {
    // The click's own task draws the progress panel; the first read is the next turn's work.
    await pause();
    if (signal?.aborted) throw new LedgerReadCancelled();
    grid = await workbook.readSheet(sheet, {
      numberFormats: true,
      signal,
      onProgress: (p) => onProgress?.({ phase: 'read', done: p.rowsDone, total: p.rowsTotal }),
    });
  } catch (error) {
    throw asCheckError(error);
  }
  // Reading the last chunk, finding the header and reading the first slice are three turns, not one.
  await pause();
  const mapping = salesLedgerMapping(grid, input.overrides);
  if (mapping.headerRow === null)
    throw new PriceCheckError('noHeader', fill(priceCheckErrors.noHeader, { sheet }));
  const missing = missingNeeds(mapping);
  if (missing.length) {
    throw new PriceCheckError(
      'missingColumns',
      fill(priceCheckErrors.missingColumns, (l) => ({
        sheet,
        fields: missing.map((f) => LEDGER_FIELDS.salesLedger[f].label[l]).join(l === 'zh-CN' ? '、' : ', '),
      })),
    );
  }
  let ledger: PriceCheckLedger;
  try {
    await pause();
    if (signal?.aborted) throw new LedgerReadCancelled();
    ledger = await readPriceCheckLedgerInSlices(grid, mapping, { pause, signal });
  } catch (error) {
    throw asCheckError(error);
  }
  if (!ledger.entries.length)
    throw new PriceCheckError(
      'noLines',
      fill(priceCheckErrors.noLines, { sheet, row: mapping.headerExcelRow ?? '' }),
    );
  return ledger;
}

/** Lines of a compact answer expanded between two turns of the page (each 符合 line's words are made). */
export const EXPAND_SLICE_LINES = 1000;

/**
 * The compact answer as the `flagged` one (expandAnswer), a slice at a time: a 5,000-line answer
 * expanded in one go was ~35 ms of a ~80 ms task on a busy machine, beside parsing the answer.
 */
async function expandCompact(
  lines: readonly PriceLine[],
  answer: CompactValidateResponse,
  pause: () => Promise<void>,
): Promise<ValidateResponse> {
  const results: ValidateResponse['results'] = [];
  for (let start = 0; start < answer.results.length; start += EXPAND_SLICE_LINES) {
    if (start) await pause();
    const end = start + EXPAND_SLICE_LINES;
    let part: ValidateResponse;
    try {
      part = expandAnswer(lines.slice(start, end), { ...answer, results: answer.results.slice(start, end) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new AnswerMismatch(`${message} (lines ${start + 1}–${Math.min(end, answer.results.length)})`);
    }
    for (const r of part.results) results.push(r);
  }
  return { policyVersion: answer.policyVersion, results, summary: answer.summary };
}

/** Runs the whole check and writes its results; throws PriceCheckError (nothing written) otherwise. */
export async function runPriceCheck(input: PriceCheckInput): Promise<PriceCheckOutcome> {
  const { workbook, api, locale, signal, onProgress, pause = yieldToPage } = input;
  const ledger = await preparePriceCheck(input);

  let policyVersion: number | null = null;
  const send = async (lines: PriceLine[], batchSignal: AbortSignal): Promise<ValidateResponse> => {
    const { data } = await api.request<CompactValidateResponse | ValidateResponse | undefined>(
      'POST',
      VALIDATE_PATH,
      // In columns: a fifth of the verbose body, so encoding and sending a batch is one short task.
      encodeColumns(lines),
      { signal: batchSignal },
    );
    policyVersion ??= data?.policyVersion ?? null;
    // An answer not in the compact form is taken as it is (validateInBatches checks it against the lines).
    return data && 'form' in data && data.form === 'compact'
      ? await expandCompact(lines, data, pause)
      : (data as ValidateResponse);
  };
  // Progress counts lines as the done message does: rows that could not be read are done already.
  const lines = lineCount(ledger);
  const unsent = lines - ledger.lines.length;
  onProgress?.({ phase: 'check', done: unsent, total: lines });
  let results;
  try {
    results = await validateInBatches(ledger.lines, send, {
      batchSize: input.batchSize,
      concurrency: input.concurrency,
      signal,
      onProgress: (done) => onProgress?.({ phase: 'check', done: unsent + done, total: lines }),
    });
  } catch (error) {
    if (error instanceof BatchFailed)
      throw new PriceCheckError('api', batchFailedText(error, ledger.lines, api.baseUrl), { cause: error });
    throw asCheckError(error);
  }
  if (signal?.aborted) throw cancelledError();

  // The last answer, pairing 100,000 answers with their rows and the first slice of the columns were
  // one block of ~50 ms of CPU: a turn between each.
  await pause();
  const rows = checkedRows(ledger, results);
  // After judging: credit flags from the latest month-end report, beside the verdicts (never in them).
  let credit: CreditCheck;
  try {
    credit = await checkCredit(api, rows, { now: input.now, signal });
  } catch (error) {
    throw signal?.aborted ? cancelledError() : asCheckError(error);
  }
  if (signal?.aborted) throw cancelledError();
  await pause();
  // The writer counts sheet rows (subtotals and blanks too); the bar keeps counting lines.
  const written = (rowsDone: number) =>
    ledger.rowCount ? Math.min(lines, Math.round((rowsDone / ledger.rowCount) * lines)) : lines;
  // In slices: building 100,000 rows' columns in one go blocked the page for ~100 ms.
  const built = await resultColumnsInSlices(ledger, rows, locale, { pause });
  if (credit.kind === 'checked') built.push(creditColumn(ledger, rows, credit, locale));
  let columns: WrittenColumns;
  try {
    columns = await workbook.writeResultColumns(ledger.sheet, {
      headerRow: ledger.headerRow,
      firstDataRow: ledger.firstDataRow,
      columns: built,
      highlights: resultHighlights(locale),
      signal,
      onProgress: (p) => onProgress?.({ phase: 'write', done: written(p.rowsDone), total: lines }),
    });
  } catch (error) {
    throw writeError(error);
  }
  let resultSheet: WrittenSheet;
  try {
    // The grid redraws after the columns' last chunk: the result sheet is the next turn's work.
    await pause();
    const spec = resultSheetSpec(ledger, rows, locale, policyVersion, credit);
    await pause();
    resultSheet = await workbook.writeResultSheet(say(locale, 'resultSheet'), {
      ...spec,
      ...resultSheetOwner(locale),
      signal,
    });
  } catch (error) {
    // All or nothing: the columns just written go too.
    await workbook.removeResultColumns(ledger.sheet).catch(() => undefined);
    throw writeError(error);
  }
  // The pane draws the outcome in the task that receives it: writing the result sheet goes before.
  await pause();
  onProgress?.({ phase: 'write', done: lines, total: lines });
  const summary = summarise(ledger, rows);
  return { ledger, rows, counts: summary.counts, summary, policyVersion, columns, resultSheet, credit };
}

/** The kind mark of the price check's result sheet. */
export const PRICE_CHECK_SHEET_KIND = 'priceCheck';

/**
 * One rule for the result sheet's language: the pane's language at write time. The earlier sheet is
 * found by its kind mark (or, unmarked from older versions, by either language's title) and renamed
 * and replaced in place, so switching language never leaves a second copy.
 */
function resultSheetOwner(locale: Locale): { kind: string; formerNames: string[] } {
  return {
    kind: PRICE_CHECK_SHEET_KIND,
    formerNames: locales.filter((l) => l !== locale).map((l) => say(l, 'resultSheet')),
  };
}

/** What 清除标记 removed. */
export interface ClearedMarks {
  columns: boolean;
  resultSheet: string | null;
}

/**
 * 清除标记: removes what the price check wrote — SalesDesk's columns and their row colours on the
 * ledger, and its result sheet (found by its mark, in whichever language) — and nothing else.
 */
export async function clearPriceCheckMarks(workbook: WorkbookAdapter, sheet: string): Promise<ClearedMarks> {
  try {
    const columns = await workbook.removeResultColumns(sheet);
    const resultSheet = await workbook.removeResultSheet(
      PRICE_CHECK_SHEET_KIND,
      locales.map((l) => say(l, 'resultSheet')),
    );
    return { columns, resultSheet };
  } catch (error) {
    throw asCheckError(error);
  }
}

function writeError(error: unknown): PriceCheckError {
  const e = asCheckError(error);
  if (e.code !== 'workbook') return e;
  return new PriceCheckError(
    'workbook',
    fill(priceCheckErrors.writeFailed, (l) => ({ reason: e.text[l] })),
    { cause: error },
  );
}
