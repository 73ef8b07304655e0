import { ProgressResponseSchema, type PlanVersion, type ProgressRequest } from '../../../src/contract/plans';
import { planProgress, planValue } from '../../../src/domain/plans';

const months = (...values: number[]): number[] => [...values, ...new Array(12 - values.length).fill(0)];

const plan: PlanVersion = {
  year: 2026,
  unit: 'yuan',
  roundTo: 1,
  publishedBy: 'head@example.com',
  publishedAt: '2026-01-05T09:00:00+08:00',
  rows: [
    { productType: '潜水泵', region: '华东', rep: '张三', annual: 600, months: months(100, 200, 300) },
    { productType: '潜水泵', region: '华北', rep: '李四', annual: 60, months: months(10, 20, 30) },
    { productType: '配件', annual: 30, months: months(0, 10, 20) },
  ],
};

const request = (over: Partial<ProgressRequest>): ProgressRequest => ({
  basis: 'shipments',
  actuals: [],
  ...over,
});

function ok(result: ReturnType<typeof planProgress>) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(ProgressResponseSchema.safeParse(result.value).success).toBe(true);
  return result.value;
}

describe('planProgress', () => {
  const actuals: ProgressRequest['actuals'] = [
    { date: '2026-01-10', productType: '潜水泵', region: '华东', rep: '张三', amount: 80.5 },
    { date: '2026-01-20', productType: '潜水泵', region: '华东', rep: '张三', amount: 40 },
    { date: '2026-02-03', productType: '潜水泵', region: '华北', rep: '李四', amount: 10 },
    { date: '2026-02-04', productType: '配件', amount: 5 },
    { date: '2025-12-30', productType: '潜水泵', region: '华东', amount: 999 },
  ];

  it('gives plan, actual and completion per month and year to date', () => {
    const progress = ok(planProgress(plan, request({ actuals })));
    expect(progress.throughMonth).toBe(2);
    expect(progress.total.plan).toEqual(months(110, 230, 350));
    expect(progress.total.actual).toEqual(months(120.5, 15));
    expect(progress.total.completion.slice(0, 3)).toEqual([120.5 / 110, 15 / 230, 0]);
    expect(progress.total.ytd).toEqual({ plan: 340, actual: 135.5, completion: 135.5 / 340 });

    const [pump, parts] = progress.byProductType;
    expect(pump?.key).toBe('潜水泵');
    expect(pump?.ytd).toEqual({ plan: 330, actual: 130.5, completion: 130.5 / 330 });
    expect(parts?.key).toBe('配件');
    expect(parts?.completion[0]).toBeNull(); // plan 0 in January
    expect(parts?.completion[1]).toBe(0.5);

    expect(progress.byRegion.map((l) => [l.key, l.ytd.actual])).toEqual([
      ['华东', 120.5],
      ['华北', 10],
    ]);
    expect(progress.byRep.map((l) => [l.key, l.ytd.plan, l.ytd.completion])).toEqual([
      ['张三', 300, 120.5 / 300],
      ['李四', 30, 10 / 30],
    ]);
    expect(progress.notes.map((n) => n['zh-CN'])).toContain('1 条实绩不在 2026 年内，未计入');
  });

  it('runs year to date through the requested month', () => {
    const progress = ok(planProgress(plan, request({ actuals, throughMonth: 3 })));
    expect(progress.total.ytd).toEqual({ plan: 690, actual: 135.5, completion: 135.5 / 690 });
  });

  it('has no completion where there is no plan, and no year to date before any actuals', () => {
    const progress = ok(planProgress(plan, request({ actuals: [] })));
    expect(progress.throughMonth).toBe(0);
    expect(progress.total.ytd).toEqual({ plan: 0, actual: 0, completion: null });
    expect(progress.total.completion.slice(3)).toEqual(new Array(9).fill(null));
  });

  it('lists actuals with no plan (completion empty) and converts 元 to a 万元 plan exactly', () => {
    const wan: PlanVersion = {
      ...plan,
      unit: 'wanYuan',
      roundTo: 0.01,
      rows: [{ ...plan.rows[0]!, annual: 6, months: months(1, 2, 3) }],
    };
    const progress = ok(
      planProgress(
        wan,
        request({
          actuals: [
            { date: '2026-01-31', productType: '潜水泵', region: '华东', rep: '张三', amount: 12_345.67 },
            { date: '2026-01-31', productType: '自吸泵', rep: '王五', amount: 100 },
          ],
        }),
      ),
    );
    expect(progress.total.actual[0]).toBe(1.244567);
    expect(progress.byProductType.find((l) => l.key === '潜水泵')?.completion[0]).toBeCloseTo(1.234567, 9);
    expect(progress.byProductType.find((l) => l.key === '自吸泵')?.ytd.completion).toBeNull();
    const notes = progress.notes.map((n) => n['zh-CN']).join('\n');
    expect(notes).toContain('以下产品类别有实绩但没有计划（达成率为空）：自吸泵');
    expect(notes).toContain('以下业务员有实绩但没有计划（达成率为空）：王五');
    expect(notes).toContain('实绩金额已由元换算为万元');
  });

  it('refuses to compare a plan in units with actuals in money', () => {
    const result = planProgress({ ...plan, unit: 'units' }, request({ unit: 'yuan' }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]?.path).toBe('unit');
      expect(result.errors[0]?.message['zh-CN']).toBe(
        '2026年计划的单位是台（数量），实绩的单位是元，无法比较',
      );
    }
  });
});

describe('planValue (SALES.PLAN)', () => {
  it('sums the plan rows matching the filters for a month', () => {
    expect(planValue(plan, { month: 2 })).toBe(230);
    expect(planValue(plan, { month: 2, productType: '潜水泵' })).toBe(220);
    expect(planValue(plan, { month: 3, region: '华北' })).toBe(30);
    expect(planValue(plan, { month: 1, productType: '潜水泵', rep: '张三' })).toBe(100);
    expect(planValue(plan, { month: 1, productType: '离心泵' })).toBe(0);
    expect(
      planValue(
        {
          rows: [
            { ...plan.rows[0]!, months: months(0.1) },
            { ...plan.rows[0]!, months: months(0.2) },
          ],
        },
        { month: 1 },
      ),
    ).toBe(0.3);
    expect(() => planValue(plan, { month: 13 })).toThrow(RangeError);
  });
});
