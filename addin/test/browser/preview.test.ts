// The browser preview's production build in real Chromium: opens the sample workbook, shows its
// sheets as Excel would (frozen header, hidden rows left out, jump-to-cell), shows what the pane
// writes, and downloads an .xlsx that exceljs reads back with the same cells plus SalesDesk's.
// Needs a build with the preview in addin/dist (`SALESDESK_PREVIEW=1 npx webpack --mode production`);
// SALESDESK_DIST_DIR points the test at another build folder.
import { mkdirSync, readFileSync } from 'fs';
import { mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { Workbook, type CellValue, type Worksheet } from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchErrors } from '../../devtools/browser/chromium';
import { serveDist } from '../../devtools/browser/staticServer';

// testTimeout in a project's config is not applied when jest runs the projects together.
jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..', '..');
const SAMPLE = join(ROOT, 'samples', 'SalesDesk-示例台账.xlsx');
const SCREENSHOT = join(ROOT, 'docs', 'screenshots', 'preview.png');

interface Expected {
  sheets: Record<string, { headerRow: number | Record<string, number>; hiddenRows: number[] }>;
  unreadableCells: { sheet: string; row: number; column: string; header: string; found: string }[];
  textCells: { sheet: string; row: number; column: string; text: string }[];
  violations: { sheet: string; row: number; contractNo: string }[];
}
const expected = JSON.parse(readFileSync(join(ROOT, 'samples', 'expected.json'), 'utf8')) as Expected;
const LEDGER = '销售台账';
const SHIPMENTS = '发货台账';
const headerRowOf = (sheet: string) => expected.sheets[sheet]?.headerRow as number;

let browser: Browser;
let site: Awaited<ReturnType<typeof serveDist>>;
let downloads: string;

beforeAll(async () => {
  site = await serveDist(process.env.SALESDESK_DIST_DIR || undefined);
  browser = await launchChromium();
  downloads = await mkdtemp(join(tmpdir(), 'salesdesk-preview-'));
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

const grid = (page: Page) => page.getByTestId('preview-grid');
const cell = (page: Page, address: string) => grid(page).locator(`td[data-cell="${address}"]`);

async function openPreview(query: string, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors = watchErrors(page);
  await page.goto(`${site.origin}/preview.html${query}`);
  return { page, errors };
}

async function waitForSheet(page: Page, sheet: string) {
  await page.locator(`[data-testid="preview-grid"][data-sheet="${sheet}"]`).waitFor({ timeout: 60_000 });
}

/** A sheet's cell values as exceljs reads them, column A to `lastColumn`, as comparable JSON. */
function sheetValues(ws: Worksheet, lastColumn: number): string[] {
  const out: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values: CellValue[] = [];
    for (let c = 1; c <= lastColumn; c++) {
      const v = row.getCell(c).value;
      // The preview's model keeps an error cell as its text (as Office.js `values` gives it), so a
      // `#N/A` error comes back as the text `#N/A`: compared as text here.
      values.push(v && typeof v === 'object' && 'error' in v ? v.error : v);
    }
    out.push(JSON.stringify(values));
  }
  while (out.length && out[out.length - 1] === JSON.stringify(new Array(lastColumn).fill(null))) out.pop();
  return out;
}

test('opens the sample, shows its sheets like Excel and downloads an .xlsx that round-trips', async () => {
  const { page, errors } = await openPreview('?sample=1');
  await waitForSheet(page, LEDGER);
  await page.locator('[data-testid="preview-status"][data-state="ready"]').waitFor();

  // The header row (frozen, in the sticky head) holds the headers expected.json names.
  const header = headerRowOf(LEDGER);
  for (const u of expected.unreadableCells.filter((x) => x.sheet === LEDGER)) {
    expect(await cell(page, `${u.column}${header}`).textContent()).toBe(u.header);
    expect(await cell(page, `${u.column}${header}`).evaluate((td) => !!td.closest('thead'))).toBe(true);
  }
  const text = expected.textCells.find((t) => t.sheet === LEDGER && t.row < 30);
  expect(text).toBeDefined();
  expect(await cell(page, `${text!.column}${text!.row}`).textContent()).toBe(text!.text);

  await page.getByTestId('preview-pane').getByTestId('app-title').waitFor();
  mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });

  // The pane's jump to a problem cell (selectCell) scrolls far down and highlights it;
  // the hidden row next to it is not drawn.
  const unreadable = expected.unreadableCells.find((u) => u.sheet === LEDGER && u.found.endsWith('error'))!;
  const hidden = expected.sheets[LEDGER]!.hiddenRows[0]!;
  await page.evaluate(
    ([sheet, address]) => window.__salesdeskPreview!.workbook.selectCell(sheet!, address!),
    [LEDGER, `${unreadable.column}${unreadable.row}`],
  );
  const target = cell(page, `${unreadable.column}${unreadable.row}`);
  await target.waitFor();
  expect(await target.getAttribute('data-selected')).toBe('true');
  expect(await target.textContent()).toBe('#N/A');
  expect(await target.isVisible()).toBe(true);
  expect(await page.getByTestId('preview-namebox').textContent()).toBe(
    `${unreadable.column}${unreadable.row}`,
  );
  await page.evaluate(
    ([sheet, address]) => window.__salesdeskPreview!.workbook.selectCell(sheet!, address!),
    [LEDGER, `A${hidden - 1}`],
  );
  await cell(page, `A${hidden - 1}`).waitFor();
  expect(await grid(page).locator(`th[data-row="${hidden}"]`).count()).toBe(0);
  expect(
    await grid(page)
      .locator(`th[data-row="${hidden + 1}"]`)
      .count(),
  ).toBe(1);

  // A violation's contract number is where expected.json says (read through the page's handle).
  const v = expected.violations.find((x) => x.sheet === LEDGER)!;
  const contract = await page.evaluate(
    ([sheet, row]) => window.__salesdeskPreview!.workbook.cellView(sheet as string, Number(row) - 1, 1).value,
    [LEDGER, v.row] as const,
  );
  expect(contract).toBe(v.contractNo);

  // Sheet tabs switch the grid.
  await page.locator(`[data-sheet-tab="${SHIPMENTS}"]`).click();
  await waitForSheet(page, SHIPMENTS);
  const shipHeader = expected.unreadableCells.find((u) => u.sheet === SHIPMENTS)!;
  expect(await cell(page, `${shipHeader.column}${headerRowOf(SHIPMENTS)}`).textContent()).toBe(
    shipHeader.header,
  );
  await page.locator(`[data-sheet-tab="${LEDGER}"]`).click();
  await waitForSheet(page, LEDGER);

  // What the pane writes through the adapter shows in the grid, conditional fill included.
  await page.evaluate(
    ([sheet, headerRow]) =>
      window.__salesdeskPreview!.workbook.writeResultColumns(sheet as string, {
        headerRow: Number(headerRow) - 1,
        firstDataRow: Number(headerRow),
        columns: [{ key: 'note', header: '预览测试', values: ['甲', '乙'] }],
        highlights: [{ columnKey: 'note', equals: ['甲'], color: '#FFC7CE' }],
      }),
    [LEDGER, header] as const,
  );
  await page.evaluate(
    ([sheet, address]) => window.__salesdeskPreview!.workbook.selectCell(sheet!, address!),
    [LEDGER, `A${header + 1}`],
  );
  await cell(page, `P${header}`).waitFor();
  expect(await cell(page, `P${header}`).textContent()).toBe('【SalesDesk】预览测试');
  expect(await cell(page, `A${header + 1}`).getAttribute('data-fill')).toBe('#FFC7CE');
  expect(await cell(page, `A${header + 2}`).getAttribute('data-fill')).toBeNull();

  // Download, then read the file back in Node.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('preview-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('SalesDesk-示例台账.xlsx');
  const file = join(downloads, 'downloaded.xlsx');
  await download.saveAs(file);
  expect(errors).toEqual([]);
  await page.close();

  const original = new Workbook();
  await original.xlsx.load(readFileSync(SAMPLE) as unknown as ArrayBuffer);
  const saved = new Workbook();
  await saved.xlsx.readFile(file);
  const visible = (wb: Workbook) => wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
  expect(visible(saved)).toEqual(visible(original));
  for (const ws of original.worksheets) {
    const again = saved.getWorksheet(ws.name)!;
    expect(sheetValues(again, ws.columnCount)).toEqual(sheetValues(ws, ws.columnCount));
    const hiddenRows = (w: Worksheet) =>
      Array.from({ length: w.rowCount }, (_, i) => i + 1).filter((r) => w.getRow(r).hidden);
    expect(hiddenRows(again)).toEqual(hiddenRows(ws));
  }
  const ledger = saved.getWorksheet(LEDGER)!;
  expect(ledger.getCell(`P${header}`).value).toBe('【SalesDesk】预览测试');
  expect(ledger.getCell(`P${header + 1}`).value).toBe('甲');
  expect(ledger.getCell(`A${header + 1}`).numFmt).toBe('yyyy/m/d');
});

test('speaks English, opens a chosen .xlsx, refuses other files, and stacks on a narrow screen', async () => {
  const { page, errors } = await openPreview('?lang=en-US', { width: 420, height: 900 });
  await waitForSheet(page, 'Sheet1');
  expect(await page.getByTestId('preview-load-sample').textContent()).toBe('Load sample workbook');
  expect(await page.getByTestId('app-title').textContent()).toBe('SalesDesk sales assistant');

  // On a narrow screen the pane goes below the workbook, full width.
  const book = (await grid(page).boundingBox())!;
  const pane = (await page.getByTestId('preview-pane').boundingBox())!;
  expect(pane.y).toBeGreaterThanOrEqual(book.y + book.height);
  expect(pane.width).toBeGreaterThanOrEqual(400);

  const wb = new Workbook();
  const ws = wb.addWorksheet('Quotes');
  ws.getCell('A1').value = 'Unit Price';
  ws.getCell('A2').value = 1234.5;
  ws.getCell('A2').numFmt = '#,##0.00';
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  const input = page.getByTestId('preview-file-input');
  await input.setInputFiles({ name: 'quotes.xlsx', mimeType: 'application/octet-stream', buffer: data });
  await waitForSheet(page, 'Quotes');
  expect(await cell(page, 'A2').textContent()).toBe('1,234.50');

  await input.setInputFiles({ name: 'ledger.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  const problem = page.getByTestId('preview-error');
  await problem.waitFor();
  expect(await problem.textContent()).toContain('ledger.csv');
  expect(await problem.textContent()).toContain('.xlsx');
  // The open workbook stays as it was.
  expect(await grid(page).getAttribute('data-sheet')).toBe('Quotes');
  expect(errors).toEqual([]);
  await page.close();
});
