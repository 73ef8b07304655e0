// From the policy check's locators (section / index / field) back to the sheet's cells, so a
// problem found in the policy document is shown at the row and column the head typed it in.
import type { PolicyLocation } from '../../../functions/src/contract/pricing';
import { cellAddress, columnIndex, columnLetter } from '../sheets';
import type { PolicyCell, PolicySheetLayout } from './types';

/** The column a location's field sits in, and the column used when the field has none (the key). */
const KEY_COLUMN = {
  products: 'model',
  discountCaps: 'customerClass',
  rules: 'id',
  rebateTiers: 'threshold',
  creditLimits: 'customer',
} as const;

const SETTING_CELL = {
  vatRate: 'vatRate',
  effectiveDate: 'effectiveDate',
  creditMaxDays: 'creditMaxDays',
} as const;
const SETTING_LABEL = {
  vatRate: '增值税率',
  effectiveDate: '生效日期',
  creditMaxDays: '超期预警天数',
} as const;

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
      return cellFromAddress(sheet, layout.settings[SETTING_CELL[where.field]]);
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
    case 'rebateTiers':
    case 'creditLimits': {
      const block = layout[where.section];
      const row = block.rows[where.index];
      return row === undefined
        ? null
        : cellAt(sheet, row, block.columns, where.field, KEY_COLUMN[where.section]);
    }
  }
}

/** The header text above a location's cell (for messages), or the settings label. */
export function headerAt(layout: PolicySheetLayout, where: PolicyLocation): string {
  switch (where.section) {
    case 'policy':
      return SETTING_LABEL[where.field];
    case 'products':
      return (layout.products.columns[where.field ?? ''] ?? layout.products.columns.model)?.header ?? '';
    case 'discountCaps':
      return (
        (layout.discountCaps.columns[where.field ?? ''] ?? layout.discountCaps.columns.customerClass)
          ?.header ?? ''
      );
    case 'rules':
      return (layout.rules.columns[where.field ?? ''] ?? layout.rules.columns.id)?.header ?? '';
    case 'rebateTiers':
    case 'creditLimits': {
      const columns = layout[where.section].columns;
      return (columns[where.field ?? ''] ?? columns[KEY_COLUMN[where.section]])?.header ?? '';
    }
  }
}
