/**
 * POST /api/prices/validate: judges sales lines against every published price policy version (each line by
 * the version in force on its order date) and the registered approvals. Thin shell around validateLines.
 *
 * Versions and approvals come from the repositories' process caches, which cost two point reads per request
 * (the policy pointer and the approvals stamp) and reload only when someone published or registered: twenty
 * requests in a row read storage twice each, never the documents, and a new publish is seen at once.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import {
  MAX_VALIDATE_BODY_BYTES,
  MAX_VALIDATE_LINES,
  VALIDATE_DETAILS,
  ColumnarValidateRequestSchema,
  ValidateRequestSchema,
  type CompactValidateResponse,
  type ValidateDetail,
  type ValidateResponse,
} from '../contract/pricing';
import { compactAnswer, decodeColumns, validateLines } from '../domain/pricing';
import { getCaller, HttpError, readJson, requireRole, ROLES, validate, withErrors } from '../http';
import type { HttpRoute } from '../http/route';
import { openApprovalRepository } from '../storage/approvalRepository';
import { openPricePolicyRepository } from '../storage/pricePolicyRepository';
import { bilingual as msg } from '../contract/text';

const DETAILS = VALIDATE_DETAILS;
type Detail = ValidateDetail;

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} B`;
}

function detailOf(request: HttpRequest): Detail {
  const given = request.query.get('detail');
  if (given === null || given === '') return 'full';
  if ((DETAILS as readonly string[]).includes(given)) return given as Detail;
  throw new HttpError(
    400,
    'bad_parameter',
    msg(
      `参数 detail 应为 full、flagged 或 compact，实为 "${given}"。`,
      `The parameter "detail" must be full, flagged or compact, found "${given}".`,
    ),
    { parameter: 'detail', found: given, expected: DETAILS },
  );
}

/** 413 for a body over MAX_VALIDATE_BODY_BYTES, saying the limit and what was sent. */
function bodyTooLarge(err: HttpError): HttpError {
  const details = (err.details ?? {}) as { maxBytes?: number; receivedAtLeast?: number };
  const sent = details.receivedAtLeast ?? MAX_VALIDATE_BODY_BYTES + 1;
  const limit = sizeText(MAX_VALIDATE_BODY_BYTES);
  return new HttpError(
    413,
    'payload_too_large',
    msg(
      `请求内容过大：上限 ${limit}，本次至少 ${sizeText(sent)}。请分批提交（每批不超过 ${MAX_VALIDATE_LINES} 行）。`,
      `The request body is too large: the limit is ${limit}, this one is at least ${sizeText(sent)}. Send the lines in batches (at most ${MAX_VALIDATE_LINES} per request).`,
    ),
    { maxBytes: MAX_VALIDATE_BODY_BYTES, receivedAtLeast: sent },
  );
}

function tooManyLines(received: number): HttpError {
  return new HttpError(
    413,
    'too_many_lines',
    msg(
      `一次最多校验 ${MAX_VALIDATE_LINES} 行，本次 ${received} 行。请分批提交。`,
      `At most ${MAX_VALIDATE_LINES} lines per request; this one has ${received}. Send them in batches.`,
    ),
    { maxLines: MAX_VALIDATE_LINES, received },
  );
}

/**
 * The lines of either request form: `{ lines: [...] }`, or the columnar form (`form: "columns"`) the
 * add-in sends, rebuilt into the same lines. The line cap holds for both (413).
 */
function requestLines(raw: unknown): unknown[] {
  if (typeof raw === 'object' && raw !== null && 'form' in raw) {
    const body = validate(ColumnarValidateRequestSchema, raw);
    if (body.count > MAX_VALIDATE_LINES) throw tooManyLines(body.count);
    return decodeColumns(body);
  }
  const body = validate(ValidateRequestSchema, raw);
  if (body.lines.length > MAX_VALIDATE_LINES) throw tooManyLines(body.lines.length);
  return body.lines;
}

export async function validatePricesHandler(request: HttpRequest): Promise<HttpResponseInit> {
  requireRole(getCaller(request), ...ROLES);
  const detail = detailOf(request);
  // Storage is read while the body arrives and is parsed.
  const loading = Promise.all([
    openPricePolicyRepository().then((r) => r.snapshot()),
    openApprovalRepository().then((r) => r.all()),
  ]);
  loading.catch(() => undefined); // awaited below; a body error must not leave it unhandled
  let raw: unknown;
  try {
    raw = await readJson(request, z.unknown(), { maxBytes: MAX_VALIDATE_BODY_BYTES });
  } catch (err) {
    if (err instanceof HttpError && err.status === 413) throw bodyTooLarge(err);
    throw err;
  }
  const lines = requestLines(raw);

  const [snapshot, approvals] = await loading;
  const judged: ValidateResponse = validateLines(snapshot.versions, lines, approvals, { detail });
  const answer: ValidateResponse | CompactValidateResponse =
    detail === 'compact' ? compactAnswer(judged) : judged;
  // Encoded here rather than as `jsonBody`: the host would turn the text into a well-formed-UTF-16 copy
  // before encoding it, about a third more work on a 1.6 MB answer of 5,000 lines.
  return {
    status: 200,
    body: Buffer.from(JSON.stringify(answer), 'utf8'),
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  };
}

export const priceValidationRoutes: readonly HttpRoute[] = [
  {
    name: 'prices-validate',
    methods: ['POST'],
    route: 'prices/validate',
    handler: withErrors(validatePricesHandler),
    authLevel: 'anonymous',
  },
];
