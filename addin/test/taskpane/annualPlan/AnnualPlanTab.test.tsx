/** @jest-environment jsdom */
// The 年度计划 tab over a MemoryWorkbook and a fake plans API that answers with the real domain code
// (splitPlan, planProgress): preview → 月度计划 written; publish with If-None-Match / If-Match and the
// bilingual 412 / 403 messages; 计划达成 from the ledger; the service's row errors listed.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { PlanVersion, ProgressRequest, SplitRequest } from '../../../../functions/src/contract/plans';
import { splitPlan } from '../../../../functions/src/domain/plans';
import { planProgress } from '../../../../functions/src/domain/plans/planProgress';
import { BAND_COLOR } from '../../../src/annualPlan';
import { AnnualPlanTab } from '../../../src/taskpane/annualPlan/AnnualPlanTab';
import { WorkbookModel } from '../../../src/workbook/memoryModel';
import { MemoryWorkbook } from '../../../src/workbook/memoryWorkbook';
import { API_BASE, renderWithApp } from '../common/renderWithApp';
import { jsonResponse as json } from '../../support/response';

type Cell = string | number | null;
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

const PLAN: Cell[][] = [
  ['2026年度销售计划（单位：万元）'],
  ['产品类别', '片区', '业务员', '年度计划'],
  ['潜水泵', '华东', '张三', 120],
  ['潜水泵', '华南', '李四', 60.5],
  ['小计', null, null, 180.5],
  ['配件', '华东', '张三', 12.34],
  ['小计', null, null, 12.34],
  ['合计', null, null, 192.84],
];
const SEASON: Cell[][] = [
  ['季节系数'],
  ['产品类别', ...MONTHS],
  ['潜水泵', 4, 2, 7, 11, 13, 14, 14, 11, 7, 6, 6, 5],
];
const LEDGER: Cell[][] = [
  ['2026年销售台账'],
  ['制表：销售内勤  单位：元（含税）'],
  ['日期', '合同号', '客户名称', '片区', '业务员', '产品型号', '产品类别', '数量', '单价', '金额', '币种'],
  ['2026-01-05', 'HT1', '甲', '华东', '张三', 'QJ', '潜水泵', 2, 20000, 40000, '人民币'],
  ['2026-02-10', 'HT2', '乙', '华南', '李四', 'QJ', '潜水泵', 1, 30000, 30000, ''],
  ['2026-02-11', 'HT3', '丙', '华东', '张三', 'LQ', '配件', 10, 500, '', ''],
  ['2026-03-01', 'HT4', 'Lagos', '外贸', '赵明', 'QJ', '潜水泵', 1, 1000, 1000, 'USD'],
  ['2026-03-02', 'HT5', '丁', '华东', '张三', 'QJ', '', 1, 100, 100, ''],
];

function workbook(): MemoryWorkbook {
  const model = new WorkbookModel();
  for (const [name, rows] of Object.entries({ 年度计划: PLAN, 季节系数: SEASON, 销售台账: LEDGER })) {
    const s = model.addSheet(name);
    rows.forEach((r, i) => s.setRow(i, 0, r));
  }
  model.activeSheet = '年度计划';
  return new MemoryWorkbook(model, { pause: () => Promise.resolve() });
}

interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The plans API as far as the tab uses it, answering with the real domain functions. */
function fakePlansApi(
  options: {
    publish?: (call: Call) => Response | undefined;
    split?: (body: SplitRequest) => Response | undefined;
  } = {},
) {
  const calls: Call[] = [];
  let stored: (PlanVersion & { version: number }) | null = null;
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input).replace(API_BASE, '');
    const call: Call = {
      method: init?.method ?? 'GET',
      path,
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    if (call.method === 'POST' && path === '/plans/split') {
      const own = options.split?.(call.body as SplitRequest);
      return own ?? json(200, splitPlan(call.body as SplitRequest));
    }
    const m = /^\/plans\/(\d{4})(\/progress)?$/.exec(path);
    if (m && call.method === 'GET') {
      if (!stored)
        return json(404, { error: { code: 'plan_not_found', message: { 'zh-CN': '无', 'en-US': 'none' } } });
      return json(200, stored, { ETag: `"plan-${m[1]}-v${stored.version}"` });
    }
    if (m && call.method === 'PUT') {
      const own = options.publish?.(call);
      if (own) return own;
      const version = (stored?.version ?? 0) + 1;
      stored = {
        ...(call.body as PlanVersion),
        publishedBy: '王部长',
        publishedAt: '2026-01-05T02:00:00.000Z',
        version,
      };
      return json(
        version === 1 ? 201 : 200,
        { ...stored, summary: { 'zh-CN': `发布第 ${version} 版`, 'en-US': `Published version ${version}` } },
        {
          ETag: `"plan-${m[1]}-v${version}"`,
        },
      );
    }
    if (m && m[2] && call.method === 'POST') {
      if (!stored)
        return json(404, {
          error: {
            code: 'plan_not_found',
            message: { 'zh-CN': '2026年计划尚未发布', 'en-US': 'No 2026 plan published' },
          },
        });
      const result = planProgress(stored, call.body as ProgressRequest);
      return result.ok
        ? json(200, result.value)
        : json(400, { error: { code: 'invalid_plan_input', message: { 'zh-CN': 'x', 'en-US': 'x' } } });
    }
    return json(404, {
      error: { code: 'not_found', message: { 'zh-CN': '无此地址', 'en-US': 'no such route' } },
    });
  }) as typeof fetch;
  return { impl, calls };
}

function mount(wb: MemoryWorkbook | null, fetchImpl?: typeof fetch, locale?: 'en-US') {
  return renderWithApp(<AnnualPlanTab />, { workbook: wb, fetchImpl, locale });
}

const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;
const picker = (section: string) =>
  within(screen.getByTestId(section)).getByTestId('sheet-picker') as HTMLSelectElement;

async function ready() {
  await waitFor(() => expect(picker('plan-sheet-section').value).toBe('年度计划'));
  await waitFor(() => expect(picker('profile-sheet-section').value).toBe('季节系数'));
  await screen.findByTestId('plan-unit');
  await waitFor(() => expect(button('plan-preview').disabled).toBe(false));
}

/** The ledger section shows on the 计划达成 screen and for the prior-year split. */
async function ledgerReady() {
  await waitFor(() => expect(picker('ledger-sheet-section').value).toBe('销售台账'));
}

async function previewed() {
  fireEvent.click(button('plan-preview'));
  await screen.findByTestId('plan-preview-panel', {}, { timeout: 5000 });
}

function messages(): string[] {
  return screen.queryAllByTestId('plan-message').map((m) => m.textContent ?? '');
}

describe('AnnualPlanTab', () => {
  it('says to open Excel or the preview when there is no workbook', () => {
    mount(null);
    expect(screen.getByTestId('annual-plan-no-workbook').textContent).toContain('请在 Excel 中打开此加载项');
  });

  it('previews the split, then writes 月度计划 as a table with totals, a frozen header and a chart', async () => {
    const wb = workbook();
    const api = fakePlansApi();
    mount(wb, api.impl);
    await ready();
    expect(screen.getByTestId('plan-unit').textContent).toBe('金额单位：万元');
    expect((screen.getByTestId('plan-year') as HTMLInputElement).value).toBe('2026');
    expect(button('plan-write').disabled).toBe(true);

    await previewed();
    const split = api.calls.find((c) => c.path === '/plans/split');
    expect(split?.body).toEqual({
      year: 2026,
      roundTo: 0.01,
      method: 'profile',
      profiles: { 潜水泵: [4, 2, 7, 11, 13, 14, 14, 11, 7, 6, 6, 5] },
      rows: [
        { productType: '潜水泵', region: '华东', rep: '张三', annual: 120, sheetRow: 3 },
        { productType: '潜水泵', region: '华南', rep: '李四', annual: 60.5, sheetRow: 4 },
        { productType: '配件', region: '华东', rep: '张三', annual: 12.34, sheetRow: 6 },
      ],
    });
    expect(screen.getByTestId('plan-preview-title').textContent).toBe(
      '2026 年分解预览：3 行，年度合计 192.84万元',
    );
    expect(screen.getByTestId('plan-published-status').textContent).toBe('2026 年计划尚未发布。');
    const byType = within(screen.getByTestId('plan-preview-type')).getAllByRole('row');
    expect(byType.map((r) => r.textContent)).toEqual(['产品类别金额', '潜水泵180.50万元', '配件12.34万元']);
    expect(within(screen.getByTestId('plan-preview-month')).getAllByRole('row')).toHaveLength(13);

    fireEvent.click(button('plan-write'));
    await waitFor(() => expect(messages().join()).toContain('已写入“月度计划”表：3 行'));
    const sheet = wb.model.getSheet('月度计划');
    expect(sheet?.tables.length).toBeGreaterThanOrEqual(2);
    expect(sheet?.charts).toHaveLength(1);
    expect(sheet?.frozenRows).toBe(3);
    // Row 3 (0-based) is the first plan row: 12 months that add up to 120.00 万元, shown with 2 decimals.
    const months = Array.from({ length: 12 }, (_, i) => wb.cellView('月度计划', 3, 3 + i).value as number);
    expect(months.reduce((s, m) => s + Math.round(m * 100), 0)).toBe(12000);
    expect(wb.cellView('月度计划', 3, 15)).toMatchObject({ value: 120, numberFormat: '#,##0.00' });
    // The totals row under the three plan rows.
    expect(wb.cellView('月度计划', 6, 0).value).toBe('合计');
    expect(wb.cellView('月度计划', 6, 15).value).toBe(192.84);
  });

  it('publishes with If-None-Match first, then If-Match; a 412 explains and re-bases', async () => {
    const wb = workbook();
    let conflict = false;
    const api = fakePlansApi({
      publish: (call) =>
        conflict
          ? json(
              412,
              {
                error: {
                  code: 'plan_changed',
                  message: {
                    'zh-CN': '2026年计划已更新：当前为第 3 版，由 赵部长 发布。',
                    'en-US': 'The 2026 plan has changed: it is now version 3, published by 赵部长.',
                  },
                  details: {
                    sent: call.headers['If-Match'],
                    current: { version: 3, etag: '"plan-2026-v3"', publishedBy: '赵部长' },
                  },
                },
              },
              { ETag: '"plan-2026-v3"' },
            )
          : undefined,
    });
    mount(wb, api.impl);
    await ready();
    await previewed();

    fireEvent.click(button('plan-publish'));
    expect(screen.getByTestId('plan-publish-confirm-bar').textContent).toContain(
      '发布 2026 年计划第 1 版（3 行，年度合计 192.84万元）',
    );
    fireEvent.click(button('plan-publish-confirm'));
    await waitFor(() => expect(messages().join()).toContain('已发布。发布第 1 版'));
    const first = api.calls.filter((c) => c.method === 'PUT')[0];
    expect(first?.headers).toMatchObject({ 'If-None-Match': '*' });
    expect(first?.body).toMatchObject({ year: 2026, unit: 'wanYuan', roundTo: 0.01, method: 'profile' });
    expect((first?.body as { rows: unknown[] }).rows).toHaveLength(3);

    fireEvent.click(button('plan-publish'));
    expect(screen.getByTestId('plan-publish-confirm-bar').textContent).toContain('第 2 版');
    fireEvent.click(button('plan-publish-confirm'));
    await waitFor(() => expect(messages().join()).toContain('已发布。发布第 2 版'));
    expect(api.calls.filter((c) => c.method === 'PUT')[1]?.headers).toMatchObject({
      'If-Match': '"plan-2026-v1"',
    });

    conflict = true;
    fireEvent.click(button('plan-publish'));
    fireEvent.click(button('plan-publish-confirm'));
    await waitFor(() => expect(messages().join()).toContain('2026年计划已更新：当前为第 3 版'));
    expect(messages().join()).toContain('本页已改为对照当前第 3 版');
    expect(screen.getAllByTestId('plan-message')[0]?.getAttribute('data-intent')).toBe('error');
    expect(api.calls.filter((c) => c.method === 'PUT')[2]?.headers).toMatchObject({
      'If-Match': '"plan-2026-v2"',
    });

    // The next try is against the version the 412 named.
    conflict = false;
    fireEvent.click(button('plan-publish'));
    expect(screen.getByTestId('plan-publish-confirm-bar').textContent).toContain('第 4 版');
    fireEvent.click(button('plan-publish-confirm'));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'PUT')).toHaveLength(4));
    expect(api.calls.filter((c) => c.method === 'PUT')[3]?.headers).toMatchObject({
      'If-Match': '"plan-2026-v3"',
    });
  });

  it('says in English that only the sales head may publish (403)', async () => {
    const wb = workbook();
    const api = fakePlansApi({
      publish: () =>
        json(403, {
          error: {
            code: 'forbidden',
            message: { 'zh-CN': '需要 Sales.Head 角色', 'en-US': 'Needs the Sales.Head role' },
          },
        }),
    });
    mount(wb, api.impl, 'en-US');
    await ready();
    await previewed();
    expect(screen.getByTestId('plan-preview-title').textContent).toContain('2026 split preview: 3 rows');
    fireEvent.click(button('plan-publish'));
    fireEvent.click(button('plan-publish-confirm'));
    await waitFor(() =>
      expect(messages().join()).toBe(
        'Only the sales head (Sales.Head) may publish the annual plan. (Needs the Sales.Head role)',
      ),
    );
  });

  it('lists the service’s row errors against the plan sheet', async () => {
    const wb = workbook();
    const api = fakePlansApi({
      split: () =>
        json(400, {
          error: {
            code: 'invalid_plan_input',
            message: { 'zh-CN': '计划有 1 处错误', 'en-US': 'The plan has 1 error' },
            details: {
              errors: [
                {
                  path: 'rows[1].annual',
                  row: 4,
                  message: { 'zh-CN': '第4行：年度目标不能为负数', 'en-US': 'Row 4: negative' },
                },
              ],
              total: 1,
            },
          },
        }),
    });
    mount(wb, api.impl);
    await ready();
    fireEvent.click(button('plan-preview'));
    await waitFor(() => expect(messages().join()).toContain('计划有 1 处错误'));
    const items = within(screen.getByTestId('plan-problems')).getAllByTestId('problem-item');
    expect(items.map((i) => i.getAttribute('data-cell'))).toEqual(['年度计划!A4']);
    expect(items[0]?.textContent).toBe('第4行：年度目标不能为负数');
    expect(screen.queryByTestId('plan-preview-panel')).toBeNull();
  });

  it('splits by the prior-year shape from the ledger, noting USD lines left out', async () => {
    const wb = workbook();
    const api = fakePlansApi();
    mount(wb, api.impl);
    await ready();
    fireEvent.change(screen.getByTestId('plan-method'), { target: { value: 'history' } });
    await ledgerReady();
    fireEvent.change(screen.getByTestId('plan-year'), { target: { value: '2027' } });
    await previewed();
    const body = api.calls.find((c) => c.path === '/plans/split')?.body as SplitRequest;
    expect(body.year).toBe(2027);
    expect(body.history).toEqual([
      { date: '2026-01-01', productType: '潜水泵', region: '华东', rep: '张三', amount: 40000 },
      { date: '2026-02-01', productType: '潜水泵', region: '华南', rep: '李四', amount: 30000 },
      { date: '2026-02-01', productType: '配件', region: '华东', rep: '张三', amount: 5000 },
    ]);
    expect(messages().join()).toContain('台账中 1 行为USD，未填汇率，未计入（如第 7 行）');
    // The row without a product type is named.
    const items = within(screen.getByTestId('plan-problems')).getAllByTestId('problem-item');
    expect(items.map((i) => i.getAttribute('data-cell'))).toEqual(['销售台账!G8']);
  });

  it('writes 计划达成 from the ledger against the published plan, coloured by band', async () => {
    const wb = workbook();
    const api = fakePlansApi();
    mount(wb, api.impl);
    await ready();
    await previewed();
    fireEvent.click(button('plan-publish'));
    fireEvent.click(button('plan-publish-confirm'));
    await waitFor(() => expect(messages().join()).toContain('已发布'));

    // 计划达成 is its own screen. A rate typed there does not touch a profile split; changing the
    // method does.
    fireEvent.click(screen.getByTestId('plan-view-progress'));
    await ledgerReady();
    fireEvent.change(screen.getByTestId('plan-usd-rate'), { target: { value: '7.1' } });
    fireEvent.click(screen.getByTestId('plan-view-split'));
    expect(button('plan-write').disabled).toBe(false);
    fireEvent.change(screen.getByTestId('plan-method'), { target: { value: 'even' } });
    expect(screen.queryByTestId('plan-preview-panel')).toBeNull();
    expect(button('plan-write').disabled).toBe(true);
    fireEvent.click(screen.getByTestId('plan-view-progress'));
    fireEvent.click(button('plan-progress'));
    await waitFor(() => expect(messages().join()).toContain('已写入“计划达成”表（截至3月）：累计达成率'));
    const post = api.calls.find((c) => c.path === '/plans/2026/progress');
    expect(post?.body).toMatchObject({ basis: 'orders', unit: 'yuan' });
    expect((post?.body as ProgressRequest).actuals).toContainEqual({
      date: '2026-03-01',
      productType: '潜水泵',
      region: '外贸',
      rep: '赵明',
      amount: 7100,
    });
    const sheet = wb.model.getSheet('计划达成');
    expect(sheet?.charts).toHaveLength(1);
    // January: plan is 潜水泵 + 配件 of January; 4 万元 of actuals against it; status cells are coloured.
    const status = wb.cellView('计划达成', 4, 8);
    expect(['低于80%', '80%–100%', '达成']).toContain(status.value);
    expect(Object.values(BAND_COLOR)).toContain(status.fill);
    expect(messages().join()).toContain('台账中 1 行USD按 7.1 折成人民币');
  });

  it('asks for the USD rate before 计划达成 instead of leaving export sales out, and writes the rate used', async () => {
    const wb = workbook();
    const api = fakePlansApi();
    mount(wb, api.impl);
    await ready();
    await previewed();
    fireEvent.click(button('plan-publish'));
    fireEvent.click(button('plan-publish-confirm'));
    await waitFor(() => expect(messages().join()).toContain('已发布'));

    fireEvent.click(screen.getByTestId('plan-view-progress'));
    await ledgerReady();
    fireEvent.click(button('plan-progress'));
    await waitFor(() =>
      expect(messages().join()).toContain(
        '“销售台账”中有 1 行为USD（如第 7 行）：请先填写汇率再计算计划达成',
      ),
    );
    expect(screen.getAllByTestId('plan-message')[0]?.getAttribute('data-intent')).toBe('error');
    expect(wb.model.getSheet('计划达成')).toBeUndefined();
    expect(api.calls.some((c) => c.path === '/plans/2026/progress')).toBe(false);
    // The cursor is put where the answer goes.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('plan-usd-rate')));

    fireEvent.change(screen.getByTestId('plan-usd-rate'), { target: { value: '7.1' } });
    fireEvent.click(button('plan-progress'));
    await waitFor(() => expect(messages().join()).toContain('已写入“计划达成”表'));
    expect(wb.cellView('计划达成', 0, 0).value).toContain('USD汇率 7.1');
  });

  it('cancels a running split and says so, writing nothing', async () => {
    const wb = workbook();
    const signals: AbortSignal[] = [];
    const hanging = ((_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal as AbortSignal;
        signals.push(signal);
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof fetch;
    mount(wb, hanging);
    await ready();
    fireEvent.click(button('plan-preview'));
    await waitFor(() => expect(signals).toHaveLength(1));
    expect(screen.getByTestId('progress-counts').textContent).toBe('已处理 0 / 3 行');
    await act(async () => fireEvent.click(screen.getByTestId('progress-cancel')));
    await waitFor(() => expect(messages()).toEqual(['已取消。']));
    expect(signals[0]?.aborted).toBe(true);
    expect(wb.model.getSheet('月度计划')).toBeUndefined();
  });

  it('offers 重试 and 打开设置 when the service cannot be reached; 重试 runs the failed preview again', async () => {
    const wb = workbook();
    const api = fakePlansApi();
    let down = true;
    const flaky = ((input: RequestInfo | URL, init?: RequestInit) =>
      down ? Promise.reject(new TypeError('Failed to fetch')) : api.impl(input, init)) as typeof fetch;
    const openSettings = jest.fn();
    renderWithApp(<AnnualPlanTab />, { workbook: wb, fetchImpl: flaky, openSettings });
    await ready();
    fireEvent.click(button('plan-preview'));
    const error = await screen.findByTestId('plan-message');
    expect(error.getAttribute('data-intent')).toBe('error');
    expect(screen.queryByTestId('plan-preview-panel')).toBeNull();
    fireEvent.click(within(error).getByTestId('plan-open-settings'));
    expect(openSettings).toHaveBeenCalledTimes(1);

    down = false;
    expect(within(error).getByTestId('plan-retry').textContent).toBe('重试');
    fireEvent.click(within(error).getByTestId('plan-retry'));
    await screen.findByTestId('plan-preview-panel', {}, { timeout: 5000 });
    expect(api.calls.filter((c) => c.path === '/plans/split')).toHaveLength(1);
    expect(screen.queryAllByTestId('plan-retry')).toHaveLength(0);
  });

  it('offers no 重试 after a cancel', async () => {
    const wb = workbook();
    const hanging = ((_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        (init?.signal as AbortSignal).addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      })) as typeof fetch;
    mount(wb, hanging, 'en-US');
    await ready();
    fireEvent.click(button('plan-preview'));
    await screen.findByTestId('progress-cancel');
    await act(async () => fireEvent.click(screen.getByTestId('progress-cancel')));
    await waitFor(() => expect(messages()).toHaveLength(1));
    expect(screen.queryByTestId('plan-retry')).toBeNull();
  });
});
