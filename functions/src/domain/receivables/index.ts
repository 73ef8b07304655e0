/** Receivables and aging (应收账款、账龄): pure functions over ledger rows, shared with the add-in. */
export { bucketIndex, bucketShapes, type BucketShape } from './aging';
export {
  computeReceivables,
  isAllowance,
  type OpeningBalance,
  type ReceivablesInput,
  type ReceivablesResult,
} from './receivables';
export { customerStatements, type StatementInput } from './statement';
export { creditFlags, type CreditFlag, type CreditLimit } from './creditFlags';
