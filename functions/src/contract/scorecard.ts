/**
 * HTTP contract of the rep scorecard (业务员考核): `GET /api/scorecard/{yyyy-mm}[?basis=orders|shipments]`.
 * The department judges reps on three figures: plan completion (计划达成率), collection rate (回款率) and
 * new-customer rate (新客户拓展率). Money is decimal-yuan text to the fen (CNY); a rate is decimal text
 * with 4 places (`"0.8534"` = 85.34%), null when it cannot be computed (the note says why).
 */
import { z } from 'zod';
import { BilingualSchema, type Bilingual as MonthEndText } from './text';

/** Decimal-yuan text to the fen, as contract/monthEnd's Money (not imported: monthEnd imports this file). */
type Money = string;
import { PROGRESS_BASES, type ProgressBasis } from './plans';
import { RegionScopeAnswerSchema, type RegionScopeAnswer } from './regions';

export const SCORECARD_BASIS_LABELS: Readonly<Record<ProgressBasis, MonthEndText>> = {
  orders: {
    'zh-CN': '计划达成按订单（销售台账）金额计',
    'en-US': 'Plan completion on orders (sales ledger)',
  },
  shipments: {
    'zh-CN': '计划达成按发货（发货台账）金额计',
    'en-US': 'Plan completion on shipments (shipment ledger)',
  },
};

/** The formulas written on the sheet with the figures. */
export const SCORECARD_FORMULAS: Readonly<
  Record<'completion' | 'collection' | 'collectionOfShipments' | 'newCustomers', MonthEndText>
> = {
  completion: { 'zh-CN': '计划达成率 = 实绩 ÷ 计划', 'en-US': 'Plan completion = actual ÷ plan' },
  collection: {
    'zh-CN': '回款率 = 期间回款 ÷ (期初应收 + 期间发货)',
    'en-US': 'Collection rate = receipts in period ÷ (opening receivable + shipments in period)',
  },
  collectionOfShipments: {
    'zh-CN': '回款率（按发货）= 期间回款 ÷ 期间发货',
    'en-US': 'Collection rate (on shipments) = receipts in period ÷ shipments in period',
  },
  newCustomers: {
    'zh-CN': '新客户拓展率 = 首次下单在本期的客户数 ÷ 本期有订单或发货的客户数',
    'en-US':
      'New-customer rate = customers whose first-ever order is in the period ÷ customers with an order or shipment in the period',
  },
};

export interface PeriodScore {
  /** `YYYY-MM-DD` to `YYYY-MM-DD`, both included. */
  readonly from: string;
  readonly to: string;
  /** Plan in 元 (null: no plan row for the rep, or the plan is in units). */
  readonly plan: Money | null;
  /** Orders or shipments (the basis), net of returns, CNY. */
  readonly actual: Money;
  readonly completion: string | null;
  /** Why completion is null. */
  readonly completionNote: MonthEndText | null;
  readonly openingReceivable: Money;
  readonly shipments: Money;
  readonly receipts: Money;
  readonly collectionRate: string | null;
  readonly collectionRateOfShipments: string | null;
  readonly newCustomers: number;
  readonly activeCustomers: number;
  readonly newCustomerRate: string | null;
  /** 1 = best among the reps (region rows: among the regions); null where the figure is null. */
  readonly ranks: {
    readonly completion: number | null;
    readonly collection: number | null;
    readonly newCustomers: number | null;
  };
}

export interface RepScore {
  readonly rep: string;
  readonly region: string | null;
  readonly month: PeriodScore;
  readonly ytd: PeriodScore;
}

export interface RegionScore {
  readonly region: string;
  readonly reps: number;
  readonly month: PeriodScore;
  readonly ytd: PeriodScore;
}

export interface ScorecardResponse {
  readonly month: string;
  readonly basis: ProgressBasis;
  readonly basisLabel: MonthEndText;
  /** Published plan version used, null when the year has none. */
  readonly planVersion: number | null;
  readonly formulas: typeof SCORECARD_FORMULAS;
  readonly reps: RepScore[];
  readonly regions: RegionScore[];
  readonly notes: MonthEndText[];
  /**
   * The 片区 the answer covers (a regional manager's: their reps and roll-ups only; ranks stay the
   * company's) and the reps withheld; absent on older answers and in the stored month-end report.
   */
  readonly scope?: RegionScopeAnswer;
}

// ── Answer schema (the add-in checks every answer against it, addin/src/api/answers.ts) ──────────

/** As contract/monthEnd's MONEY_PATTERN (copied: monthEnd imports this file). */
const MoneySchema = z.string().regex(/^-?\d{1,13}(\.\d{1,2})?$/, 'decimal yuan to the fen');
/** A rate: decimal text, 4 places. */
const RateSchema = z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal rate');
const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

const PeriodScoreSchema = z.object({
  from: DaySchema,
  to: DaySchema,
  plan: MoneySchema.nullable(),
  actual: MoneySchema,
  completion: RateSchema.nullable(),
  completionNote: BilingualSchema.nullable(),
  openingReceivable: MoneySchema,
  shipments: MoneySchema,
  receipts: MoneySchema,
  collectionRate: RateSchema.nullable(),
  collectionRateOfShipments: RateSchema.nullable(),
  newCustomers: z.number().int().nonnegative(),
  activeCustomers: z.number().int().nonnegative(),
  newCustomerRate: RateSchema.nullable(),
  ranks: z.object({
    completion: z.number().int().positive().nullable(),
    collection: z.number().int().positive().nullable(),
    newCustomers: z.number().int().positive().nullable(),
  }),
});

export const ScorecardResponseSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  basis: z.enum(PROGRESS_BASES),
  basisLabel: BilingualSchema,
  planVersion: z.number().int().positive().nullable(),
  formulas: z.object({
    completion: BilingualSchema,
    collection: BilingualSchema,
    collectionOfShipments: BilingualSchema,
    newCustomers: BilingualSchema,
  }),
  reps: z.array(
    z.object({
      rep: z.string(),
      region: z.string().nullable(),
      month: PeriodScoreSchema,
      ytd: PeriodScoreSchema,
    }),
  ),
  regions: z.array(
    z.object({
      region: z.string(),
      reps: z.number().int().nonnegative(),
      month: PeriodScoreSchema,
      ytd: PeriodScoreSchema,
    }),
  ),
  notes: z.array(BilingualSchema),
  scope: RegionScopeAnswerSchema.optional(),
});

// Compile-time: the schema and the interface describe the same answer.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const scorecardSchemaMatches: Same<z.infer<typeof ScorecardResponseSchema>, ScorecardResponse> = true;
