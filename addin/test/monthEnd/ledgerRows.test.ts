/**
 * The month-end ledgers read from sheets: Finance's Kingdee-style export (借方/贷方, 金额 with 方向,
 * `USD 8,250.00`, 本月合计/本年累计 rows), returns kept, bad rows listed and left out; and the sample
 * workbook read exactly as samples/expected.json says.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { BookEntry, ReceiptRow, ShipmentRow } from '../../../functions/src/contract/monthEnd';
import { isAllowance } from '../../../functions/src/domain/receivables';
import {
  chooseLedgerSheets,
  detectLedger,
  ledgerFit,
  maturityIn,
  minorToDecimal,
  missingLedgerColumns,
  monthsOf,
  readBookAmount,
  readLedgerSheet,
  readReceiptMethod,
  rowsOfMonth,
} from '../../src/monthEnd/ledgerRows';
import type { SheetGrid } from '../../src/sheets';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';

const grid = (name: string, values: unknown[][]): SheetGrid => ({ name, values });

describe('small readers', () => {
  it('writes minor units as exact decimal yuan', () => {
    expect(minorToDecimal(123456)).toBe('1234.56');
    expect(minorToDecimal(-38050)).toBe('-380.50');
    expect(minorToDecimal(5)).toBe('0.05');
    expect(minorToDecimal(0)).toBe('0.00');
  });

  it('reads a books amount with its currency', () => {
    expect(readBookAmount('USD 8,250.00')).toEqual({ ok: true, minor: 825000, currency: 'USD' });
    expect(readBookAmount('-1,200.50')).toEqual({ ok: true, minor: -120050, currency: null });
    expect(readBookAmount('¥3,600')).toEqual({ ok: true, minor: 360000, currency: 'CNY' });
    expect(readBookAmount(12.3)).toEqual({ ok: true, minor: 1230, currency: null });
    expect(readBookAmount('')).toEqual({ ok: true, minor: null, currency: null });
    expect(readBookAmount('abc').ok).toBe(false);
  });

  it('reads 方式 and a bill maturity', () => {
    expect(readReceiptMethod('银行承兑汇票')).toBe('承兑汇票');
    expect(readReceiptMethod('电汇')).toBe('电汇');
    expect(readReceiptMethod('T/T')).toBe('电汇');
    expect(readReceiptMethod(null)).toBe('电汇');
    expect(readReceiptMethod('现金')).toBe('现金');
    expect(readReceiptMethod('以货抵款')).toBeNull();
    expect(maturityIn('银行承兑汇票 到期日2026-9-30')).toBe('2026-09-30');
    expect(maturityIn('货款')).toBeNull();
  });
});

describe("Finance's books (应收账款明细账)", () => {
  const books = grid('应收明细', [
    ['应收账款明细账'],
    ['期间：2026年3月'],
    ['日期', '凭证字号', '往来单位', '摘要', '发票号', '借方金额', '贷方金额'],
    ['2026-03-05', '记-0108', '华东水泵经销有限公司', '销售发出', '26432000000000000001', '12,800.00', ''],
    ['2026/3/9', '记-0112', 'Nile Agro Machinery Co.', '出口销售', 'CI26-0001', 'USD 8,250.00', ''],
    [
      '2026-03-20',
      '记-0140',
      '华东水泵经销有限公司',
      '销售退货 红字发票',
      '26432000000000000002',
      '-1,280.00',
      '',
    ],
    ['2026-03-25', '记-0150', '华东水泵经销有限公司', '收到货款', '', '', '10,000.00'],
    ['2026-03-26', '记-0151', '', '销售发出', '', '12.00', ''],
    ['2026-03-27', '记-0152', '华东水泵经销有限公司', '销售发出', '', 'abc', ''],
    ['', '', '', '本月合计', '', '19,770.00', '10,000.00'],
    ['', '', '', '本年累计', '', '52,000.00', '30,000.00'],
  ]);

  it('maps the export columns and keeps returns, skips 本月合计/本年累计', () => {
    const mapping = detectLedger('books', books);
    expect(mapping.headerExcelRow).toBe(3);
    expect(missingLedgerColumns('books', mapping)).toEqual([]);
    const read = readLedgerSheet('books', books, mapping);
    const rows = read.rows as BookEntry[];
    expect(rows.map((r) => [r.source.row, r.debit, r.credit, r.currency])).toEqual([
      [4, '12800.00', null, 'CNY'],
      [5, '8250.00', null, 'USD'],
      [6, '-1280.00', null, 'CNY'],
      [7, null, '10000.00', 'CNY'],
    ]);
    expect(rows[0]).toMatchObject({ voucherNo: '记-0108', date: '2026-03-05', summary: '销售发出' });
    expect(read.skippedRows).toEqual(expect.arrayContaining([10, 11]));
    // Row 8 has no customer, row 9 a debit that is no amount: listed with their cells, left out.
    expect(read.problems.map((p) => p.cell)).toEqual(['C8', 'F9']);
    expect(read.problems.every((p) => p.sheet === '应收明细')).toBe(true);
  });

  it('reads 金额 with 方向', () => {
    const g = grid('余额表', [
      ['日期', '凭证号', '客户', '摘要', '方向', '金额'],
      ['2026-03-05', '记-1', '甲公司', '销售', '借', '100.00'],
      ['2026-03-06', '记-2', '甲公司', '收款', '贷', '60.00'],
      ['2026-03-07', '记-3', '甲公司', '调整', '平', '1.00'],
    ]);
    const read = readLedgerSheet('books', g, detectLedger('books', g));
    expect((read.rows as BookEntry[]).map((r) => [r.debit, r.credit])).toEqual([
      ['100.00', null],
      [null, '60.00'],
    ]);
    expect(read.problems.map((p) => p.cell)).toEqual(['E4']);
  });

  it('says which column is missing', () => {
    const g = grid('x', [
      ['日期', '往来单位', '摘要'],
      ['2026-03-05', '甲公司', '销售'],
    ]);
    expect(missingLedgerColumns('books', detectLedger('books', g))).toEqual(['debit']);
  });
});

describe('shipment ledger', () => {
  const g = grid('发货台账', [
    ['2026年销售发货台账'],
    [
      '发货日期',
      '出库单号',
      '合同号',
      '客户名称',
      '产品型号',
      '数量',
      '单价',
      '金额',
      '发票号',
      '币种',
      '原币金额',
    ],
    ['2026-03-05', 'CK-1', 'HT-1', '甲公司', 'QJ200', 2, 1000, 2000, 'F-1', '', ''],
    ['2026-03-06', 'CK-2', 'HT-1', '甲公司', 'QJ200', -1, 1000, -1000, '', '', ''],
    ['2026-03-07', 'CK-3', 'HT-2', 'Nile Agro', 'QJ200', 1, 7100, 7100, 'CI-1', 'USD', 1000],
    ['2026-04-01', '', 'HT-3', '乙公司', 'QJ200', 1, 1000, 1000, '', '', ''],
    ['小计', '', '', '', '', 3, '', 9100, '', '', ''],
  ]);

  it('keeps a return, reconciles an export line in its own currency, lists a row without 出库单号', () => {
    const read = readLedgerSheet('shipments', g, detectLedger('shipments', g));
    const rows = read.rows as ShipmentRow[];
    expect(rows.map((r) => [r.deliveryNo, r.qty, r.amount, r.currency])).toEqual([
      ['CK-1', 2, '2000.00', 'CNY'],
      ['CK-2', -1, '-1000.00', 'CNY'],
      ['CK-3', 1, '1000.00', 'USD'],
    ]);
    expect(rows[0]?.invoiceNo).toBe('F-1');
    expect(rows[1]?.invoiceNo).toBeNull();
    expect(read.problems.map((p) => [p.row, p.field])).toEqual([[6, 'deliveryNoteNo']]);
    expect(monthsOf('shipments', rows)).toEqual(['2026-03']);
    expect(rowsOfMonth('shipments', rows, '2026-03')).toHaveLength(3);
  });
});

// ── The sample workbook ──────────────────────────────────────────────────────────────────────────

interface MonthTruth {
  ledgerRows: number;
  booksEntries: number;
  byCurrency: Record<'CNY' | 'USD', { ledgerMinor: number; booksMinor: number }>;
  usdEntries: { booksRow: number; usdCents: number }[];
}
interface Expected {
  counts: {
    shipmentLines: number;
    returnLines: number;
    allowanceLines: number;
    salesLines: number;
    receiptLines: number;
    namedReceipts: number;
    usdReceipts: number;
  };
  monthEnd: { sheet: string; months: string[]; notEntryRows: number[]; perMonth: Record<string, MonthTruth> };
}

const root = join(__dirname, '..', '..', '..');
const expected = JSON.parse(readFileSync(join(root, 'samples', 'expected.json'), 'utf8')) as Expected;
const fen = (text: string | null | undefined): number => {
  if (!text) return 0;
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  const v = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return text.startsWith('-') ? -v : v;
};

describe('the sample workbook', () => {
  let wb: MemoryWorkbook;
  beforeAll(async () => {
    wb = await MemoryWorkbook.fromXlsx(readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx')), {
      pause: () => Promise.resolve(),
    });
  });

  it("reads Finance's books: every entry of both months, the totals per currency, nothing else", async () => {
    const g = await wb.readSheet(expected.monthEnd.sheet, { numberFormats: true });
    const mapping = detectLedger('books', g);
    expect(mapping.unsure).toEqual([]);
    const read = readLedgerSheet('books', g, mapping);
    expect(read.problems).toEqual([]);
    expect(read.skippedRows).toEqual(expect.arrayContaining(expected.monthEnd.notEntryRows.slice(1)));
    const rows = read.rows as BookEntry[];
    for (const month of expected.monthEnd.months) {
      const truth = expected.monthEnd.perMonth[month] as MonthTruth;
      const of = rowsOfMonth('books', rows, month);
      expect(of).toHaveLength(truth.booksEntries);
      for (const currency of ['CNY', 'USD'] as const)
        expect(of.filter((r) => r.currency === currency).reduce((t, r) => t + fen(r.debit), 0)).toBe(
          truth.byCurrency[currency].booksMinor,
        );
      for (const u of truth.usdEntries)
        expect(of.find((r) => r.source.row === u.booksRow)).toMatchObject({
          currency: 'USD',
          debit: minorToDecimal(u.usdCents),
        });
    }
  });

  it('reads the shipment ledger: every shipment, export lines in USD, totals per month exact', async () => {
    const g = await wb.readSheet('发货台账', { numberFormats: true });
    const read = readLedgerSheet('shipments', g, detectLedger('shipments', g));
    // The one #N/A amount is listed and left out; every other shipment is read.
    expect(read.problems.map((p) => p.field).sort()).toEqual(['amount', 'unitPrice']);
    // Plus the 退货 and 折让 lines (negative, after May).
    const c = expected.counts;
    expect(read.rows).toHaveLength(c.shipmentLines + c.returnLines + c.allowanceLines - 1);
    const rows = read.rows as ShipmentRow[];
    for (const month of expected.monthEnd.months) {
      const truth = expected.monthEnd.perMonth[month] as MonthTruth;
      const of = rowsOfMonth('shipments', rows, month);
      expect(of).toHaveLength(truth.ledgerRows);
      for (const currency of ['CNY', 'USD'] as const)
        expect(of.filter((r) => r.currency === currency).reduce((t, r) => t + fen(r.amount), 0)).toBe(
          truth.byCurrency[currency].ledgerMinor,
        );
    }
  });

  it('finds the sheet of each ledger, though a 销售台账 would pass for receipts or books too', async () => {
    const names = (await wb.listSheets()).map((s) => s.name);
    const grids = new Map(
      await Promise.all(names.map(async (n) => [n, await wb.readSheet(n, { maxRows: 30 })] as const)),
    );
    const fit = (kind: Parameters<typeof ledgerFit>[0], sheet: string) => ledgerFit(kind, grids.get(sheet)!);
    expect(fit('books', '销售台账')).toBeGreaterThan(0); // why the best fit decides, not the first
    for (const active of ['销售台账', '发货台账', '价格政策'])
      expect(chooseLedgerSheets(names, active, fit)).toEqual({
        orders: '销售台账',
        shipments: '发货台账',
        receipts: '回款台账',
        books: expected.monthEnd.sheet,
        // The fifth, optional ledger: the sample's 期初余额 (headers 客户名称/币种/期初余额/截至日期).
        openings: '期初余额',
      });
  });

  it('reads the sales ledger and the receipts', async () => {
    const orders = await wb.readSheet('销售台账', { numberFormats: true });
    const o = readLedgerSheet('orders', orders, detectLedger('orders', orders));
    // Lines whose price is unreadable still have 金额 or not: every line is either read or listed.
    expect(o.rows.length + new Set(o.problems.map((p) => p.row)).size).toBeGreaterThanOrEqual(
      expected.counts.salesLines,
    );
    const receipts = await wb.readSheet('回款台账', { numberFormats: true });
    const r = readLedgerSheet('receipts', receipts, detectLedger('receipts', receipts));
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(expected.counts.receiptLines);
    expect(r.rows.some((x) => x.method === '承兑汇票' && x.maturityDate !== null)).toBe(true);
  });

  it('reads what month-end II needs: returns and allowances apart, named receipts, export receipts in USD', async () => {
    const g = await wb.readSheet('发货台账', { numberFormats: true });
    const ships = readLedgerSheet('shipments', g, detectLedger('shipments', g)).rows as ShipmentRow[];
    const negative = ships.filter((s) => s.amount.startsWith('-'));
    // The domain's own test of 折让 vs 退货 on the rows as the pane reads them.
    expect(negative.filter((s) => isAllowance(s))).toHaveLength(expected.counts.allowanceLines);
    expect(negative.filter((s) => !isAllowance(s))).toHaveLength(expected.counts.returnLines);
    for (const s of negative.filter((x) => !isAllowance(x))) {
      expect(s.qty).toBeLessThan(0);
      expect(s.note).toMatch(/^退货/);
    }
    const rg = await wb.readSheet('回款台账', { numberFormats: true });
    const receipts = readLedgerSheet('receipts', rg, detectLedger('receipts', rg)).rows as ReceiptRow[];
    expect(receipts.filter((r) => r.invoiceNo || r.contractNo)).toHaveLength(expected.counts.namedReceipts);
    const usd = receipts.filter((r) => r.currency === 'USD');
    expect(usd).toHaveLength(expected.counts.usdReceipts);
    // 金额 is in 元 beside it; the row carries the dollars (remark `T/T USD 1,234.00` says the same).
    for (const r of usd.filter((x) => /^T\/T USD [\d,.]+$/.test(x.note ?? '')))
      expect(fen(r.amount)).toBe(fen((r.note ?? '').replace(/^T\/T USD /, '').replace(/,/g, '')));
  });
});
