/**
 * @jest-environment jsdom
 */
// The production manifest generator (scripts/productionManifest.ts), offline: well-formed, every URL
// moved to the deployed task pane, nothing left on localhost, ids and resources kept.
import { readFileSync } from 'fs';
import { join } from 'path';
import { paneBase, productionManifest } from '../../../scripts/productionManifest';

const dev = readFileSync(join(__dirname, '..', '..', '..', 'manifest.xml'), 'utf8');
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
const all = (doc: Document, tag: string) =>
  Array.from(doc.getElementsByTagName('*')).filter((e) => e.localName === tag);
const urlsOf = (xml: string) => [...xml.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]);

describe('production manifest', () => {
  const url = 'https://salesdesk.z13.web.core.windows.net/pane/taskpane.html';
  const prod = productionManifest(dev, url);
  const doc = parse(prod);

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

  it('refuses addresses Office cannot load', () => {
    expect(() => paneBase('http://example.com/taskpane.html')).toThrow(/https/);
    expect(() => paneBase('https://example.com/index.html')).toThrow(/taskpane\.html/);
    expect(() => paneBase('not a url')).toThrow(/URL/);
    expect(paneBase('https://example.com/taskpane.html')).toBe('https://example.com');
  });
});
