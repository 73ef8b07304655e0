// Which mapping a sheet is read by, and a problem with a whole value SalesDesk read fine but cannot use (a negative target, a row given
// twice, a sale without a product type), said like a cell problem: sheet, cell, header, found, expected.
import {
  applyMapping,
  cellAddress,
  detectHeader,
  fieldSpec,
  foundText,
  type Bilingual,
  type ColumnMatch,
  type FieldOf,
  type HeaderMapping,
  type LedgerKind,
  type MappingOverrides,
  type ProblemReason,
  type SheetGrid,
  type SheetProblem,
} from '../sheets';

export interface SheetReadOptions<K extends LedgerKind> {
  /** The mapping to read by (the pane's, with the user's corrections); detected when absent. */
  mapping?: HeaderMapping<K>;
  /** Corrections on top of the detected mapping (when no `mapping` is given). */
  overrides?: MappingOverrides<K>;
}

export function mappingFor<K extends LedgerKind>(
  grid: SheetGrid,
  kind: K,
  options?: SheetReadOptions<K>,
): HeaderMapping<K> {
  if (options?.mapping) return options.mapping;
  const detected = detectHeader(grid, kind);
  return options?.overrides ? applyMapping(detected, options.overrides) : detected;
}

export function rowProblem<K extends LedgerKind>(
  sheet: string,
  kind: K,
  field: FieldOf<K>,
  column: ColumnMatch | undefined,
  excelRow: number,
  p: { found: unknown; expected: Bilingual; reason: ProblemReason; detail?: Bilingual },
): SheetProblem {
  const spec = fieldSpec(kind, field);
  const col = column?.col ?? 0;
  const out: SheetProblem = {
    sheet,
    row: excelRow,
    column: column?.letter ?? '',
    cell: column ? cellAddress(excelRow - 1, col) : `${excelRow}`,
    header: column?.header ?? spec.label['zh-CN'],
    field,
    fieldLabel: spec.label,
    found: p.found === null || p.found === undefined ? '' : foundText(p.found),
    expected: p.expected,
    reason: p.reason,
  };
  if (p.detail) out.detail = p.detail;
  return out;
}
