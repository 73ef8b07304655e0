/**
 * Regional managers read only their own 片区, enforced by the API (issue 12 item 3, issue 11 item 5): on
 * the dev host with real signed tokens (the `region` claim, or groups mapped by SALESDESK_REGION_GROUPS),
 * over ledgers synced into a real Azurite. Head, clerk and Finance read every region.
 */
import { createLocalIssuer } from '../../src/auth/localIssuer';
import type { LedgerSyncResponse, ReceiptRow, ShipmentRow } from '../../src/contract/monthEnd';
import type { CreditFlagsResponse } from '../../src/contract/creditFlags';
import type { ReceivablesResponse, StatementResponse } from '../../src/contract/receivables';
import type { ScorecardResponse } from '../../src/contract/scorecard';
import {
  bearer,
  CLERK,
  FINANCE,
  HEAD,
  MANAGER,
  MANAGER_EAST,
  MANAGER_EAST_CENTRAL,
  MANAGER_SOUTH,
  tokenFor,
  useApi,
  type Problem,
} from '../support/api';

const q = encodeURIComponent;

describe('片区: managers read their own region only', () => {
  const { call } = useApi();
  let row = 3;
  const src = (sheet: string) => ({ sheet, row: row++ });
  const ship = (over: Partial<ShipmentRow> & Pick<ShipmentRow, 'deliveryNo' | 'customer' | 'amount'>) => ({
    shipDate: '2026-03-05',
    model: 'QJ-100',
    qty: 1,
    currency: 'CNY',
    source: src('发货台账'),
    ...over,
  });
  const pay = (over: Partial<ReceiptRow> & Pick<ReceiptRow, 'customer' | 'amount'>) => ({
    date: '2026-03-20',
    method: '电汇',
    currency: 'CNY',
    source: src('回款台账'),
    ...over,
  });

  async function sync(kind: string, month: string, rows: unknown[]): Promise<void> {
    const res = await call<LedgerSyncResponse>('PUT', `ledgers/${kind}/${month}`, { rows }, CLERK);
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    await sync('shipments', '2026-03', [
      ship({ deliveryNo: 'E-1', customer: '华东水务', amount: '1000.00', rep: '张伟', region: '华东' }),
      // No 片区 on the row: the customer is 华东 through its rep 张伟.
      ship({ deliveryNo: 'E-2', customer: '苏州农机', amount: '400.00', rep: '张伟' }),
      ship({ deliveryNo: 'S-1', customer: '广州泵业', amount: '2000.00', rep: '王芳', region: '华南片区' }),
      ship({ deliveryNo: 'C-1', customer: '武汉机电', amount: '3000.00', rep: '刘强', region: '华中' }),
      // Neither 片区 nor rep: nobody's region, withheld from managers and counted.
      ship({ deliveryNo: 'X-1', customer: '无名客户', amount: '50.00' }),
    ]);
    await sync('receipts', '2026-03', [
      pay({ customer: '华东水务', amount: '300.00' }),
      pay({ customer: '广州泵业', amount: '500.00' }),
    ]);
  });

  const customersOf = (body: ReceivablesResponse) => body.customers.map((c) => c.customer).sort();

  it('the head, the clerk and Finance see every region', async () => {
    for (const who of [HEAD, CLERK, FINANCE]) {
      const res = await call<ReceivablesResponse>('GET', 'receivables?asOf=2026-03-31', undefined, who);
      expect(res.status).toBe(200);
      expect(customersOf(res.body)).toEqual(
        ['华东水务', '广州泵业', '无名客户', '武汉机电', '苏州农机'].sort(),
      );
      expect(res.body.scope).toEqual({ regions: null, unknownRegion: 0, note: null });
      expect(res.body.totals).toEqual([expect.objectContaining({ currency: 'CNY', closing: '5650.00' })]);
    }
  });

  it('a manager who is also clerk, head or Finance reads every region', async () => {
    const both = tokenFor('孙经理', ['Sales.Manager', 'Sales.Clerk'], { regions: ['华东'] });
    const res = await call<ReceivablesResponse>(
      'GET',
      'receivables?asOf=2026-03-31',
      undefined,
      bearer(both),
    );
    expect(res.body.customers).toHaveLength(5);
    expect(res.body.scope?.regions).toBeNull();
  });

  it('receivables: a 华东 manager sees 华东 customers only (by row or by rep), totals over them, the withheld counted', async () => {
    const res = await call<ReceivablesResponse>(
      'GET',
      'receivables?asOf=2026-03-31',
      undefined,
      MANAGER_EAST,
    );
    expect(res.status).toBe(200);
    expect(customersOf(res.body)).toEqual(['华东水务', '苏州农机'].sort());
    // 700.00 + 400.00, summed again: not the company's 5,650.00.
    expect(res.body.totals).toEqual([expect.objectContaining({ currency: 'CNY', closing: '1100.00' })]);
    expect(res.body.totals[0]!.aging.map((b) => b.amount)).toEqual([
      '1100.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
    ]);
    expect(res.body.scope).toMatchObject({ regions: ['华东'], unknownRegion: 1 });
    const note = res.body.notes.at(-1)!;
    expect(note['zh-CN']).toContain('1 个客户在台账中没有片区');
    expect(note['en-US']).toContain('1 more customers have no region');
  });

  it('a manager of two regions sees both; 华南片区 in the ledger is region 华南', async () => {
    const both = await call<ReceivablesResponse>(
      'GET',
      'receivables?asOf=2026-03-31',
      undefined,
      MANAGER_EAST_CENTRAL,
    );
    expect(customersOf(both.body)).toEqual(['华东水务', '武汉机电', '苏州农机'].sort());
    const south = await call<ReceivablesResponse>(
      'GET',
      'receivables?asOf=2026-03-31',
      undefined,
      MANAGER_SOUTH,
    );
    expect(customersOf(south.body)).toEqual(['广州泵业']);
    expect(south.body.totals[0]!.closing).toBe('1500.00');
  });

  it('another region’s rep or customer is 403 naming its region, never an empty or zero answer', async () => {
    const rep = await call<Problem>(
      'GET',
      `receivables?asOf=2026-03-31&rep=${q('王芳')}`,
      undefined,
      MANAGER_EAST,
    );
    expect(rep.status).toBe(403);
    expect(rep.body.error.code).toBe('other_region');
    expect(rep.body.error.message['zh-CN']).toContain('业务员“王芳”属于片区 华南片区');
    expect(rep.body.error.message['en-US']).toContain('region 华东 only');
    const customer = await call<Problem>(
      'GET',
      `receivables?asOf=2026-03-31&customer=${q('广州泵业')}`,
      undefined,
      MANAGER_EAST,
    );
    expect(customer.status).toBe(403);
    expect(customer.body.error.details).toMatchObject({ customer: '广州泵业', region: '华南片区' });
    const unknown = await call<Problem>(
      'GET',
      `receivables?asOf=2026-03-31&customer=${q('无名客户')}`,
      undefined,
      MANAGER_EAST,
    );
    expect(unknown.status).toBe(403);
    expect(unknown.body.error.code).toBe('region_unknown');
    // Their own rep and customer pass.
    const own = await call<ReceivablesResponse>(
      'GET',
      `receivables?asOf=2026-03-31&rep=${q('张伟')}`,
      undefined,
      MANAGER_EAST,
    );
    expect(customersOf(own.body)).toEqual(['华东水务', '苏州农机'].sort());
  });

  it('statements: another region’s customer is 403, one’s own is answered', async () => {
    const other = await call<Problem>(
      'GET',
      `statements/${q('武汉机电')}?month=2026-03`,
      undefined,
      MANAGER_EAST,
    );
    expect(other.status).toBe(403);
    expect(other.body.error.message['zh-CN']).toContain('属于片区 华中');
    const own = await call<StatementResponse>(
      'GET',
      `statements/${q('苏州农机')}?month=2026-03`,
      undefined,
      MANAGER_EAST,
    );
    expect(own.status).toBe(200);
    expect(own.body.statements[0]!.closing).toBe('400.00');
    const head = await call<StatementResponse>(
      'GET',
      `statements/${q('武汉机电')}?month=2026-03`,
      undefined,
      HEAD,
    );
    expect(head.status).toBe(200);
  });

  it('scorecard: own region’s reps and roll-up only, company ranks kept and said; another rep 403', async () => {
    const all = await call<ScorecardResponse>('GET', 'scorecard/2026-03', undefined, HEAD);
    expect(all.body.reps.map((r) => r.rep).sort()).toEqual(['刘强', '张伟', '王芳'].sort());
    const east = await call<ScorecardResponse>('GET', 'scorecard/2026-03', undefined, MANAGER_EAST);
    expect(east.status).toBe(200);
    expect(east.body.reps.map((r) => r.rep)).toEqual(['张伟']);
    expect(east.body.regions.map((r) => r.region)).toEqual(['华东']);
    expect(east.body.scope).toMatchObject({ regions: ['华东'], unknownRegion: 0 });
    // The rank is the company's: the same number the head sees.
    const headRank = all.body.reps.find((r) => r.rep === '张伟')!.month.ranks;
    expect(east.body.reps[0]!.month.ranks).toEqual(headRank);
    expect(east.body.notes.map((n) => n['zh-CN']).join()).toContain('全公司排名');
    const other = await call<Problem>('GET', `scorecard/2026-03?rep=${q('刘强')}`, undefined, MANAGER_EAST);
    expect(other.status).toBe(403);
    expect(other.body.error.details).toMatchObject({ rep: '刘强', region: '华中' });
    const own = await call<ScorecardResponse>(
      'GET',
      `scorecard/2026-03?rep=${q('张伟')}`,
      undefined,
      MANAGER_EAST,
    );
    expect(own.body.reps.map((r) => r.rep)).toEqual(['张伟']);
  });

  it('the month-end report and raw ledger rows (every region at once) are refused to managers, with a pointer', async () => {
    const run = await call('POST', 'month-end/2026-03/run', {}, CLERK);
    expect(run.status).toBe(201);
    for (const path of ['month-end/2026-03', 'ledgers/shipments/2026-03']) {
      const res = await call<Problem>('GET', path, undefined, MANAGER_EAST);
      expect(`${path}: ${res.status} ${res.body.error.code}`).toBe(`${path}: 403 company_wide`);
      expect(res.body.error.message['zh-CN']).toContain('scorecard');
      expect(res.body.error.message['en-US']).toContain('receivables');
      expect((await call('GET', path, undefined, HEAD)).status).toBe(200);
    }
  });

  it("信用预警: the head reads every flag, a manager their own 片区's (the withheld counted); none before a report", async () => {
    // Every customer with a balance is over a limit of ¥0.00.
    const limits = ['华东水务', '苏州农机', '广州泵业', '武汉机电', '无名客户'].map((customer) => ({
      customer,
      limit: '0.00',
    }));
    const run = await call('POST', 'month-end/2026-03/run', { credit: { maxDays: 90, limits } }, CLERK);
    expect(run.status).toBeLessThan(300);
    const flagged = (body: CreditFlagsResponse) => (body.credit?.flags ?? []).map((f) => f.customer).sort();

    const head = await call<CreditFlagsResponse>('GET', 'credit-flags?asOf=2026-05', undefined, HEAD);
    expect(head.status).toBe(200);
    expect(head.body).toMatchObject({
      asOf: '2026-05',
      month: '2026-03',
      credit: { source: 'request', maxDays: 90 },
    });
    expect(flagged(head.body)).toEqual(limits.map((l) => l.customer).sort());
    expect(head.body.scope).toEqual({ regions: null, unknownRegion: 0, note: null });

    const east = await call<CreditFlagsResponse>('GET', 'credit-flags?asOf=2026-03', undefined, MANAGER_EAST);
    expect(east.status).toBe(200);
    expect(flagged(east.body)).toEqual(['华东水务', '苏州农机'].sort());
    expect(east.body.credit?.flags.find((f) => f.customer === '华东水务')?.closing).toBe('700.00');
    expect(east.body.scope).toMatchObject({ regions: ['华东'], unknownRegion: 1 });
    expect(east.body.scope.note?.['zh-CN']).toContain('1 个客户在台账中没有片区');

    const south = await call<CreditFlagsResponse>(
      'GET',
      'credit-flags?asOf=2026-03',
      undefined,
      MANAGER_SOUTH,
    );
    expect(flagged(south.body)).toEqual(['广州泵业']);

    // No report at or before February: an answer without a month (the pane says 还没有月末报告), not an
    // error the browser would log on every check; a bad month is 400.
    const none = await call<CreditFlagsResponse>('GET', 'credit-flags?asOf=2026-02', undefined, MANAGER_EAST);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ asOf: '2026-02', month: null, version: null, credit: null });
    const bad = await call<Problem>('GET', 'credit-flags?asOf=2026-3', undefined, HEAD);
    expect(`${bad.status} ${bad.body.error.code}`).toBe('400 bad_as_of');
  });

  it('a manager token without a region is 403 saying what is missing (never every region)', async () => {
    for (const path of [
      'receivables?asOf=2026-03-31',
      `statements/${q('华东水务')}?month=2026-03`,
      'scorecard/2026-03',
      'month-end/2026-03',
      'credit-flags?asOf=2026-03',
    ]) {
      const res = await call<Problem>('GET', path, undefined, MANAGER);
      expect(`${path}: ${res.status}`).toBe(`${path}: 403`);
      expect(res.body.error.code).toBe('region_missing');
      expect(res.body.error.message['zh-CN']).toContain('没有片区');
      expect(res.body.error.message['en-US']).toContain('names no region');
    }
    // Reads that hold no per-region data stay open to them.
    expect((await call('GET', 'month-end', undefined, MANAGER)).status).toBe(200);
  });

  it('groups mapped by SALESDESK_REGION_GROUPS give the region; too many groups (overage) is said on the 403', async () => {
    const before = process.env.SALESDESK_REGION_GROUPS;
    process.env.SALESDESK_REGION_GROUPS =
      '6f1c2a10-0000-4000-8000-00000000000a=华南; 6f1c2a10-0000-4000-8000-00000000000b=华中';
    try {
      const grouped = tokenFor('郑经理', ['Sales.Manager'], {
        extraClaims: {
          groups: ['11111111-2222-4333-8444-555555555555', '6F1C2A10-0000-4000-8000-00000000000A'],
        },
      });
      const res = await call<ReceivablesResponse>(
        'GET',
        'receivables?asOf=2026-03-31',
        undefined,
        bearer(grouped),
      );
      expect(customersOf(res.body)).toEqual(['广州泵业']);
      const overage = tokenFor('钱经理', ['Sales.Manager'], {
        extraClaims: { _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'x' } } },
      });
      const refused = await call<Problem>('GET', 'scorecard/2026-03', undefined, bearer(overage));
      expect(refused.status).toBe(403);
      expect(refused.body.error.details).toMatchObject({ groupsOverage: true });
      expect(refused.body.error.message['en-US']).toContain('too many groups');
    } finally {
      if (before === undefined) delete process.env.SALESDESK_REGION_GROUPS;
      else process.env.SALESDESK_REGION_GROUPS = before;
    }
  });

  it('a region claim changed by the caller does not verify: re-signed with another key or edited → 401', async () => {
    // Same kid as the test issuer, another private key: the signature does not verify.
    const forger = createLocalIssuer('test-key');
    const forged = forger.mint({ roles: ['Sales.Manager'], regions: ['华中'], name: '伪造', oid: 'oid-x' });
    const res = await call<Problem>('GET', 'receivables?asOf=2026-03-31', undefined, bearer(forged));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_token');
    // A real 华东 token whose payload is edited to say 华中.
    const [head, payload, signature] = tokenFor('陈经理', ['Sales.Manager'], { regions: ['华东'] }).split(
      '.',
    );
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const edited = Buffer.from(JSON.stringify({ ...claims, region: '华中' })).toString('base64url');
    const tampered = await call<Problem>(
      'GET',
      'scorecard/2026-03',
      undefined,
      bearer(`${head}.${edited}.${signature}`),
    );
    expect(tampered.status).toBe(401);
  });
});
