import { monthsToSync, previousChinaMonth } from '../../src/monthEnd';

test('the month before this one is counted in China time', () => {
  // 16:30 UTC on 31 Jan is already 1 Feb in China: the clerk closes January.
  expect(previousChinaMonth(new Date('2026-01-31T16:30:00Z'))).toBe('2026-01');
  expect(previousChinaMonth(new Date('2026-01-31T15:30:00Z'))).toBe('2025-12');
});

test('a run syncs every month up to the one after it, across a year end', () => {
  expect(monthsToSync(['2026-01', '2025-11', '2025-12', '2026-02', '2025-12'], '2025-12')).toEqual([
    '2025-11',
    '2025-12',
    '2026-01',
  ]);
});
