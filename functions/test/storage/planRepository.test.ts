import { TableClient, type TransactionAction } from '@azure/data-tables';
import type { PlanRow, PlanVersionInput } from '../../src/contract/plans';
import { openTable } from '../../src/storage/client';
import {
  DOC_CHUNK_CHARS,
  PlanConflictError,
  PlanRepository,
  planEtag,
  sliceText,
  versionOfEtag,
  type PublishRequest,
} from '../../src/storage/planRepository';
import { uniqueTableName, useAzurite } from '../support/azurite';

const row = (productType: string, region: string, rep: string, monthly: number): PlanRow => ({
  productType,
  region,
  rep,
  annual: monthly * 12,
  months: new Array<number>(12).fill(monthly),
});

const plan = (rows: PlanRow[], year = 2026): PlanVersionInput => ({
  year,
  unit: 'yuan',
  roundTo: 1,
  method: 'even',
  rows,
});

const publishing = (
  input: PlanVersionInput,
  expectedVersion: number | null,
  who = '王部长',
): PublishRequest => ({
  input,
  expectedVersion,
  publishedBy: who,
  publishedById: `oid-${who}`,
  annual: input.rows.reduce((s, r) => s + r.annual, 0),
  summary: { 'zh-CN': `${who}发布`, 'en-US': `published by ${who}` },
});

async function documentEntities(tableName: string, year: number): Promise<number> {
  const table = await openTable(tableName);
  let count = 0;
  for await (const e of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${year}'` } })) {
    if (String(e.rowKey).startsWith('doc-')) count++;
  }
  return count;
}

describe('plan repository on Azurite', () => {
  useAzurite();

  it('ETags name the year and version, and nothing else parses as one', () => {
    expect(planEtag(2026, 3)).toBe('"plan-2026-v3"');
    expect(versionOfEtag(2026, '"plan-2026-v3"')).toBe(3);
    expect(versionOfEtag(2026, 'W/"plan-2026-v12"')).toBe(12);
    expect(versionOfEtag(2027, '"plan-2026-v3"')).toBeNull();
    expect(versionOfEtag(2026, 'W/"datetime\'2026-01-01\'"')).toBeNull();
    expect(sliceText('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(sliceText('', 3)).toEqual(['']);
  });

  it('publishes versions, keeps old ones readable and lists them newest first', async () => {
    const tableName = uniqueTableName('Plans');
    const repo = await PlanRepository.open({ tableName });
    expect(await repo.current(2026)).toBeNull();
    expect(await repo.read(2026)).toBeNull();

    const v1 = plan([row('潜水泵', '华东', '张三', 1000), row('柴油机', '华南', '李四', 2500)]);
    const first = await repo.publish({
      ...publishing(v1, null),
      publishedAt: new Date('2026-01-05T02:00:00Z'),
    });
    expect(first).toMatchObject({
      year: 2026,
      version: 1,
      etag: '"plan-2026-v1"',
      rows: 2,
      annual: 42000,
      publishedBy: '王部长',
      publishedById: 'oid-王部长',
      publishedAt: '2026-01-05T02:00:00.000Z',
      summary: { 'zh-CN': '王部长发布' },
    });

    const v2 = plan([row('潜水泵', '华东', '张三', 1200)]);
    await repo.publish(publishing(v2, 1, '赵部长'));

    const current = await repo.read(2026);
    expect(current?.info.version).toBe(2);
    expect(current?.plan).toMatchObject({
      year: 2026,
      unit: 'yuan',
      roundTo: 1,
      method: 'even',
      publishedBy: '赵部长',
    });
    expect(current?.plan.rows).toEqual(v2.rows);
    expect((await repo.read(2026, 1))?.plan.rows).toEqual(v1.rows);
    expect(await repo.read(2026, 3)).toBeNull();
    expect((await repo.listVersions(2026)).map((v) => [v.version, v.publishedBy])).toEqual([
      [2, '赵部长'],
      [1, '王部长'],
    ]);
    expect(await repo.listVersions(2027)).toEqual([]);
  });

  it('refuses a publish based on a version that is no longer current, without writing anything', async () => {
    const tableName = uniqueTableName('Plans');
    const repo = await PlanRepository.open({ tableName });
    await repo.publish(publishing(plan([row('潜水泵', '华东', '张三', 1)]), null));
    await repo.publish(publishing(plan([row('潜水泵', '华东', '张三', 2)]), 1));

    const stale = await repo
      .publish(publishing(plan([row('潜水泵', '华东', '张三', 3)]), 1))
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(PlanConflictError);
    expect((stale as PlanConflictError).current?.version).toBe(2);
    const again = await repo
      .publish(publishing(plan([row('潜水泵', '华东', '张三', 3)]), null))
      .catch((e: unknown) => e);
    expect((again as PlanConflictError).current?.version).toBe(2);
    const missing = await repo
      .publish(publishing(plan([row('x', '', '', 1)], 2030), 4))
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ year: 2030, current: null });

    expect((await repo.read(2026))?.plan.rows[0]?.months[0]).toBe(2);
    expect(await documentEntities(tableName, 2026)).toBe(2);
  });

  it('lets exactly one of two simultaneous publishers win and removes the loser’s rows', async () => {
    const tableName = uniqueTableName('Plans');
    const repo = await PlanRepository.open({ tableName });
    await repo.publish(publishing(plan([row('潜水泵', '华东', '张三', 1)]), null));

    // Hold both publishers after their checks, so both reach the conditional commit.
    const original = TableClient.prototype.submitTransaction;
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothChecked = new Promise<void>((resolve) => (release = resolve));
    const spy = jest.spyOn(TableClient.prototype, 'submitTransaction').mockImplementation(async function (
      this: TableClient,
      actions: TransactionAction[],
    ) {
      if (actions.some((a) => a[1].rowKey.startsWith('doc-')) && arrived < 2) {
        arrived += 1;
        if (arrived === 2) release();
        await bothChecked;
      }
      return original.call(this, actions);
    });
    try {
      const results = await Promise.allSettled([
        repo.publish(publishing(plan([row('潜水泵', '华东', '张三', 10)]), 1, 'A')),
        repo.publish(publishing(plan([row('潜水泵', '华东', '张三', 20)]), 1, 'B')),
      ]);
      expect(arrived).toBe(2);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const error = (lost[0] as PromiseRejectedResult).reason as PlanConflictError;
      expect(error).toBeInstanceOf(PlanConflictError);
      expect(error.current?.version).toBe(2);

      const current = await repo.read(2026);
      const winner = current?.info.publishedBy;
      expect(current?.plan.rows[0]?.months[0]).toBe(winner === 'A' ? 10 : 20);
      expect((await repo.listVersions(2026)).map((v) => v.version)).toEqual([2, 1]);
      expect(await documentEntities(tableName, 2026)).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('stores a plan larger than one entity over several, with Chinese text intact', async () => {
    const tableName = uniqueTableName('Plans');
    const repo = await PlanRepository.open({ tableName });
    const rows = Array.from({ length: 6000 }, (_, i) =>
      row(`柴油机水泵机组${i % 7}`, `华东片区${i % 9}`, `业务员张三丰${i}`, 1000 + (i % 13)),
    );
    const published = await repo.publish(publishing(plan(rows), null));
    expect(published.rows).toBe(6000);
    expect(await documentEntities(tableName, 2026)).toBeGreaterThan(1);

    // The publish does not fill the document cache, so this read comes from the table; the raw entities too.
    const stored = await (await PlanRepository.open({ tableName })).read(2026);
    expect(stored?.plan.rows).toEqual(rows);
    const table = await openTable(tableName);
    let text = '';
    for await (const e of table.listEntities<Record<string, unknown>>({
      queryOptions: { filter: `PartitionKey eq '2026'` },
    })) {
      if (!String(e.rowKey).startsWith('doc-')) continue;
      for (let i = 0; i < Number(e.rows_parts); i++) text += String(e[`rows_${i}`]);
      expect(Number(e.rows_parts)).toBeLessThanOrEqual(DOC_CHUNK_CHARS / 32768);
    }
    expect(JSON.parse(text)).toEqual(rows);
  });
});
