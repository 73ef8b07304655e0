// Month-end from end to end over the workbook adapter and the API client (the imperative shell):
// read each ledger sheet → sync its months to the API (one PUT per month, never per row) → run the
// month → write the result sheets. Nothing is written into the workbook before the report is in;
// source cells are never touched. A cancel stops between requests: each month's sync is atomic on
// the server, so what was synced stays whole and what was not keeps its previous snapshot.
import { ApiError, type ApiClient } from '../api/client';
import { locales, type Bilingual, type Locale } from '../i18n/locale';
import { LEDGER_FIELDS, type MappingOverrides, type SheetProblem } from '../sheets';
import type { WorkbookAdapter, WrittenSheet } from '../workbook/adapter';
import { isCancelled, WorkbookError } from '../workbook/errors';
import { sameSheetName } from '../workbook/ownership';
import {
  SYNC_KINDS,
  LEDGER_KIND_LABELS,
  MAX_LEDGER_ROWS_PER_REQUEST,
  type SyncKind as LedgerKind,
  type LedgerSyncResponse,
  type MonthEndReport,
  type MonthEndRunResponse,
  type MonthListResponse,
  type Rates,
} from '../../../functions/src/contract/monthEnd';
import {
  SHEET_KIND,
  detectLedger,
  missingLedgerColumns,
  monthOfRow,
  readLedgerSheet,
  type SheetKindOf,
} from './ledgerRows';
import { RESULT_SHEETS, resultSheetSpecs, type ResultSheetKey } from './resultSheets';
import { fill, monthEndErrors, say } from './strings';
import { UserFacingError } from '../../../functions/src/contract/problem';
import { addMonths, chinaDateOf, monthOf } from '../../../functions/src/domain/monthEnd/chinaTime';

export type MonthEndPhase = 'read' | 'sync' | 'run' | 'write';

export interface MonthEndProgress {
  phase: MonthEndPhase;
  done: number;
  total: number;
  /** The ledger being read or synced. */
  kind?: LedgerKind;
}

export type MonthEndErrorCode =
  'cancelled' | 'api' | 'closed' | 'noSheets' | 'noHeader' | 'missingColumns' | 'tooManyRows' | 'workbook';

export class MonthEndError extends UserFacingError {
  declare readonly code: MonthEndErrorCode;

  constructor(code: MonthEndErrorCode, text: Bilingual, options?: { cause?: unknown }) {
    super(code, text, { cause: options?.cause });
    this.name = 'MonthEndError';
  }
}

export interface LedgerChoice<K extends LedgerKind = LedgerKind> {
  sheet: string;
  overrides?: MappingOverrides<SheetKindOf<K>>;
}

export type LedgerChoices = { [K in LedgerKind]?: LedgerChoice<K> };

/** One ledger's sync: the months sent and the API's answer for the chosen month. */
export interface LedgerSynced {
  kind: LedgerKind;
  sheet: string;
  rows: number;
  /** Months sent, oldest first, with the API's answer (null: refused because closed). */
  months: { month: string; rows: number; response: LedgerSyncResponse | null; closedMessage?: Bilingual }[];
  problems: SheetProblem[];
}

export interface MonthEndInput {
  workbook: WorkbookAdapter;
  api: Pick<ApiClient, 'request' | 'baseUrl'>;
  /** `YYYY-MM` */
  month: string;
  ledgers: LedgerChoices;
  /** The user's rate for foreign currencies this month (`{ USD: '7.10' }`). */
  rates?: Rates;
  locale: Locale;
  signal?: AbortSignal;
  onProgress?: (progress: MonthEndProgress) => void;
}

export interface MonthEndOutcome {
  synced: LedgerSynced[];
  report: MonthEndReport;
  /** false when the run found nothing changed and returned the latest report. */
  created: boolean;
  sheets: Record<ResultSheetKey, WrittenSheet>;
}

const kindLabel = (kind: LedgerKind): Bilingual => LEDGER_KIND_LABELS[kind];

function apiText(error: unknown, baseUrl: string): Bilingual {
  if (error instanceof ApiError && error.kind === 'http') {
    const m = error.body?.error?.message;
    return fill(monthEndErrors.http, (l) => ({
      url: baseUrl,
      status: error.status,
      message: typeof m === 'string' ? m : (m?.[l] ?? error.message),
    }));
  }
  const reason = error instanceof Error ? error.message : String(error);
  return fill(monthEndErrors.unreachable, { url: baseUrl, reason });
}

const cancelled = () => new MonthEndError('cancelled', monthEndErrors.cancelled);

function asMonthEndError(error: unknown, baseUrl: string): MonthEndError {
  if (error instanceof MonthEndError) return error;
  if (isCancelled(error) || (error instanceof ApiError && error.kind === 'aborted')) return cancelled();
  if (error instanceof ApiError) return new MonthEndError('api', apiText(error, baseUrl), { cause: error });
  if (error instanceof WorkbookError) return new MonthEndError('workbook', error.text, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new MonthEndError('workbook', { 'zh-CN': message, 'en-US': message }, { cause: error });
}

/** The month before this one, China time: what the clerk closes at the start of a month. */
export function previousChinaMonth(now: Date = new Date()): string {
  return addMonths(monthOf(chinaDateOf(now)), -1);
}

/**
 * Which months of a ledger a run of `month` needs: the 账账核对 looks at the month either side (a
 * cutoff), the tracking report and order lines are cumulative, so every month up to the next one.
 */
export function monthsToSync(present: readonly string[], month: string): string[] {
  const next = addMonths(month, 1);
  return [...new Set(present)].filter((m) => m <= next).sort();
}

/** Reads one ledger sheet, checks its columns; throws MonthEndError when it cannot be read. */
export async function readLedgerChoice<K extends LedgerKind>(
  workbook: WorkbookAdapter,
  kind: K,
  choice: LedgerChoice<K>,
  signal?: AbortSignal,
  onRows?: (done: number, total: number) => void,
) {
  const grid = await workbook.readSheet(choice.sheet, {
    numberFormats: true,
    signal,
    onProgress: (p) => onRows?.(p.rowsDone, p.rowsTotal),
  });
  const mapping = detectLedger(kind, grid, choice.overrides);
  const sheet = choice.sheet;
  if (mapping.headerRow === null)
    throw new MonthEndError(
      'noHeader',
      fill(monthEndErrors.noHeader, (l) => ({ sheet, kind: kindLabel(kind)[l] })),
    );
  const missing = missingLedgerColumns(kind, mapping);
  if (missing.length) {
    const fields = LEDGER_FIELDS[SHEET_KIND[kind]] as Record<string, { label: Bilingual }>;
    throw new MonthEndError(
      'missingColumns',
      fill(monthEndErrors.missingColumns, (l) => ({
        sheet,
        kind: kindLabel(kind)[l],
        fields: missing.map((f) => fields[f]?.label[l] ?? f).join(l === 'zh-CN' ? '、' : ', '),
      })),
    );
  }
  return readLedgerSheet(kind, grid, mapping);
}

/** Syncs the chosen ledgers (every month the run needs) and runs the month; writes nothing. */
export async function syncAndRun(
  input: MonthEndInput,
): Promise<{ synced: LedgerSynced[]; run: MonthEndRunResponse }> {
  const { workbook, api, month, signal, onProgress } = input;
  const kinds = SYNC_KINDS.filter((k) => input.ledgers[k]);
  // 期初余额 alone is no month-end: at least one of the four ledgers.
  if (!kinds.some((k) => k !== 'openings')) throw new MonthEndError('noSheets', monthEndErrors.noSheets);
  try {
    // Read every sheet first: a sheet that cannot be read stops the run before anything is sent.
    const reads = [];
    for (const kind of kinds) {
      if (signal?.aborted) throw cancelled();
      onProgress?.({ phase: 'read', done: 0, total: 0, kind });
      reads.push(
        await readLedgerChoice(workbook, kind, input.ledgers[kind] as LedgerChoice, signal, (done, total) =>
          onProgress?.({ phase: 'read', done, total, kind }),
        ),
      );
    }
    const plan = reads.map((read) => {
      const byMonth = new Map<string, typeof read.rows>();
      for (const row of read.rows) {
        const m = monthOfRow(read.kind, row);
        byMonth.set(m, [...(byMonth.get(m) ?? []), row]);
      }
      // 期初余额 are synced under the months of their dates only (usually one, before the ledgers start).
      const months =
        read.kind === 'openings'
          ? monthsToSync([...byMonth.keys()], month)
          : monthsToSync([...byMonth.keys(), month], month);
      return { read, months: months.map((m) => ({ month: m, rows: byMonth.get(m) ?? [] })) };
    });
    for (const { read, months } of plan)
      for (const m of months)
        if (m.rows.length > MAX_LEDGER_ROWS_PER_REQUEST)
          throw new MonthEndError(
            'tooManyRows',
            fill(monthEndErrors.tooManyRows, (l) => ({
              kind: kindLabel(read.kind)[l],
              month: m.month,
              rows: m.rows.length,
              max: MAX_LEDGER_ROWS_PER_REQUEST,
            })),
          );
    const total = plan.reduce((n, p) => n + p.months.length, 0);
    let done = 0;
    const synced: LedgerSynced[] = [];
    for (const { read, months } of plan) {
      const entry: LedgerSynced = {
        kind: read.kind,
        sheet: read.sheet,
        rows: read.rows.length,
        months: [],
        problems: read.problems,
      };
      for (const m of months) {
        if (signal?.aborted) throw cancelled();
        onProgress?.({ phase: 'sync', done, total, kind: read.kind });
        try {
          const { data } = await api.request<LedgerSyncResponse>(
            'PUT',
            `/ledgers/${read.kind}/${m.month}`,
            { rows: m.rows },
            { signal },
          );
          entry.months.push({ month: m.month, rows: m.rows.length, response: data });
        } catch (error) {
          // A closed earlier month keeps its figures (结账); only the month being run must sync.
          if (error instanceof ApiError && error.status === 409 && m.month !== month) {
            entry.months.push({
              month: m.month,
              rows: m.rows.length,
              response: null,
              closedMessage: apiText(error, api.baseUrl),
            });
          } else if (error instanceof ApiError && error.status === 409) {
            throw new MonthEndError(
              'closed',
              fill(monthEndErrors.closed, (l) => ({
                month: m.month,
                kind: kindLabel(read.kind)[l],
                message: apiText(error, api.baseUrl)[l],
              })),
              { cause: error },
            );
          } else throw error;
        }
        done++;
      }
      synced.push(entry);
    }
    onProgress?.({ phase: 'sync', done: total, total });
    if (signal?.aborted) throw cancelled();
    onProgress?.({ phase: 'run', done: 0, total: 1 });
    const body = input.rates && Object.keys(input.rates).length ? { rates: input.rates } : {};
    const { data: run } = await api.request<MonthEndRunResponse>('POST', `/month-end/${month}/run`, body, {
      signal,
    });
    onProgress?.({ phase: 'run', done: 1, total: 1 });
    return { synced, run };
  } catch (error) {
    throw asMonthEndError(error, api.baseUrl);
  }
}

/**
 * A result sheet's name in the pane's language, unless an earlier run left it under the other
 * language's name: then that one is replaced, so switching language leaves no stale copy.
 */
export async function resultSheetName(
  workbook: WorkbookAdapter,
  key: ResultSheetKey,
  locale: Locale,
): Promise<string> {
  const own = say(locale, key);
  const others = locales.filter((l) => l !== locale).map((l) => say(l, key));
  const existing = (await workbook.listSheets()).map((s) => s.name);
  return [own, ...others].find((n) => existing.some((e) => sameSheetName(e, n))) ?? own;
}

/** Writes (or replaces) the four result sheets of a report. */
export async function writeMonthEndSheets(
  workbook: WorkbookAdapter,
  report: MonthEndReport,
  locale: Locale,
  signal?: AbortSignal,
  onProgress?: (progress: MonthEndProgress) => void,
): Promise<Record<ResultSheetKey, WrittenSheet>> {
  const specs = resultSheetSpecs(report, locale);
  const out = {} as Record<ResultSheetKey, WrittenSheet>;
  let done = 0;
  for (const key of RESULT_SHEETS) {
    onProgress?.({ phase: 'write', done: done++, total: RESULT_SHEETS.length });
    try {
      out[key] = await workbook.writeResultSheet(await resultSheetName(workbook, key, locale), {
        ...specs[key],
        signal,
      });
    } catch (error) {
      const e = asMonthEndError(error, '');
      if (e.code === 'cancelled') throw e;
      throw new MonthEndError(
        'workbook',
        fill(monthEndErrors.writeFailed, (l) => ({ reason: e.text[l] })),
        { cause: error },
      );
    }
  }
  onProgress?.({ phase: 'write', done: RESULT_SHEETS.length, total: RESULT_SHEETS.length });
  return out;
}

/** The latest report of a month; null when it was never run (404). */
export async function latestReport(
  api: Pick<ApiClient, 'request' | 'baseUrl'>,
  month: string,
  signal?: AbortSignal,
): Promise<MonthEndReport | null> {
  try {
    return (await api.request<MonthEndReport>('GET', `/month-end/${month}`, undefined, { signal })).data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw asMonthEndError(error, api.baseUrl);
  }
}

/** Months that have a report (GET /month-end), oldest first. */
export async function reportedMonths(
  api: Pick<ApiClient, 'request' | 'baseUrl'>,
  signal?: AbortSignal,
): Promise<string[]> {
  const { data } = await api.request<MonthListResponse>('GET', '/month-end', undefined, { signal });
  return data.months
    .filter((m) => m.reportVersion !== null)
    .map((m) => m.month)
    .sort();
}

/** Sync, run, write: the tab's one button. */
export async function runMonthEnd(input: MonthEndInput): Promise<MonthEndOutcome> {
  const { synced, run } = await syncAndRun(input);
  if (input.signal?.aborted) throw cancelled();
  const sheets = await writeMonthEndSheets(
    input.workbook,
    run.report,
    input.locale,
    input.signal,
    input.onProgress,
  );
  return { synced, report: run.report, created: run.created, sheets };
}
