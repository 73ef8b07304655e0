// 返点政策 and 信用额度 in the published policy: an old policy without them still reads and checks
// clean; bad values are named by tier / limit and field in both languages; the diff lists them.
import { PricePolicySchema, type PolicyProblem } from '../../../src/contract/pricing';
import { checkPolicy, diffPolicies } from '../../../src/domain/pricing';
import { policyOf } from './fixtures';

const codes = (problems: PolicyProblem[]) => problems.map((p) => [p.code, p.where]);

describe('rebate tiers and credit limits in the price policy', () => {
  it('reads an old stored policy without the new fields and finds nothing wrong', () => {
    const old = PricePolicySchema.parse({
      vatRate: 13,
      effectiveDate: '2025-01-01',
      products: [{ model: 'QJ-50', listPrice: 1000 }],
    });
    expect(old.rebateTiers).toBeUndefined();
    expect(old.credit).toBeUndefined();
    expect(checkPolicy(old)).toEqual([]);
  });

  it('accepts sound tiers and limits, defaulting 超期预警天数 to 90 and the currency to CNY', () => {
    const policy = policyOf({
      rebateTiers: [
        { customerClass: '经销商', newCustomer: false, threshold: '1000000', rate: '0.02' },
        { customerClass: '经销商', newCustomer: false, threshold: '3000000.00', rate: '0.03' },
        { threshold: '500000', rate: '0.01' },
      ],
      credit: { limits: [{ customer: '华东水务', limit: '200000.00' }] },
    });
    expect(policy.credit).toEqual({
      maxDays: 90,
      limits: [{ customer: '华东水务', currency: 'CNY', limit: '200000.00' }],
    });
    expect(checkPolicy(policy)).toEqual([]);
  });

  it('names a negative threshold, a rate of 100 % or more, a duplicate tier and an unknown class', () => {
    const problems = checkPolicy(
      policyOf({
        rebateTiers: [
          { customerClass: '经销商', threshold: '-5', rate: '0.02' },
          { customerClass: '经销商', threshold: '1000000', rate: '1' },
          { customerClass: '经销商', threshold: '1,000,000.00', rate: '0.03' },
          { customerClass: '批发商', threshold: '0', rate: '0.01' },
        ],
      }),
    );
    expect(codes(problems)).toEqual([
      ['bad_rebate_threshold', { section: 'rebateTiers', index: 0, field: 'threshold' }],
      ['bad_rebate_rate', { section: 'rebateTiers', index: 1, field: 'rate' }],
      ['duplicate_rebate_tier', { section: 'rebateTiers', index: 2, field: 'threshold' }],
      ['unknown_customer_class', { section: 'rebateTiers', index: 3, field: 'customerClass' }],
    ]);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
    expect(problems[0]!.message['zh-CN']).toContain('年度销量起点 "-5" 不能为负数');
    expect(problems[0]!.message['en-US']).toContain('threshold "-5" is negative');
    expect(problems[1]!.message['zh-CN']).toContain('返点比例 100%');
    expect(problems[2]!.also).toEqual([{ section: 'rebateTiers', index: 1, field: 'threshold' }]);
  });

  it('names a tier whose rate falls below a lower tier of the same list (selling more would earn less)', () => {
    const problems = checkPolicy(
      policyOf({
        rebateTiers: [
          { customerClass: '经销商', threshold: '3000000', rate: '0.015' },
          { customerClass: '经销商', threshold: '1000000', rate: '0.02' },
          // Another list (全部) may have any rates of its own.
          { threshold: '5000000', rate: '0.005' },
        ],
      }),
    );
    expect(codes(problems)).toEqual([
      ['rebate_rate_falls', { section: 'rebateTiers', index: 0, field: 'rate' }],
    ]);
    expect(problems[0]!.also).toEqual([{ section: 'rebateTiers', index: 1, field: 'rate' }]);
    expect(problems[0]!.message['zh-CN']).toContain('返点比例 1.5% 低于第 2 条的 2%');
    expect(problems[0]!.message['en-US']).toContain('selling more would earn less');
  });

  it('names a negative limit, an unknown currency, a repeated customer and bad 超期预警天数', () => {
    const problems = checkPolicy(
      policyOf({
        credit: {
          maxDays: 0,
          limits: [
            { customer: '华东水务', limit: '-1.00' },
            { customer: 'Nile Pumps', currency: 'EUR', limit: '5000' },
            { customer: '华东水务 ', currency: 'cny', limit: '100' },
          ],
        },
      }),
    );
    expect(codes(problems)).toEqual([
      ['bad_credit_days', { section: 'policy', field: 'creditMaxDays' }],
      ['bad_credit_limit', { section: 'creditLimits', index: 0, customer: '华东水务', field: 'limit' }],
      ['unknown_currency', { section: 'creditLimits', index: 1, customer: 'Nile Pumps', field: 'currency' }],
      [
        'duplicate_credit_limit',
        { section: 'creditLimits', index: 2, customer: '华东水务', field: 'customer' },
      ],
    ]);
    expect(problems[1]!.message['zh-CN']).toContain('信用额度 "-1.00" 不能为负数');
    expect(problems[2]!.message['en-US']).toContain('currency "EUR" is unknown');
  });

  it('lists tiers and limits added, changed and removed, and the days, in the diff and its summary', () => {
    const before = policyOf({
      rebateTiers: [
        { threshold: '1000000', rate: '0.02' },
        { threshold: '3000000', rate: '0.03' },
      ],
      credit: { maxDays: 90, limits: [{ customer: '华东水务', limit: '200000' }] },
    });
    const after = policyOf({
      rebateTiers: [
        { threshold: '1000000.00', rate: '0.025' },
        { threshold: '5000000', rate: '0.04' },
      ],
      credit: { maxDays: 60, limits: [{ customer: '华东水务', limit: '250000' }] },
    });
    const diff = diffPolicies(before, after);
    expect(diff.settings).toEqual([{ field: 'creditMaxDays', from: 90, to: 60 }]);
    expect(diff.rebateTiers).toEqual({
      added: ['全部|全部|5000000.00'],
      changed: [{ key: '全部|全部|1000000.00', fields: [{ field: 'rate', from: '0.02', to: '0.025' }] }],
      removed: ['全部|全部|3000000.00'],
    });
    expect(diff.creditLimits!.changed).toEqual([
      { key: '华东水务|CNY', fields: [{ field: 'limit', from: '200000', to: '250000' }] },
    ]);
    expect(diff.isEmpty).toBe(false);
    expect(diff.summary['zh-CN']).toContain('超期预警天数 90 → 60');
    expect(diff.summary['zh-CN']).toContain('返点档位新增 1、修改 1、删除 1');
    expect(diff.summary['en-US']).toContain('Credit limits: 1 changed');
    expect(diffPolicies(after, policyOf({ ...after })).isEmpty).toBe(true);
  });
});
