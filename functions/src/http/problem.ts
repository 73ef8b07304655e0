/**
 * The API's error contract now lives in contract/problem.ts and the bilingual text in contract/text.ts
 * (the bottom layer, which storage and the add-in import too). These names stay for the handlers.
 */
export { type Locale } from '../contract/text';
export type { Problem, ProblemBody } from '../contract/problem';
