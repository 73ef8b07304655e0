// The happy path of the answer check: every route the add-in may call, answered by the real API (dev
// host on Azurite) through the add-in's client, passes the contract's answer schema. Without this a
// schema stricter than the API would refuse good answers only in production.
import { useAzurite } from '../../../functions/test/support/azurite';
import { samplePolicy, useDevIdentity } from '../../../functions/test/support/api';
import { useDevHost } from '../../../functions/test/support/http';
import { ANSWERS, answerSchemaFor } from '../../src/api/answers';
import { createApiClient } from '../../src/api/client';
import { tokenFor } from '../support/signIn';

describe('answers of the real API pass the answer check', () => {
  useAzurite();
  useDevIdentity('Sales.Head');
  const host = useDevHost();
  const asked = new Set<string>();
  // Month-end calls sign in as the head who is also Finance (closing a month is Finance's).
  const api = (roles?: string[]) =>
    createApiClient({
      baseUrl: host.baseUrl,
      ...(roles ? { getToken: async () => tokenFor('王主管', roles) } : {}),
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

  it('month-end: sync ledgers, run, report, list, close, reopen; receivables, statement, scorecard, credit flags', async () => {
    const c = api(['Sales.Head', 'Finance']);
    const source = (sheet: string, row: number) => ({ sheet, row });
    await c.request('PUT', '/ledgers/orders/2026-01', {
      rows: [
        {
          date: '2026-01-05',
          contractNo: 'HT-1',
          customer: '华东水务',
          model: 'QJ-100',
          qty: 2,
          unitPrice: '500.00',
          amount: '1000.00',
          currency: 'CNY',
          rep: '张三',
          region: '华东',
          source: source('销售台账', 3),
        },
      ],
    });
    await c.request('PUT', '/ledgers/shipments/2026-01', {
      rows: [
        {
          shipDate: '2026-01-10',
          deliveryNo: 'CK-1',
          contractNo: 'HT-1',
          invoiceNo: 'FP-1',
          customer: '华东水务',
          model: 'QJ-100',
          qty: 2,
          amount: '1000.00',
          currency: 'CNY',
          rep: '张三',
          region: '华东',
          source: source('发货台账', 3),
        },
      ],
    });
    await c.request('PUT', '/ledgers/receipts/2026-01', {
      rows: [
        {
          date: '2026-01-20',
          customer: '华东水务',
          amount: '400.00',
          method: '承兑汇票',
          billNo: 'CD-1',
          maturityDate: '2026-07-20',
          currency: 'CNY',
          source: source('回款台账', 3),
        },
      ],
    });
    const snapshot = await c.request<{ rows: unknown[] }>('GET', '/ledgers/shipments/2026-01');
    expect(snapshot.data.rows).toHaveLength(1);
    const run = await c.request<{ created: boolean }>('POST', '/month-end/2026-01/run', {});
    expect(run.data.created).toBe(true);
    await c.request('GET', '/month-end/2026-01');
    const list = await c.request<{ months: { month: string }[] }>('GET', '/month-end');
    expect(list.data.months.map((m) => m.month)).toContain('2026-01');
    await c.request('POST', '/month-end/2026-01/close', { note: '一月结账' });
    await c.request('POST', '/month-end/2026-01/reopen', { reason: '补录回款' });
    const receivables = await c.request<{ customers: unknown[] }>('GET', '/receivables?asOf=2026-01-31');
    expect(receivables.data.customers).toHaveLength(1);
    const statement = await c.request<{ statements: { lines: unknown[] }[] }>(
      'GET',
      `/statements/${encodeURIComponent('华东水务')}?month=2026-01`,
    );
    expect(statement.data.statements[0]?.lines).toHaveLength(2);
    const card = await c.request<{ reps: unknown[] }>('GET', '/scorecard/2026-01');
    expect(card.data.reps.length).toBeGreaterThan(0);
    const credit = await c.request<{ month: string }>('GET', '/credit-flags?asOf=2026-02');
    expect(credit.data.month).toBe('2026-01');
  });

  it('asked every route of the answer table', () => {
    expect([...asked].sort()).toEqual(ANSWERS.map((r) => `${r.method} ${r.path.source}`).sort());
  });
});
