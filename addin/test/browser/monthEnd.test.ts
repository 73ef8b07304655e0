// 月末对账 in real Chromium, as a clerk would do it without Excel: the preview opens the sample
// workbook, the 月末对账 tab finds the four ledgers (销售台账, 发货台账, 回款台账 and Finance's
// 应收账款明细账), syncs them month by month to the real Functions dev host (on a real, in-memory
// Azurite), runs 2026-04, and writes 对账差异, 发货未开票, 销售跟单月报表 and the summary with its
// chart. The differences are exactly the ones samples/expected.json lists, and clicking a link on
// 对账差异 selects the source row.
import { tokenFor } from '../../../functions/test/support/identity';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { ROOT, SHOTS, setUpBrowserStack, sheetNames } from '../../devtools/browser/stack';

jest.setTimeout(240_000);

interface ExpectedDifference {
  class: string;
  ledgerRow: number | null;
  booksRow: number | null;
  differenceFen: number;
}
const expected = JSON.parse(readFileSync(join(ROOT, 'samples', 'expected.json'), 'utf8')) as {
  monthEnd: {
    sheet: string;
    perMonth: Record<string, { differences: ExpectedDifference[] }>;
  };
};
const MONTH = '2026-04';
const BOOKS = expected.monthEnd.sheet;
const CLASS_LABEL: Record<string, string> = {
  amount_differs: '金额不符',
  only_in_ledger: '台账有、账上无',
  only_in_books: '账上有、台账无',
  cutoff: '跨期',
  duplicate: '重复',
};

const stack = setUpBrowserStack();

// The clerk syncs Finance's export too (the stack's default dev identity is the sales head).
beforeAll(() => {
  process.env.SALESDESK_DEV_IDENTITY = 'Sales.Clerk';
});

/** A result sheet's rows (values only, links as {sheet, address}) as the in-browser workbook holds them. */
function rowsOf(page: Page, sheet: string, rows: number, cols: number) {
  return page.evaluate(
    ({ sheet, rows, cols }) => {
      const wb = window.__salesdeskPreview!.workbook;
      return Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c) => {
          const v = wb.cellView(sheet, r, c);
          return {
            value: v.value ?? null,
            link: v.link ? { sheet: v.link.sheet, address: v.link.address } : null,
          };
        }),
      );
    },
    { sheet, rows, cols },
  );
}

const yuanToFen = (v: unknown): number => Math.round((v as number) * 100);

test('reconciles the sample month: exactly the planted differences, the sheets written, the links select the source rows', async () => {
  // The month-end needs the clerk's ledgers, Finance's books and 结账: one person with all three roles.
  const token = tokenFor('月末测试', ['Sales.Head', 'Sales.Clerk', 'Finance']);
  const { page, errors } = await stack.openPreview({ height: 900, token });
  await page.getByTestId('tab-monthEnd').click();
  await page.getByTestId('month-end').waitFor();
  // The pane finds a sheet for every ledger.
  await page.waitForFunction(
    (books) => document.querySelector('[data-testid="month-ledger"]')?.textContent?.includes(`：${books}`),
    BOOKS,
    { timeout: 60_000 },
  );
  const options = await page.getByTestId('month-ledger').textContent();
  expect(options).toContain('销售台账：销售台账');
  expect(options).toContain('发货台账：发货台账');
  expect(options).toContain('回款台账：回款台账');
  const sourceBefore = JSON.stringify(await rowsOf(page, '发货台账', 800, 14));

  await page.getByTestId('month-input').fill(MONTH);
  await page.getByTestId('month-usd-rate').fill('7.10');
  await page.getByTestId('month-run').click();
  await page.getByTestId('month-done').or(page.getByTestId('month-error')).waitFor({ timeout: 180_000 });
  expect(await page.getByTestId('month-error').allTextContents()).toEqual([]);

  // The pane's summary: one count per class, nothing unexplained.
  const truth = expected.monthEnd.perMonth[MONTH]!.differences;
  for (const cls of Object.keys(CLASS_LABEL))
    expect(await page.getByTestId(`month-class-${cls}`).getAttribute('data-count')).toBe(
      String(truth.filter((d) => d.class === cls).length),
    );
  expect(await page.getByTestId('month-total-CNY').getAttribute('data-remainder')).toBe('0.00');
  expect(await page.getByTestId('month-total-USD').getAttribute('data-remainder')).toBe('0.00');

  const names = await sheetNames(page);
  for (const n of ['对账差异', '发货未开票', '销售跟单月报表', '月末对账汇总']) expect(names).toContain(n);
  await page.screenshot({ path: join(SHOTS, 'month-end.png') });

  // 对账差异: one row per difference, with its class, effect and links to both source rows.
  const grid = await rowsOf(page, '对账差异', 40, 12);
  const header = grid.findIndex((r) => r[0]?.value === '差异类别');
  expect(header).toBeGreaterThanOrEqual(0);
  const rows = grid.slice(header + 1).filter((r) => typeof r[0]?.value === 'string' && r[0].value !== '');
  const found = rows
    .map((r) => ({
      class: Object.keys(CLASS_LABEL).find((k) => CLASS_LABEL[k] === r[0]!.value) ?? String(r[0]!.value),
      ledgerRow: r[9]?.link ? Number(r[9].link.address.slice(1)) : null,
      booksRow: r[10]?.link ? Number(r[10].link.address.slice(1)) : null,
      differenceFen: yuanToFen(r[8]!.value),
    }))
    .sort(
      (a, b) =>
        a.class.localeCompare(b.class) || (a.ledgerRow ?? a.booksRow ?? 0) - (b.ledgerRow ?? b.booksRow ?? 0),
    );
  expect(found).toEqual(
    truth.map(({ class: cls, ledgerRow, booksRow, differenceFen }) => ({
      class: cls,
      ledgerRow,
      booksRow,
      differenceFen,
    })),
  );
  for (const r of rows) {
    if (r[9]?.link) expect(r[9].link.sheet).toBe('发货台账');
    if (r[10]?.link) expect(r[10].link.sheet).toBe(BOOKS);
  }

  // Click the first difference's books link on the sheet, as a clerk would: the preview shows the
  // books and selects that row.
  await page.locator('[data-sheet-tab="对账差异"]').click();
  await page.locator('[data-testid="preview-grid"][data-sheet="对账差异"]').waitFor();
  const first = rows.findIndex((r) => r[10]?.link);
  const target = rows[first]![10]!.link!;
  await page.locator(`td[data-cell="K${header + 2 + first}"] a`).click();
  await page.locator(`[data-testid="preview-grid"][data-sheet="${BOOKS}"]`).waitFor();
  await page.locator(`td[data-cell="${target.address}"][data-selected="true"]`).waitFor({ timeout: 10_000 });
  // …and a ledger link selects the shipment row.
  await page.locator('[data-sheet-tab="对账差异"]').click();
  const firstLedger = rows.findIndex((r) => r[9]?.link);
  const ledgerTarget = rows[firstLedger]![9]!.link!;
  await page.locator(`td[data-cell="J${header + 2 + firstLedger}"] a`).click();
  await page.locator('[data-testid="preview-grid"][data-sheet="发货台账"]').waitFor();
  await page
    .locator(`td[data-cell="${ledgerTarget.address}"][data-selected="true"]`)
    .waitFor({ timeout: 10_000 });

  // Source cells are as they were.
  expect(JSON.stringify(await rowsOf(page, '发货台账', 800, 14))).toBe(sourceBefore);
  expect(errors).toEqual([]);
});
