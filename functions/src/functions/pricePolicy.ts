/**
 * The price policy over HTTP (价格政策): read the latest version, the version in force on a day, every version;
 * publish a new one (Sales.Head only, with If-Match, checked by checkPolicy, audited). Thin shell: the body
 * is checked with the contract's schema, the judging is domain/pricing, storage is pricePolicyRepository.
 *
 * "Current" (`GET /api/price-policy`, the ETag, If-Match) is the latest PUBLISHED version: what the head edits
 * and what the next publish must name. Orders are judged by the version IN FORCE on their order date: the
 * latest effectiveDate on or before it, equal dates going to the later publish (selectVersion). A version
 * may be published with an effective date before an existing version's (e.g. a June change published after
 * a July price list): it is in force from its date until the next later effective date, and the answer and
 * the audit say so (`inForce.until`).
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  MAX_LISTED_PROBLEMS,
  MAX_POLICY_BYTES,
  PricePolicySchema,
  type Bilingual,
  type PolicyDiff,
  type PolicyProblem,
  type PricePolicy,
} from '../contract/pricing';
import {
  canPublish,
  checkPolicy,
  diffPolicies,
  inForceOf,
  isIsoDate,
  selectVersion,
  type InForce,
} from '../domain/pricing';
import { getCaller, HttpError, jsonResponse, readJson, requireRole, withErrors } from '../http';
import { chinaTime, ifNoneMatchNames, signedIn, versionWorkedFrom } from '../http/publishing';
import type { HttpRoute } from '../http/route';
import { appendAudit } from '../storage/auditLog';
import { StorageLimitError } from '../storage/limits';
import {
  openPricePolicyRepository,
  PolicyConflictError,
  versionOfPolicyEtag,
  type PolicyVersionInfo,
  type StoredPolicyVersion,
} from '../storage/pricePolicyRepository';
import { bilingual as msg } from '../contract/text';

/** Re-exported: approvals and tests import it from here. */
export { chinaTime };

const READ_HEADERS = { 'Cache-Control': 'no-cache' };

/** What every read answers for one version. */
export interface PolicyVersionBody {
  readonly version: number;
  readonly effectiveDate: string;
  readonly policy: PricePolicy;
  readonly publishedBy: string;
  readonly publishedAt: string;
  readonly summary: Bilingual;
}

// ── Small helpers ───────────────────────────────────────────────────────────────────────────────

function publishedText(info: PolicyVersionInfo): Bilingual {
  const at = chinaTime(info.publishedAt);
  return msg(
    `第 ${info.version} 版（${info.effectiveDate} 起生效），由 ${info.publishedBy} 于 ${at}（北京时间）发布`,
    `version ${info.version} (in force from ${info.effectiveDate}), published by ${info.publishedBy} on ${at} (China time)`,
  );
}

function versionBody(stored: StoredPolicyVersion): PolicyVersionBody {
  return {
    version: stored.version,
    effectiveDate: stored.effectiveDate,
    policy: stored.policy,
    publishedBy: stored.publishedBy,
    publishedAt: stored.publishedAt,
    summary: stored.summary,
  };
}

function notPublished(): HttpError {
  return new HttpError(
    404,
    'policy_not_found',
    msg(
      '尚未发布价格政策。请由销售部部长在“价格政策”页发布。',
      'No price policy has been published yet. The sales head publishes it on the Price policy tab.',
    ),
  );
}

// ── GET /api/price-policy[?at=YYYY-MM-DD] ───────────────────────────────────────────────────────────

export async function getPricePolicyHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const repository = await openPricePolicyRepository();
  const at = request.query.get('at');
  if (at !== null) return policyInForce(at, await repository.snapshot());

  if (request.headers.get('if-none-match')) {
    const current = await repository.current();
    if (current && ifNoneMatchNames(request, current.version, versionOfPolicyEtag)) {
      return { status: 304, headers: { ETag: current.etag, ...READ_HEADERS } };
    }
  }
  const stored = await repository.read();
  if (!stored) throw notPublished();
  return jsonResponse(versionBody(stored), 200, { ETag: stored.etag, ...READ_HEADERS });
}

function policyInForce(at: string, snapshot: { versions: readonly StoredPolicyVersion[] }): HttpResponseInit {
  const day = at.trim();
  if (!isIsoDate(day)) {
    throw new HttpError(
      400,
      'bad_date',
      msg(
        `参数 at 应为日期 YYYY-MM-DD（如 2026-03-05），实为 "${at}"。`,
        `The parameter "at" must be a date YYYY-MM-DD (e.g. 2026-03-05), found "${at}".`,
      ),
      { parameter: 'at', found: at },
    );
  }
  const found = selectVersion(snapshot.versions, day);
  if (!found) {
    if (snapshot.versions.length === 0) throw notPublished();
    const first = snapshot.versions.map((v) => v.effectiveDate).reduce((a, b) => (b < a ? b : a));
    throw new HttpError(
      404,
      'no_policy_in_force',
      msg(
        `${day} 没有生效的价格政策：最早的版本自 ${first} 起生效。`,
        `No price policy was in force on ${day}: the earliest version is in force from ${first}.`,
      ),
      { at: day, earliestEffectiveDate: first },
    );
  }
  return jsonResponse(versionBody(found), 200, { ETag: found.etag, ...READ_HEADERS });
}

// ── GET /api/price-policy/versions, GET /api/price-policy/versions/{version} ─────────────────────────

export async function listPricePolicyVersionsHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const repository = await openPricePolicyRepository();
  const versions = await repository.listVersions();
  const current = versions[0] ?? null;
  return jsonResponse(
    {
      current: current?.version ?? null,
      versions: versions.map((v) => ({
        version: v.version,
        etag: v.etag,
        effectiveDate: v.effectiveDate,
        inForce: inForceOf(versions, v),
        products: v.products,
        rules: v.rules,
        publishedBy: v.publishedBy,
        publishedAt: v.publishedAt,
        summary: v.summary,
      })),
    },
    200,
    READ_HEADERS,
  );
}

export async function getPricePolicyVersionHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const text = request.params.version ?? '';
  const version = Number(text);
  const repository = await openPricePolicyRepository();
  const stored = /^\d{1,6}$/.test(text) ? await repository.read(version) : null;
  if (!stored) {
    throw new HttpError(
      404,
      'policy_version_not_found',
      msg(`价格政策没有第 ${text} 版。`, `The price policy has no version ${text}.`),
      { version: text },
    );
  }
  return jsonResponse(versionBody(stored), 200, { ETag: stored.etag, ...READ_HEADERS });
}

// ── PUT /api/price-policy ──────────────────────────────────────────────────────────────────────────

function currentDetails(info: PolicyVersionInfo | null) {
  return info
    ? {
        version: info.version,
        etag: info.etag,
        effectiveDate: info.effectiveDate,
        publishedBy: info.publishedBy,
        publishedAt: info.publishedAt,
      }
    : null;
}

function stale(current: PolicyVersionInfo | null, sent: string | null): HttpError {
  if (!current) {
    return new HttpError(
      412,
      'policy_not_found',
      msg(
        '尚未发布价格政策，If-Match 无可匹配的版本。首次发布请不要带 If-Match（或带 If-None-Match: *）。',
        'No price policy has been published, so If-Match matches nothing. Publish the first version without If-Match (or with If-None-Match: *).',
      ),
      { current: null, sent },
    );
  }
  const who = publishedText(current);
  return new HttpError(
    412,
    'policy_changed',
    msg(
      `价格政策已被他人更新：最新为${who['zh-CN']}。您依据的版本已过期，未发布。请重新加载最新价格政策，核对差异后再发布。`,
      `The price policy was changed by someone else: the latest is ${who['en-US']}. The version you worked from is out of date, so nothing was published. Reload the latest policy, check the differences, then publish again.`,
    ),
    { current: currentDetails(current), sent },
    { ETag: current.etag },
  );
}

/** 422: the policy has errors (checkPolicy), nothing was published. Lists every problem with its `where`. */
export function policyHasErrors(problems: readonly PolicyProblem[]): HttpError {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors.slice(0, 3);
  const more = errors.length - first.length;
  return new HttpError(
    422,
    'policy_has_errors',
    msg(
      `价格政策有 ${errors.length} 处错误，未发布：${first.map((p) => p.message['zh-CN']).join('；')}${more > 0 ? `；另有 ${more} 处` : ''}`,
      `The price policy has ${errors.length} error(s), so it was not published: ${first.map((p) => p.message['en-US']).join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    ),
    {
      errors: errors.length,
      warnings: problems.length - errors.length,
      // Errors first, in checkPolicy's order (policy, products, caps, rules).
      problems: [...errors, ...problems.filter((p) => p.severity !== 'error')].slice(0, MAX_LISTED_PROBLEMS),
    },
  );
}

/** The audit and version summary of a publish: version, effective date, what changed, when it is in force. */
export function publishSummary(
  policy: PricePolicy,
  version: number,
  previous: PolicyVersionInfo | null,
  diff: PolicyDiff,
  inForce: InForce | null,
): Bilingual {
  const head = previous
    ? msg(
        `发布价格政策第 ${version} 版（${policy.effectiveDate} 起生效），较第 ${previous.version} 版：${diff.summary['zh-CN']}`,
        `Published price policy version ${version} (in force from ${policy.effectiveDate}); vs version ${previous.version}: ${diff.summary['en-US']}`,
      )
    : msg(
        `首次发布价格政策（第 ${version} 版，${policy.effectiveDate} 起生效）：${policy.products.length} 个型号、${policy.rules.length} 条规则`,
        `First price policy published (version ${version}, in force from ${policy.effectiveDate}): ${policy.products.length} models, ${policy.rules.length} rules`,
      );
  if (inForce?.until && inForce.followedBy !== null) {
    return msg(
      `${head['zh-CN']}。注意：仅适用于 ${inForce.from} 至 ${inForce.until} 的订单，其后仍按第 ${inForce.followedBy} 版执行。`,
      `${head['en-US']}. Note: it judges only orders dated ${inForce.from} to ${inForce.until}; later orders stay with version ${inForce.followedBy}.`,
    );
  }
  return msg(`${head['zh-CN']}。`, `${head['en-US']}.`);
}

function preconditionRequired(current: PolicyVersionInfo): HttpError {
  const who = publishedText(current);
  return new HttpError(
    428,
    'precondition_required',
    msg(
      `价格政策已有发布版本（${who['zh-CN']}）。发布新版本须在 If-Match 请求头中带上所依据版本的 ETag（当前为 ${current.etag}），以免覆盖他人的修改。`,
      `A price policy is already published (${who['en-US']}). To publish a new version, send the ETag of the version you worked from in the If-Match header (the latest is ${current.etag}), so nobody's changes are overwritten.`,
    ),
    { current: currentDetails(current) },
    { ETag: current.etag },
  );
}

export async function publishPricePolicyHandler(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const caller = requireRole(getCaller(request), 'Sales.Head');
  const policy = await readJson(request, PricePolicySchema, { maxBytes: MAX_POLICY_BYTES });

  const repository = await openPricePolicyRepository();
  const current = await repository.current();
  const expectedVersion = versionWorkedFrom(request, current, {
    versionOf: versionOfPolicyEtag,
    required: preconditionRequired,
    stale,
  });

  const problems = checkPolicy(policy);
  if (!canPublish(problems)) throw policyHasErrors(problems);

  // The version the publisher worked from (by number: a publish in between cannot swap it under us).
  const snapshot = await repository.snapshot();
  const previous =
    expectedVersion === null
      ? null
      : (snapshot.versions.find((v) => v.version === expectedVersion) ??
        (await repository.read(expectedVersion)));
  const diff = diffPolicies(previous?.policy ?? null, policy);
  const version = (expectedVersion ?? 0) + 1;
  const dated = [...snapshot.versions, { version, effectiveDate: policy.effectiveDate }];
  const inForce = inForceOf(dated, { version, effectiveDate: policy.effectiveDate });
  const summary = publishSummary(policy, version, previous, diff, inForce);
  const publishedBy = caller.name || caller.id || 'unknown';

  let info: PolicyVersionInfo;
  try {
    info = await repository.publish({
      policy,
      expectedVersion,
      publishedBy,
      ...(caller.id ? { publishedById: caller.id } : {}),
      summary,
    });
  } catch (err) {
    if (err instanceof PolicyConflictError) throw stale(err.current, request.headers.get('if-match'));
    throw err;
  }

  // Published once the pointer moved; a failing audit write must not turn that into an error. The version
  // entity keeps who, when and the summary (GET …/versions), so nothing is lost.
  const warnings = problems.filter((p) => p.severity !== 'error');
  await audit(context, {
    publishedBy,
    whoId: caller.id,
    info,
    summary,
    details: {
      version,
      effectiveDate: policy.effectiveDate,
      previousVersion: previous?.version ?? null,
      inForce,
      warnings: warnings.length,
      diff: {
        settings: diff.settings,
        products: diff.products,
        discountCaps: diff.discountCaps,
        rules: diff.rules,
      },
    },
  });

  return jsonResponse(
    { ...versionBody({ ...info, policy }), inForce, diff, warnings },
    previous ? 200 : 201,
    { ETag: info.etag, Location: `/api/price-policy/versions/${info.version}` },
  );
}

async function audit(
  context: InvocationContext,
  entry: {
    publishedBy: string;
    whoId: string;
    info: PolicyVersionInfo;
    summary: Bilingual;
    details: Record<string, unknown> & { diff: unknown };
  },
): Promise<void> {
  const write = (details: unknown) =>
    appendAudit({
      area: 'pricePolicy',
      action: 'publish',
      who: entry.publishedBy,
      ...(entry.whoId ? { whoId: entry.whoId } : {}),
      when: entry.info.publishedAt,
      summary: entry.summary,
      details,
    });
  try {
    try {
      await write(entry.details);
    } catch (err) {
      // A diff of thousands of models can outgrow one entity: keep the counts (the summary has them too).
      if (!(err instanceof StorageLimitError)) throw err;
      await write({ ...entry.details, diff: 'too large to keep; see the summary' });
    }
  } catch (err) {
    context.error(
      `Price policy version ${entry.info.version} published, but the audit log write failed`,
      err,
    );
  }
}

// ────────────────────────────────────────────────────────────────────────────────────────────────

/** Rows for routes.ts. */
export const pricePolicyRoutes: readonly HttpRoute[] = [
  {
    name: 'price-policy-get',
    methods: ['GET'],
    route: 'price-policy',
    handler: withErrors(getPricePolicyHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'price-policy-publish',
    methods: ['PUT'],
    route: 'price-policy',
    handler: withErrors(publishPricePolicyHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'price-policy-versions',
    methods: ['GET'],
    route: 'price-policy/versions',
    handler: withErrors(listPricePolicyVersionsHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'price-policy-version',
    methods: ['GET'],
    route: 'price-policy/versions/{version:int}',
    handler: withErrors(getPricePolicyVersionHandler),
    authLevel: 'anonymous',
  },
];
