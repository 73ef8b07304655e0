// Lines that leave inputs open (worksheet functions called without 新老客户, 片区, 客户 or 币种):
// the answer is confident only when no value the policy treats differently would change it.
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  ApprovalSchema,
  PricePolicySchema,
  ValidateResponseSchema,
  needsInputText,
  type PriceLine,
} from '../../../src/contract/pricing';
import { validateLines } from '../../../src/domain/pricing';

// The sample workbook's policy: 4105D list 16,800 (经销商 old 18 % → 13,776; new 15 % → 14,280);
// 4105ZD list 19,800 / USD 2,980 (外贸 old 12 % → USD 2,622.40); R-05 西南 柴油机 +2 %;
// R-07 中建三局 消防泵 cap 22 %.
const sample = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', '..', 'samples', 'expected.json'), 'utf8'),
) as { policy: unknown };
const policy = PricePolicySchema.parse(sample.policy);
const versions = [{ version: 1, policy }];
const ALL_OPEN = ['isNewCustomer', 'region', 'customer', 'currency'];

function judge(line: Partial<PriceLine>, approvals: unknown[] = []) {
  const answer = validateLines(
    versions,
    [{ id: 1, orderDate: '2026-05-10', qty: 1, ...line }],
    approvals.map((a) => ApprovalSchema.parse(a)),
    { today: '2026-05-10' },
  );
  expect(ValidateResponseSchema.safeParse(answer).success).toBe(true);
  return answer.results[0]!;
}

describe('a new customer’s 4105D at ¥14,000', () => {
  // In 华东 (R-05 is for 西南 only, where a new customer's 14,000 would be ok: 16,800 × 83 % = 13,944).
  const line = { model: '4105D', customerClass: '经销商', unitPrice: 14000, region: '华东' };

  it('needs approval when the customer is given as new, and is ok as old', () => {
    expect(judge({ ...line, isNewCustomer: true, unknownInputs: ALL_OPEN })).toMatchObject({
      status: 'needs_approval',
      minPrice: 14280,
      dependsOn: [],
    });
    expect(judge({ ...line, isNewCustomer: false, unknownInputs: ALL_OPEN })).toMatchObject({
      status: 'ok',
      dependsOn: [],
    });
  });

  it('asks for 新老客户 when it is left open, because the verdict differs', () => {
    // with the region open too, both matter: a new customer in 西南 would be ok
    expect(judge({ ...line, region: null, unknownInputs: ALL_OPEN }).dependsOn).toEqual([
      'isNewCustomer',
      'region',
    ]);
    const r = judge({ ...line, unknownInputs: ALL_OPEN });
    expect(r.dependsOn).toEqual(['isNewCustomer']);
    expect(r.minPriceDependsOn).toEqual(['isNewCustomer']);
    expect(r.message['zh-CN']).toMatch(/^需确认新老客户：/);
    expect(needsInputText(r.dependsOn!)).toEqual({
      'zh-CN': '需确认新老客户',
      'en-US': 'Confirm new or old customer',
    });
  });

  it('answers confidently when the price is fine for new and old customers alike', () => {
    const r = judge({ ...line, unitPrice: 15000, unknownInputs: ALL_OPEN });
    expect(r).toMatchObject({ status: 'ok', dependsOn: [] });
    // …though the lowest price itself still depends on it
    expect(r.minPriceDependsOn).toEqual(['isNewCustomer']);
  });

  it('asks for the region only where a region-scoped rule applies (R-05 西南, 柴油机)', () => {
    // old customer given; 13,500 is below 13,776 but at or above 16,800 × (1 − 20 %) = 13,440 in 西南
    const r = judge({
      ...line,
      region: null,
      unitPrice: 13500,
      isNewCustomer: false,
      unknownInputs: ALL_OPEN,
    });
    expect(r.dependsOn).toEqual(['region']);
    expect(judge({ ...line, unitPrice: 13500, region: '西南', unknownInputs: ALL_OPEN }).status).toBe('ok');
    // the rule starts on 2026-03-01: in February the region cannot matter
    expect(
      judge({
        ...line,
        unitPrice: 13500,
        orderDate: '2026-02-10',
        isNewCustomer: false,
        unknownInputs: ALL_OPEN,
      }).dependsOn,
    ).toEqual([]);
  });

  it('leaves everything as before for lines that do not ask (the pane)', () => {
    const r = judge(line);
    expect(r.status).toBe('ok');
    expect(r).not.toHaveProperty('dependsOn');
    expect(r).not.toHaveProperty('minPriceDependsOn');
  });
});

describe('an export line at 2,710 (4105ZD)', () => {
  const line = { model: '4105ZD', customerClass: '外贸', unitPrice: 2710 };

  it('is ok when the currency is given as USD', () => {
    expect(judge({ ...line, currency: 'USD', unknownInputs: ALL_OPEN })).toMatchObject({
      status: 'ok',
      minPrice: 2622.4,
      dependsOn: [],
    });
  });

  it('asks for the currency when it is left open (¥2,710 would be below the floor)', () => {
    const r = judge({ ...line, unknownInputs: ALL_OPEN });
    expect(r.status).toBe('below_floor'); // the verdict under the default, CNY
    expect(r.dependsOn).toEqual(['currency']);
  });

  it('does not ask domestic classes for a currency', () => {
    expect(judge({ ...line, customerClass: '经销商', unknownInputs: ALL_OPEN }).dependsOn).toEqual([]);
  });
});

describe('customer-scoped rules and approvals', () => {
  // XBD fire pumps: R-07 gives 中建三局 a 22 % cap.
  const fire = policy.products.find((p) => p.productType === '消防泵')!;
  const list = fire.listPrice!;

  it('asks for the customer only when a customer-scoped rule would change the verdict', () => {
    const price = Math.round(list * 0.8); // below 重点客户's 15 %, within R-07's 22 %
    const line = { model: fire.model, customerClass: '重点客户', unitPrice: price, isNewCustomer: false };
    expect(judge({ ...line, unknownInputs: ALL_OPEN }).dependsOn).toEqual(['customer']);
    expect(judge({ ...line, customer: '中建三局安装工程有限公司', unknownInputs: ALL_OPEN })).toMatchObject({
      status: 'ok',
      dependsOn: [],
    });
    expect(judge({ ...line, unitPrice: list, unknownInputs: ALL_OPEN }).dependsOn).toEqual([]);
  });

  it('asks for the customer when the quoted approval would cover the line only for its customer', () => {
    const approval = {
      ref: 'SP-2026-900',
      customer: '广州穗丰泵业有限公司',
      model: '4105D',
      minUnitPrice: 13000,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    };
    const line = {
      model: '4105D',
      customerClass: '经销商',
      unitPrice: 13100,
      isNewCustomer: false,
      region: '华南',
      approvalRef: 'SP-2026-900',
    };
    expect(judge({ ...line, unknownInputs: ALL_OPEN }, [approval])).toMatchObject({
      status: 'needs_approval',
      dependsOn: ['customer'],
    });
    expect(
      judge({ ...line, customer: approval.customer, unknownInputs: ALL_OPEN }, [approval]),
    ).toMatchObject({ status: 'approved', dependsOn: [] });
  });
});

describe('unknownInputs itself', () => {
  it('is checked: a name outside the list makes the line invalid, saying what is expected', () => {
    const r = judge({ model: '4105D', unitPrice: 14000, unknownInputs: ['taxRate'] });
    expect(r.status).toBe('invalid');
    expect(r.message['en-US']).toMatch(/unknownInputs should be a list of isNewCustomer, region/);
  });

  it('gives MINPRICE-style lines (no price) the inputs the lowest price depends on', () => {
    const r = judge({ model: '4105D', customerClass: '经销商', unknownInputs: ALL_OPEN });
    expect(r.status).toBe('invalid');
    expect(r.minPrice).toBe(13776);
    expect(r.minPriceDependsOn).toEqual(['isNewCustomer', 'region']);
  });
});
