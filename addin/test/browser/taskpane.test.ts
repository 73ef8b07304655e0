// The production build of the task pane in real Chromium: loads without console errors, speaks
// zh-CN by default and English on request.
import type { Browser } from 'playwright-core';
import { launchChromium, watchErrors } from '../../devtools/browser/chromium';
import { serveDist } from '../../devtools/browser/staticServer';

let browser: Browser;
let site: Awaited<ReturnType<typeof serveDist>>;

beforeAll(async () => {
  site = await serveDist();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(query = '') {
  const page = await browser.newPage({ viewport: { width: 320, height: 720 } });
  const errors = watchErrors(page);
  await page.goto(`${site.origin}/taskpane.html${query}`);
  const title = page.getByTestId('app-title');
  await title.waitFor();
  return { page, errors, title };
}

test('loads without console errors and shows its zh-CN title', async () => {
  const { page, errors, title } = await open();
  expect(await title.textContent()).toBe('SalesDesk 销售助手');
  expect(await page.getByRole('tab', { name: '价格检查' }).count()).toBe(1);
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
  await page.close();
});

test('speaks English with ?lang=en-US', async () => {
  const { page, errors, title } = await open('?lang=en-US');
  expect(await title.textContent()).toBe('SalesDesk sales assistant');
  expect(await page.getByRole('tab', { name: 'Settings' }).count()).toBe(1);
  expect(await page.getByRole('tab', { name: '设置' }).count()).toBe(0);
  expect(errors).toEqual([]);
  await page.close();
});

test('at 320 px in English every tab is fully visible (none clipped), with a help link', async () => {
  const { page } = await open('?lang=en-US');
  for (const name of ['Price check', 'Price policy', 'Annual plan', 'Settings']) {
    const box = await page.getByRole('tab', { name }).boundingBox();
    expect({ name, right: Math.ceil(box!.x + box!.width) <= 320, left: box!.x >= 0 }).toEqual({
      name,
      right: true,
      left: true,
    });
  }
  expect(await page.getByTestId('help-link').getAttribute('href')).toBe('help.html');
  const help = await page.request.get(`${site.origin}/help.html`);
  expect(help.ok()).toBe(true);
  expect(await help.text()).toContain('SALES.PLAN');
  await page.close();
});

test('fits a 320 px wide task pane without horizontal scrolling', async () => {
  const { page } = await open();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.close();
});
