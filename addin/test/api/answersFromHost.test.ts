// The happy path of the answer check: every route the add-in may call, answered by the real API (dev
// host on Azurite) through the add-in's client, passes the contract's answer schema. Without this a
// schema stricter than the API would refuse good answers only in production.
import { useAzurite } from '../../../functions/test/support/azurite';
import { samplePolicy, useDevIdentity } from '../../../functions/test/support/api';
import { useDevHost } from '../../../functions/test/support/http';
import { ANSWERS, answerSchemaFor } from '../../src/api/answers';
import { createApiClient } from '../../src/api/client';

describe('answers of the real API pass the answer check', () => {
  useAzurite();
  useDevIdentity('Sales.Head');
  const host = useDevHost();
  const asked = new Set<string>();
  const api = () =>
    createApiClient({
      baseUrl: host.baseUrl,
      fetch: (input, init) => {
        const path = String(input).replace(host.baseUrl, '').split('?')[0] ?? '';
        const method = init?.method ?? 'GET';
        const row = ANSWERS.find((r) => r.method === method && r.path.test(path));
        expect(answerSchemaFor(method, path)).toBe(row?.schema);
        if (row) asked.add(`${row.method} ${row.path.source}`);
        return fetch(input, init);
      },
    });
  const rows = [
    { productType: '潜水泵', region: '华东', rep: '张三', annual: 1200 },
    { productType: '柴油机', region: '华南', rep: '李四', annual: 2400 },
  ];

  it('health', async () => {
    await expect(api().health()).resolves.toMatchObject({ status: 'ok' });
  });

  it('the price policy: publish, read, versions, in force at a date; validate; approvals', async () => {
    const c = api();
    const published = await c.request<{ version: number }>('PUT', '/price-policy', samplePolicy());
    expect(published.data.version).toBe(1);
    const policy = samplePolicy();
    const model = policy.products[0]!.model;
    await c.request('GET', '/price-policy');
    await c.request('GET', `/price-policy?at=${policy.effectiveDate}`);
    await c.request('GET', '/price-policy/versions');
    await c.request('GET', '/price-policy/versions/1');
    const checked = await c.request<{ results: unknown[] }>('POST', '/prices/validate?detail=flagged', {
      lines: [
        { id: 'a', model, qty: 1, unitPrice: 1, customerClass: '经销商' },
        { id: 'b', model: 'NO-SUCH', qty: 1, unitPrice: 1 },
      ],
    });
    expect(checked.data.results).toHaveLength(2);
    await c.request('POST', '/approvals', {
      ref: 'SP-2026/001',
      customer: '广州穗丰泵业有限公司',
      model,
      minUnitPrice: 100,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    });
    await c.request('GET', '/approvals?ref=SP-2026/001');
  });

  it('the annual plan: split, publish, read, versions, progress, values', async () => {
    const c = api();
    const split = await c.request<{ rows: { months: number[] }[] }>('POST', '/plans/split', {
      year: 2026,
      roundTo: 1,
      method: 'even',
      rows,
    });
    await c.request('PUT', '/plans/2026', {
      year: 2026,
      unit: 'yuan',
      roundTo: 1,
      method: 'even',
      rows: rows.map((r, i) => ({ ...r, months: split.data.rows[i]!.months })),
    });
    await c.request('GET', '/plans/2026');
    await c.request('GET', '/plans/2026/versions');
    await c.request('GET', '/plans/2026/versions/1');
    await c.request('POST', '/plans/2026/progress', {
      basis: 'orders',
      actuals: [{ date: '2026-01-10', productType: '潜水泵', region: '华东', rep: '张三', amount: 100 }],
    });
    await c.request('POST', '/plans/2026/values', { queries: [{ month: 1 }, { month: 13 }] });
  });

  it('asked every price and plan route of the answer table', () => {
    const priceAndPlan = ANSWERS.filter(
      (r) => !/month-end|ledgers|receivables|statements|scorecard/.test(r.path.source),
    );
    expect([...asked].sort()).toEqual(priceAndPlan.map((r) => `${r.method} ${r.path.source}`).sort());
  });
});
