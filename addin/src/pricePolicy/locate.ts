// From the policy check's locators (section / index / field) back to the sheet's cells, so a
// problem found in the policy document is shown at the row and column the head typed it in.
import type { PolicyLocation } from '../../../functions/src/contract/pricing';
import { cellAddress, columnIndex, columnLetter } from '../sheets';
import type { PolicyCell, PolicySheetLayout } from './types';

/** The column a location's field sits in, and the column used when the field has none (the key). */
const KEY_COLUMN = { products: 'model', discountCaps: 'customerClass', rules: 'id' } as const;

function cellAt(
  sheet: string,
  row: number,
  columns: PolicySheetLayout['products']['columns'],
  field: string | undefined,
  keyField: string,
): PolicyCell | null {
  const column = (field !== undefined ? columns[field] : undefined) ?? columns[keyField];
  if (!column) return null;
  return {
    sheet,
    row,
    column: columnLetter(column.col),
    cell: cellAddress(row - 1, column.col),
  };
}

/** `B2` → the cell; null for anything else. */
export function cellFromAddress(sheet: string, address: string | undefined): PolicyCell | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(address ?? '');
  if (!m) return null;
  const col = columnIndex(m[1] ?? '');
  const row = Number(m[2]);
  if (col === null || !Number.isSafeInteger(row) || row < 1) return null;
  return { sheet, row, column: columnLetter(col), cell: `${m[1]}${row}` };
}

/** The cell a policy-check location points at; null when the sheet has no such place. */
export function locate(layout: PolicySheetLayout, where: PolicyLocation): PolicyCell | null {
  const sheet = layout.sheet;
  switch (where.section) {
    case 'policy':
      return cellFromAddress(
        sheet,
        where.field === 'vatRate' ? layout.settings.vatRate : layout.settings.effectiveDate,
      );
    case 'products': {
      const row = layout.products.rows[where.index];
      return row === undefined
        ? null
        : cellAt(sheet, row, layout.products.columns, where.field, KEY_COLUMN.products);
    }
    case 'discountCaps': {
      const row = layout.discountCaps.rows[where.customerClass];
      return row === undefined
        ? null
        : cellAt(sheet, row, layout.discountCaps.columns, where.field, KEY_COLUMN.discountCaps);
    }
    case 'rules': {
      const row = layout.rules.rows[where.index];
      return row === undefined
        ? null
        : cellAt(sheet, row, layout.rules.columns, where.field, KEY_COLUMN.rules);
    }
  }
}

/** The header text above a location's cell (for messages), or the settings label. */
export function headerAt(layout: PolicySheetLayout, where: PolicyLocation): string {
  switch (where.section) {
    case 'policy':
      return where.field === 'vatRate' ? '增值税率' : '生效日期';
    case 'products':
      return (layout.products.columns[where.field ?? ''] ?? layout.products.columns.model)?.header ?? '';
    case 'discountCaps':
      return (
        (layout.discountCaps.columns[where.field ?? ''] ?? layout.discountCaps.columns.customerClass)
          ?.header ?? ''
      );
    case 'rules':
      return (layout.rules.columns[where.field ?? ''] ?? layout.rules.columns.id)?.header ?? '';
  }
}
