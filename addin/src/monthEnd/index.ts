// 月末对账 in the pane: the ledgers read from their sheets, synced, run, written back.
export * from './ledgerRows';
export * from './resultSheets';
export * from './run';
export { fill, monthEndErrors, monthEndText, say, type MonthEndTextKey } from './strings';
export { CLOSE_ROLES, closeMonth, mayCloseMonths, monthStatus, reopenMonth } from './monthClose';
