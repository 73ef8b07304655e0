// Small sales ledgers and a stand-in for POST /api/prices/validate, for the price-check tests.
import type { SheetGrid } from '../../src/sheets';
import type { CreditFlagsResponse } from '../../../functions/src/contract/creditFlags';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { WorkbookModel } from '../../src/workbook/memoryModel';
import type {
  ColumnarValidateRequest,
  PriceLine,
  PriceResult,
  PriceStatus,
  ValidateResponse,
} from '../../../functions/src/contract/pricing';
import { decodeColumns } from '../../../functions/src/domain/pricing/requestColumns';
import { jsonResponse as respond } from '../support/response';
import {
  LEDGER_KINDS,
  MonthEndReportSchema,
  type CreditFlagRow,
  type MonthEndReport,
} from '../../../functions/src/contract/monthEnd';

export const SHEET = '销售台账';
export const HEADERS = [
  '日期',
  '合同号',
  '客户名称',
  '客户类别',
  '新老客户',
  '片区',
  '产品型号',
  '数量',
  '单价',
  '币种',
  '备注',
];

export type Cell = string | number | boolean | null;

/** One data row: [日期, 合同号, 客户名称, 客户类别, 新老客户, 片区, 产品型号, 数量, 单价, 币种, 备注]. */
export function row(
  contractNo: string,
  model: string,
  qty: Cell,
  price: Cell,
  more: { remark?: string; customer?: string; currency?: string; customerClass?: Cell; date?: Cell } = {},
): Cell[] {
  return [
    more.date ?? '2026-03-05',
    contractNo,
    more.customer ?? '杭州钱江水泵经销有限公司',
    more.customerClass ?? '经销商',
    '老客户',
    '华东',
    model,
    qty,
    price,
    more.currency ?? '',
    more.remark ?? '',
  ];
}

/**
 * The standard small ledger: title (row 1), note (row 2), header (row 3), then
 * 4 ok · 5 needs_approval · 6 小计 · 7 blank · 8 below_floor (approval in 备注) · 9 #N/A price ·
 * 10 unknown model · 11 below_floor · 12 合计.
 */
export function smallLedger(headers: readonly string[] = HEADERS): Cell[][] {
  return [
    ['2026年销售台账'],
    ['制表：销售内勤    单位：元（含税）'],
    [...headers],
    row('HT-001', 'QJ-1', 2, 950),
    row('HT-002', 'QJ-1', 1, 850),
    ['3月小计', '', '', '', '', '', '', 3, '', '', ''],
    [],
    row('HT-003', 'IS-2', 4, 1400, { remark: '审批单号：SP-2026-001' }),
    row('HT-004', 'IS-2', 1, '#N/A'),
    row('HT-005', 'XX-9', 1, 100),
    row('HT-006', 'QJ-1', '10台', '¥700.00'),
    ['合计', '', '', '', '', '', '', 19, '', '', ''],
  ];
}

export function grid(values: Cell[][], name = SHEET): SheetGrid {
  return { name, values: values.map((r) => r.map((v) => (v === null ? '' : v))), startRow: 0, startCol: 0 };
}

export function workbookOf(sheets: Record<string, Cell[][]>, active?: string): MemoryWorkbook {
  const model = new WorkbookModel();
  for (const [name, rows] of Object.entries(sheets)) {
    const s = model.addSheet(name);
    rows.forEach((r, i) => s.setRow(i, 0, r));
  }
  if (active) model.activeSheet = active;
  return new MemoryWorkbook(model, { pause: () => Promise.resolve() });
}

/** Prices per model: list, lowest allowed, floor (yuan, tax-inclusive). */
export const FAKE_PRICES: Record<string, { list: number; min: number; floor: number }> = {
  'QJ-1': { list: 1000, min: 900, floor: 800 },
  'IS-2': { list: 2000, min: 1700, floor: 1500 },
};

/** A stand-in for the engine: judges by the table above; `approvals` are refs that approve. */
export function fakeValidate(
  lines: readonly PriceLine[],
  approvals: ReadonlySet<string> = new Set(),
): ValidateResponse {
  const summary = { total: lines.length, ok: 0, needs_approval: 0, below_floor: 0, approved: 0, invalid: 0 };
  const results = lines.map((l): PriceResult => {
    const p = FAKE_PRICES[l.model];
    const price =
      typeof l.unitPrice === 'number' ? (l.taxIncluded === false ? l.unitPrice * 1.13 : l.unitPrice) : null;
    let status: PriceStatus;
    if (!p || price === null) status = 'invalid';
    else if (price >= p.min) status = 'ok';
    else if (l.approvalRef && approvals.has(l.approvalRef)) status = 'approved';
    else if (price >= p.floor) status = 'needs_approval';
    else status = 'below_floor';
    summary[status] += 1;
    return {
      id: l.id,
      status,
      policyVersion: 1,
      listPrice: p?.list ?? null,
      minPrice: p?.min ?? null,
      floorPrice: p?.floor ?? null,
      discountPct: null,
      maxDiscountPct: null,
      ruleIds: [],
      message: { 'zh-CN': `判定：${status}`, 'en-US': `verdict: ${status}` },
    };
  });
  return { policyVersion: 1, results, summary };
}

/** A fetch that answers validate requests with fakeValidate (or `fail`), recording the bodies. */
export function fakeFetch(
  options: {
    approvals?: ReadonlySet<string>;
    fail?: (callIndex: number) => 'unreachable' | number | null;
    /**
     * The month-end reports whose 信用预警 GET /credit-flags answers; default none. A number answers
     * every credit call with that HTTP status. Credit calls are in `monthEndCalls`, not in `bodies`.
     */
    monthEnd?: MonthEndReport[] | number;
  } = {},
) {
  const bodies: Array<{ url: string; lines: PriceLine[] }> = [];
  const monthEndCalls: string[] = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    // GET /credit-flags?asOf=M answers as the API does: the latest report at or before M, month null without.
    const creditFlags = /\/credit-flags\?asOf=(\d{4}-\d{2})$/.exec(url);
    if (creditFlags) {
      monthEndCalls.push(url);
      const reports = options.monthEnd ?? [];
      if (typeof reports === 'number')
        return respond(reports, {
          error: { code: 'boom', message: { 'zh-CN': '服务出错了', 'en-US': 'the service broke' } },
        });
      const asOf = creditFlags[1]!;
      const report = reports
        .filter((r) => r.month <= asOf)
        .sort((a, b) => a.month.localeCompare(b.month))
        .pop();
      return report
        ? respond(200, creditFlagsOf(report, asOf))
        : respond(200, {
            asOf,
            month: null,
            version: null,
            credit: null,
            scope: { regions: null, unknownRegion: 0, note: null },
          });
    }
    const call = bodies.length;
    // The pane sends its lines in columns (the API's decodeColumns rebuilds them, as here).
    const sent = JSON.parse(String(init?.body ?? '{}')) as { lines: PriceLine[] } | ColumnarValidateRequest;
    const body = 'form' in sent ? { lines: decodeColumns(sent) as PriceLine[] } : sent;
    bodies.push({ url, lines: body.lines });
    const failure = options.fail?.(call) ?? null;
    if (failure === 'unreachable') throw new TypeError('Failed to fetch');
    if (typeof failure === 'number')
      return respond(failure, {
        error: { code: 'boom', message: { 'zh-CN': '服务出错了', 'en-US': 'the service broke' } },
      });
    return respond(200, fakeValidate(body.lines, options.approvals));
  };
  return { impl: impl as typeof fetch, bodies, monthEndCalls };
}

/** The answer of GET /credit-flags for `report` (every region: the head's, the clerk's). */
function creditFlagsOf(report: MonthEndReport, asOf: string): CreditFlagsResponse {
  return {
    asOf,
    month: report.month,
    version: report.version,
    credit: report.credit
      ? {
          source: report.credit.source ?? null,
          policyVersion: report.credit.policyVersion ?? null,
          maxDays: report.credit.check.maxDays,
          flags: report.credit.flags,
        }
      : null,
    scope: { regions: null, unknownRegion: 0, note: null },
  };
}

/** A month-end report with only what the price check reads: the month and its 信用预警 flags. */
export function creditReport(month: string, flags: CreditFlagRow[] | null): MonthEndReport {
  return MonthEndReportSchema.parse({
    month,
    version: 1,
    runAt: `${month}-28T00:00:00.000Z`,
    runBy: '张内勤',
    trigger: 'manual',
    ledgerVersions: Object.fromEntries(LEDGER_KINDS.map((k) => [k, null])),
    rates: {},
    matchWindowDays: 5,
    reconciliation: {
      totals: [],
      cny: { ledgerTotal: null, booksTotal: null, difference: null, missingRates: [] },
      differences: [],
    },
    orderLines: [],
    unmatchedShipments: [],
    shippedNotInvoiced: [],
    invoicedNotShipped: [],
    tracking: [],
    changes: null,
    notes: [],
    ...(flags ? { credit: { check: { maxDays: 90, limits: [] }, flags } } : {}),
  });
}
