// The 价格检查 tab's own words (what it writes into the workbook is in src/priceCheck/strings.ts).
import type { Bilingual } from '../../i18n/locale';
import { textPicker } from '../../i18n/strings';

export const priceCheckStrings = {
  intro: {
    'zh-CN':
      '按已发布的价格政策检查销售台账的每一行单价，结果写在数据右侧和“价格检查结果”表，不改动原有单元格。',
    'en-US':
      'Checks every unit price of the sales ledger against the published price policy. Results go to the right of the data and to the "Price check results" sheet; your cells are never changed.',
  },
  noWorkbook: {
    'zh-CN':
      '没有打开的工作簿。请在 Excel 中打开此加载项，或使用浏览器预览（npm start 后打开 preview.html）。',
    'en-US':
      'No workbook is open. Open this add-in in Excel, or use the browser preview (preview.html after npm start).',
  },
  readingHeader: { 'zh-CN': '正在读取表头…', 'en-US': 'Reading the header…' },
  run: { 'zh-CN': '开始检查', 'en-US': 'Run price check' },
  runAgain: { 'zh-CN': '重新检查', 'en-US': 'Run again' },
  needsColumns: {
    'zh-CN': '请先为“{fields}”选择列。',
    'en-US': 'Choose a column for {fields} first.',
  },
  taxExclusive: {
    'zh-CN': '单价按不含税读取：检查时按价格政策的增值税率换算成含税价再比较。',
    'en-US':
      'Unit prices are read as tax-exclusive: they are converted with the policy’s VAT rate before comparing.',
  },
  phaseRead: { 'zh-CN': '正在读取工作表', 'en-US': 'Reading the sheet' },
  phaseCheck: { 'zh-CN': '正在检查价格', 'en-US': 'Checking prices' },
  phaseWrite: { 'zh-CN': '正在写入结果', 'en-US': 'Writing the results' },
  done: {
    'zh-CN': '检查完成：共 {rows} 行。结果写在 {first}–{last} 列和工作表“{sheet}”。',
    'en-US': 'Done: {rows} rows checked. Results are in columns {first}–{last} and on sheet "{sheet}".',
  },
  doneMoved: {
    'zh-CN': '原结果列位置已被占用，本次结果写在更右侧。',
    'en-US': 'The earlier result columns’ place was taken, so the results went further right.',
  },
  skipped: {
    'zh-CN':
      '跳过 {subtotal} 个小计行、{total} 个合计行、{blank} 个空行、{note} 个文字行（无型号、数量和单价，如 制表/审核 落款）。',
    'en-US':
      'Skipped {subtotal} subtotal, {total} total and {blank} blank rows, and {note} text rows (no model, quantity or price, e.g. signature lines).',
  },
  summaryTitle: { 'zh-CN': '检查结果', 'en-US': 'Results' },
  problemsTitle: {
    'zh-CN': '{n} 行需要处理（点击转到单元格）',
    'en-US': '{n} rows to look at (click to go to the cell)',
  },
  flaggedLine: {
    'zh-CN': '{sheet} 第 {row} 行（{cell}）：{status}。{message}',
    'en-US': '{sheet} row {row} ({cell}): {status}. {message}',
  },
  unreadableLine: {
    'zh-CN': '{sheet} 第 {row} 行无法读取：{problem}',
    'en-US': '{sheet} row {row} could not be read: {problem}',
  },
  readProblemLine: {
    'zh-CN': '{problem}（该行仍已检查）',
    'en-US': '{problem} (the row was still checked)',
  },
  creditLine: {
    'zh-CN': '{sheet} 第 {row} 行（{customer}）：{note}',
    'en-US': '{sheet} row {row} ({customer}): {note}',
  },
  clear: { 'zh-CN': '清除标记', 'en-US': 'Clear marks' },
  cleared: {
    'zh-CN': '已清除工作表“{sheet}”上 SalesDesk 的结果列和颜色，以及结果表“{result}”。其他内容没有改动。',
    'en-US':
      'Removed SalesDesk’s result columns and colours from sheet "{sheet}", and the result sheet "{result}". Nothing else was changed.',
  },
  nothingToClear: {
    'zh-CN': '工作表“{sheet}”上没有 SalesDesk 的标记。',
    'en-US': 'There are no SalesDesk marks on sheet "{sheet}".',
  },
  errorTitle: { 'zh-CN': '价格检查未完成', 'en-US': 'The price check did not finish' },
  retry: { 'zh-CN': '重试', 'en-US': 'Retry' },
  openSettings: { 'zh-CN': '打开设置', 'en-US': 'Open Settings' },
} satisfies Record<string, Bilingual>;

export type PriceCheckStringKey = keyof typeof priceCheckStrings;

export const tabText = textPicker<PriceCheckStringKey>(priceCheckStrings);
