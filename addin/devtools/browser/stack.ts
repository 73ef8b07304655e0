// What every end-to-end browser test stands on: the production build served over http, a real
// in-memory Azurite, the Functions dev host (CORS open to the build's origin) and Debian's Chromium;
// `openPreview` opens the browser preview on the sample workbook with the pane pointed at that API.
import { mkdirSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { startAzurite } from '../../../functions/src/devhost/azurite';
import { createDevHost, type DevHost } from '../../../functions/src/devhost/host';
import { httpRoutes } from '../../../functions/src/routes';
import { testIssuer, trustLocalIssuerOf } from '../../../functions/test/support/identity';
import { launchChromium, watchErrors } from './chromium';
import { serveDist } from './staticServer';
import type {} from '../../src/preview/previewWorkbook'; // window.__salesdeskPreview

export const ROOT = join(__dirname, '..', '..', '..');
export const SHOTS = join(ROOT, 'docs', 'screenshots');

export interface BrowserStack {
  readonly browser: Browser;
  readonly siteOrigin: string;
  readonly apiBaseUrl: string;
  /** Stops the API (the pane then finds nothing at its address); `startApi` brings it back on the same port. */
  stopApi(): Promise<number>;
  startApi(port?: number): Promise<void>;
  /**
   * `role`: who the preview signs in as (its role picker; default the sales head). `token`: a token the
   * preview already holds when it opens (e.g. an expired one).
   */
  openPreview(options?: {
    lang?: string;
    expected404?: string;
    width?: number;
    height?: number;
    role?: string;
    token?: string;
  }): Promise<{
    page: Page;
    errors: string[];
  }>;
}

/** Jest hooks: starts the stack before the file's tests and stops it after. */
export function setUpBrowserStack(): BrowserStack {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveDist>>;
  let azurite: Awaited<ReturnType<typeof startAzurite>>;
  let host: DevHost | null = null;
  let apiBaseUrl = '';

  async function startApi(port = 0) {
    host = await createDevHost({
      routes: httpRoutes,
      port,
      corsOrigins: [site.origin],
      log: () => undefined,
      // The preview's role picker gets its tokens here; the functions verify them against its JWKS.
      localIssuer: testIssuer(),
    });
    trustLocalIssuerOf(host.url);
    apiBaseUrl = `${host.url}/api`;
  }

  beforeAll(async () => {
    site = await serveDist(process.env.SALESDESK_DIST_DIR || undefined);
    azurite = await startAzurite({ port: 0, inMemory: true });
    process.env.SALESDESK_STORAGE = azurite.connectionString;
    await startApi();
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await azurite?.stop();
    await site?.close();
  });

  return {
    get browser() {
      return browser;
    },
    get siteOrigin() {
      return site.origin;
    },
    get apiBaseUrl() {
      return apiBaseUrl;
    },
    async stopApi() {
      const port = host!.port;
      await host!.close();
      host = null;
      return port;
    },
    startApi,
    async openPreview({ lang = 'zh-CN', expected404, width = 1280, height = 800, role, token } = {}) {
      const page = await browser.newPage({ viewport: { width, height } });
      const errors = watchErrors(page, expected404);
      // The pane's API address lives in the user's settings (localStorage), as the Settings tab saves it.
      await page.addInitScript(
        (url) =>
          localStorage.setItem(
            'salesdesk.settings.v1',
            JSON.stringify({ apiBaseUrl: url, language: 'auto' }),
          ),
        apiBaseUrl,
      );
      await page.addInitScript(
        ({ role, token }) => {
          if (role) localStorage.setItem('salesdesk.preview.role', role);
          if (token) localStorage.setItem('salesdesk.preview.token', token);
        },
        { role: role ?? null, token: token ?? null },
      );
      await page.goto(`${site.origin}/preview.html?sample=1&lang=${lang}`);
      await page.locator('[data-testid="preview-grid"][data-sheet="销售台账"]').waitFor({ timeout: 60_000 });
      return { page, errors };
    },
  };
}

/** The names of the preview workbook's sheets. */
export function sheetNames(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await window.__salesdeskPreview!.workbook.listSheets()).map((s) => s.name),
  );
}
