/**
 * Customer statements: opening = last month's closing, a running balance per line, closing equal to the
 * receivables report, per currency; and the identity opening + Σdebit − Σcredit = closing for random ledgers.
 */
import fc from 'fast-check';
import { fenText, toFen } from '../../../src/domain/monthEnd';
import { computeReceivables, customerStatements } from '../../../src/domain/receivables';
import { receipt, ship } from '../monthEnd/fixtures';

describe('customerStatements', () => {
  it('opens with last month’s closing and runs the balance line by line', () => {
    const shipments = [
      ship({ deliveryNo: 'CK-1', shipDate: '2026-02-10', amount: '1000.00' }),
      ship({ deliveryNo: 'CK-2', shipDate: '2026-03-05', amount: '500.00', invoiceNo: 'FP-2' }),
      ship({ deliveryNo: 'TH-1', shipDate: '2026-03-12', amount: '-100.00', qty: -1 }),
      ship({ deliveryNo: 'CK-9', customer: '北方农机', shipDate: '2026-03-05', amount: '7.00' }),
    ];
    const receipts = [
      receipt({ date: '2026-03-05', amount: '800.00', receiptNo: 'HK-1' }),
      receipt({
        date: '2026-03-20',
        amount: '300.00',
        method: '承兑汇票',
        billNo: 'CD-1',
        maturityDate: '2026-09-20',
      }),
    ];
    const [s] = customerStatements({ customer: '华东水务', month: '2026-03', shipments, receipts });
    expect(s).toMatchObject({
      opening: '1000.00',
      totalDebit: '500.00',
      totalCredit: '1200.00',
      closing: '300.00',
    });
    expect(s!.lines.map((l) => [l.date, l.kind, l.ref, l.debit, l.credit, l.balance])).toEqual([
      ['2026-03-05', 'shipment', 'CK-2', '500.00', '0.00', '1500.00'],
      ['2026-03-05', 'receipt', 'HK-1', '0.00', '800.00', '700.00'],
      ['2026-03-12', 'return', 'TH-1', '0.00', '100.00', '600.00'],
      ['2026-03-20', 'receipt', 'CD-1', '0.00', '300.00', '300.00'],
    ]);
    expect(s!.lines[3]).toMatchObject({ method: '承兑汇票', maturityDate: '2026-09-20' });
    expect(s!.aging.reduce((t, b) => t + toFen(b.amount), 0n)).toBe(30000n);
  });

  it("opens with the customer's own 期初余额, never another customer's", () => {
    const openings = [
      { customer: '北方农机', currency: 'CNY' as const, amount: '7000.00', date: '2025-12-31' },
      { customer: '华东水务', currency: 'CNY' as const, amount: '1200.00', date: '2025-12-31' },
    ];
    const shipments = [ship({ deliveryNo: 'CK-1', shipDate: '2026-01-10', amount: '300.00' })];
    const statements = customerStatements({
      customer: '华东水务',
      month: '2026-01',
      shipments,
      receipts: [],
      openings,
    });
    expect(statements.map((s) => [s.customer, s.opening, s.closing])).toEqual([
      ['华东水务', '1200.00', '1500.00'],
    ]);
  });

  it('opening + Σdebit − Σcredit = closing = the receivables report, for random ledgers', () => {
    const day = fc
      .tuple(fc.constantFrom('2026-01', '2026-02', '2026-03'), fc.integer({ min: 1, max: 28 }))
      .map(([m, d]) => `${m}-${String(d).padStart(2, '0')}`);
    const money = fc.bigInt({ min: -200_000n, max: 5_000_000n }).map(fenText);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            shipDate: day,
            amount: money,
            currency: fc.constantFrom('CNY' as const, 'USD' as const),
          }),
          { maxLength: 30 },
        ),
        fc.array(
          fc.record({ date: day, amount: money, currency: fc.constantFrom('CNY' as const, 'USD' as const) }),
          { maxLength: 20 },
        ),
        (ss, rs) => {
          const shipments = ss.map((s, i) =>
            ship({ ...s, deliveryNo: `CK-${i}`, qty: s.amount.startsWith('-') ? -1 : 1 }),
          );
          const receipts = rs.map((r) => receipt(r));
          const report = computeReceivables({ asOf: '2026-02-28', shipments, receipts });
          for (const s of customerStatements({
            customer: '华东水务',
            month: '2026-02',
            shipments,
            receipts,
          })) {
            const [o, d, c, closing] = [s.opening, s.totalDebit, s.totalCredit, s.closing].map(
              toFen,
            ) as bigint[];
            expect(o! + d! - c!).toBe(closing);
            expect(s.lines.length === 0 ? o : toFen(s.lines[s.lines.length - 1]!.balance)).toBe(closing);
            expect(report.customers.find((x) => x.currency === s.currency)!.closing).toBe(s.closing);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
