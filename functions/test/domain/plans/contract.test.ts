/** Validation of the plan contract (src/contract/plans.ts): every error names the row and says what is wrong. */
import {
  parsePlanVersionInput,
  parseProgressRequest,
  parseSplitRequest,
  type ParseResult,
  type PlanInputError,
} from '../../../src/contract/plans';

const good = {
  year: 2026,
  roundTo: 1,
  method: 'profile',
  rows: [{ productType: '潜水泵', region: '华东', annual: 1_000_000, locked: { '3': 800_000 } }],
};

function errorsOf<T>(result: ParseResult<T>): PlanInputError[] {
  if (result.ok) throw new Error('expected validation errors');
  return result.errors;
}

const rows = (n: number, bad: Record<string, unknown>): Record<string, unknown>[] =>
  Array.from({ length: n }, (_, i) =>
    i === n - 1 ? { productType: '配件', annual: 100, ...bad } : { productType: '配件', annual: 100 },
  );

describe('parseSplitRequest', () => {
  it('accepts a good request and keeps its values', () => {
    const result = parseSplitRequest(good);
    expect(result).toEqual({ ok: true, value: good });
  });

  it('names the row of a locked month outside 1–12', () => {
    const errors = errorsOf(parseSplitRequest({ ...good, rows: rows(5, { locked: { '13': 5 } }) }));
    expect(errors).toEqual([
      {
        path: 'rows[4].locked.13',
        row: 5,
        message: {
          'zh-CN': '第5行：锁定月份 13 不在 1–12 之间',
          'en-US': 'Row 5: locked month 13 is outside 1–12',
        },
      },
    ]);
  });

  it('names the row of a negative annual figure or locked amount', () => {
    const [annual] = errorsOf(parseSplitRequest({ ...good, rows: rows(2, { annual: -5 }) }));
    expect(annual).toEqual({
      path: 'rows[1].annual',
      row: 2,
      message: {
        'zh-CN': '第2行：年度目标不能为负数，实为 -5',
        'en-US': 'Row 2: annual target must not be negative, found -5',
      },
    });
    const errors = errorsOf(parseSplitRequest({ ...good, rows: rows(1, { locked: { '4': -1 } }) }));
    expect(errors.map((e) => e.message['zh-CN'])).toEqual(['第1行：锁定月份 4 的金额不能为负数，实为 -1']);
  });

  it('rejects locked months above the annual figure, and 12 locked months that do not add up', () => {
    const [above] = errorsOf(
      parseSplitRequest({ ...good, rows: rows(3, { annual: 100, locked: { '1': 60, '02': 40.01 } }) }),
    );
    expect(above?.path).toBe('rows[2].locked');
    expect(above?.message['zh-CN']).toBe('第3行：锁定月份合计 100.01 超过年度目标 100');
    const all = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), 8]));
    const [short] = errorsOf(parseSplitRequest({ ...good, rows: rows(1, { locked: all }) }));
    expect(short?.message['en-US']).toBe(
      'Row 1: all 12 months are locked but add up to 96, not the annual target 100',
    );
    // Exactly at the annual figure is fine, even when floats would drift (0.1 + 0.2).
    expect(
      parseSplitRequest({ ...good, rows: rows(1, { annual: 0.3, locked: { '1': 0.1, '2': 0.2 } }) }).ok,
    ).toBe(true);
  });

  it('rejects a month given twice (3 and 03)', () => {
    const [twice] = errorsOf(parseSplitRequest({ ...good, rows: rows(1, { locked: { '3': 1, '03': 1 } }) }));
    expect(twice?.message['zh-CN']).toBe('第1行：锁定月份 3 重复');
  });

  it('rejects an unknown method and names the expected ones', () => {
    const errors = errorsOf(parseSplitRequest({ ...good, method: 'seasonal' }));
    expect(errors).toEqual([
      {
        path: 'method',
        message: {
          'zh-CN': '未知的分解方法 "seasonal"，应为 profile、history、workdays、even 之一',
          'en-US': 'Unknown method "seasonal"; expected one of profile, history, workdays, even',
        },
      },
    ]);
  });

  it('rejects negative profile weights and profiles without 12 weights', () => {
    const weights = [1, 1, 1, -2, 1, 1, 1, 1, 1, 1, 1, 1];
    const errors = errorsOf(parseSplitRequest({ ...good, profiles: { 潜水泵: weights, 配件: [1, 2] } }));
    expect(errors.map((e) => [e.path, e.message['zh-CN']])).toEqual([
      ['profiles.潜水泵[3]', '季节曲线“潜水泵”4月的权重不能为负数，实为 -2'],
      ['profiles.配件', '季节曲线“配件”应有 12 个数，实有 2 个'],
    ]);
  });

  it('names the sheet row when the add-in sends it, and keeps checking the other rows', () => {
    const errors = errorsOf(
      parseSplitRequest({
        ...good,
        rows: [
          { productType: '潜水泵', annual: '一百万', sheetRow: 4 },
          { productType: '潜水泵', annual: 5 },
          { productType: '', annual: 5, sheetRow: 9 },
        ],
      }),
    );
    expect(errors.map((e) => [e.row, e.message['zh-CN']])).toEqual([
      [4, '第4行：年度目标应为数字，实为 "一百万"'],
      [9, '第9行：产品类别不能为空'],
    ]);
  });

  it('checks the year, roundTo, history dates and the body itself', () => {
    expect(errorsOf(parseSplitRequest(null))[0]?.message['zh-CN']).toBe('请求应为 JSON 对象');
    const errors = errorsOf(
      parseSplitRequest({
        ...good,
        year: 1999,
        roundTo: 0,
        history: [
          { date: '2025/3/1', productType: '潜水泵', amount: 1 },
          { date: '2025-02-29', productType: '潜水泵', amount: 1, sheetRow: 30 },
        ],
      }),
    );
    expect(errors.map((e) => e.message['en-US'])).toEqual([
      'Year must be at least 2000, found 1999',
      'RoundTo must be at least 0.000001, found 0',
      'History row 1: date must be YYYY-MM-DD, found "2025/3/1"',
      'History row 30: date 2025-02-29 does not exist',
    ]);
    expect(errorsOf(parseSplitRequest({ ...good, rows: [] }))[0]?.message['zh-CN']).toBe(
      '计划行至少要有 1 项',
    );
  });
});

describe('parsePlanVersionInput', () => {
  const plan = {
    year: 2026,
    unit: 'wanYuan',
    roundTo: 0.01,
    rows: [
      {
        productType: '潜水泵',
        region: '华东',
        annual: 1.2,
        months: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],
      },
    ],
  };

  it('accepts months that add up exactly to the annual figure', () => {
    expect(parsePlanVersionInput(plan).ok).toBe(true);
  });

  it('rejects months that do not add up, and duplicate rows', () => {
    const errors = errorsOf(
      parsePlanVersionInput({
        ...plan,
        rows: [
          plan.rows[0],
          { ...plan.rows[0], region: '华北', annual: 1.21 },
          { ...plan.rows[0], region: '华南', months: [-1, ...new Array(11).fill(0)] },
        ],
      }),
    );
    expect(errors.map((e) => [e.path, e.message['zh-CN']])).toEqual([
      ['rows[1].months', '第2行：12 个月合计 1.2 不等于年度目标 1.21'],
      ['rows[2].months[0]', '第3行：1月计划不能为负数，实为 -1'],
    ]);
    const [duplicate] = errorsOf(parsePlanVersionInput({ ...plan, rows: [plan.rows[0], plan.rows[0]] }));
    expect(duplicate).toMatchObject({ path: 'rows[1]', row: 2 });
    expect(duplicate?.message['en-US']).toBe('Row 2: repeats row 1 (same product type, region and rep)');
  });
});

describe('parseProgressRequest', () => {
  it('accepts actuals and rejects an unknown basis or month', () => {
    const actuals = [{ date: '2026-03-05', productType: '潜水泵', amount: -20 }];
    expect(parseProgressRequest({ basis: 'orders', actuals }).ok).toBe(true);
    const errors = errorsOf(parseProgressRequest({ basis: 'invoices', throughMonth: 13, actuals }));
    expect(errors.map((e) => e.message['zh-CN'])).toEqual([
      '口径应为 orders、shipments 之一，实为 "invoices"',
      '截至月份不能大于 12，实为 13',
    ]);
  });
});
