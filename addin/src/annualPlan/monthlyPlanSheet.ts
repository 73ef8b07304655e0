// A split answer → the 月度计划 result sheet: one table row per plan row (12 months, total, how it was
// split), an exact totals row, monthly totals by product type (with a column chart) and by region,
// and the split's notes. Numbers are in the plan's unit, shown as 元 `#,##0` or 万元 `#,##0.00`.
import type { PlanUnit, SplitResponse, SplitResultRow } from '../../../functions/src/contract/plans';
import type { Locale } from '../i18n/locale';
import type { ResultCell, ResultSheetSpec, ResultTableSpec } from '../workbook/adapter';
import { METHOD_LABEL, MONTHLY_PLAN_SHEET, SHEET_TEXT, monthLabel } from './texts';
import { NUMBER_FORMAT, UNIT_LABEL, exactTotal } from './units';

export { MONTHLY_PLAN_SHEET };

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Product types (or regions) in the order the plan sheet lists them. */
function inSheetOrder(rows: readonly SplitResultRow[], keyOf: (r: SplitResultRow) => string | undefined) {
  const seen = new Set<string>();
  for (const r of rows) {
    const k = keyOf(r);
    if (k !== undefined && !seen.has(k)) seen.add(k);
  }
  return [...seen];
}

function basisText(locale: Locale, split: SplitResponse, row: SplitResultRow): string {
  const method = METHOD_LABEL[row.basis.method][locale];
  const parts = [method];
  if (row.basis.reason) parts.push(row.basis.reason[locale]);
  if (row.basis.remainderMonth !== undefined) {
    parts.push(
      locale === 'zh-CN'
        ? `不足取整单位 ${split.roundTo} 的零头计入${row.basis.remainderMonth}月`
        : `the odd remainder below ${split.roundTo} went to ${monthLabel(locale, row.basis.remainderMonth)}`,
    );
  }
  return parts.join(locale === 'zh-CN' ? '；' : '; ');
}

export function monthlyPlanSheet(
  split: SplitResponse,
  options: { unit: PlanUnit; locale: Locale },
): ResultSheetSpec {
  const { unit, locale } = options;
  const t = (k: keyof typeof SHEET_TEXT) => SHEET_TEXT[k][locale];
  const fmt = NUMBER_FORMAT[unit];
  const monthColumns = MONTHS.map((m) => ({ header: monthLabel(locale, m), numberFormat: fmt }));

  const planTable: ResultTableSpec = {
    columns: [
      { header: t('productType') },
      { header: t('region') },
      { header: t('rep') },
      ...monthColumns,
      { header: t('total'), numberFormat: fmt },
      { header: t('basis') },
    ],
    rows: split.rows.map((r): ResultCell[] => [
      r.productType,
      r.region ?? null,
      r.rep ?? null,
      ...r.months,
      r.annual,
      basisText(locale, split, r),
    ]),
    totals: [t('total'), null, null, ...split.totals.byMonth, split.totals.annual, null],
  };

  const types = inSheetOrder(split.rows, (r) => r.productType.trim());
  const typeMonths = types.map((ty) => split.totals.byProductType[ty] ?? new Array<number>(12).fill(0));
  const typeTable: ResultTableSpec = {
    caption: t('byProductType'),
    columns: [
      { header: t('month') },
      ...types.map((ty) => ({ header: ty, numberFormat: fmt })),
      { header: t('total'), numberFormat: fmt },
    ],
    rows: MONTHS.map((m): ResultCell[] => [
      monthLabel(locale, m),
      ...typeMonths.map((months) => months[m - 1] ?? 0),
      split.totals.byMonth[m - 1] ?? 0,
    ]),
    // A type's full year: its 12 months added exactly.
    totals: [t('fullYear'), ...typeMonths.map((months) => exactTotal(months)), split.totals.annual],
  };

  const tables: ResultTableSpec[] = [planTable, typeTable];
  const regions = inSheetOrder(split.rows, (r) => r.region?.trim() || undefined);
  if (regions.length > 0) {
    tables.push({
      caption: t('byRegion'),
      columns: [{ header: t('region') }, ...monthColumns, { header: t('total'), numberFormat: fmt }],
      rows: regions.map((rg): ResultCell[] => {
        const months = split.totals.byRegion[rg] ?? new Array<number>(12).fill(0);
        return [rg, ...months, exactTotal(months)];
      }),
    });
  }
  if (split.notes.length > 0) {
    tables.push({
      caption: t('notes'),
      columns: [{ header: t('notes') }],
      rows: split.notes.map((n) => [n[locale]]),
    });
  }

  const unitText = UNIT_LABEL[unit][locale];
  const method = METHOD_LABEL[split.method][locale];
  return {
    title:
      locale === 'zh-CN'
        ? `${split.year}年月度销售计划（单位：${unitText}；分解方法：${method}）`
        : `${split.year} monthly sales plan (unit: ${unitText}; method: ${method})`,
    tables,
    charts:
      types.length > 0
        ? [
            {
              type: 'column',
              title:
                locale === 'zh-CN'
                  ? `${split.year}年月度计划（按产品类别，${unitText}）`
                  : `${split.year} monthly plan by product type (${unitText})`,
              table: 1,
              categoryColumn: 0,
              seriesCount: types.length,
            },
          ]
        : [],
    freezeHeader: true,
    activate: true,
  };
}
