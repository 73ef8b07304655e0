/**
 * Plain-data shapes of the sample workbook: the department's reference data, the ledgers as they
 * happened (money in integer fen / US cents), the rendered grid of each sheet, and the truth the
 * tests check readers against.
 */
import type { ExpectedMonthEnd } from './financeBooks';

export const PRODUCT_TYPES = [
  '柴油机',
  '柴油机水泵机组',
  '潜水泵',
  '离心泵',
  '自吸泵',
  '消防泵',
  '配件',
] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export const CUSTOMER_CLASSES = ['经销商', '重点客户', '终端客户', '政府采购', '外贸', '电商'] as const;
export type CustomerClass = (typeof CUSTOMER_CLASSES)[number];

export const DOMESTIC_REGIONS = ['华东', '华中', '华南', '西南'] as const;
/** 外贸 is run by the export sales manager as a region of its own. */
export const REGIONS = [...DOMESTIC_REGIONS, '外贸'] as const;
export type Region = (typeof REGIONS)[number];

export type Currency = 'CNY' | 'USD';
/** yyyy-mm-dd, China time. */
export type IsoDate = string;

export interface Product {
  model: string;
  name: string;
  type: ProductType;
  unit: string;
  /** 指导价, CNY fen, tax-inclusive. */
  listFen: number;
  /** 最低限价, CNY fen; null where the head set none. */
  floorFen: number | null;
  /** 美元指导价, US cents; only export models have one. */
  listUsdCents: number | null;
  /** Usual quantity per order line. */
  qty: readonly [number, number];
}

export interface Rep {
  name: string;
  region: Region;
}

export interface Customer {
  name: string;
  class: CustomerClass;
  region: Region;
  rep: string;
  /** First ordered in 2026 (新客户). */
  isNew: boolean;
  /** First month (1–12) the customer orders in. */
  firstMonth: number;
  /** Relative number of orders. */
  activity: number;
}

/** Discount caps in basis points (1800 = 18 %). */
export interface DiscountCap {
  class: CustomerClass;
  oldBp: number;
  newBp: number;
}

export type ProductScope =
  { kind: 'all' } | { kind: 'model'; model: string } | { kind: 'type'; type: ProductType };
export type CustomerScope =
  | { kind: 'all' }
  | { kind: 'name'; name: string }
  | { kind: 'class'; class: CustomerClass }
  | { kind: 'region'; region: Region };

export type RuleEffect =
  | { kind: '折扣上限'; bp: number }
  | { kind: '追加折扣'; bp: number }
  | { kind: '固定价'; fen: number }
  | { kind: '最低价'; fen: number };

export interface PriceRule {
  id: string;
  /** Higher wins. */
  priority: number;
  product: ProductScope;
  customer: CustomerScope;
  minQty: number | null;
  maxQty: number | null;
  /** Both inclusive. */
  from: IsoDate;
  to: IsoDate;
  effect: RuleEffect;
  note: string;
}

export interface PricePolicy {
  /** 13 % → 1300. */
  vatBp: number;
  effectiveDate: IsoDate;
  products: Product[];
  caps: DiscountCap[];
  rules: PriceRule[];
  /** 超期预警天数: open items older than this are a credit flag. */
  creditMaxDays: number;
  /** 【返点政策】: the rate of the highest tier reached applies to the whole year's volume. */
  rebateTiers: RebateTier[];
  /** 【信用额度】 per customer, in the customer's currency. */
  creditLimits: CreditLimit[];
}

export interface RebateTier {
  class: CustomerClass | '全部';
  newOld: '新客户' | '老客户' | '全部';
  /** 年度销量起点, CNY fen (tax-inclusive net shipments). */
  thresholdFen: number;
  /** 返点比例 in basis points (200 = 2 %). */
  rateBp: number;
}

export interface CreditLimit {
  customer: string;
  currency: Currency;
  /** 信用额度 in minor units of the currency. */
  limitMinor: number;
}

/** 期初余额: what a customer owed as of 2025-12-31 (negative = paid in advance, 预收). */
export interface Opening {
  customer: string;
  currency: Currency;
  /** Minor units of the currency (fen / US cents). */
  amountMinor: number;
  date: IsoDate;
  rep: string;
  region: Region;
  note: string;
  /** The date typed as text on the sheet (one row), else null. */
  dateText: string | null;
}

/** A negative 发货台账 line: goods sent back (退货, qty < 0) or a price allowance (折让, qty 0). */
export interface ShipmentCredit {
  kind: '退货' | '折让';
  date: IsoDate;
  /** 退货单 TH… / 折让单 ZR… */
  deliveryNoteNo: string;
  contractNo: string;
  customer: string;
  model: string;
  /** Negative for a return, 0 for an allowance. */
  qty: number;
  /** Unit price of a return (fen); null for an allowance. */
  priceFen: number | null;
  /** Negative, CNY fen. */
  amountFen: number;
  note: string;
}

export interface SalesLine {
  /** Stable id in generation order, never shown. */
  id: number;
  date: IsoDate;
  contractNo: string;
  customer: string;
  model: string;
  qty: number;
  currency: Currency;
  /** Unit price in the line's currency: fen for CNY, cents for USD. */
  priceMinor: number;
  /** 交货期; null = 现货 (from stock). */
  deliveryDate: IsoDate | null;
  remark: string;
}

export interface Shipment {
  date: IsoDate;
  deliveryNoteNo: string;
  contractNo: string;
  salesLineId: number;
  customer: string;
  model: string;
  qty: number;
  /** CNY fen (export lines converted at the booking rate). */
  priceFen: number;
  carrier: string;
  signedDate: IsoDate | null;
  invoiceNo: string | null;
  invoiceDate: IsoDate | null;
}

export type ReceiptMethod = '电汇' | '承兑汇票';

export interface Receipt {
  date: IsoDate;
  customer: string;
  amountFen: number;
  method: ReceiptMethod;
  rep: string;
  remark: string;
  /** Export customers: the USD actually received (回款台账 币种 USD, 原币金额), in cents. */
  usdCents?: number;
  /** A receipt that names what it pays (applied there first, not FIFO). */
  contractNo?: string;
  invoiceNo?: string;
}

export interface PlanRow {
  type: ProductType;
  region: Region;
  rep: string;
  /** 年度计划 in fen, always a multiple of 100 yuan (two decimals of 万元). */
  targetFen: number;
}

/** What a sheet cell holds: text, a number, an Excel date, an error value, or a formula with its result. */
export type SampleCell =
  | null
  | string
  | number
  | { date: IsoDate; numFmt: string }
  | { number: number; numFmt: string }
  | { error: '#N/A' }
  | { formula: string; result: number; numFmt?: string };

export interface SampleSheet {
  name: string;
  /** rows[0] is Excel row 1. */
  rows: SampleCell[][];
  /** A1 ranges. */
  merges: string[];
  /** 1-based Excel rows. */
  hiddenRows: number[];
  /** 1-based rows drawn bold (titles, headers, totals). */
  boldRows: number[];
  columnWidths: number[];
  /** Rows frozen at the top. */
  frozenRows: number;
}

export type PriceStatus = 'ok' | 'needs_approval' | 'below_floor';

export interface ExpectedViolation {
  sheet: '销售台账';
  /** 1-based Excel row. */
  row: number;
  contractNo: string;
  model: string;
  customer: string;
  date: IsoDate;
  qty: number;
  currency: Currency;
  priceMinor: number;
  status: Exclude<PriceStatus, 'ok'>;
  /** The generator's own reading of the policy for this line. */
  allowedMinMinor: number;
  floorMinor: number | null;
  /** Rule ids that shaped allowedMin / floor. */
  ruleIds: string[];
  /** 审批单号 written in 备注, if any. */
  approvalRef: string | null;
  why: string;
}

export interface UnreadableCell {
  sheet: string;
  row: number;
  column: string;
  header: string;
  found: '#N/A error' | '#N/A text';
  contractNo: string | null;
}

export interface TextCell {
  sheet: string;
  row: number;
  column: string;
  header: string;
  text: string;
  /** The value it means: an ISO date, or a number in the column's unit (元, 台, USD). */
  means: string | number;
}

export interface SheetFacts {
  /** The header row (for 价格政策, one per block). */
  headerRow: number | Record<string, number>;
  firstDataRow: number | Record<string, number>;
  lastRow: number;
  dataRows: number;
  subtotalRows: number[];
  totalRow: number | null;
  blankRows: number[];
  hiddenRows: number[];
  merges: string[];
}

export interface ExpectedTruth {
  generator: string;
  seed: number;
  year: number;
  /** sha256 of the sheets' grid, to tell at a glance whether two builds differ. */
  gridSha256: string;
  precedence: string;
  counts: Record<string, number>;
  regions: string[];
  currencyValues: Record<string, Currency>;
  sheets: Record<string, SheetFacts>;
  totals: Record<string, number>;
  violations: ExpectedViolation[];
  /** Lines that are OK only because one rule applies (remove the rule and they fall below the cap). */
  ruleDependentOk: { row: number; contractNo: string; model: string; ruleId: string }[];
  /** 审批单 behind the approval references in 备注. */
  approvals: {
    ref: string;
    customer: string;
    model: string;
    minUnitPriceFen: number;
    validFrom: IsoDate;
    validTo: IsoDate;
  }[];
  unreadableCells: UnreadableCell[];
  usdRows: number[];
  textCells: TextCell[];
  /** The 价格政策 sheet as a reader should understand it, in the API's units (yuan, percent). */
  policy: ContractPolicy;
  /** 应收账款明细账 and the month-end check (账账核对) of 发货台账 against it. */
  monthEnd: ExpectedMonthEnd;
  /** Month-end II: receivables per customer, credit limits and rebates as of a month end. */
  receivables: ExpectedReceivables;
  /** The two new 价格政策 blocks and setting in the published policy's shape (docs: /tmp formats). */
  policyBlocks: {
    rebateTiers: { customerClass?: string; newCustomer?: boolean; threshold: string; rate: string }[];
    credit: { maxDays: number; limits: { customer: string; currency: Currency; limit: string }[] };
  };
}

export interface ExpectedReceivableCustomer {
  customer: string;
  rep: string;
  region: string;
  currency: Currency;
  openingMinor: number;
  shippedMinor: number;
  /** Includes acceptances. */
  receivedMinor: number;
  acceptancesMinor: number;
  returnsMinor: number;
  allowancesMinor: number;
  /** opening + shipped − received − returns − allowances. */
  closingMinor: number;
  /** The closing balance by age (ship date; buckets of `bounds`, the last open-ended); sums to closing. */
  agingMinor?: number[];
}

export interface ExpectedReceivables {
  asOf: IsoDate;
  basis: 'shipment';
  bounds: number[];
  statementRep: string;
  customers: ExpectedReceivableCustomer[];
  creditMaxDays: number;
  creditLimits: {
    customer: string;
    currency: Currency;
    limitMinor: number;
    closingMinor: number;
    over: boolean;
  }[];
  rebates: {
    customer: string;
    volumeFen: number;
    tier: { thresholdFen: number; rateBp: number } | null;
    accruedFen: number;
  }[];
  /**
   * Receipts that name an invoice or contract: at their month end (`asOf`), the 出库单号 still open
   * with the name honoured, and what plain FIFO would have left open instead.
   */
  namedReceipts: {
    customer: string;
    date: IsoDate;
    amountFen: number;
    invoiceNo: string | null;
    contractNo: string | null;
    asOf: IsoDate;
    openAfter: string[];
    openUnderFifo: string[];
  }[];
  /** Each day a customer's net volume year to date reaches a rebate tier (several in the year). */
  tierCrossings: { customer: string; date: IsoDate; thresholdFen: number; rateBp: number }[];
  /** Money a reader cannot see (a #N/A cell): left out of the figures above, named here. */
  leftOut: {
    sheet: string;
    row: number;
    deliveryNoteNo: string;
    customer: string;
    amountFen: number;
    why: string;
  }[];
}

/** The shape of PricePolicyInput in functions/src/contract/pricing.ts (kept apart: samples/ imports nothing from it). */
export interface ContractPolicy {
  vatRate: number;
  effectiveDate: IsoDate;
  products: {
    model: string;
    name: string;
    productType: string;
    unit: string;
    listPrice: number;
    floorPrice: number | null;
    listPriceUsd: number | null;
  }[];
  discountCaps: Record<string, { old: number; new: number }>;
  rules: {
    id: string;
    priority: number;
    product: 'all' | { model: string } | { productType: string };
    customer: 'all' | { name: string } | { customerClass: string } | { region: string };
    minQty: number | null;
    maxQty: number | null;
    validFrom: IsoDate;
    validTo: IsoDate;
    effect:
      | { kind: 'discountCap' | 'extraDiscount'; pct: number }
      | { kind: 'fixedPrice' | 'floor'; price: number };
    note: string;
  }[];
}

export interface SampleModel {
  seed: number;
  year: number;
  reps: Rep[];
  customers: Customer[];
  policy: PricePolicy;
  /** 季节系数: weight per month (sums to 100 per type). */
  season: Record<ProductType, number[]>;
  salesLines: SalesLine[];
  shipments: Shipment[];
  receipts: Receipt[];
  plan: PlanRow[];
  sheets: SampleSheet[];
  expected: ExpectedTruth;
}
