/**
 * Approvals of special orders (特殊订单 / 审批单号) over HTTP: the sales head registers one (POST, audited);
 * anyone signed in lists them (GET, filtered by ref, customer, model). Validation reads the same store.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { ApprovalSchema } from '../contract/pricing';
import {
  getCaller,
  HttpError,
  jsonResponse,
  localized,
  readJson,
  requireRole,
  ROLES,
  withErrors,
} from '../http';
import type { HttpRoute } from '../routes';
import {
  ApprovalExistsError,
  openApprovalRepository,
  type ApprovalFilter,
  type StoredApproval,
} from '../storage/approvalRepository';
import { appendAudit } from '../storage/auditLog';
import { chinaTime } from './pricePolicy';

const msg = localized;
/** An approval is a few hundred bytes; this leaves room for a long note. */
export const MAX_APPROVAL_BYTES = 64 * 1024;

function alreadyRegistered(err: ApprovalExistsError): HttpError {
  const existing = err.existing;
  if (!existing) {
    return new HttpError(
      409,
      'approval_exists',
      msg(`审批单号 ${err.ref} 已登记，不能重复登记。`, `Approval ${err.ref} is already registered.`),
      { ref: err.ref },
    );
  }
  const at = chinaTime(existing.registeredAt);
  return new HttpError(
    409,
    'approval_exists',
    msg(
      `审批单号 ${err.ref} 已登记（${existing.ref}：${existing.customer}，${existing.model}，批准价 ${existing.minUnitPrice} ${existing.currency}，由 ${existing.registeredBy} 于 ${at}（北京时间）登记），不能重复登记。如需更改，请使用新的审批单号。`,
      `Approval ${err.ref} is already registered (${existing.ref}: ${existing.customer}, ${existing.model}, approved price ${existing.minUnitPrice} ${existing.currency}, registered by ${existing.registeredBy} on ${at} China time). To change it, issue a new approval reference.`,
    ),
    { ref: err.ref, existing },
  );
}

/**
 * Whether the stored approval is this very request, sent again by the same person: a retry after a 503 or a
 * lost answer. It is answered 200 with the stored approval, so the caller learns it exists; anything else
 * under the same ref stays a 409.
 */
function isReplay(
  existing: StoredApproval,
  approval: StoredApproval | Omit<StoredApproval, 'registeredBy' | 'registeredAt'>,
  registeredById: string | undefined,
  registeredBy: string,
): boolean {
  const fields = ['ref', 'customer', 'model', 'minUnitPrice', 'currency', 'validFrom', 'validTo'] as const;
  return (
    fields.every((f) => existing[f] === approval[f]) &&
    (existing.approvedBy ?? '') === (approval.approvedBy ?? '') &&
    (existing.note ?? '') === (approval.note ?? '') &&
    (existing.registeredById ?? existing.registeredBy) === (registeredById ?? registeredBy)
  );
}

const locationOf = (stored: StoredApproval): string => `/api/approvals?ref=${encodeURIComponent(stored.ref)}`;

// ── POST /api/approvals ────────────────────────────────────────────────────────────────────────────

export async function registerApprovalHandler(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const caller = requireRole(getCaller(request), 'Sales.Head');
  const input = await readJson(request, ApprovalSchema, { maxBytes: MAX_APPROVAL_BYTES });
  const who = caller.name || caller.id || 'unknown';
  const approval = { ...input, approvedBy: input.approvedBy?.trim() || who };

  const repository = await openApprovalRepository();
  let stored: StoredApproval;
  try {
    const result = await repository.register({
      approval,
      registeredBy: who,
      ...(caller.id ? { registeredById: caller.id } : {}),
    });
    stored = result.approval;
    if (result.stampError !== undefined) {
      context.error(
        `Approval ${stored.ref} stored, but its change stamp was not; caches catch up within 30 s`,
        result.stampError,
      );
    }
  } catch (err) {
    if (err instanceof ApprovalExistsError) {
      if (err.existing && isReplay(err.existing, approval, caller.id, who)) {
        return jsonResponse(err.existing, 200, { Location: locationOf(err.existing) });
      }
      throw alreadyRegistered(err);
    }
    throw err;
  }

  try {
    await appendAudit({
      area: 'pricePolicy',
      action: 'approve',
      who,
      ...(caller.id ? { whoId: caller.id } : {}),
      when: stored.registeredAt,
      summary: msg(
        `登记审批单 ${stored.ref}：${stored.customer} 的 ${stored.model} 批准价 ${stored.minUnitPrice} ${stored.currency}，有效期 ${stored.validFrom} 至 ${stored.validTo}`,
        `Registered approval ${stored.ref}: ${stored.model} for ${stored.customer} at ${stored.minUnitPrice} ${stored.currency}, valid ${stored.validFrom} to ${stored.validTo}`,
      ),
      details: stored,
    });
  } catch (err) {
    context.error(`Approval ${stored.ref} registered, but the audit log write failed`, err);
  }

  return jsonResponse(stored, 201, { Location: locationOf(stored) });
}

// ── GET /api/approvals?ref=&customer=&model= ─────────────────────────────────────────────────────────

export async function listApprovalsHandler(request: HttpRequest): Promise<HttpResponseInit> {
  requireRole(getCaller(request), ...ROLES);
  const filter: { -readonly [K in keyof ApprovalFilter]: ApprovalFilter[K] } = {};
  for (const field of ['ref', 'customer', 'model'] as const) {
    const value = request.query.get(field)?.trim();
    if (value) filter[field] = value;
  }
  const approvals = await (await openApprovalRepository()).find(filter);
  return jsonResponse({ approvals }, 200, { 'Cache-Control': 'no-cache' });
}

export const approvalRoutes: readonly HttpRoute[] = [
  {
    name: 'approvals-register',
    methods: ['POST'],
    route: 'approvals',
    handler: withErrors(registerApprovalHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'approvals-list',
    methods: ['GET'],
    route: 'approvals',
    handler: withErrors(listApprovalsHandler),
    authLevel: 'anonymous',
  },
];
