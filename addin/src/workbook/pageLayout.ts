// Page setup shared by both workbooks: the request checked once (a bad one is a programming error,
// not something a user can fix) and turned into what Excel's PageLayout takes.
import { MAX_COLUMNS, MAX_ROWS } from './a1';
import type { PageLayout } from './adapter';
import type { ModelPageLayout } from './memoryModel';

const whole = (n: number, min: number) => Number.isInteger(n) && n >= min;

/** The layout as stored (defaults filled in); throws on a print area or row outside the sheet. */
export function checkedPageLayout(layout: PageLayout): ModelPageLayout {
  const a = layout.printArea;
  if (
    !whole(a.row, 0) ||
    !whole(a.col, 0) ||
    !whole(a.rowCount, 1) ||
    !whole(a.colCount, 1) ||
    a.row + a.rowCount > MAX_ROWS ||
    a.col + a.colCount > MAX_COLUMNS
  )
    throw new Error('setPageLayout: print area outside the sheet');
  const titles = layout.printTitleRows ?? null;
  if (
    titles &&
    (!whole(titles.first, 0) || !whole(titles.count, 1) || titles.first + titles.count > MAX_ROWS)
  )
    throw new Error('setPageLayout: bad print title rows');
  const breaks = [...new Set(layout.pageBreaksBefore ?? [])].sort((x, y) => x - y);
  if (breaks.some((r) => !whole(r, 1) || r >= MAX_ROWS)) throw new Error('setPageLayout: bad page break row');
  return {
    paper: layout.paper,
    orientation: layout.orientation,
    printArea: { row: a.row, col: a.col, rowCount: a.rowCount, colCount: a.colCount },
    fitToWidth: layout.fitToWidth,
    printTitleRows: titles ? { first: titles.first, count: titles.count } : null,
    pageBreaksBefore: breaks,
    centerHorizontally: layout.centerHorizontally ?? false,
  };
}

/** `$5:$6`: Excel's address of whole rows (0-based first row). */
export function rowsAddress(first: number, count: number): string {
  return `$${first + 1}:$${first + count}`;
}
