/**
 * 期初余额 synced with the month-end (ledger kind `openings`, the real dev host on Azurite): it goes under
 * the month of its date only (synced once, not into every month run), and receivables and the statement
 * start from it.
 */
import { createApiClient } from '../../src/api/client';
import { runMonthEnd } from '../../src/monthEnd';
import { fetchReceivables, writeStatementSheets } from '../../src/receivables';
import { WorkbookModel } from '../../src/workbook/memoryModel';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';

describe('期初余额 with the month-end', () => {
  useAzurite();
  const host = useDevHost();
  let previousIdentity: string | undefined;
  beforeAll(() => {
    previousIdentity = process.env.SALESDESK_DEV_IDENTITY;
    process.env.SALESDESK_DEV_IDENTITY = 'Sales.Clerk';
  });
  afterAll(() => {
    if (previousIdentity === undefined) delete process.env.SALESDESK_DEV_IDENTITY;
    else process.env.SALESDESK_DEV_IDENTITY = previousIdentity;
  });

  it('syncs the openings once under their own month; receivables and statements open with them', async () => {
    const model = new WorkbookModel();
    const ship = model.addSheet('发货台账');
    [
      ['发货日期', '出库单号', '客户名称', '产品型号', '数量', '金额'],
      ['2026-03-02', 'CK-1', '华东水务', 'QJ-1', 1, 1000],
    ].forEach((r, i) => ship.setRow(i, 0, r));
    const open = model.addSheet('期初余额');
    [
      ['客户', '币种', '期初余额', '日期'],
      ['华东水务', 'CNY', '12,500.00', '2025-12-31'],
      ['北方农机', '', 'abc', '2025-12-31'],
    ].forEach((r, i) => open.setRow(i, 0, r));
    const before = JSON.stringify([...model.sheets.map((s) => s.usedRect())]);
    const wb = new MemoryWorkbook(model, { pause: () => Promise.resolve() });
    const api = createApiClient({ baseUrl: host.baseUrl });

    const outcome = await runMonthEnd({
      workbook: wb,
      api,
      month: '2026-03',
      ledgers: { shipments: { sheet: '发货台账' }, openings: { sheet: '期初余额' } },
      locale: 'zh-CN',
    });
    const openings = outcome.synced.find((s) => s.kind === 'openings')!;
    expect(openings.months.map((m) => [m.month, m.rows])).toEqual([['2025-12', 1]]);
    // The bad row is named by sheet, row and column; the good one went.
    expect(openings.problems).toEqual([expect.objectContaining({ sheet: '期初余额', row: 3, cell: 'C3' })]);

    const answer = await fetchReceivables(api, { asOf: '2026-03-31' });
    expect(answer.customers.find((c) => c.customer === '华东水务')).toMatchObject({
      opening: '12500.00',
      closing: '13500.00',
    });
    const { written } = await writeStatementSheets(wb, api, {
      month: '2026-03',
      customers: ['华东水务'],
      locale: 'zh-CN',
    });
    const lines = written[0]!.tables[0]!;
    expect(wb.cellView(written[0]!.name, lines.firstDataRow, 8).value).toBe(12500);
    expect(written[0]!.statement.closing).toBe('13500.00');
    // Source sheets untouched (only result sheets were added after them).
    expect(JSON.stringify(model.sheets.slice(0, 2).map((s) => s.usedRect()))).toBe(
      JSON.stringify(JSON.parse(before).slice(0, 2)),
    );
  });
});
