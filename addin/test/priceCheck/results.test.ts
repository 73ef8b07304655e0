import {
  checkedRows,
  countStatuses,
  detectSalesLedger,
  HIGHLIGHT_COLORS,
  readPriceCheckLedger,
  resultColumns,
  resultColumnsInSlices,
  resultHighlights,
  resultSheetSpec,
  rowsToLookAt,
  summarise,
  needsInputTexts,
} from '../../src/priceCheck';
import { isCellLink } from '../../src/workbook/adapter';
import { fakeValidate, grid, smallLedger } from './support';

function checked(approvals: ReadonlySet<string> = new Set()) {
  const g = grid(smallLedger());
  const plan = readPriceCheckLedger(g, detectSalesLedger(g));
  const rows = checkedRows(plan, fakeValidate(plan.lines, approvals).results);
  return { plan, rows };
}

describe('price-check results', () => {
  it('gives every read row a status: judged by the API, or unreadable', () => {
    const { rows } = checked();
    expect(rows.map((r) => [r.entry.sheetRow, r.status])).toEqual([
      [4, 'ok'],
      [5, 'needs_approval'],
      [8, 'below_floor'],
      [9, 'unreadable'],
      [10, 'invalid'],
      [11, 'below_floor'],
    ]);
    expect(countStatuses(rows)).toEqual({
      ok: 1,
      needs_approval: 1,
      below_floor: 2,
      approved: 0,
      needs_input: 0,
      invalid: 1,
      unreadable: 1,
    });
    expect(checked(new Set(['SP-2026-001'])).rows[2]?.status).toBe('approved');
  });

  it('aligns the three columns with the ledger rows, leaving subtotal, blank and total rows empty', () => {
    const { plan, rows } = checked();
    const [status, minPrice, why] = resultColumns(plan, rows, 'zh-CN');
    expect(status?.header).toBe('价格状态');
    expect(minPrice?.header).toBe('最低允许价');
    expect(minPrice?.numberFormat).toBe('#,##0.00');
    expect(why?.header).toBe('说明');
    // values[i] is Excel row 4 + i, through the 合计 row 12
    expect(status?.values).toEqual([
      '符合',
      '需审批',
      null, // 6 小计
      null, // 7 blank
      '低于最低限价',
      '无法读取',
      '无法判断',
      '低于最低限价',
      null, // 12 合计
    ]);
    expect(minPrice?.values).toEqual([900, 900, null, null, 1700, null, null, 900, null]);
    expect(why?.values[0]).toBe('判定：ok');
    expect(String(why?.values[5])).toContain('销售台账 I9（单价）');
    expect(String(why?.values[5])).toContain('#N/A');
    const en = resultColumns(plan, rows, 'en-US');
    expect(en.map((c) => c.header)).toEqual(['Price status', 'Lowest allowed price', 'Explanation']);
    expect(en[0]?.values.slice(0, 2)).toEqual(['OK', 'Needs approval']);
    expect(en[0]?.values[5]).toBe('Unreadable');
  });

  it('writes 需确认… where a blank input would change the verdict, counts it and lists it to look at', () => {
    const g = grid(smallLedger());
    const plan = readPriceCheckLedger(g, detectSalesLedger(g));
    const answer = fakeValidate(plan.lines);
    // the API says row 4's verdict depends on 新老客户 and 片区, row 5's lowest price only on 片区
    answer.results[0] = { ...answer.results[0]!, dependsOn: ['isNewCustomer', 'region'] };
    answer.results[1] = { ...answer.results[1]!, dependsOn: [], minPriceDependsOn: ['region'] };
    const rows = checkedRows(plan, answer.results);
    expect(rows.map((r) => r.status).slice(0, 2)).toEqual(['needs_input', 'needs_approval']);
    const [status, minPrice] = resultColumns(plan, rows, 'zh-CN');
    expect(status?.values.slice(0, 2)).toEqual(['需确认新老客户、片区', '需审批']);
    // the lowest price is not guessed either: row 5's depends on 片区 (as =SALES.MINPRICE says)
    expect(minPrice?.values.slice(0, 2)).toEqual([900, '需确认片区']);
    expect(resultColumns(plan, rows, 'en-US')[0]?.values[0]).toBe('Confirm new or old customer, region');
    expect(countStatuses(rows)).toMatchObject({ ok: 0, needs_input: 1 });
    const spec = resultSheetSpec(plan, rows, 'zh-CN', 1);
    expect(spec.tables[0]?.rows).toContainEqual(['需确认', 1]);
    expect(spec.tables[1]?.rows.map((r) => r[1])).toEqual([
      '需确认新老客户、片区',
      '需审批',
      '低于最低限价',
      '无法读取',
      '无法判断',
      '低于最低限价',
    ]);
    expect(summarise(plan, rows)).toMatchObject({ lines: 6, toLookAt: 6 });
  });

  it('builds the same columns in slices, pausing between them (the page is not blocked in one go)', async () => {
    const { plan, rows } = checked();
    let pauses = 0;
    const pause = async () => void pauses++;
    for (const locale of ['zh-CN', 'en-US'] as const) {
      pauses = 0;
      const sliced = await resultColumnsInSlices(plan, rows, locale, { pause, rowsPerSlice: 2 });
      expect(sliced).toEqual(resultColumns(plan, rows, locale));
      expect(pauses).toBe(Math.ceil(rows.length / 2) - 1);
    }
  });

  it('highlights rows by the status text written: amber, red, grey', () => {
    expect(resultHighlights('zh-CN')).toEqual([
      { columnKey: 'status', equals: ['需审批'], color: HIGHLIGHT_COLORS.needs_approval },
      { columnKey: 'status', equals: ['低于最低限价'], color: HIGHLIGHT_COLORS.below_floor },
      { columnKey: 'status', equals: needsInputTexts('zh-CN'), color: HIGHLIGHT_COLORS.needs_input },
      { columnKey: 'status', equals: ['无法判断', '无法读取'], color: HIGHLIGHT_COLORS.invalid },
    ]);
    // every text a 需确认 cell can hold: each set of the four inputs, in their fixed order
    expect(needsInputTexts('zh-CN')).toHaveLength(15);
    expect(needsInputTexts('zh-CN')).toContain('需确认新老客户、片区');
    expect(needsInputTexts('en-US')).toContain('Confirm new or old customer, currency');
    expect(resultHighlights('en-US')[3]?.equals).toEqual(['Invalid', 'Unreadable']);
  });

  it('builds the result sheet: counts per status with a chart, then one linked row per problem', () => {
    const { plan, rows } = checked(new Set(['SP-2026-001']));
    const spec = resultSheetSpec(plan, rows, 'zh-CN', 3);
    expect(spec.title).toContain('第 3 版');
    const [counts, problems] = spec.tables;
    expect(counts?.rows).toEqual([
      ['符合', 1],
      ['需审批', 1],
      ['低于最低限价', 1],
      ['已审批', 1],
      ['需确认', 0],
      ['无法判断', 1],
      ['无法读取', 1],
    ]);
    expect(counts?.totals).toEqual(['合计', 6]);
    expect(spec.charts).toEqual([
      { type: 'column', title: '价格检查：各状态行数', table: 0, categoryColumn: 0, seriesCount: 1 },
    ]);
    expect(problems?.columns.map((c) => c.header)).toEqual([
      '位置',
      '状态',
      '合同号',
      '客户名称',
      '产品型号',
      '数量',
      '单价',
      '最低允许价',
      '说明',
    ]);
    // the rows to look at, in sheet order; approved rows are listed apart, for the record
    expect(problems?.caption).toBe('需要处理的行（4 行）');
    expect(problems?.rows.map((r) => r[1])).toEqual(['需审批', '无法读取', '无法判断', '低于最低限价']);
    expect(spec.tables[2]?.caption).toBe('已审批的行（1 行，备查）');
    expect(spec.tables[2]?.rows.map((r) => r[1])).toEqual(['已审批']);
    // one definition of the counts for the pane, the progress, the done message and this sheet
    expect(summarise(plan, rows)).toMatchObject({ lines: 6, toLookAt: 4 });
    expect(rowsToLookAt(rows)).toHaveLength(problems?.rows.length ?? -1);
    const first = problems?.rows[0] ?? [];
    expect(first.slice(1)).toEqual([
      '需审批',
      'HT-002',
      '杭州钱江水泵经销有限公司',
      'QJ-1',
      1,
      850,
      900,
      '判定：needs_approval',
    ]);
    const links = (problems?.rows ?? []).map((r) => r[0]);
    expect(links.every(isCellLink)).toBe(true);
    // the unit-price cell of a judged row; the unreadable cell of an unreadable row
    expect(links).toEqual([
      { text: '销售台账 第 5 行', sheet: '销售台账', address: 'I5' },
      { text: '销售台账 第 9 行', sheet: '销售台账', address: 'I9' },
      { text: '销售台账 第 10 行', sheet: '销售台账', address: 'I10' },
      { text: '销售台账 第 11 行', sheet: '销售台账', address: 'I11' },
    ]);
    expect(problems?.rows[3]?.slice(5, 8)).toEqual([10, 700, 900]);
    expect(problems?.highlights?.map((h) => [h.column, h.values, h.wholeRow])).toEqual([
      [1, ['需审批'], true],
      [1, ['低于最低限价'], true],
      [1, ['无法判断', '无法读取'], true],
      [1, needsInputTexts('zh-CN'), true],
    ]);
    const en = resultSheetSpec(plan, rows, 'en-US', null);
    expect(en.title).toContain('none published');
    expect(en.tables[1]?.rows[0]?.[0]).toEqual({ text: '销售台账 row 5', sheet: '销售台账', address: 'I5' });
  });
});
