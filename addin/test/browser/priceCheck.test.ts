// The whole price check in real Chromium, as a clerk would do it without Excel: the preview loads the
// sample workbook, the pane reads 销售台账, asks the real Functions dev host (on a real, in-memory
// Azurite, with the sample's price policy published), and writes its columns, colours and result
// sheet. Also: English, a remembered column correction, and a dead API (clear error, nothing written).
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { actingAs } from '../../../functions/test/support/identity';
import { ROOT, SHOTS, setUpBrowserStack, sheetNames } from '../../devtools/browser/stack';

jest.setTimeout(180_000);

const LEDGER = '销售台账';
interface Violation {
  row: number;
  status: 'needs_approval' | 'below_floor';
}
const expected = JSON.parse(readFileSync(join(ROOT, 'samples', 'expected.json'), 'utf8')) as {
  violations: Violation[];
  policy: unknown;
  sheets: Record<string, { headerRow: number; lastRow: number }>;
};
const HEADER_ROW = expected.sheets[LEDGER]!.headerRow; // 1-based
const LAST_ROW = expected.sheets[LEDGER]!.lastRow;

const stack = setUpBrowserStack();

beforeAll(async () => {
  const put = await fetch(`${stack.apiBaseUrl}/price-policy`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      'if-none-match': '*',
      ...actingAs('王部长', 'Sales.Head'),
    },
    body: JSON.stringify(expected.policy),
  });
  expect(put.status).toBe(201);
});

async function openPreview(lang = 'zh-CN') {
  const opened = await stack.openPreview({ lang });
  await opened.page.getByTestId('price-run').waitFor();
  return opened;
}

/** Cells of a sheet as the in-browser workbook holds them (values and fills), read in the page. */
function readSheet(page: Page, sheet: string, rows: [number, number], cols: [number, number]) {
  return page.evaluate(
    ({ sheet, rows, cols }) => {
      const wb = window.__salesdeskPreview!.workbook;
      const out: { value: unknown; fill: string | null }[][] = [];
      for (let r = rows[0]; r <= rows[1]; r++) {
        const line: { value: unknown; fill: string | null }[] = [];
        for (let c = cols[0]; c <= cols[1]; c++) {
          const v = wb.cellView(sheet, r, c);
          line.push({ value: v.value, fill: v.fill ?? null });
        }
        out.push(line);
      }
      return out;
    },
    { sheet, rows, cols },
  );
}

async function cellAt(page: Page, sheet: string, row: number, col: number) {
  const [[cell]] = (await readSheet(page, sheet, [row, row], [col, col])) as [
    [{ value: unknown; fill: string | null }],
  ];
  return cell;
}

/** The column (0-based) whose header in the ledger's header row is SalesDesk's status column. */
async function statusColumn(page: Page, header: string): Promise<number> {
  const [row] = await readSheet(page, LEDGER, [HEADER_ROW - 1, HEADER_ROW - 1], [0, 30]);
  return row!.findIndex((c) => typeof c.value === 'string' && c.value.includes(header));
}

async function runCheck(page: Page) {
  await page.getByTestId('price-run').click();
  await page.getByTestId('price-done').or(page.getByTestId('price-error')).waitFor({ timeout: 120_000 });
}

test('checks the sample ledger: finds every deliberate violation, writes its columns, colours and result sheet, changes no source cell', async () => {
  const { page, errors } = await openPreview();
  // Values only: the offending rows are coloured by a conditional format keyed on SalesDesk's own
  // status column, which changes how source cells look but not what they hold.
  const sourceValues = async () =>
    JSON.stringify(
      (await readSheet(page, LEDGER, [0, LAST_ROW - 1], [0, 14])).map((r) => r.map((c) => c.value)),
    );
  const source = await sourceValues();

  await runCheck(page);
  expect(await page.getByTestId('price-error').count()).toBe(0);
  const counts = (status: string) => page.getByTestId(`summary-${status}`).getAttribute('data-count');
  const want = (s: Violation['status']) => String(expected.violations.filter((v) => v.status === s).length);
  expect(await counts('needs_approval')).toBe(want('needs_approval'));
  expect(await counts('below_floor')).toBe(want('below_floor'));

  // Every violation's row carries the localised status in SalesDesk's column, filled in colour;
  // every other data row that was judged says OK and has no fill.
  const col = await statusColumn(page, '价格状态');
  expect(col).toBeGreaterThanOrEqual(15); // right of the user's 15 columns
  const statuses = await readSheet(page, LEDGER, [HEADER_ROW, LAST_ROW - 1], [col, col]);
  const label = { needs_approval: '需审批', below_floor: '低于最低限价' };
  const flagged = new Map(expected.violations.map((v) => [v.row, v.status]));
  const fills = new Set<string>();
  statuses.forEach(([cell], i) => {
    const row = HEADER_ROW + 1 + i;
    const status = flagged.get(row);
    if (status) {
      expect({ row, value: cell!.value }).toEqual({ row, value: label[status] });
      expect(cell!.fill).toBeTruthy();
      fills.add(`${status}:${cell!.fill}`);
    } else if (cell!.value === '需审批' || cell!.value === '低于最低限价') {
      throw new Error(`row ${row} flagged ${String(cell!.value)} but is not a deliberate violation`);
    }
  });
  expect(fills.size).toBe(2); // one colour per status

  // The user's cells are exactly as they were.
  expect(await sourceValues()).toBe(source);
  const firstViolation = expected.violations[0]!.row;
  const sourceCell = await cellAt(page, LEDGER, firstViolation - 1, 7);
  expect(sourceCell.fill).toBeTruthy(); // the offending row is coloured across
  // The result sheet lists the problems.
  expect(await sheetNames(page)).toContain('价格检查结果');

  // Jump from the pane's problem list to the first offending row, as a clerk would.
  await page.getByTestId('problem-item').first().click();
  await page.screenshot({ path: join(SHOTS, 'price-check.png') });
  // Re-run: the same columns are replaced, not added again.
  await runCheck(page);
  expect(await statusColumn(page, '价格状态')).toBe(col);
  const [headerRow] = await readSheet(page, LEDGER, [HEADER_ROW - 1, HEADER_ROW - 1], [0, 30]);
  expect(headerRow!.filter((c) => typeof c.value === 'string' && c.value.includes('价格状态'))).toHaveLength(
    1,
  );
  expect((await sheetNames(page)).filter((n) => n.startsWith('价格检查结果'))).toHaveLength(1);
  expect(errors).toEqual([]);
  await page.close();
});

test('speaks English when Office (here ?lang) is English', async () => {
  const { page, errors } = await openPreview('en-US');
  expect(await page.getByTestId('app-title').textContent()).toBe('SalesDesk sales assistant');
  await runCheck(page);
  const col = await statusColumn(page, 'Price status');
  expect(col).toBeGreaterThanOrEqual(15);
  const row = expected.violations.find((v) => v.status === 'below_floor')!.row;
  const cell = await cellAt(page, LEDGER, row - 1, col);
  expect(cell.value).toBe('Below floor');
  expect(await sheetNames(page)).toContain('Price check results');
  await page.screenshot({ path: join(SHOTS, 'price-check-en.png') });
  expect(errors).toEqual([]);
  await page.close();
});

test('a corrected column mapping is remembered for the workbook', async () => {
  const { page } = await openPreview();
  await page.getByTestId('mapping-toggle').click();
  const select = page.getByTestId('mapping-select-remarks');
  await select.waitFor();
  const before = await select.inputValue();
  const options = await select
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const other = options.find((v) => v !== before && v !== '')!;
  await select.selectOption(other);
  // Leave the tab and come back: the pane reads the mapping again from the workbook's settings.
  await page.getByRole('tab', { name: '设置' }).click();
  await page.getByRole('tab', { name: '价格检查' }).click();
  await page.getByTestId('mapping-toggle').click();
  await expect(page.getByTestId('mapping-select-remarks').inputValue()).resolves.toBe(other);
  await page.close();
});

test('with the API down, the pane says so clearly and writes nothing', async () => {
  const { page } = await openPreview();
  const before = await sheetNames(page);
  const apiBaseUrl = stack.apiBaseUrl;
  const port = await stack.stopApi();
  try {
    await runCheck(page);
    const error = page.getByTestId('price-error');
    await expect(error.isVisible()).resolves.toBe(true);
    expect(await error.textContent()).toContain(apiBaseUrl);
    expect(await statusColumn(page, '价格状态')).toBe(-1);
    expect(await sheetNames(page)).toEqual(before);
    await page.screenshot({ path: join(SHOTS, 'price-check-api-down.png') });
  } finally {
    await stack.startApi(port);
    await page.close();
  }
});
