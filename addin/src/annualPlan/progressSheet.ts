// A progress answer → the 计划达成 result sheet: the company's month-by-month and cumulative plan
// against actuals (with a cumulative line chart), year to date by product type, region and rep, then
// each of those month by month. Each completion rate has a status cell beside it, coloured
// <80 % red, <100 % amber, ≥100 % green: the word says it too, and the fills never overlap.
import type { ProgressLine, ProgressResponse } from '../../../functions/src/contract/plans';
import type { Locale } from '../i18n/locale';
import type { ResultCell, ResultSheetSpec, ResultTableSpec } from '../workbook/adapter';
import {
  BAND_COLOR,
  BAND_LABEL,
  BASIS_LABEL,
  PROGRESS_SHEET,
  SHEET_TEXT,
  completionBand,
  monthLabel,
  type CompletionBand,
} from './texts';
import { NUMBER_FORMAT, PERCENT_FORMAT, UNIT_LABEL, exactTotal } from './units';

export { PROGRESS_SHEET };

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const BANDS: CompletionBand[] = ['behind', 'close', 'met'];

/** Running totals, exact: cumulative[m] = months 1..m+1 added. */
function cumulative(months: readonly number[]): number[] {
  return months.map((_, m) => exactTotal(months.slice(0, m + 1)));
}

function ratio(actual: number, plan: number): number | null {
  return plan === 0 ? null : actual / plan;
}

function statusOf(locale: Locale, completion: number | null): string | null {
  const band = completionBand(completion);
  return band ? BAND_LABEL[band][locale] : null;
}

/** Colour a status column's cells by their word: one rule per band, so no two rules ever overlap. */
function statusHighlights(
  locale: Locale,
  columns: readonly number[],
): NonNullable<ResultTableSpec['highlights']> {
  return columns.flatMap((column) =>
    BANDS.map((band) => ({
      column,
      op: 'eq' as const,
      values: [BAND_LABEL[band][locale]],
      color: BAND_COLOR[band],
    })),
  );
}

interface MonthFigures {
  plan: number;
  actual: number | null;
  completion: number | null;
  cumPlan: number;
  cumActual: number | null;
  cumCompletion: number | null;
}

/** A line's months; actuals after `throughMonth` are not in yet, so they stay blank (not 0 %). */
function monthFigures(line: ProgressLine, throughMonth: number): MonthFigures[] {
  const cumPlan = cumulative(line.plan);
  const cumActual = cumulative(line.actual);
  return MONTHS.map((m) => {
    const i = m - 1;
    const known = m <= throughMonth;
    const plan = line.plan[i] ?? 0;
    const cp = cumPlan[i] ?? 0;
    const ca = cumActual[i] ?? 0;
    return {
      plan,
      actual: known ? (line.actual[i] ?? 0) : null,
      completion: known ? (line.completion[i] ?? null) : null,
      cumPlan: cp,
      cumActual: known ? ca : null,
      cumCompletion: known ? ratio(ca, cp) : null,
    };
  });
}

export function progressSheet(
  progress: ProgressResponse,
  options: {
    locale: Locale;
    /** Foreign-currency lines counted at a rate: the rate goes into the title, so it is never lost. */
    rates?: readonly { currency: string; rate: number; count: number }[];
  },
): ResultSheetSpec {
  const { locale } = options;
  const t = (k: keyof typeof SHEET_TEXT) => SHEET_TEXT[k][locale];
  const fmt = NUMBER_FORMAT[progress.unit];
  const money = (header: string) => ({ header, numberFormat: fmt });
  const pct = (header: string) => ({ header, numberFormat: PERCENT_FORMAT });
  const through = progress.throughMonth;

  // The company, month by month: cumulative plan and actual first (the chart's two lines).
  const total = monthFigures(progress.total, through);
  const totalTable: ResultTableSpec = {
    caption: t('companyTotal'),
    columns: [
      { header: t('month') },
      money(t('ytdPlan')),
      money(t('ytdActual')),
      pct(t('ytdCompletion')),
      { header: t('ytdStatus') },
      money(t('monthPlan')),
      money(t('monthActual')),
      pct(t('monthCompletion')),
      { header: t('monthStatus') },
    ],
    rows: total.map((f, i): ResultCell[] => [
      monthLabel(locale, i + 1),
      f.cumPlan,
      f.cumActual,
      f.cumCompletion,
      statusOf(locale, f.cumCompletion),
      f.plan,
      f.actual,
      f.completion,
      statusOf(locale, f.completion),
    ]),
    highlights: statusHighlights(locale, [4, 8]),
  };

  // Year to date per product type, region and rep.
  const dims: [keyof typeof SHEET_TEXT, keyof typeof SHEET_TEXT, ProgressLine[]][] = [
    ['productType', 'byProductType', progress.byProductType],
    ['region', 'byRegion', progress.byRegion],
    ['rep', 'byRep', progress.byRep],
  ];
  const ytdRow = (dimension: string, name: string, line: ProgressLine): ResultCell[] => [
    dimension,
    name,
    exactTotal(line.plan),
    line.ytd.plan,
    line.ytd.actual,
    line.ytd.completion,
    statusOf(locale, through > 0 ? line.ytd.completion : null),
  ];
  const ytdTable: ResultTableSpec = {
    caption:
      through > 0
        ? locale === 'zh-CN'
          ? `累计达成（1–${through}月）`
          : `Year to date (${monthLabel(locale, 1)}–${monthLabel(locale, through)})`
        : locale === 'zh-CN'
          ? '累计达成（本年尚无实绩）'
          : 'Year to date (no actuals this year yet)',
    columns: [
      { header: t('dimension') },
      { header: t('name') },
      money(t('annualPlan')),
      money(t('ytdPlan')),
      money(t('ytdActual')),
      pct(t('ytdCompletion')),
      { header: t('status') },
    ],
    rows: dims.flatMap(([dim, , lines]) => lines.map((l) => ytdRow(t(dim), l.key, l))),
    totals: ytdRow(t('total'), '', progress.total).map((c, i) => (i === 1 ? null : c)),
    highlights: statusHighlights(locale, [6]),
  };

  // Each dimension month by month.
  const detail = (dim: keyof typeof SHEET_TEXT, caption: keyof typeof SHEET_TEXT, lines: ProgressLine[]) => ({
    caption: t(caption),
    columns: [
      { header: t(dim) },
      { header: t('month') },
      money(t('plan')),
      money(t('actual')),
      pct(t('completion')),
      { header: t('status') },
      money(t('ytdPlan')),
      money(t('ytdActual')),
      pct(t('ytdCompletion')),
      { header: t('ytdStatus') },
    ],
    rows: lines.flatMap((line) =>
      monthFigures(line, through).map((f, i): ResultCell[] => [
        line.key,
        monthLabel(locale, i + 1),
        f.plan,
        f.actual,
        f.completion,
        statusOf(locale, f.completion),
        f.cumPlan,
        f.cumActual,
        f.cumCompletion,
        statusOf(locale, f.cumCompletion),
      ]),
    ),
    highlights: statusHighlights(locale, [5, 9]),
  });

  const tables: ResultTableSpec[] = [totalTable, ytdTable];
  for (const [dim, caption, lines] of dims) if (lines.length > 0) tables.push(detail(dim, caption, lines));
  if (progress.notes.length > 0)
    tables.push({
      caption: t('notes'),
      columns: [{ header: t('notes') }],
      rows: progress.notes.map((n) => [n[locale]]),
    });

  const unitText = UNIT_LABEL[progress.unit][locale];
  const basis = BASIS_LABEL[progress.basis][locale];
  const rates = (options.rates ?? []).map((r) =>
    locale === 'zh-CN' ? `，${r.currency}汇率 ${r.rate}` : `; ${r.currency} at ${r.rate} yuan`,
  );
  return {
    title:
      locale === 'zh-CN'
        ? `${progress.year}年计划达成（${through > 0 ? `截至${through}月` : '尚无实绩'}，${basis}，单位：${unitText}${rates.join('')}）`
        : `${progress.year} plan vs actual (${through > 0 ? `through ${monthLabel(locale, through)}` : 'no actuals yet'}; ${basis}; unit: ${unitText}${rates.join('')})`,
    tables,
    charts: [
      {
        type: 'line',
        title:
          locale === 'zh-CN'
            ? `${progress.year}年累计计划与累计实际（${unitText}）`
            : `${progress.year} cumulative plan vs actual (${unitText})`,
        table: 0,
        categoryColumn: 0,
        seriesCount: 2,
      },
    ],
    freezeHeader: false,
    activate: true,
  };
}
