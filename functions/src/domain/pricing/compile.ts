/**
 * A policy version turned into lookups once (products by model, caps in basis points, rules in fen /
 * basis points bucketed by product scope), so judging a line touches only the rules that can apply.
 * Compiled forms are cached per policy object: judging 100,000 lines compiles once.
 */
import type {
  Currency,
  CustomerClass,
  Bilingual,
  PolicyRule,
  PricePolicy,
  RuleEffectKind,
} from '../../contract/pricing';
import { percentToBp, tryYuanToFen, type BasisPoints, type Fen } from '../money';
import { isIsoDate } from './dates';
import { customerClassOf, matchKey } from './keys';
import {
  comparePrecedence,
  slotOf,
  type CustomerLevel,
  type ProductLevel,
  type RankedRule,
  type RuleSlot,
} from './precedence';

/** What a version needs to be judged by: its number and its policy. */
export interface PolicyVersionLike {
  readonly version: number;
  readonly policy: PricePolicy;
}

export interface RuleScope {
  readonly productLevel: ProductLevel;
  /** matchKey of the model or product type; '' for all. */
  readonly productKey: string;
  /** The model or product type as written. */
  readonly productText: string;
  readonly customerLevel: CustomerLevel;
  /** matchKey of the name or region, the canonical class; '' for all. */
  readonly customerKey: string;
  readonly customerText: string;
  /** Set when the scope names more than one thing, or an unknown customer class. */
  readonly fault?: 'product' | 'customer' | 'customerClass';
}

function present(text: string | null | undefined): text is string {
  return typeof text === 'string' && text.trim() !== '';
}

/** Reads a rule's product × customer scope. */
export function readScope(rule: PolicyRule): RuleScope {
  let productLevel: ProductLevel = 0;
  let productText = '';
  let customerLevel: CustomerLevel = 0;
  let customerText = '';
  let customerKey = '';
  let fault: RuleScope['fault'];

  const product = rule.product;
  if (product !== 'all') {
    const hasModel = present(product.model);
    const hasType = present(product.productType);
    if (hasModel && hasType) fault = 'product';
    if (hasModel) {
      productLevel = 2;
      productText = product.model!.trim();
    } else if (hasType) {
      productLevel = 1;
      productText = product.productType!.trim();
    }
  }
  const customer = rule.customer;
  if (customer !== 'all') {
    const given = [present(customer.name), present(customer.customerClass), present(customer.region)];
    if (given.filter(Boolean).length > 1) fault ??= 'customer';
    if (present(customer.name)) {
      customerLevel = 3;
      customerText = customer.name.trim();
      customerKey = matchKey(customerText);
    } else if (present(customer.customerClass)) {
      customerLevel = 2;
      customerText = customer.customerClass.trim();
      const cls = customerClassOf(customerText);
      if (cls === undefined) fault ??= 'customerClass';
      customerKey = cls ?? matchKey(customerText);
    } else if (present(customer.region)) {
      customerLevel = 1;
      customerText = customer.region.trim();
      customerKey = matchKey(customerText);
    }
  }
  return {
    productLevel,
    productKey: productText === '' ? '' : matchKey(productText),
    productText,
    customerLevel,
    customerKey,
    customerText,
    ...(fault ? { fault } : {}),
  };
}

export interface CompiledRule extends RankedRule, RuleScope {
  readonly id: string;
  readonly rule: PolicyRule;
  readonly kind: RuleEffectKind;
  readonly slot: RuleSlot;
  /** Inclusive quantity bounds (open ends are ±Infinity). */
  readonly minQty: number;
  readonly maxQty: number;
  /** '' when open. */
  readonly validTo: string;
  /** For discountCap / extraDiscount. */
  readonly bp: BasisPoints;
  /** For fixedPrice / floor. */
  readonly fen: Fen;
  readonly currency: Currency;
  /** False when the rule cannot be applied as written (checkPolicy reports why); it is then ignored. */
  readonly usable: boolean;
}

export function compileRule(rule: PolicyRule, index: number): CompiledRule {
  const scope = readScope(rule);
  const effect = rule.effect;
  let bp = 0;
  let fen = 0;
  let currency: Currency = 'CNY';
  let usable = scope.fault === undefined;
  if (effect.kind === 'discountCap' || effect.kind === 'extraDiscount') {
    const read = percentToBp(effect.pct);
    if (read === undefined || read < 0 || read > 10000) usable = false;
    else bp = read;
  } else {
    const read = tryYuanToFen(effect.price);
    if (read === undefined || read <= 0) usable = false;
    else fen = read;
    currency = effect.currency ?? 'CNY';
  }
  const validFrom = rule.validFrom ?? '';
  const validTo = rule.validTo ?? '';
  if ((validFrom !== '' && !isIsoDate(validFrom)) || (validTo !== '' && !isIsoDate(validTo))) usable = false;
  const minQty = rule.minQty ?? -Infinity;
  const maxQty = rule.maxQty ?? Infinity;
  if (minQty > maxQty) usable = false;
  return {
    ...scope,
    index,
    id: rule.id.trim(),
    rule,
    priority: rule.priority ?? 0,
    kind: effect.kind,
    slot: slotOf(effect.kind),
    minQty,
    maxQty,
    validFrom,
    validTo,
    bp,
    fen,
    currency,
    usable,
  };
}

export interface CompiledPrices {
  readonly list: Fen;
  readonly floor: Fen | null;
}

export interface CompiledProduct {
  readonly model: string;
  readonly productTypeKey: string;
  /** Undefined when the product has no (readable, positive) price in that currency. */
  readonly prices: Readonly<Partial<Record<Currency, CompiledPrices>>>;
}

export interface CompiledCaps {
  readonly old: BasisPoints | undefined;
  readonly new: BasisPoints | undefined;
}

/** The lowest price the policy allows for one line, and why (worked out by lowestAllowedPrice.ts). */
export interface PriceOutcome {
  readonly listFen: Fen;
  readonly floorFen: Fen | null;
  readonly minFen: Fen;
  readonly maxDiscountBp: BasisPoints;
  /** Winning rules, highest precedence first. */
  readonly ruleIds: readonly string[];
  /** How minFen and floorFen came about, naming rules and the rules they override. */
  readonly explanation: Bilingual;
  /** minFen / floorFen as messages print them (kept so 100,000 lines do not format them again). */
  readonly minText: string;
  readonly floorText: string | undefined;
}

export interface CompiledPolicy {
  readonly version: number;
  readonly policy: PricePolicy;
  readonly vatBp: BasisPoints;
  readonly products: ReadonlyMap<string, CompiledProduct>;
  readonly caps: ReadonlyMap<CustomerClass, CompiledCaps>;
  /** Rules that may apply to a product, highest precedence first; filled on first use per model. */
  readonly candidatesByModel: Map<string, readonly CompiledRule[]>;
  readonly rulesByModel: ReadonlyMap<string, readonly CompiledRule[]>;
  readonly rulesByType: ReadonlyMap<string, readonly CompiledRule[]>;
  readonly rulesForAll: readonly CompiledRule[];
  /** Outcomes per (model, currency, class, new?, matching rules): see lowestAllowedPrice. */
  readonly outcomes: Map<string, PriceOutcome>;
}

function priceFen(value: number | null | undefined): Fen | undefined {
  if (value === null || value === undefined) return undefined;
  const fen = tryYuanToFen(value);
  return fen !== undefined && fen > 0 ? fen : undefined;
}

function compilePrices(
  list: number | null | undefined,
  floor: number | null | undefined,
): CompiledPrices | undefined {
  const listFen = priceFen(list);
  if (listFen === undefined) return undefined;
  return { list: listFen, floor: priceFen(floor) ?? null };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const bucket = map.get(key);
  if (bucket) bucket.push(value);
  else map.set(key, [value]);
}

const cache = new WeakMap<PricePolicy, CompiledPolicy>();

export function compilePolicy(version: PolicyVersionLike): CompiledPolicy {
  const cached = cache.get(version.policy);
  if (cached && cached.version === version.version) return cached;
  const policy = version.policy;

  const products = new Map<string, CompiledProduct>();
  for (const product of policy.products) {
    const key = matchKey(product.model);
    if (key === '' || products.has(key)) continue; // the first row wins; checkPolicy reports duplicates
    const prices: Partial<Record<Currency, CompiledPrices>> = {};
    const cny = compilePrices(product.listPrice, product.floorPrice);
    if (cny) prices.CNY = cny;
    const usd = compilePrices(product.listPriceUsd, product.floorPriceUsd);
    if (usd) prices.USD = usd;
    products.set(key, { model: product.model.trim(), productTypeKey: matchKey(product.productType), prices });
  }

  const caps = new Map<CustomerClass, CompiledCaps>();
  for (const [name, cap] of Object.entries(policy.discountCaps)) {
    const cls = customerClassOf(name);
    if (cls === undefined || caps.has(cls)) continue;
    caps.set(cls, { old: capBp(cap.old), new: capBp(cap.new) });
  }

  const rulesByModel = new Map<string, CompiledRule[]>();
  const rulesByType = new Map<string, CompiledRule[]>();
  const rulesForAll: CompiledRule[] = [];
  policy.rules.forEach((rule, index) => {
    const compiled = compileRule(rule, index);
    if (!compiled.usable) return;
    if (compiled.productLevel === 2) push(rulesByModel, compiled.productKey, compiled);
    else if (compiled.productLevel === 1) push(rulesByType, compiled.productKey, compiled);
    else rulesForAll.push(compiled);
  });

  const vat = percentToBp(policy.vatRate);
  const compiled: CompiledPolicy = {
    version: version.version,
    policy,
    vatBp: vat !== undefined && vat >= 0 ? vat : 0,
    products,
    caps,
    candidatesByModel: new Map(),
    rulesByModel,
    rulesByType,
    rulesForAll,
    outcomes: new Map(),
  };
  cache.set(policy, compiled);
  return compiled;
}

function capBp(pct: number | null | undefined): BasisPoints | undefined {
  if (pct === null || pct === undefined) return undefined;
  const bp = percentToBp(pct);
  return bp !== undefined && bp >= 0 && bp <= 10000 ? bp : undefined;
}

/** Rules whose product scope covers this product, highest precedence first (computed once per model). */
export function candidatesFor(
  policy: CompiledPolicy,
  modelKey: string,
  product: CompiledProduct,
): readonly CompiledRule[] {
  const known = policy.candidatesByModel.get(modelKey);
  if (known) return known;
  const list = [
    ...(policy.rulesByModel.get(modelKey) ?? []),
    ...(product.productTypeKey === '' ? [] : (policy.rulesByType.get(product.productTypeKey) ?? [])),
    ...policy.rulesForAll,
  ].sort(comparePrecedence);
  policy.candidatesByModel.set(modelKey, list);
  return list;
}
