// 客户对账单 sheet spec from a real statement: opening row, lines with running balance, exact totals,
// aging, the confirmation block; English for a USD customer; a safe sheet name.
import { ReceiptRowSchema, ShipmentRowSchema } from '../../../functions/src/contract/monthEnd';
import { customerStatements } from '../../../functions/src/domain/receivables';
import { statementLocale, statementSheet, statementSheetName } from '../../src/receivables';
import { WorkbookModel } from '../../src/workbook/memoryModel';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';

const src = { sheet: '发货台账', row: 3 };
const shipments = [
  ShipmentRowSchema.parse({
    shipDate: '2026-02-10',
    deliveryNo: 'CK-1',
    customer: '华东水务',
    model: 'QJ',
    qty: 1,
    amount: '1000.00',
    source: src,
  }),
  ShipmentRowSchema.parse({
    shipDate: '2026-03-05',
    deliveryNo: 'CK-2',
    customer: '华东水务',
    model: 'QJ',
    qty: 2,
    amount: '500.00',
    source: src,
  }),
  ShipmentRowSchema.parse({
    shipDate: '2026-03-06',
    deliveryNo: 'EX-1',
    customer: 'Nile/Pumps',
    model: 'QJ',
    qty: 1,
    amount: '99.50',
    currency: 'USD',
    source: src,
  }),
];
const receipts = [
  ReceiptRowSchema.parse({
    date: '2026-03-20',
    customer: '华东水务',
    amount: '300.00',
    method: '承兑汇票',
    billNo: 'CD-1',
    maturityDate: '2026-09-20',
    source: { sheet: '回款台账', row: 3 },
  }),
];

describe('statementSheet', () => {
  it('writes opening, lines with running balance, totals, aging and the confirmation block', async () => {
    const [s] = customerStatements({ customer: '华东水务', month: '2026-03', shipments, receipts });
    const spec = statementSheet(s!, statementLocale(s!, 'zh-CN'));
    const [lines, aging, confirm] = spec.tables;
    expect(lines!.rows.map((r) => [r[1], r[8]])).toEqual([
      ['期初余额', 1000],
      ['发货', 1500],
      ['回款（承兑汇票，到期 2026-09-20）', 1200],
    ]);
    expect(lines!.totals!.slice(6)).toEqual([500, 300, 1200]);
    // Each line fills one side only: the other stays blank on the printed statement.
    for (const r of lines!.rows.slice(1)) expect([r[6], r[7]].filter((v) => v === null)).toHaveLength(1);
    expect(aging!.rows[0]!.reduce<number>((t, v) => t + Number(v), 0)).toBe(1200);
    expect(confirm!.columns.map((c) => c.header)).toEqual(['客户确认', '盖章', '日期']);
    const wb = new MemoryWorkbook(new WorkbookModel(), { pause: () => Promise.resolve() });
    const written = await wb.writeResultSheet(statementSheetName(s!, 'zh-CN'), spec);
    expect(written.name).toBe('对账单-华东水务');
  });

  it('is in English for an export (USD) customer, with a safe sheet name', () => {
    const [s] = customerStatements({ customer: 'Nile/Pumps', month: '2026-03', shipments, receipts });
    const locale = statementLocale(s!, 'zh-CN');
    expect(locale).toBe('en-US');
    expect(statementSheet(s!, locale).tables[0]!.columns[0]!.header).toBe('Date');
    expect(statementSheetName(s!, locale)).toBe('Statement-Nile_Pumps-USD');
  });
});
