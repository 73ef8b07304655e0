/**
 * 回款台账: what customers paid, by transfer (电汇) or bank acceptance bill (承兑汇票). Each month's
 * shipments are paid after the class's usual delay, some in two parts; what would arrive after
 * year end stays a receivable.
 */
import { USD_RATE_X100 } from './catalogue';
import { addDays, lastDayOfMonth, monthOf, onOrAfterWorkday, YEAR } from './calendar';
import type { Random } from './prng';
import type { Customer, CustomerClass, Receipt, Shipment } from './types';

const DELAY: Record<CustomerClass, [number, number]> = {
  经销商: [0, 25],
  重点客户: [45, 90],
  终端客户: [15, 45],
  政府采购: [60, 120],
  外贸: [0, 20],
  电商: [5, 20],
};

const money = (fen: number): string =>
  (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function buildReceipts(
  rng: Random,
  customers: readonly Customer[],
  shipments: readonly Shipment[],
  workdays: ReadonlySet<string>,
): Receipt[] {
  const out: Receipt[] = [];
  const end = `${YEAR}-12-31`;
  const dueOf = new Map<string, number>();
  for (const s of shipments) {
    const key = `${s.customer}|${monthOf(s.date)}`;
    dueOf.set(key, (dueOf.get(key) ?? 0) + s.qty * s.priceFen);
  }
  for (const c of customers) {
    for (let month = 1; month <= 12; month++) {
      const due = dueOf.get(`${c.name}|${month}`) ?? 0;
      if (due === 0 || rng.chance(0.04)) continue; // a month left unpaid
      const [lo, hi] = DELAY[c.class];
      let day = onOrAfterWorkday(addDays(lastDayOfMonth(month), rng.int(lo, hi)), workdays);
      let left = due;
      // Big bills are often paid partly with a round-sum bank acceptance, the rest by transfer.
      const parts: { fen: number; method: Receipt['method']; remark: string }[] = [];
      if ((c.class === '重点客户' || c.class === '经销商') && due >= 10_000_000 && rng.chance(0.45)) {
        const bill = Math.floor((due * (0.5 + rng.next() * 0.4)) / 1_000_000) * 1_000_000;
        parts.push({ fen: bill, method: '承兑汇票', remark: `银行承兑汇票 到期日${addDays(day, 180)}` });
        left -= bill;
      } else if (rng.chance(0.22) && due >= 2_000_000) {
        const first = Math.floor((due * (0.5 + rng.next() * 0.3)) / 100_000) * 100_000;
        parts.push({ fen: first, method: '电汇', remark: `${month}月货款（部分）` });
        left -= first;
      }
      if (left > 0) {
        const remark =
          c.class === '外贸'
            ? `T/T USD ${money(Math.round((left * 100) / USD_RATE_X100))}`
            : parts.length > 0
              ? `${month}月货款尾款`
              : rng.pick([`${month}月货款`, '货款', `${month}月份货款`]);
        parts.push({ fen: left, method: '电汇', remark });
      }
      parts.forEach((p, i) => {
        if (i > 0) day = addDays(day, rng.int(10, 45));
        day = onOrAfterWorkday(day, workdays);
        if (day > end) return;
        out.push({
          date: day,
          customer: c.name,
          amountFen: p.fen,
          method: p.method,
          rep: c.rep,
          remark: p.remark,
        });
      });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.customer < b.customer ? -1 : 1));
}
