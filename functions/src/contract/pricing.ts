/**
 * The HTTP contract of the price policy and price validation, shared with the add-in:
 * zod schemas and the types inferred from them. No server code and no Node imports here.
 *
 * Units on the wire:
 * - prices are yuan (or US dollars) as JSON numbers, tax-inclusive, exact to 0.01 (`875.5`);
 * - every `pct` / `…Pct` / `vatRate` is a percent number: `12.5` means 12.5 %, `13` means 13 %;
 * - dates are `YYYY-MM-DD` (China time).
 * The policy schema checks shapes only; the values (missing or negative prices, caps outside
 * 0–100, tying rules…) are judged by the domain's checkPolicy, which names sheet locations.
 */
import { z } from 'zod';
import { BilingualSchema, type Bilingual } from './text';

// The one bilingual text (contract/text.ts), re-exported for the price modules that import it from here.
export { BilingualSchema, type Bilingual };

// ── Reference values ────────────────────────────────────────────────────────────────────────────

/** Customer classes as the sheets write them (the canonical values). */
export const CUSTOMER_CLASSES = ['经销商', '重点客户', '终端客户', '政府采购', '外贸', '电商'] as const;
export type CustomerClass = (typeof CUSTOMER_CLASSES)[number];
export const CustomerClassSchema = z.enum(CUSTOMER_CLASSES);

/** Labels and a stable code per class; a line's customerClass may also be given by code or en-US label. */
export const CUSTOMER_CLASS_LABELS: Readonly<Record<CustomerClass, Bilingual & { readonly code: string }>> = {
  经销商: { 'zh-CN': '经销商', 'en-US': 'Distributor', code: 'distributor' },
  重点客户: { 'zh-CN': '重点客户', 'en-US': 'Key account', code: 'keyAccount' },
  终端客户: { 'zh-CN': '终端客户', 'en-US': 'End user', code: 'endUser' },
  政府采购: { 'zh-CN': '政府采购', 'en-US': 'Government procurement', code: 'government' },
  外贸: { 'zh-CN': '外贸', 'en-US': 'Export', code: 'export' },
  电商: { 'zh-CN': '电商', 'en-US': 'E-commerce', code: 'eCommerce' },
};

export const CURRENCIES = ['CNY', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const CurrencySchema = z.enum(CURRENCIES);

/** VAT in percent when the policy does not say (China's standard rate for goods). */
export const DEFAULT_VAT_RATE = 13;
/** Most lines one validate request may carry (the handler answers 413 above it; the add-in splits below). */
export const MAX_VALIDATE_LINES = 50_000;
/** Largest validate request body in bytes (413 above it). */
export const MAX_VALIDATE_BODY_BYTES = 32 * 1024 * 1024;
/** Largest policy body in bytes: thousands of products with Chinese names fit with room to spare. */
export const MAX_POLICY_BYTES = 8 * 1024 * 1024;
/** Problems listed in one 422 answer; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 1_000;
/** An approval is a few hundred bytes; this leaves room for a long note. */
export const MAX_APPROVAL_BYTES = 64 * 1024;

const text = z.string();
const optionalText = z.string().nullish();
const optionalNumber = z.number().nullish();
/**
 * The highest unit price the policy and approvals accept: 10 亿 (1e9) per unit, far above any pump or
 * engine, and well inside what money.ts keeps exact in fen. Above it is a typing error, answered 400.
 */
export const MAX_UNIT_PRICE = 1e9;
/** The largest quantity a rule's break may name. */
export const MAX_QTY = 1e9;
const price = z.number().max(MAX_UNIT_PRICE);
const optionalPrice = price.nullish();
/** Kept as text so checkPolicy can point at a bad date instead of rejecting the whole document. */
const dateText = z.string().describe('YYYY-MM-DD');

// ── The price policy document (价格政策) ──────────────────────────────────────────────────────────

export const PolicyProductSchema = z.object({
  /** 产品型号: the key lines are matched on (trimmed, case- and width-insensitive). */
  model: text,
  /** 产品名称 */
  name: text.default(''),
  /** 产品类别, e.g. 潜水泵; rules may be scoped to it. */
  productType: text.default(''),
  /** 单位 */
  unit: text.default(''),
  /** 指导价 list price, CNY tax-inclusive; null when the sheet cell is empty (checkPolicy reports it). */
  listPrice: price.nullable().default(null),
  /** 最低限价 floor price, CNY tax-inclusive. */
  floorPrice: optionalPrice,
  /** List price for export lines, USD (no VAT). Lines in USD are `invalid` for products without it. */
  listPriceUsd: optionalPrice,
  floorPriceUsd: optionalPrice,
});
export type PolicyProduct = z.output<typeof PolicyProductSchema>;

/** Discount caps of one customer class, percent off list: existing (old) and new customers. */
export const DiscountCapSchema = z.object({ old: optionalNumber, new: optionalNumber });
export type DiscountCap = z.output<typeof DiscountCapSchema>;

/** Which products a rule covers: one model, one product type, or all (`'all'` or `{}`). */
export const ProductScopeSchema = z.union([
  z.literal('all'),
  z.object({ model: optionalText, productType: optionalText }),
]);
export type ProductScope = z.output<typeof ProductScopeSchema>;

/** Which customers a rule covers: one customer by name, a class, a region (片区), or all. */
export const CustomerScopeSchema = z.union([
  z.literal('all'),
  z.object({ name: optionalText, customerClass: optionalText, region: optionalText }),
]);
export type CustomerScope = z.output<typeof CustomerScopeSchema>;

/**
 * What a rule does. `discountCap` replaces the class cap; `extraDiscount` adds percentage points to it;
 * `fixedPrice` sets the lowest allowed price; `floor` raises the floor. Prices are in `currency` (CNY default).
 */
export const RuleEffectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('discountCap'), pct: z.number() }),
  z.object({ kind: z.literal('extraDiscount'), pct: z.number() }),
  z.object({ kind: z.literal('fixedPrice'), price, currency: CurrencySchema.nullish() }),
  z.object({ kind: z.literal('floor'), price, currency: CurrencySchema.nullish() }),
]);
export type RuleEffect = z.output<typeof RuleEffectSchema>;
export type RuleEffectKind = RuleEffect['kind'];

export const PolicyRuleSchema = z.object({
  /** Unique within the policy; named in explanations and problems. */
  id: text,
  /** Higher wins; default 0. */
  priority: optionalNumber,
  product: ProductScopeSchema.default('all'),
  customer: CustomerScopeSchema.default('all'),
  /** Quantity break: the rule applies when minQty ≤ qty ≤ maxQty. */
  minQty: z.number().max(MAX_QTY).nullish(),
  maxQty: z.number().max(MAX_QTY).nullish(),
  /** Validity on the order date, both ends inclusive (temporary policies). */
  validFrom: dateText.nullish(),
  validTo: dateText.nullish(),
  effect: RuleEffectSchema,
  note: optionalText,
});
export type PolicyRule = z.output<typeof PolicyRuleSchema>;

// ── 返点政策 and 信用额度: optional blocks of the 价格政策 sheet (formats.md) ────────────────────────

/** Open items older than this many days are a credit flag when the policy names no 超期预警天数. */
export const DEFAULT_POLICY_CREDIT_MAX_DAYS = 90;
/** Most rebate tiers and credit limits one policy may carry. */
export const MAX_REBATE_TIERS = 1_000;
export const MAX_POLICY_CREDIT_LIMITS = 5_000;

/**
 * One rebate tier (返点档位), the shape of domain/rebates' RebateTier. Amounts stay text so checkPolicy
 * can name a bad cell instead of rejecting the whole document: `threshold` is decimal yuan
 * (tax-inclusive annual CNY volume), `rate` a decimal fraction (`"0.02"` = 2 %).
 */
export const PolicyRebateTierSchema = z.object({
  /** 客户类别 (canonical name); null/absent = 全部. */
  customerClass: optionalText,
  /** 新老客户: true 新客户, false 老客户, null/absent = 全部. */
  newCustomer: z.boolean().nullish(),
  threshold: text,
  rate: text,
});
export type PolicyRebateTier = z.output<typeof PolicyRebateTierSchema>;

/** One 信用额度 row: the shape of contract/monthEnd's CreditCheck limits (checked by checkPolicy). */
export const PolicyCreditLimitSchema = z.object({
  customer: text,
  /** CNY or USD (checkPolicy names anything else); default CNY. */
  currency: text.default('CNY'),
  /** Decimal yuan (or dollars). */
  limit: text,
});
export type PolicyCreditLimit = z.output<typeof PolicyCreditLimitSchema>;

/** 信用预警 settings: 超期预警天数 and the 信用额度 block; the month-end run uses them when its body has none. */
export const PolicyCreditSchema = z.object({
  maxDays: z.number().default(DEFAULT_POLICY_CREDIT_MAX_DAYS),
  limits: z.array(PolicyCreditLimitSchema).max(MAX_POLICY_CREDIT_LIMITS).default([]),
});
export type PolicyCredit = z.output<typeof PolicyCreditSchema>;

export const PricePolicySchema = z.object({
  /** VAT in percent (13 = 13 %), used to convert tax-exclusive lines. */
  vatRate: z.number().default(DEFAULT_VAT_RATE),
  /** The date from which this version judges orders. */
  effectiveDate: dateText,
  products: z.array(PolicyProductSchema),
  /** Per customer class (canonical Chinese name), caps for old and new customers. */
  discountCaps: z.record(z.string(), DiscountCapSchema).default({}),
  rules: z.array(PolicyRuleSchema).default([]),
  /** 返点政策; absent on policies published before it existed (no rebates accrue). */
  rebateTiers: z.array(PolicyRebateTierSchema).max(MAX_REBATE_TIERS).optional(),
  /** 信用额度 and 超期预警天数; absent on older policies (the run keeps its default check). */
  credit: PolicyCreditSchema.optional(),
  note: optionalText,
});
export type PricePolicy = z.output<typeof PricePolicySchema>;
/** What a client may send (defaults not yet applied). */
export type PricePolicyInput = z.input<typeof PricePolicySchema>;

/** One published version. `version` counts publishes from 1. */
export const PolicyVersionSchema = z.object({
  version: z.number().int().positive(),
  publishedAt: z.string().describe('ISO 8601 instant'),
  publishedBy: z.string(),
  policy: PricePolicySchema,
});
export type PolicyVersion = z.output<typeof PolicyVersionSchema>;

/** The days a version judges orders: from its effective date until the day before a later one takes over. */
export const InForceSchema = z.object({
  from: z.string(),
  /** Last day in force; null: open-ended. */
  until: z.string().nullable(),
  /** The version that takes over after `until`. */
  followedBy: z.number().int().nullable(),
});
export type InForce = z.infer<typeof InForceSchema>;

/** Answer of `GET /api/price-policy` (also `?at=`) and `GET /api/price-policy/versions/{n}`: one version. */
export const PolicyVersionBodySchema = z.object({
  version: z.number().int().positive(),
  effectiveDate: z.string(),
  policy: PricePolicySchema,
  publishedBy: z.string(),
  publishedAt: z.string(),
  summary: BilingualSchema,
});
export type PolicyVersionBody = z.infer<typeof PolicyVersionBodySchema>;

// ── Problems found in a policy (checkPolicy) ──────────────────────────────────────────────────────

/** Where a problem sits, for the add-in to map onto sheet / row / column. */
export const PolicyLocationSchema = z.discriminatedUnion('section', [
  z.object({ section: z.literal('policy'), field: z.enum(['vatRate', 'effectiveDate', 'creditMaxDays']) }),
  z.object({
    section: z.literal('products'),
    index: z.number().int(),
    model: z.string().optional(),
    field: z.string().optional(),
  }),
  z.object({
    section: z.literal('discountCaps'),
    customerClass: z.string(),
    field: z.enum(['old', 'new']).optional(),
  }),
  z.object({
    section: z.literal('rules'),
    index: z.number().int(),
    ruleId: z.string().optional(),
    field: z.string().optional(),
  }),
  z.object({
    section: z.literal('rebateTiers'),
    index: z.number().int(),
    field: z.enum(['customerClass', 'newCustomer', 'threshold', 'rate']).optional(),
  }),
  z.object({
    section: z.literal('creditLimits'),
    index: z.number().int(),
    customer: z.string().optional(),
    field: z.enum(['customer', 'currency', 'limit']).optional(),
  }),
]);
export type PolicyLocation = z.infer<typeof PolicyLocationSchema>;

export const POLICY_PROBLEM_CODES = [
  'invalid_vat_rate',
  'vat_rate_looks_like_fraction',
  'invalid_date',
  'missing_model',
  'duplicate_model',
  'missing_price',
  'non_positive_price',
  'price_not_exact',
  'floor_above_list',
  'unknown_customer_class',
  'missing_cap',
  'cap_out_of_range',
  'missing_rule_id',
  'duplicate_rule_id',
  'bad_scope',
  'unknown_model',
  'unknown_product_type',
  'bad_qty_range',
  'bad_date_range',
  'bad_effect',
  'fixed_price_below_floor',
  'rule_floor_above_list',
  'rules_tie',
  'bad_rebate_threshold',
  'bad_rebate_rate',
  'duplicate_rebate_tier',
  'rebate_rate_falls',
  'bad_credit_days',
  'missing_customer',
  'duplicate_credit_limit',
  'bad_credit_limit',
  'unknown_currency',
] as const;
export type PolicyProblemCode = (typeof POLICY_PROBLEM_CODES)[number];

export const PolicyProblemSchema = z.object({
  code: z.enum(POLICY_PROBLEM_CODES),
  /** Errors block publishing; warnings are shown but do not. */
  severity: z.enum(['error', 'warning']),
  where: PolicyLocationSchema,
  /** Other places involved (the first of two duplicates, the other rule of a tie). */
  also: z.array(PolicyLocationSchema).optional(),
  message: BilingualSchema,
});
export type PolicyProblem = z.infer<typeof PolicyProblemSchema>;

// ── Difference between the published policy and a draft (diffPolicies) ───────────────────────────

export const FieldChangeSchema = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export type FieldChange = z.infer<typeof FieldChangeSchema>;

const changeList = <K extends z.ZodType>(key: K) =>
  z.object({
    added: z.array(key),
    changed: z.array(z.object({ key, fields: z.array(FieldChangeSchema) })),
    removed: z.array(key),
  });

export const PolicyDiffSchema = z.object({
  /** vatRate / effectiveDate / note changes. */
  settings: z.array(FieldChangeSchema),
  /** Keyed by model. */
  products: changeList(z.string()),
  /** Keyed by customer class. */
  discountCaps: changeList(z.string()),
  /** Keyed by rule id. */
  rules: changeList(z.string()),
  /** 返点档位, keyed `class|new-old|threshold` (`全部|老客户|1000000.00`); absent from older answers. */
  rebateTiers: changeList(z.string()).optional(),
  /** 信用额度, keyed `customer|currency`; 超期预警天数 changes are in `settings` (`creditMaxDays`). */
  creditLimits: changeList(z.string()).optional(),
  isEmpty: z.boolean(),
  /** One line for the publish dialog and the audit log. */
  summary: BilingualSchema,
});
export type PolicyDiff = z.infer<typeof PolicyDiffSchema>;

// ── Price validation: POST /api/prices/validate ──────────────────────────────────────────────────

/**
 * One line to judge, as the add-in sends it. Only id, model, qty and unitPrice are needed; a line
 * without unitPrice (or qty) is `invalid` but still carries the prices that could be worked out.
 */
export const PriceLineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  /** Order date; without it the line is judged by the version in force today (China time). */
  orderDate: dateText.nullish(),
  model: z.string(),
  customer: optionalText,
  /** Canonical class (经销商…), or its code / en-US label. */
  customerClass: optionalText,
  /** Default false: an existing (old) customer. */
  isNewCustomer: z.boolean().nullish(),
  region: optionalText,
  qty: optionalNumber,
  unitPrice: optionalNumber,
  /** Default true: the price includes VAT. */
  taxIncluded: z.boolean().nullish(),
  /** Default CNY. */
  currency: optionalText,
  approvalRef: optionalText,
  /**
   * Inputs the caller does not know (a worksheet function's omitted arguments), optional. For each one
   * left empty on the line, the engine also judges the line under every value the policy in force
   * could treat differently, and answers in `dependsOn` / `minPriceDependsOn` which of them change the
   * verdict or the lowest price. Without it, empty inputs take their defaults (old customer, no region,
   * no customer, CNY) as before.
   */
  unknownInputs: z.array(z.string()).nullish(),
});
export type PriceLine = z.input<typeof PriceLineSchema>;

/** The inputs a line may leave open (see PriceLine.unknownInputs), in the order they are named. */
export const OPEN_INPUTS = ['isNewCustomer', 'region', 'customer', 'currency'] as const;
export type OpenInput = (typeof OPEN_INPUTS)[number];
export const OpenInputSchema = z.enum(OPEN_INPUTS);

/** How an open input is named to the user (`需确认新老客户` / `Confirm new or old customer`). */
export const OPEN_INPUT_LABELS: Readonly<Record<OpenInput, Bilingual>> = {
  isNewCustomer: { 'zh-CN': '新老客户', 'en-US': 'new or old customer' },
  region: { 'zh-CN': '片区', 'en-US': 'region' },
  customer: { 'zh-CN': '客户', 'en-US': 'customer' },
  currency: { 'zh-CN': '币种', 'en-US': 'currency' },
};

/** `需确认新老客户、片区` / `Confirm new or old customer, region`: what a cell shows when the answer depends on them. */
export function needsInputText(inputs: readonly OpenInput[]): Bilingual {
  const zh = inputs.map((i) => OPEN_INPUT_LABELS[i]['zh-CN']).join('、');
  const en = inputs.map((i) => OPEN_INPUT_LABELS[i]['en-US']).join(', ');
  return { 'zh-CN': `需确认${zh}`, 'en-US': `Confirm ${en}` };
}

/**
 * The request envelope, checked strictly; each line is judged on its own by the engine (a bad line
 * becomes an `invalid` result, the others are still judged), so lines are not checked here.
 * The handler enforces MAX_VALIDATE_LINES (413).
 */
export const ValidateRequestSchema = z.object({ lines: z.array(z.unknown()) });
/** The typed request the add-in builds. */
export interface ValidateRequest {
  lines: PriceLine[];
}

/**
 * The same request in columns (`form: "columns"`), what the add-in sends: one array per field instead of
 * one object per line, and the text fields (dates, models, customers, classes, regions, currencies,
 * approval numbers) as indexes into `strings`, where each distinct text appears once. About a fifth of
 * the verbose body, so the browser's JSON.stringify and fetch of a 5,000-line batch stay far under 100 ms.
 * `columns.<field>[i]` is line i's field (null: empty); a column left out is empty on every line. The
 * lines rebuilt from it (domain/pricing/requestColumns) are judged exactly as the verbose ones, each
 * on its own; only the shape (lengths, indexes) is refused, with 400 naming the column.
 */
export const TEXT_COLUMNS = [
  'orderDate',
  'model',
  'customer',
  'customerClass',
  'region',
  'currency',
  'approvalRef',
] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];
/** Fields sent as they are (numbers, booleans, ids, the list of open inputs). */
export const VALUE_COLUMNS = [
  'id',
  'isNewCustomer',
  'qty',
  'unitPrice',
  'taxIncluded',
  'unknownInputs',
] as const;
export type ValueColumn = (typeof VALUE_COLUMNS)[number];

const textColumn = z.array(z.number().int().nonnegative().nullable()).optional();
const valueColumn = z.array(z.unknown()).optional();

export const ColumnarValidateRequestSchema = z
  .object({
    form: z.literal('columns'),
    /** Lines in the request; every column has exactly this many entries. */
    count: z.number().int().nonnegative(),
    strings: z.array(z.string()),
    columns: z.strictObject({
      id: valueColumn,
      orderDate: textColumn,
      model: textColumn,
      customer: textColumn,
      customerClass: textColumn,
      isNewCustomer: valueColumn,
      region: textColumn,
      qty: valueColumn,
      unitPrice: valueColumn,
      taxIncluded: valueColumn,
      currency: textColumn,
      approvalRef: textColumn,
      unknownInputs: valueColumn,
    }),
  })
  .superRefine((body, ctx) => {
    const columns = body.columns as Record<string, unknown[] | undefined>;
    for (const [name, column] of Object.entries(columns)) {
      if (!column) continue;
      if (column.length !== body.count) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', name],
          message: `列 ${name} 有 ${column.length} 项，应与 count 一致（${body.count} 项） / column ${name} has ${column.length} entries; count says ${body.count}`,
        });
        continue;
      }
      if (!(TEXT_COLUMNS as readonly string[]).includes(name)) continue;
      // One issue per column is enough to find the fault (a broken encoder gets every entry wrong).
      const bad = column.findIndex((v) => typeof v === 'number' && v >= body.strings.length);
      if (bad >= 0)
        ctx.addIssue({
          code: 'custom',
          path: ['columns', name, bad],
          message: `应为 strings 中的序号（0–${body.strings.length - 1}），实为 ${String(column[bad])} / expected an index into strings (0–${body.strings.length - 1}), found ${String(column[bad])}`,
        });
    }
  });
export type ColumnarValidateRequest = z.infer<typeof ColumnarValidateRequestSchema>;

export const PRICE_STATUSES = ['ok', 'needs_approval', 'below_floor', 'approved', 'invalid'] as const;
export type PriceStatus = (typeof PRICE_STATUSES)[number];

/** Status names for the sheet's result column. */
export const PRICE_STATUS_LABELS: Readonly<Record<PriceStatus, Bilingual>> = {
  ok: { 'zh-CN': '符合', 'en-US': 'OK' },
  needs_approval: { 'zh-CN': '需审批', 'en-US': 'Needs approval' },
  below_floor: { 'zh-CN': '低于最低限价', 'en-US': 'Below floor' },
  approved: { 'zh-CN': '已审批', 'en-US': 'Approved' },
  invalid: { 'zh-CN': '无法判断', 'en-US': 'Invalid' },
};

const nullablePrice = z.number().nullable();

export const PriceResultSchema = z.object({
  /** The line's id as sent (null when it had none); results[i] always answers lines[i]. */
  id: z.union([z.string(), z.number()]).nullable(),
  status: z.enum(PRICE_STATUSES),
  /** The version that judged the line. */
  policyVersion: z.number().nullable(),
  /** Tax-inclusive, in the line's currency. */
  listPrice: nullablePrice,
  /** Lowest price the policy allows for this line (never below the floor). */
  minPrice: nullablePrice,
  floorPrice: nullablePrice,
  /** Actual discount off list, percent (negative above list). */
  discountPct: z.number().nullable(),
  /** Discount the policy allows, percent. */
  maxDiscountPct: z.number().nullable(),
  /** Rules that shaped minPrice/floorPrice, highest precedence first. */
  ruleIds: z.array(z.string()),
  message: BilingualSchema,
  /**
   * Only for lines that sent `unknownInputs`: the open inputs whose value changes `status` (empty:
   * the status holds whatever they are). `status` itself is the verdict under their defaults.
   */
  dependsOn: z.array(OpenInputSchema).optional(),
  /** Likewise for `minPrice`. */
  minPriceDependsOn: z.array(OpenInputSchema).optional(),
});
export type PriceResult = z.infer<typeof PriceResultSchema>;

export const ValidateSummarySchema = z.object({
  total: z.number().int(),
  ok: z.number().int(),
  needs_approval: z.number().int(),
  below_floor: z.number().int(),
  approved: z.number().int(),
  invalid: z.number().int(),
});
export type ValidateSummary = z.infer<typeof ValidateSummarySchema>;

export const ValidateResponseSchema = z.object({
  /** The version in force today (lines with other order dates may be judged by others: see each result). */
  policyVersion: z.number().nullable(),
  results: z.array(PriceResultSchema),
  summary: ValidateSummarySchema,
});
export type ValidateResponse = z.infer<typeof ValidateResponseSchema>;

/** The answer forms of POST /api/prices/validate (`?detail=`); `full` is the default. */
export const VALIDATE_DETAILS = ['full', 'flagged', 'compact'] as const;
export type ValidateDetail = (typeof VALIDATE_DETAILS)[number];

/**
 * The priced outcome shared by lines that are simply 符合 in a compact answer:
 * [policyVersion, currency, listPrice, minPrice, floorPrice, maxDiscountPct, ruleIds].
 */
export const CompactOutcomeSchema = z.tuple([
  z.number().nullable(),
  CurrencySchema,
  nullablePrice,
  nullablePrice,
  nullablePrice,
  z.number().nullable(),
  z.array(z.string()),
]);
export type CompactOutcome = z.infer<typeof CompactOutcomeSchema>;

/**
 * `?detail=compact`: `results[i]` answers `lines[i]` either as a whole result (as `flagged` gives it) or,
 * for a line that is simply 符合, as the index of its outcome in `outcomes`. The id, the discount and
 * the message (`单价 … 不低于最低允许价 …。`) follow from the line sent: expandAnswer (domain/pricing)
 * rebuilds the `flagged` answer exactly. About 10 bytes instead of 330 for such a line.
 */
export const CompactValidateResponseSchema = z.object({
  form: z.literal('compact'),
  policyVersion: z.number().nullable(),
  outcomes: z.array(CompactOutcomeSchema),
  results: z.array(z.union([z.number().int().nonnegative(), PriceResultSchema])),
  summary: ValidateSummarySchema,
});
export type CompactValidateResponse = z.infer<typeof CompactValidateResponseSchema>;

// ── Approvals (特殊订单 / 审批单号): POST/GET /api/approvals ──────────────────────────────────────

export const ApprovalSchema = z
  .object({
    /** 审批单号, quoted by lines as approvalRef. */
    ref: z.string().trim().min(1),
    customer: z.string().trim().min(1),
    model: z.string().trim().min(1),
    /**
     * Lowest unit price approved, tax-inclusive, in `currency`. At least one fen: a smaller amount rounds
     * to 0 fen, which would approve any price.
     */
    minUnitPrice: z.number().min(0.01).max(MAX_UNIT_PRICE),
    currency: CurrencySchema.default('CNY'),
    validFrom: z.iso.date(),
    validTo: z.iso.date(),
    approvedBy: optionalText,
    note: optionalText,
  })
  .refine((a) => a.validFrom <= a.validTo, {
    message: 'validTo must not be before validFrom / 截止日期不能早于开始日期',
    path: ['validTo'],
  });
export type Approval = z.output<typeof ApprovalSchema>;
export type ApprovalInput = z.input<typeof ApprovalSchema>;

// ── Answers the add-in reads (it checks every answer against these before using it) ─────────────────
// Fields the API always sends but the add-in does not need are optional here, so a fake or an older
// host that leaves them out is not refused; the shapes the add-in reads are checked in full.

/** Answer of `GET /api/price-policy/versions`, newest first. */
export const PolicyVersionListSchema = z.object({
  current: z.number().int().nullable(),
  versions: z.array(
    z.object({
      version: z.number().int().positive(),
      etag: z.string().optional(),
      effectiveDate: z.string(),
      inForce: InForceSchema.nullable().optional(),
      products: z.number().int().optional(),
      rules: z.number().int().optional(),
      publishedBy: z.string(),
      publishedAt: z.string(),
      summary: BilingualSchema.optional(),
    }),
  ),
});
export type PolicyVersionList = z.infer<typeof PolicyVersionListSchema>;

/** Answer of `PUT /api/price-policy` (201 first version, 200 later ones). */
export const PolicyPublishAnswerSchema = PolicyVersionBodySchema.extend({
  summary: BilingualSchema.optional(),
  inForce: InForceSchema.nullable().optional(),
  diff: PolicyDiffSchema.optional(),
  warnings: z.array(PolicyProblemSchema).optional(),
});
export type PolicyPublishAnswer = z.infer<typeof PolicyPublishAnswerSchema>;

/** Answer of `POST /api/approvals`: the approval as stored. */
export const StoredApprovalSchema = z.object({
  ref: z.string(),
  customer: z.string(),
  model: z.string(),
  minUnitPrice: z.number(),
  currency: CurrencySchema,
  validFrom: z.string(),
  validTo: z.string(),
  approvedBy: z.string().nullish(),
  note: z.string().nullish(),
  registeredBy: z.string(),
  registeredById: z.string().optional(),
  registeredAt: z.string(),
});
export type StoredApprovalAnswer = z.infer<typeof StoredApprovalSchema>;

/** Answer of `GET /api/approvals`. */
export const ApprovalListSchema = z.object({ approvals: z.array(StoredApprovalSchema) });

/** Answer of `POST /api/prices/validate` as the add-in checks it: it counts its own rows, so the summary is not read. */
export const ValidateAnswerSchema = ValidateResponseSchema.extend({ summary: z.unknown().optional() });
