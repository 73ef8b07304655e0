import { createApiClient } from '../../src/api/client';
import {
  clearPriceCheckMarks,
  PriceCheckError,
  runPriceCheck,
  type PriceCheckInput,
} from '../../src/priceCheck';
import { RESULTS_NAME, OWNED_SHEET_NAME } from '../../src/workbook/ownership';
import type { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { cellKey } from '../../src/workbook/memoryModel';
import { fakeFetch, HEADERS, SHEET, smallLedger, workbookOf } from './support';

const BASE = 'http://127.0.0.1:7071/api';

function setup(fetchOptions: Parameters<typeof fakeFetch>[0] = {}) {
  const wb = workbookOf({ [SHEET]: smallLedger(), 其他: [['备注'], ['别动我']] }, SHEET);
  const fetch = fakeFetch(fetchOptions);
  const api = createApiClient({ baseUrl: BASE, fetch: fetch.impl });
  const input = (more: Partial<PriceCheckInput> = {}): PriceCheckInput => ({
    workbook: wb,
    api,
    sheet: SHEET,
    locale: 'zh-CN',
    ...more,
  });
  return { wb, fetch, input };
}

/** Every value of the source area (A1:K12), to prove it was not touched. */
function sourceValues(wb: MemoryWorkbook): unknown[][] {
  const s = wb.model.getSheet(SHEET);
  return Array.from({ length: 12 }, (_, r) =>
    Array.from({ length: HEADERS.length }, (_, c) => s?.value(r, c)),
  );
}

function nothingWritten(wb: MemoryWorkbook, before: unknown[][]) {
  const s = wb.model.getSheet(SHEET);
  expect(sourceValues(wb)).toEqual(before);
  expect(s?.usedRect()?.colCount).toBe(HEADERS.length);
  expect(s?.names.has(RESULTS_NAME)).toBe(false);
  expect(s?.conditionalFormats).toEqual([]);
  expect(wb.model.sheets.map((x) => x.name)).toEqual([SHEET, '其他']);
}

describe('runPriceCheck on a workbook', () => {
  it('writes the result columns, row highlights and the result sheet, never the source cells', async () => {
    const { wb, fetch, input } = setup();
    const before = sourceValues(wb);
    const phases = new Set<string>();
    const out = await runPriceCheck(input({ onProgress: (p) => phases.add(p.phase) }));
    expect([...phases]).toEqual(['read', 'check', 'write']);
    expect(fetch.bodies).toHaveLength(1);
    expect(fetch.bodies[0]?.url).toBe(`${BASE}/prices/validate?detail=compact`);
    expect(fetch.bodies[0]?.lines.map((l) => l.id)).toEqual([4, 5, 8, 10, 11]);
    expect(sourceValues(wb)).toEqual(before);

    expect(out.columns.columns.map((c) => c.letter)).toEqual(['L', 'M', 'N']);
    const v = (r: number, c: number) => wb.cellView(SHEET, r, c);
    expect([v(2, 11).value, v(2, 12).value, v(2, 13).value]).toEqual([
      '【SalesDesk】价格状态',
      '【SalesDesk】最低允许价',
      '【SalesDesk】说明',
    ]);
    const statusCol = Array.from({ length: 9 }, (_, i) => v(3 + i, 11).value);
    expect(statusCol).toEqual([
      '符合',
      '需审批',
      undefined,
      undefined,
      '低于最低限价',
      '无法读取',
      '无法判断',
      '低于最低限价',
      undefined,
    ]);
    expect(v(4, 12)).toMatchObject({ value: 900, numberFormat: '#,##0.00' });
    // whole rows coloured, source columns included
    expect(v(3, 0).fill).toBeUndefined();
    expect(v(4, 0).fill).toBe('#FFEB9C');
    expect(v(7, 6).fill).toBe('#FFC7CE');
    expect(v(8, 2).fill).toBe('#D9D9D9');
    expect(v(9, 13).fill).toBe('#D9D9D9');

    const result = wb.model.getSheet('价格检查结果');
    expect(result?.names.has(OWNED_SHEET_NAME)).toBe(true);
    // one count row per status (需确认 included), then the rows to look at
    expect(out.resultSheet.tables.map((t) => t.rowCount)).toEqual([7, 5]);
    expect(result?.charts).toHaveLength(1);
    const problems = out.resultSheet.tables[1];
    const firstLink = result?.links.get(cellKey(problems!.firstDataRow, 0));
    expect(firstLink).toEqual({ sheet: SHEET, address: 'I5' });
    expect(wb.cellView('价格检查结果', problems!.firstDataRow, 0).value).toBe('销售台账 第 5 行');
    expect(out.counts).toMatchObject({ ok: 1, needs_approval: 1, below_floor: 2, invalid: 1, unreadable: 1 });
    expect(out.policyVersion).toBe(1);
  });

  it('a re-run replaces the columns and the sheet instead of adding copies', async () => {
    const { wb, input } = setup();
    await runPriceCheck(input());
    const again = await runPriceCheck(input({ locale: 'en-US' }));
    expect(again.columns.replacedEarlier).toBe(true);
    expect(again.columns.columns.map((c) => c.letter)).toEqual(['L', 'M', 'N']);
    expect(wb.cellView(SHEET, 2, 11).value).toBe('【SalesDesk】Price status');
    expect(wb.cellView(SHEET, 3, 11).value).toBe('OK');
    expect(wb.model.getSheet(SHEET)?.conditionalFormats).toHaveLength(4); // 需审批, 低于, 需确认, 无法…
    // one rule for the language: the run's. The earlier sheet is found by its mark, renamed, replaced.
    expect(again.resultSheet).toMatchObject({ name: 'Price check results', replacedEarlier: true });
    expect(wb.model.sheets.map((s) => s.name)).toEqual([SHEET, '其他', 'Price check results']);
    // 备注 is still the ledger's column K, not the earlier run's 说明
    expect(again.ledger.mapping.columns.remarks?.letter).toBe('K');
    // …and back in Chinese: Chinese headers and sheet name, still one copy of each
    const zh = await runPriceCheck(input({ locale: 'zh-CN' }));
    expect(zh.resultSheet).toMatchObject({ name: '价格检查结果', replacedEarlier: true });
    // …and again in Chinese: the same sheet, replaced in place
    const zh2 = await runPriceCheck(input({ locale: 'zh-CN' }));
    expect(zh2.resultSheet).toMatchObject({ name: '价格检查结果', replacedEarlier: true });
    expect(wb.model.sheets.map((s) => s.name)).toEqual([SHEET, '其他', '价格检查结果']);
    expect(wb.cellView(SHEET, 2, 11).value).toBe('【SalesDesk】价格状态');
    expect(zh.columns.columns.map((c) => c.letter)).toEqual(['L', 'M', 'N']);
  });

  it('清除标记 takes back everything the check wrote, in whichever language, and nothing else', async () => {
    const { wb, input } = setup();
    const before = sourceValues(wb);
    await runPriceCheck(input({ locale: 'en-US' }));
    const cleared = await clearPriceCheckMarks(wb, SHEET);
    expect(cleared).toEqual({ columns: true, resultSheet: 'Price check results' });
    nothingWritten(wb, before);
    expect(await clearPriceCheckMarks(wb, SHEET)).toEqual({ columns: false, resultSheet: null });
  });

  it('shows the currency with 最低允许价 when the ledger mixes USD and CNY', async () => {
    const rows = smallLedger();
    (rows[3] as unknown[])[9] = 'USD';
    const wb = workbookOf({ [SHEET]: rows }, SHEET);
    const api = createApiClient({ baseUrl: BASE, fetch: fakeFetch().impl });
    await runPriceCheck({ workbook: wb, api, sheet: SHEET, locale: 'zh-CN' });
    expect(wb.cellView(SHEET, 3, 12).numberFormat).toBe('"US$"#,##0.00');
    expect(wb.cellView(SHEET, 4, 12).numberFormat).toBe('"¥"#,##0.00');
  });

  it('writes nothing when a batch fails, and says which batch, which rows and which address', async () => {
    const { wb, input, fetch } = setup({ fail: (call) => (call === 1 ? 503 : null) });
    const before = sourceValues(wb);
    const err = await runPriceCheck(input({ batchSize: 2, concurrency: 1 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PriceCheckError);
    const e = err as PriceCheckError;
    expect(e.code).toBe('api');
    expect(e.text['zh-CN']).toContain('第 2/3 批（表中第 8–10 行）');
    expect(e.text['zh-CN']).toContain(`服务 ${BASE} 返回错误（HTTP 503）：服务出错了`);
    expect(e.text['zh-CN']).toContain('工作簿没有任何改动');
    expect(e.text['en-US']).toContain('batch 2 of 3 (sheet rows 8–10)');
    expect(e.text['en-US']).toContain('the service broke');
    expect(fetch.bodies).toHaveLength(2);
    nothingWritten(wb, before);
  });

  it('names the address when the service cannot be reached', async () => {
    const { wb, input } = setup({ fail: () => 'unreachable' });
    const before = sourceValues(wb);
    const e = (await runPriceCheck(input()).catch((x: unknown) => x)) as PriceCheckError;
    expect(e.code).toBe('api');
    expect(e.text['zh-CN']).toContain(`无法连接服务 ${BASE}`);
    expect(e.text['en-US']).toContain(`Cannot reach the service at ${BASE}`);
    nothingWritten(wb, before);
  });

  it('writes nothing when cancelled between batches', async () => {
    const { wb, input, fetch } = setup();
    const before = sourceValues(wb);
    const c = new AbortController();
    const e = (await runPriceCheck(
      input({
        batchSize: 2,
        concurrency: 1,
        signal: c.signal,
        // 1 unreadable row (done from the start) + the first batch of 2
        onProgress: (p) => p.phase === 'check' && p.done === 3 && c.abort(),
      }),
    ).catch((x: unknown) => x)) as PriceCheckError;
    expect(e.code).toBe('cancelled');
    expect(fetch.bodies).toHaveLength(1);
    nothingWritten(wb, before);
  });

  it('takes the columns back when cancelled while writing the result sheet', async () => {
    const { wb, input } = setup();
    const before = sourceValues(wb);
    const c = new AbortController();
    const e = (await runPriceCheck(
      input({ signal: c.signal, onProgress: (p) => p.phase === 'write' && c.abort() }),
    ).catch((x: unknown) => x)) as PriceCheckError;
    expect(e.code).toBe('cancelled');
    nothingWritten(wb, before);
  });

  it('refuses to run without a header or without the needed columns', async () => {
    const { input } = setup();
    const wb = workbookOf({ 空表: [['随便写的'], ['一些', '文字']] });
    const noHeader = (await runPriceCheck(input({ workbook: wb, sheet: '空表' })).catch(
      (x: unknown) => x,
    )) as PriceCheckError;
    expect(noHeader.code).toBe('noHeader');
    const noPrice = await runPriceCheck(input({ overrides: { unitPrice: null } })).catch((x: unknown) => x);
    expect((noPrice as PriceCheckError).code).toBe('missingColumns');
    expect((noPrice as PriceCheckError).text['zh-CN']).toContain('单价');
  });
});
