/** What every handler uses: JSON responses, problem bodies, body reading, callers and roles. */
export { type Locale, type Problem, type ProblemBody } from './problem';
export { bilingual, type Bilingual } from '../contract/text';
export { HttpError, jsonResponse, problemResponse } from './responses';
export {
  formatPath,
  parseJson,
  readJson,
  validate,
  type ReadJsonOptions,
  type ValidationIssue,
} from './readJson';
export { errorResponse, withErrors, type Handler } from './withErrors';
export { getCaller, parseRoles, requireRole, ROLES, type Caller, type Role } from './caller';
export { guardRoutes, type GuardOptions } from './guard';
