/** @jest-environment jsdom */
// The preview's grid over a MemoryWorkbook: what it shows, what it leaves out, how it follows the
// pane (writes, jump-to-cell) and that it draws only the rows in view.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { GridView } from '../../src/preview/GridView';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { cellKey, WorkbookModel } from '../../src/workbook/memoryModel';
import { ROW_HEIGHT } from '../../src/preview/gridLayout';

const LEDGER = '销售台账';
const immediate = () => Promise.resolve();

/** A ledger as people keep it: merged title, note, header in row 3, data, a hidden row, frozen header. */
function ledger(rows = 8): MemoryWorkbook {
  const model = new WorkbookModel();
  const s = model.addSheet(LEDGER);
  s.setValue(0, 0, '2026年销售台账');
  s.merges.push({ row: 0, col: 0, rowCount: 1, colCount: 5 });
  s.setValue(1, 0, '制表：销售内勤');
  s.setRow(2, 0, ['日期', '合同号', '数量', '单价', '折扣']);
  for (let i = 0; i < rows; i++) {
    const r = 3 + i;
    s.setRow(r, 0, [46023 + i, `HT2026-${String(i + 1).padStart(4, '0')}`, 2 + i, 12345.5 + i, 0.125]);
    s.numberFormats.set(cellKey(r, 0), 'yyyy/m/d');
    s.numberFormats.set(cellKey(r, 3), '#,##0.00');
    s.numberFormats.set(cellKey(r, 4), '0.0%');
  }
  s.fills.set(cellKey(3, 1), '#FFFF00');
  for (let c = 0; c < 5; c++) s.bold.add(cellKey(2, c));
  s.hiddenRows.add(5); // row 6
  s.frozenRows = 3;
  const policy = model.addSheet('价格政策');
  policy.setValue(0, 0, '2026年价格政策');
  model.addSheet('_Secret').visibility = 'veryHidden';
  model.addSheet('隐藏表').visibility = 'hidden';
  model.activeSheet = LEDGER;
  return new MemoryWorkbook(model, { pause: immediate });
}

/** 4,000 rows × 20 columns of numbers: the size the grid must stay quick for. */
function bigSheet(): MemoryWorkbook {
  const model = new WorkbookModel();
  const s = model.addSheet('发货台账');
  for (let r = 0; r < 4000; r++)
    s.setRow(
      r,
      0,
      Array.from({ length: 20 }, (_, c) => r * 100 + c),
    );
  return new MemoryWorkbook(model, { pause: immediate });
}

const grid = () => screen.getByTestId('preview-grid');
const cell = (address: string) => grid().querySelector<HTMLTableCellElement>(`td[data-cell="${address}"]`);

function scrollGridTo(top: number) {
  const el = grid();
  Object.defineProperty(el, 'scrollTop', { value: top, configurable: true, writable: true });
  fireEvent.scroll(el);
}

describe('GridView', () => {
  it('shows displayed values under their number formats, fills, bold headers and the merged title', () => {
    render(<GridView workbook={ledger()} locale="zh-CN" />);
    expect(grid().getAttribute('data-sheet')).toBe(LEDGER);
    expect(cell('A3')?.textContent).toBe('日期');
    expect(cell('A3')?.style.fontWeight).toBe('bold');
    expect(cell('A4')?.textContent).toBe('2026/1/1');
    expect(cell('B4')?.textContent).toBe('HT2026-0001');
    expect(cell('C4')?.textContent).toBe('2');
    expect(cell('D4')?.textContent).toBe('12,345.50');
    expect(cell('E4')?.textContent).toBe('12.5%');
    expect(cell('D4')?.style.textAlign).toBe('right');
    expect(cell('B4')?.getAttribute('data-fill')).toBe('#FFFF00');
    expect(cell('B5')?.getAttribute('data-fill')).toBeNull();
    // The merged title spans its five columns; the cells under it are not drawn.
    expect(cell('A1')?.colSpan).toBe(5);
    expect(cell('B1')).toBeNull();
    // Column letters and row numbers.
    expect(grid().querySelector('th[data-col="E"]')?.textContent).toBe('E');
    expect(grid().querySelector('th[data-row="4"]')?.textContent).toBe('4');
  });

  it('leaves hidden rows out and keeps frozen header rows sticky', () => {
    render(<GridView workbook={ledger()} locale="zh-CN" />);
    expect(grid().querySelector('th[data-row="6"]')).toBeNull();
    expect(cell('A6')).toBeNull();
    expect(cell('A7')?.textContent).toBe('2026/1/4');
    // Rows above the sheet's frozen pane go with the column letters into the sticky head.
    const head = grid().querySelector('thead');
    expect([...head!.querySelectorAll('th[data-row]')].map((th) => th.textContent)).toEqual(['1', '2', '3']);
    expect(cell('A3')?.closest('thead')).toBe(head);
    expect(cell('A4')?.closest('tbody')).not.toBeNull();
  });

  it('shows tabs for visible sheets only and switches the active sheet with them', async () => {
    const wb = ledger();
    render(<GridView workbook={wb} locale="zh-CN" />);
    const tabs = screen.getAllByRole('tab').map((t) => t.getAttribute('data-sheet-tab'));
    expect(tabs).toEqual([LEDGER, '价格政策']);
    fireEvent.click(screen.getByRole('tab', { name: '价格政策' }));
    expect(grid().getAttribute('data-sheet')).toBe('价格政策');
    expect(cell('A1')?.textContent).toBe('2026年价格政策');
    // The pane sees the sheet the user is on, as in Excel.
    expect(await wb.activeSheetName()).toBe('价格政策');
  });

  it('redraws when the pane writes: result columns and their conditional row fills', async () => {
    const wb = ledger();
    render(<GridView workbook={wb} locale="zh-CN" />);
    expect(cell('F3')?.textContent).toBe('');
    await act(async () => {
      await wb.writeResultColumns(LEDGER, {
        headerRow: 2,
        firstDataRow: 3,
        columns: [
          {
            key: 'status',
            header: '价格状态',
            values: ['低于最低限价', '正常', '正常', '正常', '需审批', '正常', '正常', '正常'],
          },
        ],
        highlights: [{ columnKey: 'status', equals: ['低于最低限价'], color: '#FFC7CE' }],
      });
    });
    expect(cell('F3')?.textContent).toBe('【SalesDesk】价格状态');
    expect(cell('F4')?.textContent).toBe('低于最低限价');
    expect(cell('C4')?.getAttribute('data-fill')).toBe('#FFC7CE');
    expect(cell('F4')?.getAttribute('data-fill')).toBe('#FFC7CE');
    expect(cell('C5')?.getAttribute('data-fill')).toBeNull();
  });

  it('highlights the cell the pane jumps to, with its letter and number, and shows it in the name box', async () => {
    const wb = ledger();
    render(<GridView workbook={wb} locale="zh-CN" />);
    expect(grid().querySelector('[data-selected]')).toBeNull();
    await act(() => wb.selectCell(LEDGER, 'D5'));
    const selected = grid().querySelectorAll('[data-selected="true"]');
    expect([...selected].map((e) => e.getAttribute('data-cell'))).toEqual(['D5']);
    expect(screen.getByTestId('preview-namebox').textContent).toBe('D5');
    expect(screen.getByTestId('preview-formula').textContent).toBe('12,346.50');
    // A jump to another sheet shows that sheet.
    await act(() => wb.selectCell('价格政策', 'A1'));
    expect(grid().getAttribute('data-sheet')).toBe('价格政策');
    expect(cell('A1')?.getAttribute('data-selected')).toBe('true');
  });

  it('selects a cell on click and moves the selection with the arrow keys, skipping hidden rows', async () => {
    const wb = ledger();
    render(<GridView workbook={wb} locale="zh-CN" />);
    await act(async () => {
      fireEvent.click(cell('B5')!);
      await Promise.resolve();
    });
    expect(wb.model.selection).toEqual({ sheet: LEDGER, address: 'B5' });
    await act(async () => {
      fireEvent.keyDown(grid(), { key: 'ArrowDown' });
      await Promise.resolve();
    });
    expect(wb.model.selection?.address).toBe('B7'); // row 6 is hidden
    await act(async () => {
      fireEvent.keyDown(grid(), { key: 'ArrowRight' });
      await Promise.resolve();
    });
    expect(cell('C7')?.getAttribute('data-selected')).toBe('true');
  });

  it('makes links on result sheets jump to their sheet and cell', async () => {
    const wb = ledger();
    await wb.writeResultSheet('价格检查结果', {
      title: '价格检查结果',
      activate: true,
      tables: [
        {
          columns: [{ header: '位置' }, { header: '状态' }],
          rows: [[{ text: '销售台账!D7', sheet: LEDGER, address: 'D7' }, '低于最低限价']],
        },
      ],
    });
    render(<GridView workbook={wb} locale="zh-CN" />);
    expect(grid().getAttribute('data-sheet')).toBe('价格检查结果');
    const link = within(grid()).getByRole('link', { name: '销售台账!D7' });
    await act(async () => {
      fireEvent.click(link);
      await Promise.resolve();
    });
    expect(grid().getAttribute('data-sheet')).toBe(LEDGER);
    expect(cell('D7')?.getAttribute('data-selected')).toBe('true');
  });

  it('draws only the rows in view of a 4,000 × 20 sheet, and the rows scrolled to', () => {
    const wb = bigSheet();
    render(<GridView workbook={wb} locale="zh-CN" initialViewport={{ height: 600, width: 1000 }} />);
    const drawn = () => grid().querySelectorAll('tbody th[data-row]').length;
    expect(drawn()).toBeGreaterThan(20);
    expect(drawn()).toBeLessThan(80);
    expect(grid().querySelectorAll('td[data-cell]').length).toBeLessThan(80 * 22);
    expect(cell('T1')?.textContent).toBe('19');
    expect(cell('A3000')).toBeNull();
    scrollGridTo(2999 * ROW_HEIGHT);
    expect(cell('A3000')?.textContent).toBe('299900');
    expect(cell('A1')).toBeNull();
    expect(drawn()).toBeLessThan(80);
    // The spacers keep the full height, so the scrollbar reflects all 4,000 rows.
    const heights = [...grid().querySelectorAll<HTMLTableRowElement>('tbody tr')].reduce(
      (sum, tr) => sum + (parseFloat(tr.style.height) || 0),
      0,
    );
    expect(heights).toBeGreaterThanOrEqual(4000 * ROW_HEIGHT);
  });

  it('scrolls a far cell the pane jumps to into view', async () => {
    const wb = bigSheet();
    render(<GridView workbook={wb} locale="zh-CN" />);
    expect(cell('K2500')).toBeNull();
    await act(() => wb.selectCell('发货台账', 'K2500'));
    expect(cell('K2500')?.getAttribute('data-selected')).toBe('true');
  });

  it('speaks English for its own labels', () => {
    render(<GridView workbook={ledger()} locale="en-US" />);
    expect(grid().getAttribute('aria-label')).toBe(`Sheet ${LEDGER}`);
    expect(screen.getByRole('tablist').getAttribute('aria-label')).toBe('Sheets');
  });
});
