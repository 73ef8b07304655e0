/** 返点 (rebates): pure accrual over shipments and tiers. */
export {
  accrueRebates,
  applyRate,
  rateAsPercent,
  type RebateAccrual,
  type RebateCustomer,
  type RebateTier,
} from './rebates';
export { customerFacts, customerRebates, rebateTiersOf, type CustomerRebatesInput } from './customerRebates';
