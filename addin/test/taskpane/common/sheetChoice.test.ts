import { chooseDefaultSheet, sheetMatchesKind } from '../../../src/taskpane/common/sheetChoice';
import { grid, HEADERS, row, smallLedger } from '../../priceCheck/support';

describe('choosing the sheet', () => {
  it('matches a sheet whose header names every required field surely', () => {
    expect(sheetMatchesKind(grid(smallLedger()), 'salesLedger')).toBe(true);
    const shipments = grid([
      ['发货日期', '出库单号', '合同号', '客户名称', '产品型号', '数量', '单价', '金额'],
    ]);
    expect(sheetMatchesKind(shipments, 'salesLedger')).toBe(false); // 发货日期 is only maybe a 日期
    expect(sheetMatchesKind(shipments, 'shipmentLedger')).toBe(true);
    expect(
      sheetMatchesKind(grid([HEADERS.filter((h) => h !== '单价'), row('A', 'QJ-1', 1, 1)]), 'salesLedger'),
    ).toBe(false);
    expect(sheetMatchesKind(grid([]), 'salesLedger')).toBe(false);
  });

  it('takes the active sheet when it matches, else the first that does, else the active one', () => {
    const sheets = [
      { name: '说明', matches: false },
      { name: '2025台账', matches: true },
      { name: '2026台账', matches: true },
    ];
    expect(chooseDefaultSheet('2026台账', sheets)).toBe('2026台账');
    expect(chooseDefaultSheet('说明', sheets)).toBe('2025台账');
    expect(chooseDefaultSheet('说明', [{ name: '说明', matches: false }])).toBe('说明');
    expect(chooseDefaultSheet('', [{ name: 'A', matches: false }])).toBe('A');
    expect(chooseDefaultSheet('', [])).toBeNull();
  });
});
