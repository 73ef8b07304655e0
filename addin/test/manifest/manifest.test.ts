/**
 * @jest-environment jsdom
 */
// The manifest, checked offline (office-addin-manifest validate needs Microsoft's service):
// well-formed, every resid defined, one origin, every file it names exists in the production build,
// every user-visible string in zh-CN (default) and en-US.
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { EXCEL_API_VERSION } from '../../src/taskpane/requirements';

const root = join(__dirname, '..', '..', '..');
const dist = join(root, 'addin', 'dist');
const xml = readFileSync(join(root, 'manifest.xml'), 'utf8');
const doc = new DOMParser().parseFromString(xml, 'application/xml');
const all = (tag: string) => Array.from(doc.getElementsByTagName('*')).filter((e) => e.localName === tag);
const ORIGIN = 'https://localhost:3000';

describe('manifest.xml', () => {
  it('is well-formed XML for a task pane add-in in Excel', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.localName).toBe('OfficeApp');
    expect(doc.documentElement.getAttribute('xsi:type')).toBe('TaskPaneApp');
    expect(all('Host').some((h) => h.getAttribute('Name') === 'Workbook')).toBe(true);
  });

  it('has a GUID id and a four-part version', () => {
    expect(all('Id')[0]?.textContent).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    );
    expect(all('Version')[0]?.textContent).toMatch(/^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/);
  });

  it('declares a shared runtime used by the task pane and the SALES custom functions', () => {
    const runtime = all('Runtime')[0];
    expect(runtime?.getAttribute('lifetime')).toBe('long');
    const runtimeResid = runtime?.getAttribute('resid');
    const cf = all('ExtensionPoint').find((e) => e.getAttribute('xsi:type') === 'CustomFunctions');
    expect(cf).toBeDefined();
    const page = Array.from(cf!.getElementsByTagName('*')).find((e) => e.localName === 'Page');
    expect(page?.firstElementChild?.getAttribute('resid')).toBe(runtimeResid);
    const ns = all('Namespace')[0]?.getAttribute('resid');
    const nsString = all('String').find((s) => s.getAttribute('id') === ns);
    expect(nsString?.getAttribute('DefaultValue')).toBe('SALES');
    expect(all('Set').some((s) => s.getAttribute('Name') === 'SharedRuntime')).toBe(true);
    const button = all('Action').find((a) => a.getAttribute('xsi:type') === 'ShowTaskpane');
    const taskpaneResid = Array.from(button!.getElementsByTagName('*')).find(
      (e) => e.localName === 'SourceLocation',
    );
    expect(taskpaneResid?.getAttribute('resid')).toBe(runtimeResid);
    expect(all('OfficeTab')[0]?.getAttribute('id')).toBe('TabHome');
  });

  it('declares the Excel API the workbook adapter needs (ExcelApi 1.13), as the pane checks at start', () => {
    const set = all('Set').find((s) => s.getAttribute('Name') === 'ExcelApi');
    expect(set?.getAttribute('MinVersion')).toBe(EXCEL_API_VERSION);
    expect(EXCEL_API_VERSION).toBe('1.13');
  });

  it('points SupportUrl and the Help link at the help page the build produces', () => {
    expect(all('SupportUrl')[0]?.getAttribute('DefaultValue')).toBe(`${ORIGIN}/help.html`);
  });

  it('defines every resid it uses, once', () => {
    const defined = new Map<string, number>();
    for (const tag of ['Image', 'Url', 'String']) {
      for (const e of all(tag)) {
        const id = e.getAttribute('id');
        if (id) defined.set(id, (defined.get(id) ?? 0) + 1);
      }
    }
    const used = Array.from(doc.getElementsByTagName('*')).flatMap((e) =>
      e.getAttribute('resid') ? [e.getAttribute('resid')!] : [],
    );
    expect(used.length).toBeGreaterThan(5);
    for (const id of used) expect({ id, defined: defined.get(id) ?? 0 }).toEqual({ id, defined: 1 });
  });

  it('names only URLs on one https origin', () => {
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]!);
    urls.push(...all('AppDomain').map((e) => e.textContent!.trim()));
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(new URL(url).origin).toBe(ORIGIN);
  });

  it('gives every user-visible string a zh-CN default and an en-US override', () => {
    expect(all('DefaultLocale')[0]?.textContent).toBe('zh-CN');
    const topLevel = [...all('DisplayName'), ...all('Description')].filter(
      (e) => e.parentElement === doc.documentElement,
    );
    const localized = [...topLevel, ...all('String')];
    expect(localized.length).toBeGreaterThan(6);
    for (const e of localized) {
      const overrides = Array.from(e.children).filter((c) => c.localName === 'Override');
      const label = e.getAttribute('id') ?? e.localName;
      expect({ label, locales: overrides.map((o) => o.getAttribute('Locale')) }).toEqual({
        label,
        locales: ['en-US'],
      });
      expect(e.getAttribute('DefaultValue')).toBeTruthy();
    }
    // zh-CN text really is Chinese where it is prose (not the namespace).
    for (const id of ['GetStarted.Description', 'TaskpaneButton.Tooltip']) {
      expect(
        all('String')
          .find((s) => s.getAttribute('id') === id)
          ?.getAttribute('DefaultValue'),
      ).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('names only files that the production build produces', () => {
    expect(existsSync(dist)).toBe(true); // run `npm run build` first: `npm test` does
    const urls = new Set([...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]!));
    for (const url of urls) {
      const file = join(dist, new URL(url).pathname);
      expect({ url, exists: existsSync(file) }).toEqual({ url, exists: true });
    }
    expect(existsSync(join(dist, 'manifest.xml'))).toBe(true);
  });

  it('ships custom-function metadata in both languages with the same functions', () => {
    const zh = JSON.parse(readFileSync(join(dist, 'functions.json'), 'utf8'));
    const en = JSON.parse(readFileSync(join(dist, 'functions.en-US.json'), 'utf8'));
    const ids = (m: { functions: { id: string }[] }) => m.functions.map((f) => f.id).sort();
    expect(ids(zh)).toEqual(ids(en));
    expect(ids(en).length).toBeGreaterThan(0);
    for (const f of zh.functions) expect(f.description).toMatch(/[\u4e00-\u9fff]/);
    for (const f of en.functions) expect(f.description).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
