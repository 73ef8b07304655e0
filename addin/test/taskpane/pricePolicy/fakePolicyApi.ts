// An in-memory stand-in for the price-policy endpoints (docs/api-pricing.md), as a fetchImpl: the
// published versions with ETags, If-Match / If-None-Match, 404 before the first publish, 412, 403.
import type { PricePolicy } from '../../../../functions/src/contract/pricing';
import { jsonResponse as response } from '../../support/response';

interface Version {
  version: number;
  effectiveDate: string;
  policy: PricePolicy;
  publishedBy: string;
  publishedAt: string;
  summary: { 'zh-CN': string; 'en-US': string };
}

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const etagOf = (v: number) => `"policy-v${v}"`;

const error = (status: number, code: string, zh: string, en: string, details?: unknown) =>
  response(status, {
    error: { code, message: { 'zh-CN': zh, 'en-US': en }, ...(details ? { details } : {}) },
  });

export class FakePolicyApi {
  readonly versions: Version[] = [];
  readonly calls: Call[] = [];
  /** Answer every PUT with this status (403: the caller is not the sales head). */
  putStatus: number | null = null;

  /** Someone publishes directly (another head, another pane). */
  publishAs(policy: PricePolicy, who: string, at = '2026-03-05T02:20:00.000Z'): Version {
    const v: Version = {
      version: this.versions.length + 1,
      effectiveDate: policy.effectiveDate,
      policy: JSON.parse(JSON.stringify(policy)) as PricePolicy,
      publishedBy: who,
      publishedAt: at,
      summary: {
        'zh-CN': `第 ${this.versions.length + 1} 版`,
        'en-US': `version ${this.versions.length + 1}`,
      },
    };
    this.versions.push(v);
    return v;
  }

  get current(): Version | undefined {
    return this.versions[this.versions.length - 1];
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const path = url.pathname.replace(/^\/api/, '');
    const method = init?.method ?? 'GET';
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    this.calls.push({ method, path, headers, body });
    const current = this.current;

    if (method === 'GET' && path === '/price-policy') {
      if (!current) return error(404, 'policy_not_found', '尚未发布价格政策。', 'No price policy yet.');
      const { version, effectiveDate, policy, publishedBy, publishedAt, summary } = current;
      return response(
        200,
        { version, effectiveDate, policy, publishedBy, publishedAt, summary },
        { ETag: etagOf(version) },
      );
    }
    if (method === 'GET' && path === '/price-policy/versions') {
      return response(200, {
        current: current?.version ?? null,
        versions: [...this.versions]
          .reverse()
          .map(({ policy: _policy, ...v }) => ({ ...v, etag: etagOf(v.version) })),
      });
    }
    const one = method === 'GET' ? /^\/price-policy\/versions\/(\d+)$/.exec(path) : null;
    if (one) {
      const v = this.versions.find((x) => x.version === Number(one[1]));
      if (!v) return error(404, 'policy_version_not_found', '没有此版本。', 'No such version.');
      return response(200, v, { ETag: etagOf(v.version) });
    }
    if (method === 'PUT' && path === '/price-policy') {
      if (this.putStatus === 403) {
        return error(
          403,
          'forbidden',
          '没有权限：此操作需要角色 Sales.Head。',
          'Not allowed: this needs Sales.Head.',
        );
      }
      const ifMatch = headers['if-match'];
      const stale = (current && ifMatch !== etagOf(current.version)) || (!current && ifMatch !== undefined);
      if (stale) {
        return error(
          412,
          'policy_changed',
          '价格政策已被他人更新。',
          'The price policy was changed by someone else.',
          {
            current: current
              ? {
                  version: current.version,
                  etag: etagOf(current.version),
                  effectiveDate: current.effectiveDate,
                  publishedBy: current.publishedBy,
                  publishedAt: current.publishedAt,
                }
              : null,
          },
        );
      }
      const v = this.publishAs(body as PricePolicy, 'Local developer', '2026-03-06T01:00:00.000Z');
      return response(current ? 200 : 201, { ...v }, { ETag: etagOf(v.version) });
    }
    return error(404, 'not_found', '没有此接口', 'No such route');
  };
}
