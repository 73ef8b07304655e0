// The tab's calls against the real pricing API: the dev host on an in-memory Azurite.
import { tokenFor } from '../support/signIn';
import { diffPolicies } from '../../../functions/src/domain/pricing/diffPolicies';
import { useAzurite as withAzurite } from '../../../functions/test/support/azurite';
import { useDevHost as withDevHost } from '../../../functions/test/support/http';
import { createApiClient } from '../../src/api/client';
import { readPolicySheet } from '../../src/pricePolicy';
import { fetchPublished, fetchVersions, publishPolicy } from '../../src/pricePolicy/policyApi';
import { DEFAULT_PRODUCTS, DEFAULT_RULES, policyGrid } from './policyGrid';

withAzurite();
const host = withDevHost();

/** The tab's client signed in as the head, or with other roles. */
const client = (roles = 'Sales.Head') =>
  createApiClient({
    baseUrl: host.baseUrl,
    getToken: async () => tokenFor(roles === 'Sales.Head' ? '王部长' : '张内勤', roles.split(',')),
  });

describe('price-policy API as the tab calls it', () => {
  it('publishes, detects a stale publish, refuses non-heads, and round-trips the sheet exactly', async () => {
    const api = client();
    expect(await fetchPublished(api)).toBeNull();
    expect(await fetchVersions(api)).toEqual({ current: null, versions: [] });

    const first = readPolicySheet(
      policyGrid({
        rules: [
          ...DEFAULT_RULES,
          ['R-02', 60, '类别:离心泵', '类别:Distributor', 20, '', '2026-03-01', '', '追加折扣', '3%', ''],
          ['R-03', 50, '全部', '片区:华东', '', '', '', '', '最低价', 'USD 300', '外贸底价'],
        ],
      }),
    );
    expect(first.problems).toEqual([]);
    const v1 = await publishPolicy(api, first.policy, null);
    expect(v1).toEqual({ kind: 'published', version: 1, effectiveDate: '2026-01-01' });

    const published = await fetchPublished(api);
    expect(published?.version).toBe(1);
    expect(published?.publishedBy).toBe('王部长');
    expect(published?.etag).toBeTruthy();
    // What the sheet says is what was stored: no difference after a round trip.
    expect(diffPolicies(published?.policy ?? null, first.policy).isEmpty).toBe(true);

    const second = readPolicySheet(policyGrid({ products: [DEFAULT_PRODUCTS[0]!] })).policy;
    expect(await publishPolicy(api, second, published?.etag ?? null)).toMatchObject({
      kind: 'published',
      version: 2,
    });

    // Publishing again from version 1's ETag: someone (we) published version 2 meanwhile.
    const stale = await publishPolicy(api, first.policy, published?.etag ?? null);
    expect(stale).toMatchObject({
      kind: 'conflict',
      current: { version: 2, publishedBy: '王部长' },
    });
    // A first publish (If-None-Match: *) when one exists is a conflict too.
    expect(await publishPolicy(api, first.policy, null)).toMatchObject({ kind: 'conflict' });

    const latest = await fetchPublished(api);
    expect(await publishPolicy(client('Sales.Manager'), first.policy, latest?.etag ?? null)).toEqual({
      kind: 'forbidden',
    });

    const versions = await fetchVersions(api);
    expect(versions.current).toBe(2);
    expect(versions.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions.versions[0]?.summary?.['zh-CN']).toContain('第 2 版');
  });

  it('rejects on the server what the sheet check rejects (tying rules → 422)', async () => {
    const tie = readPolicySheet(
      policyGrid({
        rules: [
          ['T-1', 1, '类别:潜水泵', '全部', '', '', '', '', '折扣上限', '20%', ''],
          ['T-2', 1, '类别:潜水泵', '全部', '', '', '', '', '固定价', 15000, ''],
        ],
      }),
    );
    expect(tie.problems.map((p) => p.code)).toEqual(['rules_tie', 'rules_tie']);
    const latest = await fetchPublished(client());
    const outcome = await publishPolicy(client(), tie.policy, latest?.etag ?? null);
    expect(outcome.kind).toBe('failed');
    if (outcome.kind === 'failed') {
      expect(outcome.error.status).toBe(422);
      expect(outcome.error.body?.error?.code).toBe('policy_has_errors');
    }
  });
});
