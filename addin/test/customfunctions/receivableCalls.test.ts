// SALES.RECEIVABLE / AGING / KPI: arguments checked before any request, and against the real API (dev host
// on Azurite): one recalculation burst asks once per asOf (or month), every cell gets its own figure.
import { tokenFor } from '../support/signIn';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';
import { createApiClient } from '../../src/api/client';
import {
  ReceivableCallError,
  asOfDate,
  bucketOf,
  createReceivableCalls,
  kpiCall,
} from '../../src/customfunctions/receivableCalls';

const BOUNDS = [30, 60, 90, 180, 365];

describe('arguments', () => {
  it('reads asOf from a date cell, ISO or Chinese text, today (China) when empty', () => {
    expect(asOfDate(46112)).toBe('2026-03-31');
    expect(asOfDate('2026/3/31')).toBe('2026-03-31');
    expect(asOfDate('2026年3月31日')).toBe('2026-03-31');
    expect(asOfDate('', new Date('2026-03-31T17:00:00Z'))).toBe('2026-04-01');
    expect(() => asOfDate('2026-02-30')).toThrow(ReceivableCallError);
  });

  it('reads the bucket by number or range', () => {
    expect(bucketOf(1, BOUNDS)).toBe(0);
    expect(bucketOf('31-60', BOUNDS)).toBe(1);
    expect(bucketOf('181–365天', BOUNDS)).toBe(4);
    expect(bucketOf('>365', BOUNDS)).toBe(5);
    expect(bucketOf('365天以上', BOUNDS)).toBe(5);
    expect(() => bucketOf('30-60', BOUNDS)).toThrow(/0-30, 31-60/);
    expect(() => bucketOf(7, BOUNDS)).toThrow(ReceivableCallError);
  });

  it('reads the measure in Chinese or English and the period as month or YTD', () => {
    expect(kpiCall('张伟', '回款率', '2026-03')).toEqual({
      rep: '张伟',
      measure: 'collection',
      month: '2026-03',
      ytd: false,
    });
    expect(kpiCall('张伟', 'completion', '2026年3月 累计')).toMatchObject({ month: '2026-03', ytd: true });
    expect(kpiCall('张伟', '新客户拓展率', undefined, new Date('2026-01-15T00:00:00Z')).month).toBe(
      '2025-12',
    );
    expect(kpiCall('张伟', '回款率(按发货)', '2026-03').measure).toBe('collectionOfShipments');
    expect(kpiCall('张伟', '回款率（按发货）', '2026-03').measure).toBe('collectionOfShipments');
    expect(() => kpiCall('张伟', '利润率', '2026-03')).toThrow(/completion, collection/);
    expect(() => kpiCall('', 'completion')).toThrow(ReceivableCallError);
  });
});

describe('against the API', () => {
  useAzurite();
  const host = useDevHost();
  let previousIdentity: string | undefined;
  let requests: string[] = [];
  const countingFetch: typeof fetch = async (input, init) => {
    requests.push(String(input).replace(host.baseUrl, ''));
    return fetch(input, init);
  };
  const client = () => createApiClient({ baseUrl: host.baseUrl, fetch: countingFetch });
  const put = async (path: string, body: unknown, roles: string) => {
    const res = await fetch(`${host.baseUrl}/${path}`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokenFor('测试用户', roles.split(','))}`,
        'if-none-match': '*',
      },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
  };

  beforeAll(async () => {
    previousIdentity = process.env.SALESDESK_DEV_IDENTITY;
    process.env.SALESDESK_DEV_IDENTITY = 'Sales.Clerk';
    const ship = (no: string, date: string, customer: string, amount: string, rep: string) => ({
      shipDate: date,
      deliveryNo: no,
      customer,
      rep,
      region: '华东',
      model: 'QJ-100',
      qty: 1,
      amount,
      source: { sheet: '发货台账', row: 3 + Number(no.slice(3)) },
    });
    await put(
      'ledgers/shipments/2026-01',
      {
        rows: [
          ship('CK-1', '2026-01-05', '华东水务', '1000.00', '张伟'),
          ship('CK-2', '2026-01-20', '北方农机', '400.00', '李娜'),
        ],
      },
      'Sales.Clerk',
    );
    // Another region's customer and rep, for the regional manager's cells.
    await put(
      'ledgers/shipments/2026-02',
      { rows: [{ ...ship('CK-9', '2026-02-10', '广州泵业', '700.00', '王芳'), region: '华南' }] },
      'Sales.Clerk',
    );
    await put(
      'ledgers/shipments/2026-03',
      { rows: [ship('CK-3', '2026-03-20', '华东水务', '250.00', '张伟')] },
      'Sales.Clerk',
    );
    await put(
      'ledgers/receipts/2026-03',
      {
        rows: [
          {
            date: '2026-03-01',
            customer: '华东水务',
            amount: '600.00',
            method: '电汇',
            rep: '张伟',
            source: { sheet: '回款台账', row: 3 },
          },
        ],
      },
      'Sales.Clerk',
    );
  });
  afterAll(() => {
    if (previousIdentity === undefined) delete process.env.SALESDESK_DEV_IDENTITY;
    else process.env.SALESDESK_DEV_IDENTITY = previousIdentity;
  });
  beforeEach(() => {
    requests = [];
  });

  it('answers balances and buckets with one request per asOf', async () => {
    const calls = createReceivableCalls({ client });
    const [east, north, old, recent, before] = await Promise.all([
      calls.receivable('华东水务', '2026-03-31'),
      calls.receivable('北方农机', '2026-03-31'),
      calls.aging('华东水务', '61-90', '2026-03-31'),
      calls.aging('华东水务', 1, '2026-03-31'),
      calls.receivable('华东水务', '2026-01-31'),
    ]);
    // 1000 + 250 − 600 = 650: the receipt pays CK-1 first, 400 of it left (85 days), CK-3 250 (11 days).
    expect([east, north, old, recent, before]).toEqual([650, 400, 400, 250, 1000]);
    expect(requests.sort()).toEqual(['/receivables?asOf=2026-01-31', '/receivables?asOf=2026-03-31']);
  });

  it('an unknown customer fails its own cell with the reason; the others still answer', async () => {
    const calls = createReceivableCalls({ client });
    const [unknown, known] = await Promise.allSettled([
      calls.receivable('没有这个客户', '2026-03-31'),
      calls.receivable('北方农机', '2026-03-31'),
    ]);
    expect(unknown.status).toBe('rejected');
    expect(((unknown as PromiseRejectedResult).reason as ReceivableCallError).text['zh-CN']).toContain(
      '没有客户“没有这个客户”',
    );
    expect(known).toEqual({ status: 'fulfilled', value: 400 });
    expect(requests).toHaveLength(1);
  });

  it('a name spelled as the API matches it (a space, full width) gets the same figure as the API gives', async () => {
    const calls = createReceivableCalls({ client });
    // The API, the pane and the statements match customers and reps with normalizeText.
    expect(await calls.receivable('华东 水务', '2026-03-31')).toBe(650);
    expect(await calls.receivable('华东水务　', '2026-03-31')).toBe(650);
    expect(await calls.kpi(kpiCall('张 伟', '回款率', '2026-03'))).toBe(0.48);
  });

  it('answers scorecard figures with one request per month; no plan → the reason', async () => {
    const calls = createReceivableCalls({ client });
    const [collection, ytd, completion] = await Promise.allSettled([
      calls.kpi(kpiCall('张伟', '回款率', '2026-03')),
      calls.kpi(kpiCall('张伟', 'collection', '2026-03 YTD')),
      calls.kpi(kpiCall('张伟', '计划达成率', '2026-03')),
    ]);
    // March: 600 ÷ (opening 1000 + shipped 250) = 0.48; YTD: 600 ÷ (0 + 1250) = 0.48.
    expect(collection).toEqual({ status: 'fulfilled', value: 0.48 });
    expect(ytd).toEqual({ status: 'fulfilled', value: 0.48 });
    expect(((completion as PromiseRejectedResult).reason as ReceivableCallError).text['zh-CN']).toContain(
      '没有已发布的计划',
    );
    expect(requests).toEqual(['/scorecard/2026-03']);
  });

  it('a regional manager’s cell for another region’s customer or rep says so, never a zero or "not found"', async () => {
    const eastManager = () =>
      createApiClient({
        baseUrl: host.baseUrl,
        fetch: countingFetch,
        getToken: async () => tokenFor('陈经理', ['Sales.Manager'], { regions: ['华东'] }),
      });
    const calls = createReceivableCalls({ client: eastManager });
    const [other, own, otherRep, ownRep] = await Promise.allSettled([
      calls.receivable('广州泵业', '2026-03-31'),
      calls.receivable('华东水务', '2026-03-31'),
      calls.kpi(kpiCall('王芳', '回款率', '2026-03')),
      calls.kpi(kpiCall('张伟', '回款率', '2026-03')),
    ]);
    const text = (r: PromiseSettledResult<number>) =>
      ((r as PromiseRejectedResult).reason as ReceivableCallError).text;
    expect(text(other)['zh-CN']).toContain('客户“广州泵业”属于片区 华南');
    expect(text(other)['en-US']).toContain('belongs to region 华南');
    expect(own).toEqual({ status: 'fulfilled', value: 650 });
    expect(text(otherRep)['zh-CN']).toContain('业务员“王芳”属于片区 华南');
    expect(ownRep).toEqual({ status: 'fulfilled', value: 0.48 });
    // The head's cell for the same customer is its balance.
    const head = createReceivableCalls({
      client: () =>
        createApiClient({
          baseUrl: host.baseUrl,
          getToken: async () => tokenFor('王部长', ['Sales.Head']),
        }),
    });
    expect(await head.receivable('广州泵业', '2026-03-31')).toBe(700);
  });
});
