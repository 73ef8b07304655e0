/**
 * Checks of the policy's optional blocks: 返点政策 (rebate tiers) and 信用额度 / 超期预警天数 (credit).
 * Same contract as checkPolicy: every problem names its place (tier or limit index, field) so the
 * add-in can point at the sheet cell, what was found and what was expected. Amounts are decimal text
 * and are judged as such (never through floating point).
 */
import {
  CURRENCIES,
  CUSTOMER_CLASSES,
  type Bilingual,
  type PolicyLocation,
  type PolicyProblem,
  type PolicyProblemCode,
  type PricePolicy,
} from '../../contract/pricing';
import { both } from './describe';
import { customerClassOf, isCanonicalCustomerClass, matchKey } from './keys';

type Add = (
  code: PolicyProblemCode,
  severity: PolicyProblem['severity'],
  where: PolicyLocation,
  message: Bilingual,
  also?: PolicyLocation[],
) => void;

/** Decimal yuan, not negative, at most two decimals. */
const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
/** A fraction below 1 (`0.02` = 2 %), up to six decimals. */
const RATE = /^0(\.\d{1,6})?$|^\.\d{1,6}$/;

/** `1000000`, `1000000.0`, `1,000,000.00` (as a head might type it) → `1000000.00`; null when not an amount. */
export function amountKey(text: string): string | null {
  const t = text.trim().replace(/,/g, '');
  if (!AMOUNT.test(t)) return null;
  const [whole = '0', fraction = ''] = t.split('.');
  return `${BigInt(whole).toString()}.${fraction.padEnd(2, '0')}`;
}

/** The whole rate text as a percent for messages: `0.025` → `2.5%`. */
function percentText(rate: string): string {
  const t = rate.trim();
  if (!/^-?\d*(\.\d+)?$/.test(t) || t === '') return `"${rate}"`;
  const n = Number(t) * 100;
  return `${Number(n.toPrecision(12))}%`;
}

/** 全部 / 新客户 / 老客户 as the sheet writes them. */
export function newOldText(newCustomer: boolean | null | undefined): Bilingual {
  if (newCustomer === true) return both('新客户', 'new customers');
  if (newCustomer === false) return both('老客户', 'existing customers');
  return both('全部', 'all customers');
}

/** `经销商|老客户|1000000.00`: equal keys are the same tier. */
export function rebateTierKey(t: {
  readonly customerClass?: string | null;
  readonly newCustomer?: boolean | null;
  readonly threshold: string;
}): string {
  const cls = t.customerClass?.trim() ? matchKey(t.customerClass) : '全部';
  return `${cls}|${newOldText(t.newCustomer)['zh-CN']}|${amountKey(t.threshold) ?? t.threshold.trim()}`;
}

export function checkRebateTiers(policy: PricePolicy, add: Add): void {
  const seen = new Map<string, number>();
  (policy.rebateTiers ?? []).forEach((tier, index) => {
    const at = (field?: 'customerClass' | 'threshold' | 'rate'): PolicyLocation => ({
      section: 'rebateTiers',
      index,
      ...(field ? { field } : {}),
    });
    const label = both(`返点档位第 ${index + 1} 条`, `Rebate tier ${index + 1}`);
    const name = tier.customerClass?.trim() ?? '';
    if (name && !isCanonicalCustomerClass(name)) {
      const canonical = customerClassOf(name);
      add(
        'unknown_customer_class',
        'error',
        at('customerClass'),
        canonical
          ? both(
              `${label['zh-CN']}：客户类别 "${name}" 请写作 "${canonical}"`,
              `${label['en-US']}: customer class "${name}" should be written "${canonical}"`,
            )
          : both(
              `${label['zh-CN']}：客户类别 "${name}" 未知，应为 ${CUSTOMER_CLASSES.join('、')} 或 全部`,
              `${label['en-US']}: customer class "${name}" is unknown; expected one of ${CUSTOMER_CLASSES.join(', ')} or 全部 (all)`,
            ),
      );
    }
    const threshold = amountKey(tier.threshold);
    if (threshold === null) {
      const negative = tier.threshold.trim().startsWith('-');
      add(
        'bad_rebate_threshold',
        'error',
        at('threshold'),
        both(
          `${label['zh-CN']}：年度销量起点 "${tier.threshold}" ${negative ? '不能为负数' : '无法识别'}，应为不小于 0 的金额（元，精确到分）`,
          `${label['en-US']}: the annual volume threshold "${tier.threshold}" ${negative ? 'is negative' : 'cannot be read'}; expected an amount of 0 or more (yuan, to the fen)`,
        ),
      );
    }
    if (!RATE.test(tier.rate.trim())) {
      add(
        'bad_rebate_rate',
        'error',
        at('rate'),
        both(
          `${label['zh-CN']}：返点比例 ${percentText(tier.rate)} 不合理，应为 0% 到 100%（不含）之间的比例（如 2%）`,
          `${label['en-US']}: the rebate rate ${percentText(tier.rate)} is not valid; expected a rate from 0% up to (not including) 100% (e.g. 2%)`,
        ),
      );
    }
    if (threshold === null) return;
    const key = rebateTierKey(tier);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    const who = newOldText(tier.newCustomer);
    add(
      'duplicate_rebate_tier',
      'error',
      at('threshold'),
      both(
        `${label['zh-CN']}：与第 ${first + 1} 条重复（客户类别 ${name || '全部'}、${who['zh-CN']}、起点 ${threshold} 元）`,
        `${label['en-US']}: repeats tier ${first + 1} (customer class ${name || 'all'}, ${who['en-US']}, threshold ${threshold} yuan)`,
      ),
      [{ section: 'rebateTiers', index: first, field: 'threshold' }],
    );
  });
  checkRatesRise(policy, add);
}

/** `"0.025"` as a fraction, for comparing rates exactly. */
function rateFraction(rate: string): [bigint, bigint] {
  const [whole = '0', fraction = ''] = rate.trim().split('.');
  return [BigInt(`${whole}${fraction}` || '0'), 10n ** BigInt(fraction.length)];
}

/**
 * Within one tier list (same class and 新/老), a higher threshold may not carry a lower rate: selling
 * more would then earn less rebate (the reached tier's rate applies to the whole volume).
 */
function checkRatesRise(policy: PricePolicy, add: Add): void {
  const lists = new Map<string, { index: number; fen: bigint; rate: [bigint, bigint] }[]>();
  (policy.rebateTiers ?? []).forEach((tier, index) => {
    const threshold = amountKey(tier.threshold);
    if (threshold === null || !RATE.test(tier.rate.trim())) return;
    const [yuan = '0', fen = ''] = threshold.split('.');
    const key = rebateTierKey({ ...tier, threshold: '0' });
    const list = lists.get(key) ?? [];
    list.push({
      index,
      fen: BigInt(yuan) * 100n + BigInt(fen.padEnd(2, '0').slice(0, 2)),
      rate: rateFraction(tier.rate),
    });
    lists.set(key, list);
  });
  for (const list of lists.values()) {
    list.sort((a, b) => (a.fen < b.fen ? -1 : a.fen > b.fen ? 1 : 0));
    for (let i = 1; i < list.length; i++) {
      const lower = list[i - 1]!;
      const higher = list[i]!;
      if (higher.rate[0] * lower.rate[1] >= lower.rate[0] * higher.rate[1]) continue;
      const tier = policy.rebateTiers![higher.index]!;
      const below = policy.rebateTiers![lower.index]!;
      add(
        'rebate_rate_falls',
        'error',
        { section: 'rebateTiers', index: higher.index, field: 'rate' },
        both(
          `返点档位第 ${higher.index + 1} 条：起点更高（${tier.threshold} 元）但返点比例 ${percentText(tier.rate)} 低于第 ${lower.index + 1} 条的 ${percentText(below.rate)}，销量越大返点反而越少`,
          `Rebate tier ${higher.index + 1}: a higher threshold (${tier.threshold} yuan) with a lower rate ${percentText(tier.rate)} than tier ${lower.index + 1} (${percentText(below.rate)}): selling more would earn less`,
        ),
        [{ section: 'rebateTiers', index: lower.index, field: 'rate' }],
      );
    }
  }
}

export function checkCredit(policy: PricePolicy, add: Add): void {
  const credit = policy.credit;
  if (!credit) return;
  const days = credit.maxDays;
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    add(
      'bad_credit_days',
      'error',
      { section: 'policy', field: 'creditMaxDays' },
      both(
        `超期预警天数 ${days} 不合理，应为 1 到 3650 之间的整数天`,
        `Overdue warning days ${days} is not valid; expected a whole number of days from 1 to 3650`,
      ),
    );
  }
  const seen = new Map<string, number>();
  credit.limits.forEach((l, index) => {
    const customer = l.customer.trim();
    const at = (field: 'customer' | 'currency' | 'limit'): PolicyLocation => ({
      section: 'creditLimits',
      index,
      ...(customer ? { customer } : {}),
      field,
    });
    const label = both(
      `信用额度第 ${index + 1} 条${customer ? `（${customer}）` : ''}`,
      `Credit limit ${index + 1}${customer ? ` (${customer})` : ''}`,
    );
    if (!customer) {
      add(
        'missing_customer',
        'error',
        at('customer'),
        both(`${label['zh-CN']}：缺少客户名称`, `${label['en-US']}: the customer name is missing`),
      );
    }
    const currency = l.currency.trim().toUpperCase();
    const knownCurrency = (CURRENCIES as readonly string[]).includes(currency);
    if (!knownCurrency) {
      add(
        'unknown_currency',
        'error',
        at('currency'),
        both(
          `${label['zh-CN']}：币种 "${l.currency}" 未知，应为 CNY（人民币）或 USD`,
          `${label['en-US']}: currency "${l.currency}" is unknown; expected CNY or USD`,
        ),
      );
    }
    if (amountKey(l.limit) === null) {
      const negative = l.limit.trim().startsWith('-');
      add(
        'bad_credit_limit',
        'error',
        at('limit'),
        both(
          `${label['zh-CN']}：信用额度 "${l.limit}" ${negative ? '不能为负数' : '无法识别'}，应为不小于 0 的金额（精确到分）`,
          `${label['en-US']}: the credit limit "${l.limit}" ${negative ? 'is negative' : 'cannot be read'}; expected an amount of 0 or more (to the cent)`,
        ),
      );
    }
    if (!customer || !knownCurrency) return;
    const key = `${matchKey(customer)}|${currency}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    add(
      'duplicate_credit_limit',
      'error',
      at('customer'),
      both(
        `${label['zh-CN']}：与第 ${first + 1} 条重复（同一客户、同一币种 ${currency}）`,
        `${label['en-US']}: repeats limit ${first + 1} (same customer, same currency ${currency})`,
      ),
      [{ section: 'creditLimits', index: first, field: 'customer' }],
    );
  });
}
