/**
 * The sample workbook through the pane's readers and the back end's pure 账账核对
 * (functions/src/domain/monthEnd): exactly the differences samples/expected.json lists, on the rows
 * it names, and the totals explained to the fen. This ties the three together without HTTP; the
 * browser test does it again through the tab.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { BookEntry, ShipmentRow } from '../../../functions/src/contract/monthEnd';
import { keyRows, reconcile } from '../../../functions/src/domain/monthEnd';
import { detectLedger, readLedgerSheet } from '../../src/monthEnd/ledgerRows';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';

interface ExpectedDifference {
  class: string;
  ledgerRow: number | null;
  booksRow: number | null;
  differenceFen: number;
}
interface Expected {
  monthEnd: {
    sheet: string;
    months: string[];
    perMonth: Record<string, { differenceFen: number; differences: ExpectedDifference[] }>;
  };
}

const root = join(__dirname, '..', '..', '..');
const expected = JSON.parse(readFileSync(join(root, 'samples', 'expected.json'), 'utf8')) as Expected;
const fen = (text: string): number => {
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  const v = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return text.startsWith('-') ? -v : v;
};

describe('账账核对 of the sample workbook (readers + pure domain)', () => {
  let shipments: ShipmentRow[];
  let books: BookEntry[];
  beforeAll(async () => {
    const wb = await MemoryWorkbook.fromXlsx(readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx')), {
      pause: () => Promise.resolve(),
    });
    const s = await wb.readSheet('发货台账', { numberFormats: true });
    shipments = readLedgerSheet('shipments', s, detectLedger('shipments', s)).rows as ShipmentRow[];
    const b = await wb.readSheet(expected.monthEnd.sheet, { numberFormats: true });
    books = readLedgerSheet('books', b, detectLedger('books', b)).rows as BookEntry[];
  });

  it.each(expected.monthEnd.months)('%s: exactly the planted differences, explained to the fen', (month) => {
    const truth = expected.monthEnd.perMonth[month];
    if (!truth) throw new Error(`no truth for ${month}`);
    const result = reconcile({
      month,
      shipments: keyRows('shipments', shipments).keyed,
      books: keyRows('books', books).keyed,
      windowDays: 5,
    });
    const found = result.differences
      .map((d) => ({
        class: d.class,
        ledgerRow: d.ledger?.sources[0]?.row ?? null,
        booksRow: d.books?.sources[d.books.sources.length - 1]?.row ?? null,
        differenceFen: fen(d.effect),
      }))
      .sort(
        (a, b) =>
          a.class.localeCompare(b.class) ||
          (a.ledgerRow ?? a.booksRow ?? 0) - (b.ledgerRow ?? b.booksRow ?? 0),
      );
    const want = truth.differences.map((d) => ({
      class: d.class,
      ledgerRow: d.ledgerRow,
      booksRow: d.booksRow,
      differenceFen: d.differenceFen,
    }));
    expect(found).toEqual(want);
    for (const t of result.totals) expect(t.remainder).toMatch(/^-?0(\.0+)?$/);
    const cny = result.totals.find((t) => t.currency === 'CNY');
    expect(cny && fen(cny.difference)).toBe(truth.differenceFen);
  });
});
