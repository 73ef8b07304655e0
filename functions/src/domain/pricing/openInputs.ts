/**
 * Which inputs a line left open would change its answer (a worksheet function called without
 * 新老客户, 片区, 客户 or 币种). The line is judged again under every value the policy in force
 * could treat differently, by the same judge as every other line, so the answer is one everywhere:
 * - 新老客户: old (the default) and new;
 * - 片区: none (the default) and each region a rule for this product names;
 * - 客户: none (the default), each customer a rule for this product names, and the customer of the
 *   approval the line quotes;
 * - 币种: CNY (the default), and USD when the product has a USD price and the line is an export
 *   line or has no customer class (a domestic class is not sold in dollars).
 * An input is named when two judgements that differ only in it disagree: on the status
 * (`dependsOn`) or on the lowest allowed price (`minPriceDependsOn`).
 */
import {
  OPEN_INPUTS,
  PRICE_STATUS_LABELS,
  type Approval,
  type Bilingual,
  type OpenInput,
  type PriceResult,
  needsInputText,
} from '../../contract/pricing';
import { candidatesFor, type CompiledPolicy } from './compile';
import { both } from './describe';
import { matchKey } from './keys';
import type { ReadLine } from './readLine';

/** Judges a raw line as validateLines does. */
export type Judge = (raw: Record<string, unknown>) => PriceResult;

/** Above this many combinations each open input is tried alone (the others at their defaults). */
export const MAX_COMBINATIONS = 256;

/** The line field each open input is sent in. */
const FIELD: Readonly<Record<OpenInput, string>> = {
  isNewCustomer: 'isNewCustomer',
  region: 'region',
  customer: 'customer',
  currency: 'currency',
};

/** How the default each open input is judged by reads in a message. */
const DEFAULT_TEXT: Readonly<Record<OpenInput, Bilingual>> = {
  isNewCustomer: both('老客户', 'an existing customer'),
  region: both('无片区', 'no region'),
  customer: both('无客户名称', 'no customer'),
  currency: both('人民币', 'CNY'),
};

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function distinctByKey(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of texts) {
    const key = matchKey(text);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
}

/** Each open input's values, the default first; inputs with only their default are left out. */
export function alternativesOf(
  policy: CompiledPolicy,
  line: ReadLine,
  raw: Record<string, unknown>,
  approvalsByRef: (ref: string) => readonly Approval[],
): Map<OpenInput, unknown[]> {
  const out = new Map<OpenInput, unknown[]>();
  const product = line.model === undefined ? undefined : policy.products.get(line.modelKey);
  if (!product || !line.openInputs) return out;
  const rules = candidatesFor(policy, line.modelKey, product);
  for (const input of line.openInputs) {
    if (!isBlank(raw[FIELD[input]])) continue; // given after all
    let values: unknown[] = [];
    switch (input) {
      case 'isNewCustomer':
        values = [false, true];
        break;
      case 'region':
        values = [
          null,
          ...distinctByKey(rules.filter((r) => r.customerLevel === 1).map((r) => r.customerText)),
        ];
        break;
      case 'customer': {
        const named = rules.filter((r) => r.customerLevel === 3).map((r) => r.customerText);
        const approved = line.approvalRef ? approvalsByRef(line.approvalRef).map((a) => a.customer) : [];
        values = [null, ...distinctByKey([...named, ...approved])];
        break;
      }
      case 'currency': {
        const exportable = line.customerClass === undefined || line.customerClass === '外贸';
        values = product.prices.USD && exportable ? ['CNY', 'USD'] : ['CNY'];
        break;
      }
    }
    if (values.length > 1) out.set(input, values);
  }
  return out;
}

/** Every combination of indices, the all-default one first; or (too many) each input alone with the others at 0. */
function combinations(sizes: readonly number[]): number[][] {
  const total = sizes.reduce((n, s) => n * s, 1);
  if (total <= MAX_COMBINATIONS) {
    let all: number[][] = [[]];
    for (const size of sizes)
      all = all.flatMap((prefix) => Array.from({ length: size }, (_, i) => [...prefix, i]));
    return all;
  }
  const out: number[][] = [sizes.map(() => 0)];
  sizes.forEach((size, k) => {
    for (let i = 1; i < size; i++) out.push(sizes.map((_, j) => (j === k ? i : 0)));
  });
  return out;
}

/** Inputs (by position) for which two combinations that differ only there give different answers. */
function varying(combos: readonly number[][], answers: readonly unknown[], inputs: number): Set<number> {
  const out = new Set<number>();
  for (let k = 0; k < inputs; k++) {
    const seen = new Map<string, unknown>();
    combos.forEach((combo, c) => {
      const others = combo.map((v, j) => (j === k ? '*' : v)).join(',');
      if (!seen.has(others)) seen.set(others, answers[c]);
      else if (seen.get(others) !== answers[c]) out.add(k);
    });
  }
  return out;
}

/**
 * The result for a line that sent `unknownInputs`: `result` (its judgement under the defaults, made
 * for this line alone: it is completed in place) with `dependsOn` and `minPriceDependsOn`, and when
 * the status depends on something, a new result whose message says so first.
 */
export function withOpenInputs(
  result: PriceResult,
  line: ReadLine,
  raw: Record<string, unknown>,
  policy: CompiledPolicy | undefined,
  approvalsByRef: (ref: string) => readonly Approval[],
  judge: Judge,
): PriceResult {
  const alternatives = policy ? alternativesOf(policy, line, raw, approvalsByRef) : new Map();
  const inputs = OPEN_INPUTS.filter((i) => alternatives.has(i));
  // Nothing open changes anything (most lines a pane sends with a blank cell): the result is completed
  // in place, not copied — a copy of every such line doubled the engine's time on a ledger with blanks.
  if (inputs.length === 0 || (result.status === 'invalid' && result.minPrice === null))
    return Object.assign(result, { dependsOn: [], minPriceDependsOn: [] });
  const values = inputs.map((i) => alternatives.get(i) as unknown[]);
  const combos = combinations(values.map((v) => v.length));
  const base: Record<string, unknown> = { ...raw, unknownInputs: null };
  // combos[0] is every input at its default: that is `result`, already judged.
  const judged = combos.map((combo, c) => {
    if (c === 0) return result;
    const variant = { ...base };
    combo.forEach((v, k) => (variant[FIELD[inputs[k]!]] = values[k]![v]));
    return judge(variant);
  });
  const statusVaries = varying(
    combos,
    judged.map((r) => r.status),
    inputs.length,
  );
  const minVaries = varying(
    combos,
    judged.map((r) => r.minPrice),
    inputs.length,
  );
  const dependsOn = inputs.filter((_, k) => statusVaries.has(k));
  const minPriceDependsOn = inputs.filter((_, k) => minVaries.has(k));
  if (dependsOn.length === 0) return Object.assign(result, { dependsOn, minPriceDependsOn });
  const statuses = [...new Set(judged.map((r) => r.status))].map((s) => PRICE_STATUS_LABELS[s]);
  const ask = needsInputText(dependsOn);
  const defaults = dependsOn.map((i) => DEFAULT_TEXT[i]);
  const note: Bilingual = both(
    `${ask['zh-CN']}：判定随之为 ${statuses.map((s) => s['zh-CN']).join(' 或 ')}；以下按${defaults.map((d) => d['zh-CN']).join('、')}判断。`,
    `${ask['en-US']}: the verdict is ${statuses.map((s) => s['en-US']).join(' or ')} depending on it; below, judged as ${defaults.map((d) => d['en-US']).join(', ')}. `,
  );
  return {
    ...result,
    dependsOn,
    minPriceDependsOn,
    message: both(note['zh-CN'] + result.message['zh-CN'], note['en-US'] + result.message['en-US']),
  };
}
