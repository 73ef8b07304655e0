// 清除标记 in real Chromium on the sample workbook: after a check one click takes back SalesDesk's
// columns, colours and result sheet; the ledger and the sheet list are as they were opened.
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { actingAs } from '../../../functions/test/support/identity';
import { ROOT, setUpBrowserStack, sheetNames } from '../../devtools/browser/stack';

jest.setTimeout(180_000);

const LEDGER = '销售台账';
const expected = JSON.parse(readFileSync(join(ROOT, 'samples', 'expected.json'), 'utf8')) as {
  policy: unknown;
  sheets: Record<string, { headerRow: number; lastRow: number }>;
};
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

/** The ledger as the in-browser workbook holds it: values, fills and number formats, 30 columns wide. */
function ledgerView(page: Page) {
  return page.evaluate(
    ({ sheet, last }) => {
      const wb = window.__salesdeskPreview!.workbook;
      const out: unknown[] = [];
      for (let r = 0; r < last; r++)
        for (let c = 0; c < 30; c++) {
          const v = wb.cellView(sheet, r, c);
          out.push([v.value, v.fill ?? null, v.numberFormat ?? null]);
        }
      return JSON.stringify(out);
    },
    { sheet: LEDGER, last: LAST_ROW },
  );
}

async function runCheck(page: Page) {
  await page.getByTestId('price-run').click();
  await page.getByTestId('price-done').or(page.getByTestId('price-error')).waitFor({ timeout: 120_000 });
  expect(await page.getByTestId('price-error').count()).toBe(0);
}

test('清除标记 after a check (run twice) leaves the workbook as it was opened', async () => {
  const { page, errors } = await stack.openPreview({ lang: 'zh-CN' });
  await page.getByTestId('price-run').waitFor();
  const before = await ledgerView(page);
  const sheetsBefore = await sheetNames(page);

  await runCheck(page);
  await runCheck(page);
  expect(await sheetNames(page)).toEqual([...sheetsBefore, '价格检查结果']);
  expect(await ledgerView(page)).not.toBe(before);

  await page.getByTestId('price-clear').click();
  await page.getByTestId('price-cleared').waitFor();
  expect(await page.getByTestId('price-cleared').textContent()).toContain('已清除');
  expect(await ledgerView(page)).toBe(before);
  expect(await sheetNames(page)).toEqual(sheetsBefore);
  expect(errors).toEqual([]);
  await page.close();
});
