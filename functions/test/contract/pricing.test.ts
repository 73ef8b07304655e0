import {
  ApprovalSchema,
  CUSTOMER_CLASSES,
  CUSTOMER_CLASS_LABELS,
  PRICE_STATUSES,
  PRICE_STATUS_LABELS,
  PolicyProblemSchema,
  PolicyDiffSchema,
  PricePolicySchema,
  PriceLineSchema,
  ValidateRequestSchema,
  ValidateResponseSchema,
} from '../../src/contract/pricing';
import { checkPolicy, diffPolicies, validateLines } from '../../src/domain/pricing';

describe('price policy schema', () => {
  it('fills defaults and keeps values for checkPolicy to judge', () => {
    const policy = PricePolicySchema.parse({
      effectiveDate: '2026-01-01',
      products: [{ model: 'QJ-50', listPrice: -1 }, { model: 'IS-80' }],
      rules: [{ id: 'R1', effect: { kind: 'discountCap', pct: 120 } }],
    });
    expect(policy.vatRate).toBe(13);
    expect(policy.discountCaps).toEqual({});
    expect(policy.products[1]).toEqual({
      model: 'IS-80',
      name: '',
      productType: '',
      unit: '',
      listPrice: null,
    });
    expect(policy.rules[0]).toMatchObject({ product: 'all', customer: 'all' });
    expect(checkPolicy(policy).map((p) => p.code)).toEqual([
      'non_positive_price',
      'missing_price',
      'bad_effect',
    ]);
  });

  it('rejects wrong shapes', () => {
    const base = { effectiveDate: '2026-01-01', products: [] };
    expect(
      PricePolicySchema.safeParse({ ...base, rules: [{ id: 'R1', effect: { kind: 'rebate', pct: 1 } }] })
        .success,
    ).toBe(false);
    expect(
      PricePolicySchema.safeParse({ ...base, products: [{ model: 'X', listPrice: '100' }] }).success,
    ).toBe(false);
    expect(PricePolicySchema.safeParse({ effectiveDate: '2026-01-01' }).success).toBe(false);
    expect(
      PricePolicySchema.safeParse({
        ...base,
        rules: [{ id: 'R1', product: 'some', effect: { kind: 'floor', price: 1 } }],
      }).success,
    ).toBe(false);
  });
});

describe('validate request and response', () => {
  it('lets bad lines through the envelope, to be judged one by one', () => {
    const parsed = ValidateRequestSchema.parse({ lines: [{ id: 1 }, null, 'x'] });
    expect(parsed.lines).toHaveLength(3);
    expect(ValidateRequestSchema.safeParse({ lines: {} }).success).toBe(false);
    expect(ValidateRequestSchema.safeParse({}).success).toBe(false);
  });

  it('describes a well-formed line for the add-in', () => {
    expect(PriceLineSchema.safeParse({ id: 'r5', model: 'QJ-50', qty: 2, unitPrice: 900 }).success).toBe(
      true,
    );
    expect(PriceLineSchema.safeParse({ id: 'r5', model: 'QJ-50', qty: '2', unitPrice: 900 }).success).toBe(
      false,
    );
  });

  it('matches what the engine answers', () => {
    const policy = PricePolicySchema.parse({
      effectiveDate: '2026-01-01',
      products: [{ model: 'QJ-50', listPrice: 1000, floorPrice: 800 }],
      discountCaps: { 经销商: { old: 10, new: 5 } },
    });
    const response = validateLines(
      { version: 1, policy },
      [{ id: 1, model: 'QJ-50', customerClass: '经销商', qty: 1, unitPrice: 850 }, {}],
      [],
      {
        today: '2026-02-01',
      },
    );
    expect(ValidateResponseSchema.parse(response)).toEqual(response);
    expect(PolicyDiffSchema.parse(diffPolicies(null, policy))).toBeTruthy();
    const problems = checkPolicy({ ...policy, vatRate: -1 });
    expect(problems.every((p) => PolicyProblemSchema.safeParse(p).success)).toBe(true);
  });
});

describe('approval schema', () => {
  const approval = {
    ref: 'SP-1',
    customer: '甲公司',
    model: 'QJ-50',
    minUnitPrice: 700,
    validFrom: '2026-02-01',
    validTo: '2026-02-28',
  };

  it('defaults the currency and checks dates', () => {
    expect(ApprovalSchema.parse(approval).currency).toBe('CNY');
    expect(ApprovalSchema.safeParse({ ...approval, validTo: '2026-01-31' }).success).toBe(false);
    expect(ApprovalSchema.safeParse({ ...approval, validFrom: '2026-02-30' }).success).toBe(false);
    expect(ApprovalSchema.safeParse({ ...approval, minUnitPrice: 0 }).success).toBe(false);
    // Below one fen it would round to 0 and approve any price.
    expect(ApprovalSchema.safeParse({ ...approval, minUnitPrice: 0.004 }).success).toBe(false);
    expect(ApprovalSchema.safeParse({ ...approval, minUnitPrice: 0.01 }).success).toBe(true);
    expect(ApprovalSchema.safeParse({ ...approval, ref: ' ' }).success).toBe(false);
  });
});

describe('labels', () => {
  it('label every customer class and status in both languages', () => {
    for (const cls of CUSTOMER_CLASSES) expect(CUSTOMER_CLASS_LABELS[cls]['zh-CN']).toBe(cls);
    expect(new Set(CUSTOMER_CLASSES.map((c) => CUSTOMER_CLASS_LABELS[c].code)).size).toBe(
      CUSTOMER_CLASSES.length,
    );
    for (const status of PRICE_STATUSES) expect(PRICE_STATUS_LABELS[status]['en-US']).not.toBe('');
  });
});
