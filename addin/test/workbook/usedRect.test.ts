// The in-memory sheet's used range (Excel's, values and formulas), found from each end of every row.
import { cellKey, SheetModel } from '../../src/workbook/memoryModel';

describe('SheetModel.usedRect', () => {
  it('spans the leftmost and rightmost values of any row, skipping emptied rows and holes', () => {
    const s = new SheetModel('S');
    expect(s.usedRect()).toBeNull();
    s.setValue(2, 5, 'a');
    s.setValue(4, 3, 1);
    s.setValue(4, 9, 2);
    s.setValue(7, 1, 'x');
    s.setValue(7, 1, ''); // emptied again: row 7 holds nothing
    s.setValue(9, 12, 'z');
    s.setValue(9, 12, null); // a row whose array is only empties
    expect(s.usedRect()).toEqual({ row: 2, col: 3, rowCount: 3, colCount: 7 });
    s.formulas.set(cellKey(6, 0), 'A1');
    expect(s.usedRect()).toEqual({ row: 2, col: 0, rowCount: 5, colCount: 10 });
  });
});
