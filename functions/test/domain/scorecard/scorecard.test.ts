/**
 * The rep scorecard, hand-computed: completion against the published plan (and null with a reason for a
 * rep with no plan), both collection rates, new-customer rate, ranks and the region roll-up.
 */
import fc from 'fast-check';
import type { PlanVersion } from '../../../src/contract/plans';
import { buildScorecard, planFen, rateText } from '../../../src/domain/scorecard';
import { order, receipt, ship } from '../monthEnd/fixtures';

const months = (m: number[]): number[] => [...m, ...new Array<number>(12 - m.length).fill(0)];
const plan: PlanVersion = {
  year: 2026,
  unit: 'wanYuan',
  roundTo: 0,
  rows: [
    { productType: '水泵', region: '华东', rep: '张伟', annual: 3, months: months([1, 1, 1]) },
    { productType: '电机', region: '华东', rep: '张伟', annual: 1, months: months([0, 0, 1]) },
    { productType: '水泵', region: '华北', rep: '李娜', annual: 0.6, months: months([0.2, 0.2, 0.2]) },
  ],
  publishedBy: '王部长',
  publishedAt: '2026-01-05T08:00:00+08:00',
};

describe('buildScorecard', () => {
  const orders = [
    order({
      date: '2025-11-03',
      contractNo: 'HT-0',
      customer: '老客户',
      rep: '张伟',
      region: '华东',
      qty: 1,
      amount: '5000.00',
    }),
    order({
      date: '2026-03-02',
      contractNo: 'HT-1',
      customer: '老客户',
      rep: '张伟',
      region: '华东',
      qty: 1,
      amount: '15000.00',
    }),
    order({
      date: '2026-03-09',
      contractNo: 'HT-2',
      customer: '新客户甲',
      rep: '张伟',
      region: '华东',
      qty: 1,
      amount: '5000.00',
    }),
    order({
      date: '2026-03-12',
      contractNo: 'HT-3',
      customer: '北方农机',
      rep: '李娜',
      region: '华北',
      qty: 1,
      amount: '1000.00',
    }),
    order({
      date: '2026-03-15',
      contractNo: 'HT-4',
      customer: '南方泵业',
      rep: '赵强',
      region: '华南',
      qty: 1,
      amount: '800.00',
    }),
  ];
  const shipments = [
    ship({ deliveryNo: 'CK-0', shipDate: '2025-11-20', customer: '老客户', rep: '张伟', amount: '5000.00' }),
    ship({ deliveryNo: 'CK-1', shipDate: '2026-03-10', customer: '老客户', rep: '张伟', amount: '15000.00' }),
    ship({
      deliveryNo: 'EX-1',
      shipDate: '2026-03-10',
      customer: 'Nile',
      rep: '张伟',
      amount: '99.00',
      currency: 'USD',
    }),
  ];
  const receipts = [
    receipt({ date: '2026-01-15', customer: '老客户', amount: '2000.00' }), // no rep: 老客户's rep 张伟
    receipt({ date: '2026-03-20', customer: '老客户', amount: '9000.00', rep: '张伟' }),
  ];
  const card = buildScorecard({
    month: '2026-03',
    basis: 'orders',
    plan: { version: 2, plan },
    orders,
    shipments,
    receipts,
  });
  const rep = (name: string) => card.reps.find((r) => r.rep === name)!;

  it('plan completion per rep for the month and year to date, on the stated basis', () => {
    expect(card).toMatchObject({ planVersion: 2, basis: 'orders' });
    expect(card.basisLabel['zh-CN']).toContain('订单');
    // March plan 张伟: 1 + 1 万元 = 20,000.00; orders 20,000.00 → 1.0000. YTD plan 40,000.00 → 0.5000.
    expect(rep('张伟').month).toMatchObject({ plan: '20000.00', actual: '20000.00', completion: '1.0000' });
    expect(rep('张伟').ytd).toMatchObject({ plan: '40000.00', actual: '20000.00', completion: '0.5000' });
    expect(rep('李娜').month).toMatchObject({ plan: '2000.00', actual: '1000.00', completion: '0.5000' });
  });

  it('a rep with no plan row gets completion null with the reason', () => {
    expect(rep('赵强').month).toMatchObject({ plan: null, actual: '800.00', completion: null });
    expect(rep('赵强').month.completionNote!['zh-CN']).toBe('计划中没有该业务员的行');
    expect(rep('赵强').month.ranks.completion).toBeNull();
  });

  it('collection rate: receipts ÷ (opening receivable + shipments), and the on-shipments definition', () => {
    // March: opening = 5000 − 2000 = 3000; shipments 15,000; receipts 9,000 → 9000/18000 = 0.5; 9000/15000 = 0.6.
    expect(rep('张伟').month).toMatchObject({
      openingReceivable: '3000.00',
      shipments: '15000.00',
      receipts: '9000.00',
      collectionRate: '0.5000',
      collectionRateOfShipments: '0.6000',
    });
    // YTD: opening 5000, shipments 15,000, receipts 11,000 → 0.55.
    expect(rep('张伟').ytd.collectionRate).toBe('0.5500');
    expect(card.formulas.collection['zh-CN']).toBe('回款率 = 期间回款 ÷ (期初应收 + 期间发货)');
    expect(card.notes.some((n) => n['zh-CN'].includes('1 行外币'))).toBe(true);
  });

  it('期初余额 add to the opening receivable of the row’s rep, else the customer’s; USD ones are left out', () => {
    const withOpenings = buildScorecard({
      month: '2026-03',
      basis: 'orders',
      plan: { version: 2, plan },
      orders,
      shipments,
      receipts,
      openings: [
        {
          customer: '老客户',
          currency: 'CNY',
          amount: '6000.00',
          date: '2025-10-31',
          source: { sheet: '期初余额', row: 2 },
        },
        {
          customer: 'Nile',
          currency: 'USD',
          amount: '10.00',
          date: '2025-10-31',
          rep: '张伟',
          source: { sheet: '期初余额', row: 3 },
        },
      ],
    });
    const zhang = withOpenings.reps.find((r) => r.rep === '张伟')!;
    // March: opening 6000 + 3000 = 9000; 9000 ÷ (9000 + 15000) = 0.375. YTD: 11000 ÷ (11000 + 15000) = 0.4231.
    expect(zhang.month).toMatchObject({ openingReceivable: '9000.00', collectionRate: '0.3750' });
    expect(zhang.ytd).toMatchObject({ openingReceivable: '11000.00', collectionRate: '0.4231' });
    expect(withOpenings.notes.some((n) => n['zh-CN'].includes('2 行外币'))).toBe(true);
    expect(withOpenings.notes.some((n) => n['zh-CN'].includes('已同步的期初余额'))).toBe(true);
  });

  it('new-customer rate: first-ever order in the period ÷ active customers', () => {
    expect(rep('张伟').month).toMatchObject({
      newCustomers: 1,
      activeCustomers: 2,
      newCustomerRate: '0.5000',
    });
    expect(rep('李娜').month).toMatchObject({
      newCustomers: 1,
      activeCustomers: 1,
      newCustomerRate: '1.0000',
    });
  });

  it('ranks reps (ties share a rank) and rolls up per region against the region’s plan rows', () => {
    expect(card.reps.map((r) => [r.rep, r.month.ranks.completion, r.month.ranks.newCustomers])).toEqual([
      ['张伟', 1, 3],
      ['李娜', 2, 1],
      ['赵强', null, 1],
    ]);
    const east = card.regions.find((r) => r.region === '华东')!;
    expect(east).toMatchObject({ reps: 1, month: { plan: '20000.00', completion: '1.0000' } });
    expect(card.regions.find((r) => r.region === '华南')!.month.completion).toBeNull();
  });

  it('without a published plan every completion is null and the note says so', () => {
    const none = buildScorecard({
      month: '2026-03',
      basis: 'shipments',
      plan: null,
      orders,
      shipments,
      receipts,
    });
    expect(none.reps.every((r) => r.month.completion === null && r.ytd.completion === null)).toBe(true);
    expect(none.notes[0]!['en-US']).toContain('No plan is published for 2026');
    expect(none.reps.find((r) => r.rep === '张伟')!.month.actual).toBe('15000.00');
  });
});

describe('scorecard arithmetic', () => {
  it('plans convert to fen exactly (万元, 元 with 3 decimals half-up)', () => {
    expect(planFen(0.2, 'wanYuan')).toBe(200000n);
    expect(planFen(1234.565, 'yuan')).toBe(123457n);
    expect(planFen(0.1 + 0.2, 'yuan')).toBe(30n);
  });

  it('rateText is num ÷ den half-up to 4 places, null for den ≤ 0', () => {
    expect(rateText(1n, 3n)).toBe('0.3333');
    expect(rateText(2n, 3n)).toBe('0.6667');
    expect(rateText(5n, 0n)).toBeNull();
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        (n, d) => {
          const r = rateText(n, d)!;
          const bp = BigInt(r.replace('.', ''));
          // |bp/10000 − n/d| ≤ 1/20000  ⇔  |2·bp·d − 20000·n| ≤ d
          const diff = 2n * bp * d - 20_000n * n;
          expect(diff <= d && diff >= -d).toBe(true);
        },
      ),
    );
  });
});
