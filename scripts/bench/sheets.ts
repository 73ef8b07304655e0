/**
 * Bench: reading a 100,000-row × 15-column sales ledger grid the way the task pane does after a bulk
 * read: header detection, then typed rows with row-level problems (numbers as text, dates, subtotals).
 */
import { detectHeader, readLedger, type SheetGrid } from '../../addin/src/sheets';

/** The sales ledger's columns as the department heads them (the bench builds its own data, not test fixtures). */
const SALES_HEADER = [
  '日期',
  '合同号',
  '客户名称',
  '客户类别',
  '新老客户',
  '片区',
  '业务员',
  '产品型号',
  '产品类别',
  '数量',
  '单价',
  '金额',
  '币种',
  '交货期',
  '备注',
] as const;

export function ledgerGrid(rows: number): SheetGrid {
  const values: unknown[][] = [['2026年销售台账'], [], [...SALES_HEADER]];
  for (let i = 0; i < rows; i++) {
    const price = 1000 + (i % 977);
    const m = 1 + (i % 12);
    values.push([
      i % 3 === 0 ? `2026/${m}/${1 + (i % 28)}` : 46023 + (i % 360),
      `HT-2026-${String(i).padStart(6, '0')}`,
      `客户${i % 400}`,
      ['经销商', '重点客户', '终端客户'][i % 3],
      i % 7 === 0 ? '新客户' : '老客户',
      ['华东', '华中', '华南', '西南'][i % 4],
      `业务员${i % 15}`,
      `QJ${100 + (i % 37)}-50`,
      '潜水泵',
      i % 5 === 0 ? `${1 + (i % 9)}台` : 1 + (i % 9),
      i % 4 === 0 ? `¥${price.toLocaleString('en-US')}.00` : price,
      price * (1 + (i % 9)),
      'CNY',
      '',
      i % 50 === 0 ? '审批单号：SP-2026-001' : '',
    ]);
  }
  return { name: '销售台账', values };
}

export async function benchSheets() {
  const rows = 100_000;
  const grid = ledgerGrid(rows);
  const t0 = performance.now();
  const mapping = detectHeader(grid, 'salesLedger');
  const read = readLedger(grid, 'salesLedger', mapping, { defaultYear: 2026 });
  const ms = performance.now() - t0;
  return [
    {
      name: 'sheets: read 100,000-row ledger grid (detect + normalise)',
      rows,
      ms,
      note: `${read.rows.length} rows, ${read.problems.length} problems, ${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`,
    },
  ];
}
