/**
 * The whole price check of the sample workbook, against the real dev host, with every turn the pane
 * gives the page taken as often as it can be (the preview's workbook pausing at every look at the
 * clock, 1-row… slices): the workbook comes out exactly as from a run in one go, and a cancel at a turn
 * inside the write leaves the workbook as the user had it. No timing is asserted (that is the bench's).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { createApiClient } from '../../src/api/client';
import { runPriceCheck, type PriceCheckError } from '../../src/priceCheck';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import type { WorkbookModel } from '../../src/workbook/memoryModel';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';
import { actingAs, useSignedIn } from '../support/signIn';
import { snapshotWorkbook } from '../workbook/fixtures';

const root = join(__dirname, '..', '..', '..');
const SAMPLE = readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx'));
const policy = (
  JSON.parse(readFileSync(join(root, 'samples', 'expected.json'), 'utf8')) as { policy: unknown }
).policy;
const SHEET = '销售台账';

/** Every cell, format, link, fill, name, conditional format and chart of every sheet. */
function everything(model: WorkbookModel) {
  return {
    cells: snapshotWorkbook(model, { sheet: '', cols: new Set() }),
    sheets: model.sheets.map((s) => ({
      name: s.name,
      names: [...s.names].sort(),
      conditionalFormats: s.conditionalFormats,
      charts: s.charts,
      widths: [...s.columnWidths].sort((a, b) => a[0] - b[0]),
    })),
  };
}

describe('the price check in the finest slices, on the sample workbook and the dev host', () => {
  useAzurite();
  const host = useDevHost();
  useSignedIn('张内勤', 'Sales.Clerk');

  beforeAll(async () => {
    const res = await fetch(`${host.baseUrl}/price-policy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...actingAs('王部长', 'Sales.Head') },
      body: JSON.stringify(policy),
    });
    if (res.status >= 300) throw new Error(`publishing the sample policy: ${res.status} ${await res.text()}`);
  });

  const api = () => createApiClient({ baseUrl: host.baseUrl });

  it('writes exactly what a run in one go writes', async () => {
    const whole = await MemoryWorkbook.fromXlsx(SAMPLE, {
      pause: () => Promise.resolve(),
      sliceMs: Infinity,
    });
    let pauses = 0;
    const count = async () => {
      pauses++;
    };
    const sliced = await MemoryWorkbook.fromXlsx(SAMPLE, { pause: count, sliceMs: 0 });
    const a = await runPriceCheck({ workbook: whole, api: api(), sheet: SHEET, locale: 'zh-CN' });
    pauses = 0;
    const b = await runPriceCheck({
      workbook: sliced,
      api: api(),
      sheet: SHEET,
      locale: 'zh-CN',
      pause: count,
    });
    // 3,306 lines: turns after the read and the header, and every 256 rows of the write (one chunk).
    expect(pauses).toBeGreaterThan(10);
    expect(b.counts).toEqual(a.counts);
    expect(everything(sliced.model)).toEqual(everything(whole.model));
  });

  it('a cancel at a turn inside the write leaves the workbook as the user had it', async () => {
    const stop = new AbortController();
    let writing = false;
    let turns = 0;
    // The preview's workbook pauses at every look at the clock; the second turn inside the write cancels.
    const wb = await MemoryWorkbook.fromXlsx(SAMPLE, {
      sliceMs: 0,
      pause: async () => {
        if (writing && ++turns === 2) stop.abort();
      },
    });
    const before = everything(wb.model);
    const e = (await runPriceCheck({
      workbook: wb,
      api: api(),
      sheet: SHEET,
      locale: 'zh-CN',
      signal: stop.signal,
      onProgress: (p) => {
        if (p.phase === 'check' && p.done === p.total) writing = true;
      },
    }).catch((x: unknown) => x)) as PriceCheckError;
    expect(e.code).toBe('cancelled');
    expect(turns).toBe(2);
    expect(everything(wb.model)).toEqual(before);
  });
});
