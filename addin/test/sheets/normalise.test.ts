import fc from 'fast-check';
import {
  codeKey,
  excelSerialToIso,
  findApprovalRef,
  isFormulaError,
  readCode,
  readCurrency,
  readDate,
  readMoneyFen,
  readNewCustomer,
  readNumber,
  readPercent,
  readPercentBp,
  readRaw,
  readText,
  readYesNo,
  toHalfWidth,
  yearFromTitle,
  type Normalised,
} from '../../src/sheets';

const FORMULA_ERRORS = [
  '#N/A',
  '#VALUE!',
  '#REF!',
  '#DIV/0!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#BUSY!',
];

function value<T>(r: Normalised<T>): T {
  if (!r.ok) throw new Error(`expected a value, got problem ${r.reason} for "${r.found}"`);
  return r.value;
}

describe('toHalfWidth', () => {
  it.each([
    ['１２００．５０', '1200.50'],
    ['ＱＪ２００－５０', 'QJ200-50'],
    ['1，200', '1,200'],
    ['（1）', '(1)'],
    ['￥5', '¥5'],
    ['a\u3000b\u00A0c', 'a b c'],
    ['潜水泵', '潜水泵'],
    ['\u200B12', '12'],
  ])('%s → %s', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });
});

describe('readNumber', () => {
  it.each<[unknown, number | null]>([
    [1200, 1200],
    [-3.5, -3.5],
    ['1200', 1200],
    ['1,200', 1200],
    ['1,234,567.89', 1234567.89],
    ['１２００．５０', 1200.5],
    ['1，200', 1200],
    ['－５', -5],
    ['¥1,200', 1200],
    ['￥1,200', 1200],
    ['$1,200.50', 1200.5],
    ['1200元', 1200],
    ['1.2万', 12000],
    ['1.2万元', 12000],
    ['15%', 0.15],
    ['15％', 0.15],
    ['(1,200)', -1200],
    ['（1，200）', -1200],
    [' 1200 ', 1200],
    ['\u30001200\u3000', 1200],
    ['\u00A01200\u00A0', 1200],
    ['.5', 0.5],
    ['+7', 7],
    ['', null],
    ['   ', null],
    [null, null],
    ['-', null],
    ['—', null],
  ])('%p → %p', (input, expected) => {
    expect(value(readNumber(input))).toBe(expected);
  });

  it.each(['abc', '1,20', '12a', '1.2.3', '--5', '(-5)', '约1200', '1,2000', 'TRUE', '1e'])(
    '%p is not a number',
    (input) => {
      const r = readNumber(input);
      expect(r).toMatchObject({ ok: false, reason: 'not a number', found: input });
    },
  );

  it('rejects booleans and infinities', () => {
    expect(readNumber(true).ok).toBe(false);
    expect(readNumber(Infinity).ok).toBe(false);
  });

  it('accepts count units only for quantities', () => {
    expect(value(readNumber('10台', { countUnits: true }))).toBe(10);
    expect(value(readNumber('５套', { countUnits: true }))).toBe(5);
    expect(value(readNumber('3 pcs', { countUnits: true }))).toBe(3);
    expect(readNumber('10台').ok).toBe(false);
  });

  it('says an empty required cell is missing', () => {
    expect(readNumber('', { required: true })).toMatchObject({ ok: false, reason: 'missing', found: '' });
    expect(readNumber('-', { required: true })).toMatchObject({ ok: false, reason: 'missing', found: '-' });
  });
});

describe('formula errors', () => {
  it.each(FORMULA_ERRORS)('%s is a formula error for every reader', (err) => {
    expect(isFormulaError(err)).toBe(true);
    for (const r of [
      readNumber(err),
      readMoneyFen(err),
      readDate(err),
      readText(err),
      readPercentBp(err),
      readYesNo(err),
    ]) {
      expect(r).toMatchObject({ ok: false, reason: 'formula error', found: err });
      if (!r.ok) expect(r.detail?.['zh-CN']).toContain(err);
    }
  });

  it('does not mistake a hash in text for an error', () => {
    expect(isFormulaError('#1号仓库')).toBe(false);
    expect(value(readText('#1号仓库'))).toBe('#1号仓库');
  });
});

describe('readMoneyFen', () => {
  it.each<[unknown, number | null]>([
    [1200, 120000],
    [0, 0],
    [1200.5, 120050],
    [1.005, 101], // 1.005 * 100 = 100.49999… in floats; the decimal text says 100.5 → 101
    [0.1 + 0.2, 30],
    [-1.005, -101],
    [1234.565, 123457],
    ['1200', 120000],
    ['1,200.50', 120050],
    ['¥1,200', 120000],
    ['￥1,200.05', 120005],
    ['$ 99.99', 9999],
    ['1200元', 120000],
    ['１２００．５０', 120050],
    ['1，200', 120000],
    ['1.2万', 1200000],
    ['1.2345万元', 1234500],
    ['0.5亿', 5000000000],
    ['(1,200.50)', -120050],
    ['-1,200', -120000],
    ['¥-5', -500],
    ['1,234.565', 123457],
    ['1,234.564', 123456],
    ['0.004', 0],
    ['0.005', 1],
    ['\u3000 1200 \u00A0', 120000],
    ['1200元/台', 120000],
    ['$85/set', 8500],
    ['', null],
    ['-', null],
  ])('%p → %p fen', (input, expected) => {
    expect(value(readMoneyFen(input))).toBe(expected);
  });

  it('applies the column unit (万元) unless the cell states its own', () => {
    expect(value(readMoneyFen('1,234.56', { unit: '万元' }))).toBe(1_234_560_000);
    expect(value(readMoneyFen(12.5, { unit: '万元' }))).toBe(12_500_000);
    expect(value(readMoneyFen(3, { unit: '万元' }))).toBe(3_000_000);
    expect(value(readMoneyFen('500元', { unit: '万元' }))).toBe(50_000);
    expect(value(readMoneyFen('1.2万', { unit: '万元' }))).toBe(1_200_000);
    expect(value(readMoneyFen(1200, { unit: '元' }))).toBe(120_000);
  });

  it('rejects percentages and says when a number is too large to keep exact', () => {
    expect(readMoneyFen('12%')).toMatchObject({ ok: false, reason: 'not a number' });
    expect(readMoneyFen('123456789012345678')).toMatchObject({ ok: false, reason: 'too large' });
    expect(readMoneyFen(1e21)).toMatchObject({ ok: false, reason: 'too large' });
  });

  it('keeps every fen of amounts typed as text, whatever the decoration', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.boolean(), fc.boolean(), (fen, yen, wide) => {
        const abs = Math.abs(fen);
        const yuan = Math.floor(abs / 100).toLocaleString('en-US');
        let text = `${fen < 0 ? '-' : ''}${yen ? '¥' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
        if (wide) text = text.replace(/[0-9.,-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(value(readMoneyFen(text))).toBe(fen);
      }),
    );
  });

  it('reads a float yuan amount back to the fen it was made from', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (fen) => {
        expect(value(readMoneyFen(fen / 100))).toBe(fen);
      }),
    );
  });
});

describe('readPercent / readPercentBp', () => {
  it.each<[unknown, number, number]>([
    ['15%', 0.15, 1500],
    ['15％', 0.15, 1500],
    ['12.5%', 0.125, 1250],
    [' ５％ ', 0.05, 500],
    [0.13, 0.13, 1300],
    ['0.13', 0.13, 1300],
    [15, 0.15, 1500], // a bare number above 1 in a percent column means percent points
    ['15', 0.15, 1500],
    ['1.5‰', 0.0015, 15],
    [0, 0, 0],
    ['-2%', -0.02, -200],
  ])('%p → %p (%p bp)', (input, fraction, bp) => {
    expect(value(readPercent(input))).toBeCloseTo(fraction, 12);
    expect(value(readPercentBp(input))).toBe(bp);
  });

  it('trusts a % number format for numbers', () => {
    expect(value(readPercentBp(1.5, { numberFormat: '0%' }))).toBe(15000);
    expect(value(readPercentBp(1.5))).toBe(150);
  });

  it('names a percentage finer than 0.01% instead of rounding it, but not a float’s noise', () => {
    for (const finer of ['0.125%', 0.00125, '2.255%']) {
      const r = readPercentBp(finer);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toBe('too precise');
    }
    expect(value(readPercentBp(0.1 + 0.2))).toBe(3000); // 0.30000000000000004 from a formula
    expect(value(readPercentBp('2.25%'))).toBe(225);
  });

  it('rejects money and words', () => {
    expect(readPercentBp('1.2万').ok).toBe(false);
    expect(readPercentBp('十五').ok).toBe(false);
    expect(value(readPercentBp(''))).toBeNull();
  });
});

describe('readDate', () => {
  it.each<[unknown, string]>([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [45658, '2025-01-01'],
    [46086, '2026-03-05'],
    [46086.75, '2026-03-05'],
    [2958465, '9999-12-31'],
    [20260305, '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026-03-05', '2026-03-05'],
    ['2026.3.5', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['2026年3月5号', '2026-03-05'],
    ['2026 年 3 月 5 日', '2026-03-05'],
    ['２０２６年３月５日', '2026-03-05'],
    ['２０２６／３／５', '2026-03-05'],
    ['20260305', '2026-03-05'],
    ['2026-03-05 10:30:00', '2026-03-05'],
    ['2026-03-05T10:30:00Z', '2026-03-05'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['46086', '2026-03-05'],
    [' 2026/3/5\u3000', '2026-03-05'],
  ])('%p → %s', (input, expected) => {
    expect(value(readDate(input))).toBe(expected);
  });

  it.each<[unknown, string]>([
    ['3月5日', '2025-03-05'],
    ['3月5号', '2025-03-05'],
    ['3/5', '2025-03-05'],
    ['３/５', '2025-03-05'],
    ['12-31', '2025-12-31'],
  ])('%p with default year 2025 → %s', (input, expected) => {
    expect(value(readDate(input, { defaultYear: 2025 }))).toBe(expected);
  });

  it('reads Date objects (from a file reader) by their UTC calendar date', () => {
    expect(value(readDate(new Date(Date.UTC(2026, 2, 5))))).toBe('2026-03-05');
    expect(readDate(new Date(Number.NaN))).toMatchObject({ ok: false, reason: 'not a date' });
  });

  it('needs a year for 3月5日', () => {
    expect(readDate('3月5日')).toMatchObject({ ok: false, reason: 'year unknown' });
  });

  it.each<[unknown, string]>([
    ['2026-02-30', 'no such date'],
    ['2026年2月29日', 'no such date'],
    ['1900-02-29', 'no such date'],
    ['2026-13-01', 'no such date'],
    ['2026-00-10', 'no such date'],
    ['20260230', 'no such date'],
    [60, 'no such date'], // Excel's 29 Feb 1900
    [0, 'not a date'],
    [-5, 'not a date'],
    [3e6, 'not a date'],
    ['next week', 'not a date'],
    ['2026年3月', 'not a date'],
    [true, 'not a date'],
  ])('%p is a problem (%s)', (input, reason) => {
    expect(readDate(input, { defaultYear: 2026 })).toMatchObject({ ok: false, reason });
  });

  it('explains serial 60 and impossible days', () => {
    const r = readDate(60);
    expect(!r.ok && r.detail?.['en-US']).toContain('1900-02-29');
    const r2 = readDate('2026-02-30');
    expect(!r2.ok && r2.detail?.['zh-CN']).toBe('2026年2月没有30日');
  });

  it('flags dates outside the plausible years', () => {
    expect(readDate(5, { minYear: 1990, maxYear: 2100 })).toMatchObject({
      ok: false,
      reason: 'out of range',
    });
    expect(value(readDate('2026-3-5', { minYear: 1990, maxYear: 2100 }))).toBe('2026-03-05');
  });

  it('gives null for a missing optional date and a problem for a missing required one', () => {
    expect(value(readDate(''))).toBeNull();
    expect(readDate('', { required: true })).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('agrees with the calendar for every serial from 61 on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);
        expect(excelSerialToIso(serial)).toBe(expected);
      }),
    );
  });
});

describe('yearFromTitle', () => {
  const g = (values: unknown[][], name = 'Sheet1') => ({ name, values });
  it.each<[string, ReturnType<typeof g>, number | null]>([
    ['title row', g([['2026年销售台账'], ['日期', '客户']]), 2026],
    [
      'merged title with blanks',
      g([
        ['２０２５年度销售计划（单位：万元）', '', ''],
        ['产品类别', '片区', '年度计划'],
      ]),
      2025,
    ],
    ['second title row', g([['销售台账'], ['2024年 制表：内勤'], ['日期', '客户', '数量']]), 2024],
    ['sheet name', g([['日期', '客户', '数量']], '销售台账2027'), 2027],
    ['sheet name with 年', g([['日期', '客户', '数量']], '2023年台账'), 2023],
    [
      'nothing',
      g([
        ['日期', '客户', '数量'],
        [46086, 'A', 1],
      ]),
      null,
    ],
    ['header rows are no title', g([['2026年', '客户', '数量']]), null],
  ])('%s', (_what, grid, expected) => {
    expect(yearFromTitle(grid)).toBe(expected);
  });
});

describe('readText / readCode / codeKey', () => {
  it.each<[unknown, string]>([
    ['  华东水泵  ', '华东水泵'],
    ['华东\n水泵\r\n有限公司', '华东 水泵 有限公司'],
    ['\u3000某某（上海）有限公司\u3000', '某某（上海）有限公司'],
    ['a  b', 'a b'],
    [1200, '1200'],
    [true, 'TRUE'],
  ])('text %p → %p', (input, expected) => {
    expect(value(readText(input))).toBe(expected);
  });

  it.each<[unknown, string]>([
    ['ＱＪ２００－５０', 'QJ200-50'],
    ['QJ200—50', 'QJ200-50'],
    [' IS80-65-160 ', 'IS80-65-160'],
    ['潜水泵ＱＪ', '潜水泵QJ'],
    [2026001, '2026001'],
  ])('code %p → %p', (input, expected) => {
    expect(value(readCode(input))).toBe(expected);
  });

  it('zero-pads a number in a code column formatted 000000', () => {
    expect(value(readCode(123, { numberFormat: '000000' }))).toBe('000123');
  });

  it('compares codes regardless of width, case, dashes and spaces', () => {
    expect(codeKey('qj 200－50')).toBe(codeKey('QJ200-50'));
  });

  it('reads raw values for the caller to interpret', () => {
    expect(value(readRaw(' 2% '))).toBe('2%');
    expect(value(readRaw(1100))).toBe(1100);
    expect(readRaw('#REF!').ok).toBe(false);
  });
});

describe('yes/no and new customer', () => {
  it.each<[unknown, boolean]>([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['n', false],
    ['ｙｅｓ', true],
    ['TRUE', true],
    ['false', false],
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ['√', true],
    ['×', false],
  ])('%p → %p', (input, expected) => {
    expect(value(readYesNo(input))).toBe(expected);
  });

  it.each<[unknown, boolean]>([
    ['新客户', true],
    ['老客户', false],
    [' 新 ', true],
    ['老', false],
    ['是', true],
    ['New', true],
  ])('new customer %p → %p', (input, expected) => {
    expect(value(readNewCustomer(input))).toBe(expected);
  });

  it('says what it expected', () => {
    expect(readYesNo('也许')).toMatchObject({ ok: false, reason: 'not yes/no' });
    const r = readNewCustomer('潜在客户');
    expect(!r.ok && r.expected['zh-CN']).toContain('新客户');
  });
});

describe('readCurrency', () => {
  it.each<[unknown, string]>([
    ['人民币', 'CNY'],
    ['RMB', 'CNY'],
    ['¥', 'CNY'],
    ['美元', 'USD'],
    ['usd', 'USD'],
    ['US$', 'USD'],
    ['EUR', 'EUR'],
    ['gbp', 'GBP'],
  ])('%p → %p', (input, expected) => {
    expect(value(readCurrency(input))).toBe(expected);
  });

  it('rejects unknown currencies, including prototype names', () => {
    expect(readCurrency('金币')).toMatchObject({ ok: false, reason: 'unknown currency' });
    expect(readCurrency('toString').ok).toBe(false);
  });
});

describe('findApprovalRef', () => {
  it.each<[string | null, string | null]>([
    ['审批单号：SP-2026-001', 'SP-2026-001'],
    ['审批单号:SP-2026-002 特价', 'SP-2026-002'],
    ['SP-2026-003', 'SP-2026-003'],
    ['按 sp－2026－004 执行', 'SP-2026-004'],
    ['已审批通过', null],
    ['', null],
    [null, null],
  ])('%p → %p', (input, expected) => {
    expect(findApprovalRef(input)).toBe(expected);
  });
});
