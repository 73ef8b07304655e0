import { chinaToday, rejudgeWarnings, revertDate } from '../../src/pricePolicy/publishChecks';

describe('publish checks', () => {
  it('today is the China date (UTC+8)', () => {
    expect(chinaToday(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(chinaToday(new Date('2026-03-31T15:59:00Z'))).toBe('2026-03-31');
  });

  it('warns when a version dated before today re-judges orders, and when it is dated before the current one', () => {
    expect(rejudgeWarnings('2026-04-01', '2026-04-01', { version: 3, effectiveDate: '2026-03-01' })).toEqual(
      [],
    );
    const past = rejudgeWarnings('2026-03-15', '2026-04-01', null);
    expect(past).toHaveLength(1);
    expect(past[0]?.['en-US']).toContain('orders dated 2026-03-15 or later that were already checked');
    const early = rejudgeWarnings('2026-05-01', '2026-04-01', { version: 3, effectiveDate: '2026-06-01' });
    expect(early).toHaveLength(1);
    expect(early[0]?.['zh-CN']).toContain(
      '此版本只管 2026-05-01 至 2026-05-31 的订单，2026-06-01 起仍按第 3 版判定',
    );
  });

  it('proposes today for a re-publish, or the current version’s later date', () => {
    expect(revertDate('2026-04-01', { effectiveDate: '2026-03-01' })).toBe('2026-04-01');
    expect(revertDate('2026-04-01', { effectiveDate: '2026-07-01' })).toBe('2026-07-01');
    expect(revertDate('2026-04-01', null)).toBe('2026-04-01');
  });
});
