// The SALES worksheet functions. They run in the task pane's shared runtime, use the same API
// address as the pane, and batch the calls of one recalculation into few requests.
// JSDoc below is the en-US metadata; functions.zh-CN.json holds the zh-CN (default) texts.
import './runtimeShim';
import { officeLocale, PriceCallError, priceCalls } from './priceCalls';
import { listPriceCell, minPriceCell, priceCheckCell } from './priceCells';
import { PlanCallError, cellLocale, planCall, planCalls, splitMonths } from './planCalls';
import { ReceivableCallError, kpiCall, receivableCalls } from './receivableCalls';

/** The cell's error with the reason in Office's display language: #VALUE! for a bad argument, else #N/A. */
function fail(error: unknown): never {
  const message =
    error instanceof PriceCallError
      ? error.text[officeLocale()]
      : error instanceof Error
        ? error.message
        : String(error);
  const code =
    error instanceof PriceCallError && error.badArgument
      ? CustomFunctions.ErrorCode.invalidValue
      : CustomFunctions.ErrorCode.notAvailable;
  throw new CustomFunctions.Error(code, message.slice(0, 255));
}

/** What a cell needs to read its arguments: Office's language, and the year for `3月5日`. */
function cellOptions() {
  return { locale: officeLocale(), defaultYear: new Date().getFullYear() };
}

/**
 * Checks a unit price against the company price policy and answers the status, as the price check writes it.
 * @customfunction PRICECHECK
 * @param model Product model, e.g. QJ200-50.
 * @param customerClass Customer class, e.g. 经销商.
 * @param qty Quantity (a number or text such as 10台).
 * @param unitPrice Unit price (a number or text such as ¥12,800, 1.2万, ２１２００); tax-inclusive unless taxBasis says otherwise.
 * @param [orderDate] Order date (a date cell or text such as 2026年3月5日); today if omitted.
 * @param [approvalRef] Approval reference of a special order (or a remark that contains one).
 * @param [newOrOld] 新客户 or 老客户 (or TRUE for new); if omitted and it matters, the answer is Confirm new or old customer.
 * @param [region] Sales region (片区), e.g. 西南; if omitted and a region rule matters, the answer asks for it.
 * @param [customer] Customer name; if omitted and a customer rule or the approval matters, the answer asks for it.
 * @param [currency] Currency: CNY (人民币) or USD (美元); an export line without it is asked for it.
 * @param [taxBasis] 含税 (tax-inclusive, the default) or 不含税 (tax-exclusive).
 * @returns OK, Needs approval, Below floor, Approved, Invalid, Unreadable, or Confirm … when an omitted input decides.
 */
export async function priceCheck(
  model: string | number,
  customerClass: string,
  qty: number | string,
  unitPrice: number | string,
  orderDate?: string | number,
  approvalRef?: string,
  newOrOld?: string | boolean,
  region?: string,
  customer?: string,
  currency?: string,
  taxBasis?: string | boolean,
): Promise<string> {
  const args = { model, customerClass, qty, unitPrice, orderDate, approvalRef };
  const more = { newOrOld, region, customer, currency, taxBasis };
  try {
    return await priceCheckCell(priceCalls(), { ...args, ...more }, cellOptions());
  } catch (error) {
    fail(error);
  }
}

/**
 * The lowest unit price the price policy allows for a line, tax-inclusive, in the line's currency.
 * @customfunction MINPRICE
 * @param model Product model, e.g. QJ200-50.
 * @param customerClass Customer class, e.g. 经销商.
 * @param qty Quantity (a number or text such as 10台).
 * @param [orderDate] Order date (a date cell or text); today if omitted.
 * @param [newOrOld] 新客户 or 老客户 (or TRUE for new); if omitted and it matters, the answer asks for it.
 * @param [region] Sales region (片区); if omitted and a region rule matters, the answer asks for it.
 * @param [customer] Customer name; if omitted and a customer rule matters, the answer asks for it.
 * @param [currency] Currency: CNY (人民币) or USD (美元).
 * @returns The lowest allowed unit price, or Confirm … when an omitted input decides it.
 */
export async function minPrice(
  model: string | number,
  customerClass: string,
  qty: number | string,
  orderDate?: string | number,
  newOrOld?: string | boolean,
  region?: string,
  customer?: string,
  currency?: string,
): Promise<number | string> {
  const args = { model, customerClass, qty, orderDate, newOrOld, region, customer, currency };
  try {
    return await minPriceCell(priceCalls(), args, cellOptions());
  } catch (error) {
    fail(error);
  }
}

/**
 * The list price of a model, tax-inclusive, from the policy in force on a date.
 * @customfunction LISTPRICE
 * @param model Product model, e.g. QJ200-50.
 * @param [orderDate] Order date (a date cell or text); today if omitted.
 * @param [currency] Currency: CNY (人民币, the default) or USD (美元).
 * @returns The list price.
 */
export async function listPrice(
  model: string | number,
  orderDate?: string | number,
  currency?: string,
): Promise<number> {
  try {
    return await listPriceCell(priceCalls(), { model, orderDate, currency }, cellOptions());
  } catch (error) {
    fail(error);
  }
}

function failPlan(error: unknown, code: CustomFunctions.ErrorCode): never {
  const message =
    error instanceof PlanCallError ? error.text[cellLocale()] : String((error as Error)?.message ?? error);
  throw new CustomFunctions.Error(code, message.slice(0, 255));
}

/**
 * Spreads an annual figure over 12 months in proportion to weights; the months add up exactly.
 * @customfunction SPLIT
 * @param annual The annual figure, e.g. 1200000.
 * @param weights 12 cells of weights, January to December (a blank cell weighs 0).
 * @param [roundTo] Month granularity, e.g. 1, 0.01 or 100; 1 if omitted.
 * @returns The 12 months in one row.
 */
export function splitAnnual(annual: number, weights: number[][], roundTo?: number): number[][] {
  try {
    return [splitMonths(annual, weights, roundTo)];
  } catch (error) {
    failPlan(error, CustomFunctions.ErrorCode.invalidValue);
  }
}

/**
 * The published plan for a month, summed over the plan rows that match the filters given, in yuan or 10,000 yuan as asked.
 * @customfunction PLAN
 * @param year Plan year, e.g. 2026.
 * @param month Month, 1 to 12.
 * @param [productType] Product type, e.g. 潜水泵; every type if omitted.
 * @param [region] Sales region, e.g. 华东; every region if omitted.
 * @param [rep] Sales rep; every rep if omitted.
 * @param [unit] 元 or 万元; if omitted, the published plan's own unit (the unit the 年度计划 sheet states).
 * @returns The planned amount in the unit asked for (else the plan's unit).
 */
export async function planValue(
  year: number,
  month: number,
  productType?: string,
  region?: string,
  rep?: string,
  unit?: string,
): Promise<number> {
  let call;
  try {
    call = planCall(year, month, productType, region, rep, unit);
  } catch (error) {
    failPlan(error, CustomFunctions.ErrorCode.invalidValue);
  }
  try {
    return await planCalls().plan(call);
  } catch (error) {
    failPlan(error, CustomFunctions.ErrorCode.notAvailable);
  }
}

function failReceivable(error: unknown): never {
  const message =
    error instanceof ReceivableCallError
      ? error.text[cellLocale()]
      : String((error as Error)?.message ?? error);
  const code =
    error instanceof ReceivableCallError && error.badArgument
      ? CustomFunctions.ErrorCode.invalidValue
      : CustomFunctions.ErrorCode.notAvailable;
  throw new CustomFunctions.Error(code, message.slice(0, 255));
}

/**
 * A customer's receivable balance as of a date, in the customer's currency, from the synced shipment and receipt ledgers.
 * @customfunction RECEIVABLE
 * @param customer Customer name, as in the ledgers.
 * @param [asOf] Date (a date cell or text such as 2026-03-31); today if omitted.
 * @returns The closing balance (negative when the customer is in credit).
 */
export async function receivable(customer: string, asOf?: string | number): Promise<number> {
  try {
    return await receivableCalls().receivable(customer, asOf);
  } catch (error) {
    failReceivable(error);
  }
}

/**
 * The part of a customer's balance in one aging bucket, aged from the ship date.
 * @customfunction AGING
 * @param customer Customer name, as in the ledgers.
 * @param bucket Bucket: 1 to 6, or its range such as 0-30, 31-60, 61-90, 91-180, 181-365, >365.
 * @param [asOf] Date (a date cell or text such as 2026-03-31); today if omitted.
 * @returns The open amount in that bucket.
 */
export async function aging(
  customer: string,
  bucket: string | number,
  asOf?: string | number,
): Promise<number> {
  try {
    return await receivableCalls().aging(customer, bucket, asOf);
  } catch (error) {
    failReceivable(error);
  }
}

/**
 * One of a rep's scorecard figures as a fraction (0.85 = 85%): plan completion, collection rate or new-customer rate.
 * @customfunction KPI
 * @param rep Sales rep.
 * @param measure completion, collection, collectionOfShipments or newCustomers (计划达成率, 回款率, 新客户拓展率).
 * @param [period] Month such as 2026-03, or 2026-03 YTD for the year to date; last month if omitted.
 * @returns The figure as a fraction.
 */
export async function kpi(rep: string, measure: string, period?: string | number): Promise<number> {
  let call;
  try {
    call = kpiCall(rep, measure, period);
  } catch (error) {
    failReceivable(error);
  }
  try {
    return await receivableCalls().kpi(call);
  } catch (error) {
    failReceivable(error);
  }
}
