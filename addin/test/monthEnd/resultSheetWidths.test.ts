// The month-end sheets are written with their columns fitted to what they hold, so an amount such
// as ¥12,345,678.90 is never shown cut off (or as ####) on the in-memory workbook or in Excel.
import { MONEY_FORMAT, RESULT_SHEETS, resultSheetSpecs } from '../../src/monthEnd/resultSheets';
import { autofitWidth } from '../../src/workbook/memoryModel';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { report } from './support';

describe('month-end result sheets: column widths', () => {
  it('fits every column of every sheet to its widest header or amount', async () => {
    const r = report('2026-04');
    const t = r.reconciliation.totals[0]!;
    t.ledgerTotal = '12345678.90';
    t.booksTotal = '12346778.90';
    const wb = new MemoryWorkbook(undefined, { pause: () => Promise.resolve() });
    const specs = resultSheetSpecs(r, 'zh-CN');
    for (const key of RESULT_SHEETS) {
      const spec = specs[key];
      const written = await wb.writeResultSheet(key, spec);
      const sheet = wb.model.getSheet(written.name)!;
      spec.tables.forEach((table) =>
        table.columns.forEach((c, col) => {
          const cells = [c.header, ...table.rows.map((row) => row[col]), table.totals?.[col]];
          const texts = cells.map((v) => (v && typeof v === 'object' ? v.text : v));
          expect(sheet.columnWidths.get(col)).toBeGreaterThanOrEqual(autofitWidth(texts));
        }),
      );
    }
    // The big totals are the summary's 台账/账上 columns: wide enough for "12,345,678.90" and padding.
    const summary = wb.model.getSheet('summarySheet')!;
    expect(specs.summarySheet.tables[0]!.columns[1]?.numberFormat).toBe(MONEY_FORMAT);
    expect(specs.summarySheet.tables[0]!.rows[0]?.slice(1, 3)).toEqual([12345678.9, 12346778.9]);
    for (const col of [1, 2]) expect(summary.columnWidths.get(col)).toBeGreaterThanOrEqual(15);
  });
});
