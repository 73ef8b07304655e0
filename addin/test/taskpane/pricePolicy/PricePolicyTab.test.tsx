/** @jest-environment jsdom */
// The 价格政策 tab over a MemoryWorkbook and a fake API: read & check, problems with jump-to-cell,
// the difference against the published version, publish with If-Match, 412 and 403 explained.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createApiClient } from '../../../src/api/client';
import type { Locale } from '../../../src/i18n/locale';
import { readPolicySheet } from '../../../src/pricePolicy';
import type { SheetGrid } from '../../../src/sheets';
import { AppContext, makeTranslator, type AppServices } from '../../../src/taskpane/AppContext';
import { openSession } from '../../../src/taskpane/signIn/session';
import { PricePolicyTab } from '../../../src/taskpane/pricePolicy/PricePolicyTab';
import { defaultSettings } from '../../../src/taskpane/settings/userSettings';
import { cellKey, WorkbookModel } from '../../../src/workbook/memoryModel';
import { MemoryWorkbook } from '../../../src/workbook/memoryWorkbook';
import { DEFAULT_PRODUCTS, policyGrid, type PolicyGridParts } from '../../pricePolicy/policyGrid';
import { FakePolicyApi } from './fakePolicyApi';

const immediate = () => Promise.resolve();

/** A workbook with a sales ledger first (so the default choice matters) and the policy sheet. */
function workbookWith(grid: SheetGrid, name = grid.name): MemoryWorkbook {
  const model = new WorkbookModel();
  model.addSheet('销售台账').setRow(0, 0, ['日期', '合同号', '客户名称', '产品型号', '数量', '单价']);
  const sheet = model.addSheet(name);
  grid.values.forEach((row, r) =>
    sheet.setRow(
      r,
      0,
      row.map((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null)),
    ),
  );
  grid.numberFormats?.forEach((row, r) =>
    row.forEach((f, c) => f !== 'General' && sheet.numberFormats.set(cellKey(r, c), f)),
  );
  model.activeSheet = '销售台账';
  return new MemoryWorkbook(model, { pause: immediate });
}

function renderTab(workbook: MemoryWorkbook, api: FakePolicyApi, locale: Locale = 'zh-CN') {
  const services: AppServices = {
    locale,
    t: makeTranslator(locale),
    api: createApiClient({ baseUrl: 'http://api.test/api', fetch: api.fetch }),
    settings: defaultSettings,
    updateSettings: () => undefined,
    signIn: openSession,
    can: () => true,
    workbook,
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <AppContext.Provider value={services}>
        <PricePolicyTab />
      </AppContext.Provider>
    </FluentProvider>,
  );
}

const publishButton = () => screen.getByTestId('policy-publish') as HTMLButtonElement;

async function readDone() {
  await screen.findByTestId('policy-read-summary');
  await screen.findByTestId('policy-published-info');
}

const sheetPolicy = (parts?: PolicyGridParts) => readPolicySheet(policyGrid(parts)).policy;

describe('PricePolicyTab', () => {
  it('reads the 价格政策 sheet, shows a first publish and publishes it with If-None-Match: *', async () => {
    const api = new FakePolicyApi();
    renderTab(workbookWith(policyGrid()), api);
    await readDone();
    expect((screen.getByTestId('policy-sheet') as HTMLSelectElement).value).toBe('价格政策');
    expect(screen.getByTestId('policy-read-summary').textContent).toContain('读到 2 个型号');
    expect(screen.getByTestId('policy-problem-count').textContent).toBe('没有发现问题');
    expect(screen.getByTestId('policy-published-info').textContent).toContain('尚未发布价格政策');
    expect(screen.getByTestId('policy-diff').textContent).toContain('首次发布');

    await waitFor(() => expect(publishButton().disabled).toBe(false));
    fireEvent.click(publishButton());
    fireEvent.click(screen.getByTestId('policy-confirm-go'));
    expect((await screen.findByTestId('policy-publish-result')).textContent).toContain('已发布第 1 版');

    const put = api.calls.find((c) => c.method === 'PUT');
    expect(put?.headers['if-none-match']).toBe('*');
    expect(put?.headers['if-match']).toBeUndefined();
    expect(put?.body).toEqual(sheetPolicy());
    await waitFor(() => expect(screen.getAllByTestId('policy-version')).toHaveLength(1));
    expect(screen.getByTestId('policy-published-info').textContent).toContain(
      '第 1 版，2026-01-01 起生效，由 Local developer',
    );
    // Published and unchanged since: nothing more to publish.
    await waitFor(() => expect(publishButton().disabled).toBe(true));
    expect(screen.getByTestId('policy-publish-hint').textContent).toBe('没有差异，无需发布');
  });

  it('lists problems with jump-to-cell and keeps Publish disabled while there are errors', async () => {
    const api = new FakePolicyApi();
    const workbook = workbookWith(policyGrid({ products: [['X-1', '', '', '', 1000, 1200, '']], rules: [] }));
    const select = jest.spyOn(workbook, 'selectCell');
    renderTab(workbook, api, 'en-US');
    await readDone();
    expect(screen.getByTestId('policy-problem-count').textContent).toBe('1 error(s), 0 warning(s)');
    const item = within(screen.getByTestId('policy-errors')).getByTestId('problem-item');
    expect(item.getAttribute('data-cell')).toBe('价格政策!F6');
    expect(item.textContent).toContain('above the list price');
    fireEvent.click(item);
    await waitFor(() => expect(select).toHaveBeenCalledWith('价格政策', 'F6'));
    expect(publishButton().disabled).toBe(true);
    expect(screen.getByTestId('policy-publish-hint').textContent).toBe(
      'Correct the errors before publishing',
    );
    expect(api.calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('shows sheet-wide problems without a cell', async () => {
    renderTab(workbookWith(policyGrid({ settings: null })), new FakePolicyApi());
    await readDone();
    expect(screen.getByTestId('policy-sheet-problems').textContent).toContain('生效日期');
  });

  it('shows the difference against the published version and publishes with If-Match', async () => {
    const api = new FakePolicyApi();
    api.publishAs(
      sheetPolicy({ products: [...DEFAULT_PRODUCTS, ['OLD-1', '旧型号', '配件', '只', 100, 80, '']] }),
      '王部长',
    );
    const changed = [
      ['QJ200-50', '井用潜水泵', '潜水泵', '台', 18000, 13020, ''],
      DEFAULT_PRODUCTS[1]!,
      ['NEW-1', '新型号', '配件', '只', 200, 150, ''],
    ];
    const workbook = workbookWith(policyGrid({ products: changed }));
    const select = jest.spyOn(workbook, 'selectCell');
    renderTab(workbook, api);
    await readDone();
    expect(screen.getByTestId('policy-published-info').textContent).toBe(
      '第 1 版，2026-01-01 起生效，由 王部长 于 2026-03-05 10:20（北京时间）发布',
    );
    const products = screen.getByTestId('policy-diff-products');
    expect(products.querySelector('[data-change="added"]')?.textContent).toContain('NEW-1');
    expect(products.querySelector('[data-change="changed"]')?.textContent).toContain('指导价 18600 → 18000');
    expect(products.querySelector('[data-change="removed"]')?.textContent).toContain('OLD-1');
    expect(screen.getByTestId('policy-diff-summary').textContent).toContain('型号新增 1、修改 1、删除 1');

    fireEvent.click(within(products).getByText('NEW-1'));
    await waitFor(() => expect(select).toHaveBeenCalledWith('价格政策', 'A8'));

    await waitFor(() => expect(publishButton().disabled).toBe(false));
    fireEvent.click(publishButton());
    fireEvent.click(screen.getByTestId('policy-confirm-go'));
    await screen.findByTestId('policy-publish-result');
    expect(api.calls.find((c) => c.method === 'PUT')?.headers['if-match']).toBe('"policy-v1"');
    expect(api.versions).toHaveLength(2);
  });

  it('shows 返点 tiers and 信用额度 read from the sheet and what changed in them, and publishes them', async () => {
    const api = new FakePolicyApi();
    // The published version predates the blocks (an old policy without the fields).
    api.publishAs(sheetPolicy(), '王部长');
    const workbook = workbookWith(
      policyGrid({
        settings: ['增值税率', '13%', '生效日期', '2026-01-01', '超期预警天数', 60],
        rebates: [
          ['经销商', '老客户', 1000000, '2%'],
          ['全部', '', 500000, '1%'],
        ],
        credit: [['华东水务', '', 200000]],
      }),
    );
    const select = jest.spyOn(workbook, 'selectCell');
    renderTab(workbook, api);
    await readDone();
    expect(screen.getByTestId('policy-read-blocks').textContent).toBe(
      '返点政策 2 档；信用额度 1 个客户；超期预警 60 天',
    );
    const tiers = screen.getByTestId('policy-diff-rebateTiers');
    expect([...tiers.querySelectorAll('[data-change="added"]')].map((e) => e.textContent)).toEqual([
      '新增 经销商|老客户|1000000.00',
      '新增 全部|全部|500000.00',
    ]);
    expect(screen.getByTestId('policy-diff-creditLimits').textContent).toContain('华东水务|CNY');
    expect(screen.getByTestId('policy-diff-settings').textContent).toContain('超期预警天数 （空） → 60');
    // Row 20 is the first tier (the default grid's rule ends on row 16; a blank row, marker, header).
    fireEvent.click(within(tiers).getByText('经销商|老客户|1000000.00'));
    await waitFor(() => expect(select).toHaveBeenCalledWith('价格政策', 'C20'));

    await waitFor(() => expect(publishButton().disabled).toBe(false));
    fireEvent.click(publishButton());
    fireEvent.click(screen.getByTestId('policy-confirm-go'));
    await screen.findByTestId('policy-publish-result');
    const put = api.calls.find((c) => c.method === 'PUT')?.body as {
      rebateTiers?: unknown[];
      credit?: unknown;
    };
    expect(put.rebateTiers).toEqual([
      { customerClass: '经销商', newCustomer: false, threshold: '1000000.00', rate: '0.02' },
      { threshold: '500000.00', rate: '0.01' },
    ]);
    expect(put.credit).toEqual({
      maxDays: 60,
      limits: [{ customer: '华东水务', currency: 'CNY', limit: '200000.00' }],
    });
  });

  it('explains a publish by someone else (412) and recovers with Reload', async () => {
    const api = new FakePolicyApi();
    api.publishAs(sheetPolicy({ products: [DEFAULT_PRODUCTS[0]!] }), '王部长');
    renderTab(workbookWith(policyGrid()), api, 'en-US');
    await readDone();
    await waitFor(() => expect(publishButton().disabled).toBe(false));
    // Meanwhile another head publishes version 2.
    api.publishAs(sheetPolicy({ products: [DEFAULT_PRODUCTS[1]!] }), '赵部长', '2026-03-05T06:00:00.000Z');
    fireEvent.click(publishButton());
    fireEvent.click(screen.getByTestId('policy-confirm-go'));
    const conflict = await screen.findByTestId('policy-conflict');
    expect(conflict.textContent).toContain(
      '赵部长 published version 2 at 2026-03-05 14:00 (China time) after the one you compared with — reload and compare again.',
    );
    expect(api.versions).toHaveLength(2);

    fireEvent.click(screen.getByTestId('policy-reload'));
    await waitFor(() =>
      expect(screen.getByTestId('policy-published-info').textContent).toContain('Version 2'),
    );
    expect(screen.queryByTestId('policy-conflict')).toBeNull();
    await waitFor(() => expect(publishButton().disabled).toBe(false));
    fireEvent.click(publishButton());
    fireEvent.click(screen.getByTestId('policy-confirm-go'));
    await screen.findByTestId('policy-publish-result');
    expect(api.calls.filter((c) => c.method === 'PUT').map((c) => c.headers['if-match'])).toEqual([
      '"policy-v1"',
      '"policy-v2"',
    ]);
    expect(api.versions).toHaveLength(3);
  });

  it('says only the sales head may publish on 403', async () => {
    const api = new FakePolicyApi();
    api.putStatus = 403;
    renderTab(workbookWith(policyGrid()), api);
    await readDone();
    await waitFor(() => expect(publishButton().disabled).toBe(false));
    fireEvent.click(publishButton());
    fireEvent.click(screen.getByTestId('policy-confirm-go'));
    expect((await screen.findByTestId('policy-forbidden')).textContent).toBe(
      '只有销售部部长可以发布价格政策',
    );
  });

  it('finds a policy sheet by its block markers when it is not named 价格政策', async () => {
    renderTab(workbookWith(policyGrid(), '2026政策'), new FakePolicyApi());
    await readDone();
    expect((screen.getByTestId('policy-sheet') as HTMLSelectElement).value).toBe('2026政策');
  });

  it('lists the versions, newest first, with their summaries', async () => {
    const api = new FakePolicyApi();
    api.publishAs(sheetPolicy(), '王部长', '2026-01-02T00:00:00.000Z');
    api.publishAs(sheetPolicy({ products: [DEFAULT_PRODUCTS[0]!] }), '赵部长', '2026-02-02T00:00:00.000Z');
    renderTab(workbookWith(policyGrid()), api, 'en-US');
    await readDone();
    const items = await screen.findAllByTestId('policy-version');
    expect(items.map((i) => i.textContent)).toEqual([
      'Version 2 · from 2026-01-01 · 赵部长 · 2026-02-02 08:00 · currentversion 2',
      // An earlier version can be made current again.
      'Version 1 · from 2026-01-01 · 王部长 · 2026-01-02 08:00version 1Re-publish as current',
    ]);
  });

  it('says when the API cannot be reached', async () => {
    const api = new FakePolicyApi();
    const failing = Object.assign(Object.create(api) as FakePolicyApi, {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    renderTab(workbookWith(policyGrid()), failing, 'en-US');
    expect((await screen.findByTestId('policy-published-error')).textContent).toContain(
      'Cannot reach http://api.test/api',
    );
    expect(publishButton().disabled).toBe(true);
  });

  it('asks before publishing: the changes, the 生效日期, and a warning when orders already judged are re-judged', async () => {
    const api = new FakePolicyApi();
    api.publishAs(sheetPolicy({ settings: ['增值税率', '13%', '生效日期', '2099-01-01'] }), '王部长');
    // The sheet's new version takes effect before the current one's date, and before today.
    const parts = {
      products: [DEFAULT_PRODUCTS[0]!],
      settings: ['增值税率', '13%', '生效日期', '2026-01-01'],
    };
    renderTab(workbookWith(policyGrid(parts)), api);
    await readDone();
    await waitFor(() => expect(publishButton().disabled).toBe(false));
    fireEvent.click(publishButton());
    // Nothing is sent before the confirmation.
    expect(api.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    const confirm = screen.getByTestId('policy-confirm');
    expect(screen.getByTestId('policy-confirm-text').textContent).toMatch(
      /^发布为第 2 版，2026-01-01 起生效。变化：.+/,
    );
    const warnings = within(confirm)
      .getAllByTestId('policy-confirm-warning')
      .map((w) => w.textContent);
    expect(warnings[0]).toContain('生效日期 2026-01-01 早于今天');
    expect(warnings[1]).toContain('此版本只管 2026-01-01 至 2098-12-31 的订单，2099-01-01 起仍按第 1 版判定');
    fireEvent.click(screen.getByTestId('policy-confirm-cancel'));
    expect(screen.queryByTestId('policy-confirm')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('re-publishes an earlier version as the current one, from a date the head confirms', async () => {
    const api = new FakePolicyApi();
    const first = sheetPolicy();
    api.publishAs(first, '王部长');
    api.publishAs(
      sheetPolicy({
        products: [DEFAULT_PRODUCTS[1]!],
        settings: ['增值税率', '13%', '生效日期', '2026-02-01'],
      }),
      '王部长',
    );
    renderTab(workbookWith(policyGrid()), api);
    await readDone();
    await waitFor(() => expect(screen.getAllByTestId('policy-version')).toHaveLength(2));
    // The current version has no such button; the earlier one has.
    expect(screen.queryByTestId('policy-revert-2')).toBeNull();
    fireEvent.click(screen.getByTestId('policy-revert-1'));
    await screen.findByTestId('policy-confirm');
    expect(screen.getByTestId('policy-confirm-text').textContent).toContain(
      '把第 1 版的内容重新发布为第 3 版（当前版本）',
    );
    const date = screen.getByTestId('policy-confirm-date') as HTMLInputElement;
    // Proposed: today (China), never before the current version's date, so it takes over from now.
    expect(date.value >= '2026-02-01').toBe(true);
    fireEvent.change(date, { target: { value: '2026-01-15' } });
    expect(screen.getAllByTestId('policy-confirm-warning')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('policy-confirm-go'));
    expect((await screen.findByTestId('policy-publish-result')).textContent).toContain('已发布第 3 版');
    const put = api.calls.filter((c) => c.method === 'PUT');
    expect(put).toHaveLength(1);
    expect(put[0]?.headers['if-match']).toBe('"policy-v2"');
    expect(put[0]?.body).toEqual({ ...first, effectiveDate: '2026-01-15' });
    expect(api.calls.some((c) => c.method === 'GET' && c.path === '/price-policy/versions/1')).toBe(true);
  });

  it('in a workbook without a policy sheet, inserts a 价格政策 template into a new sheet and reads it', async () => {
    const api = new FakePolicyApi();
    const model = new WorkbookModel();
    model.addSheet('Sheet1').setRow(0, 0, ['备忘']);
    model.activeSheet = 'Sheet1';
    const wb = new MemoryWorkbook(model, { pause: () => Promise.resolve() });
    renderTab(wb, api);
    const empty = await screen.findByTestId('sheet-empty-pricePolicy');
    expect(empty.textContent).toContain('没有找到价格政策工作表');
    fireEvent.click(within(empty).getByTestId('insert-template-pricePolicy'));
    await waitFor(() =>
      expect((screen.getByTestId('policy-sheet') as HTMLSelectElement).value).toBe('价格政策'),
    );
    expect(wb.cellView('Sheet1', 0, 0).value).toBe('备忘');
    expect(wb.cellView('价格政策', 3, 0).value).toBe('【产品价格】');
    await screen.findByTestId('policy-read-summary');
    expect(screen.queryByTestId('sheet-empty-pricePolicy')).toBeNull();
  });
});
