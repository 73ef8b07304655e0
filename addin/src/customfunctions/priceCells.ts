// What SALES.PRICECHECK and SALES.MINPRICE put in a cell. Arguments arrive as Excel hands them
// (numbers, date serials, text as people type it: `２１２００`, `1.2万`, `¥12,800`, `2026年3月5日`) and
// are read by the pane's own cell normalisers, so a cell and the pane read a line alike. Inputs the
// cell leaves out (新老客户, 片区, 客户, 币种) are sent as open: the API judges the line under each
// value the policy treats differently and says which would change the answer.
import {
  currencyMismatchText,
  findApprovalRef,
  lineCurrency,
  readCode,
  readCurrency,
  readDate,
  readMoneyFen,
  readNewCustomer,
  readNumber,
  readText,
  toHalfWidth,
  type Normalised,
} from '../sheets/normalise';
import type { Bilingual, Locale } from '../i18n/locale';
import { priceCheckText } from '../priceCheck/strings';
import { needsInputText, type OpenInput } from '../../../functions/src/contract/pricing';
import { PriceCallError, statusText, type CheckCall, type createPriceCalls } from './priceCalls';
import { bilingual as bi } from '../../../functions/src/contract/text';

type PriceCalls = Pick<ReturnType<typeof createPriceCalls>, 'check' | 'quote'>;

/** The arguments of PRICECHECK / MINPRICE, as Excel passes them (undefined or null when left out). */
export interface PriceArgs {
  model: unknown;
  customerClass?: unknown;
  qty: unknown;
  unitPrice?: unknown;
  orderDate?: unknown;
  approvalRef?: unknown;
  newOrOld?: unknown;
  region?: unknown;
  customer?: unknown;
  currency?: unknown;
  taxBasis?: unknown;
}

export interface CellOptions {
  locale: Locale;
  /** The year of a date typed without one (`3月5日`); the current year in Excel. */
  defaultYear: number;
}

/** Argument names as the function help shows them. */
const ARG_LABELS: Readonly<Record<keyof PriceArgs, Bilingual>> = {
  model: bi('产品型号', 'model'),
  customerClass: bi('客户类别', 'customerClass'),
  qty: bi('数量', 'qty'),
  unitPrice: bi('单价', 'unitPrice'),
  orderDate: bi('下单日期', 'orderDate'),
  approvalRef: bi('审批单号', 'approvalRef'),
  newOrOld: bi('新老客户', 'newOrOld'),
  region: bi('片区', 'region'),
  customer: bi('客户', 'customer'),
  currency: bi('币种', 'currency'),
  taxBasis: bi('含税方式', 'taxBasis'),
};

const TAX_BASIS = bi(
  '含税 或 不含税（TRUE 为含税）',
  '含税 (tax-inclusive) or 不含税 (tax-exclusive); TRUE is inclusive',
);
const TAX_INCLUDED = new Set([
  '含税',
  '含税价',
  '含税单价',
  'INCL',
  'INCL.VAT',
  'INCLUSIVE',
  'TAX-INCLUSIVE',
  'GROSS',
  'TRUE',
  '是',
]);
const TAX_EXCLUDED = new Set([
  '不含税',
  '不含税价',
  '不含税单价',
  '未税',
  'EXCL',
  'EXCL.VAT',
  'EXCLUSIVE',
  'TAX-EXCLUSIVE',
  'NET',
  'FALSE',
  '否',
]);

function readTaxBasis(v: unknown): Normalised<boolean | null> {
  if (typeof v === 'boolean') return { ok: true, value: v };
  const text = readText(v);
  if (!text.ok) return { ...text, expected: TAX_BASIS };
  if (text.value === null) return { ok: true, value: null };
  const key = toHalfWidth(text.value).replace(/\s+/g, '').toUpperCase();
  if (TAX_INCLUDED.has(key)) return { ok: true, value: true };
  if (TAX_EXCLUDED.has(key)) return { ok: true, value: false };
  return { ok: false, found: text.value, expected: TAX_BASIS, reason: 'not yes/no' };
}

/** Why an argument cannot be read: its name, what was found and what is expected. */
function argProblem(arg: keyof PriceArgs, p: Exclude<Normalised<unknown>, { ok: true }>): Bilingual {
  const name = ARG_LABELS[arg];
  const found = p.found === '' ? bi('为空', 'is empty') : bi(`为 "${p.found}"`, `is "${p.found}"`);
  const detail = p.detail ? bi(`（${p.detail['zh-CN']}）`, ` (${p.detail['en-US']})`) : bi('', '');
  return bi(
    `参数 ${name['zh-CN']} ${found['zh-CN']}${detail['zh-CN']}，应为${p.expected['zh-CN']}`,
    `Argument ${name['en-US']} ${found['en-US']}${detail['en-US']}; expected ${p.expected['en-US']}`,
  );
}

export type ReadArgs = { ok: true; call: CheckCall } | { ok: false; problem: Bilingual };

/**
 * The arguments as one validate line. Model, quantity (and the price, when `withPrice`) are
 * required; the pane holds back a row whose cells cannot be read, and so does a cell.
 */
export function readPriceArgs(
  args: PriceArgs,
  options: { withPrice: boolean; defaultYear: number },
): ReadArgs {
  const required = { required: true };
  const fail = (arg: keyof PriceArgs, r: Normalised<unknown>): ReadArgs | undefined =>
    r.ok ? undefined : { ok: false, problem: argProblem(arg, r) };

  const model = readCode(args.model, required);
  const qty = readNumber(args.qty, { required: true, countUnits: true });
  const price = options.withPrice ? readMoneyFen(args.unitPrice, required) : undefined;
  const cls = readText(args.customerClass);
  const date = readDate(args.orderDate, { defaultYear: options.defaultYear, minYear: 1990, maxYear: 2100 });
  const approval = readText(args.approvalRef);
  const isNew = readNewCustomer(args.newOrOld);
  const region = readText(args.region);
  const customer = readText(args.customer);
  const currency = readCurrency(args.currency);
  const tax = options.withPrice ? readTaxBasis(args.taxBasis) : undefined;
  const problem =
    fail('model', model) ??
    fail('customerClass', cls) ??
    fail('qty', qty) ??
    (price && fail('unitPrice', price)) ??
    fail('orderDate', date) ??
    fail('approvalRef', approval) ??
    fail('newOrOld', isNew) ??
    fail('region', region) ??
    fail('customer', customer) ??
    fail('currency', currency) ??
    (tax && fail('taxBasis', tax));
  if (problem) return problem;
  // The price's own sign names its currency (`$2,710`), as the pane reads a ledger without 币种.
  const cur = lineCurrency(
    options.withPrice ? args.unitPrice : undefined,
    currency.ok ? currency.value : null,
  );
  if (!cur.ok) {
    const why = currencyMismatchText(String(args.unitPrice).trim(), cur.stated, cur.given);
    return {
      ok: false,
      problem: bi(
        `参数 币种 与单价不符：${why['zh-CN']}`,
        `Argument currency does not match the price: ${why['en-US']}`,
      ),
    };
  }
  const value = <T>(r: Normalised<T | null> | undefined): T | undefined =>
    r && r.ok && r.value !== null ? r.value : undefined;

  const call: CheckCall = { model: value(model) ?? '', qty: value(qty) ?? 0 };
  const fen = value(price);
  if (fen !== undefined) call.unitPrice = fen / 100; // exact: fen / 100 is the double nearest the 2-decimal value
  const text = {
    customerClass: value(cls),
    orderDate: value(date),
    region: value(region),
    customer: value(customer),
    currency: cur.value ?? undefined,
  };
  for (const [k, v] of Object.entries(text))
    if (v !== undefined) (call as unknown as Record<string, unknown>)[k] = v;
  const ref = value(approval);
  if (ref !== undefined) call.approvalRef = findApprovalRef(ref) ?? ref;
  const newCustomer = value(isNew);
  if (newCustomer !== undefined) call.isNewCustomer = newCustomer;
  const taxIncluded = value(tax);
  if (taxIncluded !== undefined) call.taxIncluded = taxIncluded;

  // Open: what has no value after reading (a blank or left-out argument), as the pane sends a row's blank cells.
  const open: OpenInput[] = [];
  if (call.isNewCustomer === undefined) open.push('isNewCustomer');
  if (call.region === undefined) open.push('region');
  if (call.customer === undefined) open.push('customer');
  if (call.currency === undefined) open.push('currency');
  call.unknownInputs = open;
  return { ok: true, call };
}

/**
 * PRICECHECK: the pane's status text (符合, 需审批, 低于最低限价, 已审批, 无法判断), `无法读取` when an
 * argument cannot be read (as the pane marks such a row), or `需确认…` when an input left out would
 * change the verdict.
 */
export async function priceCheckCell(
  calls: PriceCalls,
  args: PriceArgs,
  options: CellOptions,
): Promise<string> {
  const read = readPriceArgs(args, { withPrice: true, defaultYear: options.defaultYear });
  if (!read.ok) return priceCheckText.unreadable[options.locale];
  return statusText(await calls.check(read.call), options.locale);
}

/**
 * MINPRICE: the lowest allowed unit price (tax-inclusive, in the line's currency), or `需确认…` when
 * an input left out would change it. An unreadable argument or an unknown model is an error with
 * the reason (a number cell has no status to show).
 */
export async function minPriceCell(
  calls: PriceCalls,
  args: Omit<PriceArgs, 'unitPrice' | 'approvalRef' | 'taxBasis'>,
  options: CellOptions,
): Promise<number | string> {
  const read = readPriceArgs(args, { withPrice: false, defaultYear: options.defaultYear });
  if (!read.ok) throw new PriceCallError(read.problem, true);
  const quote = await calls.quote(read.call);
  if (quote.minPriceDependsOn.length > 0) return needsInputText(quote.minPriceDependsOn)[options.locale];
  return quote.minPrice;
}

/** LISTPRICE: the list price in the given currency (CNY when left out). */
export async function listPriceCell(
  calls: PriceCalls,
  args: { model: unknown; orderDate?: unknown; currency?: unknown },
  options: CellOptions,
): Promise<number> {
  const read = readPriceArgs(
    { model: args.model, qty: 1, orderDate: args.orderDate, currency: args.currency },
    { withPrice: false, defaultYear: options.defaultYear },
  );
  if (!read.ok) throw new PriceCallError(read.problem, true);
  delete read.call.unknownInputs; // the list price depends on none of them
  return (await calls.quote(read.call)).listPrice;
}
