import fc from 'fast-check';
import {
  SplitResponseSchema,
  type ActualEntry,
  type SplitRequest,
  type SplitResponse,
} from '../../../src/contract/plans';
import { BUILT_IN_PROFILES, splitPlan, springFestival, workdaysPerMonth } from '../../../src/domain/plans';

const fen = (x: number): number => Math.round(x * 100);
const zh = (r: SplitResponse): string => r.notes.map((n) => n['zh-CN']).join('\n');
const en = (r: SplitResponse): string => r.notes.map((n) => n['en-US']).join('\n');
const request = (over: Partial<SplitRequest>): SplitRequest => ({
  year: 2026,
  roundTo: 1,
  method: 'even',
  rows: [],
  ...over,
});

/**
 * The State Council's 2026 arrangement, typed by hand from the notice (国办发明电〔2025〕7号), so that the
 * expected working days do not come from the package under test.
 */
function workdays2026ByHand(): number[] {
  const off = new Set<string>();
  const on = new Set<string>([
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ]);
  const range = (month: number, from: number, to: number): void => {
    for (let d = from; d <= to; d++)
      off.add(`2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  };
  range(1, 1, 3); // 元旦
  range(2, 15, 23); // 春节
  range(4, 4, 6); // 清明
  range(5, 1, 5); // 劳动节
  range(6, 19, 21); // 端午
  range(9, 25, 27); // 中秋
  range(10, 1, 7); // 国庆
  const days: number[] = [];
  for (let month = 1; month <= 12; month++) {
    let count = 0;
    for (let day = 1; day <= new Date(Date.UTC(2026, month, 0)).getUTCDate(); day++) {
      const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const weekday = new Date(Date.UTC(2026, month - 1, day)).getUTCDay();
      if (on.has(date) || (weekday >= 1 && weekday <= 5 && !off.has(date))) count++;
    }
    days.push(count);
  }
  return days;
}

describe('splitPlan: even', () => {
  it('splits each row, keeps locks, and totals by month, product type and region', () => {
    const result = splitPlan(
      request({
        rows: [
          { productType: '潜水泵', region: '华东', annual: 1200 },
          { productType: '潜水泵', region: '华北', annual: 100, locked: { '1': 34 } },
          { productType: '配件', annual: 12 },
        ],
      }),
    );
    expect(result.rows.map((r) => r.months)).toEqual([
      new Array(12).fill(100),
      [34, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6],
      new Array(12).fill(1),
    ]);
    expect(result.rows.every((r) => r.basis.method === 'even' && !r.basis.reason)).toBe(true);
    expect(result.totals.byMonth).toEqual([135, ...new Array(11).fill(107)]);
    expect(result.totals.byProductType['潜水泵']).toEqual([134, ...new Array(11).fill(106)]);
    expect(result.totals.byProductType['配件']).toEqual(new Array(12).fill(1));
    expect(Object.keys(result.totals.byRegion)).toEqual(['华东', '华北']);
    expect(result.totals.annual).toBe(1312);
    expect(SplitResponseSchema.safeParse(result).success).toBe(true);
  });

  it('notes rows whose annual figure is not a multiple of roundTo, naming them by sheet row', () => {
    const result = splitPlan(
      request({ roundTo: 100, rows: [{ productType: '配件', annual: 1250, sheetRow: 7 }] }),
    );
    expect(result.rows[0]?.months).toEqual([150, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    expect(result.rows[0]?.basis.remainderMonth).toBe(1);
    expect(zh(result)).toContain('第7行的年度目标（扣除锁定月份后）不是取整单位 100 的整数倍');
  });

  it('works in 万元 to 0.01 with totals exact to the last digit', () => {
    const result = splitPlan(
      request({
        roundTo: 0.01,
        rows: [
          { productType: '柴油机', annual: 123.45 },
          { productType: '柴油机', annual: 0.07 },
        ],
      }),
    );
    expect(result.rows[0]?.months.reduce((s, m) => s + fen(m), 0)).toBe(12345);
    expect(result.totals.byMonth.reduce((s, m) => s + fen(m), 0)).toBe(12352);
    expect(result.totals.annual).toBe(123.52);
    expect(result.rows[1]?.months).toEqual([0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0, 0, 0, 0, 0]);
  });
});

describe('splitPlan: profile', () => {
  it('follows the built-in season profile (irrigation pumps peak April–August, Spring Festival month lowest)', () => {
    const result = splitPlan(
      request({ method: 'profile', rows: [{ productType: '潜水泵', annual: 100_000 }] }),
    );
    const months = result.rows[0]?.months ?? [];
    expect(months).toEqual((BUILT_IN_PROFILES['潜水泵'] ?? []).map((w) => w * 1000));
    expect(Math.min(...months)).toBe(months[1]);
    expect(months.slice(3, 8).every((m) => m >= Math.max(...months.slice(8), ...months.slice(0, 3)))).toBe(
      true,
    );
    expect(result.rows[0]?.basis).toEqual({ method: 'profile' });
  });

  it('has a built-in profile for every product type in the domain, each summing to 100 with a February trough', () => {
    expect(Object.keys(BUILT_IN_PROFILES).sort()).toEqual(
      ['柴油机', '柴油机水泵机组', '潜水泵', '离心泵', '自吸泵', '消防泵', '配件'].sort(),
    );
    for (const weights of Object.values(BUILT_IN_PROFILES)) {
      expect(weights).toHaveLength(12);
      expect(weights.reduce((s, w) => s + w, 0)).toBe(100);
      expect(Math.min(...weights)).toBe(weights[1]);
    }
  });

  it('uses a profile from the request over the built-in one', () => {
    const result = splitPlan(
      request({
        method: 'profile',
        profiles: { ' 潜水泵 ': [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0] },
        rows: [{ productType: '潜水泵', annual: 1001 }],
      }),
    );
    expect(result.rows[0]?.months).toEqual([0, 0, 0, 0, 0, 501, 500, 0, 0, 0, 0, 0]);
  });

  it('falls back to even for an unknown product type or an all-zero profile, giving the reason', () => {
    const result = splitPlan(
      request({
        method: 'profile',
        profiles: { 离心泵: new Array(12).fill(0) },
        rows: [
          { productType: '水表', annual: 12 },
          { productType: '离心泵', annual: 24 },
        ],
      }),
    );
    expect(result.rows[0]?.months).toEqual(new Array(12).fill(1));
    expect(result.rows[0]?.basis.method).toBe('even');
    expect(result.rows[0]?.basis.reason?.['zh-CN']).toBe('没有产品类别“水表”的季节曲线，平均分配');
    expect(result.rows[0]?.basis.reason?.['en-US']).toBe(
      'no season profile for product type "水表"; spread evenly',
    );
    expect(result.rows[1]?.months).toEqual(new Array(12).fill(2));
    expect(result.rows[1]?.basis.reason?.['zh-CN']).toBe('季节曲线“离心泵”各月权重全为 0，平均分配');
    expect(zh(result)).toContain('第1、2行未能完全按所选方法分解');
  });

  it('spreads evenly over unlocked months whose profile weights are all zero, and says so', () => {
    const result = splitPlan(
      request({
        method: 'profile',
        profiles: { 配件: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
        rows: [{ productType: '配件', annual: 111, locked: { '12': 100 } }],
      }),
    );
    expect(result.rows[0]?.months).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 100]);
    expect(result.rows[0]?.basis.reason?.['en-US']).toBe(
      'the unlocked months all weigh 0, so the rest is spread evenly over them',
    );
  });

  it('moves the trough to January in a year whose Spring Festival falls in January (2028)', () => {
    expect(springFestival(2028)).toEqual({ date: '2028-01-26', month: 1 });
    expect(springFestival(2026)).toEqual({ date: '2026-02-17', month: 2 });
    const result = splitPlan(
      request({ year: 2028, method: 'profile', rows: [{ productType: '潜水泵', annual: 100_000 }] }),
    );
    expect(result.rows[0]?.months.slice(0, 3)).toEqual([3000, 5000, 7000]);
    expect(zh(result)).toContain('2028年春节在 1 月（2028-01-26）');
  });
});

describe('splitPlan: workdays', () => {
  it('2026: working days under the official holidays and make-up days (Spring Festival February has 16)', () => {
    const byHand = workdays2026ByHand();
    expect(byHand).toEqual([21, 16, 22, 21, 19, 21, 23, 21, 22, 18, 21, 23]);
    expect(workdaysPerMonth(2026)).toEqual({ year: 2026, days: byHand, official: true });
    const result = splitPlan(
      request({ method: 'workdays', rows: [{ productType: '离心泵', annual: 248_000 }] }),
    );
    expect(result.rows[0]?.months).toEqual(byHand.map((d) => d * 1000));
    expect(result.rows[0]?.basis).toEqual({ method: 'workdays' });
    expect(zh(result)).toContain('2026年按法定节假日和调休安排计工作日：1月21天，2月16天');
  });

  it('2027: the package has no official calendar, so Monday–Friday is used and the notes say so', () => {
    const weekdays = [21, 20, 23, 22, 21, 22, 22, 22, 22, 21, 22, 23];
    expect(workdaysPerMonth(2027)).toEqual({ year: 2027, days: weekdays, official: false });
    const result = splitPlan(
      request({ year: 2027, method: 'workdays', rows: [{ productType: '离心泵', annual: 261_000 }] }),
    );
    expect(result.rows[0]?.months).toEqual(weekdays.map((d) => d * 1000));
    expect(zh(result)).toContain('2027年改按周一至周五计工作日，未计法定节假日和调休');
    expect(en(result)).toContain('2027 counts Monday–Friday without statutory holidays or make-up days');
  });
});

describe('splitPlan: history', () => {
  const entry = (date: string, productType: string, amount: number, region?: string): ActualEntry => ({
    date,
    productType,
    amount,
    ...(region ? { region } : {}),
  });
  const history: ActualEntry[] = [
    // 潜水泵 华东: all in April and July 2025, 1:3.
    entry('2025-04-03', '潜水泵', 100, '华东'),
    entry('2025-07-15', '潜水泵', 250, '华东'),
    entry('2025-07-20', '潜水泵', 50, '华东'),
    // 潜水泵 elsewhere: June.
    entry('2025-06-01', '潜水泵', 400, '华南'),
    // A return bigger than the month's sales: that month weighs 0.
    entry('2025-05-01', '潜水泵', 10, '华东'),
    entry('2025-05-02', '潜水泵', -30, '华东'),
    // Plan-year entries are not history.
    entry('2026-01-05', '潜水泵', 9999, '华东'),
  ];

  it('follows the same product type and region, then the product type, then the profile, then even', () => {
    const result = splitPlan(
      request({
        method: 'history',
        history,
        rows: [
          { productType: '潜水泵', region: '华东', annual: 4000 },
          { productType: '潜水泵', region: '西北', annual: 800 },
          { productType: '消防泵', region: '华东', annual: 100_000 },
          { productType: '水表', annual: 12 },
        ],
      }),
    );
    const [own, byType, byProfile, even] = result.rows;
    expect(own?.months).toEqual([0, 0, 0, 1000, 0, 0, 3000, 0, 0, 0, 0, 0]);
    expect(own?.basis).toEqual({ method: 'history' });
    // 潜水泵 all regions: Apr 100, Jun 400, Jul 300 (May nets to −20 → 0).
    expect(byType?.months).toEqual([0, 0, 0, 100, 0, 400, 300, 0, 0, 0, 0, 0]);
    expect(byType?.basis.method).toBe('history');
    expect(byType?.basis.reason?.['zh-CN']).toBe(
      '片区“西北”没有“潜水泵”的上年实绩，按该产品类别全部片区的月度结构',
    );
    expect(byProfile?.months).toEqual((BUILT_IN_PROFILES['消防泵'] ?? []).map((w) => w * 1000));
    expect(byProfile?.basis.method).toBe('profile');
    expect(byProfile?.basis.reason?.['en-US']).toBe(
      'no prior-year actuals for "消防泵"; used the season profile',
    );
    expect(even?.basis.method).toBe('even');
    expect(even?.basis.reason?.['zh-CN']).toBe(
      '没有“水表”的上年实绩，改用季节曲线；没有产品类别“水表”的季节曲线，平均分配',
    );
    expect(zh(result)).toContain('历史法按 2025 年的 6 条实绩的月度结构分解');
    expect(zh(result)).toContain('1 条实绩日期在 2026 年或以后，未计入历史结构');
    expect(SplitResponseSchema.safeParse(result).success).toBe(true);
  });

  it('says so when no history was given at all', () => {
    const result = splitPlan(request({ method: 'history', rows: [{ productType: '潜水泵', annual: 100 }] }));
    expect(result.rows[0]?.basis.method).toBe('profile');
    expect(en(result)).toContain('No actuals before 2026 were given');
  });

  it('reproduces a ledger’s own seasonal shape when the plan equals last year’s sales', () => {
    const monthly = [30, 20, 50, 80, 120, 150, 160, 140, 90, 60, 50, 40];
    const ledger = monthly.flatMap((amount, m) => [
      entry(`2025-${String(m + 1).padStart(2, '0')}-10`, '自吸泵', amount * 600, '华中'),
      entry(`2025-${String(m + 1).padStart(2, '0')}-20`, '自吸泵', amount * 400, '华中'),
    ]);
    const annual = monthly.reduce((s, a) => s + a, 0) * 1000;
    const result = splitPlan(
      request({
        method: 'history',
        history: ledger,
        rows: [{ productType: '自吸泵', region: '华中', annual }],
      }),
    );
    expect(result.rows[0]?.months).toEqual(monthly.map((a) => a * 1000));
  });
});

describe('splitPlan: every method', () => {
  it('property: rows add up exactly, locks hold, none negative, totals agree, deterministic', () => {
    const row = fc
      .record({
        productType: fc.constantFrom('柴油机', '潜水泵', '消防泵', '水表'),
        region: fc.option(fc.constantFrom('华东', '华北'), { nil: undefined }),
        annualFen: fc.integer({ min: 0, max: 1e11 }),
        lockMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
      })
      .map(({ productType, region, annualFen, lockMonth }) => ({
        productType,
        ...(region ? { region } : {}),
        annual: annualFen / 100,
        ...(lockMonth ? { locked: { [String(lockMonth)]: Math.floor(annualFen / 7) / 100 } } : {}),
      }));
    fc.assert(
      fc.property(
        fc.constantFrom('profile', 'history', 'workdays', 'even' as const),
        fc.constantFrom(1, 0.01, 100, 10000),
        fc.constantFrom(2026, 2027, 2028),
        fc.array(row, { minLength: 1, maxLength: 8 }),
        (method, roundTo, year, rows) => {
          const req = request({
            year,
            method,
            roundTo,
            rows,
            history: [{ date: `${year - 1}-03-01`, productType: '柴油机', region: '华东', amount: 5 }],
          });
          const result = splitPlan(req);
          let all = 0;
          result.rows.forEach((r, i) => {
            const source = rows[i]!;
            expect(r.months.reduce((s, m) => s + fen(m), 0)).toBe(fen(source.annual));
            for (const [k, v] of Object.entries(source.locked ?? {})) expect(r.months[Number(k) - 1]).toBe(v);
            for (const m of r.months) expect(m).toBeGreaterThanOrEqual(0);
            all += fen(source.annual);
          });
          expect(result.totals.byMonth.reduce((s, m) => s + fen(m), 0)).toBe(all);
          expect(fen(result.totals.annual)).toBe(all);
          expect(splitPlan(req)).toEqual(result);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('splits 10,000 rows exactly', () => {
    const types = Object.keys(BUILT_IN_PROFILES);
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      productType: types[i % types.length] ?? '配件',
      region: `片区${i % 9}`,
      annual: 1_000_000 + i * 37.37,
    }));
    const result = splitPlan(request({ method: 'profile', roundTo: 0.01, rows }));
    const expected = rows.reduce((s, r) => s + fen(r.annual), 0);
    expect(result.rows).toHaveLength(10_000);
    expect(
      result.rows.every((r, i) => r.months.reduce((s, m) => s + fen(m), 0) === fen(rows[i]!.annual)),
    ).toBe(true);
    expect(fen(result.totals.annual)).toBe(expected);
  });
});
