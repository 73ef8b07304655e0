import { MonthEndReportSchema } from '../../../src/contract/monthEnd';
import {
  buildMonthEndReport,
  convertFen,
  diffLedger,
  fenText,
  keyRows,
  monthsDue,
  orderLines,
  shippedNotInvoiced,
  toFen,
  trackingReport,
} from '../../../src/domain/monthEnd';
import { book, keyed, order, receipt, ship } from './fixtures';

const M = '2026-03';

describe('money to the fen', () => {
  it('reads and writes decimal yuan exactly, and converts at a stated rate half-up', () => {
    expect(toFen('-380.5')).toBe(-38050n);
    expect(fenText(toFen('0.1') + toFen('0.2'))).toBe('0.30');
    expect(fenText(toFen('9999999999999.99') * 3n)).toBe('29999999999999.97');
    expect(convertFen(toFen('8250.00'), '7.1234')).toBe(5876805n);
    expect(convertFen(toFen('0.01'), '0.5')).toBe(1n);
    expect(convertFen(toFen('-0.01'), '0.5')).toBe(-1n);
    expect(() => toFen('1.005')).toThrow(RangeError);
  });
});

describe('snapshot diff by business key', () => {
  const rows = [
    ship({ deliveryNo: 'CK-1', amount: '10.00', shipDate: '2026-03-01', source: { sheet: 'S', row: 3 } }),
    ship({ deliveryNo: 'CK-2', amount: '20.00', shipDate: '2026-03-02', source: { sheet: 'S', row: 4 } }),
  ];
  const k = (list: typeof rows) => keyRows('shipments', list).keyed;

  it('the same sheet twice is all unchanged', () => {
    expect(diffLedger(k(rows), k(rows))).toMatchObject({ unchanged: 2, differs: false });
  });

  it('counts added, changed, removed and moved', () => {
    const next = [
      { ...rows[0]!, amount: '11.00' },
      ship({ deliveryNo: 'CK-3', amount: '5.00', shipDate: '2026-03-03', source: { sheet: 'S', row: 5 } }),
    ];
    expect(diffLedger(k(rows), k(next))).toMatchObject({ added: 1, changed: 1, removed: 1, unchanged: 0 });
    const moved = rows.map((r) => ({ ...r, source: { sheet: 'S', row: r.source.row + 1 } }));
    expect(diffLedger(k(rows), k(moved))).toMatchObject({ moved: 2, unchanged: 0, differs: true });
  });

  it('tells the entries of one voucher apart without 行号', () => {
    const entries = [
      book({ date: '2026-03-05', voucherNo: '记-0108', debit: '100.00' }),
      book({ date: '2026-03-05', voucherNo: '记-0108', debit: '250.00' }),
    ];
    expect(keyRows('books', entries).duplicates).toEqual([]);
  });

  it('reports rows sharing a business key with every location', () => {
    const dup = keyRows('shipments', [rows[0]!, { ...rows[0]!, source: { sheet: 'S', row: 9 } }]);
    expect(dup.duplicates).toEqual([
      {
        key: 'ck-1|qj-100',
        sources: [
          { sheet: 'S', row: 3 },
          { sheet: 'S', row: 9 },
        ],
      },
    ]);
    expect(dup.keyed.map((r) => r.key)).toEqual(['ck-1|qj-100', 'ck-1|qj-100#2']);
  });
});

describe('orders vs shipments', () => {
  it('fills contract lines in order, flags over-shipment and lines past 交货期', () => {
    const orders = keyed('orders', [
      order({ contractNo: 'HT-1', qty: 5, amount: '500.00', line: 1, deliveryDate: '2026-03-15' }),
      order({ contractNo: 'HT-1', qty: 2, amount: '200.00', line: 2, deliveryDate: '2026-04-30' }),
      order({ contractNo: 'HT-2', qty: 3, amount: '300.00', deliveryDate: '2026-03-10' }),
    ]);
    const shipments = keyed('shipments', [
      ship({ deliveryNo: 'CK-1', contractNo: 'HT-1', qty: 5, amount: '500.00', shipDate: '2026-03-05' }),
      ship({ deliveryNo: 'CK-2', contractNo: 'HT-1', qty: 3, amount: '300.00', shipDate: '2026-03-20' }),
      ship({ deliveryNo: 'CK-3', contractNo: 'HT-2', qty: 1, amount: '100.00', shipDate: '2026-03-21' }),
      ship({ deliveryNo: 'CK-4', contractNo: 'HT-9', qty: 1, amount: '1.00', shipDate: '2026-03-21' }),
    ]);
    const { lines, unmatchedShipments } = orderLines(M, orders, shipments);
    const by = (c: string, l: number) => lines.find((x) => x.contractNo === c && x.line === l)!;
    expect(by('HT-1', 1)).toMatchObject({ shippedQty: 5, openQty: 0, overShipped: false, late: false });
    expect(by('HT-1', 2)).toMatchObject({
      shippedQty: 3,
      openQty: -1,
      overShipped: true,
      shippedAmount: '300.00',
    });
    expect(by('HT-2', 1)).toMatchObject({ shippedQty: 1, openQty: 2, late: true, daysLate: 21 });
    expect(unmatchedShipments.map((s) => s.deliveryNo)).toEqual(['CK-4']);
  });
});

describe('发货未开票 and 销售跟单月报表', () => {
  it('lists shipments without an invoice by the month end, unless the books name them', () => {
    const shipments = keyed('shipments', [
      ship({
        deliveryNo: 'CK-1',
        amount: '10.00',
        shipDate: '2026-03-01',
        invoiceNo: 'FP-1',
        invoiceDate: '2026-03-02',
      }),
      ship({ deliveryNo: 'CK-2', amount: '20.00', shipDate: '2026-03-11' }),
      ship({
        deliveryNo: 'CK-3',
        amount: '30.00',
        shipDate: '2026-03-12',
        invoiceNo: 'FP-3',
        invoiceDate: '2026-04-03',
      }),
      ship({ deliveryNo: 'CK-4', amount: '40.00', shipDate: '2026-03-13' }),
    ]);
    const books = keyed('books', [book({ date: '2026-03-20', debit: '40.00', deliveryNo: 'CK-4' })]);
    const list = shippedNotInvoiced(M, shipments, books);
    expect(list.map((x) => [x.deliveryNo, x.days])).toEqual([
      ['CK-2', 20],
      ['CK-3', 19],
    ]);
  });

  it('adds ordered, shipped, invoiced and received per contract', () => {
    const rows = trackingReport(
      M,
      keyed('orders', [order({ contractNo: 'HT-1', qty: 2, amount: '1000.00' })]),
      keyed('shipments', [
        ship({
          deliveryNo: 'CK-1',
          contractNo: 'HT-1',
          amount: '600.00',
          shipDate: '2026-03-05',
          invoiceNo: 'FP-1',
        }),
      ]),
      keyed('receipts', [
        receipt({ amount: '250.00', date: '2026-03-25', invoiceNo: 'FP-1' }),
        receipt({ amount: '100.00', date: '2026-03-26', contractNo: 'HT-1', method: '承兑汇票' }),
        receipt({ amount: '999.00', date: '2026-03-26' }),
      ]),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        contractNo: 'HT-1',
        ordered: '1000.00',
        shipped: '600.00',
        invoiced: '600.00',
        received: '350.00',
        openToShip: '400.00',
        openToReceive: '250.00',
      }),
    ]);
  });
});

describe('the report', () => {
  const base = {
    month: M,
    orders: [],
    receipts: [],
    shipments: keyed('shipments', [
      ship({ deliveryNo: 'EX-1', amount: '100.00', currency: 'USD', shipDate: '2026-03-09' }),
      ship({ deliveryNo: 'CK-1', amount: '50.00', shipDate: '2026-03-09' }),
    ]),
    books: keyed('books', [book({ date: '2026-03-10', debit: '50.00', deliveryNo: 'CK-1' })]),
    ledgerVersions: { orders: null, shipments: 1, receipts: null, books: 1 },
    windowDays: 5,
    version: 1,
    runAt: '2026-04-01T18:00:00.000Z',
    runBy: 'timer',
    trigger: 'timer' as const,
    previous: null,
  };

  it('never drops USD: without a rate the CNY totals are withheld and a note says why', () => {
    const report = buildMonthEndReport({ ...base, rates: {} });
    expect(MonthEndReportSchema.safeParse(report).success).toBe(true);
    expect(report.reconciliation.cny).toEqual({
      ledgerTotal: null,
      booksTotal: null,
      difference: null,
      missingRates: ['USD'],
    });
    expect(report.notes.some((n) => n['en-US'].includes('no rate'))).toBe(true);
    const withRate = buildMonthEndReport({ ...base, rates: { USD: '7.1' } });
    expect(withRate.reconciliation.cny).toMatchObject({
      ledgerTotal: '760.00',
      booksTotal: '50.00',
      difference: '710.00',
    });
  });

  it('says what changed since the previous version', () => {
    const first = buildMonthEndReport({ ...base, rates: {} });
    const second = buildMonthEndReport({
      ...base,
      version: 2,
      rates: {},
      books: keyed('books', [
        book({ date: '2026-03-10', debit: '50.00', deliveryNo: 'CK-1' }),
        book({ date: '2026-03-10', debit: '100.00', deliveryNo: 'EX-1', currency: 'USD' }),
      ]),
      ledgerVersions: { ...base.ledgerVersions, books: 2 },
      previous: first,
    });
    expect(second.changes).toMatchObject({
      previousVersion: 1,
      ledgers: [{ kind: 'books', from: 1, to: 2 }],
      differencesAdded: [],
    });
    expect(second.changes!.differencesResolved).toHaveLength(1);
  });
});

describe('timer plan (China date, UTC schedule)', () => {
  const facts = (known: Record<string, { hasLedgers: boolean; hasReport: boolean }>) => (m: string) =>
    known[m] ?? { hasLedgers: false, hasReport: false };

  it('acts on the 1st, China time, for the month that just ended', () => {
    const f = facts({ '2026-03': { hasLedgers: true, hasReport: true } });
    expect(monthsDue(new Date('2026-03-31T18:00:00Z'), f)).toEqual(['2026-03']);
    expect(monthsDue(new Date('2026-03-31T15:59:00Z'), f)).toEqual([]);
    expect(monthsDue(new Date('2026-04-02T18:00:00Z'), f)).toEqual([]);
  });

  it('catches up a missed month that has ledgers but no report', () => {
    const f = facts({
      '2026-01': { hasLedgers: true, hasReport: false },
      '2026-02': { hasLedgers: true, hasReport: true },
    });
    expect(monthsDue(new Date('2026-03-09T18:00:00Z'), f)).toEqual(['2026-01']);
  });
});
