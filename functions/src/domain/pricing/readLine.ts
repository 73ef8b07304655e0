/**
 * Reads one request line leniently: every problem is collected as a reason (so the line becomes
 * `invalid` and says all that is wrong), and the other lines are unaffected.
 */
import {
  CUSTOMER_CLASSES,
  OPEN_INPUTS,
  type Currency,
  type OpenInput,
  type CustomerClass,
  type LocalizedText,
} from '../../contract/pricing';
import { formatFen, tryYuanToFen, type Fen } from '../money';
import { isIsoDate } from './dates';
import { both } from './describe';
import { customerClassOf, matchKey } from './keys';

export interface ReadLine {
  /** As sent; null when missing or not a string/number. */
  readonly id: string | number | null;
  /** Why the line cannot be judged (empty when it can). */
  readonly reasons: LocalizedText[];
  readonly model: string | undefined;
  readonly modelKey: string;
  /** Undefined when not given (judged by today's version) or unreadable (see badOrderDate). */
  readonly orderDate: string | undefined;
  readonly badOrderDate: boolean;
  readonly customer: string;
  readonly customerKey: string;
  readonly customerClass: CustomerClass | undefined;
  /** False when the class text is not a known class (a reason is recorded). */
  readonly classKnown: boolean;
  readonly isNew: boolean;
  readonly regionKey: string;
  /** Undefined when missing or unreadable. */
  readonly qty: number | undefined;
  readonly priceFen: Fen | undefined;
  readonly taxIncluded: boolean;
  readonly currency: Currency | undefined;
  readonly approvalRef: string | undefined;
  /** The inputs the caller left open (`unknownInputs`); undefined when it did not ask. */
  readonly openInputs: readonly OpenInput[] | undefined;
}

const CURRENCY_ALIASES: Readonly<Record<string, Currency>> = {
  CNY: 'CNY',
  RMB: 'CNY',
  人民币: 'CNY',
  '¥': 'CNY',
  元: 'CNY',
  USD: 'USD',
  US$: 'USD',
  $: 'USD',
  美元: 'USD',
};

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** A value as quoted in a message: at most SHOWN_CHARS characters, objects never walked (any depth is safe). */
const SHOWN_CHARS = 60;

function shown(value: unknown): string {
  const text =
    typeof value === 'string'
      ? `"${value.slice(0, SHOWN_CHARS)}"`
      : Array.isArray(value)
        ? `[… ${value.length}]`
        : typeof value === 'object' && value !== null
          ? '{…}'
          : String(value);
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS - 1)}…` : text;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function optionalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function readLine(raw: unknown): ReadLine {
  const reasons: LocalizedText[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    reasons.push(both(`该行不是对象，而是 ${shown(raw)}`, `the line is not an object but ${shown(raw)}`));
    return {
      id: null,
      reasons,
      model: undefined,
      modelKey: '',
      orderDate: undefined,
      badOrderDate: false,
      customer: '',
      customerKey: '',
      customerClass: undefined,
      classKnown: true,
      isNew: false,
      regionKey: '',
      qty: undefined,
      priceFen: undefined,
      taxIncluded: true,
      currency: undefined,
      approvalRef: undefined,
      openInputs: undefined,
    };
  }
  const line = raw as Record<string, unknown>;

  const rawId = line.id;
  const id =
    typeof rawId === 'string' || (typeof rawId === 'number' && Number.isFinite(rawId)) ? rawId : null;
  if (id === null) reasons.push(both('缺少行标识 id', 'the line id is missing'));

  const model = optionalText(line.model);
  if (model === undefined) reasons.push(both('缺少产品型号', 'the model is missing'));

  let orderDate: string | undefined;
  let badOrderDate = false;
  if (!isBlank(line.orderDate)) {
    if (isIsoDate(line.orderDate)) orderDate = line.orderDate;
    else {
      badOrderDate = true;
      reasons.push(
        both(
          `订单日期 ${shown(line.orderDate)} 无法识别，应为 YYYY-MM-DD`,
          `the order date ${shown(line.orderDate)} cannot be read; expected YYYY-MM-DD`,
        ),
      );
    }
  }

  let customerClass: CustomerClass | undefined;
  let classKnown = true;
  if (!isBlank(line.customerClass)) {
    const text = typeof line.customerClass === 'string' ? line.customerClass : undefined;
    customerClass = text === undefined ? undefined : customerClassOf(text);
    if (customerClass === undefined) {
      classKnown = false;
      reasons.push(
        both(
          `客户类别 ${shown(line.customerClass)} 未知，应为 ${CUSTOMER_CLASSES.join('、')} 之一`,
          `the customer class ${shown(line.customerClass)} is unknown; expected one of ${CUSTOMER_CLASSES.join(', ')}`,
        ),
      );
    }
  }

  let isNew = false;
  if (!isBlank(line.isNewCustomer)) {
    if (typeof line.isNewCustomer === 'boolean') isNew = line.isNewCustomer;
    else
      reasons.push(
        both(
          `isNewCustomer 应为 true 或 false，实为 ${shown(line.isNewCustomer)}`,
          `isNewCustomer should be true or false; found ${shown(line.isNewCustomer)}`,
        ),
      );
  }

  const qty = readQty(line.qty, reasons);
  const priceFen = readPrice(line.unitPrice, reasons);

  let taxIncluded = true;
  if (!isBlank(line.taxIncluded)) {
    if (typeof line.taxIncluded === 'boolean') taxIncluded = line.taxIncluded;
    else
      reasons.push(
        both(
          `taxIncluded 应为 true 或 false，实为 ${shown(line.taxIncluded)}`,
          `taxIncluded should be true or false; found ${shown(line.taxIncluded)}`,
        ),
      );
  }

  let currency: Currency | undefined = 'CNY';
  if (!isBlank(line.currency)) {
    const text =
      typeof line.currency === 'string' ? line.currency.normalize('NFKC').trim().toUpperCase() : '';
    currency = CURRENCY_ALIASES[text];
    if (currency === undefined)
      reasons.push(
        both(
          `币种 ${shown(line.currency)} 不受支持，应为 CNY 或 USD`,
          `the currency ${shown(line.currency)} is not supported; expected CNY or USD`,
        ),
      );
  }

  const customer = optionalText(line.customer) ?? '';
  const region = optionalText(line.region) ?? '';
  return {
    id,
    reasons,
    model,
    modelKey: model === undefined ? '' : matchKey(model),
    orderDate,
    badOrderDate,
    customer,
    customerKey: customer === '' ? '' : matchKey(customer),
    customerClass,
    classKnown,
    isNew,
    regionKey: region === '' ? '' : matchKey(region),
    qty,
    priceFen,
    taxIncluded,
    currency,
    approvalRef: optionalText(line.approvalRef),
    openInputs: readOpenInputs(line.unknownInputs, reasons),
  };
}

function readOpenInputs(value: unknown, reasons: LocalizedText[]): readonly OpenInput[] | undefined {
  if (value === undefined || value === null) return undefined;
  const known = OPEN_INPUTS as readonly unknown[];
  if (!Array.isArray(value) || !value.every((v) => known.includes(v))) {
    reasons.push(
      both(
        `unknownInputs 应为 ${OPEN_INPUTS.join('、')} 中若干项的列表，实为 ${shown(value)}`,
        `unknownInputs should be a list of ${OPEN_INPUTS.join(', ')}; found ${shown(value)}`,
      ),
    );
    return undefined;
  }
  return OPEN_INPUTS.filter((input) => value.includes(input));
}

function readQty(value: unknown, reasons: LocalizedText[]): number | undefined {
  if (isBlank(value)) {
    reasons.push(both('缺少数量', 'the quantity is missing'));
    return undefined;
  }
  const qty =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && NUMBER_TEXT.test(value.trim())
        ? Number(value)
        : NaN;
  if (!Number.isFinite(qty)) {
    reasons.push(both(`数量 ${shown(value)} 不是数字`, `the quantity ${shown(value)} is not a number`));
    return undefined;
  }
  if (qty <= 0) {
    reasons.push(both(`数量应大于 0，实为 ${qty}`, `the quantity must be greater than 0; found ${qty}`));
    return undefined;
  }
  return qty;
}

function readPrice(value: unknown, reasons: LocalizedText[]): Fen | undefined {
  if (isBlank(value)) {
    reasons.push(both('缺少单价', 'the unit price is missing'));
    return undefined;
  }
  const fen = tryYuanToFen(value);
  if (fen === undefined) {
    reasons.push(both(`单价 ${shown(value)} 不是金额`, `the unit price ${shown(value)} is not an amount`));
    return undefined;
  }
  if (fen <= 0) {
    reasons.push(
      both(
        `单价应大于 0，实为 ${formatFen(fen)}`,
        `the unit price must be greater than 0; found ${formatFen(fen)}`,
      ),
    );
    return undefined;
  }
  return fen;
}
