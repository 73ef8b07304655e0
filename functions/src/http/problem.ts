/**
 * The API's error contract. Every error response body has this shape, so the add-in can show
 * `message[locale]` without knowing which handler failed. Type-only: the add-in may import it.
 */

export type Locale = 'zh-CN' | 'en-US';

/** A user-visible text in both languages the department reads; zh-CN is the default. */
export type LocalizedText = { readonly 'zh-CN': string; readonly 'en-US': string };

export interface Problem {
  /** Stable machine-readable code, e.g. `validation_failed`; the add-in may branch on it. */
  readonly code: string;
  readonly message: LocalizedText;
  readonly details?: unknown;
}

export interface ProblemBody {
  readonly error: Problem;
}

export function localized(zhCN: string, enUS: string): LocalizedText {
  return { 'zh-CN': zhCN, 'en-US': enUS };
}
