// What reading the 价格政策 sheet gives: the policy in the API's shape, every problem at its cell,
// and where each product, class and rule sits (to point at problems and differences).
import type { PolicyProblemCode, PricePolicy } from '../../../functions/src/contract/pricing';
import type { Bilingual } from '../i18n/locale';

/** Problems found while reading the sheet (the policy check's codes are added to these). */
export type PolicySheetCode =
  | 'no_products_block'
  | 'no_caps_block'
  | 'no_header'
  | 'missing_column'
  | 'missing_effective_date'
  | 'vat_rate_assumed'
  | 'unreadable_cell'
  | 'duplicate_customer_class'
  | 'bad_scope'
  | 'unknown_rule_type'
  | 'value_not_percent'
  | 'value_not_price'
  | 'hidden_rows'
  | 'bad_new_old';

export type PolicySheetProblemCode = PolicySheetCode | PolicyProblemCode;

/** A cell on the policy sheet. */
export interface PolicyCell {
  sheet: string;
  /** Excel row number (1-based). */
  row: number;
  /** Column letter. */
  column: string;
  /** `F12` */
  cell: string;
}

export interface PolicySheetProblem {
  code: PolicySheetProblemCode;
  /** Errors block publishing; warnings are shown but do not. */
  severity: 'error' | 'warning';
  sheet: string;
  /** null when the problem is about the sheet as a whole (a missing block). */
  row: number | null;
  column: string | null;
  cell: string | null;
  /** Other cells the problem involves (the other rule of a tie, the other row of a duplicate). */
  also: PolicyCell[];
  /** Says where, what was found and what was expected. */
  message: Bilingual;
  /** `sheet`: found while reading the cells; `check`: found by the policy check (checkPolicy). */
  origin: 'sheet' | 'check';
}

/** Where each part of the policy sits: rows are Excel rows, columns 0-based sheet columns. */
export interface PolicySheetLayout {
  sheet: string;
  settings: { vatRate?: string; effectiveDate?: string; creditMaxDays?: string };
  /** Marker cells of the blocks found, e.g. `{ products: 'A4' }`. */
  markers: {
    products?: string;
    discountCaps?: string;
    rules?: string;
    rebateTiers?: string;
    creditLimits?: string;
  };
  products: { rows: number[]; columns: Record<string, { col: number; header: string }> };
  /** Keyed by the class as it is in the policy. */
  discountCaps: { rows: Record<string, number>; columns: Record<string, { col: number; header: string }> };
  rules: { rows: number[]; columns: Record<string, { col: number; header: string }> };
  /** 【返点政策】: the Excel row of each tier in the policy's rebateTiers. */
  rebateTiers: { rows: number[]; columns: Record<string, { col: number; header: string }> };
  /** 【信用额度】: the Excel row of each limit in the policy's credit.limits. */
  creditLimits: { rows: number[]; columns: Record<string, { col: number; header: string }> };
}

export interface PolicySheetRead {
  /** The policy as the API takes it (PUT /api/price-policy). Rows that cannot be read are left out. */
  policy: PricePolicy;
  /** Reading problems and the policy check's, sorted by row; each at its cell. */
  problems: PolicySheetProblem[];
  layout: PolicySheetLayout;
  /** No errors. */
  canPublish: boolean;
}
