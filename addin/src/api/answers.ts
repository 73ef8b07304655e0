// Which contract schema every API answer must match, by method and path: the client checks each answer
// against it before anyone reads it, so a malformed answer is one clear ApiError at the door instead
// of a crash three components later. A test checks that every route of the API has a row here.
import { z } from 'zod';
import { HealthAnswerSchema } from '../../../functions/src/contract/health';
import {
  PlanPublishAnswerSchema,
  PlanValuesResponseSchema,
  PlanVersionListSchema,
  ProgressResponseSchema,
  PublishedPlanSchema,
  SplitResponseSchema,
} from '../../../functions/src/contract/plans';
import {
  ApprovalListSchema,
  PolicyPublishAnswerSchema,
  PolicyVersionBodySchema,
  PolicyVersionListSchema,
  StoredApprovalSchema,
  CompactValidateResponseSchema,
  ValidateAnswerSchema,
} from '../../../functions/src/contract/pricing';
import {
  LedgerSnapshotSchema,
  LedgerSyncResponseSchema,
  MonthEndReportSchema,
  MonthEndRunResponseSchema,
  MonthListResponseSchema,
  MonthStatusSchema,
} from '../../../functions/src/contract/monthEnd';
import {
  ReceivablesResponseSchema,
  StatementResponseSchema,
} from '../../../functions/src/contract/receivables';
import { CreditFlagsResponseSchema } from '../../../functions/src/contract/creditFlags';
import { ScorecardResponseSchema } from '../../../functions/src/contract/scorecard';

export interface AnswerRow {
  readonly method: string;
  /** The path after the API base, without the query string. */
  readonly path: RegExp;
  readonly schema: z.ZodType;
}

export const ANSWERS: readonly AnswerRow[] = [
  { method: 'GET', path: /^\/health$/, schema: HealthAnswerSchema },
  { method: 'GET', path: /^\/price-policy$/, schema: PolicyVersionBodySchema },
  { method: 'PUT', path: /^\/price-policy$/, schema: PolicyPublishAnswerSchema },
  { method: 'GET', path: /^\/price-policy\/versions$/, schema: PolicyVersionListSchema },
  { method: 'GET', path: /^\/price-policy\/versions\/\d+$/, schema: PolicyVersionBodySchema },
  {
    method: 'POST',
    path: /^\/prices\/validate$/,
    // `?detail=compact` answers in the compact form; the others in the full one.
    schema: z.union([CompactValidateResponseSchema, ValidateAnswerSchema]),
  },
  { method: 'POST', path: /^\/approvals$/, schema: StoredApprovalSchema },
  { method: 'GET', path: /^\/approvals$/, schema: ApprovalListSchema },
  { method: 'POST', path: /^\/plans\/split$/, schema: SplitResponseSchema },
  { method: 'GET', path: /^\/plans\/\d+$/, schema: PublishedPlanSchema },
  { method: 'PUT', path: /^\/plans\/\d+$/, schema: PlanPublishAnswerSchema },
  { method: 'GET', path: /^\/plans\/\d+\/versions$/, schema: PlanVersionListSchema },
  { method: 'GET', path: /^\/plans\/\d+\/versions\/\d+$/, schema: PublishedPlanSchema },
  { method: 'POST', path: /^\/plans\/\d+\/progress$/, schema: ProgressResponseSchema },
  { method: 'POST', path: /^\/plans\/\d+\/values$/, schema: PlanValuesResponseSchema },
  // Month-end: ledgers, the report and the month's state, receivables, statements, scorecard.
  { method: 'GET', path: /^\/month-end$/, schema: MonthListResponseSchema },
  { method: 'GET', path: /^\/month-end\/[^/]+$/, schema: MonthEndReportSchema },
  { method: 'POST', path: /^\/month-end\/[^/]+\/run$/, schema: MonthEndRunResponseSchema },
  { method: 'POST', path: /^\/month-end\/[^/]+\/(close|reopen)$/, schema: MonthStatusSchema },
  { method: 'PUT', path: /^\/ledgers\/[^/]+\/[^/]+$/, schema: LedgerSyncResponseSchema },
  { method: 'GET', path: /^\/ledgers\/[^/]+\/[^/]+$/, schema: LedgerSnapshotSchema },
  { method: 'GET', path: /^\/receivables$/, schema: ReceivablesResponseSchema },
  { method: 'GET', path: /^\/statements\/[^/]+$/, schema: StatementResponseSchema },
  { method: 'GET', path: /^\/scorecard\/[^/]+$/, schema: ScorecardResponseSchema },
  { method: 'GET', path: /^\/credit-flags$/, schema: CreditFlagsResponseSchema },
];

/** The schema an answer to `method path` must match; undefined for a route the API does not have. */
export function answerSchemaFor(method: string, path: string): z.ZodType | undefined {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  const verb = method.toUpperCase();
  return ANSWERS.find((row) => row.method === verb && row.path.test(bare))?.schema;
}
