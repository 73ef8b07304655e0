/**
 * 返点 and 信用额度 from the price policy, through the real month-end run on a real Azurite: rebates
 * accrued year to date by the policy in force at the month end (a tier crossed in June, hand-computed),
 * customers with an unknown class named, credit limits and days from the policy unless the run body
 * gives them, statements showing the same rebate row as the report, and an old policy without the blocks.
 */
import type {
  LedgerSyncResponse,
  MonthEndRunResponse,
  OrderRow,
  ShipmentRow,
} from '../../src/contract/monthEnd';
import type { PricePolicyInput } from '../../src/contract/pricing';
import type { StatementResponse } from '../../src/contract/receivables';
import { CLERK, HEAD, samplePolicy, useApi, type Problem } from '../support/api';

type Policy = PricePolicyInput;

describe('rebates and credit limits from the price policy in the month-end run', () => {
  const { call } = useApi();
  let row = 3;
  const src = (sheet: string) => ({ sheet, row: row++ });
  const ship = (over: Partial<ShipmentRow> & Pick<ShipmentRow, 'shipDate' | 'deliveryNo' | 'amount'>) => ({
    customer: '华东水务',
    model: 'QJ-100',
    qty: 1,
    currency: 'CNY',
    source: src('发货台账'),
    ...over,
  });
  const order = (over: Partial<OrderRow> & Pick<OrderRow, 'date' | 'contractNo' | 'customer'>) => ({
    model: 'QJ-100',
    qty: 1,
    amount: '1.00',
    currency: 'CNY',
    source: src('销售台账'),
    ...over,
  });
  const { rebateTiers: _t, credit: _c, ...base } = samplePolicy();
  const old: Policy = { ...base, effectiveDate: '2026-01-01' };
  const tiers = [
    { customerClass: '经销商', newCustomer: false, threshold: '500000', rate: '0.01' },
    { customerClass: '经销商', newCustomer: false, threshold: '1000000', rate: '0.02' },
    { customerClass: '经销商', newCustomer: true, threshold: '300000', rate: '0.015' },
  ];
  const withBlocks: Policy = {
    ...old,
    rebateTiers: tiers,
    credit: { maxDays: 365, limits: [{ customer: '华东水务', currency: 'CNY', limit: '1000000.00' }] },
  };
  let etag = '';

  async function sync(kind: string, month: string, rows: unknown[]): Promise<void> {
    const res = await call<LedgerSyncResponse>('PUT', `ledgers/${kind}/${month}`, { rows }, CLERK);
    expect(res.status).toBe(200);
  }
  const run = (month: string, body: unknown = {}) =>
    call<MonthEndRunResponse>('POST', `month-end/${month}/run`, body, HEAD);

  beforeAll(async () => {
    await sync('orders', '2026-01', [
      order({
        date: '2026-01-05',
        contractNo: 'HT-1',
        customer: '华东水务',
        customerClass: '经销商',
        isNewCustomer: false,
      }),
      // English class label: read as 经销商.
      order({
        date: '2026-01-08',
        contractNo: 'HT-2',
        customer: '新客户乙',
        customerClass: 'Distributor',
        isNewCustomer: true,
      }),
      order({ date: '2026-01-09', contractNo: 'HT-3', customer: '未知客户' }),
    ]);
    await sync('shipments', '2025-12', [
      ship({ shipDate: '2025-12-20', deliveryNo: 'CK-0', amount: '999999.00' }),
    ]);
    await sync('shipments', '2026-02', [
      ship({ shipDate: '2026-02-10', deliveryNo: 'CK-1', amount: '600000.00' }),
    ]);
    await sync('shipments', '2026-03', [
      ship({ shipDate: '2026-03-01', deliveryNo: 'CK-9', customer: '新客户乙', amount: '333333.33' }),
      ship({ shipDate: '2026-03-02', deliveryNo: 'CK-7', customer: '未知客户', amount: '100000.00' }),
      ship({
        shipDate: '2026-03-03',
        deliveryNo: 'EX-1',
        customer: 'Nile Pumps',
        currency: 'USD',
        amount: '5000.00',
      }),
    ]);
    await sync('shipments', '2026-06', [
      ship({ shipDate: '2026-06-20', deliveryNo: 'CK-2', amount: '450000.00' }),
      ship({ shipDate: '2026-06-25', deliveryNo: 'TH-1', amount: '-20000.00', qty: -1 }),
    ]);
  });

  it('without a policy: no rebates, says why; credit by the default check', async () => {
    const res = await run('2026-05');
    expect(res.status).toBe(201);
    expect(res.body.report.rebates).toMatchObject({ policyVersion: null, customers: [] });
    expect(res.body.report.rebates!.notes[0]!['zh-CN']).toContain('没有生效的价格政策');
    expect(res.body.report.credit).toMatchObject({ source: 'default', check: { maxDays: 90, limits: [] } });
  });

  it('an old policy without the blocks publishes, reads back, and accrues nothing with a note', async () => {
    const put = await call('PUT', 'price-policy', old, HEAD);
    expect(put.status).toBe(201);
    etag = put.headers.get('etag')!;
    const got = await call<{ policy: Policy }>('GET', 'price-policy');
    expect(got.body.policy.rebateTiers).toBeUndefined();
    expect(got.body.policy.credit).toBeUndefined();
    // A new policy version is a new input: the run makes a new report.
    const res = await run('2026-05');
    expect(res.status).toBe(201);
    expect(res.body.report.rebates).toMatchObject({ policyVersion: 1, customers: [] });
    expect(res.body.report.rebates!.notes[0]!['en-US']).toBe(
      'Price policy version 1 has no rebate tiers: no rebates accrued',
    );
    expect(res.body.report.credit!.source).toBe('default');
  });

  it('refuses a policy with a negative threshold or a negative limit, naming the tier and limit (422)', async () => {
    const bad = await call<Problem<{ problems: { code: string; where: unknown }[] }>>(
      'PUT',
      'price-policy',
      {
        ...withBlocks,
        rebateTiers: [{ threshold: '-1', rate: '0.01' }],
        credit: { maxDays: 90, limits: [{ customer: '华东水务', limit: '-5' }] },
      },
      { ...HEAD, 'if-match': etag },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.details!.problems.map((p) => [p.code, p.where])).toEqual([
      ['bad_rebate_threshold', { section: 'rebateTiers', index: 0, field: 'threshold' }],
      ['bad_credit_limit', { section: 'creditLimits', index: 0, customer: '华东水务', field: 'limit' }],
    ]);
  });

  it('accrues by the policy in force at the month end: 1 % in May, the 2 % tier crossed in June', async () => {
    const put = await call<{ diff: { rebateTiers: { added: string[] } } }>(
      'PUT',
      'price-policy',
      withBlocks,
      {
        ...HEAD,
        'if-match': etag,
      },
    );
    expect(put.status).toBe(200);
    expect(put.body.diff.rebateTiers.added).toHaveLength(3);

    const may = await run('2026-05');
    expect(may.status).toBe(201);
    const rebates = may.body.report.rebates!;
    // By name (code point order), whatever order the months were read in.
    expect(rebates).toMatchObject({ policyVersion: 2, year: 2026, through: '2026-05-31' });
    expect(rebates.customers.map((c) => c.customer)).toEqual(['华东水务', '新客户乙', '未知客户']);
    const east = rebates.customers.find((c) => c.customer === '华东水务')!;
    // 600,000.00 (the 2025 shipment does not count) ≥ 500,000 → 1 % of all of it; 400,000 to the 2 % tier.
    expect(east).toMatchObject({
      customerClass: '经销商',
      newCustomer: false,
      volume: '600000.00',
      tier: { threshold: '500000.00', rate: '0.01' },
      accrued: '6000.00',
      next: { threshold: '1000000.00', rate: '0.02', volumeNeeded: '400000.00' },
      status: 'accrued',
    });
    // New customer tier: 333,333.33 × 1.5 % = 4,999.99995 → 5,000.00 half-up.
    expect(rebates.customers.find((c) => c.customer === '新客户乙')).toMatchObject({
      customerClass: '经销商',
      newCustomer: true,
      accrued: '5000.00',
      tier: { threshold: '300000.00', rate: '0.015' },
      next: null,
    });
    // No order states its class: named with the reason, nothing accrued, never left out.
    const unknown = rebates.customers.find((c) => c.customer === '未知客户')!;
    expect(unknown).toMatchObject({
      volume: '100000.00',
      accrued: '0.00',
      tier: null,
      status: 'unknown_class',
    });
    expect(unknown.note!['zh-CN']).toContain('客户类别、新老客户未知');
    expect(rebates.notes.map((n) => n['zh-CN']).join('\n')).toContain('Nile Pumps 今年只有外币发货');

    const june = await run('2026-06');
    // 600,000 + 450,000 − 20,000 return = 1,030,000.00 → 2 % of all of it = 20,600.00; no higher tier.
    expect(june.body.report.rebates!.customers.find((c) => c.customer === '华东水务')).toMatchObject({
      volume: '1030000.00',
      tier: { threshold: '1000000.00', rate: '0.02' },
      accrued: '20600.00',
      next: null,
    });
  });

  it('flags a customer over the policy’s credit limit; the report says the check came from the policy', async () => {
    const res = await run('2026-06');
    expect(res.body.report.credit).toMatchObject({
      source: 'policy',
      policyVersion: 2,
      check: { maxDays: 365, limits: [{ customer: '华东水务', currency: 'CNY', limit: '1000000.00' }] },
    });
    // 999,999 + 600,000 + 450,000 − 20,000 = 2,029,999.00, limit 1,000,000.00.
    expect(res.body.report.credit!.flags).toEqual([
      expect.objectContaining({
        customer: '华东水务',
        closing: '2029999.00',
        overLimit: { limit: '1000000.00', over: '1029999.00' },
        overdue: null,
      }),
    ]);
  });

  it('the run body wins over the policy; a later run without a body goes back to the policy', async () => {
    const credit = { maxDays: 400, limits: [{ customer: '新客户乙', currency: 'CNY', limit: '100.00' }] };
    const res = await run('2026-06', { credit });
    expect(res.status).toBe(201);
    expect(res.body.report.credit).toMatchObject({ source: 'request', policyVersion: null, check: credit });
    expect(res.body.report.credit!.flags.map((f) => [f.customer, f.overLimit?.limit])).toEqual([
      ['新客户乙', '100.00'],
    ]);
    const again = await run('2026-06');
    expect(again.body.report.credit).toMatchObject({ source: 'policy', policyVersion: 2 });
  });

  it('the statement shows the same rebate row as the report; the USD statement none', async () => {
    const report = (await run('2026-06')).body.report;
    const res = await call<StatementResponse>(
      'GET',
      `statements/${encodeURIComponent('华东水务')}?month=2026-06`,
      undefined,
      HEAD,
    );
    expect(res.status).toBe(200);
    expect(res.body.statements[0]!.rebate).toEqual(
      report.rebates!.customers.find((c) => c.customer === '华东水务'),
    );
    const usd = await call<StatementResponse>(
      'GET',
      `statements/${encodeURIComponent('Nile Pumps')}?month=2026-06`,
      undefined,
      HEAD,
    );
    expect(usd.body.statements[0]).toMatchObject({ currency: 'USD', rebate: null });
    expect(usd.body.notes.map((n) => n['en-US']).join('\n')).toContain('CNY volume only');
  });
});
