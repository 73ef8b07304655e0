/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  listedSheetProblem,
  ProblemList,
  type ListedProblem,
} from '../../../src/taskpane/common/ProblemList';
import { detectSalesLedger, readSalesLedger } from '../../../src/priceCheck';
import { grid, row, HEADERS, SHEET, workbookOf } from '../../priceCheck/support';
import { renderWithApp } from './renderWithApp';

const problems = (n: number): ListedProblem[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `k${i}`,
    sheet: SHEET,
    address: `K${i + 4}`,
    row: i + 4,
    text: { 'zh-CN': `第 ${i + 4} 行有问题`, 'en-US': `row ${i + 4} has a problem` },
  }));

describe('ProblemList', () => {
  it('shows the first page, then more on request', () => {
    const wb = workbookOf({ [SHEET]: [['x']] });
    renderWithApp(<ProblemList title="25 个问题" problems={problems(25)} />, { workbook: wb });
    expect(screen.getByText('25 个问题')).toBeTruthy();
    expect(screen.getAllByTestId('problem-item')).toHaveLength(20);
    const more = screen.getByTestId('problem-more');
    expect(more.textContent).toBe('显示更多（还有 5 条）');
    fireEvent.click(more);
    expect(screen.getAllByTestId('problem-item')).toHaveLength(25);
    expect(screen.queryByTestId('problem-more')).toBeNull();
  });

  it('jumps to the cell when a line is clicked (a real button, so the keyboard can too)', async () => {
    const wb = workbookOf({ [SHEET]: [['x']], 其他: [['y']] }, '其他');
    renderWithApp(<ProblemList title="t" problems={problems(3)} pageSize={2} />, {
      workbook: wb,
      locale: 'en-US',
    });
    const item = screen.getAllByTestId('problem-item')[1] as HTMLElement;
    expect(item.tagName).toBe('BUTTON');
    expect(item.textContent).toBe('row 5 has a problem');
    expect(screen.getByTestId('problem-more').textContent).toBe('Show more (1 more)');
    fireEvent.click(item);
    await waitFor(() => expect(wb.model.selection).toEqual({ sheet: SHEET, address: 'K5' }));
    expect(wb.model.activeSheet).toBe(SHEET);
  });

  it('says sheet, cell, column, what was found and what was expected for an unreadable cell', () => {
    const g = grid([[...HEADERS], row('A', 'QJ-1', 2, '#N/A')]);
    const [p] = readSalesLedger(g, detectSalesLedger(g)).problems;
    const listed = listedSheetProblem(p!);
    expect(listed).toMatchObject({ sheet: SHEET, address: 'I2', row: 2 });
    const zh = typeof listed.text === 'string' ? listed.text : listed.text['zh-CN'];
    expect(zh).toContain('销售台账 I2（单价）');
    expect(zh).toContain('#N/A');
    expect(zh).toContain('应为');
  });

  it('shows nothing when there are no problems', () => {
    const { container } = renderWithApp(<ProblemList title="t" problems={[]} />, { workbook: null });
    expect(container.querySelector('[data-testid="problem-list"]')).toBeNull();
  });
});
