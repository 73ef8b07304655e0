// 年度计划 sheet → the rows of a split request: product type × region × rep with an annual target in
// the sheet's own unit (万元 when the title or header says so). Subtotal and total rows are left out;
// a row that cannot be used is a problem naming its cell, and the other rows still count.
import {
  readLedger,
  yearFromTitle,
  type HeaderMapping,
  type SheetGrid,
  type SheetProblem,
  type SkippedRows,
} from '../sheets';
import { mappingFor, rowProblem, type SheetReadOptions } from './rowProblem';
import { DEFAULT_ROUND_TO, fenToUnit, planUnitOf, type PlanUnit } from './units';

export interface PlanSheetRow {
  productType: string;
  region?: string;
  rep?: string;
  /** The annual target in the sheet's unit (元, 万元 or 台), exact as typed. */
  annual: number;
  /** Excel row number (1-based). */
  sheetRow: number;
}

export interface AnnualPlanRead {
  sheet: string;
  mapping: HeaderMapping<'annualPlan'>;
  rows: PlanSheetRow[];
  problems: SheetProblem[];
  unit: PlanUnit;
  /** The month granularity that fits the unit (1 元, 0.01 万元, 1 台). */
  roundTo: number;
  /** The year in the title (`2026年度销售计划`), null when it says none. */
  year: number | null;
  skipped: { subtotal: SkippedRows; total: SkippedRows; blank: SkippedRows };
  /** Hidden rows that were read all the same: a hidden target is still part of the plan. */
  hiddenRows: number[];
  missingColumns: HeaderMapping<'annualPlan'>['missing'];
}

const KIND = 'annualPlan';
const AT_LEAST_ZERO = { 'zh-CN': '不小于 0 的金额', 'en-US': 'an amount of 0 or more' };
const UNIQUE_ROW = {
  'zh-CN': '产品类别、片区、业务员的组合只出现一次',
  'en-US': 'each product type + region + rep only once',
};

const key = (r: { productType: string; region?: string; rep?: string }) =>
  [r.productType, r.region ?? '', r.rep ?? ''].join('\u0000');

export function readAnnualPlan(grid: SheetGrid, options?: SheetReadOptions<'annualPlan'>): AnnualPlanRead {
  const mapping = mappingFor(grid, KIND, options);
  const read = readLedger(grid, KIND, mapping, { includeHidden: true });
  const target = mapping.columns.annualTarget;
  const unit = planUnitOf({
    header: target?.header,
    headerUnit: mapping.unitHints.fields.annualTarget,
    title: mapping.title,
    titleUnit: mapping.unitHints.title,
  });
  const problems = [...read.problems];
  const rows: PlanSheetRow[] = [];
  const firstRowOf = new Map<string, number>();
  const hidden = grid.hiddenRows;
  const hiddenRows: number[] = [];

  for (const r of read.rows) {
    if (hidden?.has(r.sheetRow - 1)) hiddenRows.push(r.sheetRow);
    const { productType, region, rep, annualTarget } = r.values;
    if (productType === null || annualTarget === null || r.invalid.length > 0) continue;
    if (annualTarget < 0) {
      problems.push(
        rowProblem(grid.name, KIND, 'annualTarget', target, r.sheetRow, {
          found: fenToUnit(annualTarget, unit),
          expected: AT_LEAST_ZERO,
          reason: 'out of range',
        }),
      );
      continue;
    }
    const row: PlanSheetRow = { productType, annual: fenToUnit(annualTarget, unit), sheetRow: r.sheetRow };
    if (region) row.region = region;
    if (rep) row.rep = rep;
    const earlier = firstRowOf.get(key(row));
    if (earlier !== undefined) {
      // Publishing needs one row per combination; the split itself does not mind, so keep it and say so.
      const field = rep ? 'rep' : region ? 'region' : 'productType';
      problems.push(
        rowProblem(grid.name, KIND, field, mapping.columns[field], r.sheetRow, {
          found: rep ?? region ?? productType,
          expected: UNIQUE_ROW,
          reason: 'out of range',
          detail: {
            'zh-CN': `与第${earlier}行重复，发布前请合并`,
            'en-US': `repeats row ${earlier}; merge them before publishing`,
          },
        }),
      );
    } else firstRowOf.set(key(row), r.sheetRow);
    rows.push(row);
  }

  return {
    sheet: grid.name,
    mapping,
    rows,
    problems,
    unit,
    roundTo: DEFAULT_ROUND_TO[unit],
    year: yearFromTitle(grid),
    skipped: { subtotal: read.skipped.subtotal, total: read.skipped.total, blank: read.skipped.blank },
    hiddenRows,
    missingColumns: read.missingColumns,
  };
}
