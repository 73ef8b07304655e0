// The 应收账龄 and 业务员考核 sheet specs from real domain answers, written into the in-memory workbook:
// money to the fen from the API's exact text, rates as %, formulas and notes written under the tables.
import type { ReceivablesResponse } from '../../../functions/src/contract/receivables';
import { ReceiptRowSchema, ShipmentRowSchema } from '../../../functions/src/contract/monthEnd';
import { computeReceivables } from '../../../functions/src/domain/receivables';
import { buildScorecard } from '../../../functions/src/domain/scorecard';
import { agingSheet, scorecardSheet } from '../../src/receivables';
import { WorkbookModel } from '../../src/workbook/memoryModel';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';

const immediate = () => Promise.resolve();
const src = { sheet: '发货台账', row: 3 };
const shipments = [
  ShipmentRowSchema.parse({
    shipDate: '2026-01-10',
    deliveryNo: 'CK-1',
    customer: '华东水务',
    rep: '张伟',
    region: '华东',
    model: 'QJ',
    qty: 1,
    amount: '1000.10',
    source: src,
  }),
  ShipmentRowSchema.parse({
    shipDate: '2026-03-10',
    deliveryNo: 'CK-2',
    customer: '华东水务',
    rep: '张伟',
    region: '华东',
    model: 'QJ',
    qty: 1,
    amount: '0.20',
    source: src,
  }),
];
const receipts = [
  ReceiptRowSchema.parse({
    date: '2026-03-15',
    customer: '华东水务',
    amount: '500.00',
    method: '电汇',
    source: { sheet: '回款台账', row: 3 },
  }),
];
const answer: ReceivablesResponse = {
  ...computeReceivables({ asOf: '2026-03-31', shipments, receipts }),
  monthsRead: { shipments: ['2026-01', '2026-03'], receipts: ['2026-03'] },
  notes: [{ 'zh-CN': '期初余额按 0 计', 'en-US': 'Opening balances are zero' }],
};

describe('agingSheet', () => {
  it('writes one row per customer with the balance identity and buckets, totals per currency', async () => {
    const spec = agingSheet(answer, 'zh-CN');
    expect(spec.title).toBe('应收账款及账龄（截至 2026-03-31；按发货日期计算账龄）');
    expect(spec.tables[0]!.columns.map((c) => c.header)).toEqual([
      '客户名称',
      '币种',
      '业务员',
      '片区',
      '期初余额',
      '发货',
      '回款',
      '退货',
      '折让',
      '期末余额',
      '0–30天',
      '31–60天',
      '61–90天',
      '91–180天',
      '181–365天',
      '365天以上',
      '其中未到期承兑汇票',
    ]);
    const wb = new MemoryWorkbook(new WorkbookModel(), { pause: immediate });
    const written = await wb.writeResultSheet('应收账龄', spec);
    const row = written.tables[0]!.firstDataRow;
    // Closing 500.30: 0.20 in 0–30, 500.10 of CK-1 in 61–90.
    expect(wb.cellView('应收账龄', row, 9)).toMatchObject({ value: 500.3, numberFormat: '#,##0.00' });
    expect(wb.cellView('应收账龄', row, 10)).toMatchObject({ value: 0.2 });
    expect(wb.cellView('应收账龄', row, 12)).toMatchObject({ value: 500.1 });
    expect(agingSheet(answer, 'en-US').tables[0]!.columns[9]!.header).toBe('Closing');
  });
});

describe('scorecardSheet', () => {
  it('writes reps and regions for month and YTD, rates as %, and the formulas', async () => {
    const card = buildScorecard({
      month: '2026-03',
      basis: 'shipments',
      plan: null,
      orders: [],
      shipments,
      receipts,
    });
    const spec = scorecardSheet(card, 'zh-CN');
    const wb = new MemoryWorkbook(new WorkbookModel(), { pause: immediate });
    const written = await wb.writeResultSheet('业务员考核', spec);
    const row = written.tables[0]!.firstDataRow;
    expect(wb.cellView('业务员考核', row, 0)).toMatchObject({ value: '张伟' });
    // March: 500 ÷ (opening 1000.10 + 0.20) = 0.49985… → 0.4999, shown as %.
    expect(wb.cellView('业务员考核', row, 5)).toMatchObject({ value: 0.4999, numberFormat: '0.00%' });
    expect(spec.tables[0]!.rows[0]![12]).toContain('没有已发布的计划');
    expect(spec.tables[2]!.rows.map((r) => r[0])).toContain('回款率 = 期间回款 ÷ (期初应收 + 期间发货)');
  });
});
