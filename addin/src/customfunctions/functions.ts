// The SALES worksheet functions. They run in the task pane's shared runtime, use the same API
// address as the pane, and batch the calls of one recalculation into few requests.
// JSDoc below is the en-US metadata; functions.zh-CN.json holds the zh-CN (default) texts.
import './runtimeShim';
import { officeLocale } from '../i18n/locale';
import { PriceCallError, priceCalls, statusText } from './priceCalls';
import { excelDateToIso } from './excelDate';
import { PlanCallError, planCall, planCalls, splitMonths } from './planCalls';

/** The cell's #N/A with the reason in Office's display language. */
function fail(error: unknown): never {
  const message =
    error instanceof PriceCallError
      ? error.text[officeLocale()]
      : error instanceof Error
        ? error.message
        : String(error);
  throw new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message.slice(0, 255));
}

/**
 * Checks a unit price against the company price policy and answers the status.
 * @customfunction PRICECHECK
 * @param model Product model, e.g. QJ200-50.
 * @param customerClass Customer class, e.g. 经销商.
 * @param qty Quantity.
 * @param unitPrice Unit price in yuan, tax-inclusive.
 * @param [orderDate] Order date (a date cell or text); today if omitted.
 * @param [approvalRef] Approval reference of a special order.
 * @returns The status: OK, needs approval, below floor, approved or invalid.
 */
export async function priceCheck(
  model: string,
  customerClass: string,
  qty: number,
  unitPrice: number,
  orderDate?: string | number,
  approvalRef?: string,
): Promise<string> {
  try {
    const result = await priceCalls().check({
      model: String(model),
      customerClass: String(customerClass ?? ''),
      qty: Number(qty),
      unitPrice: Number(unitPrice),
      orderDate: excelDateToIso(orderDate),
      approvalRef: approvalRef ? String(approvalRef) : undefined,
    });
    return statusText(result);
  } catch (error) {
    fail(error);
  }
}

/**
 * The lowest unit price the price policy allows for a line, in yuan (tax-inclusive).
 * @customfunction MINPRICE
 * @param model Product model, e.g. QJ200-50.
 * @param customerClass Customer class, e.g. 经销商.
 * @param qty Quantity.
 * @param [orderDate] Order date (a date cell or text); today if omitted.
 * @returns The lowest allowed unit price.
 */
export async function minPrice(
  model: string,
  customerClass: string,
  qty: number,
  orderDate?: string | number,
): Promise<number> {
  try {
    const quote = await priceCalls().quote({
      model: String(model),
      customerClass: String(customerClass ?? ''),
      qty: Number(qty),
      orderDate: excelDateToIso(orderDate),
    });
    return quote.minPrice;
  } catch (error) {
    fail(error);
  }
}

/**
 * The list price of a model in yuan, tax-inclusive, from the policy in force on a date.
 * @customfunction LISTPRICE
 * @param model Product model, e.g. QJ200-50.
 * @param [orderDate] Order date (a date cell or text); today if omitted.
 * @returns The list price.
 */
export async function listPrice(model: string, orderDate?: string | number): Promise<number> {
  try {
    const quote = await priceCalls().quote({
      model: String(model),
      qty: 1,
      orderDate: excelDateToIso(orderDate),
    });
    return quote.listPrice;
  } catch (error) {
    fail(error);
  }
}

function failPlan(error: unknown, code: CustomFunctions.ErrorCode): never {
  const message =
    error instanceof PlanCallError ? error.text[officeLocale()] : String((error as Error)?.message ?? error);
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
 * The published plan for a month, summed over the plan rows that match the filters given.
 * @customfunction PLAN
 * @param year Plan year, e.g. 2026.
 * @param month Month, 1 to 12.
 * @param [productType] Product type, e.g. 潜水泵; every type if omitted.
 * @param [region] Sales region, e.g. 华东; every region if omitted.
 * @param [rep] Sales rep; every rep if omitted.
 * @returns The planned amount, in the published plan's unit.
 */
export async function planValue(
  year: number,
  month: number,
  productType?: string,
  region?: string,
  rep?: string,
): Promise<number> {
  let call;
  try {
    call = planCall(year, month, productType, region, rep);
  } catch (error) {
    failPlan(error, CustomFunctions.ErrorCode.invalidValue);
  }
  try {
    return await planCalls().plan(call);
  } catch (error) {
    failPlan(error, CustomFunctions.ErrorCode.notAvailable);
  }
}
