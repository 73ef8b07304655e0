/**
 * 返点 for the month-end report and the statements: which customers, their class and new/old flag from
 * the sales ledger, and accrueRebates over the policy's tiers. One function for both, so a statement
 * and the report give the same figure for the same customer and month.
 *
 * Class and 新老客户 come from the 销售台账 rows (客户类别, 新老客户 columns): the latest order up to the
 * month end that states them. The shipment ledger carries neither. A customer whose class (or flag) is
 * unknown while the tiers depend on it is listed with the reason and nothing accrued, never left out.
 */
import type {
  MonthEndText,
  OrderRow,
  RebateAccrualRow,
  RebateReport,
  ShipmentRow,
  Source,
} from '../../contract/monthEnd';
import type { PolicyRebateTier } from '../../contract/pricing';
import { bilingual as text } from '../../contract/text';
import { chinaDate, lastDay } from '../monthEnd/chinaTime';
import { normalizeText } from '../monthEnd/ledgerKeys';
import { amountKey } from '../pricing/checkPolicyBlocks';
import { customerClassOf } from '../pricing/keys';
import { accrueRebates, type RebateTier } from './rebates';

/** The policy's tiers in the domain's form: `全部` = absent, amounts and rates in canonical text. */
export function rebateTiersOf(tiers: readonly PolicyRebateTier[]): RebateTier[] {
  return tiers.map((t) => {
    const rate = t.rate.trim();
    return {
      ...(t.customerClass?.trim()
        ? { customerClass: customerClassOf(t.customerClass) ?? t.customerClass.trim() }
        : {}),
      ...(t.newCustomer === true || t.newCustomer === false ? { newCustomer: t.newCustomer } : {}),
      threshold: amountKey(t.threshold) ?? t.threshold,
      rate: rate.startsWith('.') ? `0${rate}` : rate,
    };
  });
}

interface Facts {
  customerClass: string | null;
  classDate: string;
  classSource: Source | null;
  newCustomer: boolean | null;
  newDate: string;
}

/** Per customer (normalized name): class and new/old flag from the latest order that states each. */
export function customerFacts(orders: readonly OrderRow[], through: string): Map<string, Facts> {
  const out = new Map<string, Facts>();
  for (const o of orders) {
    const date = chinaDate(o.date);
    if (!date || date > through) continue;
    const key = normalizeText(o.customer);
    const f = out.get(key) ?? {
      customerClass: null,
      classDate: '',
      classSource: null,
      newCustomer: null,
      newDate: '',
    };
    const cls = o.customerClass?.trim();
    if (cls && date >= f.classDate) {
      f.customerClass = customerClassOf(cls) ?? cls;
      f.classDate = date;
      f.classSource = o.source;
    }
    if ((o.isNewCustomer === true || o.isNewCustomer === false) && date >= f.newDate) {
      f.newCustomer = o.isNewCustomer;
      f.newDate = date;
    }
    out.set(key, f);
  }
  return out;
}

export interface CustomerRebatesInput {
  /** `YYYY-MM`: accrued from 1 January of its year to its last day. */
  readonly month: string;
  /** The tiers of the policy in force at the month end (undefined: the policy has no 返点政策). */
  readonly tiers: readonly PolicyRebateTier[] | undefined;
  readonly policyVersion: number | null;
  readonly orders: readonly OrderRow[];
  readonly shipments: readonly ShipmentRow[];
  /** Only this customer (a statement); default every customer shipped to this year. */
  readonly customer?: string;
}

export function customerRebates(input: CustomerRebatesInput): RebateReport {
  const year = Number(input.month.slice(0, 4));
  const through = lastDay(input.month);
  const from = `${year}-01-01`;
  const only = input.customer === undefined ? null : normalizeText(input.customer);
  const notes: MonthEndText[] = [];

  // Customers shipped to this year: rebates count CNY volume only, the others are named.
  const names = new Map<string, string>();
  const foreign = new Map<string, string>();
  for (const s of input.shipments) {
    const date = chinaDate(s.shipDate);
    if (!date || date < from || date > through) continue;
    const key = normalizeText(s.customer);
    if (only !== null && key !== only) continue;
    const into = s.currency === 'CNY' ? names : foreign;
    if (!into.has(key)) into.set(key, s.customer.trim());
  }
  const foreignOnly = [...foreign]
    .filter(([k]) => !names.has(k))
    .map(([, name]) => name)
    .sort();
  if (foreignOnly.length > 0) {
    notes.push(
      text(
        `返点按人民币销量计：${foreignOnly.join('、')} 今年只有外币发货，未计返点`,
        `Rebates count CNY volume only: ${foreignOnly.join(', ')} shipped only in foreign currency this year, so no rebate is accrued`,
      ),
    );
  }

  if (!input.tiers || input.tiers.length === 0) {
    notes.unshift(
      input.policyVersion === null
        ? text(
            `${through} 没有生效的价格政策：未计提返点`,
            `No price policy was in force on ${through}: no rebates accrued`,
          )
        : text(
            `价格政策第 ${input.policyVersion} 版没有返点政策：未计提返点`,
            `Price policy version ${input.policyVersion} has no rebate tiers: no rebates accrued`,
          ),
    );
    return { policyVersion: input.policyVersion, year, through, customers: [], notes };
  }

  const tiers = rebateTiersOf(input.tiers);
  const byClass = tiers.some((t) => t.customerClass !== undefined);
  const byNew = tiers.some((t) => t.newCustomer !== undefined);
  const facts = customerFacts(input.orders, through);
  const keys = [...names.keys()].sort((a, b) => {
    const x = names.get(a)!;
    const y = names.get(b)!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const accrued = accrueRebates({
    year,
    through,
    tiers,
    shipments: input.shipments,
    customers: keys.map((k) => {
      const f = facts.get(k);
      return {
        customer: names.get(k)!,
        customerClass: f?.customerClass ?? null,
        newCustomer: f?.newCustomer ?? null,
      };
    }),
  });
  const unknown: string[] = [];
  const customers = accrued.map((a, i): RebateAccrualRow => {
    const f = facts.get(keys[i]!);
    const customerClass = f?.customerClass ?? null;
    const newCustomer = f?.newCustomer ?? null;
    const base = { customer: a.customer, customerClass, newCustomer, classSource: f?.classSource ?? null };
    const missing: MonthEndText[] = [];
    if (byClass && customerClass === null) missing.push(text('客户类别', 'customer class'));
    if (byNew && newCustomer === null) missing.push(text('新老客户', 'new or existing customer'));
    if (missing.length > 0) {
      unknown.push(a.customer);
      const zh = missing.map((m) => m['zh-CN']).join('、');
      const en = missing.map((m) => m['en-US']).join(' and ');
      return {
        ...base,
        volume: a.volume,
        tier: null,
        accrued: '0.00',
        next: null,
        status: 'unknown_class',
        note: text(
          `${zh}未知：销售台账中截至 ${through} 没有该客户写明${zh}的订单，返点档位无法确定，未计提`,
          `${en} unknown: no order of this customer in the sales ledger up to ${through} states it, so the rebate tier cannot be chosen and nothing is accrued`,
        ),
      };
    }
    return {
      ...base,
      volume: a.volume,
      tier: a.tier,
      accrued: a.accrued,
      next: a.next,
      status: a.note ? 'no_tiers' : a.tier ? 'accrued' : 'below_first_tier',
      note: a.note,
    };
  });
  if (unknown.length > 0) {
    notes.push(
      text(
        `${unknown.length} 个客户类别或新老客户未知，未计提返点（见各行说明）：${unknown.join('、')}`,
        `${unknown.length} customer(s) with an unknown class or new/existing flag, no rebate accrued (see each row): ${unknown.join(', ')}`,
      ),
    );
  }
  return { policyVersion: input.policyVersion, year, through, customers, notes };
}
