import { ValidateResponseSchema } from '../../../src/contract/pricing';
import { validateLines } from '../../../src/domain/pricing';
import { approval, line, policyOf, version, withRules } from './fixtures';

const today = { today: '2026-02-15' };

function judge(policy = policyOf(), lines: unknown[] = [line()], approvals = [approval()]) {
  return validateLines(version(policy), lines, approvals, today);
}

function one(lineOverrides: Parameters<typeof line>[0], policy = policyOf(), approvals = [approval()]) {
  const result = judge(policy, [line(lineOverrides)], approvals).results[0];
  if (!result) throw new Error('no result');
  return result;
}

describe('validateLines: statuses from the class cap and the floor', () => {
  // QJ-50: list 1000, floor 800; 经销商 old 12.5 % → lowest 875.
  it('is ok at the lowest allowed price and above it', () => {
    expect(one({ unitPrice: 875 })).toMatchObject({
      status: 'ok',
      listPrice: 1000,
      minPrice: 875,
      floorPrice: 800,
    });
    expect(one({ unitPrice: 1200 })).toMatchObject({ status: 'ok', discountPct: -20, maxDiscountPct: 12.5 });
  });

  it('needs approval one fen below it, down to the floor', () => {
    expect(one({ unitPrice: 874.99 })).toMatchObject({ status: 'needs_approval', minPrice: 875 });
    const atFloor = one({ unitPrice: 800 });
    expect(atFloor).toMatchObject({ status: 'needs_approval', discountPct: 20 });
    expect(atFloor.message['zh-CN']).toContain('需部长审批');
    expect(atFloor.message['en-US']).toContain("needs the sales head's approval");
  });

  it('is below_floor one fen under the floor', () => {
    const r = one({ unitPrice: 799.99 });
    expect(r.status).toBe('below_floor');
    expect(r.message['zh-CN']).toContain('低于最低限价 800.00');
  });

  it('without a floor anything under the lowest price needs approval', () => {
    expect(one({ model: 'IS-80', unitPrice: 1 })).toMatchObject({
      status: 'needs_approval',
      floorPrice: null,
      minPrice: 1750,
    });
  });

  it('gives new customers their own cap', () => {
    expect(one({ isNewCustomer: true, unitPrice: 875 })).toMatchObject({
      status: 'needs_approval',
      minPrice: 900,
      maxDiscountPct: 10,
    });
    expect(one({ isNewCustomer: false, unitPrice: 875 })).toMatchObject({ status: 'ok', minPrice: 875 });
    expect(one({ isNewCustomer: true, unitPrice: 900 }).message['zh-CN']).toContain(
      '依据：经销商新客户上限 10%；指导价 1,000.00 × (1 − 10%) = 900.00；最低限价 800.00。',
    );
  });

  it('holds a line with no class, or a class without caps, to the list price, and says so', () => {
    const none = one({ customerClass: undefined, unitPrice: 999.99 });
    expect(none).toMatchObject({ status: 'needs_approval', minPrice: 1000, maxDiscountPct: 0 });
    expect(none.message['en-US']).toContain(
      'Basis: no customer class: cap 0%; list 1,000.00 × (1 − 0%) = 1,000.00; floor 800.00.',
    );
    const noCap = one({ customerClass: '电商', unitPrice: 1000 });
    expect(noCap).toMatchObject({ status: 'ok', minPrice: 1000 });
    expect(noCap.message['zh-CN']).toContain('电商老客户未设上限，按 0%');
  });

  it('accepts a class by its code or English label and matches models loosely', () => {
    expect(one({ customerClass: 'Distributor', model: ' qj-50 ', unitPrice: 875 })).toMatchObject({
      status: 'ok',
      minPrice: 875,
    });
    expect(one({ customerClass: 'keyAccount', model: 'ＱＪ－50', unitPrice: 850 })).toMatchObject({
      status: 'ok',
      minPrice: 850,
    });
  });
});

describe('validateLines: money exact to the fen', () => {
  it('treats 0.1 + 0.2 as 0.30 against a list price of 0.30 with no discount', () => {
    const policy = policyOf({
      products: [{ model: 'PJ-1', name: '密封圈', productType: '配件', unit: '个', listPrice: 0.3 }],
      discountCaps: { 经销商: { old: 0, new: 0 } },
    });
    expect(one({ model: 'PJ-1', unitPrice: 0.1 + 0.2 }, policy)).toMatchObject({
      status: 'ok',
      minPrice: 0.3,
      discountPct: 0,
    });
    expect(one({ model: 'PJ-1', unitPrice: 0.29 }, policy).status).toBe('needs_approval');
    expect(one({ model: 'PJ-1', unitPrice: '0.30' }, policy).status).toBe('ok');
  });

  it('rounds the lowest price up so it is never undercut', () => {
    const policy = policyOf({ products: [{ model: 'X', listPrice: 9.99 }] }); // 9.99 × 0.875 = 8.74125
    expect(one({ model: 'X', unitPrice: 8.75 }, policy)).toMatchObject({ status: 'ok', minPrice: 8.75 });
    expect(one({ model: 'X', unitPrice: 8.74 }, policy).status).toBe('needs_approval');
  });
});

describe('validateLines: tax-exclusive lines', () => {
  it('converts with the version VAT before comparing, half-up to the fen', () => {
    // 774.33 × 1.13 = 874.9929 → 874.99 (below 875); 774.34 × 1.13 = 875.0042 → 875.00.
    const below = one({ unitPrice: 774.33, taxIncluded: false });
    expect(below.status).toBe('needs_approval');
    expect(below.message['zh-CN']).toMatch(/^不含税单价 774\.33 按增值税 13% 折合含税 874\.99。/);
    expect(one({ unitPrice: 774.34, taxIncluded: false })).toMatchObject({ status: 'ok', discountPct: 12.5 });
  });

  it('uses the VAT of the version that judges the line, rounding half-up', () => {
    const policy = policyOf({ vatRate: 9 });
    expect(one({ unitPrice: 802.75, taxIncluded: false }, policy).status).toBe('ok'); // 874.9975 → 875.00
    expect(one({ unitPrice: 802.74, taxIncluded: false }, policy).status).toBe('needs_approval'); // 874.9866 → 874.99
  });
});

describe('validateLines: currencies', () => {
  it('judges USD lines against the USD prices, without VAT', () => {
    // R4105 USD list 1800, floor 1500, 外贸 old cap 10 % → 1620.
    const r = one({
      model: 'R4105',
      customerClass: '外贸',
      currency: 'USD',
      unitPrice: 1620,
      taxIncluded: false,
    });
    expect(r).toMatchObject({ status: 'ok', listPrice: 1800, minPrice: 1620, floorPrice: 1500 });
    expect(r.message['en-US']).toContain('USD 1,620.00');
    expect(one({ model: 'R4105', customerClass: '外贸', currency: 'usd', unitPrice: 1499 }).status).toBe(
      'below_floor',
    );
  });

  it('is invalid for a product without a price in that currency, or an unknown currency', () => {
    const noUsd = one({ currency: 'USD', unitPrice: 100 });
    expect(noUsd).toMatchObject({ status: 'invalid', listPrice: null });
    expect(noUsd.message['en-US']).toContain('has no list price in USD');
    const eur = one({ currency: 'EUR' });
    expect(eur.status).toBe('invalid');
    expect(eur.message['zh-CN']).toContain('币种 "EUR" 不受支持');
  });

  it('applies price rules only in their own currency', () => {
    const policy = withRules([
      {
        id: 'FX-USD',
        product: { model: 'R4105' },
        effect: { kind: 'fixedPrice', price: 1550, currency: 'USD' },
      },
    ]);
    expect(
      one({ model: 'R4105', customerClass: '外贸', currency: 'USD', unitPrice: 1550 }, policy),
    ).toMatchObject({
      status: 'ok',
      minPrice: 1550,
      ruleIds: ['FX-USD'],
    });
    expect(one({ model: 'R4105', customerClass: '外贸', unitPrice: 10800 }, policy)).toMatchObject({
      minPrice: 10800,
      ruleIds: [],
    });
  });
});

describe('validateLines: rules', () => {
  it('honours validity dates (temporary policies), both ends inclusive', () => {
    const policy = withRules([
      {
        id: 'SPRING',
        validFrom: '2026-03-01',
        validTo: '2026-03-31',
        effect: { kind: 'extraDiscount', pct: 5 },
      },
    ]);
    expect(one({ orderDate: '2026-02-28', unitPrice: 825 }, policy)).toMatchObject({
      status: 'needs_approval',
      ruleIds: [],
    });
    expect(one({ orderDate: '2026-03-01', unitPrice: 825 }, policy)).toMatchObject({
      status: 'ok',
      minPrice: 825,
      ruleIds: ['SPRING'],
    });
    expect(one({ orderDate: '2026-03-31', unitPrice: 825 }, policy).status).toBe('ok');
    expect(one({ orderDate: '2026-04-01', unitPrice: 825 }, policy).status).toBe('needs_approval');
  });

  it('applies quantity breaks with inclusive bounds', () => {
    const policy = withRules([
      {
        id: 'Q10',
        product: { model: 'IS-80' },
        minQty: 10,
        maxQty: 49,
        effect: { kind: 'discountCap', pct: 15 },
      },
      { id: 'Q50', product: { model: 'IS-80' }, minQty: 50, effect: { kind: 'discountCap', pct: 20 } },
    ]);
    const min = (qty: number) => one({ model: 'IS-80', qty, unitPrice: 2000 }, policy).minPrice;
    expect(min(9)).toBe(1750);
    expect(min(10)).toBe(1700);
    expect(min(49)).toBe(1700);
    expect(min(50)).toBe(1600);
    expect(min(5000)).toBe(1600);
  });

  it('sets the lowest price with fixedPrice, lowered by an extra discount of list', () => {
    const policy = withRules([
      { id: 'FIX', product: { model: 'IS-80' }, effect: { kind: 'fixedPrice', price: 1900 } },
      { id: 'EXTRA', effect: { kind: 'extraDiscount', pct: 2 } },
    ]);
    const r = one({ model: 'IS-80', unitPrice: 1860 }, policy);
    expect(r).toMatchObject({ status: 'ok', minPrice: 1860, maxDiscountPct: 7, ruleIds: ['FIX', 'EXTRA'] });
    expect(r.message['zh-CN']).toContain(
      'FIX 限定最低价 1,900.00；EXTRA 另加 2%；1,900.00 − 指导价 2,000.00 × 2% = 1,860.00',
    );
  });

  it('raises the floor with a floor rule but never lowers it, and keeps minPrice at or above the floor', () => {
    const raise = withRules([
      { id: 'F-HI', product: { productType: '潜水泵' }, effect: { kind: 'floor', price: 900 } },
    ]);
    expect(one({ unitPrice: 890 }, raise)).toMatchObject({
      status: 'below_floor',
      floorPrice: 900,
      minPrice: 900,
      maxDiscountPct: 10,
    });
    const lower = withRules([{ id: 'F-LO', effect: { kind: 'floor', price: 500 } }]);
    const r = one({ unitPrice: 790 }, lower);
    expect(r).toMatchObject({ status: 'below_floor', floorPrice: 800 });
    expect(r.message['en-US']).toContain(
      'F-LO floor 500.00 is not above the product floor 800.00, which stays.',
    );
  });

  it('caps the combined discount at 100 %', () => {
    const policy = withRules([
      { id: 'CAP', effect: { kind: 'discountCap', pct: 90 } },
      { id: 'EXTRA', effect: { kind: 'extraDiscount', pct: 20 } },
    ]);
    expect(one({ model: 'IS-80', unitPrice: 0.01 }, policy)).toMatchObject({
      status: 'ok',
      minPrice: 0,
      maxDiscountPct: 100,
    });
  });

  it('matches customer scopes by name, class and region', () => {
    const policy = withRules([
      { id: 'NAME', customer: { name: '华东水利公司' }, effect: { kind: 'discountCap', pct: 16 } },
      { id: 'REGION', customer: { region: '华东' }, effect: { kind: 'discountCap', pct: 14 } },
    ]);
    expect(one({ customer: '华东水利公司', region: '华东' }, policy)).toMatchObject({
      minPrice: 840,
      ruleIds: ['NAME'],
    });
    expect(one({ customer: '其他公司', region: ' 华东 ' }, policy)).toMatchObject({
      minPrice: 860,
      ruleIds: ['REGION'],
    });
    expect(one({ customer: '其他公司', region: '华南' }, policy)).toMatchObject({
      minPrice: 875,
      ruleIds: [],
    });
  });
});

describe('validateLines: approvals', () => {
  const base = { customer: '华东水利公司', approvalRef: 'SP-2026-001' };

  it('approves a line below policy covered by a valid approval, even below the floor', () => {
    const r = one({ ...base, unitPrice: 750 });
    expect(r.status).toBe('approved');
    expect(r.message['zh-CN']).toContain(
      '已由审批单 SP-2026-001 批准（批准价 700.00，有效期 2026-02-01 至 2026-02-28）',
    );
    expect(one({ ...base, unitPrice: 700, approvalRef: 'sp-2026-001' }).status).toBe('approved');
  });

  it('keeps an ok line ok even when it quotes an approval', () => {
    expect(one({ ...base, unitPrice: 900 }).status).toBe('ok');
  });

  it.each([
    [
      'wrong customer',
      { customer: '别的公司' },
      'below_floor',
      '客户不符（审批单为 华东水利公司，该行为 别的公司）',
    ],
    ['wrong model', { model: 'IS-80', unitPrice: 1000 }, 'needs_approval', '型号不符（审批单为 QJ-50）'],
    [
      'expired',
      { orderDate: '2026-03-01' },
      'below_floor',
      '订单日期 2026-03-01 不在有效期 2026-02-01 至 2026-02-28 内',
    ],
    ['price below the approved one', { unitPrice: 699.99 }, 'below_floor', '单价 699.99 低于批准价 700.00'],
    ['unknown ref', { approvalRef: 'SP-404' }, 'below_floor', '审批单 SP-404 未登记'],
    [
      'wrong currency',
      { model: 'R4105', customerClass: '外贸', currency: 'USD', unitPrice: 1400 },
      'below_floor',
      '币种不符',
    ],
  ])('does not approve on %s, and says why', (_name, overrides, status, reason) => {
    const r = one({ ...base, unitPrice: 750, ...overrides }, policyOf(), [
      approval(),
      approval({ model: 'R4105', minUnitPrice: 8000 }),
    ]);
    expect(r.status).toBe(status);
    expect(r.message['zh-CN']).toContain(reason);
  });

  it('does not approve without an approvalRef on the line', () => {
    expect(one({ customer: '华东水利公司', unitPrice: 750 }).status).toBe('below_floor');
  });
});

describe('validateLines: versions and dates', () => {
  const v1 = version(policyOf({ effectiveDate: '2026-01-01' }), 1);
  const v2 = version(
    policyOf({ effectiveDate: '2026-03-01', discountCaps: { 经销商: { old: 5, new: 5 } } }),
    2,
  );

  it('judges each line by the version in force on its order date', () => {
    const response = validateLines(
      [v2, v1],
      [
        line({ id: 'jan', orderDate: '2026-01-15', unitPrice: 900 }),
        line({ id: 'mar', orderDate: '2026-03-15', unitPrice: 900 }),
      ],
      [],
      { today: '2026-03-20' },
    );
    expect(response.policyVersion).toBe(2);
    expect(response.results.map((r) => [r.id, r.policyVersion, r.status, r.minPrice])).toEqual([
      ['jan', 1, 'ok', 875],
      ['mar', 2, 'needs_approval', 950],
    ]);
  });

  it('uses the version in force today when the line has no order date, and says so', () => {
    const [r] = validateLines([v1, v2], [line({ orderDate: undefined, unitPrice: 950 })], [], {
      today: '2026-03-20',
    }).results;
    expect(r).toMatchObject({ status: 'ok', policyVersion: 2 });
    expect(r?.message['zh-CN']).toMatch(/^未填订单日期，按今日（2026-03-20）生效的第 2 版价格政策判断。/);
    expect(r?.message['en-US']).toMatch(
      /^No order date: judged by version 2, in force today \(2026-03-20\)\./,
    );
  });

  it('is invalid before the first version, or with an unreadable date', () => {
    const [early, bad] = validateLines(
      [v1, v2],
      [line({ orderDate: '2025-12-31' }), line({ orderDate: '2026/3/5' })],
      [],
      today,
    ).results;
    expect(early).toMatchObject({ status: 'invalid', policyVersion: null });
    expect(early?.message['zh-CN']).toContain('订单日期 2025-12-31 早于最早的价格政策（2026-01-01 起生效）');
    expect(bad?.message['en-US']).toContain('the order date "2026/3/5" cannot be read; expected YYYY-MM-DD');
  });

  it('is invalid for every line when nothing is published', () => {
    const response = validateLines([], [line()], [], today);
    expect(response.policyVersion).toBeNull();
    expect(response.results[0]?.message['en-US']).toContain('no price policy has been published yet');
  });
});

describe('validateLines: bad lines among good ones', () => {
  it('judges the good lines, lists every reason of the bad ones, and keeps order and ids', () => {
    const response = judge(policyOf(), [
      line({ id: 1, unitPrice: 900 }),
      null,
      line({ id: 3, qty: 0, unitPrice: -5 }),
      line({ id: 4, model: 'NOPE' }),
      { model: 'QJ-50', qty: 'abc', unitPrice: '12元' },
      line({ id: 6, customerClass: '代理商' }),
      line({ id: 7, unitPrice: 800 }),
      line({ id: 8, qty: '3', unitPrice: '875.00', taxIncluded: 'yes' }),
    ]);
    expect(response.results.map((r) => [r.id, r.status])).toEqual([
      [1, 'ok'],
      [null, 'invalid'],
      [3, 'invalid'],
      [4, 'invalid'],
      [null, 'invalid'],
      [6, 'invalid'],
      [7, 'needs_approval'],
      [8, 'invalid'],
    ]);
    expect(response.summary).toEqual({
      total: 8,
      ok: 1,
      needs_approval: 1,
      below_floor: 0,
      approved: 0,
      invalid: 6,
    });
    const text = (i: number) => response.results[i]?.message['en-US'] ?? '';
    expect(text(1)).toContain('the line is not an object');
    expect(text(2)).toBe(
      'Cannot judge: the quantity must be greater than 0; found 0; the unit price must be greater than 0; found -5.00.',
    );
    expect(text(3)).toContain('model "NOPE" is not in price policy version 1');
    expect(text(4)).toContain('the line id is missing');
    expect(text(4)).toContain('the quantity "abc" is not a number');
    expect(text(4)).toContain('the unit price "12元" is not an amount');
    expect(text(5)).toContain('the customer class "代理商" is unknown');
    expect(text(7)).toContain('taxIncluded should be true or false; found "yes"');
    expect(ValidateResponseSchema.safeParse(response).success).toBe(true);
  });

  it("leaves the basis out of ok lines with detail 'flagged'", () => {
    const lines = [line({ unitPrice: 900 }), line({ unitPrice: 850 })];
    const [ok, flagged] = validateLines(version(policyOf()), lines, [], {
      ...today,
      detail: 'flagged',
    }).results;
    expect(ok?.message).toEqual({
      'zh-CN': '单价 900.00 不低于最低允许价 875.00。',
      'en-US': 'Unit price 900.00 is not below the lowest allowed price 875.00.',
    });
    expect(flagged?.message['en-US']).toContain('Basis: Distributor, existing customer: cap 12.5%');
  });

  it('still gives the prices of a line that only lacks its unit price (for SALES.MINPRICE)', () => {
    expect(one({ unitPrice: undefined })).toMatchObject({
      status: 'invalid',
      listPrice: 1000,
      minPrice: 875,
      floorPrice: 800,
      maxDiscountPct: 12.5,
      discountPct: null,
    });
    expect(one({ qty: undefined })).toMatchObject({ status: 'invalid', listPrice: 1000, minPrice: null });
  });
});
