// Builders for engine tests: a small policy in the department's terms, and lines against it.
import {
  ApprovalSchema,
  PricePolicySchema,
  type Approval,
  type ApprovalInput,
  type PolicyRule,
  type PricePolicy,
  type PricePolicyInput,
  type PriceLine,
} from '../../../src/contract/pricing';
import type { PolicyVersionLike } from '../../../src/domain/pricing';

type RuleInput = NonNullable<PricePolicyInput['rules']>[number];

export function policyOf(input: Partial<PricePolicyInput> = {}): PricePolicy {
  return PricePolicySchema.parse({
    vatRate: 13,
    effectiveDate: '2026-01-01',
    products: [
      {
        model: 'QJ-50',
        name: '50QJ 潜水泵',
        productType: '潜水泵',
        unit: '台',
        listPrice: 1000,
        floorPrice: 800,
      },
      { model: 'IS-80', name: 'IS80 离心泵', productType: '离心泵', unit: '台', listPrice: 2000 },
      {
        model: 'R4105',
        name: '4105 柴油机',
        productType: '柴油机',
        unit: '台',
        listPrice: 12000,
        floorPrice: 9000,
        listPriceUsd: 1800,
        floorPriceUsd: 1500,
      },
    ],
    discountCaps: {
      经销商: { old: 12.5, new: 10 },
      重点客户: { old: 15, new: 12 },
      外贸: { old: 10, new: 8 },
    },
    rules: [],
    ...input,
  });
}

export function withRules(rules: RuleInput[], input: Partial<PricePolicyInput> = {}): PricePolicy {
  return policyOf({ ...input, rules });
}

export function version(policy: PricePolicy, n = 1): PolicyVersionLike {
  return { version: n, policy };
}

/** A line as the add-in would send it; overrides may be malformed on purpose. */
export function line(
  overrides: { [K in keyof PriceLine]?: unknown } & Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: 'L1',
    orderDate: '2026-02-10',
    model: 'QJ-50',
    customerClass: '经销商',
    qty: 1,
    unitPrice: 1000,
    ...overrides,
  };
}

export function approval(overrides: Partial<ApprovalInput> = {}): Approval {
  return ApprovalSchema.parse({
    ref: 'SP-2026-001',
    customer: '华东水利公司',
    model: 'QJ-50',
    minUnitPrice: 700,
    validFrom: '2026-02-01',
    validTo: '2026-02-28',
    approvedBy: '王部长',
    ...overrides,
  });
}

export type { PolicyRule };
