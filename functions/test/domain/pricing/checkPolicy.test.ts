import type { PolicyProblem } from '../../../src/contract/pricing';
import { canPublish, checkPolicy } from '../../../src/domain/pricing';
import { policyOf, withRules } from './fixtures';

type Rules = Parameters<typeof withRules>[0];

const codes = (problems: PolicyProblem[]) => problems.map((p) => p.code);

describe('checkPolicy', () => {
  it('finds nothing wrong in a sound policy', () => {
    const problems = checkPolicy(
      withRules([
        {
          id: 'R1',
          product: { model: 'QJ-50' },
          customer: { customerClass: '经销商' },
          effect: { kind: 'discountCap', pct: 20 },
        },
        {
          id: 'R2',
          product: { productType: '离心泵' },
          minQty: 10,
          effect: { kind: 'extraDiscount', pct: 2 },
        },
      ]),
    );
    expect(problems).toEqual([]);
    expect(canPublish(problems)).toBe(true);
  });

  it('reports product problems with their row and field', () => {
    const problems = checkPolicy(
      policyOf({
        products: [
          { model: 'QJ-50', listPrice: 1000, floorPrice: 1200 },
          { model: ' qj-50', listPrice: 900 },
          { model: '', listPrice: 100 },
          { model: 'IS-80', listPrice: null },
          { model: 'IS-100', listPrice: -5, floorPrice: 0 },
          { model: 'IS-125', listPrice: 10.005, floorPriceUsd: 50 },
          { model: 'R4105', listPrice: 12000, listPriceUsd: 1800, floorPriceUsd: 1900 },
        ],
      }),
    );
    expect(problems.map((p) => [p.code, p.severity, p.where])).toEqual([
      ['floor_above_list', 'error', { section: 'products', index: 0, model: 'QJ-50', field: 'floorPrice' }],
      ['duplicate_model', 'error', { section: 'products', index: 1, model: 'qj-50', field: 'model' }],
      ['missing_model', 'error', { section: 'products', index: 2, field: 'model' }],
      ['missing_price', 'error', { section: 'products', index: 3, model: 'IS-80', field: 'listPrice' }],
      ['non_positive_price', 'error', { section: 'products', index: 4, model: 'IS-100', field: 'listPrice' }],
      [
        'non_positive_price',
        'error',
        { section: 'products', index: 4, model: 'IS-100', field: 'floorPrice' },
      ],
      ['price_not_exact', 'warning', { section: 'products', index: 5, model: 'IS-125', field: 'listPrice' }],
      ['missing_price', 'error', { section: 'products', index: 5, model: 'IS-125', field: 'listPriceUsd' }],
      [
        'floor_above_list',
        'error',
        { section: 'products', index: 6, model: 'R4105', field: 'floorPriceUsd' },
      ],
    ]);
    expect(problems[0]?.message['zh-CN']).toBe('型号 QJ-50：最低限价 1,200.00 高于指导价 1,000.00');
    expect(problems[1]?.also).toEqual([{ section: 'products', index: 0, model: 'QJ-50', field: 'model' }]);
    expect(problems[1]?.message['en-US']).toBe('Model qj-50 is listed twice: same as product 1 (QJ-50)');
    expect(problems[6]?.message['en-US']).toContain('has more than 2 decimals; taken as 10.01');
    expect(canPublish(problems)).toBe(false);
  });

  it('reports settings and discount caps', () => {
    const problems = checkPolicy(
      policyOf({
        vatRate: 0.13,
        effectiveDate: '2026-02-30',
        discountCaps: {
          经销商: { old: 12.5, new: 120 },
          distributor: { old: 5, new: 5 },
          代理商: { old: 5, new: null },
        },
      }),
    );
    expect(problems.map((p) => [p.code, p.severity, p.where])).toEqual([
      ['vat_rate_looks_like_fraction', 'warning', { section: 'policy', field: 'vatRate' }],
      ['invalid_date', 'error', { section: 'policy', field: 'effectiveDate' }],
      ['cap_out_of_range', 'error', { section: 'discountCaps', customerClass: '经销商', field: 'new' }],
      ['unknown_customer_class', 'error', { section: 'discountCaps', customerClass: 'distributor' }],
      ['unknown_customer_class', 'error', { section: 'discountCaps', customerClass: '代理商' }],
      ['missing_cap', 'error', { section: 'discountCaps', customerClass: '代理商', field: 'new' }],
    ]);
    expect(problems[3]?.message['zh-CN']).toBe('客户类别 "distributor" 请写作 "经销商"');
    expect(problems[4]?.message['en-US']).toContain(
      'expected one of 经销商, 重点客户, 终端客户, 政府采购, 外贸, 电商',
    );
    expect(codes(checkPolicy(policyOf({ vatRate: 113 })))).toEqual(['invalid_vat_rate']);
  });

  it('reports rules with bad scopes, ranges, dates and effects', () => {
    const problems = checkPolicy(
      withRules([
        { id: '', effect: { kind: 'discountCap', pct: 10 } },
        {
          id: 'R1',
          product: { model: 'QJ-50', productType: '潜水泵' },
          effect: { kind: 'discountCap', pct: 10 },
        },
        { id: 'R1', customer: { name: 'A', region: '华东' }, effect: { kind: 'discountCap', pct: 10 } },
        { id: 'R3', customer: { customerClass: '代理商' }, effect: { kind: 'discountCap', pct: 10 } },
        { id: 'R4', minQty: 50, maxQty: 10, effect: { kind: 'extraDiscount', pct: 101 } },
        { id: 'R5', validFrom: '2026-03-31', validTo: '2026-03-01', effect: { kind: 'floor', price: 0 } },
        { id: 'R6', validFrom: '3/1', product: { model: 'NOPE' }, effect: { kind: 'fixedPrice', price: 10 } },
        {
          id: 'R7',
          product: { productType: '喷灌机' },
          minQty: -1,
          effect: { kind: 'discountCap', pct: 10 },
        },
      ]),
    );
    expect(problems.map((p) => [p.code, p.where])).toEqual([
      ['missing_rule_id', { section: 'rules', index: 0, field: 'id' }],
      ['bad_scope', { section: 'rules', index: 1, ruleId: 'R1', field: 'product' }],
      ['duplicate_rule_id', { section: 'rules', index: 2, ruleId: 'R1', field: 'id' }],
      ['bad_scope', { section: 'rules', index: 2, ruleId: 'R1', field: 'customer' }],
      ['unknown_customer_class', { section: 'rules', index: 3, ruleId: 'R3', field: 'customer' }],
      ['bad_qty_range', { section: 'rules', index: 4, ruleId: 'R4', field: 'maxQty' }],
      ['bad_effect', { section: 'rules', index: 4, ruleId: 'R4', field: 'effect' }],
      ['bad_date_range', { section: 'rules', index: 5, ruleId: 'R5', field: 'validTo' }],
      ['bad_effect', { section: 'rules', index: 5, ruleId: 'R5', field: 'effect' }],
      ['unknown_model', { section: 'rules', index: 6, ruleId: 'R6', field: 'product' }],
      ['invalid_date', { section: 'rules', index: 6, ruleId: 'R6', field: 'validFrom' }],
      ['unknown_product_type', { section: 'rules', index: 7, ruleId: 'R7', field: 'product' }],
      ['bad_qty_range', { section: 'rules', index: 7, ruleId: 'R7', field: 'minQty' }],
    ]);
    expect(problems[5]?.message['zh-CN']).toBe('规则 R4：数量上限 10 小于下限 50');
    expect(problems[7]?.message['en-US']).toBe(
      'Rule R5: the end date 2026-03-01 is before the start date 2026-03-31',
    );
  });

  it('warns about a fixed price under a floor, and rejects a floor rule over a list price', () => {
    const problems = checkPolicy(
      withRules([
        { id: 'FIX', product: { productType: '潜水泵' }, effect: { kind: 'fixedPrice', price: 700 } },
        { id: 'FLOOR', effect: { kind: 'floor', price: 1500 } },
      ]),
    );
    expect(problems.map((p) => [p.code, p.severity])).toEqual([
      ['fixed_price_below_floor', 'warning'],
      ['rule_floor_above_list', 'error'],
    ]);
    expect(problems[0]?.message['zh-CN']).toContain('QJ-50 (800.00)');
    expect(problems[1]?.message['en-US']).toBe(
      'Rule FLOOR: the floor 1,500.00 is above the list price of these models: QJ-50 (1,000.00)',
    );
  });
});

describe('checkPolicy: tying rules', () => {
  const cap = (pct: number) => ({ kind: 'discountCap' as const, pct });
  const tie = (rules: Rules) => checkPolicy(withRules(rules)).filter((p) => p.code === 'rules_tie');

  it('rejects two rules that would tie, naming both', () => {
    const ties = tie([
      {
        id: 'SPRING-A',
        product: { productType: '潜水泵' },
        customer: { customerClass: '经销商' },
        validFrom: '2026-03-01',
        effect: cap(15),
      },
      { id: 'OTHER', effect: cap(5) },
      {
        id: 'SPRING-B',
        product: { productType: '潜水泵' },
        customer: { customerClass: 'distributor' },
        validFrom: '2026-03-01',
        validTo: '2026-04-30',
        effect: { kind: 'fixedPrice', price: 900 },
      },
    ]);
    expect(ties).toHaveLength(1);
    expect(ties[0]).toMatchObject({
      severity: 'error',
      where: { section: 'rules', index: 2, ruleId: 'SPRING-B' },
      also: [{ section: 'rules', index: 0, ruleId: 'SPRING-A' }],
    });
    expect(ties[0]?.message['zh-CN']).toContain('规则 SPRING-A 与规则 SPRING-B 无法分出先后');
    expect(ties[0]?.message['en-US']).toContain(
      'Rules SPRING-A and SPRING-B tie: same priority (0), same scope (product type 潜水泵 · customer class Distributor) and same start date (2026-03-01)',
    );
  });

  it('finds a tie between qty ranges that overlap at one end', () => {
    expect(
      tie([
        { id: 'Q1', product: { model: 'IS-80' }, minQty: 1, maxQty: 10, effect: cap(10) },
        { id: 'Q2', product: { model: 'IS-80' }, minQty: 10, maxQty: 20, effect: cap(12) },
      ]),
    ).toHaveLength(1);
  });

  it.each<[string, Rules]>([
    [
      'different priority',
      [
        { id: 'A', effect: cap(10) },
        { id: 'B', priority: 1, effect: cap(12) },
      ],
    ],
    [
      'different specificity',
      [
        { id: 'A', effect: cap(10) },
        { id: 'B', product: { productType: '潜水泵' }, effect: cap(12) },
      ],
    ],
    [
      'different start date',
      [
        { id: 'A', effect: cap(10) },
        { id: 'B', validFrom: '2026-03-01', effect: cap(12) },
      ],
    ],
    [
      'different model',
      [
        { id: 'A', product: { model: 'QJ-50' }, effect: cap(10) },
        { id: 'B', product: { model: 'IS-80' }, effect: cap(12) },
      ],
    ],
    [
      'different customer',
      [
        { id: 'A', customer: { name: '甲' }, effect: cap(10) },
        { id: 'B', customer: { name: '乙' }, effect: cap(12) },
      ],
    ],
    [
      'separate qty ranges',
      [
        { id: 'A', maxQty: 9, effect: cap(10) },
        { id: 'B', minQty: 10, effect: cap(12) },
      ],
    ],
    [
      'different slots, which combine',
      [
        { id: 'A', effect: cap(10) },
        { id: 'B', effect: { kind: 'extraDiscount', pct: 2 } },
        { id: 'C', effect: { kind: 'floor', price: 1 } },
      ],
    ],
  ])('does not call it a tie with %s', (_name, rules) => {
    expect(tie(rules)).toEqual([]);
  });
});
