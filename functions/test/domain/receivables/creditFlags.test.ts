/** 信用预警: over the credit limit, items older than the set days, both, and neither (not listed). */
import { computeReceivables, creditFlags } from '../../../src/domain/receivables';
import { receipt, ship } from '../monthEnd/fixtures';

const result = computeReceivables({
  asOf: '2026-06-30',
  shipments: [
    ship({ deliveryNo: 'CK-1', shipDate: '2026-01-10', amount: '80000.00' }),
    ship({ deliveryNo: 'CK-2', shipDate: '2026-06-10', amount: '50000.00' }),
    ship({ deliveryNo: 'CK-3', customer: '北方农机', shipDate: '2026-06-01', amount: '9000.00' }),
    ship({ deliveryNo: 'CK-4', customer: '南方泵业', shipDate: '2026-06-01', amount: '100.00' }),
  ],
  receipts: [receipt({ date: '2026-03-01', amount: '30000.00' })],
});

describe('creditFlags', () => {
  it('flags a customer over its limit and with old items, another only over its limit, and not the rest', () => {
    const flags = creditFlags(result.customers, {
      limits: [
        { customer: '华东水务', currency: 'CNY', limit: '60000' },
        { customer: '北方农机', currency: 'CNY', limit: '8000.00' },
        { customer: '南方泵业', currency: 'CNY', limit: '1000' },
      ],
      maxDays: 90,
    });
    expect(flags.map((f) => f.customer)).toEqual(['北方农机', '华东水务']);
    const east = flags.find((f) => f.customer === '华东水务')!;
    // Closing 100,000: 50,000 of CK-1 (171 days) is old.
    expect(east).toMatchObject({
      closing: '100000.00',
      overLimit: { limit: '60000.00', over: '40000.00' },
      overdue: { days: 90, oldestDays: 171, amount: '50000.00' },
    });
    expect(east.message['zh-CN']).toBe(
      '信用预警：华东水务（CNY）应收 100,000.00 超出信用额度 60,000.00，超 40,000.00；50,000.00 超过 90 天未收（最久 171 天）',
    );
    expect(flags.find((f) => f.customer === '北方农机')).toMatchObject({
      overLimit: { over: '1000.00' },
      overdue: null,
    });
  });
});
