/**
 * Month-end over HTTP and on a timer: run the reconciliation for a month (`POST …/run`), read the
 * latest report, list months and their state, close (结账) and reopen a month. Thin shell over
 * monthEndRun (the run), domain/monthEnd (the work) and the repositories. Role checks: RUN_ROLES,
 * CLOSE_ROLES, and signedIn for reads, nowhere else.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext, Timer } from '@azure/functions';
import {
  CloseMonthRequestSchema,
  LEDGER_KINDS,
  MonthEndRunRequestSchema,
  ReopenMonthRequestSchema,
  type LedgerKind,
  type MonthListResponse,
  type MonthStatus,
} from '../contract/monthEnd';
import { monthsDue } from '../domain/monthEnd';
import {
  getCaller,
  HttpError,
  jsonResponse,
  bilingual,
  parseJson,
  requireRole,
  validate,
  withErrors,
  type Role,
} from '../http';
import { chinaTime, signedIn } from '../http/publishing';
import type { HttpRoute } from '../http/route';
import { appendAudit } from '../storage/auditLog';
import { openLedgerRepository, type LedgerRepository } from '../storage/ledgerRepository';
import {
  MonthStateError,
  openMonthEndRepository,
  type MonthEndRepository,
  type MonthStateInfo,
} from '../storage/monthEndRepository';
import { monthOfRequest } from './ledgers';
import { runMonthEnd } from './monthEndRun';

/** Who may run the month-end on demand. */
export const RUN_ROLES: readonly Role[] = ['Sales.Clerk', 'Finance', 'Sales.Head'];
/** Who may close and reopen a month (结账 is Finance's). */
export const CLOSE_ROLES: readonly Role[] = ['Finance'];
const MAX_SMALL_BODY_BYTES = 64 * 1024;

/** A small optional JSON body: empty means `{}`. */
async function smallBody(request: HttpRequest): Promise<unknown> {
  const text = await request.text();
  if (Buffer.byteLength(text, 'utf8') > MAX_SMALL_BODY_BYTES) {
    throw new HttpError(413, 'body_too_large', bilingual('请求内容过大。', 'The request body is too large.'));
  }
  return text.trim() === '' ? {} : parseJson(text);
}

// POST /api/month-end/{yyyy-mm}/run
export async function runMonthEndHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const caller = requireRole(getCaller(request), ...RUN_ROLES);
  const month = monthOfRequest(request);
  const body = validate(MonthEndRunRequestSchema, await smallBody(request));
  const [ledgers, reports] = await Promise.all([openLedgerRepository(), openMonthEndRepository()]);
  const outcome = await runMonthEnd(ledgers, reports, {
    month,
    trigger: 'manual',
    runBy: caller.name || caller.id,
    ...(caller.id ? { runById: caller.id } : {}),
    ...(body.rates ? { rates: body.rates } : {}),
    ...(body.matchWindowDays !== undefined ? { windowDays: body.matchWindowDays } : {}),
    ...(body.credit ? { credit: body.credit } : {}),
  });
  return jsonResponse(outcome, outcome.created ? 201 : 200);
}

// GET /api/month-end/{yyyy-mm}
export async function getMonthEndHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const month = monthOfRequest(request);
  const report = await (await openMonthEndRepository()).report(month);
  if (!report) {
    throw new HttpError(
      404,
      'month_end_not_run',
      bilingual(
        `${month} 的月末对账还没有运行过。请先同步台账和财务账，再点“运行对账”（每月 1 日北京时间 02:00 也会自动运行）。`,
        `The month-end for ${month} has not been run yet. Sync the ledgers and the books, then run it (it also runs by itself at 02:00 China time on the 1st).`,
      ),
      { month },
    );
  }
  return jsonResponse(report, 200, { 'Cache-Control': 'no-cache' });
}

// GET /api/month-end
export async function listMonthsHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const [ledgers, reports] = await Promise.all([openLedgerRepository(), openMonthEndRepository()]);
  return jsonResponse(await monthList(ledgers, reports), 200, { 'Cache-Control': 'no-cache' });
}

export async function monthList(
  ledgers: LedgerRepository,
  reports: MonthEndRepository,
): Promise<MonthListResponse> {
  const [infos, listed] = await Promise.all([ledgers.list(), reports.list()]);
  const months = new Set<string>([
    ...infos.map((i) => i.month),
    ...listed.reports.map((r) => r.month),
    ...listed.states.map((s) => s.month),
  ]);
  const out: MonthStatus[] = [...months]
    .sort()
    .reverse()
    .map((month) => {
      const state = listed.states.find((s) => s.month === month);
      const report = listed.reports.find((r) => r.month === month);
      const ledgerStatus: Partial<Record<LedgerKind, MonthStatus['ledgers'][LedgerKind]>> = {};
      for (const kind of LEDGER_KINDS) {
        const info = infos.find((i) => i.kind === kind && i.month === month);
        if (info)
          ledgerStatus[kind] = {
            version: info.version,
            rows: info.rows,
            syncedBy: info.syncedBy,
            syncedAt: info.syncedAt,
          };
      }
      return {
        month,
        state: state?.state ?? 'open',
        closedBy: state?.closedBy ?? null,
        closedAt: state?.closedAt ?? null,
        reopenedBy: state?.reopenedBy ?? null,
        reopenedAt: state?.reopenedAt ?? null,
        reopenReason: state?.reopenReason ?? null,
        reportVersion: report?.version ?? null,
        lastRunAt: report?.runAt ?? null,
        ledgers: ledgerStatus,
      };
    });
  return { months: out };
}

function stateConflict(err: MonthStateError): HttpError {
  const s = err.current;
  return s.state === 'closed'
    ? new HttpError(
        409,
        'month_already_closed',
        bilingual(
          `${s.month} 已由 ${s.closedBy ?? '财务'} 于 ${s.closedAt ? chinaTime(s.closedAt) : ''}（北京时间）结账。`,
          `${s.month} was already closed by ${s.closedBy ?? 'Finance'} on ${s.closedAt ? chinaTime(s.closedAt) : ''} (China time).`,
        ),
        s,
      )
    : new HttpError(
        409,
        'month_not_closed',
        bilingual(`${s.month} 未结账，无需反结账。`, `${s.month} is not closed; there is nothing to reopen.`),
        s,
      );
}

async function changeState(request: HttpRequest, action: 'close' | 'reopen'): Promise<HttpResponseInit> {
  const caller = requireRole(getCaller(request), ...CLOSE_ROLES);
  const month = monthOfRequest(request);
  const who = caller.name || caller.id;
  const repository = await openMonthEndRepository();
  let state: MonthStateInfo;
  try {
    if (action === 'close') {
      const body = validate(CloseMonthRequestSchema, await smallBody(request));
      state = await repository.close(month, who, body.note);
    } else {
      const body = validate(ReopenMonthRequestSchema, await smallBody(request));
      state = await repository.reopen(month, who, body.reason);
    }
  } catch (err) {
    if (err instanceof MonthStateError) throw stateConflict(err);
    throw err;
  }
  await appendAudit({
    area: 'monthClose',
    action,
    who,
    ...(caller.id ? { whoId: caller.id } : {}),
    summary:
      action === 'close'
        ? bilingual(`${month} 结账`, `${month} closed`)
        : bilingual(
            `${month} 反结账：${state.reopenReason ?? ''}`,
            `${month} reopened: ${state.reopenReason ?? ''}`,
          ),
    details: state,
  });
  const listed = await monthList(await openLedgerRepository(), repository);
  return jsonResponse(listed.months.find((m) => m.month === month) ?? state);
}

export const closeMonthHandler = (request: HttpRequest): Promise<HttpResponseInit> =>
  changeState(request, 'close');
export const reopenMonthHandler = (request: HttpRequest): Promise<HttpResponseInit> =>
  changeState(request, 'reopen');

// ── The timer ──────────────────────────────────────────────────────────────────────────────────────

/** Runs every month due at `now` (see domain/monthEnd/timerPlan); answers what each run did. */
export async function runDueMonths(
  now: Date,
  ledgers: LedgerRepository,
  reports: MonthEndRepository,
  onError: (month: string, err: unknown) => void = () => undefined,
): Promise<{ month: string; created: boolean; version: number; error?: true }[]> {
  const [infos, listed] = await Promise.all([ledgers.list(), reports.list()]);
  const due = monthsDue(now, (month) => ({
    hasLedgers: infos.some((i) => i.month === month),
    hasReport: listed.reports.some((r) => r.month === month),
  }));
  const done: { month: string; created: boolean; version: number; error?: true }[] = [];
  // One month failing must not keep the others from running.
  for (const month of due) {
    try {
      const outcome = await runMonthEnd(ledgers, reports, { month, trigger: 'timer', runBy: 'timer', now });
      done.push({ month, created: outcome.created, version: outcome.report.version });
    } catch (err) {
      onError(month, err);
      done.push({ month, created: false, version: 0, error: true });
    }
  }
  return done;
}

export async function monthEndTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const [ledgers, reports] = await Promise.all([openLedgerRepository(), openMonthEndRepository()]);
  const done = await runDueMonths(new Date(), ledgers, reports, (month, err) =>
    context.error(`month-end timer: ${month} failed`, err),
  );
  context.log(`month-end timer: ${done.length ? JSON.stringify(done) : 'nothing due'}`);
  // A failed month is retried by tomorrow's catch-up; fail the invocation so it shows in monitoring.
  if (done.some((d) => d.error))
    throw new Error(
      `month-end timer: ${done
        .filter((d) => d.error)
        .map((d) => d.month)
        .join(', ')} failed`,
    );
}

export const monthEndRoutes: readonly HttpRoute[] = [
  {
    name: 'month-end-list',
    methods: ['GET'],
    route: 'month-end',
    handler: withErrors(listMonthsHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'month-end-get',
    methods: ['GET'],
    route: 'month-end/{month}',
    handler: withErrors(getMonthEndHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'month-end-run',
    methods: ['POST'],
    route: 'month-end/{month}/run',
    handler: withErrors(runMonthEndHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'month-end-close',
    methods: ['POST'],
    route: 'month-end/{month}/close',
    handler: withErrors(closeMonthHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'month-end-reopen',
    methods: ['POST'],
    route: 'month-end/{month}/reopen',
    handler: withErrors(reopenMonthHandler),
    authLevel: 'anonymous',
  },
];
