// The words the price check writes into the workbook and says when something goes wrong, in both
// languages. The pane's own labels live in taskpane/priceCheck/strings.ts.
import type { Bilingual, Locale } from '../i18n/locale';
import {
  needsInputText,
  OPEN_INPUTS,
  PRICE_STATUS_LABELS,
  type OpenInput,
  type PriceStatus,
} from '../../../functions/src/contract/pricing';

export const priceCheckText = {
  statusHeader: { 'zh-CN': '价格状态', 'en-US': 'Price status' },
  minPriceHeader: { 'zh-CN': '最低允许价', 'en-US': 'Lowest allowed price' },
  explanationHeader: { 'zh-CN': '说明', 'en-US': 'Explanation' },
  unreadable: { 'zh-CN': '无法读取', 'en-US': 'Unreadable' },
  needsInput: { 'zh-CN': '需确认', 'en-US': 'Confirm input' },
  resultSheet: { 'zh-CN': '价格检查结果', 'en-US': 'Price check results' },
  countsCaption: { 'zh-CN': '各状态行数', 'en-US': 'Rows per status' },
  problemsCaption: { 'zh-CN': '需要处理的行（{n} 行）', 'en-US': 'Rows to look at ({n})' },
  approvedCaption: { 'zh-CN': '已审批的行（{n} 行，备查）', 'en-US': 'Approved rows ({n}, for the record)' },
  chartTitle: { 'zh-CN': '价格检查：各状态行数', 'en-US': 'Price check: rows per status' },
  colStatus: { 'zh-CN': '状态', 'en-US': 'Status' },
  colRows: { 'zh-CN': '行数', 'en-US': 'Rows' },
  colTotal: { 'zh-CN': '合计', 'en-US': 'Total' },
  colWhere: { 'zh-CN': '位置', 'en-US': 'Where' },
  colContract: { 'zh-CN': '合同号', 'en-US': 'Contract No.' },
  colCustomer: { 'zh-CN': '客户名称', 'en-US': 'Customer' },
  colModel: { 'zh-CN': '产品型号', 'en-US': 'Model' },
  colQty: { 'zh-CN': '数量', 'en-US': 'Qty' },
  colPrice: { 'zh-CN': '单价', 'en-US': 'Unit price' },
  colMinPrice: { 'zh-CN': '最低允许价', 'en-US': 'Lowest allowed' },
  colMessage: { 'zh-CN': '说明', 'en-US': 'Explanation' },
  rowLink: { 'zh-CN': '{sheet} 第 {row} 行', 'en-US': '{sheet} row {row}' },
  title: {
    'zh-CN': '价格检查：工作表“{sheet}”，共 {lines} 行（价格政策第 {version} 版）',
    'en-US': 'Price check of sheet "{sheet}": {lines} rows (price policy version {version})',
  },
  noPolicyVersion: { 'zh-CN': '未发布', 'en-US': 'none published' },
} satisfies Record<string, Bilingual>;

export type PriceCheckTextKey = keyof typeof priceCheckText;

export function say(
  locale: Locale,
  key: PriceCheckTextKey,
  params?: Record<string, string | number>,
): string {
  return fill(priceCheckText[key], params ?? {})[locale];
}

/**
 * A row's status: the API's status; `needs_input` when a blank 新老客户/片区/客户/币种 would change the
 * verdict (its status column then says which, `需确认新老客户`, as =SALES.PRICECHECK does); or a row
 * that could not be read.
 */
export type RowStatus = PriceStatus | 'needs_input' | 'unreadable';

export const ROW_STATUSES: readonly RowStatus[] = [
  'ok',
  'needs_approval',
  'below_floor',
  'approved',
  'needs_input',
  'invalid',
  'unreadable',
];

/** The status's name (counts, legends); for `needs_input` the generic one. See statusCellText for a row's cell. */
export function statusLabel(locale: Locale, status: RowStatus): string {
  if (status === 'unreadable') return priceCheckText.unreadable[locale];
  if (status === 'needs_input') return priceCheckText.needsInput[locale];
  return PRICE_STATUS_LABELS[status][locale];
}

/** A row's status cell: `needs_input` names the inputs (`需确认新老客户、片区`), the rest as statusLabel. */
export function rowStatusText(locale: Locale, status: RowStatus, dependsOn?: readonly OpenInput[]): string {
  if (status === 'needs_input' && dependsOn?.length) return needsInputText(dependsOn)[locale];
  return statusLabel(locale, status);
}

/** Every text a `needs_input` status cell can hold (each non-empty set of inputs, in their fixed order). */
export function needsInputTexts(locale: Locale): string[] {
  const out: string[] = [];
  for (let mask = 1; mask < 1 << OPEN_INPUTS.length; mask++)
    out.push(needsInputText(OPEN_INPUTS.filter((_, i) => mask & (1 << i)))[locale]);
  return out;
}

/** Why a check stopped, said so the person knows what to do and that the workbook is untouched. */
export const priceCheckErrors = {
  batchFailed: {
    'zh-CN':
      '价格检查未完成：第 {batch}/{count} 批（表中第 {from}–{to} 行）检查失败。{reason} 工作簿没有任何改动。',
    'en-US':
      'The price check did not finish: batch {batch} of {count} (sheet rows {from}–{to}) failed. {reason} Nothing was written to the workbook.',
  },
  unreachable: {
    'zh-CN': '无法连接服务 {url}：{reason}。请检查“设置”中的服务地址，或确认服务已启动。',
    'en-US':
      'Cannot reach the service at {url}: {reason}. Check the API address in Settings, or that the service is running.',
  },
  http: {
    'zh-CN': '服务 {url} 返回错误（HTTP {status}）：{message}',
    'en-US': 'The service at {url} answered with an error (HTTP {status}): {message}',
  },
  mismatch: {
    'zh-CN': '服务 {url} 的回答与请求不符（{detail}）。请确认服务版本与插件一致。',
    'en-US':
      'The answer of the service at {url} does not match the request ({detail}). Check that the service and the add-in versions match.',
  },
  cancelled: {
    'zh-CN': '已取消价格检查，工作簿没有任何改动。',
    'en-US': 'Price check cancelled. Nothing was written to the workbook.',
  },
  noHeader: {
    'zh-CN': '在工作表“{sheet}”的前 30 行中找不到销售台账的表头（如 产品型号、数量、单价）。',
    'en-US':
      'No sales-ledger header (such as 产品型号 Model, 数量 Qty, 单价 Unit price) in the first 30 rows of sheet "{sheet}".',
  },
  missingColumns: {
    'zh-CN': '工作表“{sheet}”缺少这些列：{fields}。请在列映射中为它们选择列。',
    'en-US': 'Sheet "{sheet}" lacks these columns: {fields}. Choose a column for each in the column mapping.',
  },
  noLines: {
    'zh-CN': '工作表“{sheet}”在表头（第 {row} 行）以下没有可检查的数据行。',
    'en-US': 'Sheet "{sheet}" has no data rows to check below its header (row {row}).',
  },
  writeFailed: {
    'zh-CN': '检查已完成，但写入结果失败：{reason} 已写入的部分已撤销。',
    'en-US':
      'The check finished, but writing the results failed: {reason} What was written has been removed.',
  },
} satisfies Record<string, Bilingual>;

type Params = Record<string, string | number>;

const fillOne = (t: string, params: Params) =>
  t.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));

/** Fills both languages of a template; `params` may differ per language (a nested message). */
export function fill(template: Bilingual, params: Params | ((locale: Locale) => Params)): Bilingual {
  const p = (l: Locale) => (typeof params === 'function' ? params(l) : params);
  return { 'zh-CN': fillOne(template['zh-CN'], p('zh-CN')), 'en-US': fillOne(template['en-US'], p('en-US')) };
}
