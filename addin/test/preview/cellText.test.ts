// What a cell shows under its number format, as Excel displays it (the forms the sample and
// SalesDesk's own results use, and the usual neighbours).
import { cellAlign, displayText } from '../../src/preview/cellText';

describe('displayText', () => {
  it.each([
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [-1234.5, '#,##0.00', '-1,234.50'],
    [1234.5, '#,##0', '1,235'],
    [1.005, '0.00', '1.01'],
    [-0.001, '0.00', '0.00'],
    [160, '0.00', '160.00'],
    [0.13, '0%', '13%'],
    [0.1234, '0.0%', '12.3%'],
    [1234.5, '"¥"#,##0.00', '¥1,234.50'],
    [1234.5, '[$¥-804]#,##0.00', '¥1,234.50'],
    [-1234.5, '#,##0.00_);[Red](#,##0.00)', '(1,234.50)'],
    [1234.5, '#,##0.00_);[Red](#,##0.00)', '1,234.50 '],
    [0, '#,##0.00;-#,##0.00;"-"', '-'],
    [12, '0"台"', '12台'],
    [0.5, '#.##', '.5'],
    [12345.678, '0.00E+00', '1.23E+04'],
  ])('%p under %p shows %p', (value, format, shown) => {
    expect(displayText(value, format)).toBe(shown);
  });

  it.each([
    [46023, 'yyyy-mm-dd', '2026-01-01'],
    [46026, 'yyyy/m/d', '2026/1/4'],
    [46026, 'yyyy"年"m"月"d"日"', '2026年1月4日'],
    [46026, 'm月d日', '1月4日'],
    [46026.5, 'yyyy-mm-dd hh:mm:ss', '2026-01-04 12:00:00'],
    [0.75, 'h:mm AM/PM', '6:00 PM'],
    [46082, 'mmm d, yyyy', 'Mar 1, 2026'],
  ])('date serial %p under %p shows %p', (value, format, shown) => {
    expect(displayText(value, format)).toBe(shown);
  });

  it('shows General numbers with up to 10 significant digits and no separators', () => {
    expect(displayText(0.1 + 0.2)).toBe('0.3');
    expect(displayText(1234567)).toBe('1234567');
    expect(displayText(123456789012, 'General')).toBe('1.23457E+11');
    expect(displayText(2 / 3)).toBe('0.6666666667');
  });

  it('shows text, booleans and empty cells as they are, whatever the format', () => {
    expect(displayText('２１２００', '#,##0.00')).toBe('２１２００');
    expect(displayText('#N/A')).toBe('#N/A');
    expect(displayText(true)).toBe('TRUE');
    expect(displayText(undefined, '0.00')).toBe('');
    expect(displayText(42, '@')).toBe('42');
  });
});

describe('cellAlign', () => {
  it('puts numbers right, booleans and errors in the middle, text left', () => {
    expect(cellAlign(12)).toBe('right');
    expect(cellAlign(false)).toBe('center');
    expect(cellAlign('#N/A')).toBe('center');
    expect(cellAlign('#DIV/0!')).toBe('center');
    expect(cellAlign('HT2026-0001')).toBe('left');
    expect(cellAlign(undefined)).toBe('left');
  });
});
