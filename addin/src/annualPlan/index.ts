// 年度计划 → 月度计划 and 计划达成 in the add-in: reading the department's sheets, building the API
// requests, and laying out the result sheets. Pure: no Office.js, no fetch.
export { readAnnualPlan, type AnnualPlanRead, type PlanSheetRow } from './readAnnualPlan';
export { readSeasonProfiles, type SeasonProfilesRead } from './readSeasonProfiles';
export { mappingFor, rowProblem, type SheetReadOptions } from './rowProblem';
export {
  monthlyActuals,
  monthlyShares,
  readActuals,
  type ActualLine,
  type ActualsRead,
  type ForeignLines,
  type ReadActualsOptions,
} from './readActuals';
export {
  SPLIT_CHUNK_ROWS,
  mergeSplitResponses,
  planVersionInput,
  splitRequests,
  type SplitInput,
} from './splitRequests';
export { MONTHLY_PLAN_SHEET, monthlyPlanSheet } from './monthlyPlanSheet';
export { PROGRESS_SHEET, progressSheet } from './progressSheet';
export { planPreview, type PlanPreview } from './preview';
export {
  BAND_COLOR,
  BAND_LABEL,
  BASIS_LABEL,
  METHOD_LABEL,
  completionBand,
  monthLabel,
  type CompletionBand,
} from './texts';
export {
  DEFAULT_ROUND_TO,
  NUMBER_FORMAT,
  PERCENT_FORMAT,
  ROUND_TO_CHOICES,
  UNIT_LABEL,
  exactColumnSums,
  exactTotal,
  fenToUnit,
  formatPlanAmount,
  planUnitOf,
  type PlanUnit,
} from './units';
