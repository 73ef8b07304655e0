/**
 * @jest-environment jsdom
 */
// The production manifest generator (scripts/productionManifest.ts), offline: well-formed, every URL
// moved to the deployed task pane, nothing left on localhost, ids and resources kept.
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..', '..', '..');
const dev = readFileSync(join(root, 'manifest.xml'), 'utf8');

/** Runs `npm run manifest -- <url> --out <file>` as a user would (node + tsx, no npm). */
function generate(url: string): { status: number | null; stderr: string; xml: string | null } {
  const out = join(mkdtempSync(join(tmpdir(), 'salesdesk-manifest-')), 'manifest.xml');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'productionManifest.ts'), url, '--out', out],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  );
  let xml: string | null = null;
  try {
    xml = readFileSync(out, 'utf8');
  } catch {
    xml = null;
  }
  return { status: run.status, stderr: run.stderr, xml };
}
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
const all = (doc: Document, tag: string) =>
  Array.from(doc.getElementsByTagName('*')).filter((e) => e.localName === tag);
const urlsOf = (xml: string) => [...xml.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]);

describe('production manifest', () => {
  const url = 'https://salesdesk.z13.web.core.windows.net/pane/taskpane.html';
  const run = generate(url);
  const prod = run.xml ?? '';
  const doc = parse(prod);

  it('is written by the script', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(prod.length).toBeGreaterThan(1000);
  });

  it('is well-formed XML of the same add-in (id, version, resources kept)', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const devDoc = parse(dev);
    expect(all(doc, 'Id')[0]?.textContent).toBe(all(devDoc, 'Id')[0]?.textContent);
    expect(all(doc, 'Version')[0]?.textContent).toBe(all(devDoc, 'Version')[0]?.textContent);
    const ids = (d: Document) => Array.from(d.querySelectorAll('[id]')).map((e) => e.getAttribute('id'));
    expect(ids(doc)).toEqual(ids(devDoc));
  });

  it('moves every development URL to the pane base and leaves none on localhost', () => {
    expect(prod).not.toContain('localhost');
    const devUrls = urlsOf(dev).filter((u) => u.startsWith('https://localhost:3000'));
    const moved = devUrls.map((u) =>
      u.replace('https://localhost:3000', 'https://salesdesk.z13.web.core.windows.net/pane'),
    );
    for (const u of moved.filter((u) => !u.endsWith('/pane'))) expect(prod).toContain(u);
    expect(all(doc, 'SourceLocation')[0]?.getAttribute('DefaultValue')).toBe(url);
    expect(all(doc, 'AppDomain')[0]?.textContent).toBe('https://salesdesk.z13.web.core.windows.net');
    // Schema URLs (xmlns) are not development URLs and stay.
    expect(urlsOf(prod).filter((u) => u.startsWith('http://schemas'))).toEqual(
      urlsOf(dev).filter((u) => u.startsWith('http://schemas')),
    );
  });

  it('refuses addresses Office cannot load, writing nothing', () => {
    for (const [bad, why] of [
      ['http://example.com/taskpane.html', /https/],
      ['https://example.com/index.html', /taskpane\.html/],
      ['not a url', /URL/],
    ] as const) {
      const refused = generate(bad);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(why);
      expect(refused.xml).toBeNull();
    }
  });
});
