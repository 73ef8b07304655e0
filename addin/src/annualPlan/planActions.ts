// The 年度计划 tab's work, outside React: read the sheets, ask the API, write the result sheets.
// Every failure becomes a PlanActionError with a message in both languages (and, for a 400, the
// service's row-by-row errors), so the tab only has to show it.
import type {
  Bilingual,
  PlanInputError,
  PlanUnit,
  PlanVersion,
  ProgressResponse,
  SplitMethod,
  SplitResponse,
} from '../../../functions/src/contract/plans';
import { ApiError, type ApiClient } from '../api/client';
import {
  mergeSplitResponses,
  monthlyActuals,
  monthlyPlanSheet,
  planVersionInput,
  progressSheet,
  readActuals,
  readAnnualPlan,
  readSeasonProfiles,
  splitRequests,
  MONTHLY_PLAN_SHEET,
  PROGRESS_SHEET,
  type ActualsRead,
  type AnnualPlanRead,
  type SeasonProfilesRead,
} from '.';
import type { Locale } from '../i18n/locale';
import { LEDGER_FIELDS, type HeaderMapping, type SheetGrid } from '../sheets';
import type { WorkbookAdapter, WrittenSheet } from '../workbook/adapter';
import { WorkbookError, isCancelled } from '../workbook/errors';
import { apBoth, apText, type AnnualPlanStringKey } from './strings';
import { UserFacingError } from '../../../functions/src/contract/problem';

export type Phase = Extract<
  AnnualPlanStringKey,
  | 'phaseReadPlan'
  | 'phaseReadProfile'
  | 'phaseReadLedger'
  | 'phaseSplit'
  | 'phaseWrite'
  | 'phasePublish'
  | 'phaseProgress'
>;
export interface JobProgress {
  phase: Phase;
  done: number;
  total: number;
}

export class PlanActionError extends UserFacingError {
  constructor(
    text: Bilingual,
    readonly options: {
      /** The service's row-by-row errors of a 400. */
      inputErrors?: PlanInputError[];
      /** The plan as it now stands, after a 412/428. */
      current?: PublishedPlan | null;
      cancelled?: boolean;
      /** The ledger has lines in this currency and no rate was given for it. */
      rateNeeded?: string;
      /** The service could not be reached: the address in 设置 may be wrong. */
      unreachable?: boolean;
      /** Trying again as is may work (network, a busy service or workbook), unlike a 400/403/412. */
      retryable?: boolean;
    } = {},
  ) {
    super(options.cancelled ? 'cancelled' : 'plan_action_failed', text);
    this.name = 'PlanActionError';
  }
}

/** The published version the pane compares against (its ETag goes into If-Match). */
export interface PublishedPlan {
  version: number;
  etag: string;
  publishedBy?: string;
  publishedAt?: string;
}

interface Common {
  workbook: WorkbookAdapter;
  api: ApiClient;
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => void;
}

/** Any failure, said for a person; a 400's row errors kept for the problem list. */
export function explain(error: unknown, api: ApiClient, signal?: AbortSignal): PlanActionError {
  if (error instanceof PlanActionError) return error;
  if (isCancelled(error)) return new PlanActionError((error as WorkbookError).text, { cancelled: true });
  if (signal?.aborted || (error instanceof ApiError && error.kind === 'aborted'))
    return new PlanActionError(apBoth('cancelled'), { cancelled: true });
  if (error instanceof ApiError) {
    if (error.kind === 'unreachable')
      return new PlanActionError(apBoth('unreachable', { url: api.baseUrl, reason: error.message }), {
        unreachable: true,
        retryable: true,
      });
    const body = error.body?.error;
    const message = body?.message;
    const text: Bilingual =
      message && typeof message === 'object'
        ? message
        : apBoth('httpError', { status: error.status, message: error.message });
    const details = body?.details as { errors?: PlanInputError[] } | undefined;
    const retryable = error.status >= 500 || error.status === 408 || error.status === 429;
    return new PlanActionError(text, {
      ...(details?.errors ? { inputErrors: details.errors } : {}),
      ...(retryable ? { retryable } : {}),
    });
  }
  if (error instanceof WorkbookError)
    return new PlanActionError(error.text, isCancelled(error) ? { cancelled: true } : { retryable: true });
  const m = error instanceof Error ? error.message : String(error);
  return new PlanActionError({ 'zh-CN': m, 'en-US': m }, { retryable: true });
}

async function readGrid(c: Common, sheet: string, phase: Phase): Promise<SheetGrid> {
  c.onProgress?.({ phase, done: 0, total: 0 });
  return c.workbook.readSheet(sheet, {
    signal: c.signal,
    numberFormats: true,
    onProgress: (p) => c.onProgress?.({ phase, done: p.rowsDone, total: p.rowsTotal }),
  });
}

const fieldNames = (kind: 'annualPlan' | 'seasonProfile' | 'salesLedger', fields: readonly string[]) =>
  ({
    'zh-CN': fields
      .map((f) => (LEDGER_FIELDS[kind] as Record<string, { label: Bilingual }>)[f]?.label['zh-CN'] ?? f)
      .join('、'),
    'en-US': fields
      .map((f) => (LEDGER_FIELDS[kind] as Record<string, { label: Bilingual }>)[f]?.label['en-US'] ?? f)
      .join(', '),
  }) satisfies Bilingual;

function needsColumns(
  sheet: string,
  kind: 'annualPlan' | 'salesLedger',
  fields: readonly string[],
): PlanActionError {
  const names = fieldNames(kind, fields);
  return new PlanActionError({
    'zh-CN': apBoth('needsColumns', { sheet, fields: names['zh-CN'] })['zh-CN'],
    'en-US': apBoth('needsColumns', { sheet, fields: names['en-US'] })['en-US'],
  });
}

export interface LedgerChoice {
  sheet: string;
  mapping: HeaderMapping<'salesLedger'> | null;
  /** Yuan per USD; undefined leaves USD lines out. */
  usdRate?: number;
}

export async function readLedgerActuals(c: Common, ledger: LedgerChoice): Promise<ActualsRead> {
  const grid = await readGrid(c, ledger.sheet, 'phaseReadLedger');
  const read = readActuals(grid, {
    mapping: ledger.mapping ?? undefined,
    rates: ledger.usdRate ? { USD: ledger.usdRate } : undefined,
  });
  const columns = read.mapping.columns;
  const missing: string[] = (['orderDate', 'productType'] as const).filter((f) => !columns[f]);
  // The amount comes from 金额, or else from 数量 × 单价.
  if (!columns.amount && !(columns.qty && columns.unitPrice)) missing.push('amount');
  if (missing.length) throw needsColumns(ledger.sheet, 'salesLedger', missing);
  return read;
}

// ---------------------------------------------------------------------------------------------
// 预览分解

export interface SplitJob extends Common {
  planSheet: string;
  planMapping: HeaderMapping<'annualPlan'> | null;
  profile?: { sheet: string; mapping: HeaderMapping<'seasonProfile'> | null };
  ledger?: LedgerChoice;
  method: SplitMethod;
  year: number;
  /** Defaults to the unit's usual granularity. */
  roundTo?: number;
}

export interface SplitOutcome {
  plan: AnnualPlanRead;
  profiles: SeasonProfilesRead | null;
  actuals: ActualsRead | null;
  split: SplitResponse;
  unit: PlanUnit;
  /** The published plan now (null: none yet; undefined: could not tell, see `publishedError`). */
  published: PublishedPlan | null | undefined;
  publishedError?: Bilingual;
}

export async function runSplit(job: SplitJob): Promise<SplitOutcome> {
  try {
    const grid = await readGrid(job, job.planSheet, 'phaseReadPlan');
    const plan = readAnnualPlan(grid, { mapping: job.planMapping ?? undefined });
    if (plan.missingColumns.length) throw needsColumns(job.planSheet, 'annualPlan', plan.missingColumns);
    if (!plan.rows.length) throw new PlanActionError(apBoth('noRows', { sheet: job.planSheet }));

    let profiles: SeasonProfilesRead | null = null;
    if (job.profile && (job.method === 'profile' || job.method === 'history')) {
      profiles = readSeasonProfiles(await readGrid(job, job.profile.sheet, 'phaseReadProfile'), {
        mapping: job.profile.mapping ?? undefined,
      });
    }
    let actuals: ActualsRead | null = null;
    if (job.method === 'history') {
      if (!job.ledger) throw new PlanActionError(apBoth('needsLedger'));
      actuals = await readLedgerActuals(job, job.ledger);
    }

    const requests = splitRequests({
      year: job.year,
      roundTo: job.roundTo ?? plan.roundTo,
      method: job.method,
      rows: plan.rows,
      profiles: profiles?.profiles,
      history: actuals ? monthlyActuals(actuals.lines) : undefined,
    });
    const answers: SplitResponse[] = [];
    let done = 0;
    job.onProgress?.({ phase: 'phaseSplit', done, total: plan.rows.length });
    for (const request of requests) {
      const { data } = await job.api.request<SplitResponse>('POST', '/plans/split', request, {
        signal: job.signal,
      });
      answers.push(data);
      done += request.rows.length;
      job.onProgress?.({ phase: 'phaseSplit', done, total: plan.rows.length });
    }
    const split = mergeSplitResponses(answers);
    const outcome: SplitOutcome = { plan, profiles, actuals, split, unit: plan.unit, published: undefined };
    try {
      outcome.published = await currentPlan(job.api, job.year, job.signal);
    } catch (error) {
      if (job.signal?.aborted) throw error;
      outcome.publishedError = explain(error, job.api).text;
    }
    return outcome;
  } catch (error) {
    throw explain(error, job.api, job.signal);
  }
}

/** The published plan's version and ETag; null when the year has none. */
export async function currentPlan(
  api: ApiClient,
  year: number,
  signal?: AbortSignal,
): Promise<PublishedPlan | null> {
  try {
    const { data, headers } = await api.request<PlanVersion & { version: number }>(
      'GET',
      `/plans/${year}`,
      undefined,
      {
        signal,
      },
    );
    return {
      version: data.version,
      etag: headers.get('etag') ?? `"plan-${year}-v${data.version}"`,
      publishedBy: data.publishedBy,
      publishedAt: data.publishedAt,
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// 写入月度计划

export async function writeMonthlyPlan(
  c: Omit<Common, 'api'> & { split: SplitResponse; unit: PlanUnit; locale: Locale },
): Promise<WrittenSheet> {
  c.onProgress?.({ phase: 'phaseWrite', done: 0, total: c.split.rows.length });
  return c.workbook.writeResultSheet(MONTHLY_PLAN_SHEET, {
    ...monthlyPlanSheet(c.split, { unit: c.unit, locale: c.locale }),
    signal: c.signal,
    onProgress: (p) => c.onProgress?.({ phase: 'phaseWrite', done: p.rowsDone, total: p.rowsTotal }),
  });
}

// ---------------------------------------------------------------------------------------------
// 发布

export interface Published {
  version: number;
  etag: string;
  publishedBy?: string;
  publishedAt?: string;
  summary?: Bilingual;
}

/**
 * PUT /plans/{year}: If-Match the version the pane compared against (If-None-Match: * for a first
 * version), so a plan someone else published meanwhile is never overwritten unseen.
 */
export async function publishPlan(opts: {
  api: ApiClient;
  split: SplitResponse;
  unit: PlanUnit;
  basedOn: PublishedPlan | null;
  signal?: AbortSignal;
}): Promise<Published> {
  const { api, split } = opts;
  const headers: Record<string, string> = opts.basedOn
    ? { 'If-Match': opts.basedOn.etag }
    : { 'If-None-Match': '*' };
  try {
    const { data, headers: h } = await api.request<{
      version: number;
      publishedBy?: string;
      publishedAt?: string;
      summary?: Bilingual;
    }>('PUT', `/plans/${split.year}`, planVersionInput(split, opts.unit), { signal: opts.signal, headers });
    return {
      version: data.version,
      etag: h.get('etag') ?? `"plan-${split.year}-v${data.version}"`,
      publishedBy: data.publishedBy,
      publishedAt: data.publishedAt,
      summary: data.summary,
    };
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'http') {
      const server = explain(error, api).text;
      if (error.status === 403) {
        const own = apBoth('forbidden');
        throw new PlanActionError({
          'zh-CN': `${own['zh-CN']}${server['zh-CN'] === own['zh-CN'] ? '' : `（${server['zh-CN']}）`}`,
          'en-US': `${own['en-US']}${server['en-US'] === own['en-US'] ? '' : ` (${server['en-US']})`}`,
        });
      }
      if (error.status === 412 || error.status === 428) {
        const current =
          (error.body?.error?.details as { current?: PublishedPlan } | undefined)?.current ?? null;
        const hint = current ? apBoth('planChanged', { version: current.version }) : null;
        throw new PlanActionError(
          hint
            ? {
                'zh-CN': `${server['zh-CN']}${hint['zh-CN']}`,
                'en-US': `${server['en-US']} ${hint['en-US']}`,
              }
            : server,
          { current },
        );
      }
    }
    throw explain(error, api, opts.signal);
  }
}

// ---------------------------------------------------------------------------------------------
// 计划达成

export interface ProgressOutcome {
  actuals: ActualsRead;
  progress: ProgressResponse;
  written: WrittenSheet;
}

export async function runProgress(
  job: Common & { year: number; ledger: LedgerChoice; throughMonth?: number; locale: Locale },
): Promise<ProgressOutcome> {
  try {
    const actuals = await readLedgerActuals(job, job.ledger);
    // Export sales are sales: measuring without them would show 外贸 at 0 % and the company behind.
    const foreign = actuals.foreign[0];
    if (foreign)
      throw new PlanActionError(
        {
          'zh-CN': apText('zh-CN', 'rateNeeded', {
            sheet: job.ledger.sheet,
            n: foreign.count,
            currency: foreign.currency,
            rows: foreign.rows.slice(0, 5).join('、'),
          }),
          'en-US': apText('en-US', 'rateNeeded', {
            sheet: job.ledger.sheet,
            n: foreign.count,
            currency: foreign.currency,
            rows: foreign.rows.slice(0, 5).join(', '),
          }),
        },
        { rateNeeded: foreign.currency },
      );
    job.onProgress?.({ phase: 'phaseProgress', done: 0, total: actuals.lines.length });
    const body: Record<string, unknown> = {
      basis: 'orders',
      unit: 'yuan',
      actuals: monthlyActuals(actuals.lines),
    };
    if (job.throughMonth) body.throughMonth = job.throughMonth;
    const { data } = await job.api.request<ProgressResponse>('POST', `/plans/${job.year}/progress`, body, {
      signal: job.signal,
    });
    job.onProgress?.({ phase: 'phaseProgress', done: actuals.lines.length, total: actuals.lines.length });
    const written = await job.workbook.writeResultSheet(PROGRESS_SHEET, {
      ...progressSheet(data, { locale: job.locale, rates: actuals.converted }),
      signal: job.signal,
      onProgress: (p) => job.onProgress?.({ phase: 'phaseWrite', done: p.rowsDone, total: p.rowsTotal }),
    });
    return { actuals, progress: data, written };
  } catch (error) {
    throw explain(error, job.api, job.signal);
  }
}
