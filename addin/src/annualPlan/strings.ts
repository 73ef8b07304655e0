// The 年度计划 tab's own words (what it writes into the workbook is in src/annualPlan/texts.ts).
import type { Bilingual } from '../i18n/locale';
import { textPicker } from '../i18n/strings';

export const annualPlanStrings = {
  introSplit: {
    'zh-CN':
      '把年度计划按季节、上年实绩或工作日分解到 12 个月（各月之和与年度数分毫不差），写入“月度计划”表，发布后可用 =SALES.PLAN 取数。',
    'en-US':
      'Breaks the annual plan into 12 months by season, prior-year shape or working days (the months add up exactly), writes the 月度计划 sheet, and publishes it for =SALES.PLAN.',
  },
  introProgress: {
    'zh-CN': '按销售台账计算已发布计划的达成情况，写入“计划达成”表（按月、累计，按产品类别、片区、业务员）。',
    'en-US':
      'Measures the sales ledger against the published plan and writes the 计划达成 sheet (by month, year to date, by product type, region and rep).',
  },
  viewsLabel: { 'zh-CN': '年度计划的任务', 'en-US': 'Annual plan tasks' },
  viewSplit: { 'zh-CN': '分解计划', 'en-US': 'Split the plan' },
  viewProgress: { 'zh-CN': '计划达成', 'en-US': 'Plan vs actual' },
  rateAsked: {
    'zh-CN': '台账中有美元行：请填写汇率，如 7.1。',
    'en-US': 'The ledger has USD lines: enter the rate, e.g. 7.1.',
  },
  noWorkbook: {
    'zh-CN': '没有打开的工作簿。请在 Excel 中打开此加载项，或使用浏览器预览。',
    'en-US': 'No workbook is open. Open this add-in in Excel, or use the browser preview.',
  },
  planSection: { 'zh-CN': '年度计划表', 'en-US': 'Annual plan sheet' },
  profileSection: { 'zh-CN': '季节系数表（可选）', 'en-US': 'Season profile sheet (optional)' },
  useProfileSheet: {
    'zh-CN': '使用表中的季节系数（未列出的产品类别用内置曲线）',
    'en-US': 'Use the season profiles on a sheet (built-in ones for types it lacks)',
  },
  ledgerSection: {
    'zh-CN': '销售台账（上年实绩分解、计划达成）',
    'en-US': 'Sales ledger (prior-year shape, plan vs actual)',
  },
  readingHeader: { 'zh-CN': '正在读取表头…', 'en-US': 'Reading the header…' },
  method: { 'zh-CN': '分解方法', 'en-US': 'Method' },
  methodProfile: { 'zh-CN': '季节曲线（淡旺季）', 'en-US': 'Season profile (peak/off season)' },
  methodHistory: { 'zh-CN': '上年实绩结构（销售台账）', 'en-US': 'Prior-year shape (sales ledger)' },
  methodWorkdays: {
    'zh-CN': '工作日（含法定节假日与调休）',
    'en-US': 'Working days (statutory holidays, make-up days)',
  },
  methodEven: { 'zh-CN': '平均分配', 'en-US': 'Even' },
  historyHint: {
    'zh-CN': '只用计划年度以前的台账实绩；没有实绩的行改用季节曲线，并注明原因。',
    'en-US':
      'Only ledger lines before the plan year count; rows without any fall back to the season profile, with the reason.',
  },
  year: { 'zh-CN': '计划年度', 'en-US': 'Plan year' },
  roundTo: { 'zh-CN': '各月取整到', 'en-US': 'Round months to' },
  unitFound: { 'zh-CN': '金额单位：{unit}', 'en-US': 'Unit: {unit}' },
  usdRate: { 'zh-CN': '美元汇率（元/美元）', 'en-US': 'USD rate (yuan per USD)' },
  usdRateHint: {
    'zh-CN': '台账中有美元行时必填：按此汇率折成人民币，并写在结果表上。',
    'en-US':
      'Needed when the ledger has USD lines: they count at this rate, which is written on the result sheet.',
  },
  rateNeeded: {
    'zh-CN':
      '“{sheet}”中有 {n} 行为{currency}（如第 {rows} 行）：请先填写汇率再计算计划达成，否则外贸销售会被漏算。',
    'en-US':
      '"{sheet}" has {n} lines in {currency} (e.g. rows {rows}): enter the rate first, or export sales would be left out of plan vs actual.',
  },
  throughMonth: { 'zh-CN': '计划达成截至', 'en-US': 'Plan vs actual through' },
  throughAuto: { 'zh-CN': '有实绩的最后一个月', 'en-US': 'The latest month with actuals' },
  preview: { 'zh-CN': '预览分解', 'en-US': 'Preview split' },
  write: { 'zh-CN': '写入月度计划', 'en-US': 'Write monthly plan' },
  publish: { 'zh-CN': '发布', 'en-US': 'Publish' },
  progress: { 'zh-CN': '计划达成', 'en-US': 'Plan vs actual' },
  confirmPublishNew: {
    'zh-CN':
      '发布 {year} 年计划第 1 版（{rows} 行，年度合计 {annual}）？发布后 =SALES.PLAN 和计划达成都以它为准。',
    'en-US':
      'Publish version 1 of the {year} plan ({rows} rows, annual total {annual})? =SALES.PLAN and plan vs actual will use it.',
  },
  confirmPublishNext: {
    'zh-CN': '发布 {year} 年计划第 {version} 版（{rows} 行，年度合计 {annual}），替换第 {current} 版？',
    'en-US':
      'Publish version {version} of the {year} plan ({rows} rows, annual total {annual}), replacing version {current}?',
  },
  confirm: { 'zh-CN': '确认发布', 'en-US': 'Publish now' },
  cancel: { 'zh-CN': '取消', 'en-US': 'Cancel' },
  phaseReadPlan: { 'zh-CN': '正在读取年度计划', 'en-US': 'Reading the annual plan' },
  phaseReadProfile: { 'zh-CN': '正在读取季节系数', 'en-US': 'Reading the season profiles' },
  phaseReadLedger: { 'zh-CN': '正在读取销售台账', 'en-US': 'Reading the sales ledger' },
  phaseSplit: { 'zh-CN': '正在分解', 'en-US': 'Splitting' },
  phaseWrite: { 'zh-CN': '正在写入', 'en-US': 'Writing' },
  phasePublish: { 'zh-CN': '正在发布', 'en-US': 'Publishing' },
  phaseProgress: { 'zh-CN': '正在计算计划达成', 'en-US': 'Measuring plan vs actual' },
  previewTitle: {
    'zh-CN': '{year} 年分解预览：{rows} 行，年度合计 {annual}',
    'en-US': '{year} split preview: {rows} rows, annual total {annual}',
  },
  byMonth: { 'zh-CN': '按月', 'en-US': 'By month' },
  byProductType: { 'zh-CN': '按产品类别', 'en-US': 'By product type' },
  month: { 'zh-CN': '月份', 'en-US': 'Month' },
  productType: { 'zh-CN': '产品类别', 'en-US': 'Product type' },
  amount: { 'zh-CN': '金额', 'en-US': 'Amount' },
  fellBack: {
    'zh-CN': '{n} 行未能按所选方法分解，原因见“月度计划”表的“分解说明”列。',
    'en-US': '{n} rows could not use the chosen method; the Basis column of 月度计划 says why.',
  },
  lockedRows: {
    'zh-CN': '{rows} 行填了月份金额（共 {months} 个月）：这些月份按表中金额原样保留，其余月份分解余额。',
    'en-US':
      '{rows} rows hold month amounts ({months} months in all): those months keep the amounts on the sheet; the rest is spread over the other months.',
  },
  lockedNone: {
    'zh-CN': '表中有月份列，但都没有填写金额：全部月份参与分解。',
    'en-US': 'The sheet has month columns but none is filled: every month is spread.',
  },
  notesTitle: { 'zh-CN': '说明', 'en-US': 'Notes' },
  publishedNone: {
    'zh-CN': '{year} 年计划尚未发布。',
    'en-US': 'The {year} plan has not been published yet.',
  },
  publishedCurrent: {
    'zh-CN': '{year} 年计划当前为第 {version} 版，由 {by} 于 {at} 发布。',
    'en-US': 'The {year} plan is at version {version}, published by {by} on {at}.',
  },
  publishedUnknown: {
    'zh-CN': '无法确认 {year} 年计划的发布情况：{reason}',
    'en-US': 'Could not tell whether the {year} plan is published: {reason}',
  },
  written: {
    'zh-CN': '已写入“{sheet}”表：{rows} 行，含合计行和按产品类别的图表。',
    'en-US': 'Wrote the "{sheet}" sheet: {rows} rows, with a totals row and a chart by product type.',
  },
  writtenProgress: {
    'zh-CN': '已写入“{sheet}”表（截至{month}）：累计达成率 {completion}。',
    'en-US': 'Wrote the "{sheet}" sheet (through {month}): year-to-date completion {completion}.',
  },
  writtenProgressNone: {
    'zh-CN': '已写入“{sheet}”表：计划年度内尚无实绩。',
    'en-US': 'Wrote the "{sheet}" sheet: no actuals in the plan year yet.',
  },
  published: { 'zh-CN': '已发布。{summary}', 'en-US': 'Published. {summary}' },
  forbidden: {
    'zh-CN': '只有销售部部长（Sales.Head）可以发布年度计划。',
    'en-US': 'Only the sales head (Sales.Head) may publish the annual plan.',
  },
  planChanged: {
    'zh-CN': '本页已改为对照当前第 {version} 版：请核对月度计划，确认无误后再次点击“发布”。',
    'en-US':
      'The pane now compares against version {version}: check the monthly plan, then press Publish again.',
  },
  needsColumns: {
    'zh-CN': '{sheet}：请先为“{fields}”选择列。',
    'en-US': '{sheet}: choose a column for {fields} first.',
  },
  noRows: {
    'zh-CN': '“{sheet}”中没有可用的计划行。',
    'en-US': 'The "{sheet}" sheet has no plan rows that can be used.',
  },
  needsLedger: {
    'zh-CN': '请先选择销售台账。',
    'en-US': 'Choose the sales ledger first.',
  },
  profileSheetUnused: {
    'zh-CN': '“{sheet}”读不出季节系数（缺少列：{fields}），改用内置季节曲线。',
    'en-US':
      'No season profiles could be read from "{sheet}" (missing columns: {fields}); the built-in profiles are used.',
  },
  foreignLeftOut: {
    'zh-CN': '台账中 {n} 行为{currency}，未填汇率，未计入（如第 {rows} 行）。',
    'en-US':
      '{n} ledger lines are in {currency} and no rate was given, so they were left out (e.g. rows {rows}).',
  },
  foreignConverted: {
    'zh-CN': '台账中 {n} 行{currency}按 {rate} 折成人民币。',
    'en-US': '{n} ledger lines in {currency} were converted at {rate}.',
  },
  badRate: {
    'zh-CN': '汇率应为正数，如 7.1，实为“{found}”。',
    'en-US': 'The rate must be a positive number such as 7.1; found "{found}".',
  },
  badYear: {
    'zh-CN': '计划年度应为 2000–2099 的整数，实为“{found}”。',
    'en-US': 'The plan year must be a whole number 2000–2099; found "{found}".',
  },
  sheetProblems: { 'zh-CN': '{n} 个单元格未能使用', 'en-US': '{n} cells could not be used' },
  inputProblems: { 'zh-CN': '服务指出 {n} 处问题', 'en-US': 'The service found {n} problems' },
  cancelled: { 'zh-CN': '已取消。', 'en-US': 'Cancelled.' },
  openSettings: { 'zh-CN': '打开设置', 'en-US': 'Open Settings' },
  retry: { 'zh-CN': '重试', 'en-US': 'Retry' },
  unreachable: {
    'zh-CN': '无法连接服务 {url}：{reason}。请检查“设置”中的服务地址。',
    'en-US': 'Cannot reach the service at {url}: {reason}. Check the API address in Settings.',
  },
  httpError: {
    'zh-CN': '服务返回错误（HTTP {status}）：{message}',
    'en-US': 'The service answered with an error (HTTP {status}): {message}',
  },
} satisfies Record<string, Bilingual>;

export type AnnualPlanStringKey = keyof typeof annualPlanStrings;

export const apText = textPicker<AnnualPlanStringKey>(annualPlanStrings);

/** Both languages at once, for messages kept in state while the language may change. */
export function apBoth(key: AnnualPlanStringKey, params?: Record<string, string | number>): Bilingual {
  return { 'zh-CN': apText('zh-CN', key, params), 'en-US': apText('en-US', key, params) };
}
