/**
 * `GET /api/credit-flags?asOf=YYYY-MM`: the 信用预警 of the latest month-end report at or before a
 * month, for the price check of every role. A regional manager gets only the flags of their 片区's
 * customers (the receivables' region rule); the report itself stays company-wide (403 for managers).
 */
import { z } from 'zod';
import {
  CREDIT_SOURCES,
  CreditFlagSchema,
  MonthSchema,
  type CreditFlagRow,
  type CreditSource,
} from './monthEnd';
import { RegionScopeAnswerSchema, type RegionScopeAnswer } from './regions';

export interface CreditFlagsResponse {
  /** The month asked for (`YYYY-MM`). */
  readonly asOf: string;
  /** The report the flags come from: its month and version; null when no month end has run yet. */
  readonly month: string | null;
  readonly version: number | null;
  /** Null when that report ran no credit check (an older report: run the month end again). */
  readonly credit: {
    readonly source: CreditSource | null;
    readonly policyVersion: number | null;
    readonly maxDays: number;
    readonly flags: CreditFlagRow[];
  } | null;
  readonly scope: RegionScopeAnswer;
}

export const CreditFlagsResponseSchema = z.object({
  asOf: MonthSchema,
  month: MonthSchema.nullable(),
  version: z.number().int().positive().nullable(),
  credit: z
    .object({
      source: z.enum(CREDIT_SOURCES).nullable(),
      policyVersion: z.number().int().positive().nullable(),
      maxDays: z.number().int().positive(),
      flags: z.array(CreditFlagSchema),
    })
    .nullable(),
  scope: RegionScopeAnswerSchema,
});
