/**
 * Azure Functions route templates (ASP.NET style) for the dev host: literal segments match
 * case-insensitively; `{name}`, `{name?}` (last segments only), `{name:int}` (int, long, alpha,
 * bool, guid, decimal, double), `{*rest}` (catch-all). Precedence like ASP.NET: literal before
 * constrained before plain before optional before catch-all, so `plans/current` wins over `plans/{year}`.
 */

type Segment =
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'param';
      readonly name: string;
      readonly optional: boolean;
      readonly constraint?: (value: string) => boolean;
      readonly sample: string;
    }
  | { readonly kind: 'catchAll'; readonly name: string };

export interface RouteTemplate {
  readonly template: string;
  /** Lower sorts first. */
  readonly rank: readonly number[];
  /** Route params if `path` (without `api/`, no leading slash, not decoded) matches; else null. */
  match(path: string): Record<string, string> | null;
  /** A concrete path this template matches, parameters filled with sample values (for tests). */
  example(): string;
}

const SAMPLES: Record<string, string> = {
  int: '2026',
  long: '2026',
  alpha: 'abc',
  bool: 'true',
  guid: '6f1c2a3b-1d2e-4f5a-8b9c-0d1e2f3a4b5c',
  decimal: '12.5',
  double: '12.5',
};

const CONSTRAINTS: Record<string, (v: string) => boolean> = {
  int: (v) => /^-?\d+$/.test(v),
  long: (v) => /^-?\d+$/.test(v),
  alpha: (v) => /^[A-Za-z]+$/.test(v),
  bool: (v) => /^(true|false)$/i.test(v),
  guid: (v) => /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(v),
  decimal: (v) => /^-?\d+(\.\d+)?$/.test(v),
  double: (v) => /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v),
};

export function compileRoute(template: string): RouteTemplate {
  const raw = template.replace(/^\/+|\/+$/g, '');
  const segments: Segment[] = raw === '' ? [] : raw.split('/').map((s) => parseSegment(s, template));
  segments.forEach((s, i) => {
    const last = i === segments.length - 1;
    if (s.kind === 'catchAll' && !last)
      throw new Error(`Route "${template}": {*${s.name}} must be the last segment.`);
    if (
      s.kind === 'param' &&
      s.optional &&
      segments.slice(i + 1).some((n) => n.kind !== 'param' || !n.optional)
    ) {
      throw new Error(
        `Route "${template}": optional {${s.name}?} may only be followed by optional parameters.`,
      );
    }
  });
  const rank = segments.map((s) =>
    s.kind === 'literal' ? 0 : s.kind === 'catchAll' ? 4 : s.optional ? 3 : s.constraint ? 1 : 2,
  );

  return {
    template,
    rank,
    match(path) {
      const parts = path === '' ? [] : path.split('/');
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const segment = segments[i];
        if (!segment) return null;
        if (segment.kind === 'catchAll') {
          params[segment.name] = parts.slice(i).map(safeDecode).join('/');
          return params;
        }
        const part = parts[i];
        if (part === undefined || part === '') {
          if (segment.kind === 'param' && segment.optional) continue;
          return null;
        }
        const value = safeDecode(part);
        if (segment.kind === 'literal') {
          if (value.toLowerCase() !== segment.text.toLowerCase()) return null;
        } else {
          if (segment.constraint && !segment.constraint(value)) return null;
          params[segment.name] = value;
        }
      }
      return parts.length <= segments.length ? params : null;
    },
    example() {
      return segments
        .map((s) =>
          s.kind === 'literal' ? s.text : s.kind === 'catchAll' ? 'a/b' : encodeURIComponent(s.sample),
        )
        .join('/');
    },
  };
}

function parseSegment(text: string, template: string): Segment {
  const param = /^\{(\*?)([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+))?(\??)\}$/.exec(text);
  if (!param) {
    if (/[{}]/.test(text))
      throw new Error(`Route "${template}": segment "${text}" is not supported by the dev host.`);
    return { kind: 'literal', text };
  }
  const [, star, name = '', constraintName, optional] = param;
  if (star) return { kind: 'catchAll', name };
  const isOptional = optional === '?';
  if (!constraintName) return { kind: 'param', name, optional: isOptional, sample: 'sample' };
  const constraint = CONSTRAINTS[constraintName.toLowerCase()];
  if (!constraint)
    throw new Error(`Route "${template}": constraint ":${constraintName}" is not supported by the dev host.`);
  return {
    kind: 'param',
    name,
    optional: isOptional,
    constraint,
    sample: SAMPLES[constraintName.toLowerCase()] ?? '1',
  };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Negative if `a` should be tried before `b`. */
export function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return y === undefined ? 0 : -1;
    if (y === undefined) return 1;
    if (x !== y) return x - y;
  }
  return 0;
}
