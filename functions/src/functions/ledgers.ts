/**
 * The four ledgers and 期初余额 (openings) over HTTP: `PUT /api/ledgers/{kind}/{yyyy-mm}` replaces one month of one ledger
 * (idempotent: the same rows keep the version), `GET` reads the month's snapshot. Thin shell: rows
 * are checked with the contract, identity and diff come from domain/monthEnd, storage from
 * ledgerRepository. Who may sync which ledger is decided in SYNC_ROLES, nowhere else.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import {
  LEDGER_DATE_FIELD,
  SYNC_KINDS,
  LEDGER_KIND_LABELS,
  LedgerSyncRequestSchema,
  MAX_LEDGER_BODY_BYTES,
  MAX_LEDGER_ROWS_PER_REQUEST,
  MONTH_PATTERN,
  parseLedgerRows,
  type SyncKind,
  type LedgerRowError,
  type LedgerSyncResponse,
} from '../contract/monthEnd';
import { chinaDate, monthOf } from '../domain/monthEnd';
import {
  getCaller,
  HttpError,
  jsonResponse,
  bilingual,
  type Bilingual,
  readJson,
  requireRole,
  withErrors,
  type Role,
} from '../http';
import { chinaTime, signedIn } from '../http/publishing';
import type { HttpRoute } from '../http/route';
import { appendAudit } from '../storage/auditLog';
import { LedgerConflictError, openLedgerRepository } from '../storage/ledgerRepository';
import { openMonthEndRepository, type MonthStateInfo } from '../storage/monthEndRepository';

/** Who may replace a month of each ledger: the clerk keeps the sales ledgers; Finance owns its books. */
export const SYNC_ROLES: Readonly<Record<SyncKind, readonly Role[]>> = {
  orders: ['Sales.Clerk', 'Sales.Head'],
  shipments: ['Sales.Clerk', 'Sales.Head'],
  receipts: ['Sales.Clerk', 'Sales.Head', 'Finance'],
  // The head may stand in for either side (the preview and `npm start` sign in as the head).
  books: ['Finance', 'Sales.Clerk', 'Sales.Head'],
  // 期初余额 are agreed with Finance once; either side may sync them.
  openings: ['Sales.Clerk', 'Sales.Head', 'Finance'],
};
/** Bad rows listed in one 422 answer; the rest are counted. */
export const MAX_LISTED_ROW_ERRORS = 1_000;

export function kindOf(request: HttpRequest): SyncKind {
  const kind = request.params.kind ?? '';
  if ((SYNC_KINDS as readonly string[]).includes(kind)) return kind as SyncKind;
  throw new HttpError(
    404,
    'unknown_ledger',
    bilingual(
      `没有名为 "${kind}" 的台账；应为 ${SYNC_KINDS.join('、')} 之一。`,
      `There is no ledger "${kind}"; expected one of ${SYNC_KINDS.join(', ')}.`,
    ),
    { kind, expected: SYNC_KINDS },
  );
}

export function monthOfRequest(request: HttpRequest): string {
  const month = request.params.month ?? '';
  if (MONTH_PATTERN.test(month)) return month;
  throw new HttpError(
    400,
    'bad_month',
    bilingual(
      `月份应为 YYYY-MM（如 2026-03），实为 "${month}"。`,
      `The month must be YYYY-MM (e.g. 2026-03), found "${month}".`,
    ),
    { month },
  );
}

function rowErrors(code: string, what: Bilingual, errors: readonly LedgerRowError[]): HttpError {
  const first = errors.slice(0, 3).map((e) => e.message);
  const more = errors.length - first.length;
  return new HttpError(
    422,
    code,
    bilingual(
      `${what['zh-CN']}：${errors.length} 行有误。${first.map((m) => m['zh-CN']).join('；')}${more > 0 ? `；另有 ${more} 行` : ''}`,
      `${what['en-US']}: ${errors.length} row(s) are wrong. ${first.map((m) => m['en-US']).join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    ),
    { errors: errors.slice(0, MAX_LISTED_ROW_ERRORS), total: errors.length },
  );
}

/** 409 for a sync into a month Finance has closed, naming who closed it and when. */
export function closedMonth(state: MonthStateInfo): HttpError {
  const at = state.closedAt ? chinaTime(state.closedAt) : '';
  return new HttpError(
    409,
    'month_closed',
    bilingual(
      `${state.month} 已由 ${state.closedBy ?? '财务'} 于 ${at}（北京时间）结账，不能再同步。如需更正，请计入下一个未结账月份，或请财务反结账。`,
      `${state.month} was closed by ${state.closedBy ?? 'Finance'} on ${at} (China time); it cannot be synced. Put corrections into the next open month, or ask Finance to reopen it.`,
    ),
    { month: state.month, closedBy: state.closedBy, closedAt: state.closedAt },
  );
}

// PUT /api/ledgers/{kind}/{yyyy-mm}
export async function syncLedgerHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const kind = kindOf(request);
  const caller = requireRole(getCaller(request), ...SYNC_ROLES[kind]);
  const month = monthOfRequest(request);
  const body = await readJson(request, LedgerSyncRequestSchema, { maxBytes: MAX_LEDGER_BODY_BYTES });
  if (body.rows.length > MAX_LEDGER_ROWS_PER_REQUEST) {
    throw new HttpError(
      413,
      'too_many_rows',
      bilingual(
        `一次最多同步 ${MAX_LEDGER_ROWS_PER_REQUEST} 行（一个月的一本台账），本次 ${body.rows.length} 行。`,
        `At most ${MAX_LEDGER_ROWS_PER_REQUEST} rows (one month of one ledger) per request; this one has ${body.rows.length}.`,
      ),
      { max: MAX_LEDGER_ROWS_PER_REQUEST, received: body.rows.length },
    );
  }
  const label = LEDGER_KIND_LABELS[kind];
  const parsed = parseLedgerRows(kind, body.rows);
  if (!parsed.ok)
    throw rowErrors(
      'invalid_rows',
      bilingual(`${label['zh-CN']}数据有误`, `${label['en-US']} rows are not valid`),
      parsed.errors,
    );

  const field = LEDGER_DATE_FIELD[kind];
  const outside: LedgerRowError[] = [];
  parsed.rows.forEach((row, index) => {
    const raw = (row as unknown as Record<string, string>)[field] ?? '';
    const date = chinaDate(raw);
    if (date && monthOf(date) === month) return;
    const { sheet, row: at } = row.source;
    outside.push({
      index,
      source: row.source,
      field,
      message: date
        ? bilingual(
            `${sheet} 第${at}行：日期 ${date}（北京时间）不在 ${month} 内`,
            `${sheet} row ${at}: date ${date} (China time) is not in ${month}`,
          )
        : bilingual(
            `${sheet} 第${at}行：日期 "${raw}" 不存在`,
            `${sheet} row ${at}: date "${raw}" does not exist`,
          ),
    });
  });
  if (outside.length > 0) {
    throw rowErrors(
      'rows_outside_month',
      bilingual(`有行不属于 ${month}`, `Some rows are not in ${month}`),
      outside,
    );
  }

  const state = await (await openMonthEndRepository()).state(month);
  if (state.state === 'closed') throw closedMonth(state);

  const ledgers = await openLedgerRepository();
  let result;
  try {
    result = await ledgers.sync({
      kind,
      month,
      rows: parsed.rows,
      syncedBy: caller.name || caller.id,
      ...(caller.id ? { syncedById: caller.id } : {}),
    });
  } catch (err) {
    if (!(err instanceof LedgerConflictError)) throw err;
    throw new HttpError(
      409,
      'sync_conflict',
      bilingual(
        `${month} 的${label['zh-CN']}刚被 ${err.current?.syncedBy ?? '他人'} 同步为第 ${err.current?.version ?? '?'} 版，本次未保存。请重新同步。`,
        `${label['en-US']} for ${month} was just synced by ${err.current?.syncedBy ?? 'someone else'} (version ${err.current?.version ?? '?'}); this sync was not saved. Sync again.`,
      ),
      { current: err.current },
    );
  }
  const { changedSnapshot, ...answer } = result;
  if (changedSnapshot) {
    await appendAudit({
      area: 'ledger',
      action: 'sync',
      who: caller.name || caller.id,
      ...(caller.id ? { whoId: caller.id } : {}),
      when: answer.syncedAt,
      summary: bilingual(
        `${month} ${label['zh-CN']}第 ${answer.version} 版：新增 ${answer.added}，修改 ${answer.changed}，删除 ${answer.removed}`,
        `${month} ${label['en-US']} version ${answer.version}: ${answer.added} added, ${answer.changed} changed, ${answer.removed} removed`,
      ),
      details: {
        kind,
        month,
        version: answer.version,
        added: answer.added,
        changed: answer.changed,
        removed: answer.removed,
        moved: answer.moved,
        unchanged: answer.unchanged,
        duplicates: answer.duplicates.length,
      },
    });
  }
  return jsonResponse(answer satisfies LedgerSyncResponse);
}

// GET /api/ledgers/{kind}/{yyyy-mm}
export async function getLedgerHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const kind = kindOf(request);
  const month = monthOfRequest(request);
  const snapshot = await (await openLedgerRepository()).read(kind, month);
  if (!snapshot) {
    const label = LEDGER_KIND_LABELS[kind];
    throw new HttpError(
      404,
      'ledger_not_synced',
      bilingual(
        `${month} 的${label['zh-CN']}尚未同步。`,
        `The ${label['en-US'].toLowerCase()} for ${month} has not been synced yet.`,
      ),
      { kind, month },
    );
  }
  return jsonResponse(snapshot, 200, { 'Cache-Control': 'no-cache' });
}

export const ledgerRoutes: readonly HttpRoute[] = [
  {
    name: 'ledgers-sync',
    methods: ['PUT'],
    route: 'ledgers/{kind}/{month}',
    handler: withErrors(syncLedgerHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'ledgers-get',
    methods: ['GET'],
    route: 'ledgers/{kind}/{month}',
    handler: withErrors(getLedgerHandler),
    authLevel: 'anonymous',
  },
];
