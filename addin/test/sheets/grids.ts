// Hand-made grids shaped like the sheets in /tmp/layouts.md (the sample workbook's layouts).
import type { SheetGrid } from '../../src/sheets';

/** The 销售台账 header as the sample workbook has it (15 columns); tests, fixtures and the bench share it. */
export const SALES_HEADER = [
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
];

/** One sales-ledger data row with sensible defaults, overridable by header. */
export function salesRow(over: Partial<Record<string, unknown>> = {}): unknown[] {
  const base: Record<string, unknown> = {
    日期: 46086, // 2026-03-05
    合同号: 'HT-2026-001',
    客户名称: '华东水泵经销有限公司',
    客户类别: '经销商',
    新老客户: '老客户',
    片区: '华东',
    业务员: '张三',
    产品型号: 'QJ200-50',
    产品类别: '潜水泵',
    数量: 10,
    单价: 1200,
    金额: 12000,
    币种: '人民币',
    交货期: '2026-04-01',
    备注: '',
  };
  return SALES_HEADER.map((h) => (h in over ? over[h] : base[h]));
}

const blank = (): string[] => SALES_HEADER.map(() => '');

/**
 * 销售台账 as the clerk keeps it: merged title (row 1), a note (row 2), the header (row 3), data
 * with a 小计 after March, a blank row, a hidden row, and 合计 at the bottom.
 */
export function salesLedger(): SheetGrid {
  const values: unknown[][] = [
    ['2026年销售台账', ...blank().slice(1)],
    ['制表：销售内勤  单位：元（含税）', ...blank().slice(1)],
    [...SALES_HEADER],
    salesRow(), // row 4
    salesRow({
      日期: '2026/3/12',
      客户名称: '  北方机电设备公司　',
      新老客户: '新客户',
      数量: '５台',
      单价: '¥1,150.00',
      金额: '5,750',
    }), // row 5
    salesRow({ 日期: '3月20日', 单价: '#N/A', 金额: '#N/A', 备注: '审批单号：SP-2026-001' }), // row 6
    ['3月小计', ...blank().slice(1, 9), 15, '', 29750, '', '', ''], // row 7
    blank(), // row 8
    salesRow({ 日期: '2026年4月2日', 产品型号: 'ＱＪ２００－５０', 单价: '1.2万', 金额: '12万' }), // row 9
    salesRow({ 日期: '2026-02-30', 数量: 'abc' }), // row 10 (bad date and qty)
    salesRow({ 客户名称: '隐藏的客户' }), // row 11 (hidden)
    ['4月小计', ...blank().slice(1)], // row 12
    ['合计', ...blank().slice(1)], // row 13
  ];
  return {
    name: '销售台账',
    values,
    hiddenRows: new Set([10]),
    merges: [{ row: 0, col: 0, rowCount: 1, colCount: SALES_HEADER.length }],
  };
}

/** 价格政策: title, 增值税率/生效日期 pairs, then three blocks under 【…】 markers. */
export function pricePolicy(): SheetGrid {
  return {
    name: '价格政策',
    values: [
      ['2026年价格政策（含税价，单位：元）'],
      ['增值税率', '13%', '生效日期', '2026-01-01'],
      [],
      ['【产品价格】'],
      ['产品型号', '产品名称', '产品类别', '单位', '指导价', '最低限价', '美元指导价'],
      ['QJ200-50', '潜水泵 QJ200-50', '潜水泵', '台', 1500, 1200, ''],
      ['IS80-65-160', '离心泵 IS80', '离心泵', '台', '2,800.00', '2,300', '420'],
      [],
      ['【折扣上限】'],
      ['客户类别', '老客户折扣上限', '新客户折扣上限'],
      ['经销商', '15%', '10%'],
      ['终端客户', 0.08, '５％'],
      [],
      ['【价格规则】'],
      [
        '规则编号',
        '优先级',
        '产品范围',
        '客户范围',
        '最小数量',
        '最大数量',
        '生效日期',
        '失效日期',
        '规则类型',
        '数值',
        '说明',
      ],
      [
        'R-001',
        1,
        '全部',
        '类别:经销商',
        '',
        '',
        '2026-01-01',
        '2026-12-31',
        '追加折扣',
        '2%',
        '年度经销商政策',
      ],
      ['R-002', 2, '型号:QJ200-50', '客户:某某公司', 50, '', '2026-03-01', '', '固定价', 1100, ''],
    ],
  };
}
