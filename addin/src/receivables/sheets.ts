// The 应收账龄 and 业务员考核 result sheets from the API's answers (specs only: the pane writes them with
// writeResultSheet, owned and replaced by kind). Money comes as exact decimal text and is shown to the
// fen; totals are the API's (summed in fen), never re-added here. Rates are fractions shown as %.
import type { ReceivablesResponse } from '../../../functions/src/contract/receivables';
import type { PeriodScore, ScorecardResponse } from '../../../functions/src/contract/scorecard';
import type { Locale } from '../i18n/locale';
import type { ResultCell, ResultSheetSpec } from '../workbook/adapter';

export const AGING_SHEET = { 'zh-CN': '应收账龄', 'en-US': 'Receivables aging' } as const;
export const SCORECARD_SHEET = { 'zh-CN': '业务员考核', 'en-US': 'Rep scorecard' } as const;
const MONEY = '#,##0.00';
const RATE = '0.00%';

const T = {
  customer: ['客户名称', 'Customer'],
  currency: ['币种', 'Currency'],
  rep: ['业务员', 'Rep'],
  region: ['片区', 'Region'],
  opening: ['期初余额', 'Opening'],
  shipped: ['发货', 'Shipped'],
  received: ['回款', 'Received'],
  returns: ['退货', 'Returns'],
  allowances: ['折让', 'Allowances'],
  closing: ['期末余额', 'Closing'],
  bills: ['其中未到期承兑汇票', 'Of which bills not yet due'],
  total: ['合计', 'Total'],
  plan: ['计划', 'Plan'],
  actual: ['实绩', 'Actual'],
  completion: ['计划达成率', 'Plan completion'],
  collection: ['回款率', 'Collection rate'],
  newRate: ['新客户拓展率', 'New-customer rate'],
  newCount: ['新客户数', 'New customers'],
  active: ['活跃客户数', 'Active customers'],
  rankC: ['达成率排名', 'Completion rank'],
  rankK: ['回款率排名', 'Collection rank'],
  rankN: ['新客户排名', 'New-customer rank'],
  note: ['说明', 'Note'],
} as const;
const text = (locale: Locale, key: keyof typeof T) => T[key][locale === 'zh-CN' ? 0 : 1];
const money = (m: string | null): ResultCell => (m === null ? null : Number(m));
const rate = (r: string | null): ResultCell => (r === null ? null : Number(r));

/** 应收账龄: one row per customer and currency, the balance identity and the aging buckets; totals per currency. */
export function agingSheet(
  answer: ReceivablesResponse,
  locale: Locale,
  /** One rep's customers only: said in the title, so the sheet is never taken for the company's. */
  rep?: string,
): ResultSheetSpec {
  const t = (k: keyof typeof T) => text(locale, k);
  const buckets = answer.customers[0]?.aging ?? answer.totals[0]?.aging ?? [];
  const columns = [
    { header: t('customer') },
    { header: t('currency') },
    { header: t('rep') },
    { header: t('region') },
    ...(['opening', 'shipped', 'received', 'returns', 'allowances', 'closing'] as const).map((k) => ({
      header: t(k),
      numberFormat: MONEY,
    })),
    ...buckets.map((b) => ({ header: b.label[locale], numberFormat: MONEY })),
    { header: t('bills'), numberFormat: MONEY },
  ];
  return {
    title:
      locale === 'zh-CN'
        ? `应收账款及账龄（截至 ${answer.asOf}；${answer.basisLabel['zh-CN']}${rep ? `；业务员：${rep}` : ''}）`
        : `Receivables and aging as of ${answer.asOf} (${answer.basisLabel['en-US']}${rep ? `; rep: ${rep}` : ''})`,
    kind: 'receivablesAging',
    formerNames: [AGING_SHEET[locale === 'zh-CN' ? 'en-US' : 'zh-CN']],
    freezeHeader: true,
    tables: [
      {
        columns,
        rows: answer.customers.map((c): ResultCell[] => [
          c.customer,
          c.currency,
          c.rep,
          c.region,
          ...[c.opening, c.shipped, c.received, c.returns, c.allowances, c.closing].map(money),
          ...c.aging.map((b) => money(b.amount)),
          money(c.bankAcceptances.notMatured),
        ]),
      },
      {
        caption: locale === 'zh-CN' ? '按币种合计' : 'Totals per currency',
        columns: [
          { header: t('currency') },
          { header: t('closing'), numberFormat: MONEY },
          ...buckets.map((b) => ({ header: b.label[locale], numberFormat: MONEY })),
        ],
        rows: answer.totals.map((x): ResultCell[] => [
          x.currency,
          money(x.closing),
          ...x.aging.map((b) => money(b.amount)),
        ]),
      },
      {
        caption: t('note'),
        columns: [{ header: t('note') }],
        rows: answer.notes.map((n): ResultCell[] => [n[locale]]),
      },
    ],
  };
}

function periodCells(s: PeriodScore, locale: Locale): ResultCell[] {
  return [
    money(s.plan),
    money(s.actual),
    rate(s.completion),
    rate(s.collectionRate),
    s.newCustomers,
    s.activeCustomers,
    rate(s.newCustomerRate),
    s.ranks.completion,
    s.ranks.collection,
    s.ranks.newCustomers,
    s.completionNote?.[locale] ?? null,
  ];
}

/** 业务员考核: reps and regions, month and year to date, with the formulas written under the tables. */
export function scorecardSheet(card: ScorecardResponse, locale: Locale): ResultSheetSpec {
  const t = (k: keyof typeof T) => text(locale, k);
  const period = (label: string) => [
    { header: `${label}${t('plan')}`, numberFormat: MONEY },
    { header: `${label}${t('actual')}`, numberFormat: MONEY },
    { header: `${label}${t('completion')}`, numberFormat: RATE },
    { header: `${label}${t('collection')}`, numberFormat: RATE },
    { header: `${label}${t('newCount')}` },
    { header: `${label}${t('active')}` },
    { header: `${label}${t('newRate')}`, numberFormat: RATE },
    { header: `${label}${t('rankC')}` },
    { header: `${label}${t('rankK')}` },
    { header: `${label}${t('rankN')}` },
    { header: `${label}${t('note')}` },
  ];
  const [m, y] = locale === 'zh-CN' ? ['本月', '累计'] : ['Month ', 'YTD '];
  const columns = (first: readonly { header: string }[]) => [...first, ...period(m), ...period(y)];
  return {
    title:
      locale === 'zh-CN'
        ? `${card.month} 业务员考核（${card.basisLabel['zh-CN']}）`
        : `Rep scorecard ${card.month} (${card.basisLabel['en-US']})`,
    kind: 'scorecard',
    formerNames: [SCORECARD_SHEET[locale === 'zh-CN' ? 'en-US' : 'zh-CN']],
    freezeHeader: true,
    tables: [
      {
        columns: columns([{ header: t('rep') }, { header: t('region') }]),
        rows: card.reps.map((r): ResultCell[] => [
          r.rep,
          r.region,
          ...periodCells(r.month, locale),
          ...periodCells(r.ytd, locale),
        ]),
      },
      {
        caption: locale === 'zh-CN' ? '按片区' : 'By region',
        columns: columns([{ header: t('region') }, { header: t('rep') }]),
        rows: card.regions.map((r): ResultCell[] => [
          r.region,
          r.reps,
          ...periodCells(r.month, locale),
          ...periodCells(r.ytd, locale),
        ]),
      },
      {
        caption: locale === 'zh-CN' ? '公式与说明' : 'Formulas and notes',
        columns: [{ header: t('note') }],
        rows: [
          ...Object.values(card.formulas).map((f): ResultCell[] => [f[locale]]),
          ...card.notes.map((n): ResultCell[] => [n[locale]]),
        ],
      },
      // The chart's source: the three figures side by side, next to the rep (a chart takes adjacent columns).
      {
        caption: locale === 'zh-CN' ? '本月三项指标（图表数据）' : 'This month’s three figures (chart data)',
        columns: [
          { header: t('rep') },
          { header: t('completion'), numberFormat: RATE },
          { header: t('collection'), numberFormat: RATE },
          { header: t('newRate'), numberFormat: RATE },
        ],
        rows: card.reps.map((r): ResultCell[] => [
          r.rep,
          rate(r.month.completion),
          rate(r.month.collectionRate),
          rate(r.month.newCustomerRate),
        ]),
      },
    ],
    charts: card.reps.length
      ? [
          {
            type: 'column',
            title: locale === 'zh-CN' ? `${card.month} 业务员三项指标` : `Rep figures ${card.month}`,
            table: 3,
            categoryColumn: 0,
            seriesCount: 3,
          },
        ]
      : [],
  };
}
