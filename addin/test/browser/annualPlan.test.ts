// The 年度计划 tab in real Chromium, as the sales head would use it without Excel: the preview opens
// the sample workbook, the pane splits the 年度计划 sheet by the 季节系数 profile through the real
// Functions dev host (on a real, in-memory, empty Azurite), writes 月度计划, publishes the plan and
// measures it against the 销售台账 (计划达成).
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { ROOT, SHOTS, sheetNames, setUpBrowserStack } from '../../devtools/browser/stack';

jest.setTimeout(120_000);

const MONTHLY = '月度计划';
const PROGRESS = '计划达成';
const expected = JSON.parse(readFileSync(join(ROOT, 'samples', 'expected.json'), 'utf8')) as {
  sheets: Record<string, { lastRow: number; dataRows: number }>;
};

const stack = setUpBrowserStack();

/** A sheet's values (0-based rectangle) as the in-browser workbook holds them. */
function values(page: Page, sheet: string, rows: number, cols: number) {
  return page.evaluate(
    ({ sheet, rows, cols }) => {
      const wb = window.__salesdeskPreview!.workbook;
      return Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c) => wb.cellView(sheet, r, c).value ?? null),
      );
    },
    { sheet, rows, cols },
  );
}

/** The sheet picker inside one section of the tab, once it has proposed `sheet`. */
async function pickerChose(page: Page, section: string, sheet: string) {
  await page.waitForFunction(
    ({ section, sheet }) =>
      document.querySelector<HTMLSelectElement>(`[data-testid="${section}"] [data-testid="sheet-picker"]`)
        ?.value === sheet,
    { section, sheet },
    { timeout: 30_000 },
  );
}

/** Waits for the job's outcome: the success message containing `text`, or fails with what was said. */
async function success(page: Page, text: string) {
  const messages = page.getByTestId('plan-message');
  await messages
    .filter({ hasText: text })
    .or(page.locator('[data-testid="plan-message"][data-intent="error"]'))
    .first()
    .waitFor({ timeout: 60_000 });
  const errors = await page.locator('[data-testid="plan-message"][data-intent="error"]').allTextContents();
  expect(errors).toEqual([]);
  const ok = messages.filter({ hasText: text });
  expect(await ok.getAttribute('data-intent')).toBe('success');
}

/** Hundredths (of 万元) as integers: the plan's amounts have at most 2 decimals, so this is exact. */
function hundredths(v: unknown): number {
  expect(typeof v).toBe('number');
  const h = Math.round((v as number) * 100);
  expect(Math.abs((v as number) * 100 - h)).toBeLessThan(1e-6);
  return h;
}

test('splits the sample plan by season profile into 月度计划 whose months add up, publishes it, and writes 计划达成', async () => {
  const { page, errors } = await stack.openPreview({
    expected404: `${stack.apiBaseUrl}/plans/2026`,
    height: 900,
  });
  await page.getByTestId('tab-annualPlan').click();
  await page.getByTestId('annual-plan').waitFor();

  // The pane proposes the sample's sheets for each role and reads the plan's unit from its title.
  await pickerChose(page, 'plan-sheet-section', '年度计划');
  await pickerChose(page, 'profile-sheet-section', '季节系数');
  await page.getByTestId('plan-unit').filter({ hasText: '万元' }).waitFor();
  await page.getByTestId('plan-method').selectOption('profile');
  await expect(page.getByTestId('plan-year').inputValue()).resolves.toBe('2026');

  // Preview the split (the dev host does it), then write 月度计划.
  const previewButton = page.getByTestId('plan-preview');
  await page.waitForFunction(
    () => !document.querySelector<HTMLButtonElement>('[data-testid="plan-preview"]')?.disabled,
  );
  await previewButton.click();
  await page
    .getByTestId('plan-preview-panel')
    .or(page.locator('[data-testid="plan-message"][data-intent="error"]'))
    .first()
    .waitFor({ timeout: 60_000 });
  expect(await page.locator('[data-testid="plan-message"][data-intent="error"]').allTextContents()).toEqual(
    [],
  );
  expect(await page.getByTestId('plan-published-status').textContent()).toContain('尚未发布');

  await page.getByTestId('plan-write').click();
  await success(page, `已写入“${MONTHLY}”表`);
  expect(await sheetNames(page)).toContain(MONTHLY);

  // The plan table: header 产品类别 | 片区 | 业务员 | 1月 … 12月 | 合计 | …, one row per plan row,
  // then the totals row. Every row's 12 months add up exactly to its annual amount.
  const grid = await values(page, MONTHLY, 200, 20);
  const headerRow = grid.findIndex((r) => r[0] === '产品类别' && r.includes('1月'));
  expect(headerRow).toBeGreaterThanOrEqual(0);
  const header = grid[headerRow]!;
  const monthCols = Array.from({ length: 12 }, (_, i) => header.indexOf(`${i + 1}月`));
  expect(monthCols.every((c) => c > 0)).toBe(true);
  const annualCol = header.indexOf('合计');
  expect(annualCol).toBeGreaterThan(monthCols[11]!);
  const totalsRow = grid.findIndex((r, i) => i > headerRow && r[0] === '合计');
  expect(totalsRow).toBeGreaterThan(headerRow + 1);
  const planRows = grid.slice(headerRow + 1, totalsRow);
  expect(planRows.length).toBeGreaterThan(50); // the sample plan has ~90 rows
  let annualSum = 0;
  planRows.forEach((row, i) => {
    const months = monthCols.map((c) => hundredths(row[c]));
    const annual = hundredths(row[annualCol]);
    expect({ row: headerRow + 2 + i, sum: months.reduce((a, b) => a + b, 0) }).toEqual({
      row: headerRow + 2 + i,
      sum: annual,
    });
    annualSum += annual;
  });
  expect(hundredths(grid[totalsRow]![annualCol])).toBe(annualSum);
  // …and all of them together are the 合计 the head wrote at the bottom of 年度计划.
  const planSheet = expected.sheets['年度计划']!;
  expect(planRows).toHaveLength(planSheet.dataRows);
  const source = await values(page, '年度计划', planSheet.lastRow, 4);
  const sourceTotal = source[planSheet.lastRow - 1]!;
  expect(sourceTotal[0]).toBe('合计');
  expect(annualSum).toBe(hundredths(sourceTotal[3]));

  // Publish (with the confirmation the pane asks for).
  await page.getByTestId('plan-publish').click();
  await page.getByTestId('plan-publish-confirm').click();
  await success(page, '已发布');
  // The status line names who published and when, straight from the publish answer.
  const status = await page.getByTestId('plan-published-status').textContent();
  expect(status).toContain('本地 Sales.Head'); // the name in the preview's local token
  expect(status).not.toContain('—');

  // Plan vs actual against the sales ledger: its own screen. The sample has export (USD) lines, so
  // the pane asks for the rate instead of leaving them out, and writes the rate it used.
  await page.getByTestId('plan-view-progress').click();
  await pickerChose(page, 'ledger-sheet-section', '销售台账');
  await page.getByTestId('plan-progress').click();
  const asked = page.locator('[data-testid="plan-message"][data-intent="error"]');
  await asked.waitFor({ timeout: 60_000 });
  expect(await asked.textContent()).toContain('请先填写汇率再计算计划达成');
  expect(await sheetNames(page)).not.toContain(PROGRESS);
  await page.getByTestId('plan-usd-rate').fill('7.1');
  await page.getByTestId('plan-progress').click();
  await success(page, `已写入“${PROGRESS}”表`);
  expect((await values(page, PROGRESS, 1, 1))[0]![0]).toContain('USD汇率 7.1');
  expect(await sheetNames(page)).toContain(PROGRESS);
  const progress = await values(page, PROGRESS, 40, 10);
  expect(progress.flat().filter((v) => typeof v === 'number').length).toBeGreaterThan(0);

  await page.screenshot({ path: join(SHOTS, 'annual-plan.png') });
  expect(errors).toEqual([]);
  await page.close();
});

/** The element's box lies inside the viewport (seen without scrolling). */
async function inView(page: Page, testId: string) {
  const box = await page.getByTestId(testId).first().boundingBox();
  const vp = page.viewportSize()!;
  expect(box).not.toBeNull();
  return box!.y >= 0 && box!.y + box!.height <= vp.height && box!.x >= 0 && box!.x + box!.width <= vp.width;
}

test.each(['zh-CN', 'en-US'])(
  'at 350×700 (%s) the task’s button is on screen without scrolling, the preview is scrolled to and focused',
  async (lang) => {
    const { page, errors } = await stack.openPreview({
      lang,
      expected404: `${stack.apiBaseUrl}/plans/2026`,
      width: 350,
      height: 700,
    });
    await page.getByTestId('tab-annualPlan').click();
    await pickerChose(page, 'plan-sheet-section', '年度计划');
    await page.getByTestId('plan-unit').waitFor();
    await page.waitForFunction(
      () => !document.querySelector<HTMLButtonElement>('[data-testid="plan-preview"]')?.disabled,
    );
    // At this width the preview stacks its grid above the pane; Excel gives the pane the whole
    // 700 px. So look from the pane's top, as a person in Excel would see it.
    const toPane = () =>
      page.evaluate(() => {
        const pane = document.querySelector('[data-testid="app-title"]')!.closest('aside') ?? document.body;
        window.scrollTo(0, pane.getBoundingClientRect().top + window.scrollY);
      });
    await toPane();
    await expect(inView(page, 'plan-preview')).resolves.toBe(true);
    // Nothing in the pane runs off sideways.
    const paneOverflow = await page.evaluate(() => {
      const pane = document.querySelector('[data-testid="annual-plan"]')!;
      return [pane.scrollWidth - pane.clientWidth, Math.round(pane.getBoundingClientRect().right)];
    });
    expect(paneOverflow[0]).toBeLessThanOrEqual(0);
    expect(paneOverflow[1]).toBeLessThanOrEqual(350);
    await page.screenshot({ path: join(SHOTS, `annual-plan-350-${lang}.png`) });

    await page.getByTestId('plan-preview').click();
    await page.getByTestId('plan-preview-panel').waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'plan-preview-panel',
    );
    const title = await page.getByTestId('plan-preview-title').boundingBox();
    expect(title!.y).toBeGreaterThanOrEqual(0);
    expect(title!.y).toBeLessThan(700);

    // 计划达成 is the other screen, its button on screen too.
    await page.getByTestId('plan-view-progress').click();
    await toPane();
    await expect(inView(page, 'plan-progress')).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  },
);
