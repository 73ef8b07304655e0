/**
 * `npm run manifest -- https://salesdesk.example.com/taskpane.html [--out manifest.production.xml]`:
 * writes the manifest for a deployed task pane. Every development URL (https://localhost:3000/…) is
 * moved to the task pane's base address; ids, versions and everything else stay as they are, so Office
 * sees the same add-in. Deploy the result through the Microsoft 365 admin center (Integrated apps).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEV_ORIGIN = 'https://localhost:3000';

/** The base the task pane's files are served from: `https://host/path/taskpane.html` → `https://host/path`. */
export function paneBase(taskpaneUrl: string): string {
  let url: URL;
  try {
    url = new URL(taskpaneUrl);
  } catch {
    throw new Error(`不是有效的网址 / not a URL: ${taskpaneUrl}`);
  }
  if (url.protocol !== 'https:')
    throw new Error(`Office 只加载 https 地址 / Office loads https only: ${taskpaneUrl}`);
  if (url.search || url.hash) throw new Error(`地址不能带 ? 或 # / no query or fragment: ${taskpaneUrl}`);
  if (!url.pathname.endsWith('/taskpane.html')) {
    throw new Error(`应指向 taskpane.html / must name taskpane.html: ${taskpaneUrl}`);
  }
  return `${url.origin}${url.pathname.slice(0, -'/taskpane.html'.length)}`;
}

/** The development manifest with every development URL moved to `taskpaneUrl`'s base. */
export function productionManifest(devManifest: string, taskpaneUrl: string): string {
  const base = paneBase(taskpaneUrl);
  const origin = new URL(base).origin;
  return (
    devManifest
      // AppDomain takes an origin, not a path.
      .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
      .replace(/https:\/\/localhost:3000/g, base)
      // The comment about the development origin no longer applies.
      .replace(/<!--[\s\S]*?-->\s*/g, (comment) => (comment.includes('localhost') ? '' : comment))
  );
}

function main(argv: readonly string[]): number {
  const url = argv.find((a) => !a.startsWith('--'));
  const outIndex = argv.indexOf('--out');
  const out = resolve(outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1]! : 'manifest.production.xml');
  if (!url) {
    console.error(
      '用法 / usage: npm run manifest -- https://<host>/taskpane.html [--out manifest.production.xml]',
    );
    return 1;
  }
  try {
    const xml = productionManifest(readFileSync(join(__dirname, '..', 'manifest.xml'), 'utf8'), url);
    writeFileSync(out, xml);
    console.log(`wrote ${out} for ${paneBase(url)}`);
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
