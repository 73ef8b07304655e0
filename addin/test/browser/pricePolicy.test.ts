// The 价格政策 tab in real Chromium, as the sales head would use it without Excel: the preview opens
// the sample workbook, the pane reads and checks the 价格政策 sheet, compares it with what the real
// Functions dev host (on a real, in-memory, empty Azurite) has published and publishes it. Then the
// head edits the sheet: a changed list price shows as a changed model and publishes as version 2;
// two rules made to tie are flagged on both rows and block publishing.

import { join } from 'path';
import type { Page } from 'playwright-core';
import { SHOTS, setUpBrowserStack } from '../../devtools/browser/stack';

jest.setTimeout(120_000);

const POLICY = '价格政策';

const stack = setUpBrowserStack();

async function openPolicyTab() {
  const { page, errors } = await stack.openPreview({
    expected404: `${stack.apiBaseUrl}/price-policy`,
    height: 900,
  });
  await page.getByTestId('tab-pricePolicy').click();
  await page.getByTestId('price-policy-tab').waitFor();
  return { page, errors };
}

/** Where a block's header is on the policy sheet: its row and each header's column (0-based). */
function findHeader(page: Page, firstHeader: string) {
  return page.evaluate(
    ({ sheet, firstHeader }) => {
      const wb = window.__salesdeskPreview!.workbook;
      for (let r = 0; r < 200; r++) {
        for (let c = 0; c < 20; c++) {
          if (wb.cellView(sheet, r, c).value !== firstHeader) continue;
          const columns: Record<string, number> = {};
          for (let cc = c; cc < c + 20; cc++) {
            const v = wb.cellView(sheet, r, cc).value;
            if (typeof v === 'string' && v.trim()) columns[v.trim()] = cc;
          }
          return { row: r, columns };
        }
      }
      throw new Error(`no header ${firstHeader} on ${sheet}`);
    },
    { sheet: POLICY, firstHeader },
  );
}

function cell(page: Page, row: number, col: number) {
  return page.evaluate(
    ({ sheet, row, col }) => window.__salesdeskPreview!.workbook.cellView(sheet, row, col).value ?? null,
    { sheet: POLICY, row, col },
  );
}

/**
 * Types values into the policy sheet, as the head would in Excel. MemoryWorkbook has no public
 * "set a cell" (the pane never edits the user's cells), so this writes through its model and then
 * selects the last edited cell with the public selectCell, which notifies the grid's subscribers.
 */
function typeCells(
  page: Page,
  edits: { row: number; col: number; value: string | number | boolean | null }[],
) {
  return page.evaluate(
    async ({ sheet, edits }) => {
      const wb = window.__salesdeskPreview!.workbook;
      const model = wb.model.getSheet(sheet)!;
      for (const e of edits) model.setValue(e.row, e.col, e.value);
      const last = edits[edits.length - 1]!;
      await wb.selectCell(sheet, `${String.fromCharCode(65 + last.col)}${last.row + 1}`);
    },
    { sheet: POLICY, edits },
  );
}

/** Clicks 读取并检查 and waits until the read it asked for has been shown. */
async function readAndCheck(page: Page) {
  const button = page.getByTestId('policy-read');
  await button.click();
  await page.waitForFunction(() => {
    const b = document.querySelector<HTMLButtonElement>('[data-testid="policy-read"]');
    return b !== null && !b.disabled && b.textContent === '读取并检查';
  });
  await page.getByTestId('policy-problem-count').waitFor();
}

async function publishAndWait(page: Page, version: number) {
  const publish = page.getByTestId('policy-publish');
  await expect(publish.isEnabled()).resolves.toBe(true);
  await publish.click();
  // 发布 asks first, with the changes and the 生效日期.
  await expect(page.getByTestId('policy-confirm-text').textContent()).resolves.toContain(`第 ${version} 版`);
  await page.screenshot({ path: join(SHOTS, 'price-policy-confirm.png') });
  await page.getByTestId('policy-confirm-go').click();
  const result = page.getByTestId('policy-publish-result');
  await result.waitFor({ timeout: 30_000 });
  expect(await result.textContent()).toContain(`已发布第 ${version} 版`);
  await page
    .getByTestId('policy-published-info')
    .filter({ hasText: `第 ${version} 版` })
    .waitFor({ timeout: 30_000 });
  await page
    .getByTestId('policy-version')
    .nth(version - 1)
    .waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('policy-version').count()).toBe(version);
}

test('publishes the sample policy as version 1, a changed list price as version 2, and refuses two tied rules', async () => {
  const { page, errors } = await openPolicyTab();

  // The pane finds the policy sheet on its own and nothing is published yet.
  await page.waitForFunction(
    (sheet) => document.querySelector<HTMLSelectElement>('[data-testid="policy-sheet"]')?.value === sheet,
    POLICY,
  );
  await page
    .getByTestId('policy-published-info')
    .filter({ hasText: '尚未发布价格政策' })
    .waitFor({ timeout: 30_000 });
  await page.getByTestId('policy-versions').getByText('暂无版本').waitFor();

  // Read and check: the sample is clean, so the first publish is allowed.
  await readAndCheck(page);
  expect(await page.getByTestId('policy-problem-count').textContent()).toBe('没有发现问题');
  expect(await page.getByTestId('policy-errors').count()).toBe(0);
  expect(await page.getByTestId('policy-read-summary').textContent()).toContain('13%');
  await expect(page.getByTestId('policy-diff').textContent()).resolves.toContain('首次发布');
  await publishAndWait(page, 1);
  expect(await page.getByTestId('policy-published-info').textContent()).toContain('2026-01-01 起生效');
  // Published and sheet now agree: nothing more to publish.
  await expect(page.getByTestId('policy-publish').isDisabled()).resolves.toBe(true);

  // The head raises one model's list price by 1,000 yuan.
  const products = await findHeader(page, '产品型号');
  const listCol = products.columns['指导价']!;
  const modelRow = products.row + 1;
  const model = await cell(page, modelRow, products.columns['产品型号']!);
  const oldPrice = await cell(page, modelRow, listCol);
  expect(typeof model).toBe('string');
  expect(typeof oldPrice).toBe('number');
  await typeCells(page, [{ row: modelRow, col: listCol, value: (oldPrice as number) + 1000 }]);
  expect(await cell(page, modelRow, listCol)).toBe((oldPrice as number) + 1000);

  await readAndCheck(page);
  expect(await page.getByTestId('policy-problem-count').textContent()).toBe('没有发现问题');
  const changed = page.getByTestId('policy-diff-products').locator('li[data-change="changed"]');
  await changed.first().waitFor();
  expect(await changed.count()).toBe(1);
  expect(await changed.first().textContent()).toContain(model as string);
  for (const section of ['caps', 'rules', 'settings']) {
    expect(await page.getByTestId(`policy-diff-${section}`).count()).toBe(0);
  }
  await publishAndWait(page, 2);
  expect(await page.getByTestId('policy-version').first().textContent()).toContain('第 2 版');

  // Two rules of the same kind are given the same priority, scopes, dates and quantities: they tie.
  const rules = await findHeader(page, '规则编号');
  const col = (name: string) => {
    const c = rules.columns[name];
    if (c === undefined) throw new Error(`no column ${name} in ${JSON.stringify(rules.columns)}`);
    return c;
  };
  const kinds: { row: number; kind: unknown }[] = [];
  for (let r = rules.row + 1; r < rules.row + 20; r++) {
    const id = await cell(page, r, col('规则编号'));
    if (id === null) break;
    kinds.push({ row: r, kind: await cell(page, r, col('规则类型')) });
  }
  const pair = kinds
    .flatMap((a, i) => kinds.slice(i + 1).map((b) => [a, b] as const))
    .find(([a, b]) => a.kind === b.kind);
  expect(pair).toBeDefined();
  const [from, to] = pair!;
  const copied = ['优先级', '产品范围', '客户范围', '最小数量', '最大数量', '生效日期', '失效日期'];
  const edits = [];
  for (const name of copied)
    edits.push({ row: to.row, col: col(name), value: await cell(page, from.row, col(name)) });
  await typeCells(page, edits);

  await readAndCheck(page);
  const problems = page.getByTestId('policy-errors').getByTestId('problem-item');
  await problems.first().waitFor();
  const listed = await problems.evaluateAll((items) =>
    items.map((i) => ({ cell: i.getAttribute('data-cell') ?? '', text: i.textContent ?? '' })),
  );
  const ties = listed.filter((p) => p.text.includes('无法分出先后'));
  const tiedRows = ties.map((p) => Number(/!\$?[A-Z]+\$?(\d+)$/.exec(p.cell)?.[1])).sort((a, b) => a - b);
  expect(tiedRows).toEqual([from.row + 1, to.row + 1]); // 1-based sheet rows, one message on each
  expect(listed).toHaveLength(2); // nothing else is wrong
  expect(await page.getByTestId('policy-problem-count').textContent()).toContain('2');
  await expect(page.getByTestId('policy-publish').isDisabled()).resolves.toBe(true);
  expect(await page.getByTestId('policy-publish-hint').textContent()).toBe('先改正错误才能发布');
  // The published version is untouched.
  expect(await page.getByTestId('policy-published-info').textContent()).toContain('第 2 版');

  await page.screenshot({ path: join(SHOTS, 'price-policy.png') });
  expect(errors).toEqual([]);
  await page.close();
});
