// The 月度计划 and 计划达成 sheet specs, and what they look like once written into a workbook.
import type { ProgressLine, ProgressResponse } from '../../../functions/src/contract/plans';
import { splitPlan } from '../../../functions/src/domain/plans';
import { BAND_COLOR, monthlyPlanSheet, progressSheet } from '../../src/annualPlan';
import { WorkbookModel } from '../../src/workbook/memoryModel';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';

const immediate = () => Promise.resolve();

const split = splitPlan({
  year: 2026,
  roundTo: 1,
  method: 'profile',
  profiles: { 配件: new Array<number>(12).fill(1) },
  rows: [
    { productType: '潜水泵', region: '华东', rep: '张三', annual: 1200001, sheetRow: 3 },
    { productType: '配件', region: '华南', annual: 120, sheetRow: 4 },
    { productType: '水轮机', annual: 12, sheetRow: 5 },
  ],
});

describe('monthlyPlanSheet', () => {
  it('lays out rows, 12 months, total and basis, with an exact totals row, in 元', () => {
    const spec = monthlyPlanSheet(split, { unit: 'yuan', locale: 'zh-CN' });
    expect(spec.title).toBe('2026年月度销售计划（单位：元；分解方法：季节曲线）');
    const [plan, byType, byRegion, notes] = spec.tables;
    expect(plan?.columns.map((c) => c.header)).toEqual([
      '产品类别',
      '片区',
      '业务员',
      ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`),
      '合计',
      '分解说明',
    ]);
    expect(plan?.columns.slice(3, 16).every((c) => c.numberFormat === '#,##0')).toBe(true);
    expect(plan?.rows[0]?.slice(0, 3)).toEqual(['潜水泵', '华东', '张三']);
    expect(plan?.rows[0]?.[15]).toBe(1200001);
    // The fallback of an unknown type is said on its row.
    expect(String(plan?.rows[2]?.[16])).toContain('水轮机');
    expect(plan?.totals?.[15]).toBe(1200133);
    expect(plan?.totals?.slice(3, 15)).toEqual(split.totals.byMonth);
    expect(byType?.caption).toBe('按产品类别');
    expect(byType?.columns.map((c) => c.header)).toEqual(['月份', '潜水泵', '配件', '水轮机', '合计']);
    expect(byType?.rows).toHaveLength(12);
    expect(byType?.totals).toEqual(['全年', 1200001, 120, 12, 1200133]);
    expect(byRegion?.rows.map((r) => r[0])).toEqual(['华东', '华南']);
    expect(notes?.rows.length).toBe(split.notes.length);
    expect(spec.charts).toEqual([
      {
        type: 'column',
        title: '2026年月度计划（按产品类别，元）',
        table: 1,
        categoryColumn: 0,
        seriesCount: 3,
      },
    ]);
    expect(spec.freezeHeader).toBe(true);
  });

  it('speaks English and shows 万元 with two decimals', () => {
    const spec = monthlyPlanSheet(split, { unit: 'wanYuan', locale: 'en-US' });
    expect(spec.title).toBe('2026 monthly sales plan (unit: 10k yuan; method: season profile)');
    expect(spec.tables[0]?.columns[3]).toEqual({ header: 'Jan', numberFormat: '#,##0.00' });
    expect(spec.tables[0]?.totals?.[0]).toBe('Total');
  });

  it('writes into a workbook as tables with a frozen header and a chart', async () => {
    const wb = new MemoryWorkbook(new WorkbookModel(), { pause: immediate });
    const written = await wb.writeResultSheet(
      '月度计划',
      monthlyPlanSheet(split, { unit: 'yuan', locale: 'zh-CN' }),
    );
    expect(written.name).toBe('月度计划');
    const sheet = wb.model.getSheet('月度计划');
    expect(sheet?.frozenRows).toBe(3);
    expect(sheet?.charts).toHaveLength(1);
    expect(wb.cellView('月度计划', 3, 15)).toMatchObject({ value: 1200001, numberFormat: '#,##0' });
  });
});

const line = (key: string, plan: number[], actual: number[]): ProgressLine => {
  const ytd = {
    plan: plan.slice(0, 3).reduce((a, b) => a + b, 0),
    actual: actual.slice(0, 3).reduce((a, b) => a + b, 0),
  };
  return {
    key,
    plan,
    actual,
    completion: plan.map((p, i) => (p === 0 ? null : (actual[i] ?? 0) / p)),
    ytd: { ...ytd, completion: ytd.plan === 0 ? null : ytd.actual / ytd.plan },
  };
};
const P = new Array<number>(12).fill(100);
// Month 1 at 50 % (red), month 2 at 90 % (amber), month 3 at 100 % (green); months 4–12 not in yet.
const A = [50, 90, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const progress: ProgressResponse = {
  year: 2026,
  unit: 'yuan',
  basis: 'orders',
  throughMonth: 3,
  total: line('', P, A),
  byProductType: [line('潜水泵', P, A)],
  byRegion: [line('华东', P, [80, 80, 80, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
  byRep: [],
  notes: [{ 'zh-CN': '有 2 条实绩不在计划年度', 'en-US': '2 actuals outside the plan year' }],
};

describe('progressSheet', () => {
  const spec = progressSheet(progress, { locale: 'zh-CN' });
  const [total, ytd, byType, byRegion, notes] = spec.tables;

  it('shows the company month by month, cumulative first, blank where actuals are not in yet', () => {
    expect(spec.title).toBe('2026年计划达成（截至3月，订单口径，单位：元）');
    expect(total?.rows[0]).toEqual(['1月', 100, 50, 0.5, '低于80%', 100, 50, 0.5, '低于80%']);
    expect(total?.rows[1]).toEqual(['2月', 200, 140, 0.7, '低于80%', 100, 90, 0.9, '80%–100%']);
    expect(total?.rows[2]).toEqual(['3月', 300, 240, 0.8, '80%–100%', 100, 100, 1, '达成']);
    expect(total?.rows[3]).toEqual(['4月', 400, null, null, null, 100, null, null, null]);
    expect(total?.columns[3]?.numberFormat).toBe('0.0%');
    expect(spec.charts).toEqual([
      { type: 'line', title: '2026年累计计划与累计实际（元）', table: 0, categoryColumn: 0, seriesCount: 2 },
    ]);
  });

  it('sums year to date by product type, region and rep, with a totals row', () => {
    expect(ytd?.caption).toBe('累计达成（1–3月）');
    expect(ytd?.rows).toEqual([
      ['产品类别', '潜水泵', 1200, 300, 240, 0.8, '80%–100%'],
      ['片区', '华东', 1200, 300, 240, 0.8, '80%–100%'],
    ]);
    expect(ytd?.totals).toEqual(['合计', null, 1200, 300, 240, 0.8, '80%–100%']);
    expect(byType?.caption).toBe('按产品类别');
    expect(byType?.rows).toHaveLength(12);
    expect(byRegion?.rows[0]).toEqual(['华东', '1月', 100, 80, 0.8, '80%–100%', 100, 80, 0.8, '80%–100%']);
    expect(spec.tables).toHaveLength(5); // no rep table: the answer had no reps
    expect(notes?.rows).toEqual([['有 2 条实绩不在计划年度']]);
  });

  it('colours statuses red, amber, green with rules that never overlap', () => {
    for (const t of [total, ytd, byType, byRegion]) {
      for (const h of t?.highlights ?? []) expect(h.op).toBe('eq');
      const byColumn = new Map<number, string[]>();
      for (const h of t?.highlights ?? [])
        byColumn.set(h.column, [...(byColumn.get(h.column) ?? []), ...h.values.map(String)]);
      for (const values of byColumn.values()) expect(new Set(values).size).toBe(values.length);
    }
  });

  it('written into a workbook, each status cell has its band’s fill and blanks have none', async () => {
    const wb = new MemoryWorkbook(new WorkbookModel(), { pause: immediate });
    await wb.writeResultSheet('计划达成', spec);
    // Title row 0, blank, caption row 2, header row 3, data from row 4; status columns E and I.
    expect(wb.cellView('计划达成', 4, 8)).toMatchObject({ value: '低于80%', fill: BAND_COLOR.behind });
    expect(wb.cellView('计划达成', 5, 8)).toMatchObject({ value: '80%–100%', fill: BAND_COLOR.close });
    expect(wb.cellView('计划达成', 6, 8)).toMatchObject({ value: '达成', fill: BAND_COLOR.met });
    expect(wb.cellView('计划达成', 7, 8).fill).toBeUndefined();
    expect(wb.cellView('计划达成', 6, 3)).toMatchObject({ value: 0.8, numberFormat: '0.0%' });
  });

  it('says when the year has no actuals yet', () => {
    const none = progressSheet({ ...progress, throughMonth: 0 }, { locale: 'en-US' });
    expect(none.title).toBe('2026 plan vs actual (no actuals yet; orders; unit: yuan)');
    expect(none.tables[1]?.caption).toBe('Year to date (no actuals this year yet)');
    expect(none.tables[0]?.rows.every((r) => r[2] === null && r[8] === null)).toBe(true);
  });
});
