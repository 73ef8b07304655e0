// Pure pieces of the 价格政策 tab: the difference and the published version as people read them,
// and where a changed model or rule sits on the sheet (to jump there).
import type { FieldChange, PolicyDiff, PricePolicy } from '../../../functions/src/contract/pricing';
import { rebateTierKey } from '../../../functions/src/domain/pricing/checkPolicyBlocks';
import { matchKey } from '../../../functions/src/domain/pricing/keys';
import { rateAsPercent } from '../../../functions/src/domain/rebates/rebates';
import type { Locale } from '../i18n/locale';
import type { PolicySheetLayout } from './types';
import { RULE_TYPE_NAMES } from './ruleTypes';
import { columnLetter } from '../sheets';
import { FIELD_LABELS, policyText } from './strings';

const PERCENT_FIELDS = new Set(['vatRate', 'old', 'new']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One side of a change as the sheet writes it: `型号:QJ200-50`, `折扣上限 20%`, `13%`. */
export function changeValue(locale: Locale, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return policyText(locale, 'empty');
  if (value === 'all') return policyText(locale, 'all');
  if (typeof value === 'number') return PERCENT_FIELDS.has(field) ? `${value}%` : String(value);
  if (field === 'rate' && typeof value === 'string') return rateAsPercent(value);
  if (isRecord(value)) {
    if (typeof value.kind === 'string') {
      const name = RULE_TYPE_NAMES[value.kind as keyof typeof RULE_TYPE_NAMES]?.[0] ?? value.kind;
      if (typeof value.pct === 'number') return `${name} ${value.pct}%`;
      const currency = value.currency === 'USD' ? 'USD ' : '';
      return `${name} ${currency}${String(value.price)}`;
    }
    if (typeof value.model === 'string') return `型号:${value.model}`;
    if (typeof value.productType === 'string') return `类别:${value.productType}`;
    if (typeof value.name === 'string') return `客户:${value.name}`;
    if (typeof value.customerClass === 'string') return `类别:${value.customerClass}`;
    if (typeof value.region === 'string') return `片区:${value.region}`;
    return JSON.stringify(value);
  }
  return String(value);
}

/** The sections of a difference, in the order the view lists them. */
export type DiffSection = 'products' | 'discountCaps' | 'rules' | 'rebateTiers' | 'creditLimits';

/** `指导价 18600 → 18000` */
export function changeText(locale: Locale, change: FieldChange): string {
  const label = FIELD_LABELS[change.field]?.[locale] ?? change.field;
  return `${label} ${changeValue(locale, change.field, change.from)} → ${changeValue(locale, change.field, change.to)}`;
}

/** True when the difference has anything in a section. */
export function sectionCount(diff: PolicyDiff, section: DiffSection): number {
  const s = diff[section];
  return s ? s.added.length + s.changed.length + s.removed.length : 0;
}

/** The sheet cell of a model or rule in the draft (for added and changed items), e.g. `A12`. */
export function draftCell(
  layout: PolicySheetLayout,
  policy: PricePolicy,
  section: DiffSection,
  key: string,
): string | null {
  let row: number | undefined;
  let column: { col: number } | undefined;
  if (section === 'products') {
    const k = matchKey(key);
    const index = policy.products.findIndex((p) => matchKey(p.model) === k);
    row = index >= 0 ? layout.products.rows[index] : undefined;
    column = layout.products.columns.model;
  } else if (section === 'rules') {
    const index = policy.rules.findIndex((r) => r.id.trim() === key);
    row = index >= 0 ? layout.rules.rows[index] : undefined;
    column = layout.rules.columns.id;
  } else if (section === 'rebateTiers') {
    const index = (policy.rebateTiers ?? []).findIndex((t) => rebateTierKey(t) === key);
    row = index >= 0 ? layout.rebateTiers.rows[index] : undefined;
    column = layout.rebateTiers.columns.threshold;
  } else if (section === 'creditLimits') {
    const index = (policy.credit?.limits ?? []).findIndex(
      (l) => `${l.customer.trim()}|${l.currency.trim().toUpperCase()}` === key,
    );
    row = index >= 0 ? layout.creditLimits.rows[index] : undefined;
    column = layout.creditLimits.columns.customer;
  } else {
    row = layout.discountCaps.rows[key];
    column = layout.discountCaps.columns.customerClass;
  }
  if (row === undefined || !column) return null;
  return `${columnLetter(column.col)}${row}`;
}

/** `2026-03-05T02:20:00Z` → `2026-03-05 10:20` (China time, UTC+8). */
export function chinaTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
