// The 价格政策 sheet → the price policy the API takes, with every problem at its cell.
//
// One sheet, three blocks under marker cells (【产品价格】, 【折扣上限】, 【价格规则】), two optional ones
// (【返点政策】, 【信用额度】: readRebatesCredit.ts) and a settings row above them
// (增值税率 | 13% | 生效日期 | 2026-01-01 | 超期预警天数 | 90). Each block is read with the same header
// detection as the ledgers. Then the engine's own checkPolicy runs on the result (the same check
// the API runs before it publishes), and each of its problems is mapped back to the sheet's cell,
// so the head sees everything, row by row, before pressing Publish.
import {
  DEFAULT_POLICY_CREDIT_MAX_DAYS,
  DEFAULT_VAT_RATE,
  type DiscountCap,
  type PolicyProduct,
  type PolicyRule,
  type PricePolicy,
} from '../../../functions/src/contract/pricing';
import { checkPolicy } from '../../../functions/src/domain/pricing/checkPolicy';
import { customerClassOf } from '../../../functions/src/domain/pricing/keys';
import { findBlock, readKeyValues, type SheetGrid } from '../sheets';
import { CAP_COLUMNS, columnsOf, PRODUCT_COLUMNS, readBlock, RULE_COLUMNS, yuan } from './blocks';
import { addCheckProblems } from './checkOnSheet';
import { at, bi, cellOf, foundExpected, Problems } from './problems';
import { readCreditLimits, readRebateTiers } from './readRebatesCredit';
import { readRuleEffect, readRuleType, RULE_TYPE_EXPECTED } from './ruleTypes';
import { readCustomerScope, readProductScope } from './scopes';
import type { PolicyCell, PolicySheetLayout, PolicySheetRead } from './types';

// ── Sections ────────────────────────────────────────────────────────────────────────────────────

function readSettings(
  grid: SheetGrid,
  layout: PolicySheetLayout,
  problems: Problems,
): {
  vatRate: number;
  effectiveDate: string;
  effectiveDateMissing: boolean;
  creditMaxDays: number | null;
} {
  const kv = readKeyValues(grid);
  if (kv.cells.vatRate) layout.settings.vatRate = kv.cells.vatRate;
  if (kv.cells.creditMaxDays) layout.settings.creditMaxDays = kv.cells.creditMaxDays;
  if (kv.cells.effectiveFrom) layout.settings.effectiveDate = kv.cells.effectiveFrom;
  for (const p of kv.problems) problems.unreadable(p);

  let vatRate = DEFAULT_VAT_RATE;
  if (kv.values.vatRate !== null) vatRate = kv.values.vatRate / 100;
  else if (!kv.cells.vatRate) {
    problems.atCell(
      'vat_rate_assumed',
      null,
      '',
      bi(
        `区块上方没有找到“增值税率”，按 ${DEFAULT_VAT_RATE}% 计。应在第 2 行写：增值税率 | 13%`,
        `no 增值税率 (VAT rate) found above the blocks, so ${DEFAULT_VAT_RATE}% is assumed; row 2 should read 增值税率 | 13%`,
      ),
      'warning',
    );
  }
  const effectiveDateMissing = !kv.cells.effectiveFrom;
  if (effectiveDateMissing) {
    problems.atCell(
      'missing_effective_date',
      null,
      '',
      bi(
        '区块上方没有找到“生效日期”（或其后的单元格为空）。应在第 2 行写：生效日期 | 2026-01-01',
        'no 生效日期 (effective date) found above the blocks, or the cell after it is empty; row 2 should read 生效日期 | 2026-01-01',
      ),
    );
  }
  return {
    vatRate,
    effectiveDate: kv.values.effectiveFrom ?? '',
    effectiveDateMissing,
    creditMaxDays: kv.values.creditMaxDays,
  };
}

/** Empty price cells are the policy check's to judge (missing list price; the floor is optional). */
const CHECKED_WHEN_EMPTY = {
  pricePolicyProducts: new Set(['listPrice', 'floorPrice']),
  discountCaps: new Set(['oldCustomerCap', 'newCustomerCap']),
};

function readProducts(grid: SheetGrid, layout: PolicySheetLayout, problems: Problems): PolicyProduct[] {
  const got = readBlock(grid, 'pricePolicyProducts', problems);
  if (!got) {
    if (!findBlock(grid, 'pricePolicyProducts')) {
      problems.atCell(
        'no_products_block',
        null,
        '',
        bi(
          '找不到【产品价格】区块。请在产品表上方的单元格写“【产品价格】”，下一行为表头',
          'no 【产品价格】 (product prices) block; put the marker 【产品价格】 in the cell above the product table, with the header on the next row',
        ),
      );
    }
    return [];
  }
  layout.markers.products = got.block.markerCell;
  layout.products.columns = columnsOf(got.mapping, PRODUCT_COLUMNS);
  for (const p of got.read.problems) {
    if (p.reason === 'missing' && CHECKED_WHEN_EMPTY.pricePolicyProducts.has(p.field)) continue;
    problems.unreadable(p);
  }
  const products: PolicyProduct[] = [];
  for (const row of got.read.rows) {
    const v = row.values;
    if (v.model === null) continue; // reported as a missing cell
    products.push({
      model: v.model,
      name: v.productName ?? '',
      productType: v.productType ?? '',
      unit: v.unit ?? '',
      listPrice: yuan(v.listPrice),
      floorPrice: yuan(v.floorPrice),
      listPriceUsd: yuan(v.usdListPrice),
    });
    layout.products.rows.push(row.sheetRow);
  }
  return products;
}

function readCaps(
  grid: SheetGrid,
  layout: PolicySheetLayout,
  problems: Problems,
): Record<string, DiscountCap> {
  const got = readBlock(grid, 'discountCaps', problems);
  if (!got) {
    if (!findBlock(grid, 'discountCaps')) {
      problems.atCell(
        'no_caps_block',
        null,
        '',
        bi(
          '找不到【折扣上限】区块：没有客户类别折扣上限，所有客户都不能打折（除非价格规则另有规定）',
          'no 【折扣上限】 (discount caps) block: without caps no customer may get a discount unless a price rule says so',
        ),
        'warning',
      );
    }
    return {};
  }
  layout.markers.discountCaps = got.block.markerCell;
  layout.discountCaps.columns = columnsOf(got.mapping, CAP_COLUMNS);
  for (const p of got.read.problems) {
    if (p.reason === 'missing' && CHECKED_WHEN_EMPTY.discountCaps.has(p.field)) continue;
    problems.unreadable(p);
  }
  const caps: Record<string, DiscountCap> = {};
  const classCol = got.mapping.columns.customerClass?.col ?? 0;
  const header = got.mapping.columns.customerClass?.header ?? '客户类别';
  for (const row of got.read.rows) {
    const written = row.values.customerClass;
    if (written === null) continue;
    // `Distributor` or `distributor` means 经销商; an unknown class stays as written for the check to name.
    const name = customerClassOf(written) ?? written.trim();
    const first = layout.discountCaps.rows[name];
    if (first !== undefined) {
      const cell = cellOf(grid.name, row.sheetRow, classCol);
      problems.add(
        'duplicate_customer_class',
        'error',
        cell,
        at(
          grid.name,
          cell,
          header,
          bi(
            `客户类别 ${name} 重复：第 ${first} 行已有它的折扣上限，此行不计`,
            `customer class ${name} is listed twice: row ${first} already has its caps, so this row is ignored`,
          ),
        ),
        'sheet',
        [cellOf(grid.name, first, classCol)],
      );
      continue;
    }
    caps[name] = { old: percentOf(row.values.oldCustomerCap), new: percentOf(row.values.newCustomerCap) };
    layout.discountCaps.rows[name] = row.sheetRow;
  }
  return caps;
}

/** Basis points → percent number (1250 → 12.5). */
const percentOf = (bp: number | null): number | null => (bp === null ? null : bp / 100);

function readRules(grid: SheetGrid, layout: PolicySheetLayout, problems: Problems): PolicyRule[] {
  const got = readBlock(grid, 'priceRules', problems);
  if (!got) return []; // rules are optional: a policy may have none
  layout.markers.rules = got.block.markerCell;
  const columns = columnsOf(got.mapping, RULE_COLUMNS);
  layout.rules.columns = columns;
  for (const p of got.read.problems) problems.unreadable(p);
  const sub = got.block.grid;
  const rules: PolicyRule[] = [];
  for (const row of got.read.rows) {
    const v = row.values;
    const cell = (field: keyof typeof RULE_COLUMNS): PolicyCell | null => {
      const c = columns[field];
      return c ? cellOf(grid.name, row.sheetRow, c.col) : null;
    };
    const header = (field: keyof typeof RULE_COLUMNS): string => columns[field]?.header ?? '';
    // Unreadable cells are reported already; the rest of the row is still checked, then left out.
    let ok = row.invalid.length === 0 && v.ruleId !== null;

    const product = v.productScope === null ? null : readProductScope(v.productScope);
    if (product && !product.ok) {
      ok = false;
      problems.atCell(
        'bad_scope',
        cell('product'),
        header('product'),
        foundExpected(v.productScope, product.expected),
      );
    }
    const customer = v.customerScope === null ? null : readCustomerScope(v.customerScope);
    if (customer && !customer.ok) {
      ok = false;
      problems.atCell(
        'bad_scope',
        cell('customer'),
        header('customer'),
        foundExpected(v.customerScope, customer.expected),
      );
    }
    const kind = v.ruleType === null ? null : readRuleType(v.ruleType);
    if (v.ruleType !== null && kind === null) {
      ok = false;
      problems.atCell(
        'unknown_rule_type',
        cell('kind'),
        header('kind'),
        foundExpected(v.ruleType, RULE_TYPE_EXPECTED),
      );
    }
    let effect: PolicyRule['effect'] | null = null;
    if (kind !== null && v.value !== null) {
      const valueCol = columns.effect?.col ?? 0;
      const format =
        sub.numberFormats?.[row.sheetRow - 1 - (sub.startRow ?? 0)]?.[valueCol - (sub.startCol ?? 0)] ?? '';
      const read = readRuleEffect(kind, v.value, format);
      if (read.ok) effect = read.effect;
      else {
        ok = false;
        const fe = foundExpected(v.value, read.expected);
        problems.atCell(
          read.code,
          cell('effect'),
          header('effect'),
          bi(`${read.detail['zh-CN']}：${fe['zh-CN']}`, `${read.detail['en-US']}: ${fe['en-US']}`),
        );
      }
    }
    if (!ok || !product?.ok || !customer?.ok || effect === null || v.ruleId === null) continue;
    rules.push({
      id: v.ruleId,
      priority: v.priority,
      product: product.scope,
      customer: customer.scope,
      minQty: v.minQty,
      maxQty: v.maxQty,
      validFrom: v.validFrom,
      validTo: v.validTo,
      effect,
      note: v.description,
    });
    layout.rules.rows.push(row.sheetRow);
  }
  return rules;
}

function columnNumber(letter: string | null): number {
  if (letter === null) return -1;
  let n = 0;
  for (const ch of letter) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Reads the price-policy sheet: the settings row, the three blocks, then the engine's checkPolicy.
 * Never throws on content; rows that cannot be read are left out of the policy and reported.
 */
export function readPolicySheet(grid: SheetGrid): PolicySheetRead {
  const problems = new Problems(grid.name);
  const layout: PolicySheetLayout = {
    sheet: grid.name,
    settings: {},
    markers: {},
    products: { rows: [], columns: {} },
    discountCaps: { rows: {}, columns: {} },
    rules: { rows: [], columns: {} },
    rebateTiers: { rows: [], columns: {} },
    creditLimits: { rows: [], columns: {} },
  };
  const settings = readSettings(grid, layout, problems);
  const products = readProducts(grid, layout, problems);
  const discountCaps = readCaps(grid, layout, problems);
  const rules = readRules(grid, layout, problems);
  const rebateTiers = readRebateTiers(grid, layout, problems);
  const limits = readCreditLimits(grid, layout, problems);
  // 超期预警天数 alone, or the 【信用额度】 block alone, is enough for the policy to carry credit settings.
  const credit =
    settings.creditMaxDays !== null || limits !== undefined
      ? { maxDays: settings.creditMaxDays ?? DEFAULT_POLICY_CREDIT_MAX_DAYS, limits: limits ?? [] }
      : undefined;
  const policy: PricePolicy = {
    vatRate: settings.vatRate,
    effectiveDate: settings.effectiveDate,
    products,
    discountCaps,
    rules,
    ...(rebateTiers ? { rebateTiers } : {}),
    ...(credit ? { credit } : {}),
  };
  addCheckProblems(checkPolicy(policy), layout, problems, settings.effectiveDateMissing);

  const order = problems.list.map((p, i) => ({ p, i }));
  order.sort(
    (a, b) =>
      (a.p.row ?? 0) - (b.p.row ?? 0) || columnNumber(a.p.column) - columnNumber(b.p.column) || a.i - b.i,
  );
  const list = order.map((x) => x.p);
  return { policy, problems: list, layout, canPublish: list.every((p) => p.severity !== 'error') };
}
