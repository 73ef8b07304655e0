/** @jest-environment jsdom */
// 清除标记 in the 价格检查 tab: after a run, one click takes back SalesDesk's columns, colours and
// result sheet, and leaves the ledger and the user's other sheets as they were.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { PriceCheckTab } from '../../../src/taskpane/priceCheck/PriceCheckTab';
import { RESULTS_NAME } from '../../../src/workbook/ownership';
import { fakeFetch, HEADERS, SHEET, smallLedger, workbookOf } from '../../priceCheck/support';
import { renderWithApp } from '../common/renderWithApp';

describe('PriceCheckTab: 清除标记', () => {
  it('removes what the check wrote and nothing else', async () => {
    const wb = workbookOf({ 说明: [['使用说明']], [SHEET]: smallLedger() }, '说明');
    const before = JSON.stringify(wb.model.getSheet(SHEET)?.usedRect());
    renderWithApp(<PriceCheckTab />, { workbook: wb, fetchImpl: fakeFetch().impl });
    await screen.findByTestId('column-mapping');
    await waitFor(() => expect((screen.getByTestId('sheet-picker') as HTMLSelectElement).value).toBe(SHEET));
    fireEvent.click(screen.getByTestId('price-run'));
    await screen.findByTestId('price-done', {}, { timeout: 5000 });
    expect(wb.model.sheets.map((s) => s.name)).toEqual(['说明', SHEET, '价格检查结果']);

    fireEvent.click(screen.getByTestId('price-clear'));
    const note = await screen.findByTestId('price-cleared');
    expect(note.textContent).toContain(
      '已清除工作表“销售台账”上 SalesDesk 的结果列和颜色，以及结果表“价格检查结果”',
    );
    const s = wb.model.getSheet(SHEET);
    expect(JSON.stringify(s?.usedRect())).toBe(before);
    expect(s?.usedRect()?.colCount).toBe(HEADERS.length);
    expect(s?.names.has(RESULTS_NAME)).toBe(false);
    expect(s?.conditionalFormats).toEqual([]);
    expect(wb.model.sheets.map((x) => x.name)).toEqual(['说明', SHEET]);
    expect(screen.queryByTestId('price-done')).toBeNull();

    fireEvent.click(screen.getByTestId('price-clear'));
    await waitFor(() =>
      expect(screen.getByTestId('price-cleared').textContent).toContain('没有 SalesDesk 的标记'),
    );
  });
});
