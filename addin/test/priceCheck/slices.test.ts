/**
 * Planning the price check in slices (with pauses between them, so the pane stays responsive) gives
 * the same plan as reading the whole sheet at once: on the sample 销售台账, with merges, hidden rows,
 * subtotals, blanks and unreadable cells, whatever the slice size.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  detectSalesLedger,
  PlanCancelled,
  planPriceCheck,
  planPriceCheckInSlices,
  sliceBounds,
} from '../../src/priceCheck';
import type { SheetGrid } from '../../src/sheets';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';

const root = join(__dirname, '..', '..', '..');
const SHEET = '销售台账';

describe('planning the price check in slices', () => {
  let grid: SheetGrid;
  beforeAll(async () => {
    const wb = await MemoryWorkbook.fromXlsx(readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx')), {
      pause: () => Promise.resolve(),
    });
    grid = await wb.readSheet(SHEET, { numberFormats: true });
  });

  it('never cuts through a merged area', () => {
    // the sample merges C722:C724 (grid rows 721–723)
    const bounds = sliceBounds(grid, 3, grid.values.length, 1);
    expect(bounds.find(([from]) => from === 721)).toEqual([721, 724]);
    expect(bounds.some(([from]) => from === 722 || from === 723)).toBe(false);
    expect(bounds[0]?.[0]).toBe(3);
    expect(bounds[bounds.length - 1]?.[1]).toBe(grid.values.length);
  });

  it.each([1, 7, 1000, 4000])('gives the one-go plan with %i rows per slice', async (rowsPerSlice) => {
    const mapping = detectSalesLedger(grid);
    const whole = planPriceCheck(grid, mapping);
    let pauses = 0;
    const progress: number[] = [];
    const sliced = await planPriceCheckInSlices(grid, mapping, {
      rowsPerSlice,
      pause: async () => {
        pauses++;
      },
      onProgress: (done) => progress.push(done),
    });
    expect(sliced).toEqual(whole);
    expect(whole.entries.length).toBeGreaterThan(3000);
    // the merged customer cell is read into every row it covers
    expect(sliced.entries.find((e) => e.sheetRow === 723)?.values.customer).toBe(
      sliced.entries.find((e) => e.sheetRow === 722)?.values.customer,
    );
    expect(pauses).toBe(progress.length - 1);
    expect(pauses).toBeGreaterThanOrEqual(Math.floor((grid.values.length - 3) / rowsPerSlice / 2));
  });

  it('stops between slices when cancelled', async () => {
    const stop = new AbortController();
    let slices = 0;
    await expect(
      planPriceCheckInSlices(grid, detectSalesLedger(grid), {
        rowsPerSlice: 500,
        signal: stop.signal,
        onProgress: () => {
          if (++slices === 2) stop.abort();
        },
      }),
    ).rejects.toBeInstanceOf(PlanCancelled);
    expect(slices).toBe(2);
  });
});
