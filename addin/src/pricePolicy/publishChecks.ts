// What a publish does to orders already judged. Orders are judged by the version in force on their
// order date (the latest 生效日期 on or before it), so a new version dated before today re-judges the
// orders since that date, and one dated before the current version's date only rules until then.
import type { Bilingual } from '../i18n/locale';
import { policyText } from './strings';

/** Today in China (UTC+8), as YYYY-MM-DD: the department's day, wherever the pane runs. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const both = (key: Parameters<typeof policyText>[1], params: Record<string, string | number>): Bilingual => ({
  'zh-CN': policyText('zh-CN', key, params),
  'en-US': policyText('en-US', key, params),
});

/** The warnings to show before publishing a version with this 生效日期 (none when it re-judges nothing). */
export function rejudgeWarnings(
  effectiveDate: string,
  today: string,
  current: { version: number; effectiveDate: string } | null,
): Bilingual[] {
  const out: Bilingual[] = [];
  if (effectiveDate < today) out.push(both('warnBeforeToday', { date: effectiveDate, today }));
  if (current && effectiveDate < current.effectiveDate)
    out.push(
      both('warnBeforeCurrent', {
        date: effectiveDate,
        current: current.version,
        currentDate: current.effectiveDate,
        until: dayBefore(current.effectiveDate),
      }),
    );
  return out;
}

/** The 生效日期 proposed for re-publishing an earlier version: today, or the current version's if later. */
export function revertDate(today: string, current: { effectiveDate: string } | null): string {
  return current && current.effectiveDate > today ? current.effectiveDate : today;
}
