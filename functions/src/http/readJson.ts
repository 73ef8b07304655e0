import type { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { checkBodyShape } from './bodyShape';
import { locateJsonError } from './jsonPosition';
import { bilingual, type Bilingual } from '../contract/text';
import { HttpError } from './responses';
import { formatPath } from './formatPath';

export interface ReadJsonOptions {
  /** Largest accepted body in bytes (UTF-8 as sent). Larger bodies get 413. */
  readonly maxBytes: number;
}

/** One failed check of the request body, e.g. `{ path: 'lines[3].qty', ... }`. */
export interface ValidationIssue {
  readonly path: string;
  readonly code: string;
  readonly message: Bilingual;
}

/** Issues listed in one 400 response; the rest are counted, not listed (a 5000-row batch can fail everywhere). */
const MAX_LISTED_ISSUES = 100;

/**
 * Reads the body as JSON with a byte cap and validates it with `schema`.
 * Throws `HttpError` 413 (too large), 400 `empty_body`, 400 `bad_encoding`, 400 `bad_json`
 * (with line/column/position), 400 `too_deep` / `bad_text` (nesting, lone surrogates: see bodyShape.ts)
 * or 400 `validation_failed` (with every failing path).
 */
export async function readJson<S extends z.ZodType>(
  request: HttpRequest,
  schema: S,
  options: ReadJsonOptions,
): Promise<z.output<S>> {
  const bytes = await readBodyCapped(request, options.maxBytes);
  if (bytes.length === 0) {
    throw new HttpError(
      400,
      'empty_body',
      bilingual('请求内容为空，应为 JSON。', 'The request body is empty; JSON was expected.'),
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(
      400,
      'bad_encoding',
      bilingual('请求内容不是有效的 UTF-8 文本。', 'The request body is not valid UTF-8 text.'),
    );
  }
  return validate(schema, parseJson(text));
}

async function readBodyCapped(request: HttpRequest, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes, declared);
  const body = request.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes, total);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(maxBytes: number, receivedAtLeast: number): HttpError {
  const limit = formatBytes(maxBytes);
  return new HttpError(
    413,
    'payload_too_large',
    bilingual(
      `请求内容过大：超过上限 ${limit}。请分批提交（例如每次少提交一些行）。`,
      `The request body is too large: it exceeds the limit of ${limit}. Send it in smaller batches (fewer rows per request).`,
    ),
    { maxBytes, receivedAtLeast },
  );
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} B`;
}

/**
 * JSON.parse, turning its error into a 400 that names line, column and position (1-based line/column),
 * then the body checks every handler needs before validation (depth, lone surrogates: bodyShape.ts).
 */
export function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = locateJsonError(text);
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    const near = text.slice(Math.max(0, position - 20), position + 20);
    throw new HttpError(
      400,
      'bad_json',
      bilingual(
        `请求内容不是有效的 JSON：第 ${line} 行第 ${column} 列（位置 ${position}）附近有误。`,
        `The request body is not valid JSON: error at line ${line}, column ${column} (position ${position}).`,
      ),
      // The parser's own words quote the text: keep them short (the body may be megabytes).
      { position, line, column, near, parser: message.slice(0, 200) },
    );
  }
  return checkBodyShape(value, text);
}

const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

/** Validates with zod; every issue keeps its path (`lines[3].qty`) and a zh-CN + en-US message. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  // zod finalises one message per issue; to get both languages we let the per-parse error map
  // render both locales while the raw issue is still at hand, and hand back a lookup token.
  const rendered = new Map<string, Bilingual>();
  const result = schema.safeParse(value, {
    error: (issue) => {
      const token = `\u0000l10n:${rendered.size}`;
      rendered.set(token, bilingual(errorText(zh(issue)), errorText(en(issue))));
      return token;
    },
  });
  if (result.success) return result.data;

  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    code: issue.code,
    // A message written in the schema itself wins; it is used for both languages.
    message: rendered.get(issue.message) ?? bilingual(issue.message, issue.message),
  }));
  const listed = issues.slice(0, MAX_LISTED_ISSUES);
  const first = listed.slice(0, 3).map((i) => ({
    zh: `${i.path || '（整体）'}：${i.message['zh-CN']}`,
    en: `${i.path || '(root)'}: ${i.message['en-US']}`,
  }));
  const more = issues.length > 3 ? issues.length - 3 : 0;
  throw new HttpError(
    400,
    'validation_failed',
    bilingual(
      `请求内容有 ${issues.length} 处不符合要求。${first.map((f) => f.zh).join('；')}${more ? `；另有 ${more} 处` : ''}`,
      `The request body has ${issues.length} problem(s). ${first.map((f) => f.en).join('; ')}${more ? `; and ${more} more` : ''}`,
    ),
    { issues: listed, total: issues.length },
  );
}

function errorText(rendered: string | { message: string } | null | undefined): string {
  if (typeof rendered === 'string') return rendered;
  return rendered?.message ?? 'Invalid input';
}

// Kept here for the modules that import it from readJson (bodyShape imports formatPath.ts: no circle).
export { formatPath };
