/**
 * What a draft changes against the published policy: settings, models, caps and rules added,
 * changed (which fields, from → to) and removed, plus a one-line bilingual summary for the publish
 * dialog and the audit log. Models match by matchKey, caps by class, rules by id. Prices compare in
 * fen and percentages in basis points, so 100 and 100.00 are the same.
 */
import type {
  DiscountCap,
  FieldChange,
  Bilingual,
  PolicyDiff,
  PolicyCreditLimit,
  PolicyProduct,
  PolicyRebateTier,
  PolicyRule,
  PricePolicy,
} from '../../contract/pricing';
import { percentToBp, tryYuanToFen } from '../money';
import { amountKey, rebateTierKey } from './checkPolicyBlocks';
import { both } from './describe';
import { matchKey } from './keys';

type Plain = string | number | boolean | null | { readonly [key: string]: Plain } | readonly Plain[];

const PRODUCT_TEXT_FIELDS = ['name', 'productType', 'unit'] as const;
const PRODUCT_PRICE_FIELDS = ['listPrice', 'floorPrice', 'listPriceUsd', 'floorPriceUsd'] as const;

function sameAmount(a: number | null | undefined, b: number | null | undefined): boolean {
  const fa = a === null || a === undefined ? null : (tryYuanToFen(a) ?? a);
  const fb = b === null || b === undefined ? null : (tryYuanToFen(b) ?? b);
  return fa === fb;
}

function samePct(a: number | null | undefined, b: number | null | undefined): boolean {
  const ba = a === null || a === undefined ? null : (percentToBp(a) ?? a);
  const bb = b === null || b === undefined ? null : (percentToBp(b) ?? b);
  return ba === bb;
}

function productChanges(from: PolicyProduct, to: PolicyProduct): FieldChange[] {
  const fields: FieldChange[] = [];
  if (from.model.trim() !== to.model.trim()) fields.push({ field: 'model', from: from.model, to: to.model });
  for (const field of PRODUCT_TEXT_FIELDS) {
    if (from[field].trim() !== to[field].trim()) fields.push({ field, from: from[field], to: to[field] });
  }
  for (const field of PRODUCT_PRICE_FIELDS) {
    if (!sameAmount(from[field], to[field]))
      fields.push({ field, from: from[field] ?? null, to: to[field] ?? null });
  }
  return fields;
}

function capChanges(from: DiscountCap, to: DiscountCap): FieldChange[] {
  const fields: FieldChange[] = [];
  for (const field of ['old', 'new'] as const) {
    if (!samePct(from[field], to[field]))
      fields.push({ field, from: from[field] ?? null, to: to[field] ?? null });
  }
  return fields;
}

function rateChanges(from: PolicyRebateTier, to: PolicyRebateTier): FieldChange[] {
  return from.rate.trim() === to.rate.trim() || Number(from.rate) === Number(to.rate)
    ? []
    : [{ field: 'rate', from: from.rate, to: to.rate }];
}

function limitChanges(from: PolicyCreditLimit, to: PolicyCreditLimit): FieldChange[] {
  return (amountKey(from.limit) ?? from.limit) === (amountKey(to.limit) ?? to.limit)
    ? []
    : [{ field: 'limit', from: from.limit, to: to.limit }];
}

/** A rule field in a canonical form, so `{}` equals `'all'` and a missing priority equals 0. */
function ruleField(rule: PolicyRule, field: RuleField): Plain {
  switch (field) {
    case 'priority':
      return rule.priority ?? 0;
    case 'product': {
      const p = rule.product;
      if (p === 'all') return 'all';
      if (p.model?.trim()) return { model: p.model.trim() };
      if (p.productType?.trim()) return { productType: p.productType.trim() };
      return 'all';
    }
    case 'customer': {
      const c = rule.customer;
      if (c === 'all') return 'all';
      const out: Record<string, string> = {};
      if (c.name?.trim()) out.name = c.name.trim();
      if (c.customerClass?.trim()) out.customerClass = c.customerClass.trim();
      if (c.region?.trim()) out.region = c.region.trim();
      return Object.keys(out).length === 0 ? 'all' : out;
    }
    case 'effect': {
      const e = rule.effect;
      if (e.kind === 'discountCap' || e.kind === 'extraDiscount') return { kind: e.kind, pct: e.pct };
      return { kind: e.kind, price: e.price, currency: e.currency ?? 'CNY' };
    }
    case 'note':
      return rule.note?.trim() || null;
    default:
      return rule[field] ?? null;
  }
}

const RULE_FIELDS = [
  'priority',
  'product',
  'customer',
  'minQty',
  'maxQty',
  'validFrom',
  'validTo',
  'effect',
  'note',
] as const;
type RuleField = (typeof RULE_FIELDS)[number];

function sameRuleField(field: RuleField, a: Plain, b: Plain): boolean {
  if (field === 'effect' && isRecord(a) && isRecord(b) && a.kind === b.kind) {
    return 'pct' in a
      ? samePct(a.pct as number, b.pct as number)
      : sameAmount(a.price as number, b.price as number) && a.currency === b.currency;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function isRecord(value: Plain): value is { readonly [key: string]: Plain } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ruleChanges(from: PolicyRule, to: PolicyRule): FieldChange[] {
  const fields: FieldChange[] = [];
  for (const field of RULE_FIELDS) {
    const a = ruleField(from, field);
    const b = ruleField(to, field);
    if (!sameRuleField(field, a, b)) fields.push({ field, from: a, to: b });
  }
  return fields;
}

interface Changes {
  added: string[];
  changed: { key: string; fields: FieldChange[] }[];
  removed: string[];
}

function compare<T>(
  before: ReadonlyMap<string, { label: string; item: T }>,
  after: ReadonlyMap<string, { label: string; item: T }>,
  fieldsOf: (from: T, to: T) => FieldChange[],
): Changes {
  const changes: Changes = { added: [], changed: [], removed: [] };
  for (const [key, { label, item }] of after) {
    const old = before.get(key);
    if (!old) {
      changes.added.push(label);
      continue;
    }
    const fields = fieldsOf(old.item, item);
    if (fields.length > 0) changes.changed.push({ key: label, fields });
  }
  for (const [key, { label }] of before) if (!after.has(key)) changes.removed.push(label);
  return changes;
}

/** First occurrence wins, as when the policy is compiled. */
function keyed<T>(items: readonly T[], keyOf: (item: T) => string, labelOf: (item: T) => string) {
  const map = new Map<string, { label: string; item: T }>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== '' && !map.has(key)) map.set(key, { label: labelOf(item), item });
  }
  return map;
}

function countsText(name: Bilingual, changes: Changes): Bilingual | undefined {
  const zh: string[] = [];
  const en: string[] = [];
  if (changes.added.length) {
    zh.push(`新增 ${changes.added.length}`);
    en.push(`${changes.added.length} added`);
  }
  if (changes.changed.length) {
    zh.push(`修改 ${changes.changed.length}`);
    en.push(`${changes.changed.length} changed`);
  }
  if (changes.removed.length) {
    zh.push(`删除 ${changes.removed.length}`);
    en.push(`${changes.removed.length} removed`);
  }
  if (zh.length === 0) return undefined;
  return both(`${name['zh-CN']}${zh.join('、')}`, `${name['en-US']}: ${en.join(', ')}`);
}

/** `published` undefined or null means a first publish: everything is added. */
export function diffPolicies(published: PricePolicy | null | undefined, draft: PricePolicy): PolicyDiff {
  const empty: PricePolicy = {
    vatRate: draft.vatRate,
    effectiveDate: draft.effectiveDate,
    products: [],
    discountCaps: {},
    rules: [],
  };
  const before = published ?? empty;

  const settings: FieldChange[] = [];
  if (published) {
    if (!samePct(before.vatRate, draft.vatRate))
      settings.push({ field: 'vatRate', from: before.vatRate, to: draft.vatRate });
    if (before.effectiveDate !== draft.effectiveDate) {
      settings.push({ field: 'effectiveDate', from: before.effectiveDate, to: draft.effectiveDate });
    }
    const days = (p: PricePolicy) => p.credit?.maxDays ?? null;
    if (days(before) !== days(draft)) {
      settings.push({ field: 'creditMaxDays', from: days(before), to: days(draft) });
    }
    if ((before.note?.trim() || null) !== (draft.note?.trim() || null)) {
      settings.push({ field: 'note', from: before.note ?? null, to: draft.note ?? null });
    }
  }

  const productKey = (p: PolicyProduct) => matchKey(p.model);
  const productLabel = (p: PolicyProduct) => p.model.trim();
  const products = compare(
    keyed(before.products, productKey, productLabel),
    keyed(draft.products, productKey, productLabel),
    productChanges,
  );
  const capEntries = (caps: Readonly<Record<string, DiscountCap>>) =>
    keyed(
      Object.entries(caps),
      ([name]) => name.trim(),
      ([name]) => name.trim(),
    );
  const discountCaps = compare(
    capEntries(before.discountCaps),
    capEntries(draft.discountCaps),
    ([, a], [, b]) => capChanges(a, b),
  );
  const ruleKey = (r: PolicyRule) => r.id.trim();
  const rules = compare(
    keyed(before.rules, ruleKey, ruleKey),
    keyed(draft.rules, ruleKey, ruleKey),
    ruleChanges,
  );

  // A tier is its class, new/old and threshold: a changed rate is a change, a moved threshold a new tier.
  const rebateTiers = compare(
    keyed(before.rebateTiers ?? [], rebateTierKey, rebateTierKey),
    keyed(draft.rebateTiers ?? [], rebateTierKey, rebateTierKey),
    rateChanges,
  );
  const limitKey = (l: PolicyCreditLimit) =>
    l.customer.trim() ? `${matchKey(l.customer)}|${l.currency.trim().toUpperCase()}` : '';
  const limitLabel = (l: PolicyCreditLimit) => `${l.customer.trim()}|${l.currency.trim().toUpperCase()}`;
  const creditLimits = compare(
    keyed(before.credit?.limits ?? [], limitKey, limitLabel),
    keyed(draft.credit?.limits ?? [], limitKey, limitLabel),
    limitChanges,
  );

  const isEmpty =
    settings.length === 0 &&
    [products, discountCaps, rules, rebateTiers, creditLimits].every(
      (c) => !c.added.length && !c.changed.length && !c.removed.length,
    );
  return {
    settings,
    products,
    discountCaps,
    rules,
    rebateTiers,
    creditLimits,
    isEmpty,
    summary: summaryText(
      published,
      draft,
      settings,
      [
        [both('型号', 'Models'), products],
        [both('折扣上限', 'Discount caps'), discountCaps],
        [both('规则', 'Rules'), rules],
        [both('返点档位', 'Rebate tiers'), rebateTiers],
        [both('信用额度', 'Credit limits'), creditLimits],
      ],
      isEmpty,
    ),
  };
}

function summaryText(
  published: PricePolicy | null | undefined,
  draft: PricePolicy,
  settings: readonly FieldChange[],
  named: readonly (readonly [Bilingual, Changes])[],
  isEmpty: boolean,
): Bilingual {
  if (!published) {
    const classes = Object.keys(draft.discountCaps).length;
    return both(
      `首次发布：型号 ${draft.products.length} 个，客户类别折扣上限 ${classes} 项，规则 ${draft.rules.length} 条，${draft.effectiveDate} 起生效`,
      `First publish: ${draft.products.length} models, caps for ${classes} customer classes, ${draft.rules.length} rules, in force from ${draft.effectiveDate}`,
    );
  }
  if (isEmpty) return both('与已发布版本相同', 'Same as the published version');
  const parts: Bilingual[] = [];
  for (const change of settings) {
    if (change.field === 'vatRate') {
      parts.push(
        both(
          `增值税率 ${String(change.from)}% → ${String(change.to)}%`,
          `VAT ${String(change.from)}% → ${String(change.to)}%`,
        ),
      );
    } else if (change.field === 'effectiveDate') {
      parts.push(
        both(
          `生效日期 ${String(change.from)} → ${String(change.to)}`,
          `effective date ${String(change.from)} → ${String(change.to)}`,
        ),
      );
    } else if (change.field === 'creditMaxDays') {
      const d = (v: unknown) => (v === null ? '—' : String(v));
      parts.push(
        both(
          `超期预警天数 ${d(change.from)} → ${d(change.to)}`,
          `overdue warning days ${d(change.from)} → ${d(change.to)}`,
        ),
      );
    } else {
      parts.push(both('备注已修改', 'note changed'));
    }
  }
  for (const [name, changes] of named) {
    const text = countsText(name, changes);
    if (text) parts.push(text);
  }
  return both(parts.map((p) => p['zh-CN']).join('；'), parts.map((p) => p['en-US']).join('; '));
}
