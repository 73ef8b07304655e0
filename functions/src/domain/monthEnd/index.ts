/** Month-end (月末对账) core: pure functions over ledger rows, shared with the add-in. */
export * from './chinaTime';
export * from './money';
export { businessKey, keyRows, normalizeText, rowDate, compareSource, type KeyedRow } from './ledgerKeys';
export { contentOf, diffLedger, type LedgerDiff } from './diffLedger';
export { reconcile, type ReconcileInput, type ReconcileResult } from './reconcile';
export { orderLines, type OrderLinesResult } from './orderLines';
export { invoicedNotShipped, shippedNotInvoiced } from './invoicing';
export { trackingReport } from './tracking';
export { buildMonthEndReport, changesSince, totalOf, type MonthEndInput } from './buildReport';
export { CATCH_UP_MONTHS, MONTH_END_SCHEDULE, monthsDue, type MonthFacts } from './timerPlan';
