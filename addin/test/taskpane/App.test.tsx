/** @jest-environment jsdom */
// The whole pane: a tab's work survives switching tabs (its choices, its outcome, a run still going),
// and an error about the service offers to open 设置.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { excelApiSupported } from '../../src/taskpane/requirements';
import { WorkbookModel } from '../../src/workbook/memoryModel';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { jsonResponse } from '../support/response';

type Cell = string | number | null;

const PLAN: Cell[][] = [
  ['2026年度销售计划（单位：万元）'],
  ['产品类别', '片区', '业务员', '年度计划'],
  ['潜水泵', '华东', '张三', 120],
  ['配件', '华东', '张三', 12],
];

function workbook(): MemoryWorkbook {
  const model = new WorkbookModel();
  const s = model.addSheet('年度计划');
  PLAN.forEach((r, i) => s.setRow(i, 0, r));
  model.activeSheet = '年度计划';
  return new MemoryWorkbook(model, { pause: () => Promise.resolve() });
}

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
    key: () => null,
    get length() {
      return m.size;
    },
  };
}

/** A fetch that never answers until aborted, and counts the requests it was given. */
function hangingFetch() {
  const signals: AbortSignal[] = [];
  const impl = ((_url: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      const signal = init?.signal as AbortSignal;
      signals.push(signal);
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    })) as typeof fetch;
  return { impl, signals };
}

const tab = (id: string) => fireEvent.click(screen.getByTestId(`tab-${id}`));

describe('App: switching tabs', () => {
  it('keeps the annual plan’s choices and a running split; its progress is there on return', async () => {
    const fetch = hangingFetch();
    render(
      <App workbook={workbook()} storage={memoryStorage()} fetchImpl={fetch.impl} initialTab="annualPlan" />,
    );
    await screen.findByTestId('plan-unit');
    fireEvent.change(screen.getByTestId('plan-method'), { target: { value: 'even' } });
    await waitFor(() =>
      expect((screen.getByTestId('plan-preview') as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId('plan-preview'));
    await waitFor(() => expect(fetch.signals).toHaveLength(1));
    expect(screen.getByTestId('progress-counts').textContent).toBe('已处理 0 / 2 行');

    tab('settings');
    expect(screen.queryByTestId('annual-plan')).toBeNull();
    // Leaving the tab does not cancel the request.
    expect(fetch.signals[0]?.aborted).toBe(false);

    tab('annualPlan');
    expect(screen.getByTestId('progress-counts').textContent).toBe('已处理 0 / 2 行');
    expect((screen.getByTestId('plan-method') as HTMLSelectElement).value).toBe('even');
    await act(async () => fireEvent.click(screen.getByTestId('progress-cancel')));
    await waitFor(() => expect(screen.getByTestId('plan-message').textContent).toBe('已取消。'));
    expect(fetch.signals[0]?.aborted).toBe(true);
  });

  it('keeps the chosen 年度计划 screen and its messages across tabs', async () => {
    render(<App workbook={workbook()} storage={memoryStorage()} initialTab="annualPlan" />);
    await screen.findByTestId('plan-unit');
    fireEvent.click(screen.getByTestId('plan-view-progress'));
    expect(screen.getByTestId('plan-view-progress').getAttribute('aria-selected')).toBe('true');
    tab('priceCheck');
    tab('annualPlan');
    expect(screen.getByTestId('plan-view-progress').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('plan-progress')).toBeTruthy();
  });

  it('an unreachable service offers 重试 and 打开设置, which opens the 设置 tab', async () => {
    const model = new WorkbookModel();
    const s = model.addSheet('销售台账');
    [
      ['客户名称', '产品型号', '数量', '单价'],
      ['甲', 'QJ-1', 1, 950],
    ].forEach((r, i) => s.setRow(i, 0, r));
    model.activeSheet = '销售台账';
    const wb = new MemoryWorkbook(model, { pause: () => Promise.resolve() });
    const down = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    render(<App workbook={wb} storage={memoryStorage()} fetchImpl={down} initialTab="priceCheck" />);
    const run = await screen.findByTestId('price-run');
    await waitFor(() => expect((run as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(run);
    const error = await screen.findByTestId('price-error');
    // One title, not the title and then the same words again.
    expect(within(error).queryAllByText(/^价格检查未完成$/)).toHaveLength(0);
    expect(error.textContent?.match(/价格检查未完成/g)).toHaveLength(1);
    expect(within(error).getByTestId('price-retry')).toBeTruthy();
    fireEvent.click(within(error).getByTestId('price-open-settings'));
    expect(screen.getByTestId('settings-api')).toBeTruthy();
    tab('priceCheck');
    // The failure is still there on return.
    expect(screen.getByTestId('price-error')).toBeTruthy();
  });

  it('年度计划: an unreachable service offers 打开设置', async () => {
    const down = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    render(<App workbook={workbook()} storage={memoryStorage()} fetchImpl={down} initialTab="annualPlan" />);
    await screen.findByTestId('plan-unit');
    fireEvent.change(screen.getByTestId('plan-method'), { target: { value: 'even' } });
    await waitFor(() =>
      expect((screen.getByTestId('plan-preview') as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId('plan-preview'));
    fireEvent.click(await screen.findByTestId('plan-open-settings'));
    expect(screen.getByTestId('settings-api')).toBeTruthy();
  });

  it('设置 → 测试连接 tests the address typed in the box, not the saved one', async () => {
    const asked: string[] = [];
    // Only the saved (default) address answers; the typed one is wrong.
    const fetchImpl = (async (input: RequestInfo | URL) => {
      const url = String(input);
      asked.push(url);
      if (!url.startsWith('http://localhost:7071/api')) throw new TypeError('Failed to fetch');
      return jsonResponse(200, { status: 'ok', version: '1.0.0', storage: 'ok' });
    }) as typeof fetch;
    render(<App workbook={null} storage={memoryStorage()} fetchImpl={fetchImpl} initialTab="settings" />);
    fireEvent.change(screen.getByTestId('settings-api'), { target: { value: 'http://wrong.example/api' } });
    fireEvent.click(screen.getByTestId('settings-test'));
    const check = await screen.findByTestId('settings-check');
    expect(asked).toEqual(['http://wrong.example/api/health']);
    expect(check.textContent).toContain('无法连接服务 http://wrong.example/api');
    // The hint says what the address is in plain words.
    expect(screen.getByText(/价格政策、年度计划都保存在公司的 SalesDesk 服务上/)).toBeTruthy();
  });

  it('tells users of an Excel older than ExcelApi 1.13 plainly, in their language', () => {
    const asked: [string, string | undefined][] = [];
    const old = {
      isSetSupported: (name: string, v?: string) => {
        asked.push([name, v]);
        return false;
      },
    };
    expect(excelApiSupported(old)).toBe(false);
    expect(asked).toEqual([['ExcelApi', '1.13']]);
    expect(excelApiSupported({ isSetSupported: () => true })).toBe(true);
    render(<App workbook={null} storage={memoryStorage()} excelApiSupported={false} queryLanguage="en-US" />);
    expect(screen.getByTestId('old-excel').textContent).toContain(
      'This Excel is too old: SalesDesk needs Excel API 1.13',
    );
    expect(screen.getByTestId('help-link').getAttribute('href')).toBe('help.html');
  });

  it('says nothing about the Excel version when it is new enough', () => {
    render(<App workbook={null} storage={memoryStorage()} excelApiSupported />);
    expect(screen.queryByTestId('old-excel')).toBeNull();
  });
});
