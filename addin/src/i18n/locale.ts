// Which language the pane speaks: an explicit override (URL ?lang= or the Settings tab) wins,
// then Office's display language; zh-CN is the default for everything else.
import type { Locale } from '../../../functions/src/contract/text';

// The one bilingual text and locale list (contract/text.ts), under the names the add-in imports from here.
export { LOCALES as locales, type Bilingual, type Locale } from '../../../functions/src/contract/text';

export function toLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('en')) return 'en-US';
  return null;
}

export function resolveLocale(sources: {
  query?: string | null;
  saved?: string | null;
  officeDisplayLanguage?: string | null;
}): Locale {
  return (
    toLocale(sources.query) ??
    toLocale(sources.saved) ??
    // Office in any language other than Chinese or English gets English: closer for most users.
    (sources.officeDisplayLanguage ? (toLocale(sources.officeDisplayLanguage) ?? 'en-US') : null) ??
    'zh-CN'
  );
}

/** Office's display language (zh-CN when there is no Office): the language of cell texts and errors. */
export function officeLocale(): Locale {
  // Typed structurally: the bench and the sample generator compile this file without Office's types.
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return resolveLocale({ officeDisplayLanguage: office?.context?.displayLanguage ?? null });
}
