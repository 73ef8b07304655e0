// What each sheet SalesDesk reads holds, field by field, and the header words people use for it.
// The first synonym is the canonical header (an exact match); the rest count as synonyms.
// Matching ignores case, spaces, line breaks, full/half width and bracketed units (see headers.ts).
import type { Bilingual } from './grid';

/**
 * How a field's cells are read (see normalise.ts):
 * money → integer fen, percent → integer basis points, date → YYYY-MM-DD, quantity → number
 * (`10台` allowed), code → half-width text, raw → the cell as typed (trimmed), for the caller to read.
 */
export type FieldType =
  | 'date'
  | 'text'
  | 'code'
  | 'number'
  | 'quantity'
  | 'money'
  | 'percent'
  | 'yesNo'
  | 'newCustomer'
  | 'currency'
  | 'raw';

export interface FieldSpec {
  readonly type: FieldType;
  readonly required: boolean;
  readonly label: Bilingual;
  readonly synonyms: readonly string[];
}

const f = <T extends FieldType, R extends boolean>(
  type: T,
  required: R,
  zh: string,
  en: string,
  synonyms: readonly string[],
): {
  readonly type: T;
  readonly required: R;
  readonly label: Bilingual;
  readonly synonyms: readonly string[];
} => ({
  type,
  required,
  label: { 'zh-CN': zh, 'en-US': en },
  synonyms,
});

// Fields several sheets share.
const customer = f('text', true, '客户名称', 'Customer', [
  '客户名称',
  '客户',
  '单位名称',
  '客户单位',
  '购货单位',
  'Customer',
  'Customer Name',
  'Client',
]);
const contractNo = f('code', false, '合同号', 'Contract No.', [
  '合同号',
  '合同编号',
  '订单号',
  '订单编号',
  '合同单号',
  'Contract No.',
  'Contract',
  'Contract Number',
  'Order No.',
]);
const model = f('code', true, '产品型号', 'Model', [
  '产品型号',
  '规格型号',
  '型号',
  '型号规格',
  '产品规格',
  'Model',
  'Model No.',
  'Product Model',
]);
const productType = f('text', false, '产品类别', 'Product type', [
  '产品类别',
  '产品类型',
  '产品分类',
  '类别',
  'Product Type',
  'Product Category',
  'Category',
]);
const region = f('text', false, '片区', 'Region', [
  '片区',
  '区域',
  '销售区域',
  '销售片区',
  '大区',
  'Region',
  'Sales Region',
  'Area',
]);
const rep = f('text', false, '业务员', 'Sales rep', [
  '业务员',
  '销售员',
  '经办人',
  '销售代表',
  '业务代表',
  'Sales Rep',
  'Rep',
  'Salesperson',
]);
const qty = f('quantity', true, '数量', 'Qty', [
  '数量',
  '台数',
  '销售数量',
  '发货数量',
  '件数',
  'Qty',
  'Quantity',
]);
const unitPrice = f('money', true, '单价', 'Unit price', [
  '单价',
  '含税单价',
  '销售单价',
  '不含税单价',
  '成交单价',
  '成交价',
  '售价',
  '开票单价',
  '实际单价',
  'Unit Price',
  'Price',
]);
const amount = f('money', false, '金额', 'Amount', [
  '金额',
  '价税合计',
  '含税金额',
  '销售金额',
  '合同金额',
  '总金额',
  'Amount',
  'Total Amount',
]);
/**
 * Synonyms as unambiguous as the canonical header, matched with full confidence so the pane does
 * not ask: 开票单价 (invoice price) is how finance-side ledgers name the unit price.
 */
export const SURE_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  unitPrice: ['开票单价'],
};
const remarks = f('text', false, '备注', 'Remarks', ['备注', '说明', 'Remarks', 'Remark', 'Notes', 'Note']);

export const LEDGER_FIELDS = {
  /** 销售台账 */
  salesLedger: {
    orderDate: f('date', true, '日期', 'Date', [
      '日期',
      '签订日期',
      '下单日期',
      '合同日期',
      '订单日期',
      '签约日期',
      'Date',
      'Order Date',
      'Contract Date',
    ]),
    contractNo,
    customer,
    customerClass: f('text', false, '客户类别', 'Customer class', [
      '客户类别',
      '客户类型',
      '客户分类',
      'Customer Class',
      'Customer Type',
    ]),
    isNewCustomer: f('newCustomer', false, '新老客户', 'New customer', [
      '新老客户',
      '新客户',
      '是否新客户',
      '新/老客户',
      '客户性质',
      'New Customer',
      'New/Old',
    ]),
    region,
    rep,
    model,
    productType,
    qty,
    unitPrice,
    amount,
    currency: f('currency', false, '币种', 'Currency', ['币种', '币别', '货币', 'Currency']),
    deliveryDate: f('date', false, '交货期', 'Delivery date', [
      '交货期',
      '交货日期',
      '交期',
      '约定交期',
      'Delivery Date',
      'Delivery',
    ]),
    approvalRef: f('text', false, '审批单号', 'Approval ref.', [
      '审批单号',
      '审批编号',
      '审批号',
      '特价审批',
      'Approval Ref',
      'Approval No.',
      'Approval',
    ]),
    remarks,
  },
  /** 发货台账 */
  shipmentLedger: {
    shipDate: f('date', true, '发货日期', 'Ship date', [
      '发货日期',
      '出库日期',
      '发货时间',
      '日期',
      'Ship Date',
      'Shipment Date',
      'Date',
    ]),
    deliveryNoteNo: f('code', false, '出库单号', 'Delivery note no.', [
      '出库单号',
      '发货单号',
      '出库单编号',
      '送货单号',
      'Delivery Note No.',
      'Delivery Note',
      'DN No.',
    ]),
    contractNo,
    customer,
    model,
    qty,
    unitPrice: { ...unitPrice, required: false as const },
    amount: { ...amount, required: true as const },
    carrier: f('text', false, '承运/物流', 'Carrier', [
      '承运/物流',
      '承运',
      '物流',
      '承运商',
      '物流公司',
      '承运单位',
      'Carrier',
      'Logistics',
    ]),
    signedDate: f('date', false, '签收日期', 'Signed for', [
      '签收日期',
      '签收',
      '到货日期',
      'Received Date',
      'Signed Date',
      'Signed For',
    ]),
    invoiceNo: f('code', false, '发票号', 'Invoice no.', [
      '发票号',
      '发票号码',
      '发票编号',
      'Invoice No.',
      'Invoice Number',
      'Invoice',
    ]),
    invoiceDate: f('date', false, '开票日期', 'Invoice date', ['开票日期', '发票日期', 'Invoice Date']),
    remarks,
    // Month-end: export lines keep 金额 in 元 and the invoice's own currency beside it.
    currency: f('currency', false, '币种', 'Currency', ['币种', '币别', '货币', 'Currency']),
    originalAmount: f('money', false, '原币金额', 'Amount (orig. currency)', [
      '原币金额',
      '外币金额',
      '美元金额',
      'Original Amount',
      'USD Amount',
    ]),
  },
  /** 回款台账 */
  receipts: {
    receiptDate: f('date', true, '日期', 'Date', [
      '日期',
      '回款日期',
      '收款日期',
      '到账日期',
      'Date',
      'Receipt Date',
    ]),
    customer,
    amount: f('money', true, '金额', 'Amount', [
      '金额',
      '回款金额',
      '收款金额',
      '到账金额',
      'Amount',
      'Receipt Amount',
    ]),
    method: f('text', false, '方式', 'Method', [
      '方式',
      '回款方式',
      '收款方式',
      '付款方式',
      '结算方式',
      'Method',
      'Payment Method',
    ]),
    rep,
    remarks,
    // Month-end II: a receipt that names what it pays, and an export receipt's own currency.
    contractNo: { ...contractNo, required: false as const },
    invoiceNo: f('code', false, '发票号', 'Invoice no.', [
      '发票号',
      '发票号码',
      '发票编号',
      'Invoice No.',
      'Invoice Number',
    ]),
    currency: f('currency', false, '币种', 'Currency', ['币种', '币别', '货币', 'Currency']),
    originalAmount: f('money', false, '原币金额', 'Amount (orig. currency)', [
      '原币金额',
      '外币金额',
      '美元金额',
      'Original Amount',
      'USD Amount',
    ]),
  },
  /**
   * 应收账款明细账: Finance's books as exported from Kingdee/Yonyou (month-end 账账核对). Amounts are
   * read raw: they may carry a currency (`USD 8,250.00`), and either 借方/贷方 or 金额 with 方向 is
   * there, so addin/src/monthEnd reads them.
   */
  financeBooks: {
    date: f('date', true, '日期', 'Date', [
      '日期',
      '凭证日期',
      '业务日期',
      '记账日期',
      'Date',
      'Voucher Date',
    ]),
    voucherNo: f('code', false, '凭证字号', 'Voucher no.', [
      '凭证字号',
      '凭证号',
      '凭证编号',
      '凭证字',
      'Voucher No.',
      'Voucher',
    ]),
    customer: f('text', true, '往来单位', 'Customer', [
      '往来单位',
      '客户',
      '客户名称',
      '核算项目',
      '往来单位名称',
      '单位名称',
      'Customer',
      'Counterparty',
    ]),
    summary: f('text', false, '摘要', 'Summary', ['摘要', '业务摘要', 'Summary', 'Description']),
    deliveryNoteNo: f('code', false, '出库单号', 'Delivery note no.', [
      '出库单号',
      '发货单号',
      '源单号',
      'Delivery Note No.',
      'DN No.',
    ]),
    invoiceNo: f('code', false, '发票号', 'Invoice no.', [
      '发票号',
      '发票号码',
      '发票编号',
      'Invoice No.',
      'Invoice',
    ]),
    contractNo: { ...contractNo, synonyms: ['合同号', '合同编号', 'Contract No.'] },
    debit: f('raw', false, '借方金额', 'Debit', ['借方金额', '借方', '借方发生额', '本币借方', 'Debit']),
    credit: f('raw', false, '贷方金额', 'Credit', ['贷方金额', '贷方', '贷方发生额', '本币贷方', 'Credit']),
    amount: f('raw', false, '金额', 'Amount', ['金额', '发生额', '本币金额', 'Amount']),
    direction: f('text', false, '方向', 'Dr/Cr', ['方向', '借贷方向', '借/贷', 'Dr/Cr', 'Direction']),
    currency: f('currency', false, '币别', 'Currency', ['币别', '币种', '货币', 'Currency']),
  },
  /**
   * 期初余额: what each customer owed when SalesDesk's ledgers start, agreed with Finance and synced once
   * (month-end ledger kind `openings`). A bare `余额` is not a synonym: Finance's books have that column.
   */
  openingBalances: {
    customer,
    currency: f('currency', false, '币种', 'Currency', ['币种', '币别', '货币', 'Currency']),
    openingBalance: f('money', true, '期初余额', 'Opening balance', [
      '期初余额',
      '期初应收',
      '期初应收余额',
      '期初金额',
      '年初余额',
      '上年结转',
      'Opening Balance',
      'Opening',
      'Balance B/F',
    ]),
    asOfDate: f('date', true, '日期', 'As of', [
      '日期',
      '截至日期',
      '截止日期',
      '余额日期',
      '期初日期',
      'As Of',
      'Date',
    ]),
    rep,
    region,
    remarks,
  },
  /** 价格政策【产品价格】 */
  pricePolicyProducts: {
    model,
    productName: f('text', false, '产品名称', 'Product name', [
      '产品名称',
      '名称',
      '品名',
      'Product Name',
      'Product',
      'Name',
    ]),
    productType,
    unit: f('text', false, '单位', 'Unit', ['单位', '计量单位', 'Unit', 'UoM']),
    listPrice: f('money', true, '指导价', 'List price', [
      '指导价',
      '出厂价',
      '标准价',
      '目录价',
      '销售指导价',
      'List Price',
    ]),
    floorPrice: f('money', true, '最低限价', 'Floor price', [
      '最低限价',
      '最低价',
      '底价',
      '限价',
      '最低售价',
      'Floor Price',
      'Minimum Price',
      'Min Price',
    ]),
    usdListPrice: f('money', false, '美元指导价', 'USD list price', [
      '美元指导价',
      '美元价',
      '外贸指导价',
      'USD List Price',
      'USD Price',
    ]),
  },
  /** 价格政策【折扣上限】: caps in percent */
  discountCaps: {
    customerClass: f('text', true, '客户类别', 'Customer class', [
      '客户类别',
      '客户类型',
      'Customer Class',
      'Customer Type',
    ]),
    oldCustomerCap: f('percent', true, '老客户折扣上限', 'Old-customer cap', [
      '老客户折扣上限',
      '老客户折扣',
      '老客户',
      'Old Customer Cap',
      'Existing Customer Cap',
    ]),
    newCustomerCap: f('percent', true, '新客户折扣上限', 'New-customer cap', [
      '新客户折扣上限',
      '新客户折扣',
      '新客户',
      'New Customer Cap',
    ]),
  },
  /** 价格政策【价格规则】: `value` depends on `ruleType` (percent or price), so it is read raw. */
  priceRules: {
    ruleId: f('code', true, '规则编号', 'Rule no.', [
      '规则编号',
      '编号',
      '规则号',
      'Rule ID',
      'Rule No.',
      'ID',
    ]),
    priority: f('number', false, '优先级', 'Priority', ['优先级', '优先顺序', 'Priority']),
    productScope: f('text', true, '产品范围', 'Product scope', [
      '产品范围',
      '适用产品',
      'Product Scope',
      'Products',
    ]),
    customerScope: f('text', true, '客户范围', 'Customer scope', [
      '客户范围',
      '适用客户',
      'Customer Scope',
      'Customers',
    ]),
    minQty: f('quantity', false, '最小数量', 'Min qty', [
      '最小数量',
      '起订量',
      '数量下限',
      'Min Qty',
      'Minimum Quantity',
    ]),
    maxQty: f('quantity', false, '最大数量', 'Max qty', [
      '最大数量',
      '数量上限',
      'Max Qty',
      'Maximum Quantity',
    ]),
    validFrom: f('date', false, '生效日期', 'Valid from', [
      '生效日期',
      '开始日期',
      '起始日期',
      'Valid From',
      'Effective From',
      'Start Date',
    ]),
    validTo: f('date', false, '失效日期', 'Valid to', [
      '失效日期',
      '截止日期',
      '结束日期',
      '到期日期',
      'Valid To',
      'Effective To',
      'End Date',
    ]),
    ruleType: f('text', true, '规则类型', 'Rule type', ['规则类型', '类型', 'Rule Type', 'Type']),
    value: f('raw', true, '数值', 'Value', ['数值', '值', '取值', 'Value']),
    description: f('text', false, '说明', 'Description', ['说明', '备注', '描述', 'Description', 'Remarks']),
  },
  /** 价格政策【返点政策】: 客户类别 / 新老客户 blank or 全部 = every one; 新老客户 read as text (全部 is allowed). */
  rebateTiers: {
    customerClass: f('text', false, '客户类别', 'Customer class', [
      '客户类别',
      '客户类型',
      'Customer Class',
      'Customer Type',
    ]),
    newOld: f('text', false, '新老客户', 'New/old customer', [
      '新老客户',
      '新/老客户',
      '客户性质',
      'New/Old Customer',
    ]),
    threshold: f('money', true, '年度销量起点', 'Annual volume from', [
      '年度销量起点',
      '年销量起点',
      '销量起点',
      '年度销售额起点',
      '起点',
      'Annual Volume From',
      'Threshold',
    ]),
    rate: f('percent', true, '返点比例', 'Rebate rate', [
      '返点比例',
      '返点率',
      '返点',
      'Rebate Rate',
      'Rate',
    ]),
  },
  /** 价格政策【信用额度】: 币种 blank = CNY; the limit in yuan (or dollars for USD). */
  creditLimits: {
    customer: f('text', true, '客户名称', 'Customer', [
      '客户名称',
      '客户',
      '单位名称',
      'Customer Name',
      'Customer',
    ]),
    currency: f('currency', false, '币种', 'Currency', ['币种', '币别', '货币', 'Currency']),
    limit: f('money', true, '信用额度', 'Credit limit', [
      '信用额度',
      '额度',
      '授信额度',
      'Credit Limit',
      'Limit',
    ]),
  },
  /** 年度计划: targets usually in 万元 (the title says so) */
  annualPlan: {
    productType: { ...productType, required: true as const },
    region,
    rep,
    annualTarget: f('money', true, '年度计划', 'Annual plan', [
      '年度计划',
      '年度目标',
      '计划金额',
      '年度销售计划',
      '销售计划',
      '计划',
      '目标',
      'Annual Plan',
      'Annual Target',
      'Target',
      'Plan',
    ]),
    // Optional held months: a filled cell keeps that month's amount (in the annual's unit), the rest is spread.
    m1: lockedMonth(1, '一', 'Jan', 'January'),
    m2: lockedMonth(2, '二', 'Feb', 'February'),
    m3: lockedMonth(3, '三', 'Mar', 'March'),
    m4: lockedMonth(4, '四', 'Apr', 'April'),
    m5: lockedMonth(5, '五', 'May', 'May'),
    m6: lockedMonth(6, '六', 'Jun', 'June'),
    m7: lockedMonth(7, '七', 'Jul', 'July'),
    m8: lockedMonth(8, '八', 'Aug', 'August'),
    m9: lockedMonth(9, '九', 'Sep', 'September'),
    m10: lockedMonth(10, '十', 'Oct', 'October'),
    m11: lockedMonth(11, '十一', 'Nov', 'November'),
    m12: lockedMonth(12, '十二', 'Dec', 'December'),
  },
  /** 季节系数: a weight per month */
  seasonProfile: {
    productType: { ...productType, required: true as const },
    m1: month(1, '一', 'Jan', 'January'),
    m2: month(2, '二', 'Feb', 'February'),
    m3: month(3, '三', 'Mar', 'March'),
    m4: month(4, '四', 'Apr', 'April'),
    m5: month(5, '五', 'May', 'May'),
    m6: month(6, '六', 'Jun', 'June'),
    m7: month(7, '七', 'Jul', 'July'),
    m8: month(8, '八', 'Aug', 'August'),
    m9: month(9, '九', 'Sep', 'September'),
    m10: month(10, '十', 'Oct', 'October'),
    m11: month(11, '十一', 'Nov', 'November'),
    m12: month(12, '十二', 'Dec', 'December'),
  },
} as const;

function monthSynonyms(n: number, zhNumeral: string, short: string, long: string): string[] {
  return [...new Set([`${n}月`, `${zhNumeral}月`, `${String(n).padStart(2, '0')}月`, short, long, `M${n}`])];
}

function month(n: number, zhNumeral: string, short: string, long: string) {
  return f('number', true, `${n}月`, short, monthSynonyms(n, zhNumeral, short, long));
}

/** 年度计划's optional month column: an amount held for that month (money, read in the annual's unit). */
function lockedMonth(n: number, zhNumeral: string, short: string, long: string) {
  return f('money', false, `${n}月`, short, monthSynonyms(n, zhNumeral, short, long));
}

export type LedgerKind = keyof typeof LEDGER_FIELDS;
export const LEDGER_KINDS = Object.keys(LEDGER_FIELDS) as LedgerKind[];
export type FieldOf<K extends LedgerKind> = keyof (typeof LEDGER_FIELDS)[K] & string;

/** What a cell of each field type becomes once read. */
export interface FieldValueByType {
  date: string;
  text: string;
  code: string;
  number: number;
  quantity: number;
  money: number;
  percent: number;
  yesNo: boolean;
  newCustomer: boolean;
  currency: string;
  raw: string | number | boolean;
}

type SpecOf<K extends LedgerKind, F extends FieldOf<K>> = (typeof LEDGER_FIELDS)[K][F] extends FieldSpec
  ? (typeof LEDGER_FIELDS)[K][F]
  : never;

/** A read row: every field of the kind, null when empty, unmapped or unreadable. */
export type LedgerValues<K extends LedgerKind> = {
  [F in FieldOf<K>]: FieldValueByType[SpecOf<K, F>['type']] | null;
};

export function fieldsOf<K extends LedgerKind>(kind: K): ReadonlyArray<[FieldOf<K>, FieldSpec]> {
  return Object.entries(LEDGER_FIELDS[kind]) as Array<[FieldOf<K>, FieldSpec]>;
}

export function fieldSpec<K extends LedgerKind>(kind: K, field: FieldOf<K>): FieldSpec {
  return (LEDGER_FIELDS[kind] as Record<string, FieldSpec>)[field] as FieldSpec;
}

export const LEDGER_LABELS: Record<LedgerKind, Bilingual> = {
  salesLedger: { 'zh-CN': '销售台账', 'en-US': 'Sales ledger' },
  shipmentLedger: { 'zh-CN': '发货台账', 'en-US': 'Shipment ledger' },
  receipts: { 'zh-CN': '回款台账', 'en-US': 'Receipts' },
  financeBooks: { 'zh-CN': '财务应收明细账', 'en-US': "Finance's books" },
  openingBalances: { 'zh-CN': '期初余额', 'en-US': 'Opening balances' },
  pricePolicyProducts: { 'zh-CN': '价格政策·产品价格', 'en-US': 'Price policy: product prices' },
  discountCaps: { 'zh-CN': '价格政策·折扣上限', 'en-US': 'Price policy: discount caps' },
  priceRules: { 'zh-CN': '价格政策·价格规则', 'en-US': 'Price policy: price rules' },
  rebateTiers: { 'zh-CN': '价格政策·返点政策', 'en-US': 'Price policy: rebate tiers' },
  creditLimits: { 'zh-CN': '价格政策·信用额度', 'en-US': 'Price policy: credit limits' },
  annualPlan: { 'zh-CN': '年度计划', 'en-US': 'Annual plan' },
  seasonProfile: { 'zh-CN': '季节系数', 'en-US': 'Season profile' },
};

/** The label/value pairs above the price-policy blocks: `增值税率 | 13% | 生效日期 | 2026-01-01`. */
export const POLICY_SETTINGS = {
  vatRate: f('percent', false, '增值税率', 'VAT rate', [
    '增值税率',
    '税率',
    '增值税',
    'VAT Rate',
    'VAT',
    'Tax Rate',
  ]),
  effectiveFrom: f('date', false, '生效日期', 'Effective from', [
    '生效日期',
    '执行日期',
    '启用日期',
    'Effective From',
    'Effective Date',
  ]),
  /** Open items older than this many days are a credit flag (formats.md); absent → 90. */
  creditMaxDays: f('number', false, '超期预警天数', 'Overdue warning days', [
    '超期预警天数',
    '超期天数',
    '账龄预警天数',
    'Overdue Warning Days',
    'Overdue Days',
  ]),
} as const;
