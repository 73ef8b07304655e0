/**
 * Judges sales lines against the published price policy (POST /api/prices/validate).
 *
 * Each line is judged by the version in force on its order date (no order date: the version in force
 * today, China time, and the message says so). Prices are compared tax-inclusive in fen: a CNY line
 * with `taxIncluded: false` is first converted with that version's VAT (half-up to the fen); USD
 * (export) prices carry no VAT and are compared as sent. Status:
 * - `ok`              price ≥ lowest allowed price;
 * - `approved`        below it, but covered by the approval the line quotes (same ref, customer, model
 *                     and currency, order date within its validity, line price ≥ approved price);
 * - `needs_approval`  below it, not below the floor;
 * - `below_floor`     below the floor;
 * - `invalid`         cannot be judged; the message lists every reason, and the prices that could be
 *                     worked out are still given (a line without unitPrice yields listPrice/minPrice).
 */
import {
  type Approval,
  type Currency,
  type Bilingual,
  type PriceResult,
  type PriceStatus,
  type ValidateResponse,
  type ValidateSummary,
} from '../../contract/pricing';
import { bpToPercent, discountBp, exclusiveToInclusive, fenToYuan, tryYuanToFen, type Fen } from '../money';
import { compilePolicy, type CompiledPolicy, type PolicyVersionLike } from './compile';
import { chinaToday } from './dates';
import { both, money, okText, pctText } from './describe';
import { matchKey } from './keys';
import { lowestAllowedPrice, type PriceOutcome } from './lowestAllowedPrice';
import { withOpenInputs } from './openInputs';
import { readLine, type ReadLine } from './readLine';
import { firstEffectiveDate, versionLookup } from './selectVersion';

export interface ValidateOptions {
  /** Today in China time (YYYY-MM-DD), for lines without an order date; defaults to the clock. */
  readonly today?: string;
  /**
   * `full` (default): every message ends with the basis (cap, rules, formula, floor).
   * `flagged`: `ok` lines get the verdict only, which keeps very large answers small.
   * `compact`: judged as `flagged` (the handler then compacts the answer: see compact.ts).
   */
  readonly detail?: 'full' | 'flagged' | 'compact';
}

interface ApprovalIndex {
  readonly byRef: ReadonlyMap<string, readonly Approval[]>;
}

function indexApprovals(approvals: readonly Approval[]): ApprovalIndex {
  const byRef = new Map<string, Approval[]>();
  for (const approval of approvals) {
    const key = matchKey(approval.ref);
    const bucket = byRef.get(key);
    if (bucket) bucket.push(approval);
    else byRef.set(key, [approval]);
  }
  return { byRef };
}

export function validateLines(
  versions: PolicyVersionLike | readonly PolicyVersionLike[],
  lines: readonly unknown[],
  approvals: readonly Approval[] = [],
  options: ValidateOptions = {},
): ValidateResponse {
  const all: readonly PolicyVersionLike[] = isVersionList(versions) ? versions : [versions];
  const today = options.today ?? chinaToday();
  const lookup = versionLookup(all);
  const compiled = new Map<string, CompiledPolicy | undefined>();
  const context: Context = {
    today,
    policyOn: (date) => {
      if (compiled.has(date)) return compiled.get(date);
      const version = lookup(date);
      const policy = version ? compilePolicy(version) : undefined;
      compiled.set(date, policy);
      return policy;
    },
    firstDate: firstEffectiveDate(all),
    approvals: indexApprovals(approvals),
    explainOk: options.detail !== 'flagged' && options.detail !== 'compact',
  };
  const summary: ValidateSummary = {
    total: lines.length,
    ok: 0,
    needs_approval: 0,
    below_floor: 0,
    approved: 0,
    invalid: 0,
  };
  const results: PriceResult[] = new Array<PriceResult>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    // Read once: a line that leaves inputs open is looked at twice (a pane sends blank cells so).
    const line = readLine(raw);
    let result = judgeLine(context, raw, line);
    // Only lines that leave inputs open (blank cells, a function's left-out arguments) pay for judging
    // the alternatives; completed in place when they change nothing, so it stays simply ok for compact.
    if (asksOpenInputs(raw)) result = judgeOpenInputs(context, raw, result, line);
    results[i] = result;
    summary[result.status] += 1;
  }
  return { policyVersion: lookup(today)?.version ?? null, results, summary };
}

function asksOpenInputs(raw: unknown): raw is Record<string, unknown> {
  return (
    typeof raw === 'object' &&
    raw !== null &&
    (raw as Record<string, unknown>).unknownInputs !== undefined &&
    (raw as Record<string, unknown>).unknownInputs !== null
  );
}

function judgeOpenInputs(
  context: Context,
  raw: Record<string, unknown>,
  result: PriceResult,
  line: ReadLine,
): PriceResult {
  const date = line.orderDate ?? context.today;
  return withOpenInputs(
    result,
    line,
    raw,
    context.policyOn(date),
    (ref) => context.approvals.byRef.get(matchKey(ref)) ?? [],
    // Only the variants' status and lowest price are read: spare them the basis text.
    (variant) => judgeLine(quiet(context), variant),
  );
}

const quietContexts = new WeakMap<Context, Context>();
function quiet(context: Context): Context {
  let q = quietContexts.get(context);
  if (!q) {
    q = { ...context, explainOk: false };
    quietContexts.set(context, q);
  }
  return q;
}

function isVersionList(
  versions: PolicyVersionLike | readonly PolicyVersionLike[],
): versions is readonly PolicyVersionLike[] {
  return Array.isArray(versions);
}

interface Context {
  readonly today: string;
  readonly policyOn: (date: string) => CompiledPolicy | undefined;
  readonly firstDate: string | undefined;
  readonly approvals: ApprovalIndex;
  readonly explainOk: boolean;
}

const NOTHING = both('', '');

/** Appends a note said before the verdict (how the line was read). */
function withNote(lead: Bilingual, note: Bilingual): Bilingual {
  return both(`${lead['zh-CN']}${note['zh-CN']}。`, `${lead['en-US']}${capitalise(note['en-US'])}. `);
}

function judgeLine(context: Context, raw: unknown, line: ReadLine = readLine(raw)): PriceResult {
  const reasons = line.reasons;
  let lead = NOTHING;
  const date = line.orderDate ?? (line.badOrderDate ? undefined : context.today);

  const policy = date === undefined ? undefined : context.policyOn(date);
  if (date !== undefined && !policy) {
    const when = line.orderDate === undefined ? both('今日', 'today') : both('订单日期', 'the order date');
    reasons.push(
      context.firstDate === undefined
        ? both('尚无已发布的价格政策', 'no price policy has been published yet')
        : both(
            `${when['zh-CN']} ${date} 早于最早的价格政策（${context.firstDate} 起生效）`,
            `${when['en-US']} ${date} is before the first price policy (in force from ${context.firstDate})`,
          ),
    );
  } else if (policy && line.orderDate === undefined) {
    lead = withNote(
      lead,
      both(
        `未填订单日期，按今日（${date}）生效的第 ${policy.version} 版价格政策判断`,
        `no order date: judged by version ${policy.version}, in force today (${date})`,
      ),
    );
  }

  const product = policy && line.model !== undefined ? policy.products.get(line.modelKey) : undefined;
  if (policy && line.model !== undefined && !product) {
    reasons.push(
      both(
        `型号 "${line.model}" 不在第 ${policy.version} 版价格政策中`,
        `model "${line.model}" is not in price policy version ${policy.version}`,
      ),
    );
  }
  const currency = line.currency;
  const prices = product && currency ? product.prices[currency] : undefined;
  if (product && currency && !prices) {
    reasons.push(
      currency === 'CNY'
        ? both(`型号 ${product.model} 没有指导价`, `model ${product.model} has no list price`)
        : both(
            `型号 ${product.model} 没有 ${currency} 指导价`,
            `model ${product.model} has no list price in ${currency}`,
          ),
    );
  }

  let outcome: PriceOutcome | undefined;
  if (
    policy &&
    product &&
    currency &&
    prices &&
    line.classKnown &&
    line.qty !== undefined &&
    date !== undefined
  ) {
    outcome = lowestAllowedPrice(policy, {
      modelKey: line.modelKey,
      product,
      currency,
      customerKey: line.customerKey,
      customerClass: line.customerClass,
      regionKey: line.regionKey,
      isNew: line.isNew,
      qty: line.qty,
      date,
    });
  }

  // The price as compared: tax-inclusive (CNY) in fen.
  let compared: Fen | undefined;
  if (line.priceFen !== undefined && policy && currency) {
    compared = line.priceFen;
    if (!line.taxIncluded && currency === 'CNY') {
      compared = exclusiveToInclusive(line.priceFen, policy.vatBp);
      const vat = pctText(policy.vatBp);
      const exclusive = money(line.priceFen, currency);
      const inclusive = money(compared, currency);
      lead = withNote(
        lead,
        both(
          `不含税单价 ${exclusive} 按增值税 ${vat} 折合含税 ${inclusive}`,
          `the tax-exclusive price ${exclusive} plus ${vat} VAT is ${inclusive}`,
        ),
      );
    }
  }

  const listFen = outcome ? outcome.listFen : prices?.list;
  if (reasons.length > 0 || !outcome || compared === undefined || !currency || date === undefined) {
    const zh = reasons.map((r) => r['zh-CN']).join('；');
    const en = reasons.map((r) => r['en-US']).join('; ');
    return resultOf(
      line,
      policy,
      listFen,
      outcome,
      compared,
      'invalid',
      both(`无法判断：${zh}。`, `Cannot judge: ${en}.`),
    );
  }

  // Messages are plain concatenations of cached pieces: 100,000 of them must stay cheap.
  let status: PriceStatus;
  let zh: string;
  let en: string;
  let tail: Bilingual | undefined;
  const price = money(compared, currency);
  const min = outcome.minText;
  const floor = outcome.floorText;
  if (compared >= outcome.minFen) {
    status = 'ok';
    ({ 'zh-CN': zh, 'en-US': en } = okText(price, min));
  } else {
    const approval = checkApproval(context.approvals, line, compared, currency, date);
    if (approval.approved) {
      const a = approval.approved;
      const approved = money(approval.approvedFen, currency);
      status = 'approved';
      zh = `单价 ${price} 低于最低允许价 ${min}，已由审批单 ${a.ref} 批准（批准价 ${approved}，有效期 ${a.validFrom} 至 ${a.validTo}）。`;
      en = `Unit price ${price} is below the lowest allowed price ${min}; approved by ${a.ref} (approved price ${approved}, valid ${a.validFrom} to ${a.validTo}).`;
    } else {
      if (floor !== undefined && outcome.floorFen !== null && compared < outcome.floorFen) {
        status = 'below_floor';
        zh = `单价 ${price} 低于最低限价 ${floor}，须有批准的特殊订单（审批单号）。`;
        en = `Unit price ${price} is below the floor price ${floor}: not allowed without an approved special order (approval reference).`;
      } else {
        status = 'needs_approval';
        zh = `单价 ${price} 低于最低允许价 ${min}${floor ? `，但不低于最低限价 ${floor}` : ''}，需部长审批。`;
        en = `Unit price ${price} is below the lowest allowed price ${min}${floor ? ` but not below the floor ${floor}` : ''}: needs the sales head's approval.`;
      }
      tail = approval.rejected;
    }
  }
  zh = lead['zh-CN'] + zh;
  en = lead['en-US'] + en;
  if (status !== 'ok' || context.explainOk) {
    zh += `依据：${outcome.explanation['zh-CN']}。`;
    en += ` Basis: ${outcome.explanation['en-US']}.`;
  }
  if (tail) {
    zh += `${tail['zh-CN']}。`;
    en += ` ${capitalise(tail['en-US'])}.`;
  }
  const result = resultOf(line, policy, listFen, outcome, compared, status, both(zh, en));
  // Simply 符合: the message is the bare verdict on the price as sent, so the compact answer can
  // carry an outcome index instead (see compact.ts).
  if (status === 'ok' && lead === NOTHING && !tail && !context.explainOk) plainOk.set(result, currency);
  return result;
}

const plainOk = new WeakMap<PriceResult, Currency>();

/**
 * The currency of a result that is simply 符合 (ok; judged on the price as sent: no note before the
 * verdict, no basis after it), or undefined. Such a result is exactly what expandOk rebuilds.
 */
export function plainOkCurrency(result: PriceResult): Currency | undefined {
  return plainOk.get(result);
}

function resultOf(
  line: ReadLine,
  policy: CompiledPolicy | undefined,
  listFen: Fen | undefined,
  outcome: PriceOutcome | undefined,
  compared: Fen | undefined,
  status: PriceStatus,
  message: Bilingual,
): PriceResult {
  return {
    id: line.id,
    status,
    policyVersion: policy ? policy.version : null,
    listPrice: listFen === undefined ? null : fenToYuan(listFen),
    minPrice: outcome ? fenToYuan(outcome.minFen) : null,
    floorPrice: outcome && outcome.floorFen !== null ? fenToYuan(outcome.floorFen) : null,
    discountPct:
      listFen !== undefined && compared !== undefined ? bpToPercent(discountBp(listFen, compared)) : null,
    maxDiscountPct: outcome ? bpToPercent(outcome.maxDiscountBp) : null,
    ruleIds: outcome ? outcome.ruleIds.slice() : [],
    message,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type ApprovalCheck =
  | { readonly approved: Approval; readonly approvedFen: Fen; readonly rejected?: undefined }
  | { readonly approved?: undefined; readonly rejected?: Bilingual };

/** The approval the line quotes, if it covers the line; otherwise why not (when one was quoted). */
function checkApproval(
  index: ApprovalIndex,
  line: ReadLine,
  compared: Fen,
  currency: Currency,
  date: string,
): ApprovalCheck {
  if (line.approvalRef === undefined) return {};
  const candidates = index.byRef.get(matchKey(line.approvalRef)) ?? [];
  if (candidates.length === 0) {
    return {
      rejected: both(`审批单 ${line.approvalRef} 未登记`, `approval ${line.approvalRef} is not registered`),
    };
  }
  let closest: Bilingual[] | undefined;
  for (const approval of candidates) {
    const approvedFen = tryYuanToFen(approval.minUnitPrice);
    const failures: Bilingual[] = [];
    if (matchKey(approval.customer) !== line.customerKey) {
      failures.push(
        both(
          `客户不符（审批单为 ${approval.customer}，该行为 ${line.customer || '空'}）`,
          `the customer differs (the approval is for ${approval.customer}, the line has ${line.customer || 'none'})`,
        ),
      );
    }
    if (matchKey(approval.model) !== line.modelKey) {
      failures.push(
        both(
          `型号不符（审批单为 ${approval.model}）`,
          `the model differs (the approval is for ${approval.model})`,
        ),
      );
    }
    if (approval.currency !== currency) {
      failures.push(
        both(
          `币种不符（审批单为 ${approval.currency}）`,
          `the currency differs (the approval is in ${approval.currency})`,
        ),
      );
    }
    if (date < approval.validFrom || date > approval.validTo) {
      failures.push(
        both(
          `订单日期 ${date} 不在有效期 ${approval.validFrom} 至 ${approval.validTo} 内`,
          `the order date ${date} is outside its validity ${approval.validFrom} to ${approval.validTo}`,
        ),
      );
    }
    if (approvedFen === undefined || compared < approvedFen) {
      const approvedText =
        approvedFen === undefined ? String(approval.minUnitPrice) : money(approvedFen, approval.currency);
      failures.push(
        both(
          `单价 ${money(compared, currency)} 低于批准价 ${approvedText}`,
          `the unit price ${money(compared, currency)} is below the approved price ${approvedText}`,
        ),
      );
    }
    if (failures.length === 0 && approvedFen !== undefined) return { approved: approval, approvedFen };
    if (!closest || failures.length < closest.length) closest = failures;
  }
  const zh = (closest ?? []).map((f) => f['zh-CN']).join('，');
  const en = (closest ?? []).map((f) => f['en-US']).join('; ');
  return {
    rejected: both(
      `审批单 ${line.approvalRef} 不适用：${zh}`,
      `approval ${line.approvalRef} does not apply: ${en}`,
    ),
  };
}
