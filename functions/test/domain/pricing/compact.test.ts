import { CompactValidateResponseSchema } from '../../../src/contract/pricing';
import { compactAnswer, expandAnswer, validateLines } from '../../../src/domain/pricing';
import { approval, line, policyOf, version } from './fixtures';

const today = { today: '2026-02-15' };

describe('compact answers (?detail=compact)', () => {
  // QJ-50: list 1000, floor 800; 经销商 old 12.5 % → lowest 875.
  const lines: unknown[] = [
    line({ id: 1, unitPrice: 875 }),
    line({ id: 2, unitPrice: 1200 }),
    line({ id: 3, unitPrice: 874.99 }),
    line({ id: 4, unitPrice: 900, orderDate: null }),
    line({ id: 5, unitPrice: 900, taxIncluded: false }),
    line({ id: 6, unitPrice: 950, unknownInputs: ['region'] }),
    line({ id: 7, unitPrice: 990.5 }),
    { id: 8 },
  ];

  it('sends simply-ok lines as one shared outcome and rebuilds the flagged answer exactly', () => {
    const flagged = validateLines(version(policyOf()), lines, [approval()], { ...today, detail: 'flagged' });
    const compact = compactAnswer(lines, flagged);
    expect(CompactValidateResponseSchema.parse(compact)).toEqual(compact);
    // 1, 2 and 7 share the outcome; the rest stay whole (not ok, a note before the verdict, open inputs)
    expect(compact.results.map((r) => (typeof r === 'number' ? r : r.id))).toEqual([0, 0, 3, 4, 5, 6, 0, 8]);
    expect(compact.outcomes).toEqual([[1, 'CNY', 1000, 875, 800, 12.5, []]]);
    expect(expandAnswer(lines, compact)).toEqual(flagged);
    expect(expandAnswer(lines, compact).results[6]?.message['zh-CN']).toBe(
      '单价 990.50 不低于最低允许价 875.00。',
    );
  });

  it('keeps a line whole when the rebuilt result would differ from the judged one', () => {
    const flagged = validateLines(version(policyOf()), lines.slice(0, 1), [], {
      ...today,
      detail: 'flagged',
    });
    const tampered = {
      ...flagged,
      results: flagged.results.map((r) => ({ ...r, discountPct: 1 })),
    };
    expect(compactAnswer(lines.slice(0, 1), tampered).results[0]).toMatchObject({ id: 1, discountPct: 1 });
  });

  it('judges compact as flagged: the basis stays out of ok messages', () => {
    const full = validateLines(version(policyOf()), lines.slice(0, 1), [], today);
    const compact = validateLines(version(policyOf()), lines.slice(0, 1), [], {
      ...today,
      detail: 'compact',
    });
    expect(full.results[0]?.message['zh-CN']).toContain('依据');
    expect(compact.results[0]?.message['zh-CN']).not.toContain('依据');
  });
});
