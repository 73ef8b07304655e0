/**
 * The one bilingual text of SalesDesk: every user-visible message, in the API's answers and in the
 * add-in, is a `Bilingual` built with `bilingual()` and shown with `pick()`. zh-CN is the default.
 * It sits in contract/ so both sides (and every layer of the API) import the same declaration.
 */
import { z } from 'zod';

/** The languages the department reads. */
export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const BilingualSchema = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
/** A user-visible text in both languages. */
export type Bilingual = { readonly 'zh-CN': string; readonly 'en-US': string };

export function bilingual(zhCN: string, enUS: string): Bilingual {
  return { 'zh-CN': zhCN, 'en-US': enUS };
}

/** The text in `locale`. */
export function pick(text: Bilingual, locale: Locale): string {
  return text[locale];
}
