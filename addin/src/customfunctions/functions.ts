// The SALES worksheet functions. They run in the task pane's shared runtime, use the same API
// address as the pane, and batch the calls of one recalculation into few requests.
// JSDoc below is the en-US metadata; functions.zh-CN.json holds the zh-CN (default) texts.
import './runtimeShim';
import { priceCalls, statusText } from './priceCalls';
import { excelDateToIso } from './excelDate';

function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
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
