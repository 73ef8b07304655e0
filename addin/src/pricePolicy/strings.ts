// The 价格政策 tab's words, zh-CN and en-US.
import type { Bilingual } from '../i18n/locale';
import { textPicker } from '../i18n/strings';

export const policyStrings = {
  intro: {
    'zh-CN': '销售部部长在“价格政策”工作表中维护价格政策；此处读取、检查，与已发布版本比较后发布。',
    'en-US':
      'The sales head keeps the price policy on the 价格政策 sheet; here it is read, checked, compared with the published version and published.',
  },
  sheet: { 'zh-CN': '价格政策工作表', 'en-US': 'Price-policy sheet' },
  sheetLoading: { 'zh-CN': '正在查找工作表…', 'en-US': 'Looking for the sheet…' },
  sheetNone: {
    'zh-CN':
      '没有找到价格政策工作表：请打开保存价格政策的工作簿，或插入一张模板表（格式见帮助），填写后点“读取并检查”；也可在上方选择',
    'en-US':
      'No price-policy sheet found: open the workbook that holds it, or insert a template sheet (layout in the help), fill it in and press Read & check; or pick one above',
  },
  noWorkbook: {
    'zh-CN': '此页需要在 Excel 或浏览器预览中打开工作簿',
    'en-US': 'This tab needs a workbook: open it in Excel or in the browser preview',
  },
  readCheck: { 'zh-CN': '读取并检查', 'en-US': 'Read & check' },
  reading: { 'zh-CN': '正在读取…', 'en-US': 'Reading…' },
  readFailed: {
    'zh-CN': '无法读取工作表“{sheet}”：{reason}',
    'en-US': 'Cannot read the sheet "{sheet}": {reason}',
  },
  readSummary: {
    'zh-CN':
      '读到 {products} 个型号、{caps} 个客户类别的折扣上限、{rules} 条规则；增值税率 {vat}%，{date} 起生效',
    'en-US':
      'Read {products} models, caps for {caps} customer classes and {rules} rules; VAT {vat}%, in force from {date}',
  },
  problemsTitle: { 'zh-CN': '检查结果', 'en-US': 'Check' },
  problemsNone: { 'zh-CN': '没有发现问题', 'en-US': 'No problems found' },
  problemsCount: {
    'zh-CN': '{errors} 个错误、{warnings} 个提醒',
    'en-US': '{errors} error(s), {warnings} warning(s)',
  },
  errorsTitle: {
    'zh-CN': '错误 {n} 个：有错误时不能发布，请在工作表中改正后重新读取',
    'en-US': '{n} error(s): errors block publishing; correct them on the sheet, then read it again',
  },
  warningsTitle: {
    'zh-CN': '提醒 {n} 个（不影响发布）',
    'en-US': '{n} warning(s) (publishing still allowed)',
  },
  jump: { 'zh-CN': '转到 {cell}', 'en-US': 'Go to {cell}' },
  showMore: { 'zh-CN': '显示更多（还有 {n} 条）', 'en-US': 'Show more ({n} more)' },
  publishedTitle: { 'zh-CN': '已发布版本', 'en-US': 'Published version' },
  publishedLoading: { 'zh-CN': '正在获取已发布版本…', 'en-US': 'Fetching the published version…' },
  publishedNone: {
    'zh-CN': '尚未发布价格政策：发布后即为第 1 版',
    'en-US': 'No price policy published yet: the first publish becomes version 1',
  },
  publishedInfo: {
    'zh-CN': '第 {version} 版，{date} 起生效，由 {who} 于 {at}（北京时间）发布',
    'en-US': 'Version {version}, in force from {date}, published by {who} on {at} (China time)',
  },
  publishedFailed: {
    'zh-CN': '无法获取已发布版本：{reason}',
    'en-US': 'Cannot fetch the published version: {reason}',
  },
  unreachable: {
    'zh-CN': '无法连接 {url}（请在“设置”中检查 API 地址）',
    'en-US': 'Cannot reach {url} (check the API address in Settings)',
  },
  reload: { 'zh-CN': '重新加载', 'en-US': 'Reload' },
  diffTitle: { 'zh-CN': '与已发布版本的差异', 'en-US': 'Difference from the published version' },
  diffFirst: { 'zh-CN': '首次发布', 'en-US': 'First publish' },
  diffNone: {
    'zh-CN': '与已发布版本相同，无需发布',
    'en-US': 'Same as the published version: nothing to publish',
  },
  diffSettings: { 'zh-CN': '设置', 'en-US': 'Settings' },
  diffProducts: { 'zh-CN': '型号', 'en-US': 'Models' },
  diffCaps: { 'zh-CN': '折扣上限', 'en-US': 'Discount caps' },
  diffRules: { 'zh-CN': '价格规则', 'en-US': 'Price rules' },
  diffRebateTiers: { 'zh-CN': '返点档位', 'en-US': 'Rebate tiers' },
  diffCreditLimits: { 'zh-CN': '信用额度', 'en-US': 'Credit limits' },
  readBlocksSummary: {
    'zh-CN': '返点政策 {tiers} 档；信用额度 {limits} 个客户；超期预警 {days} 天',
    'en-US': 'Rebate tiers: {tiers}; credit limits for {limits} customers; overdue warning after {days} days',
  },
  diffAdded: { 'zh-CN': '新增', 'en-US': 'Added' },
  diffChanged: { 'zh-CN': '修改', 'en-US': 'Changed' },
  diffRemoved: { 'zh-CN': '删除', 'en-US': 'Removed' },
  diffMore: { 'zh-CN': '等，共 {n} 项', 'en-US': '… {n} in all' },
  empty: { 'zh-CN': '（空）', 'en-US': '(empty)' },
  all: { 'zh-CN': '全部', 'en-US': 'all' },
  publish: { 'zh-CN': '发布', 'en-US': 'Publish' },
  publishing: { 'zh-CN': '正在发布…', 'en-US': 'Publishing…' },
  publishHintProblems: {
    'zh-CN': '先改正错误才能发布',
    'en-US': 'Correct the errors before publishing',
  },
  publishHintRead: { 'zh-CN': '先读取并检查工作表', 'en-US': 'Read and check the sheet first' },
  publishHintSame: { 'zh-CN': '没有差异，无需发布', 'en-US': 'No differences: nothing to publish' },
  publishHintPublished: {
    'zh-CN': '等待已发布版本加载完成',
    'en-US': 'Waiting for the published version to load',
  },
  publishDone: {
    'zh-CN': '已发布第 {version} 版（{date} 起生效）',
    'en-US': 'Published version {version} (in force from {date})',
  },
  publishConflict: {
    'zh-CN':
      '{who} 已于 {at}（北京时间）发布了第 {version} 版，您比较的是旧版本。请重新加载并再次比较后发布。',
    'en-US':
      '{who} published version {version} at {at} (China time) after the one you compared with — reload and compare again.',
  },
  publishForbidden: {
    'zh-CN': '只有销售部部长可以发布价格政策',
    'en-US': 'Only the sales head may publish the price policy',
  },
  publishRejected: { 'zh-CN': '发布失败：{reason}', 'en-US': 'Publishing failed: {reason}' },
  versionsTitle: { 'zh-CN': '版本历史', 'en-US': 'Versions' },
  versionsNone: { 'zh-CN': '暂无版本', 'en-US': 'No versions yet' },
  versionLine: {
    'zh-CN': '第 {version} 版 · {date} 起生效 · {who} · {at}',
    'en-US': 'Version {version} · from {date} · {who} · {at}',
  },
  versionCurrent: { 'zh-CN': '当前', 'en-US': 'current' },
  versionsFailed: { 'zh-CN': '无法获取版本历史：{reason}', 'en-US': 'Cannot fetch the versions: {reason}' },
  confirmTitle: { 'zh-CN': '确认发布', 'en-US': 'Confirm the publish' },
  confirmPublish: {
    'zh-CN': '发布为第 {version} 版，{date} 起生效。变化：{summary}',
    'en-US': 'Publish as version {version}, in force from {date}. Changes: {summary}',
  },
  confirmRevert: {
    'zh-CN':
      '把第 {from} 版的内容重新发布为第 {version} 版（当前版本），自所填生效日期起生效。与当前第 {current} 版相比：{summary}',
    'en-US':
      'Re-publish the content of version {from} as version {version} (the current one), in force from the date below. Against the current version {current}: {summary}',
  },
  confirmDate: { 'zh-CN': '生效日期', 'en-US': 'Effective date' },
  confirmBadDate: {
    'zh-CN': '生效日期应为 YYYY-MM-DD，如 2026-04-01。',
    'en-US': 'The effective date must be YYYY-MM-DD, e.g. 2026-04-01.',
  },
  confirmGo: { 'zh-CN': '确认发布', 'en-US': 'Publish now' },
  confirmCancel: { 'zh-CN': '取消', 'en-US': 'Cancel' },
  warnBeforeToday: {
    'zh-CN': '生效日期 {date} 早于今天（{today}）：{date} 以来已检查过的订单，再次检查时会按此版本重新判定。',
    'en-US':
      'The effective date {date} is before today ({today}): orders dated {date} or later that were already checked will be judged again under this version.',
  },
  warnBeforeCurrent: {
    'zh-CN':
      '生效日期早于当前第 {current} 版的生效日期（{currentDate}）：此版本只管 {date} 至 {until} 的订单，{currentDate} 起仍按第 {current} 版判定。',
    'en-US':
      'The effective date is before that of the current version {current} ({currentDate}): this version rules orders from {date} to {until} only; from {currentDate} on, version {current} still applies.',
  },
  revert: { 'zh-CN': '重新发布为当前版本', 'en-US': 'Re-publish as current' },
  revertLoading: { 'zh-CN': '正在读取第 {version} 版…', 'en-US': 'Reading version {version}…' },
  revertFailed: {
    'zh-CN': '无法读取第 {version} 版：{reason}',
    'en-US': 'Could not read version {version}: {reason}',
  },
} satisfies Record<string, Bilingual>;

export type PolicyStringKey = keyof typeof policyStrings;

export const policyText = textPicker<PolicyStringKey>(policyStrings);

/** Labels of the fields a difference names. */
export const FIELD_LABELS: Record<string, Bilingual> = {
  vatRate: { 'zh-CN': '增值税率', 'en-US': 'VAT rate' },
  effectiveDate: { 'zh-CN': '生效日期', 'en-US': 'Effective date' },
  note: { 'zh-CN': '说明', 'en-US': 'Note' },
  model: { 'zh-CN': '产品型号', 'en-US': 'Model' },
  name: { 'zh-CN': '产品名称', 'en-US': 'Name' },
  productType: { 'zh-CN': '产品类别', 'en-US': 'Product type' },
  unit: { 'zh-CN': '单位', 'en-US': 'Unit' },
  listPrice: { 'zh-CN': '指导价', 'en-US': 'List price' },
  floorPrice: { 'zh-CN': '最低限价', 'en-US': 'Floor price' },
  listPriceUsd: { 'zh-CN': '美元指导价', 'en-US': 'USD list price' },
  floorPriceUsd: { 'zh-CN': '美元最低限价', 'en-US': 'USD floor price' },
  old: { 'zh-CN': '老客户折扣上限', 'en-US': 'Old-customer cap' },
  new: { 'zh-CN': '新客户折扣上限', 'en-US': 'New-customer cap' },
  priority: { 'zh-CN': '优先级', 'en-US': 'Priority' },
  product: { 'zh-CN': '产品范围', 'en-US': 'Product scope' },
  customer: { 'zh-CN': '客户范围', 'en-US': 'Customer scope' },
  minQty: { 'zh-CN': '最小数量', 'en-US': 'Min qty' },
  maxQty: { 'zh-CN': '最大数量', 'en-US': 'Max qty' },
  validFrom: { 'zh-CN': '生效日期', 'en-US': 'Valid from' },
  validTo: { 'zh-CN': '失效日期', 'en-US': 'Valid to' },
  effect: { 'zh-CN': '规则类型/数值', 'en-US': 'Effect' },
  rate: { 'zh-CN': '返点比例', 'en-US': 'Rebate rate' },
  limit: { 'zh-CN': '信用额度', 'en-US': 'Credit limit' },
  creditMaxDays: { 'zh-CN': '超期预警天数', 'en-US': 'Overdue warning days' },
};
