/**
 * Receivables over real HTTP on a real Azurite: ledgers synced through the ledger API are read back
 * across months, as of a date, with FIFO application, bank acceptances, filters and clear 400s.
 */
import type {
  LedgerSyncResponse,
  MonthEndRunResponse,
  ReceiptRow,
  ShipmentRow,
} from '../../src/contract/monthEnd';
import type { ReceivablesResponse, StatementResponse } from '../../src/contract/receivables';
import type { ScorecardResponse } from '../../src/contract/scorecard';
import { CLERK, HEAD, useApi, useDevIdentity, type Problem } from '../support/api';

describe('GET /api/receivables and /api/scorecard', () => {
  const { call } = useApi();
  // Every region (the head); regional managers are tested in regions.test.ts.
  useDevIdentity('Sales.Head');
  let row = 3;
  const src = (sheet: string) => ({ sheet, row: row++ });
  const ship = (over: Partial<ShipmentRow> & Pick<ShipmentRow, 'shipDate' | 'deliveryNo' | 'amount'>) => ({
    customer: '华东水务',
    model: 'QJ-100',
    qty: 1,
    currency: 'CNY',
    rep: '张伟',
    region: '华东',
    source: src('发货台账'),
    ...over,
  });
  const pay = (over: Partial<ReceiptRow> & Pick<ReceiptRow, 'date' | 'amount'>) => ({
    customer: '华东水务',
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
    await sync('shipments', '2026-01', [
      ship({ shipDate: '2026-01-10', deliveryNo: 'CK-1', amount: '1000.00', invoiceNo: 'FP-1' }),
      ship({
        shipDate: '2026-01-20',
        deliveryNo: 'EX-1',
        amount: '300.50',
        customer: 'Nile Pumps',
        currency: 'USD',
        rep: '李娜',
        region: '海外',
      }),
    ]);
    await sync('shipments', '2026-02', [
      ship({ shipDate: '2026-02-10', deliveryNo: 'CK-2', amount: '2000.00', invoiceNo: 'FP-2' }),
    ]);
    await sync('shipments', '2026-03', [
      ship({ shipDate: '2026-03-05', deliveryNo: 'TH-1', amount: '-100.00', qty: -1 }),
    ]);
    await sync('receipts', '2026-02', [
      pay({ date: '2026-02-15', amount: '500.00', invoiceNo: 'FP-2' }),
      pay({
        date: '2026-02-20',
        amount: '600.00',
        method: '承兑汇票',
        billNo: 'CD-9',
        maturityDate: '2026-08-20',
      }),
    ]);
    // A later month that asOf must not see.
    await sync('receipts', '2026-04', [pay({ date: '2026-04-02', amount: '9999.00' })]);
  });

  it('answers each customer’s balance and aging as of a date from every synced month up to it', async () => {
    const res = await call<ReceivablesResponse>('GET', 'receivables?asOf=2026-03-31');
    expect(res.status).toBe(200);
    expect(res.body.monthsRead).toEqual({
      shipments: ['2026-01', '2026-02', '2026-03'],
      receipts: ['2026-02'],
      openings: [],
    });
    const east = res.body.customers.find((c) => c.customer === '华东水务')!;
    // 1000 + 2000 − 500 (FP-2) − 600 (bill, FIFO to CK-1) − 100 return (FIFO: rest of CK-1) = 1800.
    expect(east).toMatchObject({
      shipped: '3000.00',
      received: '1100.00',
      returns: '100.00',
      closing: '1800.00',
      rep: '张伟',
      bankAcceptances: { total: '600.00', notMatured: '600.00' },
    });
    expect(east.openItems.map((i) => [i.deliveryNo, i.open])).toEqual([
      ['CK-1', '300.00'],
      ['CK-2', '1500.00'],
    ]);
    // CK-1 is 80 days old (61–90), CK-2 49 days (31–60).
    expect(east.aging.map((b) => b.amount)).toEqual(['0.00', '1500.00', '300.00', '0.00', '0.00', '0.00']);
    expect(res.body.totals).toEqual([
      expect.objectContaining({ currency: 'CNY', closing: '1800.00' }),
      expect.objectContaining({ currency: 'USD', closing: '300.50' }),
    ]);
    expect(res.body.notes[0]!['zh-CN']).toContain('期初余额按 0 计');
  });

  it('filters by rep and customer and takes bucket bounds', async () => {
    const byRep = await call<ReceivablesResponse>(
      'GET',
      `receivables?asOf=2026-03-31&rep=${encodeURIComponent('李娜')}`,
    );
    expect(byRep.body.customers.map((c) => [c.customer, c.currency, c.closing])).toEqual([
      ['Nile Pumps', 'USD', '300.50'],
    ]);
    const one = await call<ReceivablesResponse>(
      'GET',
      `receivables?asOf=2026-02-28&customer=${encodeURIComponent('华东水务')}&buckets=45`,
    );
    expect(one.body.customers).toHaveLength(1);
    expect(one.body.customers[0]!.aging.map((b) => [b.label['zh-CN'], b.amount])).toEqual([
      ['0–45天', '1500.00'],
      ['45天以上', '400.00'],
    ]);
  });

  it('answers 400 for a missing or impossible asOf and for bad buckets', async () => {
    const none = await call<Problem>('GET', 'receivables');
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('bad_as_of');
    const impossible = await call<Problem>('GET', 'receivables?asOf=2026-02-30');
    expect(impossible.body.error.message['zh-CN']).toContain('2026-02-30');
    const buckets = await call<Problem>('GET', 'receivables?asOf=2026-03-31&buckets=60,30');
    expect(buckets.status).toBe(400);
    expect(buckets.body.error.message['en-US']).toContain('buckets');
  });

  it('GET /api/statements/{customer}?month= answers opening, lines with running balance, closing and aging', async () => {
    const res = await call<StatementResponse>(
      'GET',
      `statements/${encodeURIComponent('华东水务')}?month=2026-02`,
    );
    expect(res.status).toBe(200);
    const [s] = res.body.statements;
    expect(s).toMatchObject({
      currency: 'CNY',
      opening: '1000.00',
      closing: '1900.00',
      totalDebit: '2000.00',
      totalCredit: '1100.00',
    });
    expect(s!.lines.map((l) => [l.kind, l.balance])).toEqual([
      ['shipment', '3000.00'],
      ['receipt', '2500.00'],
      ['receipt', '1900.00'],
    ]);
    // The heading's company comes from SALESDESK_COMPANY_NAME: none set → null (the pane says so).
    expect(res.body.company).toBeNull();
    process.env.SALESDESK_COMPANY_NAME = '湘江泵业有限公司 | Xiangjiang Pumps Co., Ltd.';
    try {
      const named = await call<StatementResponse>(
        'GET',
        `statements/${encodeURIComponent('华东水务')}?month=2026-02`,
      );
      expect(named.body.company).toEqual({
        'zh-CN': '湘江泵业有限公司',
        'en-US': 'Xiangjiang Pumps Co., Ltd.',
      });
    } finally {
      delete process.env.SALESDESK_COMPANY_NAME;
    }
    const unknown = await call<Problem>('GET', `statements/${encodeURIComponent('无此客户')}?month=2026-02`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message['zh-CN']).toContain('无此客户');
    expect((await call<Problem>('GET', 'statements/x?month=2026-2')).status).toBe(400);
  });

  describe('GET /api/scorecard/{yyyy-mm}', () => {
    it('scores each rep against the published plan read from storage; USD rows are left out with a note', async () => {
      const before = await call<ScorecardResponse>('GET', 'scorecard/2026-02');
      expect(before.status).toBe(200);
      expect(before.body.planVersion).toBeNull();

      const twelve = (first: number[]) => [...first, ...new Array<number>(12 - first.length).fill(0)];
      const put = await call(
        'PUT',
        'plans/2026',
        {
          year: 2026,
          unit: 'yuan',
          roundTo: 1,
          rows: [
            {
              productType: '水泵',
              region: '华东',
              rep: '张伟',
              annual: 8000,
              months: twelve([2000, 4000, 2000]),
            },
          ],
        },
        { ...HEAD, 'if-none-match': '*' },
      );
      expect(put.status).toBe(201);

      const res = await call<ScorecardResponse>('GET', 'scorecard/2026-02?basis=shipments');
      expect(res.body).toMatchObject({ month: '2026-02', basis: 'shipments', planVersion: 1 });
      const zhang = res.body.reps.find((r) => r.rep === '张伟')!;
      // Feb: shipped 2000 of a 4000 plan; opening 1000, receipts 1100 → 1100 / 3000.
      expect(zhang.month).toMatchObject({
        plan: '4000.00',
        actual: '2000.00',
        completion: '0.5000',
        openingReceivable: '1000.00',
        receipts: '1100.00',
        collectionRate: '0.3667',
      });
      expect(zhang.ytd).toMatchObject({ plan: '6000.00', actual: '3000.00', completion: '0.5000' });
      expect(res.body.regions).toEqual([expect.objectContaining({ region: '华东', reps: 1 })]);
      // 李娜 sells only in USD: listed nowhere in CNY figures, and the note says why.
      expect(res.body.reps.map((r) => r.rep)).toEqual(['张伟']);
      expect(res.body.notes.some((n) => n['en-US'].includes('foreign-currency'))).toBe(true);

      // The month-end run stores the same scorecard with its report.
      const run = await call<MonthEndRunResponse>('POST', 'month-end/2026-02/run', {}, CLERK);
      expect(run.status).toBe(201);
      expect(run.body.report.scorecard?.reps).toEqual(res.body.reps);
      expect(run.body.report.scorecard?.planVersion).toBe(1);

      const bad = await call<Problem>('GET', 'scorecard/2026-13');
      expect(bad.status).toBe(400);
      const basis = await call<Problem>('GET', 'scorecard/2026-02?basis=invoices');
      expect(basis.body.error.code).toBe('bad_basis');
    });
  });
});
