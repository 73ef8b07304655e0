// 客户对账单 sheet spec from a real statement: opening row, lines with running balance, exact totals,
// aging, the confirmation block; English for a USD customer; a safe sheet name.
import { ReceiptRowSchema, ShipmentRowSchema } from '../../../functions/src/contract/monthEnd';
import { customerRebates, rateAsPercent } from '../../../functions/src/domain/rebates';
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

  it('heads the statement with the selling company, in the statement’s language', () => {
    const [s] = customerStatements({ customer: '华东水务', month: '2026-03', shipments, receipts });
    const company = { 'zh-CN': '湘江泵业有限公司', 'en-US': 'Xiangjiang Pumps Co., Ltd.' };
    expect(statementSheet(s!, 'zh-CN', company).title).toMatch(/^湘江泵业有限公司 客户对账单 华东水务 /);
    expect(statementSheet(s!, 'en-US', company).title).toMatch(
      /^Xiangjiang Pumps Co., Ltd. Customer statement/,
    );
    expect(statementSheet(s!, 'zh-CN').title).toMatch(/^客户对账单 /);
  });

  it('is in English for an export (USD) customer, with a safe sheet name', () => {
    const [s] = customerStatements({ customer: 'Nile/Pumps', month: '2026-03', shipments, receipts });
    const locale = statementLocale(s!, 'zh-CN');
    expect(locale).toBe('en-US');
    expect(statementSheet(s!, locale).tables[0]!.columns[0]!.header).toBe('Date');
    expect(statementSheetName(s!, locale)).toBe('Statement-Nile_Pumps-USD');
  });

  it('shows the rebate accrued this year, the tier and the volume to the next tier (CNY only)', () => {
    const tiers = [
      { threshold: '1000', rate: '0.01' },
      { threshold: '2000', rate: '0.025' },
    ];
    const of = (customer: string) =>
      customerStatements({
        customer,
        month: '2026-03',
        shipments,
        receipts,
        rebates: customerRebates({
          month: '2026-03',
          customer,
          tiers,
          policyVersion: 3,
          orders: [],
          shipments,
        }),
      });
    const [s] = of('华东水务');
    // 1,000 + 500 = 1,500 this year ≥ 1,000 → 1 % of all of it = 15.00; 500 more reaches 2.5 %.
    const zh = statementSheet(s!, 'zh-CN').tables.find((t) => t.caption?.startsWith('返点'));
    expect(zh!.columns.map((c) => c.header)).toEqual([
      '本年销量',
      '已达档位（起点）',
      '返点比例',
      '累计返点',
      '距下一档',
      '说明',
    ]);
    expect(zh!.rows).toEqual([[1500, 1000, '1%', 15, 500, '再发货 500.00 元可达 2.5% 档']]);
    const en = statementSheet(s!, 'en-US').tables.find((t) => t.caption?.startsWith('Rebate'));
    expect(en!.rows[0]![5]).toBe('500.00 yuan more reaches the 2.5% tier');
    // The confirmation block stays last.
    expect(statementSheet(s!, 'zh-CN').tables.at(-1)!.columns[0]!.header).toBe('客户确认');
    const [usd] = of('Nile/Pumps');
    expect(usd!.rebate).toBeNull();
    expect(statementSheet(usd!, 'en-US').tables.some((t) => t.caption?.startsWith('Rebate'))).toBe(false);
  });

  it('writes a rate as a percent without floating point', () => {
    expect([
      rateAsPercent('0.02'),
      rateAsPercent('0.025'),
      rateAsPercent('0.1'),
      rateAsPercent('0.0075'),
    ]).toEqual(['2%', '2.5%', '10%', '0.75%']);
  });
});
