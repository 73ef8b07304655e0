/**
 * The annual plan over HTTP: split (年度计划 → 月度计划), publish and read versions (Sales.Head publishes),
 * progress against actuals (计划达成) and batched plan values for `=SALES.PLAN`. Thin shell: requests are
 * checked with the contract's parse functions, the work is done by domain/plans, storage by planRepository.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import {
  MAX_LISTED_ERRORS,
  MAX_PLAN_BYTES,
  MAX_PLAN_ROWS,
  MAX_VALUE_QUERIES,
  MAX_VALUES_BYTES,
  parsePlanVersionInput,
  parseProgressRequest,
  parseSplitRequest,
  PlanValuesRequestSchema,
  type Bilingual,
  type PlanInputError,
  type PlanUnit,
  type PlanValueResult,
  type PlanValuesResponse,
  type PlanVersion,
  type PlanVersionInput,
} from '../contract/plans';
import { exactSum } from '../contract/decimal';
import { checkValueQuery, planProgress, planValueLookup, rowChanges, splitPlan } from '../domain/plans';
import { getCaller, HttpError, jsonResponse, readJson, requireRole, withErrors } from '../http';
import { chinaTime, ifNoneMatchNames, signedIn, versionWorkedFrom } from '../http/publishing';
import type { HttpRoute } from '../http/route';
import { appendAudit } from '../storage/auditLog';
import {
  openPlanRepository,
  PlanConflictError,
  versionOfEtag,
  type PlanVersionInfo,
  type StoredPlan,
} from '../storage/planRepository';
import { bilingual as msg } from '../contract/text';

const anyBody = z.unknown();

const UNIT_NAMES: Record<PlanUnit, [string, string]> = {
  yuan: ['元', 'yuan'],
  wanYuan: ['万元', '10k yuan'],
  units: ['台', 'units'],
};

// ---------------------------------------------------------------------------------------------------------
// Small helpers shared by the handlers.

function yearOf(request: HttpRequest): number {
  const text = request.params.year ?? '';
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 2000 || year > 2099) {
    throw new HttpError(
      400,
      'bad_year',
      msg(
        `年度应为 2000–2099 之间的四位数，实为 "${text}"。`,
        `The year must be 2000–2099, found "${text}".`,
      ),
      { year: text },
    );
  }
  return year;
}

/** 400 listing every bad row (up to MAX_LISTED_ERRORS) with the contract's bilingual messages. */
export function invalidInput(errors: readonly PlanInputError[]): HttpError {
  const first = errors.slice(0, 3);
  const more = errors.length - first.length;
  return new HttpError(
    400,
    'invalid_plan_input',
    msg(
      `请求有 ${errors.length} 处错误：${first.map((e) => e.message['zh-CN']).join('；')}${more > 0 ? `；另有 ${more} 处` : ''}`,
      `The request has ${errors.length} error(s): ${first.map((e) => e.message['en-US']).join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    ),
    { errors: errors.slice(0, MAX_LISTED_ERRORS), total: errors.length },
  );
}

/** 413 before validation when a list is longer than one request may carry. */
function capList(body: unknown, field: string, max: number, zhWhat: string, enWhat: string): void {
  const list = (body as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(list) || list.length <= max) return;
  throw new HttpError(
    413,
    'too_many_items',
    msg(
      `一次最多提交 ${max} ${zhWhat}，本次 ${list.length} ${zhWhat}。请分批提交。`,
      `At most ${max} ${enWhat} per request; this one has ${list.length}. Send them in batches.`,
    ),
    { field, max, received: list.length },
  );
}

const numberText = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
function amountText(amount: number, unit: PlanUnit): Bilingual {
  const [zh, en] = UNIT_NAMES[unit];
  const text = numberText.format(amount);
  return msg(`${text} ${zh}`, `${text} ${en}`);
}

function publishedText(info: PlanVersionInfo): Bilingual {
  const at = chinaTime(info.publishedAt);
  return msg(
    `第 ${info.version} 版，由 ${info.publishedBy} 于 ${at}（北京时间）发布`,
    `version ${info.version}, published by ${info.publishedBy} on ${at} (China time)`,
  );
}

function currentDetails(info: PlanVersionInfo | null) {
  return info
    ? {
        version: info.version,
        etag: info.etag,
        publishedBy: info.publishedBy,
        publishedAt: info.publishedAt,
      }
    : null;
}

function notPublished(year: number): HttpError {
  return new HttpError(
    404,
    'plan_not_found',
    msg(
      `${year}年计划尚未发布。请先由销售部部长发布年度计划。`,
      `No plan has been published for ${year} yet. The sales head must publish the annual plan first.`,
    ),
    { year },
  );
}

function planBody(stored: StoredPlan): PlanVersion & { version: number } {
  return { ...stored.plan, version: stored.info.version };
}

const READ_HEADERS = { 'Cache-Control': 'no-cache' };

// ---------------------------------------------------------------------------------------------------------
// POST /api/plans/split

export async function splitPlanHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const body = await readJson(request, anyBody, { maxBytes: MAX_PLAN_BYTES });
  capList(body, 'rows', MAX_PLAN_ROWS, '行', 'rows');
  const parsed = parseSplitRequest(body);
  if (!parsed.ok) throw invalidInput(parsed.errors);
  return jsonResponse(splitPlan(parsed.value));
}

// ---------------------------------------------------------------------------------------------------------
// GET /api/plans/{year}, GET /api/plans/{year}/versions, GET /api/plans/{year}/versions/{version}

export async function getPlanHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const year = yearOf(request);
  const repository = await openPlanRepository();
  if (request.headers.get('if-none-match')) {
    const current = await repository.current(year);
    if (current && ifNoneMatchNames(request, current.version, (tag) => versionOfEtag(year, tag))) {
      return { status: 304, headers: { ETag: current.etag, ...READ_HEADERS } };
    }
  }
  const stored = await repository.read(year);
  if (!stored) throw notPublished(year);
  return jsonResponse(planBody(stored), 200, { ETag: stored.info.etag, ...READ_HEADERS });
}

export async function listPlanVersionsHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const year = yearOf(request);
  const repository = await openPlanRepository();
  const versions = await repository.listVersions(year);
  if (versions.length === 0) throw notPublished(year);
  const current = await repository.current(year);
  return jsonResponse(
    {
      year,
      current: current?.version ?? null,
      versions: versions.map((v) => ({
        version: v.version,
        etag: v.etag,
        unit: v.unit,
        roundTo: v.roundTo,
        ...(v.method ? { method: v.method } : {}),
        rows: v.rows,
        annual: v.annual,
        publishedBy: v.publishedBy,
        publishedAt: v.publishedAt,
        summary: v.summary,
      })),
    },
    200,
    READ_HEADERS,
  );
}

export async function getPlanVersionHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const year = yearOf(request);
  const version = Number(request.params.version ?? '');
  const repository = await openPlanRepository();
  const stored = Number.isSafeInteger(version) ? await repository.read(year, version) : null;
  if (!stored) {
    throw new HttpError(
      404,
      'plan_version_not_found',
      msg(
        `${year}年计划没有第 ${request.params.version} 版。`,
        `The ${year} plan has no version ${request.params.version}.`,
      ),
      { year, version: request.params.version },
    );
  }
  return jsonResponse(planBody(stored), 200, READ_HEADERS);
}

// ---------------------------------------------------------------------------------------------------------
// PUT /api/plans/{year}

/** The audit line of a publish: rows, annual total and the change against the previous version. */
export function publishSummary(
  input: PlanVersionInput,
  annual: number,
  version: number,
  previous: StoredPlan | null,
): { summary: Bilingual; details: Record<string, unknown> } {
  const total = amountText(annual, input.unit);
  const head = msg(
    `发布${input.year}年计划第 ${version} 版：${input.rows.length} 行，年度合计 ${total['zh-CN']}`,
    `Published the ${input.year} plan, version ${version}: ${input.rows.length} rows, annual total ${total['en-US']}`,
  );
  if (!previous) {
    return {
      summary: msg(`${head['zh-CN']}（首次发布）。`, `${head['en-US']} (first version).`),
      details: {
        year: input.year,
        version,
        unit: input.unit,
        rows: input.rows.length,
        annual,
        previous: null,
      },
    };
  }
  const prior = previous.info;
  const delta = exactSum([annual, -prior.annual]);
  const percent = prior.annual > 0 ? Math.round((delta / prior.annual) * 1000) / 10 : null;
  const sign = delta > 0 ? '+' : '';
  const deltaText = amountText(delta, input.unit);
  const percentText = percent === null ? '' : `（${sign}${percent}%）`;
  const percentTextEn = percent === null ? '' : ` (${sign}${percent}%)`;
  const rows = rowChanges(previous.plan.rows, input.rows);
  const unitNote =
    prior.unit === input.unit
      ? msg('', '')
      : msg(
          `；单位由${UNIT_NAMES[prior.unit][0]}改为${UNIT_NAMES[input.unit][0]}`,
          `; unit changed from ${UNIT_NAMES[prior.unit][1]} to ${UNIT_NAMES[input.unit][1]}`,
        );
  return {
    summary: msg(
      `${head['zh-CN']}；较第 ${prior.version} 版 ${sign}${deltaText['zh-CN']}${percentText}，新增 ${rows.added} 行、删除 ${rows.removed} 行、修改 ${rows.changed} 行${unitNote['zh-CN']}。`,
      `${head['en-US']}; vs version ${prior.version}: ${sign}${deltaText['en-US']}${percentTextEn}, rows ${rows.added} added, ${rows.removed} removed, ${rows.changed} changed${unitNote['en-US']}.`,
    ),
    details: {
      year: input.year,
      version,
      unit: input.unit,
      rows: input.rows.length,
      annual,
      previous: { version: prior.version, unit: prior.unit, rows: prior.rows, annual: prior.annual },
      change: { annual: delta, percent, ...rows },
    },
  };
}

function stale(year: number, current: PlanVersionInfo | null, sent: string | null): HttpError {
  if (!current) {
    return new HttpError(
      412,
      'plan_not_found',
      msg(
        `${year}年计划尚未发布，If-Match 无可匹配的版本。首次发布请不要带 If-Match（或带 If-None-Match: *）。`,
        `No plan has been published for ${year}, so If-Match matches nothing. Publish the first version without If-Match (or with If-None-Match: *).`,
      ),
      { year, current: null, sent },
    );
  }
  const who = publishedText(current);
  return new HttpError(
    412,
    'plan_changed',
    msg(
      `${year}年计划已更新：当前为${who['zh-CN']}，您手上的版本已过期。请重新加载最新计划，核对后再发布。`,
      `The ${year} plan has changed: it is now ${who['en-US']}, so your copy is out of date. Reload the latest plan, check it, then publish again.`,
    ),
    { year, current: currentDetails(current), sent },
    { ETag: current.etag },
  );
}

function preconditionRequired(year: number, current: PlanVersionInfo): HttpError {
  const who = publishedText(current);
  return new HttpError(
    428,
    'precondition_required',
    msg(
      `${year}年计划已有发布版本（${who['zh-CN']}）。发布新版本须在 If-Match 请求头中带上所依据版本的 ETag（当前为 ${current.etag}），以免覆盖他人的修改。`,
      `The ${year} plan already has a published version (${who['en-US']}). To publish a new one, send the ETag of the version you worked from in the If-Match header (the current one is ${current.etag}), so nobody's changes are overwritten.`,
    ),
    { year, current: currentDetails(current) },
    { ETag: current.etag },
  );
}

export async function publishPlanHandler(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const caller = requireRole(getCaller(request), 'Sales.Head');
  const year = yearOf(request);
  const body = await readJson(request, anyBody, { maxBytes: MAX_PLAN_BYTES });
  capList(body, 'rows', MAX_PLAN_ROWS, '行', 'rows');
  const parsed = parsePlanVersionInput(body);
  if (!parsed.ok) throw invalidInput(parsed.errors);
  const input = parsed.value;
  if (input.year !== year) {
    throw new HttpError(
      400,
      'year_mismatch',
      msg(
        `地址中的年度 ${year} 与内容中的年度 ${input.year} 不一致。`,
        `The year in the address (${year}) differs from the year in the body (${input.year}).`,
      ),
      { path: 'year', year, bodyYear: input.year },
    );
  }

  const repository = await openPlanRepository();
  const current = await repository.current(year);
  const expectedVersion = versionWorkedFrom(request, current, {
    versionOf: (tag) => versionOfEtag(year, tag),
    required: (published) => preconditionRequired(year, published),
    stale: (published, sent) => stale(year, published, sent),
  });

  // The version the publisher worked from (by number: a publish in between cannot swap it under us).
  const previous = expectedVersion === null ? null : await repository.read(year, expectedVersion);
  const annual = exactSum(input.rows.map((r) => r.annual));
  const version = (expectedVersion ?? 0) + 1;
  const { summary, details } = publishSummary(input, annual, version, previous);
  const publishedBy = caller.name || caller.id || 'unknown';
  let info: PlanVersionInfo;
  try {
    info = await repository.publish({
      input,
      expectedVersion,
      publishedBy,
      ...(caller.id ? { publishedById: caller.id } : {}),
      annual,
      summary,
    });
  } catch (err) {
    if (err instanceof PlanConflictError) throw stale(year, err.current, request.headers.get('if-match'));
    throw err;
  }

  // The plan is published once the pointer moved; a failing audit write must not turn that into an error.
  // The version entity itself keeps who, when and the summary (GET …/versions), so nothing is lost.
  try {
    await appendAudit({
      area: 'plan',
      action: 'publish',
      who: publishedBy,
      ...(caller.id ? { whoId: caller.id } : {}),
      when: info.publishedAt,
      summary,
      details,
    });
  } catch (err) {
    context.error(`Plan ${year} version ${info.version} published, but the audit log write failed`, err);
  }

  const answer: PlanVersion & { version: number; summary: Bilingual } = {
    ...input,
    publishedBy: info.publishedBy,
    publishedAt: info.publishedAt,
    version: info.version,
    summary,
  };
  return jsonResponse(answer, previous ? 200 : 201, {
    ETag: info.etag,
    Location: `/api/plans/${year}/versions/${info.version}`,
  });
}

// ---------------------------------------------------------------------------------------------------------
// POST /api/plans/{year}/progress

export async function planProgressHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const year = yearOf(request);
  const body = await readJson(request, anyBody, { maxBytes: MAX_PLAN_BYTES });
  const parsed = parseProgressRequest(body);
  if (!parsed.ok) throw invalidInput(parsed.errors);
  const stored = await (await openPlanRepository()).read(year);
  if (!stored) throw notPublished(year);
  const result = planProgress(stored.plan, parsed.value);
  if (!result.ok) throw invalidInput(result.errors);
  return jsonResponse(result.value, 200, { ETag: stored.info.etag });
}

// ---------------------------------------------------------------------------------------------------------
// POST /api/plans/{year}/values (=SALES.PLAN, batched)

export async function planValuesHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const year = yearOf(request);
  const body = await readJson(request, PlanValuesRequestSchema, { maxBytes: MAX_VALUES_BYTES });
  capList(body, 'queries', MAX_VALUE_QUERIES, '个查询', 'queries');
  const stored = await (await openPlanRepository()).read(year);
  if (!stored) throw notPublished(year);
  const lookup = planValueLookup(stored.plan);
  const results = body.queries.map((raw, i): PlanValueResult => {
    const checked = checkValueQuery(raw, i);
    return checked.ok ? lookup(checked.query) : { value: null, message: checked.message };
  });
  const answer: PlanValuesResponse = { year, version: stored.info.version, unit: stored.info.unit, results };
  return jsonResponse(answer, 200, { ETag: stored.info.etag });
}

// ---------------------------------------------------------------------------------------------------------

/** Rows for routes.ts. `{year:int}` keeps `plans/split` from ever reaching the year routes. */
export const planRoutes: readonly HttpRoute[] = [
  {
    name: 'plans-split',
    methods: ['POST'],
    route: 'plans/split',
    handler: withErrors(splitPlanHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'plans-get',
    methods: ['GET'],
    route: 'plans/{year:int}',
    handler: withErrors(getPlanHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'plans-publish',
    methods: ['PUT'],
    route: 'plans/{year:int}',
    handler: withErrors(publishPlanHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'plans-versions',
    methods: ['GET'],
    route: 'plans/{year:int}/versions',
    handler: withErrors(listPlanVersionsHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'plans-version',
    methods: ['GET'],
    route: 'plans/{year:int}/versions/{version:int}',
    handler: withErrors(getPlanVersionHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'plans-progress',
    methods: ['POST'],
    route: 'plans/{year:int}/progress',
    handler: withErrors(planProgressHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'plans-values',
    methods: ['POST'],
    route: 'plans/{year:int}/values',
    handler: withErrors(planValuesHandler),
    authLevel: 'anonymous',
  },
];
