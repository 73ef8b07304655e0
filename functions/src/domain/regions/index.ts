/** 片区 scope: which customers and reps a regional manager may read (pure, shared with the add-in). */
export {
  ALL_REGIONS,
  COMPANY_RANKS_NOTE,
  inScope,
  outOfScope,
  regionIndex,
  regionKey,
  scopeAnswer,
  scopeCreditFlags,
  scopeReceivables,
  scopeScorecard,
  type OutOfScope,
  type RegionIndex,
  type RegionRows,
  type RegionScope,
} from './regionScope';
