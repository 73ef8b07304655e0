/**
 * 信用预警 on the price check: the customers the latest month-end report flags are marked beside their
 * lines, and the verdict (the three written columns, the counts, the rows to look at) is the same byte
 * for byte as a run without flags. No report, or a failed call: the check still writes, and says why
 * credit was not checked.
 */
import { ApiError, createApiClient, type ApiClient } from '../../src/api/client';
import { checkCredit } from '../../src/priceCheck/credit';
import {
  clearPriceCheckMarks,
  creditMarks,
  creditNote,
  runPriceCheck,
  type PriceCheckInput,
  type PriceCheckOutcome,
} from '../../src/priceCheck';
import type { CreditFlagRow } from '../../../functions/src/contract/monthEnd';
import type { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { creditReport, fakeFetch, row, HEADERS, SHEET, smallLedger, workbookOf } from './support';

const BASE = 'http://127.0.0.1:7071/api';
const NOW = new Date('2026-06-15T02:00:00Z'); // 10:00 on 15 June, China time
const QIANJIANG = '杭州钱江水泵经销有限公司';

const flag = (over: Partial<CreditFlagRow> = {}): CreditFlagRow => ({
  customer: QIANJIANG,
  currency: 'CNY',
  closing: '612300.00',
  overLimit: { limit: '500000.00', over: '112300.00' },
  overdue: { days: 90, oldestDays: 95, amount: '12000.00' },
  message: { 'zh-CN': '信用预警', 'en-US': 'Credit warning' },
  ...over,
});

/** The small ledger with one more customer (row 13), never flagged. */
function ledger() {
  return [...smallLedger(), row('HT-007', 'QJ-1', 1, 950, { customer: '成都蜀水机电有限公司' })];
}

async function run(
  monthEnd: NonNullable<Parameters<typeof fakeFetch>[0]>['monthEnd'],
  more: Partial<PriceCheckInput> = {},
) {
  const wb = workbookOf({ [SHEET]: ledger() }, SHEET);
  const fetch = fakeFetch({ monthEnd });
  const api = createApiClient({ baseUrl: BASE, fetch: fetch.impl });
  const out = await runPriceCheck({ workbook: wb, api, sheet: SHEET, locale: 'zh-CN', now: NOW, ...more });
  return { wb, out, fetch };
}

/** Every cell (value and number format) of the three price columns, header to last row. */
function priceColumns(wb: MemoryWorkbook, out: PriceCheckOutcome) {
  return out.columns.columns.slice(0, 3).map((c) =>
    Array.from({ length: 14 }, (_, r) => {
      const v = wb.cellView(SHEET, r, c.col);
      return JSON.stringify([v.value, v.numberFormat ?? null, v.fill ?? null]);
    }),
  );
}

describe('信用预警 on the price check', () => {
  it('marks the flagged customer’s lines, saying why and as of which month end', async () => {
    const { wb, out, fetch } = await run([
      creditReport('2026-04', [flag({ closing: '1.00' })]),
      creditReport('2026-05', [flag(), flag({ customer: '别的公司' })]),
      creditReport('2026-07', [flag({ closing: '9.00' })]), // after today: not read
    ]);
    // one call for every role: the month of today (China time); the API picks the latest report up to it
    expect(fetch.monthEndCalls).toEqual([`${BASE}/credit-flags?asOf=2026-06`]);
    expect(out.credit).toMatchObject({ kind: 'checked', month: '2026-05' });
    expect(out.columns.columns.map((c) => [c.key, c.letter])).toEqual([
      ['status', 'L'],
      ['minPrice', 'M'],
      ['explanation', 'N'],
      ['credit', 'O'],
    ]);
    expect(wb.cellView(SHEET, 2, 14).value).toBe('【SalesDesk】信用预警');
    const note =
      '信用预警（截至 2026-05 月末）：超信用额度：额度 ¥500,000.00 / 余额 ¥612,300.00；超期 95 天（¥12,000.00 超过 90 天未收）';
    const creditCells = Array.from({ length: 10 }, (_, i) => wb.cellView(SHEET, 3 + i, 14).value ?? null);
    // rows 4–13: every line of 钱江 (the unreadable row 9 too: it is still that customer's order), not
    // the 小计, blank and 合计 rows, not 蜀水 (row 13)
    expect(creditCells).toEqual([note, note, null, null, note, note, note, note, null, null]);
    // the result sheet lists them apart, after the price tables
    const sheet = out.resultSheet.tables;
    expect(sheet).toHaveLength(3);
    expect(wb.cellView('价格检查结果', sheet[2]!.firstDataRow - 2, 0).value).toBe(
      '信用预警（截至 2026-05 月末，6 行；价格判定不变）',
    );
    expect(sheet[2]?.rowCount).toBe(6);
    // 清除标记 takes the fourth column back with the other three
    await clearPriceCheckMarks(wb, SHEET);
    expect(wb.model.getSheet(SHEET)?.usedRect()?.colCount).toBe(HEADERS.length);
  });

  it('never changes the verdict: the three columns, counts and rows to look at are those of a run without flags', async () => {
    const flagged = await run([creditReport('2026-05', [flag()])]);
    const unflagged = await run([creditReport('2026-05', [])]);
    const noReport = await run([]);
    expect(priceColumns(flagged.wb, flagged.out)).toEqual(priceColumns(unflagged.wb, unflagged.out));
    expect(priceColumns(flagged.wb, flagged.out)).toEqual(priceColumns(noReport.wb, noReport.out));
    for (const other of [unflagged.out, noReport.out]) {
      expect(flagged.out.summary).toEqual(other.summary);
      expect(flagged.out.rows.map((r) => [r.status, r.result])).toEqual(
        other.rows.map((r) => [r.status, r.result]),
      );
      // the price tables of the result sheet too
      expect(flagged.out.resultSheet.tables.slice(0, 2)).toEqual(other.resultSheet.tables.slice(0, 2));
    }
    // no flag: the column says nothing, and the result sheet has no credit table
    expect(unflagged.out.columns.columns.map((c) => c.key)).toContain('credit');
    expect(unflagged.out.resultSheet.tables).toHaveLength(2);
  });

  it('says credit was not checked when there is no month-end report yet, and still checks the prices', async () => {
    const { out, wb } = await run([]);
    expect(out.credit).toEqual({
      kind: 'notChecked',
      reason: {
        'zh-CN': '信用情况未检查：还没有月末报告',
        'en-US': 'Credit not checked: no month-end report yet',
      },
    });
    expect(out.columns.columns.map((c) => c.key)).toEqual(['status', 'minPrice', 'explanation']);
    expect(wb.cellView(SHEET, 3, 11).value).toBe('符合');
    // a report only for a later month is no report for today
    expect((await run([creditReport('2026-07', [flag()])])).out.credit.kind).toBe('notChecked');
  });

  it('says so when the report cannot be read, or predates credit checks; the check is never blocked', async () => {
    const failed = await run(500);
    expect(failed.out.credit.kind).toBe('notChecked');
    if (failed.out.credit.kind === 'notChecked')
      expect(failed.out.credit.reason['zh-CN']).toBe('信用情况未检查：读取月末报告失败（服务出错了）');
    expect(failed.out.summary.lines).toBe(7);
    const old = await run([creditReport('2026-05', null)]);
    expect(old.out.credit).toMatchObject({
      kind: 'notChecked',
      reason: { 'zh-CN': '信用情况未检查：2026-05 月末报告没有信用检查（请重新运行月末对账）' },
    });
  });

  it('a manager without a region (403) is told what the API says; the check goes on', async () => {
    const refused = new ApiError('http', 403, 'forbidden', {
      error: {
        code: 'region_missing',
        message: { 'zh-CN': '没有权限：登录凭据中没有片区', 'en-US': 'Not allowed: no region' },
      },
    });
    const api = {
      request: async (_method: string, path: string) => {
        expect(path).toBe('/credit-flags?asOf=2026-06');
        throw refused;
      },
    } as unknown as Pick<ApiClient, 'request'>;
    const got = await checkCredit(api, [], { now: NOW });
    expect(got).toEqual({
      kind: 'notChecked',
      reason: {
        'zh-CN': '信用情况未检查：读取月末报告失败（没有权限：登录凭据中没有片区）',
        'en-US': 'Credit not checked: the month-end report could not be read (Not allowed: no region)',
      },
    });
  });

  it('matches customers as the month-end run does, and the currency when the line states one', () => {
    const rows = [
      { customer: ` ${QIANJIANG} `, currency: null },
      { customer: QIANJIANG, currency: 'USD' },
      { customer: QIANJIANG, currency: 'CNY' },
      { customer: null, currency: null },
    ].map((values) => ({ entry: { values } }) as never);
    const marks = creditMarks(rows, [flag(), flag({ currency: 'USD', overLimit: null })]);
    expect([...marks].map(([i, f]) => [i, f.map((x) => x.currency)])).toEqual([
      [0, ['CNY', 'USD']],
      [1, ['USD']],
      [2, ['CNY']],
    ]);
    expect(creditNote('en-US', [flag({ overdue: null })], '2026-05')).toBe(
      'Credit warning (as of the 2026-05 month end): over the credit limit: limit ¥500,000.00 / balance ¥612,300.00',
    );
    expect(creditNote('zh-CN', [flag({ currency: 'USD', overLimit: null })], '2026-05')).toBe(
      '信用预警（截至 2026-05 月末）：超期 95 天（US$12,000.00 超过 90 天未收）',
    );
  });

  it('lets a cancel during the credit call cancel the check: nothing is written', async () => {
    const wb = workbookOf({ [SHEET]: ledger() }, SHEET);
    const c = new AbortController();
    const fetch = fakeFetch();
    const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/credit-flags')) {
        c.abort();
        throw new DOMException('aborted', 'AbortError');
      }
      return fetch.impl(input, init);
    }) as typeof globalThis.fetch;
    const api = createApiClient({ baseUrl: BASE, fetch: impl });
    await expect(
      runPriceCheck({ workbook: wb, api, sheet: SHEET, locale: 'zh-CN', now: NOW, signal: c.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(wb.model.getSheet(SHEET)?.usedRect()?.colCount).toBe(HEADERS.length);
    expect(wb.model.sheets.map((x) => x.name)).toEqual([SHEET]);
  });
});
