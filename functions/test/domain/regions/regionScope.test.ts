/** 片区 scope rules: whose region a customer or rep is, and what a manager's answer keeps. */
import { computeReceivables } from '../../../src/domain/receivables';
import {
  ALL_REGIONS,
  inScope,
  outOfScope,
  regionIndex,
  regionKey,
  scopeReceivables,
} from '../../../src/domain/regions';
import { order, receipt, ship } from '../monthEnd/fixtures';

const EAST = { all: false, regions: ['华东'] } as const;

describe('regionKey and inScope', () => {
  it('matches regions case-, width- and space-insensitively and ignores a 片区 suffix', () => {
    expect(regionKey(' 华东片区 ')).toBe(regionKey('华东'));
    expect(regionKey('ＥＸＰＯＲＴ')).toBe(regionKey('export'));
    expect(inScope(EAST, '华东片区')).toBe(true);
    expect(inScope(EAST, '华南')).toBe(false);
  });

  it('an unknown region is never in a manager’s scope, and always in everyone’s', () => {
    expect(inScope(EAST, null)).toBe(false);
    expect(inScope(EAST, '  ')).toBe(false);
    expect(inScope(ALL_REGIONS, null)).toBe(true);
    expect(outOfScope(EAST, null)).toEqual({ reason: 'unknownRegion' });
    expect(outOfScope(EAST, '华中')).toEqual({ reason: 'otherRegion', region: '华中' });
    expect(outOfScope(EAST, '华东')).toBeNull();
  });
});

describe('regionIndex', () => {
  const index = regionIndex({
    shipments: [
      ship({
        deliveryNo: 'A',
        shipDate: '2026-01-05',
        amount: '1',
        customer: '甲',
        region: '华南',
        rep: '王芳',
      }),
      // The customer moved: its latest row names 华东.
      ship({
        deliveryNo: 'B',
        shipDate: '2026-02-05',
        amount: '1',
        customer: '甲',
        region: '华东',
        rep: '张伟',
      }),
      // A row after upTo is not seen.
      ship({ deliveryNo: 'C', shipDate: '2026-04-05', amount: '1', customer: '甲', region: '华中' }),
      ship({ deliveryNo: 'D', shipDate: '2026-02-06', amount: '1', customer: '乙', rep: '张伟' }),
      ship({ deliveryNo: 'E', shipDate: '2026-02-06', amount: '1', customer: '丙' }),
    ],
    receipts: [receipt({ date: '2026-02-10', amount: '1', customer: '丁', rep: '王芳' })],
    upTo: '2026-03-31',
  });

  it('a customer’s region is its latest row naming one, else its rep’s region', () => {
    expect(index.customer('甲')).toBe('华东');
    expect(index.customer('乙')).toBe('华东');
    expect(index.customer('丁')).toBe('华南');
    expect(index.customer('丙')).toBeNull();
    expect(index.rep('张伟')).toBe('华东');
    expect(index.knowsCustomer('丙')).toBe(true);
    expect(index.knowsCustomer('戊')).toBe(false);
  });
});

describe('regionIndex from the 销售台账', () => {
  it('finds a customer’s 片区 from its orders when the shipment and receipt ledgers carry none', () => {
    const shipments = [
      ship({ deliveryNo: 'N1', shipDate: '2026-03-01', amount: '10.00', customer: 'Lagos Pumps' }),
    ];
    const orders = [
      order({
        contractNo: 'HT1',
        qty: 1,
        amount: '10.00',
        date: '2026-02-20',
        customer: 'Lagos Pumps',
        region: '外贸',
        rep: '孙悦',
      }),
    ];
    expect(regionIndex({ shipments }).customer('Lagos Pumps')).toBeNull();
    const withOrders = regionIndex({ orders, shipments });
    expect(withOrders.customer('Lagos Pumps')).toBe('外贸');
    expect(withOrders.rep('孙悦')).toBe('外贸');
    // An order after the as-of date says nothing yet.
    expect(regionIndex({ orders, shipments, upTo: '2026-02-19' }).customer('Lagos Pumps')).toBeNull();
  });
});

describe('scopeReceivables', () => {
  const shipments = [
    ship({ deliveryNo: 'E1', shipDate: '2026-03-01', amount: '100.10', customer: '东一', region: '华东' }),
    ship({ deliveryNo: 'E2', shipDate: '2026-01-01', amount: '0.20', customer: '东二', region: '华东' }),
    ship({ deliveryNo: 'S1', shipDate: '2026-03-01', amount: '999.00', customer: '南一', region: '华南' }),
    ship({ deliveryNo: 'X1', shipDate: '2026-03-01', amount: '5.00', customer: '无' }),
    ship({
      deliveryNo: 'U1',
      shipDate: '2026-03-01',
      amount: '7.00',
      customer: 'Nile',
      region: '华东',
      currency: 'USD',
    }),
  ];
  const result = computeReceivables({ asOf: '2026-03-31', shipments, receipts: [] });
  const index = regionIndex({ shipments });

  it('keeps the scope’s customers, sums the totals again per currency and bucket in fen, counts the unknown', () => {
    const scoped = scopeReceivables(result, EAST, index);
    expect(scoped.result.customers.map((c) => c.customer)).toEqual(['Nile', '东一', '东二']);
    const cny = scoped.result.totals.find((t) => t.currency === 'CNY')!;
    expect(cny.closing).toBe('100.30');
    expect(cny.aging.map((b) => b.amount)).toEqual(['100.10', '0.00', '0.20', '0.00', '0.00', '0.00']);
    expect(scoped.result.totals.find((t) => t.currency === 'USD')!.closing).toBe('7.00');
    expect(scoped.scope).toMatchObject({ regions: ['华东'], unknownRegion: 1 });
    expect(scoped.scope.note!['zh-CN']).toContain('1 个客户');
  });

  it('changes nothing for every region', () => {
    const all = scopeReceivables(result, ALL_REGIONS, index);
    expect(all.result).toBe(result);
    expect(all.scope).toEqual({ regions: null, unknownRegion: 0, note: null });
  });
});
