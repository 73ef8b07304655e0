// The words month-end writes into the workbook and says when something goes wrong, in both
// languages. The tab's own labels live in taskpane/monthEnd/strings.ts.
import type { Bilingual, Locale } from '../i18n/locale';

export const monthEndText = {
  summarySheet: { 'zh-CN': '月末对账汇总', 'en-US': 'Month-end summary' },
  differencesSheet: { 'zh-CN': '对账差异', 'en-US': 'Reconciliation differences' },
  notInvoicedSheet: { 'zh-CN': '发货未开票', 'en-US': 'Shipped not invoiced' },
  trackingSheet: { 'zh-CN': '销售跟单月报表', 'en-US': 'Order tracking report' },

  summaryTitle: {
    'zh-CN': '月末对账 {month}（报告第 {version} 版，{runBy} 于 {runAt} 运行）',
    'en-US': 'Month-end {month} (report version {version}, run by {runBy} at {runAt})',
  },
  totalsCaption: {
    'zh-CN': '账账核对：发货台账 − 财务账 = 各类差异之和（按币种，精确到分）',
    'en-US':
      'Ledger vs books: shipment ledger − books = the sum of the differences (per currency, to the fen)',
  },
  cnyCaption: {
    'zh-CN': '折合人民币（汇率：{rates}）',
    'en-US': 'In CNY (rates: {rates})',
  },
  noRates: { 'zh-CN': '未填写', 'en-US': 'none stated' },
  missingRates: {
    'zh-CN': '缺少汇率的币种单列，未折算：{currencies}',
    'en-US': 'Currencies without a rate are shown apart, not converted: {currencies}',
  },
  byClassCaption: { 'zh-CN': '差额由什么构成（人民币）', 'en-US': 'What makes up the difference (CNY)' },
  chartTitle: { 'zh-CN': '台账与财务账的差额构成', 'en-US': 'What the difference is made of' },
  notesCaption: { 'zh-CN': '说明', 'en-US': 'Notes' },
  // 信用预警 and 返点 on the summary (from the report's credit and rebates).
  creditCaption: {
    'zh-CN': '信用预警（{source}；未收超过 {days} 天即预警）',
    'en-US': 'Credit warnings ({source}; items open more than {days} days are flagged)',
  },
  creditNone: {
    'zh-CN': '信用预警：无（{source}；未收超过 {days} 天即预警）',
    'en-US': 'Credit warnings: none ({source}; items open more than {days} days are flagged)',
  },
  creditFromRequest: { 'zh-CN': '额度与天数由运行请求指定', 'en-US': 'limits and days given with the run' },
  creditFromPolicy: {
    'zh-CN': '额度与天数取自价格政策第 {version} 版',
    'en-US': 'limits and days from price policy version {version}',
  },
  creditFromPreviousRun: {
    'zh-CN': '沿用上次运行的额度与天数',
    'en-US': 'limits and days kept from the previous run',
  },
  creditFromDefault: { 'zh-CN': '默认：无信用额度', 'en-US': 'default: no credit limits' },
  colReceivable: { 'zh-CN': '应收余额', 'en-US': 'Receivable' },
  colCreditLimit: { 'zh-CN': '信用额度', 'en-US': 'Credit limit' },
  colOverLimit: { 'zh-CN': '超出额度', 'en-US': 'Over the limit' },
  colOverdue: { 'zh-CN': '超期未收', 'en-US': 'Overdue' },
  colOldestDays: { 'zh-CN': '最久天数', 'en-US': 'Oldest (days)' },
  colWarning: { 'zh-CN': '预警说明', 'en-US': 'Warning' },
  rebateCaption: {
    'zh-CN':
      '返点计提（{year} 年 1 月 1 日至 {through}，价格政策第 {version} 版；达到的最高一档比例适用于全年人民币发货净额）',
    'en-US':
      'Rebates accrued 1 January {year} to {through} (price policy version {version}; the highest tier reached applies to the whole year’s net CNY shipments)',
  },
  colCustomerClass: { 'zh-CN': '客户类别', 'en-US': 'Customer class' },
  colNewOld: { 'zh-CN': '新老客户', 'en-US': 'New/existing' },
  colVolume: { 'zh-CN': '本年销量', 'en-US': 'Volume this year' },
  colTier: { 'zh-CN': '已达档位（起点）', 'en-US': 'Tier reached (from)' },
  colRate: { 'zh-CN': '返点比例', 'en-US': 'Rate' },
  colAccrued: { 'zh-CN': '累计返点', 'en-US': 'Accrued' },
  colToNextTier: { 'zh-CN': '距下一档', 'en-US': 'To next tier' },
  newCustomer: { 'zh-CN': '新客户', 'en-US': 'New' },
  oldCustomer: { 'zh-CN': '老客户', 'en-US': 'Existing' },
  ledgerVersions: {
    'zh-CN': '所用台账版本：{versions}',
    'en-US': 'Ledger versions used: {versions}',
  },
  changes: { 'zh-CN': '与上一版相比：{summary}', 'en-US': 'Since the previous version: {summary}' },
  remainderBug: {
    'zh-CN': '有 {amount} 未能解释：这是 SalesDesk 的错误，请报告。',
    'en-US': '{amount} is not explained: this is a SalesDesk bug, please report it.',
  },

  colCurrency: { 'zh-CN': '币种', 'en-US': 'Currency' },
  colLedgerTotal: { 'zh-CN': '发货台账合计', 'en-US': 'Shipment ledger' },
  colBooksTotal: { 'zh-CN': '财务账合计', 'en-US': 'Books' },
  colDifference: { 'zh-CN': '差额', 'en-US': 'Difference' },
  colExplained: { 'zh-CN': '已解释', 'en-US': 'Explained' },
  colRemainder: { 'zh-CN': '未解释', 'en-US': 'Unexplained' },
  colMatched: { 'zh-CN': '已核对一致', 'en-US': 'Matched' },
  colClass: { 'zh-CN': '差异类别', 'en-US': 'Class' },
  colAmountEffect: { 'zh-CN': '对差额的影响', 'en-US': 'Effect on the difference' },
  colCount: { 'zh-CN': '条数', 'en-US': 'Count' },
  colTotal: { 'zh-CN': '合计', 'en-US': 'Total' },
  colItem: { 'zh-CN': '项目', 'en-US': 'Item' },
  colAmount: { 'zh-CN': '金额', 'en-US': 'Amount' },

  colCustomer: { 'zh-CN': '客户', 'en-US': 'Customer' },
  colDeliveryNo: { 'zh-CN': '出库单号', 'en-US': 'Delivery note' },
  colInvoiceNo: { 'zh-CN': '发票号', 'en-US': 'Invoice no.' },
  colVoucherNo: { 'zh-CN': '凭证字号', 'en-US': 'Voucher' },
  colLedgerAmount: { 'zh-CN': '台账金额', 'en-US': 'Ledger amount' },
  colBooksAmount: { 'zh-CN': '账上金额', 'en-US': 'Books amount' },
  colLedgerWhere: { 'zh-CN': '台账位置', 'en-US': 'In the ledger' },
  colBooksWhere: { 'zh-CN': '财务账位置', 'en-US': 'In the books' },
  colMessage: { 'zh-CN': '说明', 'en-US': 'Explanation' },
  differencesTitle: {
    'zh-CN': '对账差异 {month}：共 {count} 条，点击位置可跳到原始行',
    'en-US': 'Differences {month}: {count}; click a location to go to the source row',
  },

  colContract: { 'zh-CN': '合同号', 'en-US': 'Contract' },
  colModel: { 'zh-CN': '产品型号', 'en-US': 'Model' },
  colShipDate: { 'zh-CN': '发货日期', 'en-US': 'Ship date' },
  colDays: { 'zh-CN': '发货至月末天数', 'en-US': 'Days since shipment' },
  colWhere: { 'zh-CN': '位置', 'en-US': 'Where' },
  colDate: { 'zh-CN': '日期', 'en-US': 'Date' },
  notInvoicedTitle: {
    'zh-CN': '发货未开票（截至 {end}）：{count} 笔',
    'en-US': 'Shipped, not invoiced (at {end}): {count}',
  },
  notShippedCaption: {
    'zh-CN': '开票未发货（财务账有发票、台账无发货）',
    'en-US': 'Invoiced, not shipped (an invoice in the books, no shipment)',
  },

  colRep: { 'zh-CN': '业务员', 'en-US': 'Rep' },
  colRegion: { 'zh-CN': '片区', 'en-US': 'Region' },
  colOrdered: { 'zh-CN': '合同金额', 'en-US': 'Ordered' },
  colShipped: { 'zh-CN': '已发货', 'en-US': 'Shipped' },
  colInvoiced: { 'zh-CN': '已开票', 'en-US': 'Invoiced' },
  colReceived: { 'zh-CN': '已回款', 'en-US': 'Received' },
  colOpenToShip: { 'zh-CN': '未发货', 'en-US': 'Open to ship' },
  colOpenToReceive: { 'zh-CN': '未回款', 'en-US': 'Open to receive' },
  colShippedThisMonth: { 'zh-CN': '本月发货', 'en-US': 'Shipped this month' },
  colReceivedThisMonth: { 'zh-CN': '本月回款', 'en-US': 'Received this month' },
  trackingTitle: {
    'zh-CN': '销售跟单月报表 {month}（累计至月末）：{count} 个合同',
    'en-US': 'Order tracking {month} (to the month end): {count} contracts',
  },
  rowLink: { 'zh-CN': '{sheet} 第 {row} 行', 'en-US': '{sheet} row {row}' },
} satisfies Record<string, Bilingual>;

export type MonthEndTextKey = keyof typeof monthEndText;

/** Texts that go wrong, with the sheet, row and what to do. */
export const monthEndErrors = {
  cancelled: {
    'zh-CN': '已取消。已同步的月份保持新版本，未同步的保持原样；结果表未改动。',
    'en-US':
      'Cancelled. Months already synced keep their new version, the others are as they were; no result sheet was changed.',
  },
  noSheets: {
    'zh-CN': '没有选择要同步的台账。',
    'en-US': 'No ledger sheet was chosen to sync.',
  },
  noHeader: {
    'zh-CN': '在工作表“{sheet}”中找不到{kind}的表头。',
    'en-US': 'No {kind} header found on sheet "{sheet}".',
  },
  missingColumns: {
    'zh-CN': '工作表“{sheet}”（{kind}）缺少这些列：{fields}。请在“调整列映射”中指定。',
    'en-US': 'Sheet "{sheet}" ({kind}) has no column for: {fields}. Choose them under "Adjust mapping".',
  },
  tooManyRows: {
    'zh-CN': '{kind} {month} 有 {rows} 行，超过一次同步的上限 {max} 行。',
    'en-US': '{kind} {month} has {rows} rows, more than one sync may carry ({max}).',
  },
  closed: {
    'zh-CN': '{month} 已结账，{kind}未同步：{message}',
    'en-US': '{month} is closed, {kind} not synced: {message}',
  },
  http: {
    'zh-CN': '{url} 答复 {status}：{message}',
    'en-US': '{url} answered {status}: {message}',
  },
  unreachable: {
    'zh-CN': '连不上 SalesDesk 服务（{url}）：{reason}。工作簿未改动。',
    'en-US': 'Cannot reach the SalesDesk service ({url}): {reason}. The workbook was not changed.',
  },
  writeFailed: {
    'zh-CN': '写入结果表时出错：{reason}',
    'en-US': 'Writing the result sheets failed: {reason}',
  },
} satisfies Record<string, Bilingual>;

export function fill(
  text: Bilingual,
  params: Record<string, string | number> | ((l: Locale) => Record<string, string | number>),
): Bilingual {
  const out = {} as Record<Locale, string>;
  for (const l of ['zh-CN', 'en-US'] as const) {
    const p = typeof params === 'function' ? params(l) : params;
    out[l] = text[l].replace(/\{(\w+)\}/g, (m, k: string) => (k in p ? String(p[k]) : m));
  }
  return out;
}

export function say(
  locale: Locale,
  key: MonthEndTextKey,
  params: Record<string, string | number> = {},
): string {
  return fill(monthEndText[key], params)[locale];
}
