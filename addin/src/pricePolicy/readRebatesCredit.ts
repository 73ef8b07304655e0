// 【返点政策】 and 【信用额度】 on the 价格政策 sheet (formats.md) → the policy's rebateTiers and
// credit.limits. Both blocks are optional: absent → the field is absent. A bad cell is reported at its
// row and column and its row left out; the other rows are still read. Values the policy check judges
// (a negative threshold, a rate of 100 % or more, a repeated tier or customer, an unknown currency)
// are passed on as written so checkPolicy names them at the same cell.
import type { PolicyCreditLimit, PolicyRebateTier } from '../../../functions/src/contract/pricing';
import { customerClassOf } from '../../../functions/src/domain/pricing/keys';
import type { SheetGrid } from '../sheets';
import { columnsOf, CREDIT_LIMIT_COLUMNS, readBlock, REBATE_TIER_COLUMNS } from './blocks';
import { bi, cellOf, foundExpected, type Problems } from './problems';
import type { PolicySheetLayout } from './types';

/** Integer fen → decimal yuan text (`-500` → `-5.00`), without floating point. */
export function fenToText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Basis points → the rate as a decimal fraction: 200 → `0.02`, 250 → `0.025`, 10000 → `1`. */
export function bpToRate(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const digits = String(Math.abs(bp)).padStart(5, '0');
  const whole = String(Number(digits.slice(0, -4)));
  const fraction = digits.slice(-4).replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

const ALL_RE = /^(全部|所有|不限|all|any)$/i;
const NEW_RE = /^(新|新客户|新客|new|new customers?)$/i;
const OLD_RE = /^(老|老客户|老客|旧客户|old|existing|old customers?|existing customers?)$/i;

/** 新老客户: 新客户 → true, 老客户 → false, blank / 全部 → null; undefined when it is none of these. */
export function readNewOld(text: string | null): boolean | null | undefined {
  const t = (text ?? '').trim();
  if (t === '' || ALL_RE.test(t)) return null;
  if (NEW_RE.test(t)) return true;
  if (OLD_RE.test(t)) return false;
  return undefined;
}

export function readRebateTiers(
  grid: SheetGrid,
  layout: PolicySheetLayout,
  problems: Problems,
): PolicyRebateTier[] | undefined {
  const got = readBlock(grid, 'rebateTiers', problems);
  if (!got) return undefined;
  layout.markers.rebateTiers = got.block.markerCell;
  const columns = columnsOf(got.mapping, REBATE_TIER_COLUMNS);
  layout.rebateTiers.columns = columns;
  for (const p of got.read.problems) problems.unreadable(p);
  const tiers: PolicyRebateTier[] = [];
  for (const row of got.read.rows) {
    const v = row.values;
    let ok = row.invalid.length === 0 && v.threshold !== null && v.rate !== null;
    const newCustomer = readNewOld(v.newOld);
    if (newCustomer === undefined) {
      ok = false;
      const c = columns.newCustomer;
      problems.atCell(
        'bad_new_old',
        c ? cellOf(grid.name, row.sheetRow, c.col) : null,
        c?.header ?? '新老客户',
        foundExpected(
          v.newOld,
          bi('新客户、老客户或全部（空白即全部）', '新客户, 老客户 or 全部 (blank means all)'),
        ),
      );
    }
    if (!ok || v.threshold === null || v.rate === null || newCustomer === undefined) continue;
    const written = v.customerClass?.trim() ?? '';
    // `Distributor` means 经销商; an unknown class stays as written for the policy check to name.
    const customerClass =
      written === '' || ALL_RE.test(written) ? null : (customerClassOf(written) ?? written);
    // 全部 is written by leaving the field out (formats.md: customerClass?, newCustomer?).
    tiers.push({
      ...(customerClass !== null ? { customerClass } : {}),
      ...(newCustomer !== null ? { newCustomer } : {}),
      threshold: fenToText(v.threshold),
      rate: bpToRate(v.rate),
    });
    layout.rebateTiers.rows.push(row.sheetRow);
  }
  return tiers;
}

export function readCreditLimits(
  grid: SheetGrid,
  layout: PolicySheetLayout,
  problems: Problems,
): PolicyCreditLimit[] | undefined {
  const got = readBlock(grid, 'creditLimits', problems);
  if (!got) return undefined;
  layout.markers.creditLimits = got.block.markerCell;
  layout.creditLimits.columns = columnsOf(got.mapping, CREDIT_LIMIT_COLUMNS);
  for (const p of got.read.problems) problems.unreadable(p);
  const limits: PolicyCreditLimit[] = [];
  for (const row of got.read.rows) {
    const v = row.values;
    if (row.invalid.length > 0 || v.customer === null || v.limit === null) continue;
    limits.push({ customer: v.customer.trim(), currency: v.currency ?? 'CNY', limit: fenToText(v.limit) });
    layout.creditLimits.rows.push(row.sheetRow);
  }
  return limits;
}
