/** @jest-environment jsdom */
// The 年度计划 tab with held months: the month columns show in the mapping, the split request carries
// `locked`, the preview says how many rows hold months, and a bad month cell is listed with its cell.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SplitRequest } from '../../../../functions/src/contract/plans';
import { splitPlan } from '../../../../functions/src/domain/plans';
import { AnnualPlanTab } from '../../../src/taskpane/annualPlan/AnnualPlanTab';
import { WorkbookModel } from '../../../src/workbook/memoryModel';
import { MemoryWorkbook } from '../../../src/workbook/memoryWorkbook';
import { API_BASE, renderWithApp } from '../common/renderWithApp';
import { jsonResponse as json } from '../../support/response';

type Cell = string | number | null;
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const none = (n: number): Cell[] => new Array<Cell>(n).fill(null);

const WITH_MONTHS: Cell[][] = [
  ['2026年度销售计划（单位：万元）'],
  ['产品类别', '片区', '业务员', '年度计划', ...MONTHS],
  ['潜水泵', '华东', '张三', 120, 10, null, 12.34, ...none(9)],
  ['潜水泵', '华南', '李四', 60.5, ...none(12)],
  ['配件', '华东', '张三', 12.34, ...none(11), 0.34],
  ['配件', '华南', '李四', 5, ...none(3), '五万', ...none(8)],
];
const WITHOUT_MONTHS: Cell[][] = [
  ['2026年度销售计划（单位：万元）'],
  ['产品类别', '片区', '业务员', '年度计划'],
  ['潜水泵', '华东', '张三', 120],
];

const SEASON: Cell[][] = [
  ['季节系数'],
  ['产品类别', ...MONTHS],
  ['潜水泵', 4, 2, 7, 11, 13, 14, 14, 11, 7, 6, 6, 5],
];

function workbook(rows: Cell[][], season?: Cell[][]): MemoryWorkbook {
  const model = new WorkbookModel();
  for (const [name, sheet] of Object.entries({ 年度计划: rows, ...(season ? { 季节系数: season } : {}) })) {
    const s = model.addSheet(name);
    sheet.forEach((r, i) => s.setRow(i, 0, r));
  }
  model.activeSheet = '年度计划';
  return new MemoryWorkbook(model, { pause: () => Promise.resolve() });
}

/** Split with the real domain code; no plan published yet. */
function fakeApi() {
  const splits: SplitRequest[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input).replace(API_BASE, '');
    if (init?.method === 'POST' && path === '/plans/split') {
      const body = JSON.parse(String(init.body)) as SplitRequest;
      splits.push(body);
      return json(200, splitPlan(body));
    }
    return json(404, { error: { code: 'plan_not_found', message: { 'zh-CN': '无', 'en-US': 'none' } } });
  }) as typeof fetch;
  return { impl, splits };
}

const planSection = () => within(screen.getByTestId('plan-sheet-section'));

async function preview(rows: Cell[][], opts: { locale?: 'en-US'; season?: Cell[][] } = {}) {
  const api = fakeApi();
  renderWithApp(<AnnualPlanTab />, {
    workbook: workbook(rows, opts.season),
    fetchImpl: api.impl,
    locale: opts.locale,
  });
  await screen.findByTestId('plan-unit');
  if (opts.season) {
    const profilePicker = within(screen.getByTestId('profile-sheet-section')).getByTestId('sheet-picker');
    await waitFor(() => expect((profilePicker as HTMLSelectElement).value).toBe('季节系数'));
  }
  const go = screen.getByTestId('plan-preview') as HTMLButtonElement;
  await waitFor(() => expect(go.disabled).toBe(false));
  fireEvent.click(go);
  await screen.findByTestId('plan-preview-panel', {}, { timeout: 5000 });
  return api;
}

describe('AnnualPlanTab: held months', () => {
  it('sends the month cells as locked, keeps them in the answer and says how many rows hold months', async () => {
    const api = await preview(WITH_MONTHS);
    fireEvent.click(planSection().getByTestId('mapping-toggle'));
    expect(planSection().getByTestId('mapping-summary').textContent).toContain('16/16');
    expect(planSection().getByTestId('mapping-field-m12').getAttribute('data-state')).toBe('ok');
    // The plan sheet is the only sheet: its held months are not read as season weights.
    expect(api.splits[0]?.profiles).toBeUndefined();
    const rows = api.splits[0]?.rows ?? [];
    expect(rows.map((r) => r.locked)).toEqual([{ '1': 10, '3': 12.34 }, undefined, { '12': 0.34 }]);
    expect(screen.getByTestId('plan-locked-rows').textContent).toBe(
      '2 行填了月份金额（共 3 个月）：这些月份按表中金额原样保留，其余月份分解余额。',
    );
    // The row with text in 4月 is left out and named by its cell.
    const items = within(screen.getByTestId('plan-problems')).getAllByTestId('problem-item');
    expect(items.map((i) => i.textContent).join()).toContain('H6');
    expect(screen.getByTestId('plan-preview-title').textContent).toContain('3 行');
  });

  it('says it in English too', async () => {
    await preview(WITH_MONTHS, { locale: 'en-US' });
    expect(screen.getByTestId('plan-locked-rows').textContent).toBe(
      '2 rows hold month amounts (3 months in all): those months keep the amounts on the sheet; the rest is spread over the other months.',
    );
  });

  it('a sheet without month columns shows neither the month columns nor a word about them', async () => {
    const api = await preview(WITHOUT_MONTHS);
    expect(api.splits[0]?.rows[0]).not.toHaveProperty('locked');
    fireEvent.click(planSection().getByTestId('mapping-toggle'));
    expect(planSection().getByTestId('mapping-summary').textContent).toContain('4/4');
    expect(planSection().getByTestId('mapping-field-annualTarget')).toBeTruthy();
    expect(planSection().queryByTestId('mapping-field-m1')).toBeNull();
    expect(screen.queryByTestId('plan-locked-rows')).toBeNull();
  });

  it('proposes the 季节系数 sheet, not the plan sheet with month columns, for the season profiles', async () => {
    const api = await preview(WITH_MONTHS, { season: SEASON });
    expect(api.splits[0]?.profiles).toEqual({ 潜水泵: [4, 2, 7, 11, 13, 14, 14, 11, 7, 6, 6, 5] });
    expect(api.splits[0]?.rows[0]?.locked).toEqual({ '1': 10, '3': 12.34 });
  });
});
