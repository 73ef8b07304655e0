import type { SplitResponse } from '../../../functions/src/contract/plans';
import { splitPlan } from '../../../functions/src/domain/plans';
import {
  mergeSplitResponses,
  planVersionInput,
  splitRequests,
  type PlanSheetRow,
} from '../../src/annualPlan';

const rows: PlanSheetRow[] = Array.from({ length: 5 }, (_, i) => ({
  productType: i % 2 ? '潜水泵' : '配件',
  region: i < 3 ? '华东' : undefined,
  rep: `业务员${i}`,
  annual: 0.1 + i * 0.07,
  sheetRow: 3 + i,
}));
for (const r of rows) if (r.region === undefined) delete r.region;

describe('splitRequests', () => {
  it('chunks rows, sends history only for the history method and profiles only where they count', () => {
    const base = { year: 2026, roundTo: 0.01, rows, profiles: { 配件: new Array<number>(12).fill(1) } };
    const history = [{ date: '2025-01-01', productType: '配件', amount: 5 }];
    const byHistory = splitRequests({ ...base, method: 'history', history }, 2);
    expect(byHistory.map((r) => r.rows.length)).toEqual([2, 2, 1]);
    expect(byHistory.every((r) => r.history?.length === 1 && r.profiles?.['配件'])).toBe(true);
    expect(byHistory[2]?.rows[0]).toEqual({ productType: '配件', rep: '业务员4', annual: 0.38, sheetRow: 7 });
    const even = splitRequests({ ...base, method: 'even', history }, 2);
    expect(even.every((r) => r.history === undefined && r.profiles === undefined)).toBe(true);
    const profile = splitRequests({ ...base, method: 'profile', history });
    expect(profile).toHaveLength(1);
    expect(profile[0]?.history).toBeUndefined();
    expect(profile[0]?.profiles).toEqual(base.profiles);
  });
});

describe('mergeSplitResponses', () => {
  it('puts chunks back together with exact totals (0.1 + 0.2 is 0.3 here)', () => {
    const requests = splitRequests({ year: 2026, roundTo: 0.01, method: 'even', rows }, 2);
    const merged = mergeSplitResponses(requests.map(splitPlan));
    const whole = splitPlan({
      year: 2026,
      roundTo: 0.01,
      method: 'even',
      rows: requests.flatMap((r) => r.rows),
    });
    expect(merged.rows).toEqual(whole.rows);
    expect(merged.totals).toEqual(whole.totals);
    expect(merged.totals.annual).toBe(1.2);
    expect(Object.keys(merged.totals.byRegion)).toEqual(['华东']);
  });

  it('keeps each note once', () => {
    const note = { 'zh-CN': '甲', 'en-US': 'a' };
    const one = splitPlan({
      year: 2026,
      roundTo: 1,
      method: 'even',
      rows: [{ productType: 'x', annual: 1 }],
    });
    const merged = mergeSplitResponses([
      { ...one, notes: [note] },
      { ...one, notes: [note, { 'zh-CN': '乙', 'en-US': 'b' }] },
    ] as SplitResponse[]);
    expect(merged.notes.map((n) => n['en-US'])).toEqual(['a', 'b']);
    expect(() => mergeSplitResponses([])).toThrow();
  });
});

describe('planVersionInput', () => {
  it('publishes the split rows as they are, in the sheet’s unit', () => {
    const split = splitPlan({
      year: 2026,
      roundTo: 1,
      method: 'even',
      rows: [{ productType: '配件', region: '华东', annual: 12, sheetRow: 4 }],
    });
    expect(planVersionInput(split, 'wanYuan')).toEqual({
      year: 2026,
      unit: 'wanYuan',
      roundTo: 1,
      method: 'even',
      rows: [{ productType: '配件', region: '华东', annual: 12, months: new Array(12).fill(1), sheetRow: 4 }],
    });
  });
});
