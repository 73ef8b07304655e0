/** @jest-environment jsdom */
// The 月末对账 tab over a MemoryWorkbook and a fake month-end API: it finds the ledger sheets, syncs
// the months the run needs (one PUT per month), runs, writes the four result sheets and says what
// it found; an API failure says which address and writes nothing; a closed month is named.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { report } from '../../monthEnd/support';
import { MonthEndTab } from '../../../src/taskpane/monthEnd/MonthEndTab';
import type { MemoryWorkbook } from '../../../src/workbook/memoryWorkbook';
import { workbookOf, type Cell } from '../../priceCheck/support';
import { API_BASE, renderWithApp } from '../common/renderWithApp';
import { noAuth, setAuthProvider, staticTokenProvider } from '../../../src/auth';
import { can } from '../../../src/auth/permissions';
import { tokenFor } from '../../support/signIn';
import { jsonResponse as json } from '../../support/response';

const SHIPMENTS: Cell[][] = [
  ['2026年销售发货台账'],
  ['发货日期', '出库单号', '合同号', '客户名称', '产品型号', '数量', '单价', '金额', '发票号'],
  ['2026-03-30', 'CK-0', 'HT-0', '甲公司', 'QJ-1', 1, 900, 900, 'F-0'],
  ['2026-04-02', 'CK-1', 'HT-1', '甲公司', 'QJ-1', 2, 1000, 2000, 'F-1'],
  ['2026-04-03', 'CK-2', 'HT-1', '甲公司', 'QJ-1', -1, 1000, -1000, ''],
  ['2026-04-05', 'CK-3', 'HT-2', '乙公司', 'QJ-1', 1, 1000, 'abc', ''],
];
const BOOKS: Cell[][] = [
  ['应收账款明细账'],
  ['期间：2026年4月'],
  ['日期', '凭证字号', '往来单位', '摘要', '出库单号', '发票号', '借方金额', '贷方金额'],
  ['2026-04-30', '记-0001', '甲公司', '销售发出', 'CK-1', 'F-1', '2,100.00', ''],
  ['', '', '', '本月合计', '', '', '2,100.00', ''],
  ['', '', '', '本年累计', '', '', '9,100.00', ''],
];

interface Call {
  method: string;
  url: string;
  body: unknown;
}

function fakeApi(opts: { fail?: 'down' | 'closed'; reported?: string } = {}) {
  const calls: Call[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (opts.fail === 'down') throw new TypeError('Failed to fetch');
    const m = /\/ledgers\/(\w+)\/(\d{4}-\d{2})$/.exec(url);
    if (method === 'PUT' && m) {
      if (opts.fail === 'closed' && m[2] === '2026-04')
        return json(409, {
          error: {
            code: 'month_closed',
            message: { 'zh-CN': '财务 于 2026-05-03 结账', 'en-US': 'closed by Finance on 2026-05-03' },
          },
        });
      const rows = (JSON.parse(String(init?.body)) as { rows: unknown[] }).rows;
      return json(200, {
        kind: m[1],
        month: m[2],
        version: 1,
        added: rows.length,
        changed: 0,
        removed: 0,
        unchanged: 0,
        moved: 0,
        duplicates: [],
        syncedBy: 'dev',
        syncedAt: '2026-05-01T00:00:00Z',
      });
    }
    if (method === 'GET' && url.endsWith('/month-end'))
      return json(200, {
        months: opts.reported
          ? [
              {
                month: opts.reported,
                state: 'open',
                closedBy: null,
                closedAt: null,
                reopenedBy: null,
                reopenedAt: null,
                reopenReason: null,
                reportVersion: 1,
                lastRunAt: '2026-05-01T00:00:00Z',
                ledgers: {},
              },
            ]
          : [],
      });
    const g = /\/month-end\/(\d{4}-\d{2})$/.exec(url);
    if (method === 'GET' && g && g[1] === opts.reported) return json(200, report(g[1] ?? ''));
    const r = /\/month-end\/(\d{4}-\d{2})\/run$/.exec(url);
    if (method === 'POST' && r) return json(200, { created: true, report: report(r[1] ?? '') });
    return json(404, { error: { code: 'not_found', message: 'no such route' } });
  }) as typeof fetch;
  return { impl, calls };
}

function setup() {
  return workbookOf({ 说明: [['使用说明']], 发货台账: SHIPMENTS, 应收账款明细账: BOOKS }, '说明');
}

async function ready() {
  await waitFor(() =>
    expect((screen.getByTestId('month-ledger') as HTMLSelectElement).textContent).toContain(
      '发货台账：发货台账',
    ),
  );
  fireEvent.change(screen.getByTestId('month-input'), { target: { value: '2026-04' } });
}

const sheetNames = (wb: MemoryWorkbook) => wb.model.sheets.map((s) => s.name);

describe('MonthEndTab', () => {
  it('says to open Excel or the preview when there is no workbook', () => {
    renderWithApp(<MonthEndTab />, { workbook: null });
    expect(screen.getByTestId('month-no-workbook').textContent).toContain('请在 Excel 中打开此加载项');
  });

  it('finds the ledgers, syncs month by month, runs and writes the four sheets', async () => {
    const wb = setup();
    const api = fakeApi();
    renderWithApp(<MonthEndTab />, { workbook: wb, fetchImpl: api.impl });
    await ready();
    const options = (screen.getByTestId('month-ledger') as HTMLSelectElement).textContent ?? '';
    expect(options).toContain('财务账（应收明细）：应收账款明细账');
    expect(options).toContain('销售台账：未找到，不同步');
    const sourceBefore = JSON.stringify((await wb.readSheet('发货台账')).values);
    fireEvent.click(screen.getByTestId('month-run'));
    await screen.findByTestId('month-done', {}, { timeout: 5000 });

    const puts = api.calls.filter((c) => c.method === 'PUT').map((c) => c.url.replace(API_BASE, ''));
    // Shipments of March and April (the month before is needed for a cutoff), books of April.
    expect(puts).toEqual([
      '/ledgers/shipments/2026-03',
      '/ledgers/shipments/2026-04',
      '/ledgers/books/2026-04',
    ]);
    const april = api.calls.find((c) => c.url.endsWith('/ledgers/shipments/2026-04'))?.body as {
      rows: { deliveryNo: string; amount: string; source: { row: number } }[];
    };
    // The return is kept; CK-3's amount is unreadable: listed, not sent.
    expect(april.rows.map((r) => [r.deliveryNo, r.amount, r.source.row])).toEqual([
      ['CK-1', '2000.00', 4],
      ['CK-2', '-1000.00', 5],
    ]);
    const books = api.calls.find((c) => c.url.endsWith('/ledgers/books/2026-04'))?.body as {
      rows: unknown[];
    };
    expect(books.rows).toHaveLength(1);
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.url.replace(API_BASE, ''))).toEqual([
      '/month-end/2026-04/run',
    ]);

    expect(screen.getByTestId('month-done').textContent).toContain('2 条差异');
    expect(screen.getByTestId('month-class-amount_differs').getAttribute('data-count')).toBe('1');
    expect(screen.getByTestId('month-total-CNY').getAttribute('data-remainder')).toBe('0.00');
    expect(screen.getByTestId('month-problems').textContent).toContain('发货台账 H6');
    for (const n of ['对账差异', '发货未开票', '销售跟单月报表', '月末对账汇总'])
      expect(sheetNames(wb)).toContain(n);
    // The difference rows link to both source rows.
    const diffs = await wb.readSheet('对账差异');
    const header = diffs.values.findIndex((r) => r[0] === '差异类别');
    expect(wb.cellView('对账差异', header + 1, 9).link).toMatchObject({ sheet: '发货台账', address: 'A4' });
    expect(wb.cellView('对账差异', header + 1, 10).link).toMatchObject({
      sheet: '应收账款明细账',
      address: 'A4',
    });
    // Source sheets unchanged.
    expect(JSON.stringify((await wb.readSheet('发货台账')).values)).toBe(sourceBefore);
  });

  it('says which address it tried when the API is down, and writes nothing', async () => {
    const wb = setup();
    renderWithApp(<MonthEndTab />, { workbook: wb, fetchImpl: fakeApi({ fail: 'down' }).impl });
    await ready();
    fireEvent.click(screen.getByTestId('month-run'));
    const error = await screen.findByTestId('month-error', {}, { timeout: 5000 });
    expect(error.getAttribute('data-code')).toBe('api');
    expect(error.textContent).toContain(API_BASE);
    expect(sheetNames(wb)).toEqual(['说明', '发货台账', '应收账款明细账']);
  });

  it('names who closed the month when the month itself is closed', async () => {
    const wb = setup();
    renderWithApp(<MonthEndTab />, {
      workbook: wb,
      fetchImpl: fakeApi({ fail: 'closed' }).impl,
      locale: 'en-US',
    });
    await waitFor(() =>
      expect((screen.getByTestId('month-ledger') as HTMLSelectElement).textContent).toContain(
        'Shipment ledger: 发货台账',
      ),
    );
    fireEvent.change(screen.getByTestId('month-input'), { target: { value: '2026-04' } });
    fireEvent.click(screen.getByTestId('month-run'));
    const error = await screen.findByTestId('month-error', {}, { timeout: 5000 });
    expect(error.getAttribute('data-code')).toBe('closed');
    expect(error.textContent).toContain('2026-04 is closed');
    expect(error.textContent).toContain('closed by Finance on 2026-05-03');
  });

  it('opens on the newest reported month and writes that report without syncing', async () => {
    const wb = setup();
    const api = fakeApi({ reported: '2026-04' });
    renderWithApp(<MonthEndTab />, { workbook: wb, fetchImpl: api.impl });
    const latest = await screen.findByTestId('month-latest', {}, { timeout: 5000 });
    await waitFor(() => expect(latest.textContent).toContain('2026-04 第 1 版'));
    expect((screen.getByTestId('month-input') as HTMLInputElement).value).toBe('2026-04');
    fireEvent.click(await screen.findByTestId('month-write-latest'));
    await screen.findByTestId('month-written', {}, { timeout: 5000 });
    expect(api.calls.filter((c) => c.method !== 'GET')).toEqual([]);
    for (const n of ['对账差异', '发货未开票', '销售跟单月报表', '月末对账汇总'])
      expect(sheetNames(wb)).toContain(n);
  });

  it('refuses a month that is not YYYY-MM', async () => {
    renderWithApp(<MonthEndTab />, { workbook: setup(), fetchImpl: fakeApi().impl });
    await ready();
    fireEvent.change(screen.getByTestId('month-input'), { target: { value: '2026-4' } });
    expect((screen.getByTestId('month-run') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('month-end').textContent).toContain('月份应为 YYYY-MM');
  });
});

describe('MonthEndTab by role', () => {
  afterEach(() => setAuthProvider(noAuth));

  it('a manager sees why there is no 开始对账 (the run is the clerk’s, Finance’s or the head’s)', async () => {
    setAuthProvider(staticTokenProvider(tokenFor('李经理', ['Sales.Manager'], { regions: ['华东'] })));
    renderWithApp(<MonthEndTab />, {
      workbook: setup(),
      fetchImpl: fakeApi().impl,
      can: (action) => can(['Sales.Manager'], action),
    });
    const note = await screen.findByTestId('month-run-not-allowed');
    expect(note.textContent).toContain('同步台账并运行月末对账');
    expect(note.textContent).toContain('销售内勤');
    expect(screen.queryByTestId('month-run')).toBeNull();
  });

  it('a clerk gets the button', async () => {
    setAuthProvider(staticTokenProvider(tokenFor('张内勤', ['Sales.Clerk'])));
    renderWithApp(<MonthEndTab />, {
      workbook: setup(),
      fetchImpl: fakeApi().impl,
      can: (action) => can(['Sales.Clerk'], action),
    });
    expect(await screen.findByTestId('month-run')).toBeTruthy();
    expect(screen.queryByTestId('month-run-not-allowed')).toBeNull();
  });
});
