/** @jest-environment jsdom */
import { useState } from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { SheetPicker } from '../../../src/taskpane/common/SheetPicker';
import { smallLedger, workbookOf, type Cell } from '../../priceCheck/support';
import { renderWithApp } from './renderWithApp';
import { WorkbookError } from '../../../src/workbook/errors';
import { bilingual } from '../../../../functions/src/contract/text';

const SHIPMENTS: Cell[][] = [
  ['发货日期', '出库单号', '合同号', '客户名称', '产品型号', '数量', '单价', '金额'],
];
const NOTES: Cell[][] = [['使用说明'], ['本工作簿记录 2026 年销售']];

function Picker({ onPick }: { onPick: (s: string) => void }) {
  const [sheet, setSheet] = useState<string | null>(null);
  return (
    <SheetPicker
      kind="salesLedger"
      value={sheet}
      onChange={(s) => {
        setSheet(s);
        onPick(s);
      }}
    />
  );
}

const picker = () => screen.getByTestId('sheet-picker') as HTMLSelectElement;

describe('SheetPicker', () => {
  it('proposes the first sheet whose headers fit when the active one does not', async () => {
    const wb = workbookOf({ 说明: NOTES, 发货台账: SHIPMENTS, '2026台账': smallLedger() }, '说明');
    const picked: string[] = [];
    renderWithApp(<Picker onPick={(s) => picked.push(s)} />, { workbook: wb });
    await waitFor(() => expect(picker().value).toBe('2026台账'));
    expect(picked).toEqual(['2026台账']);
    const options = [...picker().options].map((o) => o.textContent);
    expect(options).toEqual(['说明', '发货台账', '2026台账（销售台账）']);
    expect(screen.getByText('表头看起来是销售台账')).toBeTruthy();
  });

  it('keeps the active sheet when its headers fit, and warns when the person picks one that does not', async () => {
    const wb = workbookOf({ 旧台账: smallLedger(), 新台账: smallLedger(), 说明: NOTES }, '新台账');
    renderWithApp(<Picker onPick={() => undefined} />, { workbook: wb, locale: 'en-US' });
    await waitFor(() => expect(picker().value).toBe('新台账'));
    fireEvent.change(picker(), { target: { value: '说明' } });
    expect(picker().value).toBe('说明');
    expect(screen.getByText(/Headers not recognised as: Sales ledger/)).toBeTruthy();
  });

  it('leaves hidden sheets out and finds sheets added later on Refresh', async () => {
    const wb = workbookOf({ 说明: NOTES, 隐藏: smallLedger() }, '说明');
    wb.model.getSheet('隐藏')!.visibility = 'hidden';
    renderWithApp(<Picker onPick={() => undefined} />, { workbook: wb });
    await waitFor(() => expect(picker().value).toBe('说明'));
    expect([...picker().options].map((o) => o.value)).toEqual(['说明']);
    const added = wb.model.addSheet('销售台账');
    smallLedger().forEach((r, i) => added.setRow(i, 0, r));
    fireEvent.click(screen.getByTestId('sheet-refresh'));
    await waitFor(() => expect([...picker().options].map((o) => o.value)).toEqual(['说明', '销售台账']));
    expect(picker().value).toBe('说明'); // the person's sheet is kept
  });

  it('in a workbook without a ledger, says what to open and inserts a template into a new sheet', async () => {
    // A user's sheet already has the template's name: it is left alone, the template goes next to it.
    const wb = workbookOf({ 说明: NOTES, 销售台账: [['空']] }, '说明');
    const picked: string[] = [];
    renderWithApp(<Picker onPick={(s) => picked.push(s)} />, { workbook: wb });
    const empty = await screen.findByTestId('sheet-empty-salesLedger');
    expect(empty.textContent).toContain(
      '此工作簿中没有找到销售台账。请打开保存销售台账的工作簿，或插入一张模板表',
    );
    fireEvent.click(screen.getByTestId('insert-template-salesLedger'));
    await waitFor(() => expect(picker().value).toBe('销售台账 (2)'));
    expect(picked).toContain('销售台账 (2)');
    expect(wb.cellView('销售台账', 0, 0).value).toBe('空');
    expect(wb.cellView('说明', 0, 0).value).toBe('使用说明');
    expect(wb.model.activeSheet).toBe('销售台账 (2)');
    // Its headers are the ones the reader recognises: once refreshed it counts as a ledger.
    await waitFor(() => expect(screen.queryByTestId('sheet-empty-salesLedger')).toBeNull());
    expect([...picker().options].map((o) => o.textContent)).toContain('销售台账 (2)（销售台账）');
  });

  it('says why a template could not be inserted, and leaves the workbook as it was', async () => {
    const wb = workbookOf({ 说明: NOTES }, '说明');
    wb.addSheet = () =>
      Promise.reject(new WorkbookError('excel', bilingual('工作簿受保护', 'the workbook is protected')));
    renderWithApp(<Picker onPick={() => undefined} />, { workbook: wb });
    fireEvent.click(await screen.findByTestId('insert-template-salesLedger'));
    const error = await screen.findByTestId('insert-template-error-salesLedger');
    expect(error.textContent).toBe('未能插入模板表：工作簿受保护。工作簿没有改动。');
    expect(wb.model.sheets.map((s) => s.name)).toEqual(['说明']);
    expect((screen.getByTestId('insert-template-salesLedger') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says it in English without a wrong article', async () => {
    const wb = workbookOf({ 说明: NOTES, '2026台账': smallLedger() }, '2026台账');
    renderWithApp(<Picker onPick={() => undefined} />, { workbook: wb, locale: 'en-US' });
    await waitFor(() => expect(picker().value).toBe('2026台账'));
    expect(screen.getByText('Headers recognised as: Sales ledger')).toBeTruthy();
  });
});
