// Hand-made 价格政策 sheets in the layout of /tmp/layouts.md, for the reader's tests.
import type { SheetGrid } from '../../src/sheets';

export const PRODUCT_HEADER = [
  '产品型号',
  '产品名称',
  '产品类别',
  '单位',
  '指导价',
  '最低限价',
  '美元指导价',
];
export const CAP_HEADER = ['客户类别', '老客户折扣上限', '新客户折扣上限'];
export const RULE_HEADER = [
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
];

export const REBATE_HEADER = ['客户类别', '新老客户', '年度销量起点', '返点比例'];
export const CREDIT_HEADER = ['客户名称', '币种', '信用额度'];

export interface PolicyGridParts {
  settings?: unknown[] | null;
  products?: unknown[][] | null;
  caps?: unknown[][] | null;
  rules?: unknown[][] | null;
  /** 【返点政策】 rows after the rules (absent unless given). */
  rebates?: unknown[][] | null;
  /** 【信用额度】 rows after the rebates (absent unless given). */
  credit?: unknown[][] | null;
  hiddenRows?: number[];
  /** Number formats by Excel row → column index. */
  formats?: Record<number, Record<number, string>>;
}

export const DEFAULT_PRODUCTS: unknown[][] = [
  ['QJ200-50', '井用潜水泵', '潜水泵', '台', 18600, 13020, ''],
  ['IS80-65-160', '清水离心泵', '离心泵', '台', 3150, 2210, 460],
];
export const DEFAULT_CAPS: unknown[][] = [
  ['经销商', '18%', '15%'],
  ['终端客户', '8%', '5%'],
];
export const DEFAULT_RULES: unknown[][] = [
  [
    'R-01',
    90,
    '型号:QJ200-50',
    '全部',
    '',
    '',
    '2026-01-01',
    '2026-12-31',
    '固定价',
    15800,
    '统一最低成交价',
  ],
];

/**
 * Row 1 title, row 2 settings, row 3 blank, then 【产品价格】 + header + products, a blank row,
 * 【折扣上限】 + header + caps, a blank row, 【价格规则】 + header + rules. `null` leaves a block out.
 */
export function policyGrid(parts: PolicyGridParts = {}): SheetGrid {
  const values: unknown[][] = [['2026年价格政策（含税价，单位：元）']];
  values.push(
    parts.settings === undefined ? ['增值税率', '13%', '生效日期', '2026-01-01'] : (parts.settings ?? []),
  );
  values.push([]);
  const products = parts.products === undefined ? DEFAULT_PRODUCTS : parts.products;
  if (products) values.push(['【产品价格】'], PRODUCT_HEADER, ...products, []);
  const caps = parts.caps === undefined ? DEFAULT_CAPS : parts.caps;
  if (caps) values.push(['【折扣上限】'], CAP_HEADER, ...caps, []);
  const rules = parts.rules === undefined ? DEFAULT_RULES : parts.rules;
  if (rules) values.push(['【价格规则】'], RULE_HEADER, ...rules);
  if (parts.rebates) values.push([], ['【返点政策】'], REBATE_HEADER, ...parts.rebates);
  if (parts.credit) values.push([], ['【信用额度】'], CREDIT_HEADER, ...parts.credit);
  const grid: SheetGrid = { name: '价格政策', values };
  if (parts.hiddenRows) grid.hiddenRows = new Set(parts.hiddenRows.map((r) => r - 1));
  if (parts.formats) {
    grid.numberFormats = values.map((row, r) => row.map((_, c) => parts.formats?.[r + 1]?.[c] ?? 'General'));
  }
  return grid;
}

/** Excel rows of the default layout: products start at 6, caps header row follows them. */
export const FIRST_PRODUCT_ROW = 6;
export function firstCapRow(productCount = DEFAULT_PRODUCTS.length): number {
  return FIRST_PRODUCT_ROW + productCount + 3;
}
export function firstRuleRow(productCount = DEFAULT_PRODUCTS.length, capCount = DEFAULT_CAPS.length): number {
  return firstCapRow(productCount) + capCount + 3;
}
