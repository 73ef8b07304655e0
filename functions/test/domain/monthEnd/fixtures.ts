/** Small builders for month-end rows in tests (parsed through the contract, so defaults apply). */
import {
  BookEntrySchema,
  OrderRowSchema,
  ReceiptRowSchema,
  ShipmentRowSchema,
  type BookEntry,
  type OrderRow,
  type ReceiptRow,
  type ShipmentRow,
} from '../../../src/contract/monthEnd';
import { keyRows, type KeyedRow } from '../../../src/domain/monthEnd';

let next = 2;
const src = (sheet: string) => ({ sheet, row: next++ });

export const ship = (
  over: Partial<ShipmentRow> & { deliveryNo: string; amount: string; shipDate: string },
): ShipmentRow =>
  ShipmentRowSchema.parse({
    customer: '华东水务',
    model: 'QJ-100',
    qty: 1,
    source: src('发货台账'),
    ...over,
  });

export const book = (over: Partial<BookEntry> & { date: string; debit: string }): BookEntry =>
  BookEntrySchema.parse({ customer: '华东水务', source: src('财务账'), ...over });

export const order = (
  over: Partial<OrderRow> & { contractNo: string; qty: number; amount: string },
): OrderRow =>
  OrderRowSchema.parse({
    date: '2026-03-02',
    customer: '华东水务',
    model: 'QJ-100',
    source: src('销售台账'),
    ...over,
  });

export const receipt = (over: Partial<ReceiptRow> & { amount: string; date: string }): ReceiptRow =>
  ReceiptRowSchema.parse({ customer: '华东水务', method: '电汇', source: src('回款台账'), ...over });

export const keyed = <R extends ShipmentRow | BookEntry | OrderRow | ReceiptRow>(
  kind: 'shipments' | 'books' | 'orders' | 'receipts',
  rows: R[],
): KeyedRow<R>[] => keyRows(kind, rows as never).keyed as unknown as KeyedRow<R>[];
