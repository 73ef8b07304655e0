import { validateLines } from '../../../src/domain/pricing';
import { line, version, withRules } from './fixtures';

type Rules = Parameters<typeof withRules>[0];

function judge(rules: Rules, overrides: Parameters<typeof line>[0] = {}) {
  const [result] = validateLines(
    version(withRules(rules)),
    [line({ customer: '华东水利公司', region: '华东', ...overrides })],
    [],
    {
      today: '2026-02-15',
    },
  ).results;
  if (!result) throw new Error('no result');
  return result;
}

const cap = (pct: number) => ({ kind: 'discountCap' as const, pct });

describe('rule precedence', () => {
  it('lets an explicit priority beat specificity', () => {
    const r = judge([
      { id: 'MODEL', product: { model: 'QJ-50' }, customer: { name: '华东水利公司' }, effect: cap(15) },
      { id: 'BROAD', priority: 5, effect: cap(18) },
    ]);
    expect(r).toMatchObject({ minPrice: 820, ruleIds: ['BROAD'] });
    expect(r.message['zh-CN']).toBe(
      '单价 1,000.00 不低于最低允许价 820.00。依据：经销商老客户上限 12.5%；BROAD 上限改为 18%（取代 MODEL：优先级更高）；指导价 1,000.00 × (1 − 18%) = 820.00；最低限价 800.00。',
    );
    expect(r.message['en-US']).toBe(
      'Unit price 1,000.00 is not below the lowest allowed price 820.00. Basis: Distributor, existing customer: cap 12.5%; BROAD sets the cap to 18% (overrides MODEL: higher priority); list 1,000.00 × (1 − 18%) = 820.00; floor 800.00.',
    );
  });

  it('prefers model over product type over all products', () => {
    const rules: Rules = [
      { id: 'ALL', effect: cap(14) },
      { id: 'TYPE', product: { productType: '潜水泵' }, effect: cap(16) },
      { id: 'MODEL', product: { model: 'QJ-50' }, effect: cap(18) },
    ];
    const r = judge(rules);
    expect(r).toMatchObject({ minPrice: 820, ruleIds: ['MODEL'] });
    expect(r.message['en-US']).toContain(
      'MODEL sets the cap to 18% (overrides TYPE: more specific product scope; ALL: more specific product scope)',
    );
    expect(judge(rules.slice(0, 2))).toMatchObject({ minPrice: 840, ruleIds: ['TYPE'] });
    expect(judge(rules, { model: 'IS-80', unitPrice: 2000 })).toMatchObject({
      minPrice: 1720,
      ruleIds: ['ALL'],
    });
  });

  it('prefers customer name over class over region over all customers', () => {
    const rules: Rules = [
      { id: 'ANY', effect: cap(13) },
      { id: 'REGION', customer: { region: '华东' }, effect: cap(14) },
      { id: 'CLASS', customer: { customerClass: '经销商' }, effect: cap(15) },
      { id: 'NAME', customer: { name: '华东水利公司' }, effect: cap(16) },
    ];
    expect(judge(rules).ruleIds).toEqual(['NAME']);
    expect(judge(rules, { customer: '别家' }).ruleIds).toEqual(['CLASS']);
    expect(judge(rules, { customer: '别家', customerClass: '重点客户' }).ruleIds).toEqual(['REGION']);
    expect(judge(rules, { customer: '别家', customerClass: '重点客户', region: '西南' }).ruleIds).toEqual([
      'ANY',
    ]);
    expect(judge(rules).message['zh-CN']).toContain(
      'NAME 上限改为 16%（取代 CLASS：客户范围更具体；REGION：客户范围更具体；ANY：客户范围更具体）',
    );
  });

  it('ranks product specificity before customer specificity', () => {
    const r = judge([
      {
        id: 'CUSTOMER',
        product: { productType: '潜水泵' },
        customer: { name: '华东水利公司' },
        effect: cap(20),
      },
      { id: 'MODEL', product: { model: 'QJ-50' }, effect: cap(14) },
    ]);
    expect(r).toMatchObject({ minPrice: 860, ruleIds: ['MODEL'] });
    expect(r.message['en-US']).toContain(
      'MODEL sets the cap to 14% (overrides CUSTOMER: more specific product scope)',
    );
  });

  it('prefers the later start date when all else is equal', () => {
    const r = judge([
      { id: 'JAN', validFrom: '2026-01-01', effect: cap(14) },
      { id: 'FEB', validFrom: '2026-02-01', effect: cap(11) },
      { id: 'OPEN', effect: cap(19) },
    ]);
    expect(r).toMatchObject({ minPrice: 890, ruleIds: ['FEB'] });
    expect(r.message['zh-CN']).toContain('FEB 上限改为 11%（取代 JAN：开始日期更晚；OPEN：开始日期更晚）');
  });

  it('lets a fixed price and a discount cap compete in one slot, while other slots combine', () => {
    const r = judge([
      { id: 'FIX', product: { model: 'QJ-50' }, effect: { kind: 'fixedPrice', price: 950 } },
      { id: 'CAP', product: { model: 'QJ-50' }, customer: { name: '华东水利公司' }, effect: cap(20) },
      { id: 'EXTRA', effect: { kind: 'extraDiscount', pct: 1 } },
      { id: 'FLOOR', product: { productType: '潜水泵' }, effect: { kind: 'floor', price: 810 } },
    ]);
    // CAP (20 %) + EXTRA (1 %) → 790, raised to the FLOOR rule's 810.
    expect(r).toMatchObject({ minPrice: 810, floorPrice: 810, ruleIds: ['CAP', 'FLOOR', 'EXTRA'] });
    expect(r.message['en-US']).toContain(
      'Basis: Distributor, existing customer: cap 12.5%; CAP sets the cap to 20% (overrides FIX: more specific customer scope); EXTRA adds 1%; list 1,000.00 × (1 − 21%) = 790.00; floor 810.00 (FLOOR) applies.',
    );
  });

  it('does not depend on the order rules are listed in', () => {
    const rules: Rules = [
      { id: 'A', effect: cap(14) },
      { id: 'B', product: { productType: '潜水泵' }, validFrom: '2026-01-15', effect: cap(16) },
      { id: 'C', product: { productType: '潜水泵' }, effect: cap(18) },
      {
        id: 'D',
        customer: { customerClass: '经销商' },
        priority: 1,
        effect: { kind: 'extraDiscount', pct: 2 },
      },
    ];
    const forward = judge(rules);
    const backward = judge([...rules].reverse());
    expect(backward).toEqual(forward);
    expect(forward).toMatchObject({ ruleIds: ['D', 'B'], minPrice: 820 });
  });
});
