// The 月末对账 tab's own words (what it writes into the workbook is in src/monthEnd/strings.ts).
import type { Bilingual } from '../../i18n/locale';
import { textPicker } from '../../i18n/strings';

export const monthEndStrings = {
  intro: {
    'zh-CN':
      '把销售台账、发货台账、回款台账和财务应收明细账同步到云端，按月做账账核对，写出“对账差异”“发货未开票”“销售跟单月报表”和汇总表，不改动原有单元格。',
    'en-US':
      'Syncs the sales, shipment and receipts ledgers and Finance’s books to the cloud, reconciles the month, and writes the differences, shipped-not-invoiced, the tracking report and a summary. Your cells are never changed.',
  },
  noWorkbook: {
    'zh-CN':
      '没有打开的工作簿。请在 Excel 中打开此加载项，或使用浏览器预览（npm start 后打开 preview.html）。',
    'en-US':
      'No workbook is open. Open this add-in in Excel, or use the browser preview (preview.html after npm start).',
  },
  month: { 'zh-CN': '对账月份', 'en-US': 'Month' },
  monthHint: { 'zh-CN': '格式 YYYY-MM，按北京时间', 'en-US': 'YYYY-MM, China time' },
  monthInvalid: {
    'zh-CN': '月份应为 YYYY-MM，如 2026-04',
    'en-US': 'The month must be YYYY-MM, e.g. 2026-04',
  },
  usdRate: { 'zh-CN': '美元汇率（元/美元，本月）', 'en-US': 'USD rate (CNY per USD, this month)' },
  usdRateHint: {
    'zh-CN': '美元行按美元核对；填写后汇总表折合人民币，不填则美元单列。',
    'en-US':
      'USD lines reconcile in USD; with a rate the summary also shows CNY, without it USD stays apart.',
  },
  usdRateInvalid: { 'zh-CN': '汇率应为数字，如 7.10', 'en-US': 'The rate must be a number, e.g. 7.10' },
  ledger: { 'zh-CN': '台账', 'en-US': 'Ledger' },
  ledgerSheet: { 'zh-CN': '{kind}：{sheet}', 'en-US': '{kind}: {sheet}' },
  ledgerNone: { 'zh-CN': '{kind}：未找到，不同步', 'en-US': '{kind}: not found, not synced' },
  openingsSheet: {
    'zh-CN': '{kind}（可选，同步一次）：{sheet}',
    'en-US': '{kind} (optional, synced once): {sheet}',
  },
  openingsNone: {
    'zh-CN': '{kind}（可选）：未找到，期初按 0 计',
    'en-US': '{kind} (optional): not found, openings count as 0',
  },
  readingHeader: { 'zh-CN': '正在读取表头…', 'en-US': 'Reading the header…' },
  run: { 'zh-CN': '同步并对账', 'en-US': 'Sync and reconcile' },
  runAgain: { 'zh-CN': '重新同步并对账', 'en-US': 'Sync and reconcile again' },
  phaseRead: { 'zh-CN': '正在读取{kind}', 'en-US': 'Reading the {kind}' },
  phaseSync: { 'zh-CN': '正在同步{kind}（按月）', 'en-US': 'Syncing the {kind} (month by month)' },
  phaseRun: { 'zh-CN': '正在运行月末对账', 'en-US': 'Running month-end' },
  phaseWrite: { 'zh-CN': '正在写入结果表', 'en-US': 'Writing the result sheets' },
  cancelledTitle: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
  errorTitle: { 'zh-CN': '月末对账未完成', 'en-US': 'Month-end did not finish' },
  done: {
    'zh-CN': '{month} 对账完成（报告第 {version} 版{same}）：{count} 条差异，已写入 {sheets}。',
    'en-US': '{month} reconciled (report version {version}{same}): {count} differences, written to {sheets}.',
  },
  sameReport: { 'zh-CN': '，台账无变化', 'en-US': ', ledgers unchanged' },
  totalsTitle: { 'zh-CN': '账账核对', 'en-US': 'Ledger vs books' },
  totalsLine: {
    'zh-CN': '{currency}：台账 {ledger}，财务账 {books}，差额 {difference}（未解释 {remainder}）',
    'en-US': '{currency}: ledger {ledger}, books {books}, difference {difference} (unexplained {remainder})',
  },
  classLine: { 'zh-CN': '{label}：{count} 条', 'en-US': '{label}: {count}' },
  syncedTitle: { 'zh-CN': '已同步', 'en-US': 'Synced' },
  syncedLine: {
    'zh-CN': '{kind}（{sheet}）：{months} 个月，{rows} 行；{month} 第 {version} 版',
    'en-US': '{kind} ({sheet}): {months} months, {rows} rows; {month} version {version}',
  },
  closedMonths: {
    'zh-CN': '已结账月份未同步：{months}',
    'en-US': 'Closed months not synced: {months}',
  },
  latestTitle: { 'zh-CN': '最新报告', 'en-US': 'Latest report' },
  latestLine: {
    'zh-CN': '{month} 第 {version} 版（{runBy}，{runAt}）：{count} 条差异',
    'en-US': '{month} version {version} ({runBy}, {runAt}): {count} differences',
  },
  latestNone: {
    'zh-CN': '{month} 尚未运行月末对账。',
    'en-US': 'Month-end has not been run for {month} yet.',
  },
  writeLatest: { 'zh-CN': '把此报告写入工作簿', 'en-US': 'Write this report into the workbook' },
  written: {
    'zh-CN': '已把 {month} 第 {version} 版报告写入 {sheets}。',
    'en-US': 'Wrote report {month} version {version} to {sheets}.',
  },
  problemsTitle: {
    'zh-CN': '{n} 个单元格无法读取（该行未同步）',
    'en-US': '{n} cells could not be read (their rows were not synced)',
  },
  closeTitle: { 'zh-CN': '结账', 'en-US': 'Month close' },
  stateOpen: { 'zh-CN': '{month} 未结账。', 'en-US': '{month} is open.' },
  stateClosed: {
    'zh-CN': '{month} 已由 {who} 于 {at} 结账；数据不再变动，更正记入下一个未结账月份。',
    'en-US':
      '{month} was closed by {who} on {at}; its figures no longer change, corrections go into the next open month.',
  },
  lastReopen: {
    'zh-CN': '上次反结账：{who}，{at}，原因：{reason}',
    'en-US': 'Last reopened by {who} on {at}: {reason}',
  },
  closeButton: { 'zh-CN': '结账', 'en-US': 'Close month' },
  reopenButton: { 'zh-CN': '反结账', 'en-US': 'Reopen month' },
  reopenReason: { 'zh-CN': '反结账原因（必填）', 'en-US': 'Reason for reopening (required)' },
  closeNotAllowed: {
    'zh-CN': '只有财务（Finance）可以结账和反结账；您当前的角色：{roles}。',
    'en-US': 'Only Finance may close and reopen months; your roles: {roles}.',
  },
  noRoles: { 'zh-CN': '无', 'en-US': 'none' },
  closeFailed: { 'zh-CN': '结账操作未完成', 'en-US': 'The month close did not go through' },
} satisfies Record<string, Bilingual>;

export type MonthEndStringKey = keyof typeof monthEndStrings;

export const tabText = textPicker<MonthEndStringKey>(monthEndStrings);
