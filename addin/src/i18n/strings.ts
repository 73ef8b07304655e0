// Every string the pane shows, in zh-CN (default) and en-US. Placeholders are {name}.
import type { Bilingual, Locale } from './locale';

export const strings = {
  appTitle: { 'zh-CN': 'SalesDesk 销售助手', 'en-US': 'SalesDesk sales assistant' },
  appSubtitle: {
    'zh-CN': '价格检查、年度计划分解与月末对账',
    'en-US': 'Price checks, plan breakdown and month-end reconciliation',
  },
  tabPriceCheck: { 'zh-CN': '价格检查', 'en-US': 'Price check' },
  tabPricePolicy: { 'zh-CN': '价格政策', 'en-US': 'Price policy' },
  tabAnnualPlan: { 'zh-CN': '年度计划', 'en-US': 'Annual plan' },
  tabMonthEnd: { 'zh-CN': '月末对账', 'en-US': 'Month-end' },
  tabReceivables: { 'zh-CN': '应收与考核', 'en-US': 'Receivables' },
  tabSettings: { 'zh-CN': '设置', 'en-US': 'Settings' },
  settingsApi: { 'zh-CN': '服务地址', 'en-US': 'Service address' },
  settingsApiHint: {
    'zh-CN':
      'SalesDesk 的价格政策、年度计划都保存在公司的 SalesDesk 服务上，插件通过这个网址和它联系。网址由信息部门提供，通常以 /api 结尾，例如 https://salesdesk.公司域名/api（本机试用时为 http://localhost:7071/api）。点“测试连接”检查框中填写的网址，无误后再点“保存”。',
    'en-US':
      "SalesDesk keeps the price policy and the annual plan on your company's SalesDesk service; the add-in reaches it at this web address. Your IT department gives it to you; it usually ends in /api, e.g. https://salesdesk.your-company.com/api (http://localhost:7071/api when trying it on this computer). Test connection checks the address in the box; Save keeps it.",
  },
  settingsLanguage: { 'zh-CN': '界面语言', 'en-US': 'Language' },
  settingsLanguageAuto: { 'zh-CN': '跟随 Office', 'en-US': 'Same as Office' },
  settingsSave: { 'zh-CN': '保存', 'en-US': 'Save' },
  settingsSaved: { 'zh-CN': '已保存', 'en-US': 'Saved' },
  settingsTest: { 'zh-CN': '测试连接', 'en-US': 'Test connection' },
  healthOk: {
    'zh-CN': '服务正常，存储正常（版本 {version}）',
    'en-US': 'Service OK, storage OK (version {version})',
  },
  healthStorageDown: {
    'zh-CN': '服务可用，但无法连接表存储（版本 {version}）',
    'en-US': 'Service reachable, but Table Storage is unreachable (version {version})',
  },
  apiUnreachable: {
    'zh-CN': '无法连接服务 {url}：{reason}。请检查“设置”中的服务地址，或确认服务已启动。',
    'en-US':
      'Cannot reach the service at {url}: {reason}. Check the API address in Settings, or that the service is running.',
  },
  serviceUnavailable: {
    'zh-CN': '服务暂时不可用。您的数据没有问题，请约 {seconds} 秒后重试。',
    'en-US':
      'Service temporarily unavailable. Nothing is wrong with your data; try again in about {seconds} s.',
  },
  apiError: {
    'zh-CN': '服务返回错误（HTTP {status}）：{message}',
    'en-US': 'The service answered with an error (HTTP {status}): {message}',
  },
  notInExcel: {
    'zh-CN': '此页面需要在 Excel 中打开。没有 Excel 时，可使用浏览器预览（npm start 后打开 preview.html）。',
    'en-US':
      'Open this page in Excel. Without Excel, use the browser preview (preview.html after npm start).',
  },
  language: { 'zh-CN': '中文', 'en-US': 'English' },
  help: {
    'zh-CN': '帮助：各选项卡的用途、表格格式与函数',
    'en-US': 'Help: what each tab does, sheet layouts and functions',
  },
} satisfies Record<string, Bilingual>;

export type StringKey = keyof typeof strings;

export type TextParams = Record<string, string | number>;

/** Fills `{name}` placeholders from `params`; a name without a value stays as written. */
export function fillTemplate(template: string, params?: TextParams): string {
  return params
    ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
    : template;
}

/** The picker for one module's table of bilingual strings: `(locale, key, params?) → text`. */
export function textPicker<K extends string>(
  table: Record<K, Bilingual>,
): (locale: Locale, key: K, params?: TextParams) => string {
  return (locale, key, params) => fillTemplate(table[key][locale], params);
}

export const translate = textPicker(strings);

/** Picks the caller's language from a bilingual message the API sent. */
export function pick(locale: Locale, message: Bilingual | string | undefined): string {
  if (message === undefined) return '';
  return typeof message === 'string' ? message : message[locale];
}
