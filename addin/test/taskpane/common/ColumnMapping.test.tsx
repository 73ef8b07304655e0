/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useApp } from '../../../src/taskpane/AppContext';
import { ColumnMapping, useRememberedMapping } from '../../../src/taskpane/common/ColumnMapping';
import {
  detectSalesLedger,
  PRICE_CHECK_FIELDS,
  PRICE_CHECK_NEEDS,
  type SalesLedgerMapping,
} from '../../../src/priceCheck';
import type { MemoryWorkbook } from '../../../src/workbook/memoryWorkbook';
import { grid, HEADERS, row, SHEET, workbookOf, type Cell } from '../../priceCheck/support';
import { renderWithApp } from './renderWithApp';

function Harness({ detected }: { detected: SalesLedgerMapping }) {
  const { workbook } = useApp();
  const r = useRememberedMapping(workbook, 'salesLedger', SHEET, detected);
  if (!r.mapping) return <p data-testid="loading">…</p>;
  return (
    <ColumnMapping
      kind="salesLedger"
      mapping={r.mapping}
      fields={PRICE_CHECK_FIELDS}
      needed={PRICE_CHECK_NEEDS}
      onChange={r.setColumn}
      onReset={r.reset}
    />
  );
}

function mount(values: Cell[][], wb: MemoryWorkbook = workbookOf({ [SHEET]: values }), locale?: 'en-US') {
  const detected = detectSalesLedger(grid(values));
  const view = renderWithApp(<Harness detected={detected} />, { workbook: wb, locale });
  return { wb, view };
}

const select = (field: string) => screen.getByTestId(`mapping-select-${field}`) as HTMLSelectElement;
const state = (field: string) => screen.getByTestId(`mapping-field-${field}`).getAttribute('data-state');

describe('ColumnMapping', () => {
  it('folds to one line when every column was found, and opens to show each one', async () => {
    mount([HEADERS.map((h) => (h === '数量' ? '台数' : h)), row('A', 'QJ-1', 1, 900)]);
    const summary = await screen.findByTestId('mapping-summary');
    expect(summary.textContent).toBe('表头在第 1 行，已识别 11/12 列');
    expect(screen.queryByTestId('mapping-select-model')).toBeNull();
    fireEvent.click(screen.getByTestId('mapping-toggle'));
    expect(select('unitPrice').value).toBe('8');
    expect(select('unitPrice').selectedOptions[0]?.textContent).toBe('I 列：单价');
    expect(state('unitPrice')).toBe('ok');
    expect(select('approvalRef').value).toBe('');
    expect(state('approvalRef')).toBe('unmapped');
    // an exact header goes without comment; a synonym says how sure the match is
    expect(screen.getByTestId('mapping-field-unitPrice').textContent).not.toContain('自动识别');
    expect(screen.getByTestId('mapping-field-qty').textContent).toContain('自动识别（把握 95%）');
  });

  it('opens by itself and highlights missing and unsure columns', async () => {
    const headers = HEADERS.map((h) => (h === '单价' ? '价格' : h === '日期' ? '发货日期' : h));
    mount([headers, row('A', 'QJ-1', 1, 900)], undefined, 'en-US');
    expect((await screen.findByTestId('mapping-attention')).textContent).toContain('2 to check');
    expect(state('unitPrice')).toBe('missing');
    expect(screen.getByTestId('mapping-field-unitPrice').textContent).toContain(
      'Not found: choose the column',
    );
    expect(state('orderDate')).toBe('unsure');
    expect(screen.getByTestId('mapping-field-orderDate').textContent).toContain('Unsure (70% sure)');
  });

  it('remembers a correction in the workbook and restores it when mounted again', async () => {
    const headers = HEADERS.map((h) => (h === '单价' ? '价格' : h));
    const values = [headers, row('A', 'QJ-1', 1, 900)];
    const first = mount(values);
    await screen.findByTestId('column-mapping');
    fireEvent.change(select('unitPrice'), { target: { value: '8' } });
    expect(state('unitPrice')).toBe('user');
    await waitFor(() =>
      expect(JSON.parse(first.wb.model.settings.get('mapping:salesLedger:销售台账') ?? 'null')).toEqual({
        version: 1,
        columns: { unitPrice: 'I' },
      }),
    );
    first.view.unmount();

    mount(values, first.wb);
    await screen.findByTestId('column-mapping');
    fireEvent.click(screen.getByTestId('mapping-toggle'));
    expect(select('unitPrice').value).toBe('8');
    expect(state('unitPrice')).toBe('user');
    expect(screen.getByTestId('mapping-field-unitPrice').textContent).toContain('已手动指定');

    await act(async () => fireEvent.click(screen.getByTestId('mapping-reset')));
    expect(state('unitPrice')).toBe('missing');
    await waitFor(() => expect(first.wb.model.settings.has('mapping:salesLedger:销售台账')).toBe(false));
  });

  it('gives a column to one field only, and "not in this sheet" removes a mapping', async () => {
    const { wb } = mount([[...HEADERS], row('A', 'QJ-1', 1, 900)]);
    await screen.findByTestId('column-mapping');
    fireEvent.click(screen.getByTestId('mapping-toggle'));
    fireEvent.change(select('remarks'), { target: { value: '' } });
    expect(select('remarks').value).toBe('');
    // 备注 (K) given to 审批单号 instead
    fireEvent.change(select('approvalRef'), { target: { value: '10' } });
    expect(select('approvalRef').value).toBe('10');
    await waitFor(() =>
      expect(JSON.parse(wb.model.settings.get('mapping:salesLedger:销售台账') ?? 'null')?.columns).toEqual({
        remarks: null,
        approvalRef: 'K',
      }),
    );
  });
});
