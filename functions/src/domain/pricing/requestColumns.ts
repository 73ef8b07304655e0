/**
 * The columnar form of a validate request (contract/pricing ColumnarValidateRequest), both ways: the
 * add-in encodes its lines with encodeColumns, the handler rebuilds them with decodeColumns and judges
 * them as if they had come one object per line. Pure and shared, so both ends agree on the form.
 */
import {
  TEXT_COLUMNS,
  VALUE_COLUMNS,
  type ColumnarValidateRequest,
  type PriceLine,
} from '../../contract/pricing';

type Columns = ColumnarValidateRequest['columns'];
const FIELDS: readonly (keyof Columns)[] = [...VALUE_COLUMNS, ...TEXT_COLUMNS];
const TEXT: ReadonlySet<string> = new Set(TEXT_COLUMNS);

/**
 * `lines` in columns. A field no line has is left out; a line without it gets null. Text fields are
 * indexes into one `strings` table (a ledger repeats a few hundred customers and models).
 */
export function encodeColumns(lines: readonly PriceLine[]): ColumnarValidateRequest {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const columns: Record<string, unknown[]> = {};
  for (const field of FIELDS) {
    const isText = TEXT.has(field);
    const column = new Array<unknown>(lines.length);
    let any = false;
    for (let i = 0; i < lines.length; i++) {
      const value = (lines[i] as Record<string, unknown>)[field];
      if (value === undefined || value === null) {
        column[i] = null;
        any ||= value === null;
        continue;
      }
      any = true;
      if (!isText) {
        column[i] = value;
        continue;
      }
      // A typed PriceLine's text fields are strings; anything else would not survive the table.
      if (typeof value !== 'string') throw new TypeError(`line ${i}: ${field} is not text`);
      let at = index.get(value);
      if (at === undefined) {
        at = strings.length;
        strings.push(value);
        index.set(value, at);
      }
      column[i] = at;
    }
    if (any) columns[field] = column;
  }
  return { form: 'columns', count: lines.length, strings, columns: columns as Columns };
}

/**
 * The lines a (schema-checked) columnar request stands for, one object per line as the verbose form
 * sends them: a column's null is the field given as null, except `unknownInputs`, whose null means the
 * line asked nothing (as when the verbose line leaves it out).
 */
export function decodeColumns(request: ColumnarValidateRequest): Record<string, unknown>[] {
  const { count, strings } = request;
  const lines = Array.from({ length: count }, () => ({}) as Record<string, unknown>);
  for (const field of FIELDS) {
    const column = request.columns[field] as readonly unknown[] | undefined;
    if (!column) continue;
    const isText = TEXT.has(field);
    for (let i = 0; i < count; i++) {
      const value = column[i];
      if (value === null || value === undefined) {
        if (field !== 'unknownInputs') (lines[i] as Record<string, unknown>)[field] = null;
      } else (lines[i] as Record<string, unknown>)[field] = isText ? strings[value as number] : value;
    }
  }
  return lines;
}
