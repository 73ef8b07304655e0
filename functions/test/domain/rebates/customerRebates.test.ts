/** customerRebates: who is listed, where class and 新老客户 come from, and when an unknown class matters. */
import { OrderRowSchema } from '../../../src/contract/monthEnd';
import { customerRebates } from '../../../src/domain/rebates';
import { ship } from '../monthEnd/fixtures';

const order = (customer: string, date: string, over: Record<string, unknown> = {}) =>
  OrderRowSchema.parse({
    date,
    contractNo: `HT-${date}`,
    customer,
    model: 'QJ',
    qty: 1,
    amount: '1.00',
    source: { sheet: '销售台账', row: 3 },
    ...over,
  });

const shipments = [
  ship({ deliveryNo: 'CK-1', customer: '华东水务', shipDate: '2026-02-10', amount: '600000.00' }),
  ship({ deliveryNo: 'CK-2', customer: '无名客户', shipDate: '2026-02-11', amount: '100.00' }),
];

describe('customerRebates', () => {
  it('takes the class from the latest order that states it (an order without it does not erase it)', () => {
    const orders = [
      order('华东水务', '2026-01-05', { customerClass: '终端客户', isNewCustomer: true }),
      order('华东水务', '2026-03-01', { customerClass: 'keyAccount', isNewCustomer: false }),
      order('华东水务', '2026-04-01'),
      // After the month end: not seen by a March report.
      order('华东水务', '2026-05-01', { customerClass: '经销商' }),
    ];
    const report = customerRebates({
      month: '2026-04',
      tiers: [{ customerClass: '重点客户', newCustomer: false, threshold: '500000', rate: '0.01' }],
      policyVersion: 4,
      orders,
      shipments,
    });
    expect(report.customers[0]).toMatchObject({
      customer: '华东水务',
      customerClass: '重点客户',
      newCustomer: false,
      accrued: '6000.00',
      status: 'accrued',
    });
    expect(report.customers[0]!.classSource).toEqual({ sheet: '销售台账', row: 3 });
  });

  it('needs no class when no tier names one; names the customer when a tier does', () => {
    const everyone = customerRebates({
      month: '2026-02',
      tiers: [{ threshold: '0', rate: '0.01' }],
      policyVersion: 1,
      orders: [],
      shipments,
    });
    expect(everyone.customers.map((c) => [c.customer, c.accrued, c.status])).toEqual([
      ['华东水务', '6000.00', 'accrued'],
      ['无名客户', '1.00', 'accrued'],
    ]);
    const byClass = customerRebates({
      month: '2026-02',
      tiers: [{ customerClass: '经销商', threshold: '0', rate: '0.01' }],
      policyVersion: 1,
      orders: [],
      shipments,
    });
    expect(byClass.customers.map((c) => c.status)).toEqual(['unknown_class', 'unknown_class']);
    expect(byClass.customers[1]!.note!['en-US']).toContain('customer class unknown');
    expect(byClass.notes[0]!['zh-CN']).toContain('2 个客户类别或新老客户未知');
  });
});
