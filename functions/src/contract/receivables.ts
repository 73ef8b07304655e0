/**
 * HTTP contract of receivables (应收账款) and aging (账龄): `GET /api/receivables?asOf=…`. Reads the
 * synced 发货台账 and 回款台账 (contract/monthEnd). Schemas and types only, shared with the add-in.
 * Money is decimal-yuan text exact to the fen in the customer's currency, as in contract/monthEnd.
 */
import { z } from 'zod';
import {
  LedgerCurrencySchema,
  LedgerDateSchema,
  MoneySchema,
  MonthEndTextSchema,
  MonthSchema,
  RebateAccrualSchema,
  SourceSchema,
  type Money,
  type RebateAccrualRow,
  type MonthEndText,
  type LedgerCurrency,
  type Source,
} from './monthEnd';
import { RegionScopeAnswerSchema, type RegionScopeAnswer } from './regions';

/** Upper bounds (days, inclusive) of the default aging buckets: 0–30, 31–60, 61–90, 91–180, 181–365, >365. */
export const DEFAULT_AGING_BOUNDS: readonly number[] = [30, 60, 90, 180, 365];
/** Most bucket bounds a caller may ask for. */
export const MAX_AGING_BOUNDS = 12;

/** Which date ages an open item: the ship date, or the invoice date (uninvoiced items fall back to the ship date). */
export const AGING_BASES = ['shipment', 'invoice'] as const;
export type AgingBasis = (typeof AGING_BASES)[number];

export const AGING_BASIS_LABELS: Readonly<Record<AgingBasis, MonthEndText>> = {
  shipment: { 'zh-CN': '按发货日期计算账龄', 'en-US': 'Aged from the ship date' },
  invoice: {
    'zh-CN': '按开票日期计算账龄（未开票的按发货日期）',
    'en-US': 'Aged from the invoice date (uninvoiced items from the ship date)',
  },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Query of `GET /api/receivables`. `buckets` = ascending upper bounds in days, comma-separated (`30,60,90`). */
export const ReceivablesQuerySchema = z.object({
  asOf: z.string().regex(DATE, 'YYYY-MM-DD'),
  customer: z.string().trim().min(1).max(200).optional(),
  rep: z.string().trim().min(1).max(200).optional(),
  basis: z.enum(AGING_BASES).default('shipment'),
  buckets: z
    .string()
    .regex(/^\d{1,5}(,\d{1,5})*$/, 'ascending whole days, comma-separated')
    .transform((s) => s.split(',').map(Number))
    .refine((b) => b.length <= MAX_AGING_BOUNDS && b.every((d, i) => d > 0 && (i === 0 || d > b[i - 1]!)), {
      message: `1 to ${MAX_AGING_BOUNDS} ascending whole days above 0`,
    })
    .optional(),
});
export type ReceivablesQuery = z.output<typeof ReceivablesQuerySchema>;

/** One aging bucket: `toDays` null = open-ended (> fromDays − 1). */
export interface AgingBucket {
  readonly fromDays: number;
  readonly toDays: number | null;
  readonly label: MonthEndText;
  readonly amount: Money;
}

/** A shipment/invoice not yet fully paid (or a credit not yet applied: negative `open`). */
export interface OpenItem {
  readonly kind: 'shipment' | 'unappliedCredit';
  /** Ship date of a shipment; date of the credit (receipt, return, allowance). */
  readonly date: string;
  /** The date the aging counts from (see `basis`). */
  readonly agingDate: string;
  readonly days: number;
  readonly deliveryNo: string | null;
  readonly invoiceNo: string | null;
  readonly contractNo: string | null;
  readonly amount: Money;
  readonly open: Money;
  readonly source: Source | null;
}

/** A 承兑汇票 received: counted as paid, listed apart with its maturity. */
export interface BankAcceptance {
  readonly date: string;
  readonly billNo: string | null;
  readonly amount: Money;
  readonly maturityDate: string | null;
  /** True when the maturity date is on or before asOf; null when unknown. */
  readonly matured: boolean | null;
  readonly source: Source;
}

export interface CustomerReceivable {
  readonly customer: string;
  readonly currency: LedgerCurrency;
  /** The rep and region of the customer's latest shipment (or receipt). */
  readonly rep: string | null;
  readonly region: string | null;
  /** opening + shipped − received − returns − allowances = closing (exact). */
  readonly opening: Money;
  readonly shipped: Money;
  readonly received: Money;
  readonly returns: Money;
  readonly allowances: Money;
  readonly closing: Money;
  /** Part of `received` paid by 承兑汇票, and the part of it not matured at asOf. */
  readonly bankAcceptances: {
    readonly total: Money;
    readonly notMatured: Money;
    readonly bills: BankAcceptance[];
  };
  /** Buckets sum to `closing` (an unapplied credit sits, negative, in the bucket of its date). */
  readonly aging: AgingBucket[];
  readonly openItems: OpenItem[];
}

export interface ReceivablesResponse {
  readonly asOf: string;
  readonly basis: AgingBasis;
  readonly basisLabel: MonthEndText;
  readonly bounds: readonly number[];
  readonly customers: CustomerReceivable[];
  /** Per currency: sum of closing and of each bucket over the customers listed. */
  readonly totals: {
    readonly currency: LedgerCurrency;
    readonly closing: Money;
    readonly aging: AgingBucket[];
  }[];
  /** Ledger months read (shipments and receipts) and what is assumed. */
  readonly monthsRead: {
    readonly shipments: string[];
    readonly receipts: string[];
    /** Months of 期初余额 read (absent on older answers). */
    readonly openings?: string[];
  };
  readonly notes: MonthEndText[];
  /** The 片区 the answer covers (a regional manager's) and the customers withheld; absent on older answers. */
  readonly scope?: RegionScopeAnswer;
}

// ── Customer statement (对账单): `GET /api/statements/{customer}?month=YYYY-MM` ───────────────────

export const STATEMENT_LINE_KINDS = ['shipment', 'return', 'allowance', 'receipt', 'refund'] as const;
export type StatementLineKind = (typeof STATEMENT_LINE_KINDS)[number];
export const STATEMENT_LINE_LABELS: Readonly<Record<StatementLineKind, MonthEndText>> = {
  shipment: { 'zh-CN': '发货', 'en-US': 'Shipment' },
  return: { 'zh-CN': '退货', 'en-US': 'Return' },
  allowance: { 'zh-CN': '折让', 'en-US': 'Allowance' },
  receipt: { 'zh-CN': '回款', 'en-US': 'Payment received' },
  refund: { 'zh-CN': '退款', 'en-US': 'Refund' },
};

export interface StatementLine {
  readonly date: string;
  readonly kind: StatementLineKind;
  /** 出库单号, or 回款单号 / 票号. */
  readonly ref: string | null;
  readonly contractNo: string | null;
  readonly invoiceNo: string | null;
  readonly model: string | null;
  readonly qty: number | null;
  /** 承兑汇票 / 电汇 / 现金 for receipts. */
  readonly method: string | null;
  readonly maturityDate: string | null;
  /** Increases the balance (shipments, refunds). */
  readonly debit: Money;
  /** Decreases it (receipts, returns, allowances). */
  readonly credit: Money;
  /** Running balance after this line. */
  readonly balance: Money;
  readonly source: Source;
}

/** One customer's statement in one currency: opening + Σdebit − Σcredit = closing. */
export interface CustomerStatement {
  readonly customer: string;
  readonly currency: LedgerCurrency;
  readonly month: string;
  readonly from: string;
  readonly to: string;
  readonly opening: Money;
  readonly lines: StatementLine[];
  readonly totalDebit: Money;
  readonly totalCredit: Money;
  readonly closing: Money;
  /** Aging of the closing balance at the month end (by ship date, default buckets). */
  readonly aging: AgingBucket[];
  readonly bankAcceptances: CustomerReceivable['bankAcceptances'];
  /**
   * 返点 accrued 1 January to the month end (CNY statements only; null when none applies: no tiers, no
   * CNY volume). The same row as the month-end report's `rebates`. Absent from older answers.
   */
  readonly rebate?: RebateAccrualRow | null;
}

export interface StatementResponse {
  readonly customer: string;
  readonly month: string;
  /** One per currency the customer dealt in up to the month end. */
  readonly statements: CustomerStatement[];
  readonly notes: MonthEndText[];
  /** The selling company's name for the statement's header (SALESDESK_COMPANY_NAME); null when not set. */
  readonly company?: MonthEndText | null;
}

// ── Answer schemas (the add-in checks every answer against them, addin/src/api/answers.ts) ───────
// Written after the interfaces above; the `satisfies` checks below keep the two from drifting apart.

const AgingBucketSchema = z.object({
  fromDays: z.number().int(),
  toDays: z.number().int().nullable(),
  label: MonthEndTextSchema,
  amount: MoneySchema,
});

const BankAcceptancesSchema = z.object({
  total: MoneySchema,
  notMatured: MoneySchema,
  bills: z.array(
    z.object({
      date: LedgerDateSchema,
      billNo: z.string().nullable(),
      amount: MoneySchema,
      maturityDate: z.string().nullable(),
      matured: z.boolean().nullable(),
      source: SourceSchema,
    }),
  ),
});

export const ReceivablesResponseSchema = z.object({
  asOf: LedgerDateSchema,
  basis: z.enum(AGING_BASES),
  basisLabel: MonthEndTextSchema,
  bounds: z.array(z.number().int()).readonly(),
  customers: z.array(
    z.object({
      customer: z.string(),
      currency: LedgerCurrencySchema,
      rep: z.string().nullable(),
      region: z.string().nullable(),
      opening: MoneySchema,
      shipped: MoneySchema,
      received: MoneySchema,
      returns: MoneySchema,
      allowances: MoneySchema,
      closing: MoneySchema,
      bankAcceptances: BankAcceptancesSchema,
      aging: z.array(AgingBucketSchema),
      openItems: z.array(
        z.object({
          kind: z.enum(['shipment', 'unappliedCredit']),
          date: LedgerDateSchema,
          agingDate: LedgerDateSchema,
          days: z.number().int(),
          deliveryNo: z.string().nullable(),
          invoiceNo: z.string().nullable(),
          contractNo: z.string().nullable(),
          amount: MoneySchema,
          open: MoneySchema,
          source: SourceSchema.nullable(),
        }),
      ),
    }),
  ),
  totals: z.array(
    z.object({ currency: LedgerCurrencySchema, closing: MoneySchema, aging: z.array(AgingBucketSchema) }),
  ),
  monthsRead: z.object({
    shipments: z.array(MonthSchema),
    receipts: z.array(MonthSchema),
    openings: z.array(MonthSchema).optional(),
  }),
  notes: z.array(MonthEndTextSchema),
  scope: RegionScopeAnswerSchema.optional(),
});

export const StatementResponseSchema = z.object({
  customer: z.string(),
  month: MonthSchema,
  statements: z.array(
    z.object({
      customer: z.string(),
      currency: LedgerCurrencySchema,
      month: MonthSchema,
      from: LedgerDateSchema,
      to: LedgerDateSchema,
      opening: MoneySchema,
      lines: z.array(
        z.object({
          date: LedgerDateSchema,
          kind: z.enum(STATEMENT_LINE_KINDS),
          ref: z.string().nullable(),
          contractNo: z.string().nullable(),
          invoiceNo: z.string().nullable(),
          model: z.string().nullable(),
          qty: z.number().nullable(),
          method: z.string().nullable(),
          maturityDate: z.string().nullable(),
          debit: MoneySchema,
          credit: MoneySchema,
          balance: MoneySchema,
          source: SourceSchema,
        }),
      ),
      totalDebit: MoneySchema,
      totalCredit: MoneySchema,
      closing: MoneySchema,
      aging: z.array(AgingBucketSchema),
      bankAcceptances: BankAcceptancesSchema,
      rebate: RebateAccrualSchema.nullable().optional(),
    }),
  ),
  notes: z.array(MonthEndTextSchema),
  company: MonthEndTextSchema.nullable().optional(),
});

// Compile-time: every answer the interfaces allow passes the schema, and the other way round.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const receivablesSchemaMatches: Same<
  z.infer<typeof ReceivablesResponseSchema>,
  ReceivablesResponse
> = true;
export const statementSchemaMatches: Same<z.infer<typeof StatementResponseSchema>, StatementResponse> = true;
