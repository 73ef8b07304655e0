// Writes give the page a turn by elapsed time (workbook/pace.ts), inside a chunk too. Slicing must not
// change a single written cell, and a cancel at a turn inside a chunk must leave the user's sheet as it
// was. `sliceMs: 0` makes the preview's workbook pause at every look at the clock, so these tests do
// not depend on how fast the machine is.
import type { ResultColumnsRequest, ResultSheetSpec } from '../../src/workbook/adapter';
import { isCancelled } from '../../src/workbook/errors';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import type { WorkbookModel } from '../../src/workbook/memoryModel';
import { OfficeWorkbook } from '../../src/workbook/officeWorkbook';
import { RESULTS_NAME } from '../../src/workbook/ownership';
import { ROWS_PER_LOOK } from '../../src/workbook/pace';
import { jsonBytes, planWriteChunks } from '../../src/workbook/payload';
import { FakeExcel } from '../../devtools/fakeExcel';
import { FIRST_DATA_ROW, HEADER_ROW, immediate, LEDGER, ledgerWorkbook, snapshotWorkbook } from './fixtures';

jest.setTimeout(30_000);

const ROWS = 3_000;

/** The three result columns as the price check writes them: text, a price with per-row formats, text. */
function columnsRequest(rows: number, extra: Partial<ResultColumnsRequest> = {}): ResultColumnsRequest {
  return {
    headerRow: HEADER_ROW,
    firstDataRow: FIRST_DATA_ROW,
    columns: [
      {
        key: 'status',
        header: '价格状态',
        values: Array.from({ length: rows }, (_, i) => (i % 7 ? '符合' : '需审批')),
      },
      {
        key: 'minPrice',
        header: '最低允许价',
        values: Array.from({ length: rows }, (_, i) => (i % 11 ? 1000 + i / 4 : null)),
        numberFormat: '#,##0.00',
        numberFormats: Array.from({ length: rows }, (_, i) => (i % 3 ? '"¥"#,##0.00' : '"US$"#,##0.00')),
      },
      {
        key: 'why',
        header: '说明',
        values: Array.from({ length: rows }, (_, i) => `单价 ${i} 不低于最低允许价。`),
      },
    ],
    highlights: [{ columnKey: 'status', equals: ['需审批'], color: '#FFEB9C' }],
    ...extra,
  };
}

function sheetSpec(rows: number, extra: Partial<ResultSheetSpec> = {}): ResultSheetSpec {
  return {
    title: '结果',
    tables: [
      {
        caption: '要看的行',
        columns: [{ header: '位置' }, { header: '状态' }, { header: '单价', numberFormat: '#,##0.00' }],
        rows: Array.from({ length: rows }, (_, i) => [
          { text: `第 ${i + 4} 行`, sheet: LEDGER, address: `K${i + 4}` },
          i % 2 ? '低于最低限价' : '需审批',
          900 + i,
        ]),
        highlights: [{ column: 1, op: 'eq', values: ['需审批'], color: '#FFEB9C', wholeRow: true }],
      },
    ],
    ...extra,
  };
}

/** Everything the model holds, the parts snapshotWorkbook leaves out included. */
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

function counted() {
  const pauses = { n: 0 };
  return {
    pauses,
    pause: () => {
      pauses.n++;
      return Promise.resolve();
    },
  };
}

describe('writes sliced by time', () => {
  it('the preview writes the same result columns when it pauses at every look as in one go', async () => {
    const whole = new MemoryWorkbook(ledgerWorkbook(ROWS), { pause: immediate, sliceMs: Infinity });
    const { pauses, pause } = counted();
    const sliced = new MemoryWorkbook(ledgerWorkbook(ROWS), { pause, sliceMs: 0 });
    const progress: number[] = [];
    await whole.writeResultColumns(LEDGER, columnsRequest(ROWS));
    const written = await sliced.writeResultColumns(LEDGER, {
      ...columnsRequest(ROWS),
      onProgress: (p) => progress.push(p.rowsDone),
    });
    // One chunk (3,000 rows of three columns fit Excel's limits), yet a turn every ROWS_PER_LOOK rows.
    expect(progress).toEqual([ROWS]);
    expect(pauses.n).toBe(Math.ceil(ROWS / ROWS_PER_LOOK) - 1);
    expect(everything(sliced.model)).toEqual(everything(whole.model));
    const why = written.columns[2]?.col ?? -1;
    expect(sliced.model.getSheet(LEDGER)?.value(FIRST_DATA_ROW + ROWS - 1, why)).toBe(
      '单价 2999 不低于最低允许价。',
    );
  });

  it('the preview sizes its chunks row by row as it writes, into the chunks writeChunks plans', async () => {
    const limits = { bytes: 20_000, cells: 1_000_000 };
    const req = columnsRequest(ROWS);
    const planned = planWriteChunks(
      [{ width: 3, rowCount: ROWS, rowBytes: (i) => jsonBytes(req.columns.map((c) => c.values[i] ?? null)) }],
      limits,
    );
    let sum = 0;
    const expected = planned.map((chunk) => (sum += chunk.reduce((n, p) => n + p.count, 0)));
    expect(expected.length).toBeGreaterThan(5);
    const progress: number[] = [];
    const wb = new MemoryWorkbook(ledgerWorkbook(ROWS), { pause: immediate, limits });
    await wb.writeResultColumns(LEDGER, { ...req, onProgress: (p) => progress.push(p.rowsDone) });
    expect(progress).toEqual(expected);
  });

  it('the preview writes the same result sheet when it pauses at every look as in one go', async () => {
    const whole = new MemoryWorkbook(ledgerWorkbook(5), { pause: immediate, sliceMs: Infinity });
    const { pauses, pause } = counted();
    const sliced = new MemoryWorkbook(ledgerWorkbook(5), { pause, sliceMs: 0 });
    await whole.writeResultSheet('价格检查结果', sheetSpec(ROWS));
    await sliced.writeResultSheet('价格检查结果', sheetSpec(ROWS));
    expect(pauses.n).toBeGreaterThanOrEqual(Math.floor(ROWS / ROWS_PER_LOOK) - 1);
    expect(everything(sliced.model)).toEqual(everything(whole.model));
  });

  it('a cancel at a turn inside a chunk leaves the ledger as it was and claims no columns', async () => {
    const model = ledgerWorkbook(ROWS);
    const before = everything(model);
    const stop = new AbortController();
    let pauses = 0;
    const wb = new MemoryWorkbook(model, {
      sliceMs: 0,
      pause: async () => {
        if (++pauses === 3) stop.abort();
      },
    });
    const error = await wb
      .writeResultColumns(LEDGER, { ...columnsRequest(ROWS), signal: stop.signal })
      .catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    expect(pauses).toBe(3);
    expect(everything(model)).toEqual(before);
    expect(model.getSheet(LEDGER)?.names.has(RESULTS_NAME)).toBe(false);
  });

  it('a cancel at a turn inside a result sheet chunk takes the new sheet away', async () => {
    const model = ledgerWorkbook(5);
    const before = everything(model);
    const stop = new AbortController();
    let pauses = 0;
    const wb = new MemoryWorkbook(model, {
      sliceMs: 0,
      pause: async () => {
        if (++pauses === 2) stop.abort();
      },
    });
    const error = await wb
      .writeResultSheet('价格检查结果', sheetSpec(ROWS, { signal: stop.signal }))
      .catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    expect(everything(model)).toEqual(before);
  });

  it('Excel gets the same cells when its inputs are made chunk by chunk, with a turn between chunks', async () => {
    const limits = { bytes: 4_000_000, cells: 900 };
    const memory = new MemoryWorkbook(ledgerWorkbook(ROWS), { pause: immediate, limits });
    const fake = new FakeExcel(ledgerWorkbook(ROWS));
    const { pauses, pause } = counted();
    const office = new OfficeWorkbook({ run: fake.run, limits, pause });
    await memory.writeResultColumns(LEDGER, columnsRequest(ROWS));
    await office.writeResultColumns(LEDGER, columnsRequest(ROWS));
    const chunks = Math.ceil(ROWS / (900 / 3));
    // A turn before each chunk is queued (the first after the survey, the rest after the sizing).
    expect(pauses.n).toBe(chunks);
    expect(snapshotWorkbook(fake.model, { sheet: '', cols: new Set() })).toEqual(
      snapshotWorkbook(memory.model, { sheet: '', cols: new Set() }),
    );
  });

  it('a cancel at Excel’s turn between chunks takes back what was written', async () => {
    const model = ledgerWorkbook(ROWS);
    const before = everything(model);
    const stop = new AbortController();
    const fake = new FakeExcel(model);
    const office = new OfficeWorkbook({
      run: fake.run,
      limits: { bytes: 4_000_000, cells: 900 },
      pause: async () => stop.abort(),
    });
    const error = await office
      .writeResultColumns(LEDGER, { ...columnsRequest(ROWS), signal: stop.signal })
      .catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    expect(everything(model)).toEqual(before);
  });
});
