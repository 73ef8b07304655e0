/** The price policy and price validation core: pure functions over plain data. */
export { checkPolicy, canPublish } from './checkPolicy';
export { diffPolicies } from './diffPolicies';
export { selectVersion, versionLookup, type DatedVersion } from './selectVersion';
export { validateLines, type ValidateOptions } from './validateLines';
export { withOpenInputs, alternativesOf, MAX_COMBINATIONS } from './openInputs';
export { compilePolicy, type PolicyVersionLike } from './compile';
export { lowestAllowedPrice, type LineFacts, type PriceOutcome } from './lowestAllowedPrice';
export { comparePrecedence, decidingReason, type RuleSlot } from './precedence';
export { customerClassOf, matchKey } from './keys';
export { chinaToday, isIsoDate } from './dates';
export { inForceOf, type DatedInfo, type InForce } from './inForce';
export { compactAnswer, expandAnswer, expandOk } from './compact';
export { encodeColumns, decodeColumns } from './requestColumns';
