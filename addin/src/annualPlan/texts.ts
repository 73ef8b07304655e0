// The words SalesDesk writes onto the 月度计划 and 计划达成 sheets, in both languages.
import type { ProgressBasis, SplitMethod } from '../../../functions/src/contract/plans';
import type { Bilingual, Locale } from '../i18n/locale';
import { bilingual as bi, pick } from '../../../functions/src/contract/text';

/** Result sheet names stay Chinese in every language: formulas and people refer to them by name. */
export const MONTHLY_PLAN_SHEET = '月度计划';
export const PROGRESS_SHEET = '计划达成';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthLabel(locale: Locale, month: number): string {
  return locale === 'zh-CN' ? `${month}月` : (MONTHS_EN[month - 1] ?? String(month));
}

export const METHOD_LABEL: Record<SplitMethod, Bilingual> = {
  profile: bi('季节曲线', 'season profile'),
  history: bi('上年实绩结构', 'prior-year shape'),
  workdays: bi('工作日', 'working days'),
  even: bi('平均', 'even'),
};

export const BASIS_LABEL: Record<ProgressBasis, Bilingual> = {
  orders: bi('订单口径', 'orders'),
  shipments: bi('发货口径', 'shipments'),
};

export const SHEET_TEXT = {
  productType: bi('产品类别', 'Product type'),
  region: bi('片区', 'Region'),
  rep: bi('业务员', 'Sales rep'),
  total: bi('合计', 'Total'),
  fullYear: bi('全年', 'Full year'),
  basis: bi('分解说明', 'Basis'),
  month: bi('月份', 'Month'),
  byProductType: bi('按产品类别', 'By product type'),
  byRegion: bi('按片区', 'By region'),
  byRep: bi('按业务员', 'By sales rep'),
  notes: bi('说明', 'Notes'),
  dimension: bi('维度', 'Dimension'),
  name: bi('名称', 'Name'),
  annualPlan: bi('全年计划', 'Annual plan'),
  plan: bi('计划', 'Plan'),
  actual: bi('实际', 'Actual'),
  completion: bi('达成率', 'Completion'),
  status: bi('状态', 'Status'),
  ytdPlan: bi('累计计划', 'YTD plan'),
  ytdActual: bi('累计实际', 'YTD actual'),
  ytdCompletion: bi('累计达成率', 'YTD completion'),
  ytdStatus: bi('累计状态', 'YTD status'),
  monthPlan: bi('当月计划', 'Month plan'),
  monthActual: bi('当月实际', 'Month actual'),
  monthCompletion: bi('当月达成率', 'Month completion'),
  monthStatus: bi('当月状态', 'Month status'),
  companyTotal: bi('全公司', 'Company total'),
} as const;

/** Completion bands: below 80 % red, below 100 % amber, 100 % and above green. */
export type CompletionBand = 'behind' | 'close' | 'met';
export const BAND_LABEL: Record<CompletionBand, Bilingual> = {
  behind: bi('低于80%', 'Below 80%'),
  close: bi('80%–100%', '80–100%'),
  met: bi('达成', 'Met'),
};
/** Excel's own Bad / Neutral / Good fills. */
export const BAND_COLOR: Record<CompletionBand, string> = {
  behind: '#FFC7CE',
  close: '#FFEB9C',
  met: '#C6EFCE',
};

export function completionBand(completion: number | null): CompletionBand | null {
  if (completion === null || !Number.isFinite(completion)) return null;
  if (completion < 0.8) return 'behind';
  if (completion < 1) return 'close';
  return 'met';
}

export function text(locale: Locale, b: Bilingual): string {
  return pick(b, locale);
}
