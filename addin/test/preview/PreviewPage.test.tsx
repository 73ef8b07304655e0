/** @jest-environment jsdom */
// The preview page around the grid and the pane: opening the sample or a chosen file, refusing
// what is not .xlsx, downloading, and the language switch shared with the pane.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Workbook } from 'exceljs';
import type { ReactElement } from 'react';
import { PreviewPage } from '../../src/preview/PreviewPage';
import { sampleUrl, type PreviewHandle } from '../../src/preview/previewWorkbook';

jest.setTimeout(30_000);

// jsdom has no ResizeObserver; Fluent's MessageBar needs one to exist.
beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

/** A small workbook made with exceljs, as a user's file would be. */
async function xlsxBytes(sheet: string, rows: (string | number)[][]): Promise<ArrayBuffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet(sheet);
  rows.forEach((r) => ws.addRow(r));
  const buf = (await wb.xlsx.writeBuffer()) as unknown as Uint8Array;
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

/** Serves the "sample" (any bytes given) and answers everything else 503, as with no API running. */
function fakeFetch(sample: ArrayBuffer | null) {
  const calls: string[] = [];
  const impl = (async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    const ok = url === sampleUrl && sample !== null;
    return {
      ok,
      status: ok ? 200 : url === sampleUrl ? 404 : 503,
      headers: new Headers(),
      arrayBuffer: async () => sample ?? new ArrayBuffer(0),
      json: async () => ({}),
      text: async () => '',
    } as unknown as Response;
  }) as typeof fetch;
  return { impl, calls };
}

const grid = () => screen.getByTestId('preview-grid');

/** Renders inside act() so the pane's first reads of the workbook settle before assertions. */
async function renderPage(page: ReactElement) {
  await act(async () => {
    render(page);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
/** A File whose bytes jsdom can hand back (its File lacks arrayBuffer()). */
function fileOf(name: string, bytes: ArrayBuffer, type: string): File {
  const file = new File([bytes], name, { type });
  Object.defineProperty(file, 'arrayBuffer', { value: async () => bytes });
  return file;
}

describe('PreviewPage', () => {
  it('offers a 片区 beside the role only for a manager, and keeps the pick for the local issuer', async () => {
    const { impl } = fakeFetch(null);
    const storage = memoryStorage();
    await renderPage(<PreviewPage queryLanguage={null} storage={storage} fetchImpl={impl} />);
    expect(screen.queryByTestId('preview-region')).toBeNull();
    await act(async () => {
      fireEvent.change(screen.getByTestId('preview-role'), { target: { value: 'Sales.Manager' } });
    });
    const region = screen.getByTestId('preview-region') as HTMLSelectElement;
    expect(region.value).toBe('华东');
    expect([...region.options].map((o) => o.value)).toEqual(['华东', '华中', '华南', '西南', '外贸']);
    await act(async () => {
      fireEvent.change(region, { target: { value: '华南' } });
    });
    expect(storage.getItem('salesdesk.preview.region')).toBe('华南');
    expect(storage.getItem('salesdesk.preview.role')).toBe('Sales.Manager');
  });

  it('opens the sample on arrival with ?sample=1 and hands the workbook to browser tests', async () => {
    const sample = await xlsxBytes('销售台账', [
      ['2026年销售台账'],
      [],
      ['日期', '合同号'],
      [46023, 'HT2026-0001'],
    ]);
    const { impl, calls } = fakeFetch(sample);
    const opened: PreviewHandle[] = [];
    await renderPage(
      <PreviewPage
        queryLanguage={null}
        openSample
        storage={memoryStorage()}
        fetchImpl={impl}
        onOpen={(h) => opened.push(h)}
      />,
    );
    await waitFor(() => expect(grid().getAttribute('data-sheet')).toBe('销售台账'));
    expect(calls).toContain(sampleUrl);
    expect(screen.getByTestId('preview-status').textContent).toContain('已打开 SalesDesk-示例台账.xlsx');
    expect(grid().querySelector('td[data-cell="B4"]')?.textContent).toBe('HT2026-0001');
    const last = opened[opened.length - 1]!;
    expect(last.fileName).toBe('SalesDesk-示例台账.xlsx');
    expect(last.workbook.cellView('销售台账', 2, 0).value).toBe('日期');
    // The pane beside it runs on the same workbook, in zh-CN.
    expect(screen.getByTestId('app-title').textContent).toBe('SalesDesk 销售助手');
  });

  it('says so when the sample is not there', async () => {
    const { impl } = fakeFetch(null);
    await renderPage(<PreviewPage queryLanguage="en-US" storage={memoryStorage()} fetchImpl={impl} />);
    expect(grid().getAttribute('data-sheet')).toBe('Sheet1');
    fireEvent.click(screen.getByTestId('preview-load-sample'));
    const error = await screen.findByTestId('preview-error');
    expect(error.textContent).toContain(sampleUrl);
    expect(error.textContent).toContain('HTTP 404');
  });

  it('opens a chosen .xlsx, refuses a .csv, and downloads under the opened name', async () => {
    const { impl } = fakeFetch(null);
    await renderPage(<PreviewPage queryLanguage={null} storage={memoryStorage()} fetchImpl={impl} />);
    const input = screen.getByTestId('preview-file-input');
    const bytes = await xlsxBytes('报价', [
      ['型号', '单价'],
      ['QJ200-50', 18600],
    ]);
    fireEvent.change(input, {
      target: { files: [fileOf('报价单.xlsx', bytes, 'application/octet-stream')] },
    });
    await waitFor(() => expect(grid().getAttribute('data-sheet')).toBe('报价'));

    fireEvent.change(input, { target: { files: [fileOf('台账.csv', new ArrayBuffer(4), 'text/csv')] } });
    expect((await screen.findByTestId('preview-error')).textContent).toContain('台账.csv');
    expect(grid().getAttribute('data-sheet')).toBe('报价');

    const saved: { name: string; blob: Blob }[] = [];
    const blobs = new Map<string, Blob>();
    URL.createObjectURL = (blob: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    };
    URL.revokeObjectURL = () => undefined;
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ name: this.download, blob: blobs.get(this.href)! });
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('preview-download'));
      await waitFor(() => expect(saved).toHaveLength(1));
    });
    click.mockRestore();
    expect(saved[0]!.name).toBe('报价单.xlsx');
    expect(saved[0]!.blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(saved[0]!.blob.size).toBeGreaterThan(1000);
  });

  it('switches the toolbar and the pane to English and back, keeping ?lang= in the address', async () => {
    const { impl } = fakeFetch(null);
    await renderPage(<PreviewPage queryLanguage={null} storage={memoryStorage()} fetchImpl={impl} />);
    expect(screen.getByTestId('preview-load-sample').textContent).toBe('载入示例台账');
    fireEvent.click(screen.getByTestId('preview-language'));
    expect(screen.getByTestId('preview-load-sample').textContent).toBe('Load sample workbook');
    expect(screen.getByTestId('preview-download').textContent).toBe('Download .xlsx');
    expect(screen.getByTestId('app-title').textContent).toBe('SalesDesk sales assistant');
    expect(new URL(window.location.href).searchParams.get('lang')).toBe('en-US');
    fireEvent.click(screen.getByTestId('preview-language'));
    expect(screen.getByTestId('app-title').textContent).toBe('SalesDesk 销售助手');
  });
});
