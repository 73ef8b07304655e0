// Finding and reading one block of the policy sheet (【产品价格】, 【折扣上限】, 【价格规则】): its
// marker, its header (the ledgers' header detection), its rows; missing columns, hidden rows and
// note rows are dealt with here.
import {
  detectHeader,
  findBlock,
  readLedger,
  type HeaderMapping,
  type LedgerKind,
  type LedgerRead,
  type SheetBlock,
  type SheetGrid,
} from '../sheets';
import type { Bilingual } from '../i18n/locale';
import { cellFromAddress } from './locate';
import { bi, cellOf, rowList, type Problems } from './problems';

interface BlockRead<K extends LedgerKind> {
  block: SheetBlock;
  mapping: HeaderMapping<K>;
  read: LedgerRead<K>;
}

/** The policy sheet's blocks. */
export type PolicyBlockKind =
  'pricePolicyProducts' | 'discountCaps' | 'priceRules' | 'rebateTiers' | 'creditLimits';

const BLOCK_LABEL: Record<PolicyBlockKind, Bilingual> = {
  pricePolicyProducts: bi('【产品价格】', '【产品价格】 (product prices)'),
  discountCaps: bi('【折扣上限】', '【折扣上限】 (discount caps)'),
  priceRules: bi('【价格规则】', '【价格规则】 (price rules)'),
  rebateTiers: bi('【返点政策】', '【返点政策】 (rebate tiers)'),
  creditLimits: bi('【信用额度】', '【信用额度】 (credit limits)'),
};

/** Columns a block may lack without it being a problem (the contract makes them optional). */
const OPTIONAL_COLUMNS = new Set(['floorPrice']);

export function readBlock<K extends PolicyBlockKind>(
  grid: SheetGrid,
  kind: K,
  problems: Problems,
): BlockRead<K> | null {
  const block = findBlock(grid, kind);
  if (!block) return null;
  const marker = cellFromAddress(grid.name, block.markerCell);
  const label = BLOCK_LABEL[kind];
  const mapping = detectHeader(block.grid, kind, { searchRows: 5 });
  if (mapping.headerRow === null) {
    problems.atCell(
      'no_header',
      marker,
      label['zh-CN'],
      bi(
        `区块标记下方找不到表头行，应为 ${headerExample(kind)['zh-CN']}`,
        `no header row under the block marker; expected ${headerExample(kind)['en-US']}`,
      ),
    );
    return null;
  }
  const missing = mapping.missing.filter((f) => !OPTIONAL_COLUMNS.has(f));
  if (missing.length > 0) {
    const headerRow = mapping.headerExcelRow ?? marker?.row ?? 1;
    const names = missing.map((f) => fieldLabel(kind, f));
    problems.atCell(
      'missing_column',
      cellOf(grid.name, headerRow, block.grid.startCol ?? 0),
      label['zh-CN'],
      bi(
        `表头缺少必需的列：${names.map((n) => n['zh-CN']).join('、')}`,
        `the header lacks required columns: ${names.map((n) => n['en-US']).join(', ')}`,
      ),
    );
  }
  const read = withoutNoteRows(
    readLedger(block.grid, kind, mapping, { includeHidden: true }),
    KEY_FIELD[kind],
  );
  const hidden = block.grid.hiddenRows;
  const hiddenRead = hidden ? read.rows.map((r) => r.sheetRow).filter((r) => hidden.has(r - 1)) : [];
  if (hiddenRead.length > 0) {
    const rows = rowList(hiddenRead);
    problems.atCell(
      'hidden_rows',
      cellOf(grid.name, hiddenRead[0] ?? 1, block.grid.startCol ?? 0),
      label['zh-CN'],
      bi(
        `${rows['zh-CN']}是隐藏行，但仍算作价格政策的一部分；不要的行请删除`,
        `${rows['en-US']} ${hiddenRead.length > 1 ? 'are' : 'is'} hidden but still part of the policy; delete rows you do not want`,
      ),
      'warning',
    );
  }
  return { block, mapping, read };
}

/** The column whose cell starts a row: a note typed there (`注：价格均含税`) is not a product, class or rule. */
const KEY_FIELD = {
  pricePolicyProducts: 'model',
  discountCaps: 'customerClass',
  priceRules: 'ruleId',
  rebateTiers: 'customerClass',
  creditLimits: 'customer',
} as const;

const NOTE_RE = /^\s*(?:注|备注|说明|附注|note|remark)s?\s*[:：]/i;

/** Leaves out rows that are notes under a block, with whatever their empty cells were reported for. */
function withoutNoteRows<K extends LedgerKind>(read: LedgerRead<K>, keyField: string): LedgerRead<K> {
  const notes = new Set<number>();
  for (const row of read.rows) {
    const key = (row.values as Record<string, unknown>)[keyField];
    if (typeof key === 'string' && NOTE_RE.test(key)) notes.add(row.sheetRow);
  }
  if (notes.size === 0) return read;
  return {
    ...read,
    rows: read.rows.filter((r) => !notes.has(r.sheetRow)),
    problems: read.problems.filter((p) => !notes.has(p.row)),
  };
}

function fieldLabel(kind: LedgerKind, field: string): Bilingual {
  return HEADER_NAMES[kind]?.[field] ?? bi(field, field);
}

const HEADER_NAMES: Partial<Record<LedgerKind, Record<string, Bilingual>>> = {
  pricePolicyProducts: {
    model: bi('产品型号', '产品型号 (model)'),
    listPrice: bi('指导价', '指导价 (list price)'),
  },
  discountCaps: {
    customerClass: bi('客户类别', '客户类别 (customer class)'),
    oldCustomerCap: bi('老客户折扣上限', '老客户折扣上限 (old-customer cap)'),
    newCustomerCap: bi('新客户折扣上限', '新客户折扣上限 (new-customer cap)'),
  },
  priceRules: {
    ruleId: bi('规则编号', '规则编号 (rule id)'),
    productScope: bi('产品范围', '产品范围 (product scope)'),
    customerScope: bi('客户范围', '客户范围 (customer scope)'),
    ruleType: bi('规则类型', '规则类型 (rule type)'),
    value: bi('数值', '数值 (value)'),
  },
  rebateTiers: {
    threshold: bi('年度销量起点', '年度销量起点 (annual volume from)'),
    rate: bi('返点比例', '返点比例 (rebate rate)'),
  },
  creditLimits: {
    customer: bi('客户名称', '客户名称 (customer)'),
    limit: bi('信用额度', '信用额度 (credit limit)'),
  },
};

function headerExample(kind: PolicyBlockKind): Bilingual {
  const text = {
    pricePolicyProducts: '产品型号 | 产品名称 | 产品类别 | 单位 | 指导价 | 最低限价 | 美元指导价',
    discountCaps: '客户类别 | 老客户折扣上限 | 新客户折扣上限',
    priceRules:
      '规则编号 | 优先级 | 产品范围 | 客户范围 | 最小数量 | 最大数量 | 生效日期 | 失效日期 | 规则类型 | 数值 | 说明',
    rebateTiers: '客户类别 | 新老客户 | 年度销量起点 | 返点比例',
    creditLimits: '客户名称 | 币种 | 信用额度',
  }[kind];
  return bi(text, text);
}

/** Policy field → the block's column, for pointing at cells. */
export function columnsOf<K extends LedgerKind>(
  mapping: HeaderMapping<K>,
  fields: Readonly<Record<string, string>>,
): Record<string, { col: number; header: string }> {
  const out: Record<string, { col: number; header: string }> = {};
  const columns = mapping.columns as Record<string, { col: number; header: string } | undefined>;
  for (const [policyField, ledgerField] of Object.entries(fields)) {
    const c = columns[ledgerField];
    if (c) out[policyField] = { col: c.col, header: c.header };
  }
  return out;
}

export const PRODUCT_COLUMNS = {
  model: 'model',
  name: 'productName',
  productType: 'productType',
  unit: 'unit',
  listPrice: 'listPrice',
  floorPrice: 'floorPrice',
  listPriceUsd: 'usdListPrice',
} as const;

export const CAP_COLUMNS = {
  customerClass: 'customerClass',
  old: 'oldCustomerCap',
  new: 'newCustomerCap',
} as const;

export const RULE_COLUMNS = {
  id: 'ruleId',
  priority: 'priority',
  product: 'productScope',
  customer: 'customerScope',
  minQty: 'minQty',
  maxQty: 'maxQty',
  validFrom: 'validFrom',
  validTo: 'validTo',
  kind: 'ruleType',
  effect: 'value',
  note: 'description',
} as const;

export const REBATE_TIER_COLUMNS = {
  customerClass: 'customerClass',
  newCustomer: 'newOld',
  threshold: 'threshold',
  rate: 'rate',
} as const;

export const CREDIT_LIMIT_COLUMNS = { customer: 'customer', currency: 'currency', limit: 'limit' } as const;

export const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);
