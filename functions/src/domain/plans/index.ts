/** The annual plan's pure core: splitting, season profiles, working days, progress. */
export { apportion, largestRemainder, splitByShares } from './largestRemainder';
export { splitRow, type RowSplit } from './splitRow';
export { splitPlan } from './splitPlan';
export { BUILT_IN_PROFILES, builtInProfile, springFestival } from './seasonProfiles';
export { workdaysPerMonth, type WorkdayCalendar } from './workdays';
export { historyShapes } from './history';
export { planProgress, planValue, type PlanQuery, type ProgressResult } from './planProgress';
export { rowChanges } from './planDiff';
export { checkValueQuery, planValueLookup } from './planValues';
