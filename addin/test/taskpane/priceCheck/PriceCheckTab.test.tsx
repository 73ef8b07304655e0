/** @jest-environment jsdom */
// The 价格检查 tab over a MemoryWorkbook and a fake validate API: run → columns, colours and result
// sheet; API failure → a clear error and nothing written; cancel → nothing written; a corrected
// mapping remembered in the workbook.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PriceCheckTab } from '../../../src/taskpane/priceCheck/PriceCheckTab';
import { RESULTS_NAME } from '../../../src/workbook/ownership';
import type { MemoryWorkbook } from '../../../src/workbook/memoryWorkbook';
import {
  creditReport,
  fakeFetch,
  HEADERS,
  row,
  SHEET,
  smallLedger,
  workbookOf,
  type Cell,
} from '../../priceCheck/support';
import { API_BASE, renderWithApp } from '../common/renderWithApp';

const NOTES: Cell[][] = [['使用说明']];

function setup(values: Cell[][] = smallLedger(), fetchOptions: Parameters<typeof fakeFetch>[0] = {}) {
  const wb = workbookOf({ 说明: NOTES, [SHEET]: values }, '说明');
  const fetch = fakeFetch(fetchOptions);
  return { wb, fetch };
}

function mount(wb: MemoryWorkbook | null, fetchImpl?: typeof fetch, locale?: 'en-US') {
  return renderWithApp(<PriceCheckTab />, { workbook: wb, fetchImpl, locale });
}

const runButton = () => screen.getByTestId('price-run') as HTMLButtonElement;

async function ready() {
  await screen.findByTestId('column-mapping');
  await waitFor(() => expect((screen.getByTestId('sheet-picker') as HTMLSelectElement).value).toBe(SHEET));
}

function untouched(wb: MemoryWorkbook) {
  const s = wb.model.getSheet(SHEET);
  expect(s?.usedRect()?.colCount).toBe(HEADERS.length);
  expect(s?.names.has(RESULTS_NAME)).toBe(false);
  expect(s?.conditionalFormats).toEqual([]);
  expect(wb.model.sheets.map((x) => x.name)).toEqual(['说明', SHEET]);
}

describe('PriceCheckTab', () => {
  it('says to open Excel or the preview when there is no workbook', () => {
    mount(null);
    expect(screen.getByTestId('price-no-workbook').textContent).toContain('请在 Excel 中打开此加载项');
  });

  it('finds the ledger, runs, writes columns, colours and the result sheet, and lists the problems', async () => {
    const { wb, fetch } = setup();
    mount(wb, fetch.impl);
    await ready();
    expect(runButton().disabled).toBe(false);
    fireEvent.click(runButton());
    await screen.findByTestId('price-done', {}, { timeout: 5000 });
    expect(fetch.bodies).toHaveLength(1);
    expect(fetch.bodies[0]?.url).toBe(`${API_BASE}/prices/validate?detail=compact`);

    expect(screen.getByTestId('price-done').textContent).toContain('结果写在 L–N 列和工作表“价格检查结果”');
    expect(screen.getByTestId('price-done').textContent).toContain('跳过 1 个小计行、1 个合计行、1 个空行');
    const count = (s: string) => screen.getByTestId(`summary-${s}`).textContent;
    expect([
      count('ok'),
      count('needs_approval'),
      count('below_floor'),
      count('invalid'),
      count('unreadable'),
    ]).toEqual(['1', '1', '2', '1', '1']);

    // written: headers, statuses, colours; the source cells as they were
    expect(wb.cellView(SHEET, 2, 11).value).toBe('【SalesDesk】价格状态');
    expect(wb.cellView(SHEET, 4, 11).value).toBe('需审批');
    expect(wb.cellView(SHEET, 4, 0).fill).toBe('#FFEB9C');
    expect(wb.cellView(SHEET, 7, 0).fill).toBe('#FFC7CE');
    expect(wb.cellView(SHEET, 8, 8)).toMatchObject({ value: '#N/A', fill: '#D9D9D9' });
    expect(wb.model.getSheet('价格检查结果')?.tables).toHaveLength(2);

    // the list: flagged and unreadable rows, each a jump to its cell
    const list = screen.getByTestId('price-problems');
    const items = within(list).getAllByTestId('problem-item');
    expect(items.map((i) => i.getAttribute('data-cell'))).toEqual([
      `${SHEET}!I5`,
      `${SHEET}!I8`,
      `${SHEET}!I9`,
      `${SHEET}!I10`,
      `${SHEET}!I11`,
    ]);
    expect(items[2]?.textContent).toContain('第 9 行无法读取');
    fireEvent.click(items[1]!);
    await waitFor(() => expect(wb.model.selection).toEqual({ sheet: SHEET, address: 'I8' }));
    expect(runButton().textContent).toBe('重新检查');
  });

  it('marks the customers the latest month-end report flags, apart from the price results', async () => {
    const flag = {
      customer: '杭州钱江水泵经销有限公司',
      currency: 'CNY' as const,
      closing: '612300.00',
      overLimit: { limit: '500000.00', over: '112300.00' },
      overdue: null,
      message: { 'zh-CN': '信用预警', 'en-US': 'Credit warning' },
    };
    const { wb, fetch } = setup(smallLedger(), { monthEnd: [creditReport('2026-05', [flag])] });
    mount(wb, fetch.impl);
    await ready();
    fireEvent.click(runButton());
    await screen.findByTestId('price-done', {}, { timeout: 5000 });
    const credit = screen.getByTestId('price-credit');
    expect(credit.textContent).toContain('信用预警（截至 2026-05 月末）：6 行，价格判定不变');
    const items = within(credit).getAllByTestId('problem-item');
    expect(items).toHaveLength(6);
    expect(items[0]?.textContent).toContain(
      '销售台账 第 4 行（杭州钱江水泵经销有限公司）：信用预警（截至 2026-05 月末）：超信用额度：额度 ¥500,000.00 / 余额 ¥612,300.00',
    );
    // the price results are as without the report: counts and rows to look at
    expect(screen.getByTestId('summary-ok').textContent).toBe('1');
    expect(within(screen.getByTestId('price-problems')).getAllByTestId('problem-item')).toHaveLength(5);
    expect(wb.cellView(SHEET, 3, 14).value).toContain('信用预警（截至 2026-05 月末）');
    expect(wb.cellView(SHEET, 3, 11).value).toBe('符合');
  });

  it('says in one line that credit was not checked when there is no month-end report', async () => {
    const { wb, fetch } = setup();
    mount(wb, fetch.impl, 'en-US');
    await ready();
    fireEvent.click(runButton());
    await screen.findByTestId('price-done', {}, { timeout: 5000 });
    expect(screen.getByTestId('price-credit-unchecked').textContent).toBe(
      'Credit not checked: no month-end report yet',
    );
    expect(screen.queryByTestId('price-credit')).toBeNull();
  });

  it('shows a clear error naming the address and the batch when the API fails, and writes nothing', async () => {
    const { wb, fetch } = setup(smallLedger(), { fail: () => 'unreachable' });
    mount(wb, fetch.impl, 'en-US');
    await ready();
    fireEvent.click(runButton());
    const error = await screen.findByTestId('price-error');
    expect(error.getAttribute('data-code')).toBe('api');
    expect(error.textContent).toContain('The price check did not finish');
    expect(error.textContent).toContain('batch 1 of 1 (sheet rows 4–11)');
    expect(error.textContent).toContain(`Cannot reach the service at ${API_BASE}`);
    expect(error.textContent).toContain('Nothing was written to the workbook');
    untouched(wb);
    expect(screen.queryByTestId('price-done')).toBeNull();
  });

  it('writes nothing when cancelled while the API is answering', async () => {
    const { wb } = setup();
    const requests: AbortSignal[] = [];
    const hanging = ((_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal as AbortSignal;
        requests.push(signal);
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof fetch;
    mount(wb, hanging);
    await ready();
    fireEvent.click(runButton());
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(screen.getByTestId('progress-counts').textContent).toBe('已处理 1 / 6 行'); // the unreadable row counts as done: 6 lines, as the done message says
    // Keyboard focus goes to Cancel while it runs (the run button is gone), and comes back after.
    expect(document.activeElement).toBe(screen.getByTestId('progress-cancel'));
    await act(async () => fireEvent.click(screen.getByTestId('progress-cancel')));
    const note = await screen.findByTestId('price-error');
    expect(note.getAttribute('data-code')).toBe('cancelled');
    expect(note.textContent).toBe('已取消价格检查，工作簿没有任何改动。');
    expect(document.activeElement).toBe(runButton());
    expect(requests[0]?.aborted).toBe(true);
    untouched(wb);
  });

  it('asks for a missing column, remembers the correction, and restores it when opened again', async () => {
    const headers = HEADERS.map((h) => (h === '单价' ? '价格' : h));
    const { wb, fetch } = setup([headers, row('A', 'QJ-1', 1, 950), row('B', 'QJ-1', 1, 850)]);
    const first = mount(wb, fetch.impl);
    // no sheet's header fits without help, so the active one is proposed: the person picks the ledger
    await waitFor(() => expect((screen.getByTestId('sheet-picker') as HTMLSelectElement).value).toBe('说明'));
    fireEvent.change(screen.getByTestId('sheet-picker'), { target: { value: SHEET } });
    await ready();
    expect(screen.getByTestId('price-needs-columns').textContent).toContain('请先为“单价”选择列');
    expect(runButton().disabled).toBe(true);
    fireEvent.change(screen.getByTestId('mapping-select-unitPrice'), { target: { value: '8' } });
    expect(runButton().disabled).toBe(false);
    await waitFor(() => expect(wb.model.settings.get(`mapping:salesLedger:${SHEET}`)).toBeDefined());
    first.unmount();

    // opened again: the remembered correction makes the ledger fit, so it is proposed and ready
    mount(wb, fetch.impl);
    await ready();
    await waitFor(() => expect(runButton().disabled).toBe(false));
    fireEvent.click(screen.getByTestId('mapping-toggle'));
    expect((screen.getByTestId('mapping-select-unitPrice') as HTMLSelectElement).value).toBe('8');
    fireEvent.click(runButton());
    await screen.findByTestId('price-done');
    expect(fetch.bodies[0]?.lines.map((l) => l.unitPrice)).toEqual([950, 850]);
    expect(wb.cellView(SHEET, 0, 11).value).toBe('【SalesDesk】价格状态');
    expect(wb.cellView(SHEET, 0, 8).value).toBe('价格'); // the user's header as it was
  });
});
