/**
 * Checks a parsed JSON body before anything recursive sees it (zod, error messages, storage): nesting at
 * most MAX_JSON_DEPTH deep, and every string and key well-formed UTF-16 (a lone surrogate such as
 * `"\ud800"` is valid JSON but cannot be stored, URL-encoded or shown). The walk is a loop over an explicit
 * stack, so a hostile body cannot overflow the call stack here either.
 */
import { bilingual } from '../contract/text';
import { formatPath } from './formatPath';
import { HttpError } from './responses';

/** No request of this API nests deeper than about 5; 64 leaves room and keeps zod's recursion shallow. */
export const MAX_JSON_DEPTH = 64;

// Any surrogate at all is rare in real text; only then is the exact check needed.
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wellFormed(text: string): boolean {
  return !SURROGATE.test(text) || !LONE_SURROGATE.test(text);
}

function badText(path: string): HttpError {
  const where = path || '（整体）';
  return new HttpError(
    400,
    'bad_text',
    bilingual(
      `${where}：文字中含有无效的 Unicode 字符（孤立的代理项，例如 \\ud800）。请删除该字符后重新提交。`,
      `${path || '(root)'}: the text holds an invalid Unicode character (a lone surrogate such as \\ud800). Remove it and try again.`,
    ),
    { path },
  );
}

/**
 * Throws 400 `too_deep` or `bad_text` (naming the path); answers `value` unchanged otherwise. Given the
 * JSON `text` the value was parsed from, strings are only looked at when the text has a `\uD8xx`-style
 * escape: the body was decoded as strict UTF-8, so a lone surrogate can come from nowhere else.
 */
export function checkBodyShape(value: unknown, text?: string): unknown {
  const strings = text === undefined || SURROGATE_ESCAPE.test(text);
  const problem = findProblem(value, false, strings);
  if (problem) throw toError(findProblem(value, true, true) ?? problem);
  return value;
}

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

interface Problem {
  readonly kind: 'too_deep' | 'bad_text';
  /** Filled in by the second, slower walk that keeps paths (only run once a problem is known). */
  readonly path: (string | number)[];
}

/**
 * One iterative walk. The fast walk (`withPaths` false) keeps values and depths in two flat arrays and no
 * paths: a 5,000-line batch has tens of thousands of values, and bodies are almost always fine.
 */
function findProblem(root: unknown, withPaths: boolean, strings: boolean): Problem | undefined {
  if (typeof root === 'string') return wellFormed(root) ? undefined : { kind: 'bad_text', path: [] };
  // Without strings to check, only containers need visiting: a line with no nested object costs nothing.
  const check = strings ? wellFormed : (): boolean => true;
  if (root === null || typeof root !== 'object') return undefined;
  const values: object[] = [root];
  const depths: number[] = [1];
  const paths: (string | number)[][] = withPaths ? [[]] : [];
  while (values.length > 0) {
    const value = values.pop() as object;
    const depth = depths.pop() as number;
    const path = withPaths ? (paths.pop() as (string | number)[]) : [];
    if (depth > MAX_JSON_DEPTH) return { kind: 'too_deep', path };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (typeof child === 'string') {
          if (!check(child)) return { kind: 'bad_text', path: [...path, i] };
        } else if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
          if (withPaths) paths.push([...path, i]);
        }
      }
    } else {
      const record = value as Record<string, unknown>;
      for (const key in record) {
        if (!check(key)) return { kind: 'bad_text', path: [...path, key] };
        const child = record[key];
        if (typeof child === 'string') {
          if (!check(child)) return { kind: 'bad_text', path: [...path, key] };
        } else if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
          if (withPaths) paths.push([...path, key]);
        }
      }
    }
  }
  return undefined;
}

function toError(problem: Problem): HttpError {
  if (problem.kind === 'bad_text') return badText(formatPath(problem.path));
  const at = formatPath(problem.path.slice(0, 8));
  return new HttpError(
    400,
    'too_deep',
    bilingual(
      `请求内容嵌套过深：超过 ${MAX_JSON_DEPTH} 层（从 ${at || '（整体）'} 往下）。`,
      `The request body is nested too deeply: more than ${MAX_JSON_DEPTH} levels (below ${at || '(root)'}).`,
    ),
    { maxDepth: MAX_JSON_DEPTH },
  );
}
