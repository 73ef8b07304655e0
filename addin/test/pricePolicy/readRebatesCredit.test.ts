// 【返点政策】, 【信用额度】 and 超期预警天数 on the 价格政策 sheet: read into the policy's rebateTiers and
// credit, every bad cell named at its row and column (a bad row never stops the good ones), the
// policy check's problems (negative, ≥ 100 %, unknown currency…) mapped to the same cells, and the
// difference against the published policy listing tiers and limits with the cell to jump to.
import { diffPolicies } from '../../../functions/src/domain/pricing';
import { readPolicySheet, type PolicySheetProblem } from '../../src/pricePolicy';
import { bpToRate, fenToText, readNewOld } from '../../src/pricePolicy/readRebatesCredit';
import { changeText, draftCell, sectionCount } from '../../src/pricePolicy/policyView';
import { policyGrid } from './policyGrid';

const at = (list: PolicySheetProblem[]) => list.map((p) => [p.code, p.cell]);
const SETTINGS = ['增值税率', '13%', '生效日期', '2026-01-01', '超期预警天数', 60];
// Rows: the default grid ends with its rule on row 16; a blank row, then 【返点政策】 on 18, header 19.
const FIRST_TIER_ROW = 20;

describe('readPolicySheet: 【返点政策】 and 【信用额度】', () => {
  it('reads the tiers, the limits and 超期预警天数 into the policy, with no problems', () => {
    const grid = policyGrid({
      settings: SETTINGS,
      rebates: [
        ['经销商', '老客户', 1000000, '2%'],
        ['全部', '', '50万', 0.01],
        ['Distributor', '新客户', '¥300,000', '1.5%'],
      ],
      credit: [
        ['华东水务', '', 200000],
        ['Nile Pumps', 'USD', '50,000.00'],
      ],
    });
    const read = readPolicySheet(grid);
    expect(read.problems).toEqual([]);
    expect(read.policy.rebateTiers).toEqual([
      { customerClass: '经销商', newCustomer: false, threshold: '1000000.00', rate: '0.02' },
      { threshold: '500000.00', rate: '0.01' },
      { customerClass: '经销商', newCustomer: true, threshold: '300000.00', rate: '0.015' },
    ]);
    expect(read.policy.credit).toEqual({
      maxDays: 60,
      limits: [
        { customer: '华东水务', currency: 'CNY', limit: '200000.00' },
        { customer: 'Nile Pumps', currency: 'USD', limit: '50000.00' },
      ],
    });
    expect(read.layout.rebateTiers.rows).toEqual([20, 21, 22]);
    // A blank row, 【信用额度】 on 24, header 25.
    expect(read.layout.creditLimits.rows).toEqual([26, 27]);
    expect(read.layout.settings.creditMaxDays).toBe('F2');
  });

  it('leaves both fields out when the sheet has neither block nor 超期预警天数', () => {
    const read = readPolicySheet(policyGrid());
    expect(read.problems).toEqual([]);
    expect('rebateTiers' in read.policy).toBe(false);
    expect('credit' in read.policy).toBe(false);
  });

  it('names every bad cell at its row and column and still reads the good rows', () => {
    const read = readPolicySheet(
      policyGrid({
        settings: ['增值税率', '13%', '生效日期', '2026-01-01', '超期预警天数', 0],
        rebates: [
          ['经销商', '老客户', '一百万', '2%'], // 20: unreadable threshold
          ['经销商', '老客户', -5, '2%'], // 21: negative threshold (the policy check)
          ['经销商', '某些客户', 100, '2%'], // 22: neither 新客户, 老客户 nor 全部
          ['重点客户', '', 2000000, '150%'], // 23: 100 % or more
          ['经销商', '老客户', 3000000, '3%'], // 24: good
          ['经销商', '老客户', '3,000,000', '4%'], // 25: the same tier again
        ],
        credit: [
          ['华东水务', '', -1], // 29: negative limit
          ['Nile Pumps', 'EUR', 100], // 30: unknown currency
          ['西北管业', '', '很多'], // 31: unreadable limit
          ['西北管业', '人民币', 5000], // 32: good
        ],
      }),
    );
    expect(at(read.problems)).toEqual([
      ['bad_credit_days', 'F2'],
      ['unreadable_cell', `C${FIRST_TIER_ROW}`],
      ['bad_rebate_threshold', 'C21'],
      ['bad_new_old', 'B22'],
      ['bad_rebate_rate', 'D23'],
      // A duplicate is shown on both rows.
      ['duplicate_rebate_tier', 'C24'],
      ['duplicate_rebate_tier', 'C25'],
      ['bad_credit_limit', 'C29'],
      ['unknown_currency', 'B30'],
      ['unreadable_cell', 'C31'],
    ]);
    expect(read.canPublish).toBe(false);
    const byCell = (cell: string) => read.problems.find((p) => p.cell === cell)!.message;
    expect(byCell('B22')['zh-CN']).toContain('价格政策 B22（新老客户）');
    expect(byCell('B22')['zh-CN']).toContain('某些客户');
    expect(byCell('C21')['zh-CN']).toContain('价格政策 C21（年度销量起点）');
    expect(byCell('C21')['en-US']).toContain('is negative');
    expect(byCell('D23')['en-US']).toContain('150%');
    expect(byCell('F2')['zh-CN']).toContain('超期预警天数');
    const duplicate = read.problems.find((p) => p.cell === 'C25')!;
    expect(duplicate.also.map((c) => c.cell)).toEqual(['C24']);
    expect(duplicate.message['zh-CN']).toBe(
      '价格政策 C25（年度销量起点）：返点档位重复，出现在第 24 行和第 25 行；同一客户类别、新老客户和年度销量起点只能有一行',
    );
    // Sheet rows, not positions in the policy: the cell already says where.
    expect(byCell('C29')['zh-CN']).toBe(
      '价格政策 C29（信用额度）：信用额度 "-1.00" 不能为负数，应为不小于 0 的金额（精确到分）',
    );
    // The good rows are in the policy (and the checked ones, for the check to point at).
    expect(read.policy.rebateTiers!.map((t) => t.threshold)).toEqual([
      '-5.00',
      '2000000.00',
      '3000000.00',
      '3000000.00',
    ]);
    expect(read.policy.credit!.limits.map((l) => [l.customer, l.currency, l.limit])).toEqual([
      ['华东水务', 'CNY', '-1.00'],
      ['Nile Pumps', 'EUR', '100.00'],
      ['西北管业', 'CNY', '5000.00'],
    ]);
  });

  it('shows what changed in tiers and limits against the published policy, with the cell to jump to', () => {
    const published = readPolicySheet(
      policyGrid({
        settings: SETTINGS,
        rebates: [
          ['经销商', '老客户', 1000000, '2%'],
          ['全部', '', 500000, '1%'],
        ],
        credit: [['华东水务', '', 200000]],
      }),
    ).policy;
    const draft = readPolicySheet(
      policyGrid({
        settings: ['增值税率', '13%', '生效日期', '2026-01-01', '超期预警天数', 90],
        rebates: [
          ['经销商', '老客户', 1000000, '2.5%'],
          ['经销商', '新客户', 300000, '1.5%'],
        ],
        credit: [
          ['华东水务', '', 250000],
          ['西北管业', '', 80000],
        ],
      }),
    );
    const diff = diffPolicies(published, draft.policy);
    expect(sectionCount(diff, 'rebateTiers')).toBe(3);
    expect(diff.rebateTiers!.changed[0]!.key).toBe('经销商|老客户|1000000.00');
    expect(changeText('zh-CN', diff.rebateTiers!.changed[0]!.fields[0]!)).toBe('返点比例 2% → 2.5%');
    expect(diff.rebateTiers!.removed).toEqual(['全部|全部|500000.00']);
    expect(draftCell(draft.layout, draft.policy, 'rebateTiers', '经销商|新客户|300000.00')).toBe('C21');
    expect(diff.creditLimits!.added).toEqual(['西北管业|CNY']);
    expect(draftCell(draft.layout, draft.policy, 'creditLimits', '西北管业|CNY')).toBe('A26');
    expect(changeText('en-US', diff.creditLimits!.changed[0]!.fields[0]!)).toBe(
      'Credit limit 200000.00 → 250000.00',
    );
    expect(changeText('zh-CN', diff.settings[0]!)).toBe('超期预警天数 60 → 90');
  });

  it('writes amounts and rates as exact text and reads 新老客户', () => {
    expect([fenToText(500), fenToText(-100), fenToText(7), fenToText(0)]).toEqual([
      '5.00',
      '-1.00',
      '0.07',
      '0.00',
    ]);
    expect([bpToRate(200), bpToRate(250), bpToRate(10000), bpToRate(1), bpToRate(-200)]).toEqual([
      '0.02',
      '0.025',
      '1',
      '0.0001',
      '-0.02',
    ]);
    expect([
      readNewOld('新客户'),
      readNewOld('老客户'),
      readNewOld('全部'),
      readNewOld(''),
      readNewOld('x'),
    ]).toEqual([true, false, null, null, undefined]);
  });
});
