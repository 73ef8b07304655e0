/**
 * HTTP contract of month-end (月末对账): the four ledgers in the cloud, the month-end run and its
 * report, month close. Schemas and types only, shared with the add-in: no Node imports.
 *
 * Units on the wire:
 * - money is a decimal-yuan STRING exact to the fen (`"12500.00"`, `"-380.5"`), in the row's currency;
 *   never a JSON number, so nothing on the way rounds it. Negative = a return / 红字 (credit) line;
 * - quantities are JSON numbers (negative for returns);
 * - a date is a China date `YYYY-MM-DD` as the sheet shows it; an instant with an offset
 *   (`2026-03-31T15:30:00Z`) is also accepted and read as its China (UTC+8) date;
 * - a month is `YYYY-MM`, China time.
 * Every row carries `source: {sheet, row}` (1-based sheet row) so every answer can point back at it.
 * Part II (receivables, aging, statements, scorecard) reads the same rows: customer, rep, region,
 * currency, contract/invoice links, receipt method and bill maturity are kept for it.
 */
import { z } from 'zod';
import { bilingual as msg, BilingualSchema, type Bilingual } from './text';
import type { ScorecardResponse } from './scorecard';

// The one bilingual text (contract/text.ts) under the names month-end code uses.
export const MonthEndTextSchema = BilingualSchema;
/** A user-visible text in both languages; zh-CN is the default. */
export type MonthEndText = Bilingual;

// ── Caps (the handlers answer 413 above them; the add-in splits or refuses below them) ───────────

/** Most rows one `PUT /api/ledgers/{kind}/{yyyy-mm}` may carry (one month of one ledger). */
export const MAX_LEDGER_ROWS_PER_REQUEST = 20_000;
/** Largest ledger PUT body in bytes. */
export const MAX_LEDGER_BODY_BYTES = 16 * 1024 * 1024;
/** Longest text field (customer, summary…) kept on a row. */
export const MAX_LEDGER_TEXT_LENGTH = 200;
/** Days either side within which a (customer, amount) match between ledger and books is accepted. */
export const DEFAULT_MATCH_WINDOW_DAYS = 5;
/** Most reasons / notes text on close and reopen. */
export const MAX_REASON_LENGTH = 500;

// ── Reference values ────────────────────────────────────────────────────────────────────────────

export const LEDGER_KINDS = ['orders', 'shipments', 'receipts', 'books'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const LedgerKindSchema = z.enum(LEDGER_KINDS);
/**
 * Everything `PUT /api/ledgers/{kind}/{yyyy-mm}` stores: the four reconciled ledgers plus 期初余额
 * (`openings`), which Part II reads (receivables, statements, scorecard) but the month-end
 * reconciliation does not. Month rule for openings: a row belongs to the month of its as-of date
 * (`date`), so a balance as of 2025-12-31 is synced once under `2025-12`, before the first ledger month.
 */
export const SYNC_KINDS = [...LEDGER_KINDS, 'openings'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

export const LEDGER_KIND_LABELS: Readonly<Record<SyncKind, MonthEndText>> = {
  orders: msg('销售台账', 'Sales ledger'),
  shipments: msg('发货台账', 'Shipment ledger'),
  receipts: msg('回款台账', 'Receipts ledger'),
  books: msg('财务账（应收明细）', "Finance's books"),
  openings: msg('期初余额', 'Opening balances'),
};

export const LEDGER_CURRENCIES = ['CNY', 'USD'] as const;
export type LedgerCurrency = (typeof LEDGER_CURRENCIES)[number];
export const LedgerCurrencySchema = z.enum(LEDGER_CURRENCIES);

/** 方式 of a receipt: 电汇 bank transfer, 承兑汇票 bank acceptance bill, 现金 cash. */
export const RECEIPT_METHODS = ['电汇', '承兑汇票', '现金'] as const;
export type ReceiptMethod = (typeof RECEIPT_METHODS)[number];
export const RECEIPT_METHOD_LABELS: Readonly<Record<ReceiptMethod, MonthEndText & { code: string }>> = {
  电汇: { 'zh-CN': '电汇', 'en-US': 'Bank transfer', code: 'transfer' },
  承兑汇票: { 'zh-CN': '承兑汇票', 'en-US': 'Bank acceptance bill', code: 'bankAcceptance' },
  现金: { 'zh-CN': '现金', 'en-US': 'Cash', code: 'cash' },
};

/** `YYYY-MM` (China time). */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MonthSchema = z.string().regex(MONTH_PATTERN, 'YYYY-MM');
/** Decimal yuan exact to the fen, optionally negative: `"1234.5"`, `"-380.00"`. */
export const MONEY_PATTERN = /^-?\d{1,13}(\.\d{1,2})?$/;
export const MoneySchema = z.string().regex(MONEY_PATTERN, 'decimal yuan to the fen');
export type Money = string;
/** `YYYY-MM-DD` or an ISO instant with an offset (read as its China date). */
export const LEDGER_DATE_PATTERN =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
export const LedgerDateSchema = z.string().regex(LEDGER_DATE_PATTERN, 'YYYY-MM-DD');

const text = z.string().trim().min(1).max(MAX_LEDGER_TEXT_LENGTH);
const optionalText = z.string().trim().max(MAX_LEDGER_TEXT_LENGTH).nullish();
const optionalDate = LedgerDateSchema.nullish();

/** Where a row sits in the workbook: sheet name and 1-based row number. */
export const SourceSchema = z.object({
  sheet: z.string().min(1).max(100),
  row: z.number().int().positive(),
});
export type Source = z.infer<typeof SourceSchema>;

// ── The four ledgers' rows (glossary names) ─────────────────────────────────────────────────────

/** 销售台账 (contract ledger) row. Identity: contractNo + model + line (line defaults to 1). */
export const OrderRowSchema = z.object({
  /** 日期: the order (contract) date; decides the month. */
  date: LedgerDateSchema,
  /** 合同号 / 合同编号 / 订单号 */
  contractNo: text,
  /** 行号 within the contract, when the same model appears twice. */
  line: z.number().int().positive().nullish(),
  /** 客户名称 */
  customer: text,
  customerClass: optionalText,
  isNewCustomer: z.boolean().nullish(),
  /** 片区 */
  region: optionalText,
  /** 业务员 */
  rep: optionalText,
  /** 产品型号 */
  model: text,
  productType: optionalText,
  /** 数量 (negative for a cancelled/returned quantity). */
  qty: z.number().finite(),
  /** 单价, tax-inclusive. */
  unitPrice: MoneySchema.nullish(),
  /** 金额 / 价税合计, tax-inclusive. */
  amount: MoneySchema,
  currency: LedgerCurrencySchema.default('CNY'),
  /** 交货期 (promised delivery date). */
  deliveryDate: optionalDate,
  approvalRef: optionalText,
  note: optionalText,
  source: SourceSchema,
});
export type OrderRow = z.output<typeof OrderRowSchema>;

/** 发货台账 row. Identity: deliveryNo + line (line defaults to the model). */
export const ShipmentRowSchema = z.object({
  /** 发货日期: decides the month. */
  shipDate: LedgerDateSchema,
  /** 出库单号 */
  deliveryNo: text,
  line: z.number().int().positive().nullish(),
  /** 合同号: links the shipment to its contract line. */
  contractNo: optionalText,
  customer: text,
  region: optionalText,
  rep: optionalText,
  model: text,
  qty: z.number().finite(),
  unitPrice: MoneySchema.nullish(),
  /** 金额, tax-inclusive; negative for a return (销售退货). */
  amount: MoneySchema,
  currency: LedgerCurrencySchema.default('CNY'),
  /** 发票号 (empty = 发货未开票). */
  invoiceNo: optionalText,
  /** 开票日期 */
  invoiceDate: optionalDate,
  /** 签收日期 */
  signedDate: optionalDate,
  carrier: optionalText,
  note: optionalText,
  source: SourceSchema,
});
export type ShipmentRow = z.output<typeof ShipmentRowSchema>;

/** 回款台账 row. Identity: receiptNo, else billNo, else (date, customer, currency, amount, method). */
export const ReceiptRowSchema = z.object({
  date: LedgerDateSchema,
  customer: text,
  amount: MoneySchema,
  currency: LedgerCurrencySchema.default('CNY'),
  /** 方式 */
  method: z.enum(RECEIPT_METHODS),
  rep: optionalText,
  region: optionalText,
  /** Optional links: a receipt that names them is applied to them (Part II), else FIFO. */
  contractNo: optionalText,
  invoiceNo: optionalText,
  /** 回款单号 / 银行流水号 */
  receiptNo: optionalText,
  /** 承兑汇票: 票号 and 到期日. */
  billNo: optionalText,
  maturityDate: optionalDate,
  note: optionalText,
  source: SourceSchema,
});
export type ReceiptRow = z.output<typeof ReceiptRowSchema>;

/**
 * Finance's books (应收账款明细账 export from Kingdee/Yonyou). One entry per row: `debit` is a sale
 * (invoice; negative for a 红字 credit invoice), `credit` a receipt. At least one of them.
 * Identity: voucherNo + line (without line: voucherNo + customer + debit + credit), else (date, customer,
 * debit, credit).
 */
export const BookEntrySchema = z
  .object({
    date: LedgerDateSchema,
    /** 凭证字号, e.g. 记-0108 */
    voucherNo: optionalText,
    line: z.number().int().positive().nullish(),
    /** 往来单位 / 客户 */
    customer: text,
    /** 摘要 */
    summary: optionalText,
    invoiceNo: optionalText,
    deliveryNo: optionalText,
    contractNo: optionalText,
    /** 借方金额 */
    debit: MoneySchema.nullish(),
    /** 贷方金额 */
    credit: MoneySchema.nullish(),
    currency: LedgerCurrencySchema.default('CNY'),
    source: SourceSchema,
  })
  .refine((e) => (e.debit ?? null) !== null || (e.credit ?? null) !== null, {
    message: 'debit or credit',
    path: ['debit'],
  });
export type BookEntry = z.output<typeof BookEntrySchema>;

/**
 * 期初余额 row: what a customer owed (negative = in credit) as of a date, carried in from before the
 * synced ledgers. Identity: customer + currency (one opening per customer and currency).
 */
export const OpeningRowSchema = z.object({
  customer: text,
  currency: LedgerCurrencySchema.default('CNY'),
  /** 期初余额, tax-inclusive, exact to the fen. */
  amount: MoneySchema,
  /** 截至日期: the balance is as of this day; it decides the month and is aged from it. */
  date: LedgerDateSchema,
  rep: optionalText,
  region: optionalText,
  note: optionalText,
  source: SourceSchema,
});
export type OpeningRow = z.output<typeof OpeningRowSchema>;

export interface LedgerRowByKind {
  orders: OrderRow;
  shipments: ShipmentRow;
  receipts: ReceiptRow;
  books: BookEntry;
  openings: OpeningRow;
}
export type LedgerRow = LedgerRowByKind[LedgerKind];

export const LEDGER_ROW_SCHEMAS = {
  orders: OrderRowSchema,
  shipments: ShipmentRowSchema,
  receipts: ReceiptRowSchema,
  books: BookEntrySchema,
  openings: OpeningRowSchema,
} as const;

/** The field that decides which month a row belongs to. */
export const LEDGER_DATE_FIELD = {
  orders: 'date',
  shipments: 'shipDate',
  receipts: 'date',
  books: 'date',
  openings: 'date',
} as const satisfies Record<SyncKind, string>;

/** Column names per field, for messages that name the column (the add-in maps its own headers). */
export const LEDGER_FIELD_LABELS: Readonly<Record<string, MonthEndText>> = {
  date: msg('日期', 'date'),
  shipDate: msg('发货日期', 'ship date'),
  contractNo: msg('合同号', 'contract no.'),
  deliveryNo: msg('出库单号', 'delivery note no.'),
  line: msg('行号', 'line'),
  customer: msg('客户名称', 'customer'),
  customerClass: msg('客户类别', 'customer class'),
  region: msg('片区', 'region'),
  rep: msg('业务员', 'rep'),
  model: msg('产品型号', 'model'),
  productType: msg('产品类别', 'product type'),
  qty: msg('数量', 'quantity'),
  unitPrice: msg('单价', 'unit price'),
  amount: msg('金额', 'amount'),
  currency: msg('币种', 'currency'),
  deliveryDate: msg('交货期', 'delivery date'),
  invoiceNo: msg('发票号', 'invoice no.'),
  invoiceDate: msg('开票日期', 'invoice date'),
  signedDate: msg('签收日期', 'signed date'),
  method: msg('方式', 'method'),
  receiptNo: msg('回款单号', 'receipt no.'),
  billNo: msg('票号', 'bill no.'),
  maturityDate: msg('到期日', 'maturity date'),
  voucherNo: msg('凭证字号', 'voucher no.'),
  summary: msg('摘要', 'summary'),
  debit: msg('借方金额', 'debit'),
  credit: msg('贷方金额', 'credit'),
  source: msg('来源位置', 'source'),
};

// ── PUT / GET /api/ledgers/{kind}/{yyyy-mm} ─────────────────────────────────────────────────────

/** Body of the PUT: the whole month of one ledger (it replaces the month's snapshot). */
export const LedgerSyncRequestSchema = z.object({ rows: z.array(z.unknown()) });
export interface LedgerSyncRequest<K extends SyncKind = LedgerKind> {
  rows: z.input<(typeof LEDGER_ROW_SCHEMAS)[K]>[];
}

/** Two or more rows with one business key: all are kept (key `…#2`, `…#3`), and reported here. */
export const LedgerDuplicateSchema = z.object({
  key: z.string(),
  sources: z.array(SourceSchema).min(2),
});
export type LedgerDuplicate = z.infer<typeof LedgerDuplicateSchema>;

export const LedgerSyncResponseSchema = z.object({
  kind: z.enum(SYNC_KINDS),
  month: MonthSchema,
  /** Counts syncs that changed something, from 1; the same sheet again keeps it. */
  version: z.number().int().positive(),
  added: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** Same content, new sheet location only (the snapshot is rewritten so links stay right). */
  moved: z.number().int().nonnegative(),
  duplicates: z.array(LedgerDuplicateSchema),
  syncedBy: z.string(),
  syncedAt: z.string().describe('ISO 8601 instant of the sync that made this version'),
});
export type LedgerSyncResponse = z.infer<typeof LedgerSyncResponseSchema>;

export interface LedgerSnapshot<K extends SyncKind = LedgerKind> {
  kind: K;
  month: string;
  version: number;
  syncedBy: string;
  syncedAt: string;
  /** In sheet order (sheet, row). */
  rows: LedgerRowByKind[K][];
}

/**
 * The answer of GET /api/ledgers/{kind}/{month}: a snapshot as stored. Rows are checked only as rows
 * with a sheet location here; each kind's row schema (LEDGER_ROW_SCHEMAS) parses what a sheet sends.
 */
export const LedgerSnapshotSchema = z.object({
  kind: z.enum(SYNC_KINDS),
  month: MonthSchema,
  version: z.number().int().positive(),
  syncedBy: z.string(),
  syncedAt: z.string(),
  rows: z.array(z.looseObject({ source: SourceSchema })),
});

/** A row the PUT refused (422): where it is, which column, what was expected. */
export const LedgerRowErrorSchema = z.object({
  /** Index in `rows`. */
  index: z.number().int().nonnegative(),
  source: SourceSchema.nullable(),
  field: z.string().nullable(),
  message: MonthEndTextSchema,
});
export type LedgerRowError = z.infer<typeof LedgerRowErrorSchema>;

// ── The month-end report ─────────────────────────────────────────────────────────────────────────

export const DIFFERENCE_CLASSES = [
  'amount_differs',
  'only_in_ledger',
  'only_in_books',
  'cutoff',
  'duplicate',
] as const;
export type DifferenceClass = (typeof DIFFERENCE_CLASSES)[number];
export const DIFFERENCE_CLASS_LABELS: Readonly<Record<DifferenceClass, MonthEndText>> = {
  amount_differs: msg('金额不符', 'Amount differs'),
  only_in_ledger: msg('台账有、账上无', 'Only in the ledger'),
  only_in_books: msg('账上有、台账无', 'Only in the books'),
  cutoff: msg('跨期', 'Cutoff (other month)'),
  duplicate: msg('重复', 'Duplicate'),
};

/** How a ledger row and a book entry were paired. */
export const MATCH_BASES = ['deliveryNo', 'invoiceNo', 'customerAmountDate'] as const;
export type MatchBasis = (typeof MATCH_BASES)[number];

/** A side of a difference: the rows involved (several for a duplicate) and their total. */
export const DifferenceSideSchema = z.object({
  amount: MoneySchema,
  date: z.string(),
  /** Month of that side when it is not the report's month (cutoff). */
  month: MonthSchema,
  sources: z.array(SourceSchema),
  deliveryNo: z.string().nullable(),
  invoiceNo: z.string().nullable(),
  voucherNo: z.string().nullable(),
});
export type DifferenceSide = z.infer<typeof DifferenceSideSchema>;

export const DifferenceSchema = z.object({
  /** Stable within a report version: class + keys. */
  id: z.string(),
  class: z.enum(DIFFERENCE_CLASSES),
  currency: LedgerCurrencySchema,
  customer: z.string(),
  /** Shipment ledger side (null when there is none). */
  ledger: DifferenceSideSchema.nullable(),
  /** Finance's books side. */
  books: DifferenceSideSchema.nullable(),
  /** This difference's part of (ledger total − books total) for the month, in `currency`. */
  effect: MoneySchema,
  matchedBy: z.enum(MATCH_BASES).nullable(),
  message: MonthEndTextSchema,
});
export type Difference = z.infer<typeof DifferenceSchema>;

/** The explained-difference proof of one currency: ledgerTotal − booksTotal = explained + remainder. */
export const ReconciliationTotalsSchema = z.object({
  currency: LedgerCurrencySchema,
  ledgerTotal: MoneySchema,
  booksTotal: MoneySchema,
  difference: MoneySchema,
  /** Σ effect of the classified differences. */
  explained: MoneySchema,
  /** difference − explained; anything but "0.00" is a bug, shown, never hidden. */
  remainder: MoneySchema,
  byClass: z.record(z.enum(DIFFERENCE_CLASSES), MoneySchema),
  matched: z.number().int().nonnegative(),
});
export type ReconciliationTotals = z.infer<typeof ReconciliationTotalsSchema>;

/** Totals converted to 元 with the stated rate; null fields when a currency has no rate. */
export const CnyTotalsSchema = z.object({
  ledgerTotal: MoneySchema.nullable(),
  booksTotal: MoneySchema.nullable(),
  difference: MoneySchema.nullable(),
  /** Currencies without a stated rate (their totals are shown apart, never dropped). */
  missingRates: z.array(LedgerCurrencySchema),
});

/** Orders vs shipments, per contract line (cumulative to the month end). */
export const OrderLineStatusSchema = z.object({
  contractNo: z.string(),
  model: z.string(),
  line: z.number().int().positive(),
  customer: z.string(),
  rep: z.string().nullable(),
  region: z.string().nullable(),
  currency: LedgerCurrencySchema,
  orderDate: z.string(),
  deliveryDate: z.string().nullable(),
  orderedQty: z.number(),
  shippedQty: z.number(),
  openQty: z.number(),
  orderedAmount: MoneySchema,
  shippedAmount: MoneySchema,
  overShipped: z.boolean(),
  /** 交货期 before the month end and not fully shipped. */
  late: z.boolean(),
  daysLate: z.number().int().nullable(),
  source: SourceSchema,
});
export type OrderLineStatus = z.infer<typeof OrderLineStatusSchema>;

/** A shipment line whose contract line is not in the orders ledger (the clerk should look). */
export const UnmatchedShipmentSchema = z.object({
  deliveryNo: z.string(),
  contractNo: z.string().nullable(),
  model: z.string(),
  qty: z.number(),
  source: SourceSchema,
});

/** 发货未开票: shipped by the month end, no invoice (by the month end). */
export const ShippedNotInvoicedSchema = z.object({
  deliveryNo: z.string(),
  line: z.string(),
  contractNo: z.string().nullable(),
  customer: z.string(),
  model: z.string(),
  shipDate: z.string(),
  amount: MoneySchema,
  currency: LedgerCurrencySchema,
  /** Days from the ship date to the month's last day. */
  days: z.number().int().nonnegative(),
  source: SourceSchema,
});
export type ShippedNotInvoiced = z.infer<typeof ShippedNotInvoicedSchema>;

/** Invoiced (booked by Finance with an invoice no.) with no shipment behind it up to the month end. */
export const InvoicedNotShippedSchema = z.object({
  invoiceNo: z.string().nullable(),
  voucherNo: z.string().nullable(),
  customer: z.string(),
  date: z.string(),
  amount: MoneySchema,
  currency: LedgerCurrencySchema,
  source: SourceSchema,
});
export type InvoicedNotShipped = z.infer<typeof InvoicedNotShippedSchema>;

/** 销售跟单月报表: one row per contract, cumulative to the month end. */
export const TrackingRowSchema = z.object({
  contractNo: z.string(),
  customer: z.string(),
  rep: z.string().nullable(),
  region: z.string().nullable(),
  currency: LedgerCurrencySchema,
  ordered: MoneySchema,
  shipped: MoneySchema,
  invoiced: MoneySchema,
  received: MoneySchema,
  /** ordered − shipped */
  openToShip: MoneySchema,
  /** invoiced − received (never applied FIFO here: receipts that name the contract only). */
  openToReceive: MoneySchema,
  shippedThisMonth: MoneySchema,
  receivedThisMonth: MoneySchema,
});
export type TrackingRow = z.infer<typeof TrackingRowSchema>;

/** What changed since the previous report version of the month. */
export const ReportChangesSchema = z.object({
  previousVersion: z.number().int().positive(),
  ledgers: z.array(
    z.object({ kind: LedgerKindSchema, from: z.number().int().nullable(), to: z.number().int().nullable() }),
  ),
  ratesChanged: z.boolean(),
  differencesAdded: z.array(z.string()),
  differencesResolved: z.array(z.string()),
  summary: MonthEndTextSchema,
});
export type ReportChanges = z.infer<typeof ReportChangesSchema>;

export const RUN_TRIGGERS = ['manual', 'timer'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Exchange rates stated by the user for a month: currency → 元 per unit, decimal text (`"7.1234"`). */
export const RatesSchema = z.partialRecord(
  z.enum(['USD']),
  z.string().regex(/^\d{1,4}(\.\d{1,6})?$/, 'rate like 7.1234'),
);
export type Rates = z.infer<typeof RatesSchema>;

// ── 信用预警 (credit flags) in the month-end report ────────────────────────────────────────────────

/** Most credit limits one run request may carry (the run body is small). */
export const MAX_CREDIT_LIMITS = 200;
/** Open items older than this many days are flagged when the run states no other number. */
export const DEFAULT_CREDIT_MAX_DAYS = 90;

/**
 * What the run checks: optional credit limits per customer and currency, and the age in days beyond
 * which open items are flagged. Given in the run body, else taken from the price policy in force at the
 * month end (CREDIT_SOURCES says which).
 */
const CreditLimitSchema = z
  .object({
    customer: text,
    currency: LedgerCurrencySchema.default('CNY'),
    /** 信用额度, decimal yuan. */
    limit: MoneySchema.refine((m) => !m.startsWith('-'), 'a limit is not negative'),
  })
  .strict();
export const CreditCheckSchema = z
  .object({
    maxDays: z.number().int().min(1).max(3650),
    limits: z.array(CreditLimitSchema).max(MAX_CREDIT_LIMITS),
  })
  .strict();
export type CreditCheck = z.output<typeof CreditCheckSchema>;
/** The check as a report stores it: from the policy it may carry more limits than a run body. */
export const AppliedCreditCheckSchema = z.object({
  maxDays: z.number().int().min(1).max(3650),
  limits: z.array(CreditLimitSchema),
});

/**
 * Where the run's credit check came from: the run body, the price policy in force at the month end
 * (超期预警天数 / 【信用额度】), the previous run's body, or the default (90 days, no limits).
 */
export const CREDIT_SOURCES = ['request', 'policy', 'previousRun', 'default'] as const;
export type CreditSource = (typeof CREDIT_SOURCES)[number];

// ── 返点 (rebates) accrued year to date, in the month-end report and on statements ───────────────

export const REBATE_STATUSES = ['accrued', 'below_first_tier', 'no_tiers', 'unknown_class'] as const;
export type RebateStatus = (typeof REBATE_STATUSES)[number];

/** One customer's rebate, 1 January to the month end, by the policy in force at the month end. */
export const RebateAccrualSchema = z.object({
  customer: z.string(),
  /** 客户类别 from the sales ledger (the latest order that states it); null when no order does. */
  customerClass: z.string().nullable(),
  /** 新老客户 from the sales ledger likewise; null when unknown. */
  newCustomer: z.boolean().nullable(),
  /** The order row the class was taken from. */
  classSource: SourceSchema.nullable(),
  /** Net CNY shipments (tax-inclusive, returns and allowances deducted), 1 January to the month end. */
  volume: MoneySchema,
  /** The tier reached; null below the first tier or when the class is unknown. */
  tier: z.object({ threshold: MoneySchema, rate: z.string() }).nullable(),
  /** volume × the reached tier's rate, to the fen (half-up). */
  accrued: MoneySchema,
  next: z.object({ threshold: MoneySchema, rate: z.string(), volumeNeeded: MoneySchema }).nullable(),
  status: z.enum(REBATE_STATUSES),
  /** Why nothing accrues (no tiers for the class, class unknown…); null when it does. */
  note: MonthEndTextSchema.nullable(),
});
export type RebateAccrualRow = z.infer<typeof RebateAccrualSchema>;

export const RebateReportSchema = z.object({
  /** The price-policy version in force on `through`; null when none was published. */
  policyVersion: z.number().int().positive().nullable(),
  year: z.number().int(),
  through: LedgerDateSchema,
  customers: z.array(RebateAccrualSchema),
  notes: z.array(MonthEndTextSchema),
});
export type RebateReport = z.infer<typeof RebateReportSchema>;
export const DEFAULT_CREDIT_CHECK: CreditCheck = { maxDays: DEFAULT_CREDIT_MAX_DAYS, limits: [] };

/** One flagged customer (per currency): over its limit, or with items older than maxDays, or both. */
export const CreditFlagSchema = z.object({
  customer: z.string(),
  currency: LedgerCurrencySchema,
  closing: MoneySchema,
  overLimit: z.object({ limit: MoneySchema, over: MoneySchema }).nullable(),
  overdue: z.object({ days: z.number().int(), oldestDays: z.number().int(), amount: MoneySchema }).nullable(),
  message: MonthEndTextSchema,
});
export type CreditFlagRow = z.infer<typeof CreditFlagSchema>;

export const MonthEndReportSchema = z.object({
  month: MonthSchema,
  /** Counts report versions of the month from 1. */
  version: z.number().int().positive(),
  runAt: z.string(),
  runBy: z.string(),
  trigger: z.enum(RUN_TRIGGERS),
  /** The ledger versions the run read (null = never synced for that month). */
  ledgerVersions: z.record(LedgerKindSchema, z.number().int().nullable()),
  rates: RatesSchema,
  matchWindowDays: z.number().int().nonnegative(),
  reconciliation: z.object({
    totals: z.array(ReconciliationTotalsSchema),
    cny: CnyTotalsSchema,
    differences: z.array(DifferenceSchema),
  }),
  orderLines: z.array(OrderLineStatusSchema),
  unmatchedShipments: z.array(UnmatchedShipmentSchema),
  shippedNotInvoiced: z.array(ShippedNotInvoicedSchema),
  invoicedNotShipped: z.array(InvoicedNotShippedSchema),
  tracking: z.array(TrackingRowSchema),
  changes: ReportChangesSchema.nullable(),
  notes: z.array(MonthEndTextSchema),
  /** 业务员考核 for the month (shipments basis), stored with the report (contract/scorecard); absent on older reports. */
  scorecard: z.custom<ScorecardResponse>((v) => typeof v === 'object' && v !== null).optional(),
  /**
   * 信用预警 as of the month's last day (receivables with synced 期初余额): the check applied and the
   * customers flagged. A warning only; absent on older reports.
   */
  credit: z
    .object({
      check: AppliedCreditCheckSchema,
      flags: z.array(CreditFlagSchema),
      /** Where the check came from; absent on older reports (the run body or the default). */
      source: z.enum(CREDIT_SOURCES).optional(),
      /** The price-policy version the check came from when `source` is `policy`. */
      policyVersion: z.number().int().positive().nullable().optional(),
    })
    .optional(),
  /** 返点 accrued year to date per customer (policy in force at the month end); absent on older reports. */
  rebates: RebateReportSchema.optional(),
});
export type MonthEndReport = z.infer<typeof MonthEndReportSchema>;

// ── POST /api/month-end/{yyyy-mm}/run ───────────────────────────────────────────────────────────

export const MonthEndRunRequestSchema = z
  .object({
    /** Rates for this month; when omitted the last run's rates are kept. */
    rates: RatesSchema.optional(),
    matchWindowDays: z.number().int().min(0).max(31).optional(),
    /** 信用预警 check (limits, days); wins over the price policy's. Omitted: the policy's, else the last run's, else 90 days. */
    credit: CreditCheckSchema.optional(),
  })
  .strict();
export type MonthEndRunRequest = z.infer<typeof MonthEndRunRequestSchema>;

export const MonthEndRunResponseSchema = z.object({
  /** false when nothing changed since the latest report (the same report is returned). */
  created: z.boolean(),
  report: MonthEndReportSchema,
});
export type MonthEndRunResponse = z.infer<typeof MonthEndRunResponseSchema>;

// ── Month state: GET /api/month-end, close / reopen ─────────────────────────────────────────────

export const MONTH_STATES = ['open', 'closed'] as const;
export type MonthState = (typeof MONTH_STATES)[number];

export const LedgerStatusSchema = z.object({
  version: z.number().int().positive(),
  rows: z.number().int().nonnegative(),
  syncedBy: z.string(),
  syncedAt: z.string(),
});

export const MonthStatusSchema = z.object({
  month: MonthSchema,
  state: z.enum(MONTH_STATES),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Last reopen's reason (kept after a later close too, for the record). */
  reopenedBy: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenReason: z.string().nullable(),
  reportVersion: z.number().int().positive().nullable(),
  lastRunAt: z.string().nullable(),
  ledgers: z.partialRecord(LedgerKindSchema, LedgerStatusSchema),
});
export type MonthStatus = z.infer<typeof MonthStatusSchema>;

export const MonthListResponseSchema = z.object({ months: z.array(MonthStatusSchema) });
export type MonthListResponse = z.infer<typeof MonthListResponseSchema>;

export const CloseMonthRequestSchema = z
  .object({ note: z.string().max(MAX_REASON_LENGTH).optional() })
  .strict();
export type CloseMonthRequest = z.infer<typeof CloseMonthRequestSchema>;

export const ReopenMonthRequestSchema = z
  .object({ reason: z.string().trim().min(1).max(MAX_REASON_LENGTH) })
  .strict();
export type ReopenMonthRequest = z.infer<typeof ReopenMonthRequestSchema>;

// ── Row validation with messages that name sheet, row and column ────────────────────────────────

export type LedgerParseResult<K extends SyncKind> =
  { ok: true; rows: LedgerRowByKind[K][] } | { ok: false; errors: LedgerRowError[] };

function sourceOf(row: unknown): Source | null {
  const parsed = SourceSchema.safeParse((row as { source?: unknown } | null)?.source);
  return parsed.success ? parsed.data : null;
}

function shown(input: unknown): string {
  if (input === undefined || input === null) return '(空)';
  const t = typeof input === 'string' ? `"${input}"` : JSON.stringify(input);
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

const EXPECTED_BY_FIELD: Readonly<Record<string, MonthEndText>> = {
  amount: msg('精确到分的金额（如 1234.50）', 'an amount exact to the fen (e.g. 1234.50)'),
  unitPrice: msg('精确到分的金额', 'an amount exact to the fen'),
  debit: msg('精确到分的金额（借方或贷方至少一个）', 'an amount exact to the fen (debit or credit)'),
  credit: msg('精确到分的金额', 'an amount exact to the fen'),
  qty: msg('数字', 'a number'),
  currency: msg('CNY 或 USD', 'CNY or USD'),
  method: msg('电汇、承兑汇票或现金', '电汇 (transfer), 承兑汇票 (acceptance) or 现金 (cash)'),
  line: msg('正整数', 'a positive whole number'),
  source: msg('{sheet, row} 来源位置', 'a {sheet, row} location'),
};
const DATE_FIELDS = new Set([
  'date',
  'shipDate',
  'deliveryDate',
  'invoiceDate',
  'signedDate',
  'maturityDate',
]);

/** A readable error for one zod issue of row `index`. */
export function ledgerRowError(index: number, row: unknown, issue: z.core.$ZodIssue): LedgerRowError {
  const source = sourceOf(row);
  const field = typeof issue.path[0] === 'string' ? issue.path[0] : null;
  const label: MonthEndText =
    (field !== null ? LEDGER_FIELD_LABELS[field] : undefined) ?? msg(field ?? '此行', field ?? 'this row');
  const found = field && row && typeof row === 'object' ? (row as Record<string, unknown>)[field] : undefined;
  const expected: MonthEndText =
    (field !== null ? EXPECTED_BY_FIELD[field] : undefined) ??
    (field !== null && DATE_FIELDS.has(field)
      ? msg('日期 YYYY-MM-DD', 'a date YYYY-MM-DD')
      : msg('不为空的文本', 'non-empty text'));
  const where = source
    ? msg(`${source.sheet} 第${source.row}行`, `${source.sheet} row ${source.row}`)
    : msg(`第${index + 1}条`, `Row #${index + 1}`);
  return {
    index,
    source,
    field,
    message: msg(
      `${where['zh-CN']}，${label['zh-CN']}：应为${expected['zh-CN']}，实为 ${shown(found)}`,
      `${where['en-US']}, ${label['en-US']}: expected ${expected['en-US']}, found ${shown(found)}`,
    ),
  };
}

/** Check every row of a PUT body; all bad rows are reported at once (the handler answers 422). */
export function parseLedgerRows<K extends SyncKind>(kind: K, rows: readonly unknown[]): LedgerParseResult<K> {
  const schema = LEDGER_ROW_SCHEMAS[kind] as unknown as z.ZodType<LedgerRowByKind[K]>;
  const out: LedgerRowByKind[K][] = [];
  const errors: LedgerRowError[] = [];
  rows.forEach((row, index) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) out.push(parsed.data);
    else errors.push(ledgerRowError(index, row, parsed.error.issues[0]!));
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows: out };
}
