// The price check (价格检查): pure steps from a sheet grid to the lines sent and the results
// written, and the run over the workbook adapter and the API client.
export * from './ledger';
export * from './lines';
export * from './batches';
export * from './results';
export * from './strings';
export * from './run';
export * from './credit';
