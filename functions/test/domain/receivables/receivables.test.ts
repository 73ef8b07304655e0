/**
 * Receivables and aging, hand-computed: FIFO with a named receipt, a return after a receipt, a bank
 * acceptance, a USD customer, allowances, custom buckets; and properties over random ledgers: the
 * balance identity, aging buckets summing to closing, money as exact decimal text (bigint fen).
 */
import fc from 'fast-check';
import type { ReceiptRow, ShipmentRow } from '../../../src/contract/monthEnd';
import { fenText, toFen } from '../../../src/domain/monthEnd';
import { bucketShapes, computeReceivables } from '../../../src/domain/receivables';
import { receipt, ship } from '../monthEnd/fixtures';

const one = (input: Parameters<typeof computeReceivables>[0]) => {
  const result = computeReceivables(input);
  expect(result.customers).toHaveLength(1);
  return result.customers[0]!;
};
const agingOf = (c: { aging: { amount: string }[] }) => c.aging.map((b) => b.amount);

describe('computeReceivables', () => {
  it('applies an unnamed receipt to the oldest item (FIFO) and a named one to its invoice', () => {
    const shipments = [
      ship({ deliveryNo: 'CK-1', shipDate: '2026-01-10', amount: '1000.00', invoiceNo: 'FP-1' }),
      ship({ deliveryNo: 'CK-2', shipDate: '2026-02-10', amount: '2000.00', invoiceNo: 'FP-2' }),
      ship({ deliveryNo: 'CK-3', shipDate: '2026-03-10', amount: '500.00', invoiceNo: 'FP-3' }),
    ];
    const receipts = [
      // Names FP-3: pays it in full although CK-1 is older.
      receipt({ date: '2026-03-15', amount: '500.00', invoiceNo: 'FP-3' }),
      // Unnamed: CK-1 in full, then 200 of CK-2.
      receipt({ date: '2026-03-20', amount: '1200.00' }),
    ];
    const c = one({ asOf: '2026-03-31', shipments, receipts });
    expect(c).toMatchObject({ shipped: '3500.00', received: '1700.00', closing: '1800.00', opening: '0.00' });
    expect(c.openItems.map((i) => [i.deliveryNo, i.open, i.days])).toEqual([['CK-2', '1800.00', 49]]);
    // 49 days: in 31–60.
    expect(agingOf(c)).toEqual(['0.00', '1800.00', '0.00', '0.00', '0.00', '0.00']);
  });

  it('a named receipt larger than its invoice pays the rest FIFO', () => {
    const c = one({
      asOf: '2026-03-31',
      shipments: [
        ship({ deliveryNo: 'CK-1', shipDate: '2026-01-10', amount: '1000.00', contractNo: 'HT-A' }),
        ship({ deliveryNo: 'CK-2', shipDate: '2026-02-10', amount: '700.00', contractNo: 'HT-B' }),
      ],
      receipts: [receipt({ date: '2026-03-01', amount: '900.00', contractNo: 'HT-B' })],
    });
    expect(c.openItems.map((i) => [i.deliveryNo, i.open])).toEqual([['CK-1', '800.00']]);
    expect(c.closing).toBe('800.00');
  });

  it('a return after the receipt leaves the customer in credit, an unapplied credit the next shipment consumes', () => {
    const shipments = [
      ship({ deliveryNo: 'CK-1', shipDate: '2026-01-05', amount: '1000.00', qty: 10 }),
      ship({ deliveryNo: 'TH-1', shipDate: '2026-03-05', amount: '-300.00', qty: -3 }),
    ];
    const receipts = [receipt({ date: '2026-02-01', amount: '1000.00' })];
    const march = one({ asOf: '2026-03-31', shipments, receipts });
    expect(march).toMatchObject({ returns: '300.00', allowances: '0.00', closing: '-300.00' });
    expect(march.openItems).toMatchObject([{ kind: 'unappliedCredit', open: '-300.00', date: '2026-03-05' }]);
    expect(agingOf(march)).toEqual(['-300.00', '0.00', '0.00', '0.00', '0.00', '0.00']);

    const april = one({
      asOf: '2026-04-30',
      shipments: [...shipments, ship({ deliveryNo: 'CK-2', shipDate: '2026-04-10', amount: '800.00' })],
      receipts,
    });
    expect(april.closing).toBe('500.00');
    expect(april.openItems.map((i) => [i.deliveryNo, i.open])).toEqual([['CK-2', '500.00']]);
  });

  it('an allowance (qty 0 or 折让) is counted apart from returns and reduces the balance', () => {
    const c = one({
      asOf: '2026-03-31',
      shipments: [
        ship({ deliveryNo: 'CK-1', shipDate: '2026-03-01', amount: '1000.00' }),
        ship({ deliveryNo: 'ZR-1', shipDate: '2026-03-20', amount: '-50.00', qty: 0, note: '质量折让' }),
      ],
      receipts: [],
    });
    expect(c).toMatchObject({ allowances: '50.00', returns: '0.00', closing: '950.00' });
  });

  it('a bank acceptance counts as received and is listed apart with its maturity', () => {
    const c = one({
      asOf: '2026-03-31',
      shipments: [ship({ deliveryNo: 'CK-1', shipDate: '2026-01-10', amount: '10000.00' })],
      receipts: [
        receipt({
          date: '2026-02-20',
          amount: '6000.00',
          method: '承兑汇票',
          billNo: 'CD-001',
          maturityDate: '2026-08-20',
        }),
        receipt({
          date: '2026-03-01',
          amount: '1000.00',
          method: '承兑汇票',
          billNo: 'CD-000',
          maturityDate: '2026-03-01',
        }),
      ],
    });
    expect(c).toMatchObject({ received: '7000.00', closing: '3000.00' });
    expect(c.bankAcceptances).toMatchObject({ total: '7000.00', notMatured: '6000.00' });
    expect(c.bankAcceptances.bills.map((b) => [b.billNo, b.maturityDate, b.matured])).toEqual([
      ['CD-001', '2026-08-20', false],
      ['CD-000', '2026-03-01', true],
    ]);
  });

  it('keeps a USD customer in USD, apart from its CNY business, with totals per currency', () => {
    const result = computeReceivables({
      asOf: '2026-03-31',
      shipments: [
        ship({
          deliveryNo: 'EX-1',
          customer: 'Nile Pumps',
          shipDate: '2026-03-01',
          amount: '12000.50',
          currency: 'USD',
        }),
        ship({ deliveryNo: 'CK-9', customer: 'Nile Pumps', shipDate: '2026-03-01', amount: '100.00' }),
      ],
      receipts: [receipt({ date: '2026-03-10', customer: 'Nile Pumps', amount: '5000.25', currency: 'USD' })],
    });
    expect(result.customers.map((c) => [c.currency, c.closing])).toEqual([
      ['CNY', '100.00'],
      ['USD', '7000.25'],
    ]);
    expect(result.totals.map((t) => [t.currency, t.closing])).toEqual([
      ['CNY', '100.00'],
      ['USD', '7000.25'],
    ]);
  });

  it('ages by invoice date when asked (uninvoiced by ship date), with configurable buckets', () => {
    const shipments = [
      ship({
        deliveryNo: 'CK-1',
        shipDate: '2026-01-01',
        invoiceDate: '2026-03-20',
        invoiceNo: 'F1',
        amount: '100.00',
      }),
      ship({ deliveryNo: 'CK-2', shipDate: '2026-01-01', amount: '40.00' }),
    ];
    const byShip = one({ asOf: '2026-03-31', shipments, receipts: [], bounds: [15, 60] });
    expect(byShip.aging.map((b) => [b.label['zh-CN'], b.amount])).toEqual([
      ['0–15天', '0.00'],
      ['16–60天', '0.00'],
      ['60天以上', '140.00'],
    ]);
    const byInvoice = one({
      asOf: '2026-03-31',
      shipments,
      receipts: [],
      bounds: [15, 60],
      basis: 'invoice',
    });
    expect(agingOf(byInvoice)).toEqual(['100.00', '0.00', '40.00']);
  });

  it('leaves out rows after asOf, adds an opening balance, and filters by customer and rep', () => {
    const shipments = [
      ship({ deliveryNo: 'CK-1', shipDate: '2026-03-01', amount: '100.00', rep: '张伟' }),
      ship({ deliveryNo: 'CK-2', shipDate: '2026-04-01', amount: '999.00', rep: '张伟' }),
      ship({ deliveryNo: 'CK-3', customer: '北方农机', shipDate: '2026-03-01', amount: '7.00', rep: '李娜' }),
    ];
    const openings = [
      { customer: '华东水务', currency: 'CNY' as const, amount: '50.00', date: '2025-12-31' },
    ];
    const c = one({ asOf: '2026-03-31', shipments, receipts: [], openings, rep: '张伟' });
    expect(c).toMatchObject({ customer: '华东水务', opening: '50.00', shipped: '100.00', closing: '150.00' });
    expect(one({ asOf: '2026-03-31', shipments, receipts: [], customer: '北方农机' }).closing).toBe('7.00');
  });

  it('names the buckets 0–30 … over 365 by default', () => {
    expect(bucketShapes([30, 60, 90, 180, 365]).map((b) => b.label['en-US'])).toEqual([
      '0–30 days',
      '31–60 days',
      '61–90 days',
      '91–180 days',
      '181–365 days',
      'over 365 days',
    ]);
  });
});

describe('computeReceivables properties', () => {
  const day = fc
    .tuple(
      fc.constantFrom('2025-06', '2025-11', '2026-01', '2026-02', '2026-03', '2026-04'),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([m, d]) => `${m}-${String(d).padStart(2, '0')}`);
  const fen = fc.bigInt({ min: -500_000n, max: 9_000_000_000n });
  const ref = fc.option(fc.constantFrom('A', 'B', 'C'), { nil: undefined });
  const customer = fc.constantFrom('华东水务', '北方农机');
  const shipmentArb = fc.record({
    shipDate: day,
    amount: fen,
    customer,
    contractNo: ref,
    invoiceNo: ref,
    qty: fc.constantFrom(0, 1, -1),
  });
  const receiptArb = fc.record({
    date: day,
    amount: fc.bigInt({ min: -10_000n, max: 5_000_000_000n }),
    customer,
    contractNo: ref,
    invoiceNo: ref,
    method: fc.constantFrom('电汇' as const, '承兑汇票' as const),
  });

  it('opening + shipped − received − returns − allowances = closing; buckets and open items sum to closing', () => {
    fc.assert(
      fc.property(
        fc.array(shipmentArb, { maxLength: 40 }),
        fc.array(receiptArb, { maxLength: 25 }),
        day,
        (ss, rs, asOf) => {
          const shipments: ShipmentRow[] = ss.map((s, i) =>
            ship({ ...s, deliveryNo: `CK-${i}`, amount: fenText(s.amount), qty: s.amount < 0n ? s.qty : 1 }),
          );
          const receipts: ReceiptRow[] = rs.map((r) => receipt({ ...r, amount: fenText(r.amount) }));
          const result = computeReceivables({ asOf, shipments, receipts });
          for (const c of result.customers) {
            const [o, s, r, ret, a, closing] = [
              c.opening,
              c.shipped,
              c.received,
              c.returns,
              c.allowances,
              c.closing,
            ].map(toFen) as [bigint, bigint, bigint, bigint, bigint, bigint];
            expect(o + s - r - ret - a).toBe(closing);
            // Direct sum of the rows up to asOf: nothing lost or counted twice.
            const own = (x: { customer: string }) => x.customer === c.customer;
            const direct =
              shipments
                .filter((x) => own(x) && x.shipDate <= asOf)
                .reduce((t, x) => t + toFen(x.amount), 0n) -
              receipts.filter((x) => own(x) && x.date <= asOf).reduce((t, x) => t + toFen(x.amount), 0n);
            expect(closing).toBe(direct);
            expect(c.aging.reduce((t, b) => t + toFen(b.amount), 0n)).toBe(closing);
            expect(c.openItems.reduce((t, i) => t + toFen(i.open), 0n)).toBe(closing);
            // Either shipments are open or credits wait, never both.
            const kinds = new Set(c.openItems.map((i) => i.kind));
            expect(kinds.size).toBeLessThanOrEqual(1);
            // Money is exact decimal text, never a float.
            for (const m of [c.closing, ...c.aging.map((b) => b.amount), ...c.openItems.map((i) => i.open)])
              expect(m).toMatch(/^-?\d+\.\d{2}$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
