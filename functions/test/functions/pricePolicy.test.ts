/** The price policy API through real HTTP on the dev host, with storage on a fresh in-memory Azurite. */
import type { PolicyProblem, PricePolicyInput } from '../../src/contract/pricing';
import { inForceOf } from '../../src/domain/pricing';
import { chinaTime } from '../../src/functions/pricePolicy';
import { listAudit } from '../../src/storage/auditLog';
import { CLERK, HEAD, HEAD_2, samplePolicy as readSamplePolicy, useApi, type Text } from '../support/api';

interface VersionBody {
  version: number;
  effectiveDate: string;
  policy: PricePolicyInput;
  publishedBy: string;
  publishedAt: string;
  summary: Text;
  inForce?: { from: string; until: string | null; followedBy: number | null };
  warnings?: PolicyProblem[];
}

const samplePolicy = readSamplePolicy();

describe('price policy API over HTTP', () => {
  const { host, call } = useApi();

  const tie: PricePolicyInput = {
    ...samplePolicy,
    rules: [
      ...(samplePolicy.rules ?? []),
      {
        id: 'T-A',
        priority: 10,
        product: { productType: '潜水泵' },
        effect: { kind: 'discountCap', pct: 20 },
      },
      {
        id: 'T-B',
        priority: 10,
        product: { productType: '潜水泵' },
        effect: { kind: 'discountCap', pct: 25 },
      },
    ],
  };

  it('answers 404 with a bilingual JSON body before anything is published', async () => {
    const res = await call('GET', 'price-policy');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body.error.code).toBe('policy_not_found');
    expect(res.body.error.message['zh-CN']).toContain('尚未发布价格政策');
    expect(res.body.error.message['en-US']).toContain('No price policy');
    const versions = await call<{ current: number | null; versions: unknown[] }>(
      'GET',
      'price-policy/versions',
    );
    expect(versions.body).toEqual({ current: null, versions: [] });
  });

  it('lets only the sales head publish', async () => {
    const res = await call('PUT', 'price-policy', samplePolicy, CLERK);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(res.body.error.message['zh-CN']).toContain('Sales.Head');
    expect((await call('GET', 'price-policy')).status).toBe(404);
  });

  it('answers 400 to malformed JSON and to a body that is not a policy, listing the paths', async () => {
    const broken = await call('PUT', 'price-policy', '{"effectiveDate": "2026-01-01",', HEAD);
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('bad_json');

    const wrong = await call(
      'PUT',
      'price-policy',
      {
        effectiveDate: '2026-01-01',
        products: [{ model: 'X', listPrice: '12' }],
        rules: [{ id: 'R', effect: {} }],
      },
      HEAD,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('validation_failed');
    const paths = (wrong.body.error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['products[0].listPrice', 'rules[0].effect.kind']));
    expect((await call('GET', 'price-policy')).status).toBe(404);
  });

  it('refuses a policy with errors with 422, naming both tying rules, and publishes nothing', async () => {
    const res = await call('PUT', 'price-policy', tie, HEAD);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('policy_has_errors');
    const problems = (res.body.error.details as { problems: PolicyProblem[]; errors: number }).problems;
    const tied = problems.find((p) => p.code === 'rules_tie');
    expect(tied).toMatchObject({
      severity: 'error',
      where: { section: 'rules', index: 8, ruleId: 'T-B' },
      also: [{ section: 'rules', index: 7, ruleId: 'T-A' }],
    });
    expect(res.body.error.message['zh-CN']).toMatch(/T-A.*T-B/);
    expect(res.body.error.message['en-US']).toMatch(/T-A and T-B tie/);

    const floorAboveList = await call(
      'PUT',
      'price-policy',
      { ...samplePolicy, products: [{ model: 'QJ50-52', listPrice: 1000, floorPrice: 1200 }], rules: [] },
      HEAD,
    );
    expect(floorAboveList.status).toBe(422);
    const where = (floorAboveList.body.error.details as { problems: PolicyProblem[] }).problems.map(
      (p) => p.where,
    );
    expect(where).toContainEqual(expect.objectContaining({ section: 'products', index: 0 }));
    expect((await call('GET', 'price-policy')).status).toBe(404);
  });

  let v1Etag = '';
  let v1At = '';

  it('publishes the sample workbook policy cleanly as version 1, audited', async () => {
    const res = await call<VersionBody>('PUT', 'price-policy', samplePolicy, HEAD);
    expect(res.status).toBe(201);
    v1Etag = res.headers.get('etag') ?? '';
    expect(v1Etag).toBe('"price-policy-v1"');
    expect(res.headers.get('location')).toBe('/api/price-policy/versions/1');
    expect(res.body).toMatchObject({
      version: 1,
      effectiveDate: '2026-01-01',
      publishedBy: '王部长',
      inForce: { from: '2026-01-01', until: null, followedBy: null },
      warnings: [],
    });
    expect(res.body.policy.products).toHaveLength(37);
    expect(res.body.summary['zh-CN']).toContain('首次发布价格政策');
    v1At = res.body.publishedAt;

    const read = await call<VersionBody>('GET', 'price-policy');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(v1Etag);
    expect(Object.keys(read.body).sort()).toEqual(
      ['effectiveDate', 'policy', 'publishedAt', 'publishedBy', 'summary', 'version'].sort(),
    );
    expect(read.body.policy.rules?.map((r) => r.id)).toEqual(samplePolicy.rules?.map((r) => r.id));
    expect(read.body.policy.discountCaps).toEqual(samplePolicy.discountCaps);

    const unchanged = await fetch(`${host.baseUrl}/price-policy`, {
      headers: { ...CLERK, 'if-none-match': v1Etag },
    });
    expect(unchanged.status).toBe(304);

    const audit = await listAudit('pricePolicy');
    expect(audit[0]).toMatchObject({ action: 'publish', who: '王部长', whoId: 'oid-王部长' });
    expect(audit[0]?.details).toMatchObject({ version: 1, previousVersion: null });
    expect(
      (audit[0]?.details as { diff: { products: { added: string[] } } }).diff.products.added,
    ).toHaveLength(37);
  });

  it('asks for If-Match once a policy exists (428)', async () => {
    const res = await call('PUT', 'price-policy', samplePolicy, HEAD);
    expect(res.status).toBe(428);
    expect(res.body.error.code).toBe('precondition_required');
    expect(res.headers.get('etag')).toBe(v1Etag);
    const any = await call('PUT', 'price-policy', samplePolicy, { ...HEAD, 'if-none-match': '*' });
    expect(any.status).toBe(412);
  });

  it('publishes version 2 with If-Match, and refuses a stale ETag with 412 naming who published and when', async () => {
    const v2: PricePolicyInput = {
      ...samplePolicy,
      effectiveDate: '2026-07-01',
      products: samplePolicy.products.map((p) => (p.model === 'QJ50-52' ? { ...p, listPrice: 6000 } : p)),
    };
    const res = await call<VersionBody & { diff: { products: { changed: { key: string }[] } } }>(
      'PUT',
      'price-policy',
      v2,
      { ...HEAD_2, 'if-match': v1Etag },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"price-policy-v2"');
    expect(res.body.diff.products.changed.map((c) => c.key)).toEqual(['QJ50-52']);
    expect(res.body.summary['zh-CN']).toContain('较第 1 版');

    const stale = await call('PUT', 'price-policy', samplePolicy, { ...HEAD, 'if-match': v1Etag });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('policy_changed');
    expect(stale.headers.get('etag')).toBe('"price-policy-v2"');
    const at = chinaTime(res.body.publishedAt);
    expect(stale.body.error.message['zh-CN']).toContain(`由 赵部长 于 ${at}（北京时间）发布`);
    expect(stale.body.error.message['en-US']).toContain(`published by 赵部长 on ${at} (China time)`);
    expect((await call<VersionBody>('GET', 'price-policy')).body.version).toBe(2);
  });

  it('serves the version in force on a day, every version, and one version by number', async () => {
    const march = await call<VersionBody>('GET', 'price-policy?at=2026-03-10');
    expect(march.status).toBe(200);
    expect(march.body.version).toBe(1);
    expect(march.body.publishedAt).toBe(v1At);
    expect(march.headers.get('etag')).toBe(v1Etag);
    expect((await call<VersionBody>('GET', 'price-policy?at=2026-07-01')).body.version).toBe(2);

    const before = await call('GET', 'price-policy?at=2025-12-31');
    expect(before.status).toBe(404);
    expect(before.body.error.code).toBe('no_policy_in_force');
    expect(before.body.error.message['zh-CN']).toContain('2026-01-01');
    const bad = await call('GET', 'price-policy?at=2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_date');

    const list = await call<{ current: number; versions: (VersionBody & { etag: string })[] }>(
      'GET',
      'price-policy/versions',
    );
    expect(list.body.current).toBe(2);
    expect(list.body.versions.map((v) => [v.version, v.publishedBy, v.inForce])).toEqual([
      [2, '赵部长', { from: '2026-07-01', until: null, followedBy: null }],
      [1, '王部长', { from: '2026-01-01', until: '2026-06-30', followedBy: 2 }],
    ]);

    const one = await call<VersionBody>('GET', 'price-policy/versions/1');
    expect(one.status).toBe(200);
    expect(one.body.policy.products.find((p) => p.model === 'QJ50-52')?.listPrice).toBe(5680);
    const none = await call('GET', 'price-policy/versions/9');
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('policy_version_not_found');
  });

  it('allows an earlier effective date than the latest version and says until when it is in force', async () => {
    const june: PricePolicyInput = { ...samplePolicy, effectiveDate: '2026-06-15' };
    const res = await call<VersionBody>('PUT', 'price-policy', june, {
      ...HEAD,
      'if-match': '"price-policy-v2"',
    });
    expect(res.status).toBe(200);
    expect(res.body.inForce).toEqual({ from: '2026-06-15', until: '2026-06-30', followedBy: 2 });
    expect(res.body.summary['zh-CN']).toContain('仅适用于 2026-06-15 至 2026-06-30 的订单');
    expect((await call<VersionBody>('GET', 'price-policy?at=2026-06-20')).body.version).toBe(3);
    expect((await call<VersionBody>('GET', 'price-policy?at=2026-07-20')).body.version).toBe(2);
    // "Current" stays the latest publish: the next publish names it.
    expect((await call<VersionBody>('GET', 'price-policy')).body.version).toBe(3);
  });
});

describe('inForceOf', () => {
  const v = (version: number, effectiveDate: string) => ({ version, effectiveDate });

  it('runs from the effective date to the day before the next later one; a same-day republish replaces it', () => {
    const all = [v(1, '2026-01-01'), v(2, '2026-03-01'), v(3, '2026-03-01'), v(4, '2026-02-01')];
    expect(inForceOf(all, v(1, '2026-01-01'))).toEqual({
      from: '2026-01-01',
      until: '2026-01-31',
      followedBy: 4,
    });
    expect(inForceOf(all, v(4, '2026-02-01'))).toEqual({
      from: '2026-02-01',
      until: '2026-02-28',
      followedBy: 3,
    });
    expect(inForceOf(all, v(2, '2026-03-01'))).toBeNull();
    expect(inForceOf(all, v(3, '2026-03-01'))).toEqual({ from: '2026-03-01', until: null, followedBy: null });
  });
});
