// The browser preview's own words (the task pane beside it brings its own).
import type { Bilingual, Locale } from '../i18n/locale';

export const previewStrings = {
  pageTitle: { 'zh-CN': 'SalesDesk 浏览器预览', 'en-US': 'SalesDesk browser preview' },
  pageNote: {
    'zh-CN': '开发用：任务窗格在浏览器内的工作簿上运行，无需 Excel。',
    'en-US': 'For development: the task pane works on an in-browser workbook, no Excel needed.',
  },
  loadSample: { 'zh-CN': '载入示例台账', 'en-US': 'Load sample workbook' },
  openFile: { 'zh-CN': '打开 .xlsx…', 'en-US': 'Open .xlsx…' },
  download: { 'zh-CN': '下载 .xlsx', 'en-US': 'Download .xlsx' },
  switchLanguage: { 'zh-CN': 'English', 'en-US': '中文' },
  switchLanguageLabel: { 'zh-CN': '切换为英文', 'en-US': 'Switch to Chinese' },
  loading: { 'zh-CN': '正在读取 {name}…', 'en-US': 'Reading {name}…' },
  loaded: { 'zh-CN': '已打开 {name}', 'en-US': 'Opened {name}' },
  blankBook: { 'zh-CN': '工作簿1.xlsx', 'en-US': 'Book1.xlsx' },
  notXlsx: {
    'zh-CN': '无法打开 {name}：只能打开 Excel 工作簿（.xlsx）。.xls 或 .csv 请先在 Excel 中另存为 .xlsx。',
    'en-US':
      'Cannot open {name}: only Excel workbooks (.xlsx) can be opened. Save .xls or .csv as .xlsx in Excel first.',
  },
  unreadable: {
    'zh-CN': '无法读取 {name}：{reason}。请确认它是完好的 .xlsx 文件。',
    'en-US': 'Cannot read {name}: {reason}. Check that it is an intact .xlsx file.',
  },
  sampleMissing: {
    'zh-CN':
      '找不到示例台账（{url}，HTTP {status}）。请用 npm start 或带 SALESDESK_PREVIEW=1 的构建来打开预览。',
    'en-US':
      'The sample workbook was not found ({url}, HTTP {status}). Open the preview from npm start or a build with SALESDESK_PREVIEW=1.',
  },
  downloadFailed: {
    'zh-CN': '无法生成 .xlsx：{reason}',
    'en-US': 'Could not produce the .xlsx: {reason}',
  },
  workbookLabel: { 'zh-CN': '工作簿', 'en-US': 'Workbook' },
  paneLabel: { 'zh-CN': '任务窗格', 'en-US': 'Task pane' },
  sheetTabs: { 'zh-CN': '工作表', 'en-US': 'Sheets' },
  gridLabel: { 'zh-CN': '工作表 {sheet}', 'en-US': 'Sheet {sheet}' },
  nameBox: { 'zh-CN': '名称框', 'en-US': 'Name box' },
  noSheets: { 'zh-CN': '此工作簿没有可见的工作表。', 'en-US': 'This workbook has no visible sheets.' },
  charts: {
    'zh-CN': '此表有 {count} 个图表（{titles}）：在 Excel 中显示，预览不绘制。',
    'en-US': 'This sheet has {count} chart(s) ({titles}): shown in Excel, not drawn in the preview.',
  },
  linkTitle: { 'zh-CN': '跳转到 {target}', 'en-US': 'Go to {target}' },
} satisfies Record<string, Bilingual>;

export type PreviewStringKey = keyof typeof previewStrings;

export function previewText(
  locale: Locale,
  key: PreviewStringKey,
  params: Record<string, string | number> = {},
): string {
  return previewStrings[key][locale].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}
