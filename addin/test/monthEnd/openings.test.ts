/**
 * 期初余额 read from its sheet as month-end ledger kind `openings`: headers by synonyms under a title,
 * USD and negative balances, a bad row named by sheet, row and column and left out while the good rows
 * go on, a 合计 row skipped; and the sheet is told apart from Finance's books (which have a 余额 column).
 */
import {
  chooseLedgerSheets,
  detectLedger,
  ledgerFit,
  monthsOf,
  readLedgerSheet,
} from '../../src/monthEnd/ledgerRows';
import type { SheetGrid } from '../../src/sheets';

const grid = (name: string, values: unknown[][]): SheetGrid => ({ name, values });

const OPENINGS = grid('期初余额', [
  ['2026年客户期初余额（与财务核对）'],
  [],
  ['单位名称', '币别', '期初应收余额', '截至日期', '业务员', '备注'],
  ['华东水务', '', '¥12,500.00', '2025-12-31', '张伟', '上年结转'],
  ['Pacific Pumps Ltd', 'USD', '8,250.00', '2025/12/31', '', ''],
  ['北方农机', '人民币', '-300.50', '2025-12-31', '李娜', '预收'],
  ['西南泵业', '', '一万二', '2025-12-31', '', ''],
  ['合计', '', '20,449.50', '', '', ''],
]);

describe('期初余额 sheet', () => {
  it('reads each customer’s balance exactly, with currency, as-of date and rep', () => {
    const mapping = detectLedger('openings', OPENINGS);
    expect(mapping.headerRow).toBe(2);
    const read = readLedgerSheet('openings', OPENINGS, mapping);
    expect(read.rows.map((r) => [r.customer, r.currency, r.amount, r.date, r.rep, r.source.row])).toEqual([
      ['华东水务', 'CNY', '12500.00', '2025-12-31', '张伟', 4],
      ['Pacific Pumps Ltd', 'USD', '8250.00', '2025-12-31', null, 5],
      ['北方农机', 'CNY', '-300.50', '2025-12-31', '李娜', 6],
    ]);
    expect(monthsOf('openings', read.rows)).toEqual(['2025-12']);
  });

  it('names the bad row by sheet, row and column and still reads the others; the total row is no entry', () => {
    const read = readLedgerSheet('openings', OPENINGS, detectLedger('openings', OPENINGS));
    expect(read.problems).toEqual([
      expect.objectContaining({ sheet: '期初余额', row: 7, cell: 'C7', found: '一万二' }),
    ]);
    expect(read.skippedRows).toContain(8);
    expect(read.rows).toHaveLength(3);
  });

  it('is told apart from Finance’s books, which have 余额 but no 期初余额 column', () => {
    const books = grid('应收账款明细账', [
      ['应收账款明细账'],
      ['日期', '凭证字号', '往来单位', '摘要', '借方金额', '贷方金额', '方向', '余额'],
      ['2026-04-01', '记-1', '华东水务', '销售', '100.00', '', '借', '100.00'],
    ]);
    expect(ledgerFit('openings', books)).toBe(0);
    expect(ledgerFit('openings', OPENINGS)).toBeGreaterThan(0);
    const grids = new Map([
      ['应收账款明细账', books],
      ['期初余额', OPENINGS],
    ]);
    expect(
      chooseLedgerSheets([...grids.keys()], '应收账款明细账', (kind, sheet) =>
        ledgerFit(kind, grids.get(sheet)!),
      ),
    ).toEqual({ books: '应收账款明细账', openings: '期初余额' });
  });
});

describe('the sample’s 期初余额 sheet', () => {
  it('reads every opening balance samples/expected.json lists, nothing else, no problem', async () => {
    const { readFileSync } = await import('fs');
    const { join } = await import('path');
    const { MemoryWorkbook } = await import('../../src/workbook/memoryWorkbook');
    const root = join(__dirname, '..', '..', '..');
    const expected = JSON.parse(readFileSync(join(root, 'samples', 'expected.json'), 'utf8')) as {
      receivables: { customers: { customer: string; currency: string; openingMinor: number }[] };
    };
    const wb = await MemoryWorkbook.fromXlsx(readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx')));
    const grid = await wb.readSheet('期初余额', { numberFormats: true });
    const read = readLedgerSheet('openings', grid, detectLedger('openings', grid));
    expect(read.problems).toEqual([]);
    const fen = (t: string) => Math.round(Number(t) * 100);
    const got = Object.fromEntries(read.rows.map((r) => [`${r.customer}|${r.currency}`, fen(r.amount)]));
    const want = Object.fromEntries(
      expected.receivables.customers
        .filter((c) => c.openingMinor !== 0)
        .map((c) => [`${c.customer}|${c.currency}`, c.openingMinor]),
    );
    expect(got).toEqual(want);
    expect(new Set(read.rows.map((r) => r.date))).toEqual(new Set(['2025-12-31']));
  });
});
