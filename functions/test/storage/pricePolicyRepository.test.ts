import { TableClient } from '@azure/data-tables';
import { PricePolicySchema, type PricePolicy, type PricePolicyInput } from '../../src/contract/pricing';
import { openTable } from '../../src/storage/client';
import { ApprovalExistsError, ApprovalRepository, approvalKey } from '../../src/storage/approvalRepository';
import {
  clearPolicyCache,
  PolicyConflictError,
  POLICY_CHUNK_CHARS,
  policyEtag,
  PricePolicyRepository,
  versionOfPolicyEtag,
  type PublishPolicyRequest,
} from '../../src/storage/pricePolicyRepository';
import { uniqueTableName, useAzurite } from '../support/azurite';

function policy(effectiveDate: string, listPrice = 1000, extra: Partial<PricePolicyInput> = {}): PricePolicy {
  return PricePolicySchema.parse({
    effectiveDate,
    products: [
      { model: 'QJ50-52', name: '井用潜水泵', productType: '潜水泵', unit: '台', listPrice, floorPrice: 700 },
    ],
    discountCaps: { 经销商: { old: 18, new: 15 } },
    ...extra,
  });
}

const publishing = (
  p: PricePolicy,
  expectedVersion: number | null,
  who = '王部长',
): PublishPolicyRequest => ({
  policy: p,
  expectedVersion,
  publishedBy: who,
  publishedById: `oid-${who}`,
  summary: { 'zh-CN': `${who}发布`, 'en-US': `published by ${who}` },
});

async function countRows(tableName: string, prefix: string): Promise<number> {
  const table = await openTable(tableName);
  let count = 0;
  for await (const e of table.listEntities()) if (String(e.rowKey).startsWith(prefix)) count++;
  return count;
}

describe('price policy repository on Azurite', () => {
  const azurite = useAzurite();

  it('ETags name the version and nothing else parses as one', () => {
    expect(policyEtag(3)).toBe('"price-policy-v3"');
    expect(versionOfPolicyEtag('"price-policy-v3"')).toBe(3);
    expect(versionOfPolicyEtag('W/"price-policy-v12"')).toBe(12);
    expect(versionOfPolicyEtag('"plan-2026-v3"')).toBeNull();
    expect(versionOfPolicyEtag('*')).toBeNull();
  });

  it('publishes versions, keeps old ones readable, lists newest first and refuses a stale publish', async () => {
    const repo = await PricePolicyRepository.open({ tableName: uniqueTableName('Policy') });
    expect(await repo.current()).toBeNull();
    expect(await repo.read()).toBeNull();
    expect(await repo.snapshot()).toEqual({ current: null, versions: [] });

    const first = await repo.publish({
      ...publishing(policy('2026-01-01', 1000), null),
      publishedAt: new Date('2026-01-05T02:00:00Z'),
    });
    expect(first).toMatchObject({
      version: 1,
      etag: '"price-policy-v1"',
      effectiveDate: '2026-01-01',
      products: 1,
      rules: 0,
      publishedBy: '王部长',
      publishedById: 'oid-王部长',
      publishedAt: '2026-01-05T02:00:00.000Z',
    });
    await expect(repo.publish(publishing(policy('2026-04-01'), null))).rejects.toBeInstanceOf(
      PolicyConflictError,
    );
    const second = await repo.publish(publishing(policy('2026-04-01', 1200), 1, '赵部长'));
    expect(second.version).toBe(2);

    const stale = await repo.publish(publishing(policy('2026-05-01'), 1)).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(PolicyConflictError);
    expect((stale as PolicyConflictError).current).toMatchObject({ version: 2, publishedBy: '赵部长' });

    expect((await repo.current())?.version).toBe(2);
    expect((await repo.read())?.policy.products[0]?.listPrice).toBe(1200);
    expect((await repo.read(1))?.policy.products[0]?.listPrice).toBe(1000);
    expect(await repo.read(3)).toBeNull();
    expect(await repo.read(0)).toBeNull();
    expect((await repo.listVersions()).map((v) => [v.version, v.publishedBy])).toEqual([
      [2, '赵部长'],
      [1, '王部长'],
    ]);
    const snapshot = await repo.snapshot();
    expect(snapshot.current?.version).toBe(2);
    expect(snapshot.versions.map((v) => [v.version, v.policy.effectiveDate])).toEqual([
      [2, '2026-04-01'],
      [1, '2026-01-01'],
    ]);
  });

  it('keeps Chinese text exact in a policy spread over several entities', async () => {
    const tableName = uniqueTableName('Policy');
    const repo = await PricePolicyRepository.open({ tableName });
    // ~3,000 products with Chinese names and notes: several document entities of ASCII-escaped JSON.
    const products = Array.from({ length: 3_000 }, (_, i) => ({
      model: `QJ-${i}`,
      name: `井用潜水泵（${i} 号）扬程 ${i % 90} 米，适合农田灌溉与城镇供水`,
      productType: '潜水泵',
      unit: '台',
      listPrice: 1000 + i,
      floorPrice: 700,
    }));
    const big = policy('2026-01-01', 1000, { products });
    expect(JSON.stringify(big).length).toBeGreaterThan(POLICY_CHUNK_CHARS / 2);
    await repo.publish(publishing(big, null));
    expect(await countRows(tableName, 'doc-')).toBeGreaterThan(1);

    clearPolicyCache(); // read it back from storage, not from the process cache
    const read = await repo.read();
    expect(read?.policy).toEqual(JSON.parse(JSON.stringify(big)));
    expect(read?.policy.products[2_999]?.name).toBe(
      '井用潜水泵（2999 号）扬程 29 米，适合农田灌溉与城镇供水',
    );
  });

  it('answers snapshot() from the cache until the pointer moves, then sees the new version at once', async () => {
    const tableName = uniqueTableName('Policy');
    const repo = await PricePolicyRepository.open({ tableName });
    await repo.publish(publishing(policy('2026-01-01'), null));
    const a = await repo.snapshot();
    const b = await repo.snapshot();
    expect(b).toBe(a); // same object: nothing re-read

    // Another instance publishes (a second repository object, same table).
    const other = await PricePolicyRepository.open({ tableName });
    await other.publish(publishing(policy('2026-02-01', 1100), 1));
    const c = await repo.snapshot();
    expect(c).not.toBe(a);
    expect(c.versions.map((v) => v.version)).toEqual([2, 1]);
    // The old version's parsed policy is reused (the engine compiles each version once per process).
    expect(c.versions[1]?.policy).toBe(a.versions[0]?.policy);
  });

  it('leaves out a version whose publish has not moved the pointer yet', async () => {
    const tableName = uniqueTableName('Policy');
    const repo = await PricePolicyRepository.open({ tableName });
    await repo.publish(publishing(policy('2026-01-01'), null));
    // A half-finished publish: its version entity exists, the pointer still names version 1.
    const table = TableClient.fromConnectionString(azurite.connectionString, tableName, {
      allowInsecureConnection: true,
    });
    await table.createEntity({
      partitionKey: 'policy',
      rowKey: 'version-000002',
      version: 2,
      docId: 'missing',
      chunks: 1,
      effectiveDate: '2026-02-01',
      products: 1,
      rules: 0,
      publishedBy: 'x',
      publishedAt: '2026-02-01T00:00:00Z',
      summaryZh: '',
      summaryEn: '',
    });
    clearPolicyCache();
    expect((await repo.snapshot()).versions.map((v) => v.version)).toEqual([1]);
  });
});

describe('approval repository on Azurite', () => {
  useAzurite();

  const approval = (ref: string, customer = '广州穗丰泵业有限公司') => ({
    ref,
    customer,
    model: '4100D',
    minUnitPrice: 10100,
    currency: 'CNY' as const,
    validFrom: '2026-09-14',
    validTo: '2026-10-17',
  });

  it('keys refs like lines quote them, and a / in a ref is stored', async () => {
    expect(approvalKey('SP-2026/014')).toBe('SP-2026%2F014');
    expect(approvalKey(' sp-2026-014 ')).toBe(approvalKey('SP-2026-014'));
    const repo = await ApprovalRepository.open({ tableName: uniqueTableName('Approvals') });
    await repo.register({ approval: approval('SP-2026/014'), registeredBy: '王部长' });
    expect((await repo.get('sp-2026/014'))?.ref).toBe('SP-2026/014');
    const again = await repo
      .register({ approval: approval('ＳＰ-2026/014'), registeredBy: '赵部长' })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ApprovalExistsError);
    expect((again as ApprovalExistsError).existing?.registeredBy).toBe('王部长');
  });

  it('lists from the cache until something is registered, and finds by customer and model', async () => {
    const tableName = uniqueTableName('Approvals');
    const repo = await ApprovalRepository.open({ tableName });
    expect(await repo.all()).toEqual([]);
    await repo.register({ approval: approval('SP-2'), registeredBy: '王部长' });
    const first = await repo.all();
    expect(await repo.all()).toBe(first);
    const other = await ApprovalRepository.open({ tableName });
    await other.register({ approval: approval('SP-1', '杭州云泵电子商务有限公司'), registeredBy: '王部长' });
    expect((await repo.all()).map((a) => a.ref)).toEqual(['SP-1', 'SP-2']);
    expect((await repo.find({ customer: '杭州云泵电子商务有限公司 ' })).map((a) => a.ref)).toEqual(['SP-1']);
    expect((await repo.find({ model: '4100d', customer: '广州穗丰泵业有限公司' })).map((a) => a.ref)).toEqual(
      ['SP-2'],
    );
    expect(await repo.find({ model: 'HS4105' })).toEqual([]);
  });
});
