// Properties of the engine over random policies and lines (fast-check).
import fc from 'fast-check';
import { checkPolicy, validateLines } from '../../../src/domain/pricing';
import { line, version, withRules } from './fixtures';

type Rules = Parameters<typeof withRules>[0];

const dateArb = fc
  .integer({ min: 0, max: 119 })
  .map((d) => new Date(Date.UTC(2026, 1, 1) + d * 86400000).toISOString().slice(0, 10));

const effectArb = fc.oneof(
  fc.record({ kind: fc.constant('discountCap' as const), pct: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('extraDiscount' as const), pct: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant('fixedPrice' as const), price: fc.integer({ min: 500, max: 2000 }) }),
  fc.record({ kind: fc.constant('floor' as const), price: fc.integer({ min: 500, max: 1000 }) }),
);

const ruleArb = fc.record({
  priority: fc.integer({ min: 0, max: 2 }),
  product: fc.constantFrom<Rules[number]['product']>(
    'all',
    { model: 'QJ-50' },
    { model: 'IS-80' },
    { productType: '潜水泵' },
  ),
  customer: fc.constantFrom<Rules[number]['customer']>(
    'all',
    { customerClass: '经销商' },
    { region: '华东' },
    { name: '甲公司' },
  ),
  minQty: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
  maxQty: fc.option(fc.integer({ min: 20, max: 60 }), { nil: undefined }),
  validFrom: fc.option(dateArb, { nil: undefined }),
  effect: effectArb,
});

const rulesArb = fc
  .array(ruleArb, { maxLength: 8 })
  .map((rules) => rules.map((r, i) => ({ ...r, id: `R${i}` })));

const lineArb = fc.record({
  model: fc.constantFrom('QJ-50', 'IS-80', 'R4105'),
  customerClass: fc.constantFrom('经销商', '重点客户', '电商', undefined),
  customer: fc.constantFrom('甲公司', '乙公司'),
  region: fc.constantFrom('华东', '华南'),
  isNewCustomer: fc.boolean(),
  qty: fc.integer({ min: 1, max: 80 }),
  unitPrice: fc.integer({ min: 1, max: 1_500_000 }).map((fen) => fen / 100),
  orderDate: dateArb,
});

const fen = (yuan: number | null) => (yuan === null ? null : Math.round(yuan * 100));

describe('engine properties', () => {
  it('never puts minPrice below the floor, and status follows price vs minPrice and floor', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(lineArb, { minLength: 1, maxLength: 20 }), (rules, lines) => {
        const response = validateLines(
          version(withRules(rules)),
          lines.map((l, i) => line({ ...l, id: i })),
          [],
          {
            today: '2026-03-01',
          },
        );
        response.results.forEach((r, i) => {
          expect(r.status).not.toBe('invalid');
          const price = Math.round((lines[i]?.unitPrice ?? 0) * 100);
          const min = fen(r.minPrice) ?? NaN;
          const floor = fen(r.floorPrice);
          if (floor !== null) expect(min).toBeGreaterThanOrEqual(floor);
          expect(r.status === 'ok').toBe(price >= min);
          if (r.status === 'below_floor') expect(floor !== null && price < floor).toBe(true);
          if (r.status === 'needs_approval') expect(floor === null || price >= floor).toBe(true);
          expect(new Set(r.ruleIds).size).toBe(r.ruleIds.length);
        });
        expect(response.summary.ok + response.summary.needs_approval + response.summary.below_floor).toBe(
          lines.length,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same answers whatever order the rules are listed in, once ties are ruled out', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(lineArb, { minLength: 1, maxLength: 10 }), (rules, lines) => {
        const forward = withRules(rules);
        fc.pre(!checkPolicy(forward).some((p) => p.code === 'rules_tie'));
        const backward = withRules([...rules].reverse());
        const judge = (policy: typeof forward) =>
          validateLines(
            version(policy),
            lines.map((l, i) => line({ ...l, id: i })),
            [],
            { today: '2026-03-01' },
          );
        expect(judge(backward)).toEqual(judge(forward));
      }),
      { numRuns: 200 },
    );
  });
});
