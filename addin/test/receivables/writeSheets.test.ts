// Writing 应收账龄 and 业务员考核 from the real API (dev host on Azurite) into the in-memory workbook: the
// figures are the API's, a re-run replaces the sheet in place (no second sheet), the user's sheets stay.
import { actingAs } from '../support/signIn';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';
import { createApiClient } from '../../src/api/client';
import { writeAgingSheet, writeScorecardSheet, writeStatementSheets } from '../../src/receivables';
import { WorkbookModel } from '../../src/workbook/memoryModel';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';

describe('writeAgingSheet / writeScorecardSheet', () => {
  useAzurite();
  const host = useDevHost();
  let previousIdentity: string | undefined;
  const client = () => createApiClient({ baseUrl: host.baseUrl });

  beforeAll(async () => {
    previousIdentity = process.env.SALESDESK_DEV_IDENTITY;
    process.env.SALESDESK_DEV_IDENTITY = 'Sales.Clerk';
    const rows = [
      {
        shipDate: '2026-03-02',
        deliveryNo: 'CK-1',
        customer: '华东水务',
        rep: '张伟',
        region: '华东',
        model: 'QJ',
        qty: 1,
        amount: '12500.00',
        source: { sheet: '发货台账', row: 3 },
      },
      {
        shipDate: '2026-03-05',
        deliveryNo: 'CK-2',
        customer: '北方农机',
        rep: '李娜',
        region: '华北',
        model: 'QJ',
        qty: 1,
        amount: '800.00',
        source: { sheet: '发货台账', row: 4 },
      },
    ];
    const res = await fetch(`${host.baseUrl}/ledgers/shipments/2026-03`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...actingAs('张内勤', 'Sales.Clerk') },
      body: JSON.stringify({ rows }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => {
    if (previousIdentity === undefined) delete process.env.SALESDESK_DEV_IDENTITY;
    else process.env.SALESDESK_DEV_IDENTITY = previousIdentity;
  });

  it('writes the sheets, and a re-run replaces them in place', async () => {
    const model = new WorkbookModel();
    model.addSheet('发货台账').setRow(0, 0, ['发货日期', '客户名称', '金额']);
    const wb = new MemoryWorkbook(model, { pause: () => Promise.resolve() });
    const first = await writeAgingSheet(wb, client(), { asOf: '2026-03-31', locale: 'zh-CN' });
    expect(first.name).toBe('应收账龄');
    const again = await writeAgingSheet(wb, client(), { asOf: '2026-03-31', rep: '张伟', locale: 'zh-CN' });
    expect(again).toMatchObject({ name: '应收账龄', replacedEarlier: true });
    expect(wb.cellView('应收账龄', 0, 0).value).toContain('业务员：张伟');
    const row = again.tables[0]!.firstDataRow;
    expect(wb.cellView('应收账龄', row, 0)).toMatchObject({ value: '华东水务' });
    expect(wb.cellView('应收账龄', row, 9)).toMatchObject({ value: 12500 });
    expect(again.tables[0]!.rowCount).toBe(1);

    // Aging prints landscape on A4, one page wide.
    expect(model.getSheet('应收账龄')?.pageLayout).toMatchObject({
      paper: 'A4',
      orientation: 'landscape',
      fitToWidth: true,
      printTitleRows: { first: again.tables[0]!.headerRow, count: 1 },
    });

    // No basis asked: the API's default, and the answer says which.
    const { written: card, basisLabel } = await writeScorecardSheet(wb, client(), {
      month: '2026-03',
      locale: 'en-US',
    });
    expect(basisLabel['en-US']).toMatch(/shipments/);
    expect(card.name).toBe('Rep scorecard');
    expect(wb.cellView('Rep scorecard', card.tables[0]!.firstDataRow, 3)).toMatchObject({ value: 12500 });
    expect(wb.cellView('Rep scorecard', 0, 0).value).toContain('shipments');
    // The chart of the three figures per rep, over the chart-data table.
    const chartTable = card.tables[3]!;
    expect(model.getSheet('Rep scorecard')?.charts).toEqual([
      expect.objectContaining({
        type: 'column',
        source: { row: chartTable.headerRow, col: 0, rowCount: 3, colCount: 4 },
      }),
    ]);

    expect((await wb.listSheets()).map((s) => s.name).sort()).toEqual([
      'Rep scorecard',
      '发货台账',
      '应收账龄',
    ]);
    expect(wb.cellView('发货台账', 0, 1)).toMatchObject({ value: '客户名称' });
  });

  it('writes the statements of all customers of one rep, one sheet each, and a re-run replaces them', async () => {
    const wb = new MemoryWorkbook(new WorkbookModel(), { pause: () => Promise.resolve() });
    const progress: number[] = [];
    const { written: first } = await writeStatementSheets(wb, client(), {
      month: '2026-03',
      rep: '张伟',
      locale: 'zh-CN',
      onProgress: (p) => progress.push(p.done),
    });
    expect(progress).toEqual([0, 1]);
    expect(first.map((w) => w.name)).toEqual(['对账单-华东水务']);
    const lines = first[0]!.tables[0]!;
    const confirm = first[0]!.tables[2]!;
    // A4 portrait, one page wide, from the title to the confirmation block, the line header repeated.
    expect(wb.model.getSheet('对账单-华东水务')?.pageLayout).toEqual({
      paper: 'A4',
      orientation: 'portrait',
      printArea: { row: 0, col: 0, rowCount: confirm.headerRow + 2, colCount: 9 },
      fitToWidth: true,
      printTitleRows: { first: lines.headerRow, count: 1 },
      pageBreaksBefore: [],
      centerHorizontally: true,
    });
    expect(wb.cellView('对账单-华东水务', confirm.headerRow, 0).value).toBe('客户确认');
    // Opening row, then CK-1; the totals row carries the closing balance.
    expect(wb.cellView('对账单-华东水务', lines.firstDataRow + 1, 8)).toMatchObject({ value: 12500 });
    const again = await writeStatementSheets(wb, client(), {
      month: '2026-03',
      customers: ['华东水务', '没有的客户', '北方农机'],
      locale: 'zh-CN',
    });
    expect(again.written.map((w) => [w.name, w.replacedEarlier])).toEqual([
      ['对账单-华东水务', true],
      ['对账单-北方农机', false],
    ]);
    // A typed name the ledgers do not have is named, not dropped, and the others are still written.
    expect(again.missing.map((m) => m.customer)).toEqual(['没有的客户']);
    // No SALESDESK_COMPANY_NAME on this host: the outcome says the heading has no company.
    expect(again.noCompany).toBe(true);
    expect(again.missing[0]!.text['zh-CN']).toContain('没有的客户');
    expect((await wb.listSheets()).map((s) => s.name).sort()).toEqual(['对账单-北方农机', '对账单-华东水务']);
  });

  it('a cancel stops between customers: what was written stays, and the error names it', async () => {
    const wb = new MemoryWorkbook(new WorkbookModel(), { pause: () => Promise.resolve() });
    const c = new AbortController();
    const run = writeStatementSheets(wb, client(), {
      month: '2026-03',
      customers: ['华东水务', '北方农机'],
      locale: 'zh-CN',
      signal: c.signal,
      onProgress: (p) => {
        if (p.done === 1) c.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled', written: ['对账单-华东水务'] });
    await expect(run).rejects.toThrow(/对账单-华东水务|Cancelled/);
    expect((await wb.listSheets()).map((s) => s.name)).toEqual(['对账单-华东水务']);
  });
});
