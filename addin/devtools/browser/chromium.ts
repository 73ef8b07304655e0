// Debian's Chromium driven by playwright-core (no browser download). Flags keep it off the network;
// playwright gives each launch a fresh temporary profile.
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Collects console errors and uncaught page errors, which the tests require to be none. Chromium
 * logs "Failed to load resource … 404" by itself when the API answers "nothing published yet"
 * (which the pane shows as such): `expected404` names the one address where that is expected.
 */
export function watchErrors(page: Page, expected404?: string): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location().url;
    if (expected404 && url === expected404 && m.text().includes('status of 404')) return;
    errors.push(url ? `${m.text()} (${url})` : m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
