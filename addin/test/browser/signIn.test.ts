// Sign-in in real Chromium: the preview signs in with tokens of the dev host's local issuer (real
// RS256 tokens the functions verify). A clerk sees the policy and no 发布 button, and is told why; the
// head publishes; an expired token gets "请重新登录 / Sign in again", and signing in again works.

import { tokenFor } from '../../../functions/test/support/identity';
import { setUpBrowserStack } from '../../devtools/browser/stack';

jest.setTimeout(120_000);

const stack = setUpBrowserStack();

async function openPolicyTab(options: { role?: string; token?: string } = {}) {
  const opened = await stack.openPreview({
    expected404: `${stack.apiBaseUrl}/price-policy`,
    height: 900,
    ...options,
  });
  await opened.page.getByTestId('tab-pricePolicy').click();
  await opened.page.getByTestId('price-policy-tab').waitFor();
  return opened;
}

test('a clerk sees who is signed in and the policy, but no publish button, and is told why', async () => {
  const { page } = await openPolicyTab({ role: 'Sales.Clerk' });
  await page.locator('[data-testid="signed-in"][data-roles="Sales.Clerk"]').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('signed-in').textContent()).toContain('已登录');
  await page.getByTestId('policy-read').click();
  await page.getByTestId('policy-problem-count').waitFor({ timeout: 30_000 });
  const note = page.getByTestId('policy-publish-not-allowed');
  await note.waitFor();
  expect(await note.textContent()).toContain('只有销售部部长可以发布价格政策');
  expect(await page.getByTestId('policy-publish').count()).toBe(0);
  // The clerk's own reads work: the published state loaded (nothing yet), no sign-in complaint.
  await page
    .getByTestId('policy-published-info')
    .filter({ hasText: '尚未发布价格政策' })
    .waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('sign-in-again').count()).toBe(0);
  await page.close();
});

test("the head's token publishes", async () => {
  const { page } = await openPolicyTab({ role: 'Sales.Head' });
  await page.locator('[data-testid="signed-in"][data-roles="Sales.Head"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('policy-read').click();
  await page.getByTestId('policy-problem-count').waitFor({ timeout: 30_000 });
  const publish = page.getByTestId('policy-publish');
  await page.waitForFunction(
    () => document.querySelector<HTMLButtonElement>('[data-testid="policy-publish"]')?.disabled === false,
    undefined,
    { timeout: 30_000 },
  );
  await publish.click();
  await page.getByTestId('policy-confirm-go').click(); // publishing asks for a confirmation first
  const result = page.getByTestId('policy-publish-result');
  await result.waitFor({ timeout: 30_000 });
  expect(await result.textContent()).toContain('已发布第 1 版');
  await page.close();
});

test('an expired token leads to "请重新登录", and signing in again clears it', async () => {
  const expired = tokenFor('王部长', ['Sales.Head'], { expiresInSeconds: -600 });
  const { page } = await openPolicyTab({ role: 'Sales.Head', token: expired });
  const message = page.getByTestId('sign-in-again');
  await message.waitFor({ timeout: 30_000 });
  expect(await message.textContent()).toContain('请重新登录');
  await page.getByTestId('sign-in-again-button').click();
  await message.waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByTestId('policy-published-info').waitFor({ timeout: 30_000 });
  await page.close();
});
