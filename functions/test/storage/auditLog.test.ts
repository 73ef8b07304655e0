import { appendAudit, listAudit } from '../../src/storage/auditLog';
import { openTable } from '../../src/storage/client';
import { StorageLimitError } from '../../src/storage/limits';
import { uniqueTableName, useAzurite } from '../support/azurite';

describe('audit log on Azurite', () => {
  useAzurite();

  it('lists one area newest first, with bilingual or plain summaries and details kept whole', async () => {
    const tableName = uniqueTableName('Audit');
    await appendAudit(
      {
        area: 'plan',
        action: 'publish',
        who: '王部长',
        whoId: 'oid-1',
        when: '2026-01-05T02:00:00.000Z',
        summary: { 'zh-CN': '发布2026年计划第 1 版', 'en-US': 'Published the 2026 plan, version 1' },
        details: { version: 1, rows: 3 },
      },
      { tableName },
    );
    await appendAudit(
      { area: 'plan', action: 'publish', who: '王部长', when: '2026-02-05T02:00:00Z', summary: 'v2' },
      { tableName },
    );
    await appendAudit(
      { area: 'pricePolicy', action: 'import', who: 'Li', when: '2026-03-01T00:00:00Z', summary: 'prices' },
      { tableName },
    );

    const plan = await listAudit('plan', { tableName });
    expect(plan.map((e) => e.summary)).toEqual([
      'v2',
      { 'zh-CN': '发布2026年计划第 1 版', 'en-US': 'Published the 2026 plan, version 1' },
    ]);
    expect(plan[1]).toMatchObject({
      area: 'plan',
      action: 'publish',
      who: '王部长',
      whoId: 'oid-1',
      when: '2026-01-05T02:00:00.000Z',
      details: { version: 1, rows: 3 },
    });
    expect(plan[0]).not.toHaveProperty('details');
    expect(plan[0]).not.toHaveProperty('whoId');
    expect((await listAudit('pricePolicy', { tableName })).map((e) => e.who)).toEqual(['Li']);
    expect(await listAudit('ledger', { tableName })).toEqual([]);
  });

  it('keeps entries written in the same millisecond apart and honours the limit', async () => {
    const tableName = uniqueTableName('Audit');
    const when = new Date('2026-04-01T00:00:00Z');
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        appendAudit({ area: 'plan', action: 'publish', who: `p${n}`, when, summary: `n${n}` }, { tableName }),
      ),
    );
    expect(await listAudit('plan', { tableName })).toHaveLength(5);
    expect(await listAudit('plan', { tableName, limit: 2 })).toHaveLength(2);
  });

  it('stores long details over several properties and refuses details too large for one entity', async () => {
    const tableName = uniqueTableName('Audit');
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      row: i + 1,
      productType: '柴油机水泵机组',
      region: '华东',
    }));
    await appendAudit(
      { area: 'plan', action: 'publish', who: 'x', summary: 's', details: { rows } },
      { tableName },
    );
    const [entry] = await listAudit('plan', { tableName });
    expect(entry?.details).toEqual({ rows });
    const stored = await (await openTable(tableName)).getEntity('plan', entry?.id ?? '');
    expect(stored.details_parts).toBeGreaterThan(1);

    const huge = 'x'.repeat(1_100_000);
    await expect(
      appendAudit({ area: 'plan', action: 'publish', who: 'x', summary: 's', details: huge }, { tableName }),
    ).rejects.toBeInstanceOf(StorageLimitError);
  });

  it('encodes an area name that Table Storage would not take as a key', async () => {
    const tableName = uniqueTableName('Audit');
    await appendAudit({ area: 'reports/monthly', action: 'run', who: 'timer', summary: 'ok' }, { tableName });
    expect((await listAudit('reports/monthly', { tableName }))[0]).toMatchObject({ area: 'reports/monthly' });
  });
});
