// The 应收与考核 tab's own words (what it writes into the workbook is in src/receivables/).
import type { Bilingual } from '../../i18n/locale';
import { textPicker } from '../../i18n/strings';

export const receivablesStrings = {
  intro: {
    'zh-CN':
      '按已同步的发货、回款台账和期初余额，写出“应收账龄”、每个客户一张可直接用 A4 打印的“对账单”和“业务员考核”。结果表由 SalesDesk 管理，重新生成会替换，原有单元格不变。',
    'en-US':
      'From the synced shipment and receipts ledgers and opening balances, writes the receivables aging, one statement per customer ready to print on A4, and the rep scorecard. SalesDesk owns these sheets: a re-run replaces them; your cells are never changed.',
  },
  noWorkbook: {
    'zh-CN': '没有打开的工作簿。请在 Excel 中打开此加载项，或使用浏览器预览。',
    'en-US': 'No workbook is open. Open this add-in in Excel, or use the browser preview.',
  },
  month: { 'zh-CN': '截至月份', 'en-US': 'As of month' },
  monthHint: { 'zh-CN': 'YYYY-MM，算到该月最后一天', 'en-US': 'YYYY-MM, up to its last day' },
  monthInvalid: {
    'zh-CN': '月份应为 YYYY-MM，如 2026-12',
    'en-US': 'The month must be YYYY-MM, e.g. 2026-12',
  },
  basis: { 'zh-CN': '账龄依据', 'en-US': 'Age by' },
  basisShipment: { 'zh-CN': '发货日', 'en-US': 'Ship date' },
  basisInvoice: { 'zh-CN': '开票日', 'en-US': 'Invoice date' },
  basisNote: {
    'zh-CN': '账龄依据写在“应收账龄”表的标题里。',
    'en-US': 'The basis is stated in the aging sheet’s title.',
  },
  who: { 'zh-CN': '对账单客户', 'en-US': 'Statements for' },
  whoRep: { 'zh-CN': '业务员的全部客户', 'en-US': 'All customers of a rep' },
  whoList: { 'zh-CN': '指定客户', 'en-US': 'Chosen customers' },
  rep: { 'zh-CN': '业务员', 'en-US': 'Rep' },
  repAll: { 'zh-CN': '全部业务员', 'en-US': 'All reps' },
  repsLoading: { 'zh-CN': '正在读取业务员…', 'en-US': 'Loading reps…' },
  repsNone: {
    'zh-CN': '截至该月没有应收数据（先在“月末对账”中同步台账）。',
    'en-US': 'No receivables up to that month (sync the ledgers in Month-end first).',
  },
  customers: {
    'zh-CN': '客户名称（每行一个，或用、分隔）',
    'en-US': 'Customers (one per line, or comma-separated)',
  },
  writeAging: { 'zh-CN': '写入应收账龄', 'en-US': 'Write receivables aging' },
  writeStatements: { 'zh-CN': '写入客户对账单', 'en-US': 'Write customer statements' },
  writeScorecard: { 'zh-CN': '写入业务员考核', 'en-US': 'Write rep scorecard' },
  needRep: {
    'zh-CN': '请选择业务员或填写客户名称。',
    'en-US': 'Choose a rep or type the customers.',
  },
  phaseAging: { 'zh-CN': '正在写入应收账龄', 'en-US': 'Writing the receivables aging' },
  phaseStatements: { 'zh-CN': '正在写入对账单：{customer}', 'en-US': 'Writing statements: {customer}' },
  phaseScorecard: { 'zh-CN': '正在写入业务员考核', 'en-US': 'Writing the rep scorecard' },
  doneAging: {
    'zh-CN': '已写入“{sheet}”（A4 横向打印）。',
    'en-US': 'Wrote “{sheet}” (prints A4 landscape).',
  },
  doneStatements: {
    'zh-CN': '已写入 {n} 张 {month} 对账单（每个客户一张，已设 A4 纵向打印区域）：{sheets}。',
    'en-US':
      'Wrote {n} statements for {month} (one sheet per customer, print area set for A4 portrait): {sheets}.',
  },
  doneScorecard: {
    'zh-CN': '已写入“{sheet}”：{basis}。',
    'en-US': 'Wrote “{sheet}”: {basis}.',
  },
  noCompany: {
    'zh-CN':
      '对账单抬头没有公司名称：请管理员在函数应用设置 SALESDESK_COMPANY_NAME（“中文名|English name”）后重新生成。',
    'en-US':
      'The statements have no company name in their heading: ask the administrator to set SALESDESK_COMPANY_NAME on the function app ("中文名|English name"), then write them again.',
  },
  missingTitle: {
    'zh-CN': '{n} 个客户没有对账单',
    'en-US': '{n} customers have no statement',
  },
  cancelledTitle: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
  errorTitle: { 'zh-CN': '未完成', 'en-US': 'Did not finish' },
} satisfies Record<string, Bilingual>;

export type ReceivablesStringKey = keyof typeof receivablesStrings;

export const recvText = textPicker<ReceivablesStringKey>(receivablesStrings);
