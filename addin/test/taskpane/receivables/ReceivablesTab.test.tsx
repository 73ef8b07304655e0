/** @jest-environment jsdom */
// The 应收与考核 tab over a MemoryWorkbook and a fake API: the rep picker comes from the receivables
// answer; a rep's statements are written one sheet per customer with A4 set; a typed customer the API
// does not know is named; an error keeps the sheets already written and says so. And the 结账 block:
// disabled with the reason for a clerk, offered to Finance.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ReceivablesTab } from '../../../src/taskpane/receivables/ReceivablesTab';
import { MonthClose } from '../../../src/taskpane/monthEnd/MonthClose';
import { parseCustomerList } from '../../../src/taskpane/receivables/ReceivablesTab';
import { setAuthProvider, staticTokenProvider, noAuth } from '../../../src/auth';
import { MemoryWorkbook } from '../../../src/workbook/memoryWorkbook';
import { WorkbookModel } from '../../../src/workbook/memoryModel';
import { tokenFor } from '../../support/signIn';
import { renderWithApp } from '../common/renderWithApp';
import { jsonResponse as json } from '../../support/response';

const bucket = (label: string) => ({
  label: { 'zh-CN': label, 'en-US': label },
  from: 0,
  to: 30,
  amount: '0.00',
});
const receivables = {
  asOf: '2026-12-31',
  basis: 'shipment',
  basisLabel: { 'zh-CN': '按发货日计账龄', 'en-US': 'aged by ship date' },
  bounds: [30],
  customers: [
    { customer: '华东水务', rep: '张伟' },
    { customer: '北方农机', rep: '张伟' },
    { customer: '西南泵业', rep: '李娜' },
  ],
};
function statement(customer: string) {
  return {
    customer,
    month: '2026-12',
    notes: [],
    statements: [
      {
        customer,
        currency: 'CNY',
        from: '2026-12-01',
        to: '2026-12-31',
        opening: '100.00',
        lines: [],
        totalDebit: '0.00',
        totalCredit: '0.00',
        closing: '100.00',
        aging: [bucket('0-30')],
      },
    ],
  };
}

function fakeApi(fail: Record<string, number> = {}) {
  const calls: string[] = [];
  const impl = (async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    const s = /\/statements\/([^?]+)\?/.exec(url);
    if (s) {
      const customer = decodeURIComponent(s[1]!);
      const status = fail[customer];
      if (status)
        return json(status, {
          error: {
            code: 'x',
            message: { 'zh-CN': `没有客户“${customer}”`, 'en-US': `No customer "${customer}"` },
          },
        });
      return json(200, statement(customer));
    }
    if (/\/receivables\?/.test(url)) {
      const rep = new URL(url).searchParams.get('rep');
      return json(200, {
        ...receivables,
        customers: receivables.customers.filter((c) => !rep || c.rep === rep),
      });
    }
    return json(404, { error: { code: 'not_found', message: 'no' } });
  }) as typeof fetch;
  return { calls, impl };
}

// The fake answers carry only what the tab reads; the answer schemas are tested in test/api.
jest.mock('../../../src/api/answers', () => ({ answerSchemaFor: () => null }));

test('parses a typed customer list', () => {
  expect(parseCustomerList('华东水务、北方农机\n 西南泵业 ,华东水务')).toEqual([
    '华东水务',
    '北方农机',
    '西南泵业',
  ]);
});

test('writes a rep’s statements, one A4 sheet per customer; a typed unknown customer is named', async () => {
  const wb = new MemoryWorkbook(new WorkbookModel(), { pause: () => Promise.resolve() });
  const api = fakeApi({ 没有的客户: 404 });
  renderWithApp(<ReceivablesTab />, { workbook: wb, fetchImpl: api.impl });
  fireEvent.change(screen.getByTestId('recv-month'), { target: { value: '2026-12' } });
  await waitFor(() => expect(screen.getByRole('option', { name: '张伟' })).toBeTruthy());
  fireEvent.change(screen.getByTestId('recv-rep'), { target: { value: '张伟' } });
  fireEvent.click(screen.getByTestId('recv-write-statements'));
  await waitFor(() => expect(screen.getByTestId('recv-done').textContent).toContain('2 张 2026-12 对账单'));
  expect(wb.model.sheets.map((s) => s.name)).toEqual(['对账单-华东水务', '对账单-北方农机']);
  // Focus comes back to the button that started the job.
  await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('recv-write-statements')));
  expect(wb.model.getSheet('对账单-北方农机')?.pageLayout).toMatchObject({
    paper: 'A4',
    orientation: 'portrait',
  });

  fireEvent.click(screen.getByTestId('recv-who-list'));
  fireEvent.change(screen.getByTestId('recv-customers'), { target: { value: '没有的客户、西南泵业' } });
  fireEvent.click(screen.getByTestId('recv-write-statements'));
  await waitFor(() =>
    expect(screen.getByTestId('recv-missing').textContent).toContain('没有客户“没有的客户”'),
  );
  expect(screen.getByTestId('recv-done').textContent).toContain('对账单-西南泵业');
});

test('an API failure midway keeps the sheets already written and names them', async () => {
  const wb = new MemoryWorkbook(new WorkbookModel(), { pause: () => Promise.resolve() });
  const api = fakeApi({ 北方农机: 500 });
  renderWithApp(<ReceivablesTab />, { workbook: wb, fetchImpl: api.impl });
  fireEvent.change(screen.getByTestId('recv-month'), { target: { value: '2026-12' } });
  fireEvent.click(screen.getByTestId('recv-who-list'));
  fireEvent.change(screen.getByTestId('recv-customers'), {
    target: { value: '华东水务\n北方农机\n西南泵业' },
  });
  fireEvent.click(screen.getByTestId('recv-write-statements'));
  const error = await screen.findByTestId('recv-error');
  expect(error.getAttribute('data-code')).toBe('api');
  expect(error.textContent).toContain('已写好的工作表保留：“对账单-华东水务”');
  expect(wb.model.sheets.map((s) => s.name)).toEqual(['对账单-华东水务']);
});

describe('结账 block', () => {
  const monthsApi = (async () => json(200, { months: [] })) as typeof fetch;
  afterEach(() => setAuthProvider(noAuth));

  test('a clerk sees 结账 disabled and why', async () => {
    setAuthProvider(staticTokenProvider(tokenFor('张内勤', ['Sales.Clerk'])));
    renderWithApp(<MonthClose month="2026-04" />, { workbook: null, fetchImpl: monthsApi });
    await screen.findByTestId('month-state');
    expect((screen.getByTestId('month-close-button') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('month-close-not-allowed').textContent).toContain('只有财务（Finance）');
  });

  test('Finance may close', async () => {
    setAuthProvider(staticTokenProvider(tokenFor('王会计', ['Finance'])));
    renderWithApp(<MonthClose month="2026-04" />, { workbook: null, fetchImpl: monthsApi });
    await screen.findByTestId('month-state');
    expect((screen.getByTestId('month-close-button') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByTestId('month-close-not-allowed')).toBeNull();
  });
});
