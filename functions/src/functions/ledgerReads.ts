/**
 * The ledger reads the per-region handlers share (receivables, statements, credit flags, scorecard):
 * every synced month of the asked ledgers up to a month, and the synced 期初余额 rows as the domain's
 * opening balances (the month-end run uses these too).
 */
import type { OpeningRow, OrderRow, ReceiptRow, ShipmentRow } from '../contract/monthEnd';
import type { OpeningBalance } from '../domain/receivables';
import type { LedgerRepository } from '../storage/ledgerRepository';

export interface LedgersUpTo {
  readonly orders: OrderRow[];
  readonly shipments: ShipmentRow[];
  readonly receipts: ReceiptRow[];
  /** 期初余额 rows (read only when asked for). */
  readonly openings: OpeningRow[];
  /** Months read per ledger, in order. */
  readonly monthsRead: { orders: string[]; shipments: string[]; receipts: string[]; openings: string[] };
}

type ReadKind = keyof LedgersUpTo['monthsRead'];

/** The current snapshot of every month of the given ledgers up to and including `lastMonth`. */
export async function ledgersUpTo(
  ledgers: LedgerRepository,
  lastMonth: string,
  kinds: readonly ReadKind[] = ['shipments', 'receipts'],
): Promise<LedgersUpTo> {
  const infos = (await ledgers.list()).filter(
    (i) => (kinds as readonly string[]).includes(i.kind) && i.month <= lastMonth,
  );
  const out: LedgersUpTo = {
    orders: [],
    shipments: [],
    receipts: [],
    openings: [],
    monthsRead: { orders: [], shipments: [], receipts: [], openings: [] },
  };
  const read = await Promise.all(infos.map(async (info) => ({ info, rows: await ledgers.rowsOf(info) })));
  for (const { info, rows } of read) {
    const kind = info.kind as ReadKind;
    out.monthsRead[kind].push(info.month);
    const into = out[kind] as unknown[];
    for (const k of rows) into.push(k.row);
  }
  return out;
}

/** The domain's opening balances from the synced 期初余额 rows. */
export function openingBalances(rows: readonly OpeningRow[]): OpeningBalance[] {
  return rows.map((r) => ({
    customer: r.customer,
    currency: r.currency,
    amount: r.amount,
    date: r.date,
    source: r.source,
  }));
}
