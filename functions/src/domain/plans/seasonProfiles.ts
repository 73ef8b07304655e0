/**
 * Season profiles (淡旺季): 12 relative weights per product type. The built-in defaults follow the trade:
 * irrigation and flood-control pumps peak about April–August; the Spring Festival month is the trough;
 * fire pumps and spare parts run flatter. Each sums to 100 so it reads as percent per month. A request's
 * `profiles` override them by product type.
 */
import chineseDays from 'chinese-days';

/** Defaults written for a year whose Spring Festival falls in February (most years). */
export const BUILT_IN_PROFILES: Readonly<Record<string, readonly number[]>> = {
  // weights for January … December
  柴油机: [7, 4, 10, 11, 10, 9, 8, 8, 8, 9, 8, 8], // spring ploughing and summer gensets
  柴油机水泵机组: [4, 2, 7, 11, 13, 14, 14, 12, 8, 6, 5, 4], // irrigation + flood control, sharpest peak
  潜水泵: [5, 3, 7, 10, 12, 13, 13, 11, 8, 7, 6, 5],
  离心泵: [6, 4, 8, 10, 11, 11, 11, 10, 8, 8, 7, 6], // irrigation plus steadier industrial demand
  自吸泵: [5, 3, 8, 11, 12, 12, 12, 10, 8, 7, 6, 6],
  消防泵: [7, 5, 8, 8, 9, 9, 9, 8, 9, 9, 9, 10], // construction projects: flat, year-end push
  配件: [8, 5, 8, 9, 9, 9, 9, 9, 9, 8, 8, 9],
};

/** Date (YYYY-MM-DD) and month (1–12) of the Spring Festival (lunar new year) in `year`. */
export function springFestival(year: number): { date: string; month: number } {
  const { date } = chineseDays.getSolarDateFromLunar(`${year}-01-01`);
  return { date, month: Number(date.slice(5, 7)) };
}

export interface BuiltInProfile {
  weights: number[];
  /** The Spring Festival falls in January this year, so January and February were swapped. */
  springFestivalInJanuary: boolean;
}

/** The built-in profile of a product type for `year`, or undefined for a product type it does not know. */
export function builtInProfile(productType: string, year: number): BuiltInProfile | undefined {
  const base = BUILT_IN_PROFILES[productType.trim()];
  if (!base) return undefined;
  const weights = [...base];
  const inJanuary = springFestival(year).month === 1;
  if (inJanuary) [weights[0], weights[1]] = [base[1] ?? 0, base[0] ?? 0];
  return { weights, springFestivalInJanuary: inJanuary };
}
