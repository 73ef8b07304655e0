// Chunk sizing: estimates never fall short, and chunks respect the budget and cover every row once.
import fc from 'fast-check';
import {
  chunkCursor,
  jsonBytes,
  planWriteChunks,
  readChunkRows,
  writeChunks,
} from '../../src/workbook/payload';
import { hyperlinkFormula, parseHyperlinkFormula, toExcelInput } from '../../src/workbook/cellInput';
import { parseArea, parseAreas, sheetPrefix, splitSheet } from '../../src/workbook/a1';

const cell = fc.oneof(
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

describe('jsonBytes', () => {
  it('is never below the UTF-8 size of the JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }), (rows) => {
        expect(jsonBytes(rows)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(rows), 'utf8'));
      }),
    );
  });

  it('counts CJK text as escapes', () => {
    expect(jsonBytes('低于限价')).toBe(2 + 4 * 6);
    expect(jsonBytes(['a', 1, null])).toBe(2 + 3 + 1 + 4 + 2);
  });
});

describe('readChunkRows', () => {
  it('shrinks with width and with number formats, never below one row', () => {
    expect(readChunkRows(15, false)).toBe(6666);
    expect(readChunkRows(15, true)).toBe(4761);
    expect(readChunkRows(3, false)).toBe(33_333);
    expect(readChunkRows(16_384, true)).toBe(4);
    expect(readChunkRows(1, false, { bytes: 10, cells: 10 })).toBe(1);
  });
});

describe('planWriteChunks', () => {
  it('covers every row once, in order, within the byte budget and cell cap', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            width: fc.integer({ min: 1, max: 5 }),
            sizes: fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 60 }),
          }),
          {
            maxLength: 4,
          },
        ),
        fc.integer({ min: 50, max: 2000 }),
        fc.integer({ min: 5, max: 100 }),
        (blocks, bytes, cells) => {
          const chunks = planWriteChunks(
            blocks.map((b) => ({
              width: b.width,
              rowCount: b.sizes.length,
              rowBytes: (i) => b.sizes[i] ?? 0,
            })),
            { bytes, cells },
          );
          const seen: string[] = [];
          for (const chunk of chunks) {
            let used = 0;
            let n = 0;
            for (const p of chunk)
              for (let i = p.start; i < p.start + p.count; i++) {
                seen.push(`${p.block}:${i}`);
                used += (blocks[p.block]?.sizes[i] ?? 0) + 1;
                n += blocks[p.block]?.width ?? 0;
              }
            const rows = chunk.reduce((k, p) => k + p.count, 0);
            if (rows > 1) {
              expect(used).toBeLessThanOrEqual(bytes);
              expect(n).toBeLessThanOrEqual(cells);
            }
          }
          expect(seen).toEqual(blocks.flatMap((b, bi) => b.sizes.map((_, i) => `${bi}:${i}`)));
        },
      ),
    );
  });
});

describe('cell input for Excel', () => {
  it('keeps text as text and makes links HYPERLINK formulas', () => {
    expect(toExcelInput('001234')).toBe("'001234");
    expect(toExcelInput('')).toBe('');
    expect(toExcelInput(null)).toBe('');
    expect(toExcelInput(Number.NaN)).toBe('');
    expect(toExcelInput(12.5)).toBe(12.5);
    expect(toExcelInput({ text: '第12行', sheet: "O'Neil 台账", address: 'A12' })).toBe(
      '=HYPERLINK("#\'O\'\'Neil 台账\'!A12","第12行")',
    );
  });

  it('reads back every link it writes', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[\\/?*[\]:]/.test(s)),
        fc.string({ maxLength: 20 }),
        (sheet, text) => {
          expect(parseHyperlinkFormula(hyperlinkFormula(text, sheet, 'B7'))).toEqual({
            text,
            sheet,
            address: 'B7',
          });
        },
      ),
    );
  });
});

describe('A1 addresses', () => {
  it('quote sheet names when Excel would, and split them back', () => {
    expect(sheetPrefix('Sheet1')).toBe('Sheet1!');
    expect(sheetPrefix('A1')).toBe("'A1'!");
    expect(sheetPrefix('销售 台账')).toBe("'销售 台账'!");
    expect(splitSheet("='O''Neil'!$A$1:$B$2")).toEqual({ sheet: "O'Neil", ref: '$A$1:$B$2' });
  });

  it('parse areas, whole columns and unions', () => {
    expect(parseArea('Sheet1!$Q$3:$S$1002')).toEqual({ row: 2, col: 16, rowCount: 1000, colCount: 3 });
    expect(parseArea('Q:S')).toMatchObject({ row: 0, col: 16, colCount: 3 });
    expect(parseArea('#REF!')).toBeNull();
    expect(parseAreas("'销售,台账'!A1:A3, '销售,台账'!C5")).toEqual([
      { row: 0, col: 0, rowCount: 3, colCount: 1 },
      { row: 4, col: 2, rowCount: 1, colCount: 1 },
    ]);
  });
});

// The write phase used to size all 100,000 rows before its first chunk: one long main-thread block.
describe('writeChunks', () => {
  const limits = { bytes: 1000, cells: 1_000_000 };
  it('sizes only the rows of the chunk asked for (plus the one that closed it)', () => {
    let sized = 0;
    const block = { width: 3, rowCount: 100_000, rowBytes: () => (sized++, 99) };
    const first = writeChunks([block], limits).next();
    expect(first.value).toEqual([{ block: 0, start: 0, count: 10 }]);
    expect(sized).toBe(11);
  });

  it('gives the same chunks as planWriteChunks, and the cursor marks only the last', () => {
    const blocks = [
      { width: 2, rowCount: 37, rowBytes: (i: number) => 40 + (i % 7) * 30 },
      { width: 5, rowCount: 0, rowBytes: () => 10 },
      { width: 1, rowCount: 23, rowBytes: () => 120 },
    ];
    const cursor = chunkCursor(writeChunks(blocks, limits));
    const seen: { pieces: unknown; last: boolean }[] = [];
    for (let c = cursor.next(); c; c = cursor.next()) seen.push(c);
    expect(seen.map((c) => c.pieces)).toEqual(planWriteChunks(blocks, limits));
    expect(seen.map((c) => c.last)).toEqual(seen.map((_, k) => k === seen.length - 1));
    expect(seen.length).toBeGreaterThan(2);
  });
});
