import { selectVersion } from '../../../src/domain/pricing';

const v = (version: number, effectiveDate: string) => ({ version, policy: { effectiveDate } });

describe('selectVersion', () => {
  const versions = [
    v(3, '2026-04-01'),
    v(1, '2026-01-01'),
    v(2, '2026-03-01'),
    v(4, '2026-03-01'),
    v(5, 'soon'),
  ];

  it('picks the latest version effective on or before the order date', () => {
    expect(selectVersion(versions, '2026-01-01')?.version).toBe(1);
    expect(selectVersion(versions, '2026-02-28')?.version).toBe(1);
    expect(selectVersion(versions, '2026-03-31')?.version).toBe(4); // same date: the later publish
    expect(selectVersion(versions, '2026-04-01')?.version).toBe(3);
    expect(selectVersion(versions, '2030-01-01')?.version).toBe(3);
  });

  it('finds none before the first effective date, or without versions', () => {
    expect(selectVersion(versions, '2025-12-31')).toBeUndefined();
    expect(selectVersion([], '2026-01-01')).toBeUndefined();
    expect(selectVersion([v(1, 'not a date')], '2026-01-01')).toBeUndefined();
  });
});
