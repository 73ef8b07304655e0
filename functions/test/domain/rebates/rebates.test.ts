/** 返点 accrual, hand-computed: a customer crossing a tier mid-year, class and new/old tiers, the next tier. */
import { accrueRebates, applyRate } from '../../../src/domain/rebates';
import { ship } from '../monthEnd/fixtures';

const tiers = [
  { customerClass: '经销商', threshold: '500000', rate: '0.01' },
  { customerClass: '经销商', threshold: '1000000', rate: '0.02' },
  { customerClass: '经销商', newCustomer: true, threshold: '300000', rate: '0.015' },
];
const shipments = [
  ship({ deliveryNo: 'CK-1', shipDate: '2026-02-10', amount: '600000.00' }),
  ship({ deliveryNo: 'CK-2', shipDate: '2026-06-20', amount: '450000.00' }),
  ship({ deliveryNo: 'TH-1', shipDate: '2026-06-25', amount: '-20000.00', qty: -1 }),
  ship({ deliveryNo: 'CK-3', shipDate: '2025-12-30', amount: '999999.00' }), // last year: not counted
  ship({ deliveryNo: 'CK-9', customer: '新客户乙', shipDate: '2026-03-01', amount: '333333.33' }),
];
const customers = [
  { customer: '华东水务', customerClass: '经销商', newCustomer: false },
  { customer: '新客户乙', customerClass: '经销商', newCustomer: true },
  { customer: '直销客户', customerClass: '直销', newCustomer: false },
];

describe('accrueRebates', () => {
  it('crossing a tier mid-year: 1% on all of it in May, 2% on all of it from late June', () => {
    const may = accrueRebates({ year: 2026, through: '2026-05-31', tiers, customers, shipments });
    expect(may[0]).toMatchObject({
      volume: '600000.00',
      tier: { threshold: '500000.00', rate: '0.01' },
      accrued: '6000.00',
      next: { threshold: '1000000.00', rate: '0.02', volumeNeeded: '400000.00' },
    });
    const june = accrueRebates({ year: 2026, through: '2026-06-30', tiers, customers, shipments });
    // 600,000 + 450,000 − 20,000 return = 1,030,000 → 2% = 20,600.
    expect(june[0]).toMatchObject({
      volume: '1030000.00',
      tier: { rate: '0.02' },
      accrued: '20600.00',
      next: null,
    });
  });

  it('new customers get their own tier; a class without tiers says so', () => {
    const [, fresh, direct] = accrueRebates({
      year: 2026,
      through: '2026-12-31',
      tiers,
      customers,
      shipments,
    });
    // 333,333.33 × 1.5% = 5,000.00 (4,999.99995 half-up).
    expect(fresh).toMatchObject({ tier: { threshold: '300000.00', rate: '0.015' }, accrued: '5000.00' });
    expect(direct).toMatchObject({ volume: '0.00', tier: null, accrued: '0.00', next: null });
    expect(direct!.note!['zh-CN']).toBe('该客户类别没有返点档位');
  });

  it('only the most specific tier list applies: selling more never earns less', () => {
    const mixed = [
      { threshold: '1000000', rate: '0.01' }, // 全部
      { customerClass: '经销商', threshold: '500000', rate: '0.02' },
    ];
    const at = (through: string) =>
      accrueRebates({ year: 2026, through, tiers: mixed, customers: customers.slice(0, 1), shipments })[0]!;
    // 600,000 by May → the class's 2% = 12,000.00; 1,030,000 by June: still the class's 2% = 20,600.00,
    // not the 全部 tier's 1% (10,300.00) it also reached.
    expect(at('2026-05-31')).toMatchObject({
      tier: { threshold: '500000.00', rate: '0.02' },
      accrued: '12000.00',
    });
    expect(at('2026-06-30')).toMatchObject({
      tier: { threshold: '500000.00', rate: '0.02' },
      accrued: '20600.00',
    });
    // A customer of a class without its own list gets the 全部 list.
    const other = accrueRebates({
      year: 2026,
      through: '2026-12-31',
      tiers: mixed,
      customers: [{ customer: '华东水务', customerClass: '终端客户', newCustomer: false }],
      shipments,
    })[0]!;
    expect(other).toMatchObject({ tier: { threshold: '1000000.00', rate: '0.01' }, accrued: '10300.00' });
  });

  it('applyRate rounds half-up to the fen', () => {
    expect(applyRate(33333333n, '0.015')).toBe(500000n);
    expect(applyRate(1n, '0.5')).toBe(1n);
    expect(applyRate(-1n, '0.5')).toBe(-1n);
  });
});
