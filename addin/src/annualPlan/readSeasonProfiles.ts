// 季节系数 sheet → season profiles: product type → 12 non-negative weights (percentages or any
// numbers; only their ratios count). A row with an unreadable or negative weight is left out and named.
import { readLedger, type HeaderMapping, type SheetGrid, type SheetProblem } from '../sheets';
import { mappingFor, rowProblem, type SheetReadOptions } from './rowProblem';

export interface SeasonProfilesRead {
  sheet: string;
  mapping: HeaderMapping<'seasonProfile'>;
  /** Product type → 12 weights (January first). */
  profiles: Record<string, number[]>;
  /** Excel row of each profile, for messages. */
  rowOf: Record<string, number>;
  problems: SheetProblem[];
  missingColumns: HeaderMapping<'seasonProfile'>['missing'];
}

const KIND = 'seasonProfile';
const MONTH_FIELDS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12'] as const;
const AT_LEAST_ZERO = { 'zh-CN': '不小于 0 的权重', 'en-US': 'a weight of 0 or more' };
const UNIQUE_TYPE = { 'zh-CN': '每个产品类别只有一行', 'en-US': 'one row per product type' };

export function readSeasonProfiles(
  grid: SheetGrid,
  options?: SheetReadOptions<'seasonProfile'>,
): SeasonProfilesRead {
  const mapping = mappingFor(grid, KIND, options);
  const read = readLedger(grid, KIND, mapping, { includeHidden: true });
  const problems = [...read.problems];
  const profiles: Record<string, number[]> = {};
  const rowOf: Record<string, number> = {};

  for (const r of read.rows) {
    const productType = r.values.productType;
    if (productType === null || r.invalid.length > 0) continue;
    const weights = MONTH_FIELDS.map((f) => r.values[f]);
    let usable = true;
    weights.forEach((w, i) => {
      if (w !== null && w < 0) {
        const field = MONTH_FIELDS[i] ?? 'm1';
        problems.push(
          rowProblem(grid.name, KIND, field, mapping.columns[field], r.sheetRow, {
            found: w,
            expected: AT_LEAST_ZERO,
            reason: 'out of range',
          }),
        );
        usable = false;
      }
    });
    if (!usable) continue;
    if (productType in rowOf) {
      problems.push(
        rowProblem(grid.name, KIND, 'productType', mapping.columns.productType, r.sheetRow, {
          found: productType,
          expected: UNIQUE_TYPE,
          reason: 'out of range',
          detail: {
            'zh-CN': `与第${rowOf[productType]}行重复，按第${rowOf[productType]}行`,
            'en-US': `repeats row ${rowOf[productType]}; row ${rowOf[productType]} is used`,
          },
        }),
      );
      continue;
    }
    profiles[productType] = weights.map((w) => w ?? 0);
    rowOf[productType] = r.sheetRow;
  }
  return { sheet: grid.name, mapping, profiles, rowOf, problems, missingColumns: read.missingColumns };
}
