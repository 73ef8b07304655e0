/**
 * Month-end over real HTTP on a real Azurite: ledgers sync idempotently and atomically, a closed month
 * refuses syncs, runs are idempotent (timer + button give one report), and the timer's UTC schedule
 * hits 02:00 China time on every 1st.
 */
import { CronExpressionParser } from 'cron-parser';
import type {
  LedgerSnapshot,
  LedgerSyncResponse,
  MonthEndReport,
  MonthEndRunResponse,
  MonthListResponse,
  MonthStatus,
  ShipmentRow,
} from '../../src/contract/monthEnd';
import { chinaDateOf, monthsDue, MONTH_END_SCHEDULE } from '../../src/domain/monthEnd';
import { runDueMonths } from '../../src/functions/monthEnd';
import { timers } from '../../src/routes';
import { listAudit } from '../../src/storage/auditLog';
import { LedgerConflictError, openLedgerRepository } from '../../src/storage/ledgerRepository';
import { openMonthEndRepository } from '../../src/storage/monthEndRepository';
import { actingAs, CLERK, useApi, type Problem } from '../support/api';
import { startTestHost } from '../support/http';

const FINANCE = actingAs('李会计', 'Finance');

describe('month-end API', () => {
  const { call, host } = useApi();

  function shipments(month: string, count: number, amount = '1000.00', sheet = '发货台账'): ShipmentRow[] {
    return Array.from({ length: count }, (_, i) => ({
      shipDate: `${month}-${String((i % 28) + 1).padStart(2, '0')}`,
      deliveryNo: `CK-${month}-${String(i).padStart(5, '0')}`,
      contractNo: `HT-${i % 50}`,
      customer: ['华东水务', '北方农机', '南方泵业'][i % 3]!,
      model: 'QJ-100',
      qty: 1,
      amount,
      currency: 'CNY' as const,
      source: { sheet, row: i + 3 },
    }));
  }

  describe('PUT/GET /api/ledgers/{kind}/{yyyy-mm}', () => {
    it('stores a month, and the same sheet twice changes nothing (version kept)', async () => {
      const rows = shipments('2026-01', 30);
      const first = await call<LedgerSyncResponse>('PUT', 'ledgers/shipments/2026-01', { rows }, CLERK);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ version: 1, added: 30, changed: 0, removed: 0, unchanged: 0 });
      const again = await call<LedgerSyncResponse>(
        'PUT',
        'ledgers/shipments/2026-01',
        { rows: [...rows].reverse() },
        CLERK,
      );
      expect(again.body).toMatchObject({
        version: 1,
        added: 0,
        unchanged: 30,
        syncedAt: first.body.syncedAt,
      });

      const edited = rows.map((r, i) => (i === 0 ? { ...r, amount: '999.00' } : r)).slice(0, 29);
      const third = await call<LedgerSyncResponse>(
        'PUT',
        'ledgers/shipments/2026-01',
        { rows: [...edited, ...shipments('2026-01', 31).slice(30)] },
        CLERK,
      );
      expect(third.body).toMatchObject({ version: 2, added: 1, changed: 1, removed: 1, unchanged: 28 });

      const got = await call<LedgerSnapshot<'shipments'>>(
        'GET',
        'ledgers/shipments/2026-01',
        undefined,
        CLERK,
      );
      expect(got.body).toMatchObject({ version: 2, syncedBy: '张内勤' });
      // Who synced what and when: one audit entry per sync that changed the snapshot (not for the repeat).
      const audit = (await listAudit('ledger')).filter(
        (e) => (e.details as { month?: string }).month === '2026-01',
      );
      expect(audit.map((e) => [e.who, (e.details as { version: number }).version])).toEqual([
        ['张内勤', 2],
        ['张内勤', 1],
      ]);
      expect(got.body.rows).toHaveLength(30);
    });

    it('reports duplicate business keys with both locations and keeps both rows', async () => {
      const [a] = shipments('2026-02', 1);
      const res = await call<LedgerSyncResponse>(
        'PUT',
        'ledgers/shipments/2026-02',
        { rows: [a, { ...a!, source: { sheet: '发货台账', row: 40 } }] },
        CLERK,
      );
      expect(res.body.duplicates).toEqual([
        {
          key: 'ck-2026-02-00000|qj-100',
          sources: [
            { sheet: '发货台账', row: 3 },
            { sheet: '发货台账', row: 40 },
          ],
        },
      ]);
      expect(res.body.added).toBe(2);
    });

    it('answers 422 naming the sheet, row and column of a bad row, and of a row dated outside the month', async () => {
      const [good, other] = shipments('2026-03', 2);
      const bad = await call<Problem<{ errors: { message: { 'zh-CN': string } }[] }>>(
        'PUT',
        'ledgers/shipments/2026-03',
        { rows: [good, { ...other!, amount: '12.345' }] },
        CLERK,
      );
      expect(bad.status).toBe(422);
      expect(bad.body.error.details!.errors[0]!.message['zh-CN']).toContain('发货台账 第4行，金额');

      const outside = await call<Problem>(
        'PUT',
        'ledgers/shipments/2026-03',
        { rows: [good, { ...other!, shipDate: '2026-03-31T16:30:00Z' }] },
        CLERK,
      );
      expect(outside.status).toBe(422);
      expect(outside.body.error.code).toBe('rows_outside_month');
      expect(outside.body.error.message['en-US']).toContain(
        '发货台账 row 4: date 2026-04-01 (China time) is not in 2026-03',
      );
      // Nothing was stored.
      expect((await call('GET', 'ledgers/shipments/2026-03', undefined, CLERK)).status).toBe(404);
    });

    it('refuses books from a sales manager (role) and an unknown ledger kind', async () => {
      expect((await call('PUT', 'ledgers/books/2026-03', { rows: [] })).status).toBe(403);
      expect((await call('PUT', 'ledgers/invoices/2026-03', { rows: [] }, CLERK)).status).toBe(404);
    });

    it('a sync cancelled halfway through the upload leaves the old snapshot whole', async () => {
      const old = shipments('2026-04', 50);
      expect((await call('PUT', 'ledgers/shipments/2026-04', { rows: old }, CLERK)).status).toBe(200);
      const text = JSON.stringify({ rows: shipments('2026-04', 3000, '5.00') });
      const controller = new AbortController();
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(text.slice(0, text.length / 2)));
          setTimeout(() => controller.abort(), 50);
        },
      });
      await expect(
        fetch(`${host.baseUrl}/ledgers/shipments/2026-04`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', ...CLERK },
          body,
          signal: controller.signal,
          duplex: 'half',
        } as RequestInit),
      ).rejects.toThrow();
      const got = await call<LedgerSnapshot<'shipments'>>(
        'GET',
        'ledgers/shipments/2026-04',
        undefined,
        CLERK,
      );
      expect(got.body.version).toBe(1);
      expect(got.body.rows).toEqual(
        old.map((r) => expect.objectContaining({ deliveryNo: r.deliveryNo, amount: r.amount })),
      );
    });

    it('a sync cancelled in storage, after its rows are written, never moves the pointer', async () => {
      const ledgers = await openLedgerRepository();
      const old = shipments('2026-05', 10);
      await ledgers.sync({ kind: 'shipments', month: '2026-05', rows: old, syncedBy: 'a' });
      const controller = new AbortController();
      controller.abort();
      await expect(
        ledgers.sync({
          kind: 'shipments',
          month: '2026-05',
          rows: shipments('2026-05', 12000, '7.00'),
          syncedBy: 'b',
          signal: controller.signal,
        }),
      ).rejects.toThrow();
      const snapshot = await ledgers.read('shipments', '2026-05');
      expect(snapshot).toMatchObject({ version: 1, syncedBy: 'a' });
      expect(snapshot!.rows.map((r) => r.amount)).toEqual(old.map((r) => r.amount));
    });

    it('two concurrent syncs of one month: one wins cleanly, the snapshot is wholly one of them', async () => {
      const ledgers = await openLedgerRepository();
      const a = shipments('2026-06', 2000, '1.00', 'A');
      const b = shipments('2026-06', 2000, '2.00', 'B');
      const results = await Promise.allSettled([
        ledgers.sync({ kind: 'shipments', month: '2026-06', rows: a, syncedBy: 'a' }),
        ledgers.sync({ kind: 'shipments', month: '2026-06', rows: b, syncedBy: 'b' }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      if (lost.length > 0) {
        expect(won).toHaveLength(1);
        expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(LedgerConflictError);
      } else {
        // Not raced after all (one finished before the other read): then one after the other.
        expect(
          won.map((r) => (r as PromiseFulfilledResult<LedgerSyncResponse>).value.version).sort(),
        ).toEqual([1, 2]);
      }
      const snapshot = (await ledgers.read('shipments', '2026-06'))!;
      const amounts = new Set(snapshot.rows.map((r) => r.amount));
      expect(amounts.size).toBe(1);
      expect(snapshot.rows).toHaveLength(2000);
      expect(new Set(snapshot.rows.map((r) => r.source.sheet)).size).toBe(1);
    });
  });

  describe('month-end run, report, close', () => {
    const month = '2026-07';

    it('answers 404 with a clear message before the first run', async () => {
      const res = await call<Problem>('GET', `month-end/${month}`, undefined, CLERK);
      expect(res.status).toBe(404);
      expect(res.body.error.message['zh-CN']).toContain('还没有运行过');
    });

    it('timer and manual run together give one report', async () => {
      await call('PUT', `ledgers/shipments/${month}`, { rows: shipments(month, 20) }, CLERK);
      const books = shipments(month, 19).map((s, i) => ({
        date: s.shipDate,
        voucherNo: `记-${i}`,
        customer: s.customer,
        deliveryNo: s.deliveryNo,
        debit: s.amount,
        source: { sheet: '财务账', row: i + 5 },
      }));
      expect((await call('PUT', `ledgers/books/${month}`, { rows: books }, FINANCE)).status).toBe(200);

      const [ledgers, reports] = await Promise.all([openLedgerRepository(), openMonthEndRepository()]);
      const firstOfNextMonth = new Date('2026-07-31T18:00:05Z'); // 02:00:05 on 1 August, China time
      const [timer, manual] = await Promise.all([
        runDueMonths(firstOfNextMonth, ledgers, reports),
        call<MonthEndRunResponse>('POST', `month-end/${month}/run`, undefined, CLERK),
      ]);
      // The timer also catches up the earlier months of this file that have ledgers but no report.
      const july = timer.find((t) => t.month === month)!;
      expect(july).toMatchObject({ version: 1 });
      expect(manual.body.report.version).toBe(1);
      expect([july.created, manual.body.created].filter(Boolean)).toHaveLength(1);

      const report = (await call<MonthEndReport>('GET', `month-end/${month}`, undefined, CLERK)).body;
      expect(report.version).toBe(1);
      expect(report.reconciliation.differences.map((d) => d.class)).toEqual(['only_in_ledger']);
      expect(report.reconciliation.totals[0]).toMatchObject({ difference: '1000.00', remainder: '0.00' });

      // Again over the same ledgers: the same report.
      const again = await call<MonthEndRunResponse>('POST', `month-end/${month}/run`, {}, CLERK);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ created: false, report: { version: 1 } });
    });

    it('a run over changed ledgers makes a new version that says what changed', async () => {
      const books = shipments(month, 20).map((s, i) => ({
        date: s.shipDate,
        voucherNo: `记-${i}`,
        customer: s.customer,
        deliveryNo: s.deliveryNo,
        debit: s.amount,
        source: { sheet: '财务账', row: i + 5 },
      }));
      await call('PUT', `ledgers/books/${month}`, { rows: books }, FINANCE);
      const res = await call<MonthEndRunResponse>(
        'POST',
        `month-end/${month}/run`,
        { rates: { USD: '7.1' } },
        CLERK,
      );
      expect(res.status).toBe(201);
      expect(res.body.report.version).toBe(2);
      expect(res.body.report.changes).toMatchObject({
        previousVersion: 1,
        ledgers: [{ kind: 'books', from: 1, to: 2 }],
        ratesChanged: true,
        differencesAdded: [],
      });
      expect(res.body.report.changes!.differencesResolved).toHaveLength(1);
    });

    it('Finance closes the month; a sync is then refused naming who closed it; reopening needs a reason', async () => {
      expect((await call('POST', `month-end/${month}/close`, {}, CLERK)).status).toBe(403);
      const closed = await call<MonthStatus>(
        'POST',
        `month-end/${month}/close`,
        { note: '7月结账' },
        FINANCE,
      );
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ state: 'closed', closedBy: '李会计', reportVersion: 2 });

      const refused = await call<Problem>(
        'PUT',
        `ledgers/shipments/${month}`,
        { rows: shipments(month, 3) },
        CLERK,
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('month_closed');
      expect(refused.body.error.message['zh-CN']).toContain('已由 李会计 于');

      expect((await call('POST', `month-end/${month}/reopen`, {}, FINANCE)).status).toBe(400);
      const reopened = await call<MonthStatus>(
        'POST',
        `month-end/${month}/reopen`,
        { reason: '补录退货' },
        FINANCE,
      );
      expect(reopened.body).toMatchObject({ state: 'open', reopenedBy: '李会计', reopenReason: '补录退货' });
      expect(
        (await call('PUT', `ledgers/shipments/${month}`, { rows: shipments(month, 3) }, CLERK)).status,
      ).toBe(200);

      const list = await call<MonthListResponse>('GET', 'month-end');
      const july = list.body.months.find((m) => m.month === month)!;
      expect(july).toMatchObject({
        state: 'open',
        reportVersion: 2,
        ledgers: { shipments: { version: 2, rows: 3 } },
      });
    });
  });

  describe('the timer schedule, in UTC', () => {
    it('runs in the dev host (POST /admin/functions/month-end-timer)', async () => {
      const withTimers = await startTestHost({ timers });
      try {
        const res = await fetch(`${withTimers.origin}/admin/functions/month-end-timer`, { method: 'POST' });
        expect(res.status).toBe(202);
        expect(withTimers.logs.join('\n')).toContain('month-end timer:');
      } finally {
        await withTimers.close();
      }
    });

    it('is registered with the schedule the domain states', () => {
      expect(timers).toEqual([
        expect.objectContaining({ name: 'month-end-timer', schedule: MONTH_END_SCHEDULE }),
      ]);
    });

    it('acts exactly once per month, at 02:00 China time on the 1st, for the next 24 month-ends', () => {
      const schedule = CronExpressionParser.parse(MONTH_END_SCHEDULE, {
        tz: 'UTC',
        currentDate: new Date('2026-12-06T00:00:00Z'),
      });
      const acting: string[] = [];
      while (acting.length < 24) {
        const at = schedule.next().toDate();
        const due = monthsDue(at, () => ({ hasLedgers: true, hasReport: true }));
        if (due.length > 0) acting.push(`${at.toISOString()} ${chinaDateOf(at)} ${due.join(',')}`);
      }
      const expected: string[] = [];
      for (let i = 0; i < 24; i++) {
        const firstUtc = new Date(Date.UTC(2027, i, 1));
        const eve = new Date(firstUtc.getTime() - 6 * 3600_000); // 18:00 UTC the day before
        const ended = new Date(Date.UTC(2027, i - 1, 1)).toISOString().slice(0, 7);
        expected.push(`${eve.toISOString()} ${firstUtc.toISOString().slice(0, 10)} ${ended}`);
      }
      expect(acting).toEqual(expected);
    });
  });
});
