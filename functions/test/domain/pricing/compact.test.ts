import { CompactValidateResponseSchema } from '../../../src/contract/pricing';
import { compactAnswer, expandAnswer, validateLines } from '../../../src/domain/pricing';
import fc from 'fast-check';
import { approval, line, policyOf, version, withRules } from './fixtures';

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
    const compact = compactAnswer(flagged);
    expect(CompactValidateResponseSchema.parse(compact)).toEqual(compact);
    // 1, 2, 6 and 7 share the outcome (6 left its region open, which changes nothing here); the rest
    // stay whole (not ok, a note before the verdict)
    expect(compact.results.map((r) => (typeof r === 'number' ? r : r.id))).toEqual([0, 0, 3, 4, 5, 0, 0, 8]);
    expect(expandAnswer(lines, compact).results[5]).toMatchObject({ dependsOn: [], minPriceDependsOn: [] });
    expect(compact.outcomes).toEqual([[1, 'CNY', 1000, 875, 800, 12.5, []]]);
    expect(expandAnswer(lines, compact)).toEqual(flagged);
    expect(expandAnswer(lines, compact).results[6]?.message['zh-CN']).toBe(
      '单价 990.50 不低于最低允许价 875.00。',
    );
  });

  it('keeps whole any result the engine did not judge simply ok (a copy, a changed one)', () => {
    const flagged = validateLines(version(policyOf()), lines.slice(0, 1), [], {
      ...today,
      detail: 'flagged',
    });
    const tampered = {
      ...flagged,
      results: flagged.results.map((r) => ({ ...r, discountPct: 1 })),
    };
    expect(compactAnswer(tampered).results[0]).toMatchObject({ id: 1, discountPct: 1 });
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

  it('expands to the flagged answer for any mix of lines (models, classes, currencies, tax, dates, rules)', () => {
    const policy = withRules([
      {
        id: 'R-华东',
        product: { model: 'QJ-50' },
        customer: { region: '华东' },
        effect: { kind: 'extraDiscount', pct: 2 },
      },
      {
        id: 'R|大单',
        product: 'all',
        customer: 'all',
        minQty: 50,
        effect: { kind: 'extraDiscount', pct: 1 },
      },
    ]);
    const anyLine = fc.record({
      id: fc.oneof(fc.integer({ min: 1, max: 1e6 }), fc.string({ minLength: 1, maxLength: 6 })),
      orderDate: fc.constantFrom('2026-02-10', '2026-07-01', null, '2026/3/5'),
      model: fc.constantFrom('QJ-50', 'IS-80', 'R4105', 'r4105 ', 'XX-1'),
      customerClass: fc.constantFrom('经销商', '重点客户', '外贸', 'keyAccount', null),
      isNewCustomer: fc.boolean(),
      region: fc.constantFrom('华东', '华南', null),
      customer: fc.constantFrom('华东水利公司', '某公司', null),
      qty: fc.constantFrom(1, 10, 50, 120),
      unitPrice: fc.integer({ min: 50000, max: 1500000 }).map((fen) => fen / 100),
      taxIncluded: fc.constantFrom(true, false, null),
      currency: fc.constantFrom('CNY', 'USD', ' usd ', '人民币', null),
      approvalRef: fc.constantFrom(null, 'SP-2026-001'),
      unknownInputs: fc.constantFrom(undefined, [], ['region'], ['isNewCustomer', 'customer', 'currency']),
    });
    fc.assert(
      fc.property(fc.array(anyLine, { minLength: 1, maxLength: 40 }), (lines) => {
        const flagged = validateLines(version(policy), lines, [approval()], { ...today, detail: 'flagged' });
        const compact = compactAnswer(flagged);
        expect(expandAnswer(lines, JSON.parse(JSON.stringify(compact)))).toEqual(flagged);
      }),
      { numRuns: 300 },
    );
  });
});
