import fc from 'fast-check';
import type { BookEntry, ShipmentRow } from '../../../src/contract/monthEnd';
import { DifferenceSchema, ReconciliationTotalsSchema } from '../../../src/contract/monthEnd';
import { keyRows, reconcile, toFen, fenText, sumFen } from '../../../src/domain/monthEnd';
import { book, keyed, ship } from './fixtures';

const M = '2026-03';
const run = (shipments: ShipmentRow[], books: BookEntry[], windowDays = 5) =>
  reconcile({ month: M, shipments: keyed('shipments', shipments), books: keyed('books', books), windowDays });

const classes = (r: ReturnType<typeof run>) => r.differences.map((d) => d.class).sort();

describe('账账核对 (reconcile)', () => {
  it('matches by 出库单号, then 发票号, then customer + amount + date', () => {
    const r = run(
      [
        ship({ deliveryNo: 'CK-1', amount: '100.00', shipDate: '2026-03-03' }),
        ship({ deliveryNo: 'CK-2', amount: '200.00', shipDate: '2026-03-04', invoiceNo: 'FP-2' }),
        ship({ deliveryNo: 'CK-3', amount: '300.00', shipDate: '2026-03-05' }),
      ],
      [
        book({ date: '2026-03-03', debit: '100', deliveryNo: 'ck-1' }),
        book({ date: '2026-03-06', debit: '200', invoiceNo: 'FP-2' }),
        book({ date: '2026-03-08', debit: '300' }),
      ],
    );
    expect(r.differences).toEqual([]);
    expect(r.totals[0]).toMatchObject({
      ledgerTotal: '600.00',
      booksTotal: '600.00',
      remainder: '0.00',
      matched: 3,
    });
  });

  it('classifies a typo, a missing invoice, an invoice without shipment, a cutoff and a double booking', () => {
    const r = run(
      [
        ship({ deliveryNo: 'CK-1', amount: '1000.00', shipDate: '2026-03-03', invoiceNo: 'FP-1' }),
        ship({ deliveryNo: 'CK-2', amount: '500.00', shipDate: '2026-03-10' }),
        ship({ deliveryNo: 'CK-3', amount: '800.00', shipDate: '2026-03-31' }),
        ship({ deliveryNo: 'CK-4', amount: '50.00', shipDate: '2026-03-12', invoiceNo: 'FP-4' }),
      ],
      [
        book({ date: '2026-03-04', debit: '1100.00', invoiceNo: 'FP-1', voucherNo: '记-1' }),
        book({ date: '2026-03-15', debit: '70.00', customer: '北方农机', voucherNo: '记-2' }),
        book({ date: '2026-04-02', debit: '800.00', deliveryNo: 'CK-3', voucherNo: '记-9' }),
        book({ date: '2026-03-13', debit: '50.00', invoiceNo: 'FP-4', voucherNo: '记-3' }),
        book({ date: '2026-03-20', debit: '50.00', invoiceNo: 'FP-4', voucherNo: '记-5' }),
      ],
    );
    expect(classes(r)).toEqual(['amount_differs', 'cutoff', 'duplicate', 'only_in_books', 'only_in_ledger']);
    const byClass = Object.fromEntries(r.differences.map((d) => [d.class, d]));
    expect(byClass.amount_differs!.effect).toBe('-100.00');
    expect(byClass.amount_differs!.matchedBy).toBe('invoiceNo');
    expect(byClass.only_in_ledger!.effect).toBe('500.00');
    expect(byClass.only_in_ledger!.message['zh-CN']).toContain('发货未开票');
    expect(byClass.only_in_books!.effect).toBe('-70.00');
    expect(byClass.cutoff!.effect).toBe('800.00');
    expect(byClass.cutoff!.books!.month).toBe('2026-04');
    expect(byClass.duplicate!.books!.voucherNo).toBe('记-5');
    const t = r.totals[0]!;
    expect(t).toMatchObject({
      ledgerTotal: '2350.00',
      booksTotal: '1270.00',
      difference: '1080.00',
      remainder: '0.00',
    });
    expect(t.byClass).toMatchObject({
      cutoff: '800.00',
      only_in_ledger: '500.00',
      amount_differs: '-100.00',
    });
    for (const d of r.differences) expect(DifferenceSchema.safeParse(d).success).toBe(true);
    expect(ReconciliationTotalsSchema.safeParse(t).success).toBe(true);
  });

  it('sees a shipment booked in the month before as a cutoff of that entry', () => {
    const r = run(
      [ship({ deliveryNo: 'CK-7', amount: '90.00', shipDate: '2026-04-01' })],
      [book({ date: '2026-03-30', debit: '90.00', deliveryNo: 'CK-7' })],
    );
    expect(r.differences).toHaveLength(1);
    expect(r.differences[0]).toMatchObject({ class: 'cutoff', effect: '-90.00' });
  });

  it('keeps a return (negative amount) and offsets it against a 红字 invoice', () => {
    const r = run(
      [
        ship({ deliveryNo: 'CK-8', amount: '400.00', shipDate: '2026-03-02' }),
        ship({ deliveryNo: 'TH-1', amount: '-400.00', qty: -1, shipDate: '2026-03-20' }),
      ],
      [
        book({ date: '2026-03-02', debit: '400.00', deliveryNo: 'CK-8' }),
        book({ date: '2026-03-21', debit: '-400.00', summary: '红字发票' }),
      ],
    );
    expect(r.differences).toEqual([]);
    expect(r.totals[0]).toMatchObject({ ledgerTotal: '0.00', booksTotal: '0.00', matched: 2 });
  });

  it('reconciles USD apart from CNY and never pairs across currencies', () => {
    const r = run(
      [
        ship({
          deliveryNo: 'EX-1',
          amount: '8250.00',
          currency: 'USD',
          shipDate: '2026-03-09',
          customer: 'Nile Pumps',
        }),
      ],
      [book({ date: '2026-03-09', debit: '8250.00', customer: 'Nile Pumps', deliveryNo: 'EX-1' })],
    );
    expect(r.totals.map((t) => [t.currency, t.difference])).toEqual([
      ['CNY', '-8250.00'],
      ['USD', '8250.00'],
    ]);
    expect(classes(r)).toEqual(['only_in_books', 'only_in_ledger']);
  });

  it('puts a shipment at 23:30 China time on the last day into that month', () => {
    const r = run([ship({ deliveryNo: 'CK-9', amount: '10.00', shipDate: '2026-03-31T15:30:00Z' })], []);
    expect(r.totals[0]).toMatchObject({ ledgerTotal: '10.00' });
    const april = reconcile({
      month: '2026-04',
      shipments: keyed('shipments', [
        ship({ deliveryNo: 'CK-9', amount: '10.00', shipDate: '2026-03-31T16:00:00Z' }),
      ]),
      books: [],
      windowDays: 5,
    });
    expect(april.totals[0]).toMatchObject({ ledgerTotal: '10.00' });
  });

  it('ignores zero debits (receipt lines of an export) and free deliveries with no entry', () => {
    const r = run(
      [ship({ deliveryNo: 'ZP-1', amount: '0.00', shipDate: '2026-03-05' })],
      [book({ date: '2026-03-05', debit: '0.00', credit: '300.00', summary: '收款' })],
    );
    expect(r.differences).toEqual([]);
  });

  it('reports a line typed twice in the ledger as a duplicate', () => {
    const row = { deliveryNo: 'CK-5', amount: '60.00', shipDate: '2026-03-05' };
    const r = run([ship(row), ship(row)], [book({ date: '2026-03-05', debit: '60.00', deliveryNo: 'CK-5' })]);
    expect(classes(r)).toEqual(['duplicate']);
    expect(r.differences[0]!.effect).toBe('60.00');
  });
});

// ── Properties ───────────────────────────────────────────────────────────────────────────────────

const customers = ['甲公司', '乙公司', '丙公司'];
const dates = fc
  .tuple(fc.constantFrom('2026-02', '2026-03', '2026-04'), fc.integer({ min: 1, max: 28 }))
  .map(([m, d]) => `${m}-${String(d).padStart(2, '0')}`);
const amount = fc.integer({ min: -50_000, max: 200_000 }).map((fen) => fenText(BigInt(fen)));
const ref = fc.option(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), { nil: undefined });

const shipmentArb = fc.record({
  deliveryNo: fc.constantFrom('CK-A', 'CK-B', 'CK-C', 'CK-D', 'CK-E', 'CK-F'),
  amount,
  shipDate: dates,
  customer: fc.constantFrom(...customers),
  currency: fc.constantFrom('CNY', 'CNY', 'USD'),
  invoiceNo: ref,
  model: fc.constantFrom('M1', 'M2'),
});
const bookArb = fc.record({
  date: dates,
  debit: amount,
  customer: fc.constantFrom(...customers),
  currency: fc.constantFrom('CNY', 'CNY', 'USD'),
  invoiceNo: ref,
  deliveryNo: fc.option(fc.constantFrom('CK-A', 'CK-B', 'CK-X'), { nil: undefined }),
  voucherNo: fc.option(fc.constantFrom('记-1', '记-2', '记-3', '记-4'), { nil: undefined }),
});

let rowNo = 0;
const ledgerArb = fc
  .tuple(fc.array(shipmentArb, { maxLength: 25 }), fc.array(bookArb, { maxLength: 25 }))
  .map(([s, b]) => ({
    shipments: s.map((x) =>
      ship({ ...x, currency: x.currency as 'CNY' | 'USD', source: { sheet: '发货台账', row: ++rowNo } }),
    ),
    books: b.map((x) =>
      book({ ...x, currency: x.currency as 'CNY' | 'USD', source: { sheet: '财务账', row: ++rowNo } }),
    ),
  }));

describe('reconcile properties', () => {
  it('ledger total − books total = Σ classified differences, to the fen, per currency', () => {
    fc.assert(
      fc.property(ledgerArb, ({ shipments, books }) => {
        const r = run(shipments, books);
        for (const t of r.totals) {
          const effects = sumFen(
            r.differences.filter((d) => d.currency === t.currency).map((d) => toFen(d.effect)),
          );
          expect(toFen(t.ledgerTotal) - toFen(t.booksTotal)).toBe(effects);
          expect(t.remainder).toBe('0.00');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every row of the month lands in exactly one place (matched or one difference)', () => {
    fc.assert(
      fc.property(ledgerArb, ({ shipments, books }) => {
        const r = run(shipments, books);
        const expected = new Set<string>();
        for (const { key, row } of keyRows('shipments', shipments).keyed)
          if (row.shipDate.startsWith(M)) expected.add(`L:${M}|${key}`);
        for (const { key, row } of keyRows('books', books).keyed)
          if (row.date.startsWith(M) && row.debit != null && toFen(row.debit) !== 0n)
            expected.add(`B:${M}|${key}`);
        expect(new Set(r.placement.keys())).toEqual(expected);
        // No difference claims a row of the month that another difference also claims.
        const claimed = new Map<string, number>();
        for (const d of r.differences) {
          for (const id of [...r.placement].filter(([, where]) => where === d.id).map(([id]) => id))
            claimed.set(id, (claimed.get(id) ?? 0) + 1);
        }
        for (const count of claimed.values()) expect(count).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic and independent of row order', () => {
    fc.assert(
      fc.property(ledgerArb, fc.integer(), ({ shipments, books }, seed) => {
        const shuffle = <T>(list: T[]): T[] => {
          const out = [...list];
          let s = seed;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) & 0x7fffffff;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const a = run(shipments, books);
        const b = run(shuffle(shipments), shuffle(books));
        expect(b.differences).toEqual(a.differences);
        expect(b.totals).toEqual(a.totals);
      }),
      { numRuns: 200 },
    );
  });
});
