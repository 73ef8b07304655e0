import { MONEY_PATTERN, parseLedgerRows } from '../../src/contract/monthEnd';

describe('month-end contract: ledger rows', () => {
  it('accepts money only as decimal yuan to the fen', () => {
    for (const ok of ['0', '12500.00', '-380.5', '1234567890123.99'])
      expect(MONEY_PATTERN.test(ok)).toBe(true);
    for (const bad of ['1.005', '¥12', '1,200', '1e3', '', '12.', '--1'])
      expect(MONEY_PATTERN.test(bad)).toBe(false);
  });

  it('names sheet, row, column, what was expected and what was found for every bad row', () => {
    const result = parseLedgerRows('receipts', [
      {
        date: '2026-03-02',
        customer: '华东水务',
        amount: '100.00',
        method: '电汇',
        source: { sheet: '回款台账', row: 5 },
      },
      {
        date: '2026-03-02',
        customer: '华东水务',
        amount: '100.00',
        method: '支票',
        source: { sheet: '回款台账', row: 6 },
      },
      {
        date: '2026-03-02',
        customer: '',
        amount: '100.00',
        method: '现金',
        source: { sheet: '回款台账', row: 7 },
      },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.index, e.field, e.source?.row])).toEqual([
      [1, 'method', 6],
      [2, 'customer', 7],
    ]);
    expect(result.errors[0]!.message['zh-CN']).toBe(
      '回款台账 第6行，方式：应为电汇、承兑汇票或现金，实为 "支票"',
    );
    expect(result.errors[1]!.message['en-US']).toContain('回款台账 row 7, customer: expected non-empty text');
  });

  it('needs a debit or a credit on a book entry, and defaults the currency to CNY', () => {
    const base = { date: '2026-03-02', customer: '华东水务', source: { sheet: '财务账', row: 9 } };
    const none = parseLedgerRows('books', [base]);
    expect(none.ok).toBe(false);
    const ok = parseLedgerRows('books', [{ ...base, credit: '50.00' }]);
    expect(ok.ok && ok.rows[0]!.currency).toBe('CNY');
  });
});
