/**
 * 发货台账: the shipments of the year's contracts. Some lines go out in two or three lots, some are
 * not shipped yet at year end; invoices are issued per customer at month end, and some shipments
 * are still waiting for theirs (发货未开票).
 */
import { CARRIERS, EXPORT_CARRIER, USD_RATE_X100 } from './catalogue';
import { addDays, monthOf, onOrAfterWorkday, YEAR } from './calendar';
import type { Random } from './prng';
import type { Lookup } from './salesLedger';
import type { SalesLine, Shipment } from './types';

const END = `${YEAR}-12-31`;

/** Export lines are booked in CNY at a fixed rate. */
export const toFen = (line: Pick<SalesLine, 'currency' | 'priceMinor'>): number =>
  line.currency === 'USD' ? Math.round((line.priceMinor * USD_RATE_X100) / 100) : line.priceMinor;

function splitQty(rng: Random, qty: number): number[] {
  const lots = qty >= 3 && rng.chance(0.1) ? 3 : qty >= 2 && rng.chance(0.3) ? 2 : 1;
  if (lots === 1) return [qty];
  const parts: number[] = [];
  let left = qty;
  for (let i = lots; i > 1; i--) {
    const part = rng.int(1, left - (i - 1));
    parts.push(part);
    left -= part;
  }
  parts.push(left);
  return parts;
}

export function buildShipments(
  rng: Random,
  lines: readonly SalesLine[],
  look: Lookup,
  workdays: ReadonlySet<string>,
): Shipment[] {
  const drafts: Omit<Shipment, 'deliveryNoteNo' | 'invoiceNo' | 'invoiceDate'>[] = [];
  for (const line of lines) {
    const late = line.date > `${YEAR}-12-10`;
    if (rng.chance(late ? 0.5 : 0.03)) continue; // not shipped yet
    const exportLine = line.currency === 'USD';
    const isPart = look.product(line.model).type === '配件';
    let day = line.deliveryDate ?? addDays(line.date, rng.int(1, 3));
    day = addDays(day, -rng.int(0, 5));
    if (day <= line.date) day = addDays(line.date, 1);
    for (const qty of splitQty(rng, line.qty)) {
      day = onOrAfterWorkday(day, workdays);
      if (day > END) break;
      const signed = addDays(day, exportLine ? rng.int(20, 35) : rng.int(1, 6));
      drafts.push({
        date: day,
        contractNo: line.contractNo,
        salesLineId: line.id,
        customer: line.customer,
        model: line.model,
        qty,
        priceFen: toFen(line),
        carrier: exportLine
          ? EXPORT_CARRIER
          : isPart
            ? rng.pick(['顺丰快运', '中通快运'])
            : rng.pick(CARRIERS),
        signedDate: signed > END || rng.chance(0.015) ? null : signed,
      });
      day = addDays(day, rng.int(5, 25));
    }
  }
  drafts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.salesLineId - b.salesLineId));

  // Domestic shipments are invoiced per customer on the month's last working day; export ones on the day.
  const lastWorkdayOf = new Map<number, string>();
  for (const d of [...workdays].sort()) lastWorkdayOf.set(monthOf(d), d);
  const invoiceOf = new Map<string, { date: string } | null>();
  const keyOf = (s: (typeof drafts)[number]): string =>
    look.customer(s.customer).class === '外贸'
      ? `export ${s.salesLineId} ${s.date}`
      : `${s.customer} ${monthOf(s.date)}`;
  for (const s of drafts) {
    const key = keyOf(s);
    if (invoiceOf.has(key)) continue;
    const month = monthOf(s.date);
    const exportLine = look.customer(s.customer).class === '外贸';
    const date = exportLine ? s.date : (lastWorkdayOf.get(month) ?? s.date);
    const pending =
      (month === 12 && s.date > `${YEAR}-12-10`) || (month >= 10 && rng.chance(0.12)) || rng.chance(0.02);
    invoiceOf.set(key, pending ? null : { date });
  }
  const numbered = [...new Set(drafts.map(keyOf))]
    .filter((k) => invoiceOf.get(k))
    .sort((a, b) => {
      const da = invoiceOf.get(a)?.date ?? '';
      const db = invoiceOf.get(b)?.date ?? '';
      return da < db ? -1 : da > db ? 1 : a < b ? -1 : a > b ? 1 : 0;
    });
  const invoiceNo = new Map<string, string>();
  let domestic = 0;
  let exported = 0;
  for (const key of numbered) {
    if (key.startsWith('export ')) invoiceNo.set(key, `CI26-${String(++exported).padStart(4, '0')}`);
    // 全电发票: 20 digits (year, province 43 = Hunan, then a running number).
    else invoiceNo.set(key, `264320000${String(3_000_000 + 137 * ++domestic).padStart(11, '0')}`);
  }
  return drafts.map((s, i) => {
    const key = keyOf(s);
    const inv = invoiceOf.get(key) ?? null;
    return {
      ...s,
      deliveryNoteNo: `CK2026-${String(i + 1).padStart(5, '0')}`,
      invoiceNo: inv ? (invoiceNo.get(key) ?? null) : null,
      invoiceDate: inv ? inv.date : null,
    };
  });
}
