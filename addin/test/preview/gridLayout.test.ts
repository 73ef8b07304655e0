// Where the grid puts things: shown rows, column widths, the rows in view, merged areas, tables.
import { cellKey, SheetModel } from '../../src/workbook/memoryModel';
import {
  columnPixels,
  HEADER_HEIGHT,
  indexAtOrAfter,
  mergePlacements,
  revealCell,
  ROW_HEADER_WIDTH,
  ROW_HEIGHT,
  rowWindow,
  sheetLayout,
  tablePart,
} from '../../src/preview/gridLayout';

function sheet(rows: number, cols: number): SheetModel {
  const s = new SheetModel('销售台账');
  for (let r = 0; r < rows; r++)
    s.setRow(
      r,
      0,
      Array.from({ length: cols }, (_, c) => r * 100 + c),
    );
  return s;
}

describe('sheetLayout', () => {
  it('draws the data plus a margin of empty rows and columns, leaving hidden rows out', () => {
    const s = sheet(100, 12);
    s.hiddenRows.add(5).add(50);
    s.frozenRows = 3;
    s.columnWidths.set(2, 30);
    const layout = sheetLayout(s);
    expect(layout.rows).not.toContain(5);
    expect(layout.rows).not.toContain(50);
    expect(layout.rows.length).toBe(120 - 2);
    expect(layout.frozenCount).toBe(3);
    expect(layout.colCount).toBe(14);
    expect(layout.colWidths[2]).toBe(columnPixels(30));
    expect(layout.colLefts[3]).toBe(64 * 2 + columnPixels(30));
    expect(layout.totalWidth).toBe(ROW_HEADER_WIDTH + layout.colWidths.reduce((a, b) => a + b, 0));
  });

  it('shows an empty sheet as a screenful of empty cells', () => {
    const layout = sheetLayout(new SheetModel('Sheet1'));
    expect(layout.rows.length).toBe(40);
    expect(layout.colCount).toBe(10);
  });

  it('counts frozen rows that are hidden out of the frozen band', () => {
    const s = sheet(10, 2);
    s.frozenRows = 3;
    s.hiddenRows.add(1);
    expect(sheetLayout(s).frozenCount).toBe(2);
  });
});

describe('columnPixels', () => {
  it('turns Excel character widths into pixels, 64 px by default', () => {
    expect(columnPixels(undefined)).toBe(64);
    expect(columnPixels(8.43)).toBe(64);
    expect(columnPixels(0.1)).toBe(24);
    expect(columnPixels(500)).toBe(600);
  });
});

describe('rowWindow', () => {
  it('covers the rows in view below the frozen rows, plus overscan', () => {
    const w = rowWindow({ scrollTop: 0, viewportHeight: 600, rowCount: 4000, frozenCount: 3, overscan: 5 });
    expect(w.first).toBe(3);
    expect(w.last).toBe(Math.ceil((600 - HEADER_HEIGHT) / ROW_HEIGHT) - 1 + 5);
    const far = rowWindow({
      scrollTop: 2000 * ROW_HEIGHT,
      viewportHeight: 600,
      rowCount: 4000,
      frozenCount: 3,
      overscan: 5,
    });
    expect(far.first).toBe(2000 + 3 - 5);
    expect(far.last - far.first).toBeLessThan(50);
  });

  it('stops at the last row and never starts inside the frozen rows', () => {
    const w = rowWindow({ scrollTop: 1e9, viewportHeight: 600, rowCount: 100, frozenCount: 2 });
    expect(w.last).toBe(99);
    expect(w.first).toBeGreaterThanOrEqual(2);
    expect(w.first).toBeLessThanOrEqual(99);
    const none = rowWindow({ scrollTop: 0, viewportHeight: 600, rowCount: 2, frozenCount: 2 });
    expect(none.first).toBeGreaterThan(none.last);
  });
});

describe('mergePlacements', () => {
  it('spans the drawn rows of a merge, shrinking over hidden rows, and covers the rest', () => {
    const rows = [0, 1, 2, 4, 5, 6]; // row 3 hidden
    const merges = [{ row: 1, col: 1, rowCount: 4, colCount: 2 }];
    const p = mergePlacements(merges, rows, 0, 5, 10);
    expect(p.get(cellKey(1, 1))).toEqual({ rowSpan: 3, colSpan: 2, row: 1, col: 1 });
    expect(p.get(cellKey(1, 2))).toBe('covered');
    expect(p.get(cellKey(4, 2))).toBe('covered');
    expect(p.get(cellKey(5, 1))).toBeUndefined();
  });

  it('draws a merge that starts above the window from the window’s first row', () => {
    const rows = Array.from({ length: 100 }, (_, i) => i);
    const p = mergePlacements([{ row: 40, col: 0, rowCount: 20, colCount: 1 }], rows, 50, 70, 5);
    expect(p.get(cellKey(50, 0))).toEqual({ rowSpan: 10, colSpan: 1, row: 40, col: 0 });
    expect(p.get(cellKey(40, 0))).toBeUndefined();
  });

  it('cuts a merge at the last drawn column', () => {
    const p = mergePlacements([{ row: 0, col: 8, rowCount: 1, colCount: 5 }], [0], 0, 0, 10);
    expect(p.get(cellKey(0, 8))).toEqual({ rowSpan: 1, colSpan: 2, row: 0, col: 8 });
  });
});

describe('tablePart', () => {
  it('tells a table’s header from its banded body', () => {
    const tables = [
      { name: 'T', range: { row: 2, col: 1, rowCount: 4, colCount: 2 }, style: 'TableStyleMedium2' },
    ];
    expect(tablePart(tables, 2, 1)).toBe('header');
    expect(tablePart(tables, 3, 2)).toBe('band');
    expect(tablePart(tables, 4, 2)).toBe('body');
    expect(tablePart(tables, 6, 1)).toBeNull();
    expect(tablePart(tables, 3, 3)).toBeNull();
  });
});

describe('revealCell', () => {
  const layout = sheetLayout(Object.assign(sheet(4000, 30), { frozenRows: 3 }));
  const view = { top: 0, left: 0, height: 600, width: 800 };

  it('leaves the view alone when the cell is in it', () => {
    expect(revealCell(layout, { row: 10, col: 2 }, view)).toEqual({ top: 0, left: 0 });
  });

  it('scrolls down to a far row, and back up so the row shows below the frozen rows', () => {
    const down = revealCell(layout, { row: 2500, col: 0 }, view);
    expect(down.top).toBe(2501 * ROW_HEIGHT - 600 + HEADER_HEIGHT);
    const up = revealCell(layout, { row: 100, col: 0 }, { ...view, top: down.top });
    expect(up.top).toBe((100 - 3) * ROW_HEIGHT);
  });

  it('scrolls sideways to a far column', () => {
    const right = revealCell(layout, { row: 10, col: 25 }, view);
    expect(right.left).toBe(layout.colLefts[25]! + 64 - (800 - ROW_HEADER_WIDTH));
  });

  it('finds the next shown row when the row is hidden', () => {
    const rows = [0, 1, 5, 6];
    expect(indexAtOrAfter(rows, 2)).toBe(2);
    expect(indexAtOrAfter(rows, 7)).toBe(4);
  });
});
