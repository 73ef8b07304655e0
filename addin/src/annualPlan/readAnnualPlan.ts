// 年度计划 sheet → the rows of a split request: product type × region × rep with an annual target in
// the sheet's own unit (万元 when the title or header says so). Subtotal and total rows are left out;
// a row that cannot be used is a problem naming its cell, and the other rows still count.
// Optional month columns (1月…12月) hold amounts a person fixed by hand: they go to the API as `locked`.
import {
  cellAddress,
  readLedger,
  yearFromTitle,
  type HeaderMapping,
  type SheetGrid,
  type SheetProblem,
  type SkippedRows,
  type FieldOf,
} from '../sheets';
import { mappingFor, rowProblem, type SheetReadOptions } from './rowProblem';
import { DEFAULT_ROUND_TO, fenToUnit, planUnitOf, type PlanUnit } from './units';

export interface PlanSheetRow {
  productType: string;
  region?: string;
  rep?: string;
  /** The annual target in the sheet's unit (元, 万元 or 台), exact as typed. */
  annual: number;
  /** Held months ('1'–'12' → amount in the sheet's unit, exact as typed); absent when none is filled. */
  locked?: Record<string, number>;
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
  /** How many of `rows` hold at least one month. */
  lockedRows: number;
  missingColumns: HeaderMapping<'annualPlan'>['missing'];
}

const KIND = 'annualPlan';
const AT_LEAST_ZERO = { 'zh-CN': '不小于 0 的金额', 'en-US': 'an amount of 0 or more' };
const UNIQUE_ROW = {
  'zh-CN': '产品类别、片区、业务员的组合只出现一次',
  'en-US': 'each product type + region + rep only once',
};

/** The optional month columns, January first: `m1` is the `locked` key '1'. */
export const LOCKED_MONTH_FIELDS = [
  'm1',
  'm2',
  'm3',
  'm4',
  'm5',
  'm6',
  'm7',
  'm8',
  'm9',
  'm10',
  'm11',
  'm12',
] as const satisfies readonly FieldOf<'annualPlan'>[];
type MonthField = (typeof LOCKED_MONTH_FIELDS)[number];

const LEFT_OUT = {
  'zh-CN': '此行暂不分解，改正后重新预览',
  'en-US': 'the row is left out of the split until this is fixed',
};

const key = (r: { productType: string; region?: string; rep?: string }) =>
  [r.productType, r.region ?? '', r.rep ?? ''].join('\u0000');

export function readAnnualPlan(grid: SheetGrid, options?: SheetReadOptions<'annualPlan'>): AnnualPlanRead {
  const mapping = mappingFor(grid, KIND, options);
  const read = readLedger(grid, KIND, withMonthUnits(mapping), { includeHidden: true });
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
  let lockedRows = 0;

  /**
   * A row's filled month cells as `locked` (exact, in the plan's unit), or why they cannot be held:
   * a negative amount, more than the annual in all, or all 12 held without adding up to it.
   */
  function heldMonths(
    values: Record<MonthField, number | null>,
    sheetRow: number,
    annualFen: number,
  ): { locked?: Record<string, number>; problems: SheetProblem[] } {
    const out: SheetProblem[] = [];
    const locked: Record<string, number> = {};
    const cells: string[] = [];
    let sum = 0n;
    LOCKED_MONTH_FIELDS.forEach((field, i) => {
      const fen = values[field];
      if (fen === null) return;
      const column = mapping.columns[field];
      if (fen < 0) {
        out.push(
          rowProblem(grid.name, KIND, field, column, sheetRow, {
            found: fenToUnit(fen, unit),
            expected: AT_LEAST_ZERO,
            reason: 'out of range',
            detail: LEFT_OUT,
          }),
        );
        return;
      }
      locked[String(i + 1)] = fenToUnit(fen, unit);
      sum += BigInt(fen);
      if (column) cells.push(cellAddress(sheetRow - 1, column.col));
    });
    if (out.length > 0) return { problems: out };
    const count = Object.keys(locked).length;
    if (count === 0) return { problems: out };
    const annual = BigInt(annualFen);
    const allHeld = count === 12 && sum !== annual;
    if (sum > annual || allHeld) {
      const shown = fenToUnit(Number(sum), unit);
      out.push(
        rowProblem(grid.name, KIND, 'annualTarget', target, sheetRow, {
          found: fenToUnit(annualFen, unit),
          expected:
            sum > annual
              ? {
                  'zh-CN': `不小于锁定月份之和 ${shown}`,
                  'en-US': `at least the held months' sum ${shown}`,
                }
              : {
                  'zh-CN': `等于 12 个锁定月份之和 ${shown}`,
                  'en-US': `the sum of the 12 held months, ${shown}`,
                },
          reason: 'out of range',
          detail: {
            'zh-CN': `锁定月份 ${cells.join('、')} 合计 ${shown}；${LEFT_OUT['zh-CN']}`,
            'en-US': `held months ${cells.join(', ')} add up to ${shown}; ${LEFT_OUT['en-US']}`,
          },
        }),
      );
      return { problems: out };
    }
    return { locked, problems: out };
  }

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
    const held = heldMonths(r.values, r.sheetRow, annualTarget);
    if (held.problems.length > 0) {
      problems.push(...held.problems);
      continue;
    }
    const row: PlanSheetRow = { productType, annual: fenToUnit(annualTarget, unit), sheetRow: r.sheetRow };
    if (region) row.region = region;
    if (rep) row.rep = rep;
    if (held.locked) {
      row.locked = held.locked;
      lockedRows++;
    }
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
    lockedRows,
    missingColumns: read.missingColumns,
  };
}

/**
 * The mapping the cells are read by: a month column that says no unit of its own is in the annual
 * target's unit (`年度计划（万元）` makes `3月` 万元 too), so a held month and the annual always agree.
 */
function withMonthUnits(mapping: HeaderMapping<'annualPlan'>): HeaderMapping<'annualPlan'> {
  const annualUnit = mapping.unitHints.fields.annualTarget;
  if (!annualUnit) return mapping;
  const fields = { ...mapping.unitHints.fields };
  for (const f of LOCKED_MONTH_FIELDS) fields[f] ??= annualUnit;
  return { ...mapping, unitHints: { ...mapping.unitHints, fields } };
}
