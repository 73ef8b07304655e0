/**
 * 期初余额 (opening balances) over real HTTP on a real Azurite: synced once through the ledger API under
 * the month of their as-of date, then read by receivables, statements and the scorecard instead of zero.
 */
import type { LedgerSyncResponse, MonthEndRunResponse } from '../../src/contract/monthEnd';
import type { ReceivablesResponse, StatementResponse } from '../../src/contract/receivables';
import type { ScorecardResponse } from '../../src/contract/scorecard';
import { CLERK, HEAD, useApi, useDevIdentity, type Problem } from '../support/api';

describe('期初余额: PUT /api/ledgers/openings/{yyyy-mm}', () => {
  const { call } = useApi();
  // Every region (the head); regional managers are tested in regions.test.ts.
  useDevIdentity('Sales.Head');
  const customer = '西北管业';
  const q = encodeURIComponent(customer);

  beforeAll(async () => {
    const ship = await call<LedgerSyncResponse>(
      'PUT',
      'ledgers/shipments/2026-01',
      {
        rows: [
          {
            shipDate: '2026-01-10',
            deliveryNo: 'CK-1',
            customer,
            model: 'QJ-100',
            qty: 1,
            amount: '1000.00',
            rep: '张伟',
            region: '西北',
            source: { sheet: '发货台账', row: 3 },
          },
        ],
      },
      CLERK,
    );
    expect(ship.status).toBe(200);
  });

  it('says the opening is zero until the sheet is synced', async () => {
    const res = await call<ReceivablesResponse>('GET', `receivables?asOf=2026-01-31&customer=${q}`);
    expect(res.body.customers[0]).toMatchObject({ opening: '0.00', closing: '1000.00' });
    expect(res.body.notes.map((n) => n['zh-CN']).join()).toContain('期初余额按 0 计');
  });

  it('refuses an opening whose as-of date is not in the month, naming sheet, row and column', async () => {
    const res = await call<Problem<{ errors: { field: string; message: { 'zh-CN': string } }[] }>>(
      'PUT',
      'ledgers/openings/2026-01',
      { rows: [{ customer, amount: '5000.00', date: '2025-12-31', source: { sheet: '期初余额', row: 2 } }] },
      CLERK,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('rows_outside_month');
    expect(res.body.error.details?.errors[0]).toMatchObject({ field: 'date' });
    expect(res.body.error.details?.errors[0]!.message['zh-CN']).toContain('期初余额 第2行');
  });

  it('a synced opening enters receivables, statements and the scorecard; the zero note disappears', async () => {
    const put = await call<LedgerSyncResponse>(
      'PUT',
      'ledgers/openings/2025-12',
      {
        rows: [
          {
            customer,
            amount: '5000.00',
            date: '2025-12-31',
            rep: '张伟',
            source: { sheet: '期初余额', row: 2 },
          },
        ],
      },
      CLERK,
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ kind: 'openings', month: '2025-12', version: 1, added: 1 });

    const res = await call<ReceivablesResponse>('GET', `receivables?asOf=2026-01-31&customer=${q}`);
    expect(res.body.monthsRead.openings).toEqual(['2025-12']);
    // 5000 opening + 1000 shipped = 6000; the opening is aged from 2025-12-31 (31 days: 31–60).
    expect(res.body.customers[0]).toMatchObject({
      opening: '5000.00',
      shipped: '1000.00',
      closing: '6000.00',
    });
    expect(res.body.customers[0]!.aging.map((b) => b.amount)).toEqual([
      '1000.00',
      '5000.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
    ]);
    expect(res.body.notes.map((n) => n['zh-CN']).join()).not.toContain('期初余额按 0 计');

    const st = await call<StatementResponse>('GET', `statements/${q}?month=2026-01`);
    expect(st.body.statements[0]).toMatchObject({ opening: '5000.00', closing: '6000.00' });
    expect(st.body.notes).toEqual([]);

    const card = await call<ScorecardResponse>('GET', 'scorecard/2026-01?basis=shipments');
    expect(card.body.reps.find((r) => r.rep === '张伟')!.month).toMatchObject({
      openingReceivable: '5000.00',
    });
  });

  it('the month-end run reconciles the four ledgers only; its stored scorecard includes the opening', async () => {
    const run = await call<MonthEndRunResponse>('POST', 'month-end/2026-01/run', {}, HEAD);
    expect(run.status).toBe(201);
    expect(Object.keys(run.body.report.ledgerVersions).sort()).toEqual([
      'books',
      'orders',
      'receipts',
      'shipments',
    ]);
    const zhang = run.body.report.scorecard!.reps.find((r) => r.rep === '张伟')!;
    expect(zhang.month).toMatchObject({ openingReceivable: '5000.00', shipments: '1000.00' });
  });

  describe('信用预警 in the month-end report', () => {
    it('flags items older than 90 days by default, as of the month end, opening included', async () => {
      const run = await call<MonthEndRunResponse>('POST', 'month-end/2026-04/run', {}, HEAD);
      expect(run.status).toBe(201);
      expect(run.body.report.credit!.check).toEqual({ maxDays: 90, limits: [] });
      // 2026-04-30: the opening (2025-12-31) is 120 days old, CK-1 (2026-01-10) 110 days.
      expect(run.body.report.credit!.flags).toEqual([
        expect.objectContaining({
          customer,
          currency: 'CNY',
          closing: '6000.00',
          overLimit: null,
          overdue: { days: 90, oldestDays: 120, amount: '6000.00' },
        }),
      ]);
      expect(run.body.report.credit!.flags[0]!.message['zh-CN']).toContain('信用预警');
    });

    it('takes credit limits and days in the run body, keeps them on the next run, refuses a negative limit', async () => {
      const credit = { maxDays: 365, limits: [{ customer, currency: 'CNY', limit: '5500.00' }] };
      const run = await call<MonthEndRunResponse>('POST', 'month-end/2026-04/run', { credit }, HEAD);
      expect(run.status).toBe(201);
      expect(run.body.report.credit!.flags).toEqual([
        expect.objectContaining({
          customer,
          overLimit: { limit: '5500.00', over: '500.00' },
          overdue: null,
        }),
      ]);
      const again = await call<MonthEndRunResponse>('POST', 'month-end/2026-04/run', {}, HEAD);
      expect(again.status).toBe(200);
      expect(again.body.created).toBe(false);
      expect(again.body.report.credit!.check).toEqual(credit);

      const bad = await call<Problem>(
        'POST',
        'month-end/2026-04/run',
        { credit: { maxDays: 30, limits: [{ customer, limit: '-1.00' }] } },
        HEAD,
      );
      expect(bad.status).toBe(400);
    });
  });
});
