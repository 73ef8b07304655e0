// Authoring the price policy in Excel: reading the 价格政策 sheet into the API's policy, with every
// problem at its cell. Pure: no Office.js, no fetch.
export { readPolicySheet } from './readPolicySheet';
export {
  choosePolicySheet,
  hasPolicyBlocks,
  policySheetNameScore,
  POLICY_SHEET_NAME,
} from './findPolicySheet';
export { cellFromAddress, locate } from './locate';
export { readCustomerScope, readProductScope } from './scopes';
export { readRuleEffect, readRuleType, RULE_TYPE_NAMES } from './ruleTypes';
export type {
  PolicyCell,
  PolicySheetCode,
  PolicySheetLayout,
  PolicySheetProblem,
  PolicySheetProblemCode,
  PolicySheetRead,
} from './types';
