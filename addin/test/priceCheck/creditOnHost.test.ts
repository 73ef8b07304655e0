/**
 * 信用预警 end to end on the real dev host (fresh Azurite, the sample policy published): before any
 * month-end report the check says credit was not checked; then the sample's ledgers are synced and
 * May run (as the 月末对账 tab does) with a credit limit a customer is over, and the same check marks
 * that customer's lines — with the three written columns identical, cell for cell, to the first run.
 * A regional manager's check marks them too when the customer is of their 片区, and not otherwise.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { createApiClient } from '../../src/api/client';
import { syncAndRun } from '../../src/monthEnd';
import { runPriceCheck, type PriceCheckOutcome } from '../../src/priceCheck';
import { creditText } from '../../src/priceCheck/credit';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import type { ReceivablesResponse } from '../../../functions/src/contract/receivables';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';
import { actingAs, tokenFor, useSignedIn } from '../support/signIn';

const root = join(__dirname, '..', '..', '..');
const expected = JSON.parse(readFileSync(join(root, 'samples', 'expected.json'), 'utf8')) as {
  policy: unknown;
  monthEnd: { sheet: string; usdRateX100: number };
};
const SHEET = '销售台账';
const NOW = new Date('2026-06-10T02:00:00Z'); // June in China: the latest month end is May's
const CLERK = actingAs('张内勤', 'Sales.Clerk');

const load = () =>
  MemoryWorkbook.fromXlsx(readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx')), {
    pause: () => Promise.resolve(),
  });

/** Every cell of the three price columns (value, format, fill), row by row. */
function priceCells(wb: MemoryWorkbook, out: PriceCheckOutcome): string[] {
  const cols = out.columns.columns.slice(0, 3).map((c) => c.col);
  const rows: string[] = [];
  for (let r = out.ledger.headerRow; r < out.ledger.firstDataRow + out.ledger.rowCount; r++)
    rows.push(
      JSON.stringify(
        cols.map((c) => {
          const v = wb.cellView(SHEET, r, c);
          return [v.value ?? null, v.numberFormat ?? null, v.fill ?? null];
        }),
      ),
    );
  return rows;
}

describe('信用预警 from the month-end report on the dev host', () => {
  useAzurite();
  const host = useDevHost();
  useSignedIn('张内勤', 'Sales.Clerk');

  beforeAll(async () => {
    const put = await fetch(`${host.baseUrl}/price-policy`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'if-none-match': '*',
        ...actingAs('王部长', 'Sales.Head'),
      },
      body: JSON.stringify(expected.policy),
    });
    if (put.status !== 201) throw new Error(`publishing the sample policy: ${put.status}`);
  });

  it('marks the lines of a customer over its limit, never changing a verdict', async () => {
    const api = createApiClient({ baseUrl: host.baseUrl });
    const before = await load();
    const unchecked = await runPriceCheck({ workbook: before, api, sheet: SHEET, locale: 'zh-CN', now: NOW });
    // the real API's answer without a report (month null) is said as such, not as a failure
    expect(unchecked.credit).toEqual({ kind: 'notChecked', reason: creditText.noReport });
    expect(unchecked.columns.columns).toHaveLength(3);

    // The month end as the tab runs it, then May again with a limit of ¥0.00 for the customer with
    // the largest yuan balance (any receivable is over it).
    const source = await load();
    await syncAndRun({
      workbook: source,
      api,
      month: '2026-05',
      ledgers: {
        orders: { sheet: '销售台账' },
        shipments: { sheet: '发货台账' },
        receipts: { sheet: '回款台账' },
        books: { sheet: expected.monthEnd.sheet },
      },
      rates: { USD: (expected.monthEnd.usdRateX100 / 100).toFixed(2) },
      locale: 'zh-CN',
    });
    const rec = (await (
      await fetch(`${host.baseUrl}/receivables?asOf=2026-05-31`, { headers: CLERK })
    ).json()) as ReceivablesResponse;
    const owing = rec.customers
      .filter((c) => c.currency === 'CNY' && Number(c.closing) > 0)
      .sort((a, b) => Number(b.closing) - Number(a.closing))[0];
    expect(owing).toBeDefined();
    const run = await fetch(`${host.baseUrl}/month-end/2026-05/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...CLERK },
      body: JSON.stringify({
        credit: { maxDays: 90, limits: [{ customer: owing!.customer, limit: '0.00' }] },
      }),
    });
    expect(run.status).toBeLessThan(300);

    const after = await load();
    const checked = await runPriceCheck({ workbook: after, api, sheet: SHEET, locale: 'zh-CN', now: NOW });
    expect(checked.credit).toMatchObject({ kind: 'checked', month: '2026-05' });
    if (checked.credit.kind !== 'checked') return;
    const marked = [...checked.credit.marks.keys()].map((k) => checked.rows[k]!);
    const ofOwing = checked.rows.filter((r) => r.entry.values.customer === owing!.customer);
    expect(ofOwing.length).toBeGreaterThan(0);
    for (const r of ofOwing) expect(marked).toContain(r);
    const creditCol = checked.columns.columns[3]!;
    expect(creditCol.key).toBe('credit');
    const note = after.cellView(SHEET, ofOwing[0]!.entry.sheetRow - 1, creditCol.col).value;
    expect(note).toContain('信用预警（截至 2026-05 月末）：超信用额度：额度 ¥0.00 / 余额 ¥');

    // the verdict, byte for byte: the three columns, the counts, the rows to look at
    expect(priceCells(after, checked)).toEqual(priceCells(before, unchecked));
    expect(checked.summary).toEqual(unchecked.summary);
    expect(checked.resultSheet.tables.slice(0, 2)).toEqual(unchecked.resultSheet.tables.slice(0, 2));

    // A regional manager (refused the company-wide report) gets the same warnings for their own 片区's
    // customers through the same route, and none of another region's.
    const region = ofOwing[0]!.entry.values.region;
    const otherRegion = checked.rows.map((r) => r.entry.values.region).find((r) => r && r !== region);
    expect(region).toBeTruthy();
    expect(otherRegion).toBeTruthy();
    const asManager = (r: string) =>
      createApiClient({
        baseUrl: host.baseUrl,
        getToken: async () => tokenFor('陈经理', ['Sales.Manager'], { regions: [r] }),
      });
    const markedOf = (out: PriceCheckOutcome) =>
      out.credit.kind === 'checked'
        ? [...out.credit.marks.keys()].map((k) => out.rows[k]!.entry.sheetRow)
        : [];
    const own = await runPriceCheck({
      workbook: await load(),
      api: asManager(region!),
      sheet: SHEET,
      locale: 'zh-CN',
      now: NOW,
    });
    expect(own.credit).toMatchObject({ kind: 'checked', month: '2026-05' });
    for (const r of ofOwing) expect(markedOf(own)).toContain(r.entry.sheetRow);
    const other = await runPriceCheck({
      workbook: await load(),
      api: asManager(otherRegion!),
      sheet: SHEET,
      locale: 'zh-CN',
      now: NOW,
    });
    expect(other.credit).toMatchObject({ kind: 'checked', month: '2026-05' });
    for (const r of ofOwing) expect(markedOf(other)).not.toContain(r.entry.sheetRow);
  });
});
