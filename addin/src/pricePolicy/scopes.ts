// The 产品范围 / 客户范围 cells of a price rule: `全部`, `型号:QJ200-50`, `类别:潜水泵`;
// `全部`, `客户:某某公司`, `类别:经销商`, `片区:华东`. A colon may be full- or half-width.
import type { CustomerScope, ProductScope } from '../../../functions/src/contract/pricing';
import { customerClassOf } from '../../../functions/src/domain/pricing/keys';
import { toHalfWidth } from '../sheets';
import type { Bilingual } from '../i18n/locale';

export type ScopeRead<T> = { ok: true; scope: T } | { ok: false; expected: Bilingual };

const ALL_WORDS = new Set(['全部', '所有', '全部产品', '全部客户', '所有产品', '所有客户', 'all', '*']);
const PREFIXED_RE = /^([^:]{1,12}):\s*(.*)$/;

/** `型号：QJ` → ['型号', 'QJ']; null when there is no prefix. */
function splitPrefix(text: string): { prefix: string; rest: string } | null {
  const m = PREFIXED_RE.exec(toHalfWidth(text).trim());
  if (!m) return null;
  return { prefix: (m[1] ?? '').replace(/\s+/g, '').toLowerCase(), rest: (m[2] ?? '').trim() };
}

function isAll(text: string): boolean {
  return ALL_WORDS.has(toHalfWidth(text).replace(/\s+/g, '').toLowerCase());
}

const PRODUCT_MODEL = new Set(['型号', '产品型号', '规格型号', 'model']);
const PRODUCT_TYPE = new Set(['类别', '产品类别', '类型', '产品类型', 'type', 'producttype', 'category']);

export const PRODUCT_SCOPE_EXPECTED: Bilingual = {
  'zh-CN': '“全部”、“型号:产品型号” 或 “类别:产品类别”，如 型号:QJ200-50',
  'en-US': '"全部" (all), "型号:<model>" or "类别:<product type>", e.g. 型号:QJ200-50',
};

export function readProductScope(text: string): ScopeRead<ProductScope> {
  if (isAll(text)) return { ok: true, scope: 'all' };
  const p = splitPrefix(text);
  if (p && p.rest !== '') {
    if (PRODUCT_MODEL.has(p.prefix)) return { ok: true, scope: { model: p.rest } };
    if (PRODUCT_TYPE.has(p.prefix)) return { ok: true, scope: { productType: p.rest } };
  }
  return { ok: false, expected: PRODUCT_SCOPE_EXPECTED };
}

const CUSTOMER_NAME = new Set(['客户', '客户名称', '单位名称', 'customer', 'name']);
const CUSTOMER_CLASS = new Set(['类别', '客户类别', '客户类型', 'class', 'customerclass']);
const CUSTOMER_REGION = new Set(['片区', '区域', '销售区域', 'region']);

export const CUSTOMER_SCOPE_EXPECTED: Bilingual = {
  'zh-CN': '“全部”、“客户:客户名称”、“类别:客户类别” 或 “片区:片区名”，如 类别:经销商',
  'en-US': '"全部" (all), "客户:<customer>", "类别:<customer class>" or "片区:<region>", e.g. 类别:经销商',
};

/**
 * A class given by its code or English label is written the canonical way (`Distributor` → 经销商);
 * an unknown class is kept as written so the policy check names it.
 */
export function readCustomerScope(text: string): ScopeRead<CustomerScope> {
  if (isAll(text)) return { ok: true, scope: 'all' };
  const p = splitPrefix(text);
  if (p && p.rest !== '') {
    if (CUSTOMER_NAME.has(p.prefix)) return { ok: true, scope: { name: p.rest } };
    if (CUSTOMER_CLASS.has(p.prefix))
      return { ok: true, scope: { customerClass: customerClassOf(p.rest) ?? p.rest } };
    if (CUSTOMER_REGION.has(p.prefix)) return { ok: true, scope: { region: p.rest } };
  }
  return { ok: false, expected: CUSTOMER_SCOPE_EXPECTED };
}
