/** The rep scorecard (业务员考核): pure functions over ledger rows and the published plan. */
export { buildScorecard, planFen, rateText, type ScorecardInput } from './scorecard';
