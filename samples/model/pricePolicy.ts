/**
 * The generator's own, deliberately simple reading of the price policy. It decides which sample
 * lines are deliberate violations and proves that every other line is OK by a margin that no
 * reasonable reading of the same policy can flip.
 *
 * Reading: the lowest allowed price is list × (1 − cap of the class, new or old); of the price rules
 * that apply (折扣上限 replaces the cap, 追加折扣 adds to it, 固定价 is the allowed minimum) one wins by
 * priority (higher first), then specificity (model > type > all; customer name > class > region >
 * all), then the later start date. 最低价 rules raise the floor the same way. Below the allowed
 * minimum but at or above the floor needs approval; below the floor is below_floor.
 */
import type { Customer, PricePolicy, PriceRule, PriceStatus, Product } from './types';

export interface LineContext {
  product: Product;
  customer: Customer;
  date: string;
  qty: number;
  currency: 'CNY' | 'USD';
}

export interface RuleMatch {
  rule: PriceRule;
  /** False when the line sits exactly on an inclusive boundary (qty or date): a reader might exclude it. */
  certain: boolean;
}

const isPriceRule = (r: PriceRule): boolean => r.effect.kind !== '最低价';

export function matchRules(policy: PricePolicy, ctx: LineContext): RuleMatch[] {
  const matches: RuleMatch[] = [];
  for (const rule of policy.rules) {
    const p = rule.product;
    const productOk =
      p.kind === 'all' ||
      (p.kind === 'model' && p.model === ctx.product.model) ||
      (p.kind === 'type' && p.type === ctx.product.type);
    const c = rule.customer;
    const customerOk =
      c.kind === 'all' ||
      (c.kind === 'name' && c.name === ctx.customer.name) ||
      (c.kind === 'class' && c.class === ctx.customer.class) ||
      (c.kind === 'region' && c.region === ctx.customer.region);
    if (!productOk || !customerOk) continue;
    if (rule.minQty !== null && ctx.qty < rule.minQty) continue;
    if (rule.maxQty !== null && ctx.qty > rule.maxQty) continue;
    if (ctx.date < rule.from || ctx.date > rule.to) continue;
    // A rule that runs the whole year has no date edge worth doubting.
    const wholeYear = rule.from.endsWith('-01-01') && rule.to.endsWith('-12-31');
    const dateEdge = !wholeYear && (ctx.date === rule.from || ctx.date === rule.to);
    const qtyEdge = ctx.qty === rule.minQty || ctx.qty === rule.maxQty;
    matches.push({ rule, certain: !dateEdge && !qtyEdge });
  }
  return matches;
}

function specificity(rule: PriceRule): [number, number] {
  const product = { model: 2, type: 1, all: 0 }[rule.product.kind];
  const customer = { name: 3, class: 2, region: 1, all: 0 }[rule.customer.kind];
  return [product, customer];
}

/** Precedence order: priority, then product and customer specificity, then later start. */
export function comparePrecedence(a: PriceRule, b: PriceRule): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const [ap, ac] = specificity(a);
  const [bp, bc] = specificity(b);
  if (ap !== bp) return bp - ap;
  if (ac !== bc) return bc - ac;
  return a.from < b.from ? 1 : a.from > b.from ? -1 : 0;
}

export function listPrice(ctx: LineContext): number | null {
  return ctx.currency === 'USD' ? ctx.product.listUsdCents : ctx.product.listFen;
}

export function baseCapBp(policy: PricePolicy, ctx: LineContext): number {
  const cap = policy.caps.find((c) => c.class === ctx.customer.class);
  if (!cap) throw new Error(`no discount cap for ${ctx.customer.class}`);
  return ctx.customer.isNew ? cap.newBp : cap.oldBp;
}

/** list × (1 − cap), to the minor unit, half up. */
export const applyCap = (listMinor: number, capBp: number): number =>
  Math.round((listMinor * (10000 - capBp)) / 10000);

/** The allowed minimum one price rule gives (or the class cap alone when rule is null). */
function minimumUnder(rule: PriceRule | null, baseBp: number, listMinor: number): number {
  if (rule === null) return applyCap(listMinor, baseBp);
  const e = rule.effect;
  switch (e.kind) {
    case '折扣上限':
      return applyCap(listMinor, e.bp);
    case '追加折扣':
      return applyCap(listMinor, baseBp + e.bp);
    case '固定价':
      return e.fen;
    case '最低价':
      return applyCap(listMinor, baseBp);
  }
}

/** Floors are CNY: a USD line has none. */
function floorUnder(rule: PriceRule | null, ctx: LineContext): number | null {
  if (ctx.currency === 'USD') return null;
  const own = ctx.product.floorFen;
  if (rule === null || rule.effect.kind !== '最低价') return own;
  return Math.max(own ?? 0, rule.effect.fen);
}

export interface Judgement {
  status: PriceStatus;
  allowedMin: number;
  floor: number | null;
  ruleIds: string[];
}

/** The generator's reading (see the module comment). */
export function judge(policy: PricePolicy, ctx: LineContext, priceMinor: number): Judgement {
  const list = listPrice(ctx);
  if (list === null) throw new Error(`${ctx.product.model} has no ${ctx.currency} list price`);
  const matches = matchRules(policy, ctx).map((m) => m.rule);
  const priceWinner = matches.filter(isPriceRule).sort(comparePrecedence)[0] ?? null;
  const floorWinner =
    ctx.currency === 'USD'
      ? null
      : (matches.filter((r) => !isPriceRule(r)).sort(comparePrecedence)[0] ?? null);
  const allowedMin = minimumUnder(priceWinner, baseCapBp(policy, ctx), list);
  const floor = floorUnder(floorWinner, ctx);
  const status: PriceStatus =
    priceMinor >= allowedMin ? 'ok' : floor !== null && priceMinor < floor ? 'below_floor' : 'needs_approval';
  const ruleIds = [priceWinner, floorWinner].filter((r): r is PriceRule => r !== null).map((r) => r.id);
  return { status, allowedMin, floor, ruleIds };
}

export interface Bounds {
  /** Every allowed minimum some reading could arrive at (the class cap alone, or any one matching rule). */
  minimums: number[];
  /** Every floor some reading could arrive at. */
  floors: number[];
  matches: RuleMatch[];
}

/** The spread of readings, to keep lines away from the edges where readings disagree. */
export function bounds(policy: PricePolicy, ctx: LineContext): Bounds {
  const list = listPrice(ctx);
  if (list === null) throw new Error(`${ctx.product.model} has no ${ctx.currency} list price`);
  const base = baseCapBp(policy, ctx);
  const matches = matchRules(policy, ctx);
  const minimums = [minimumUnder(null, base, list)];
  const floors: number[] = [];
  const ownFloor = floorUnder(null, ctx);
  if (ownFloor !== null) floors.push(ownFloor);
  for (const { rule } of matches) {
    if (isPriceRule(rule)) minimums.push(minimumUnder(rule, base, list));
    else {
      const f = floorUnder(rule, ctx);
      if (f !== null) floors.push(f);
    }
  }
  return { minimums, floors, matches };
}

/** 1 % of list: the margin kept from every edge. */
export const margin = (listMinor: number): number => Math.ceil(listMinor / 100);
