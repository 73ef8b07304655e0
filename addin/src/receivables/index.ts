// Month-end II in the pane: result sheet specs for receivables aging and the rep scorecard.
export { AGING_SHEET, SCORECARD_SHEET, agingSheet, scorecardSheet } from './sheets';
export { writeAgingSheet, writeScorecardSheet, writeStatementSheets } from './writeSheets';
export { statementLocale, statementSheet, statementSheetName } from './statementSheet';
