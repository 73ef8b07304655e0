// Month-end II in the pane: 应收账龄, 客户对账单 and 业务员考核 written from the API's answers.
export { AGING_SHEET, SCORECARD_SHEET, agingSheet, scorecardSheet } from './sheets';
export {
  fetchReceivables,
  repsOf,
  statementPageLayout,
  writeAgingSheet,
  writeScorecardSheet,
  writeStatementSheets,
  type StatementProgress,
  type StatementsOutcome,
} from './writeSheets';
export { statementLocale, statementSheet, statementSheetName } from './statementSheet';
export { ReceivablesError, asReceivablesError, receivablesText, type ReceivablesErrorCode } from './errors';
