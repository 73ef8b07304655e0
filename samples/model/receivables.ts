/**
 * Month-end II in the sample: 期初余额 (opening balances as of 2025-12-31) and the receipts that
 * settle them, returns (退货) and allowances (折让) in the 发货台账, receipts that name an invoice or a
 * contract, the 返点政策 tiers and 信用额度 — and the figures they must give (expected.json →
 * receivables), by the generator's own plain sums, never by calling functions/src/domain.
 *
 * Everything here draws from its own random source, so the ledgers and figures that existed before
 * (price check, plan, 2026-04/05 month-end) do not move; returns and allowances fall after
 * May, the last month Finance's books cover.
 */
import { USD_RATE_X100 } from './catalogue';
import { addDays, monthOf, onOrAfterWorkday, YEAR } from './calendar';
import type { Random } from './prng';
import type {
  CreditLimit,
  Currency,
  Customer,
  ExpectedReceivableCustomer,
  ExpectedReceivables,
  Opening,
  RebateTier,
  Receipt,
  Shipment,
  ShipmentCredit,
} from './types';

export const AS_OF = `${YEAR}-12-31`;
export const OPENING_DATE = `${YEAR - 1}-12-31`;
export const AGING_BOUNDS = [30, 60, 90, 180, 365];
export const CREDIT_MAX_DAYS = 90;
/** The rep whose customers the statements test prints: 3 customers, one with everything. */
export const STATEMENT_REP = '陈志强';
/** Of STATEMENT_REP's customers, the one given an opening, a return, an allowance (it has acceptances). */
const STATEMENT_CUSTOMER = '南昌赣江机电设备有限公司';
/** Paid in advance at year end (预收): its opening balance is negative. */
const IN_CREDIT = '杭州钱塘水泵销售有限公司';
/** The export customer with an opening balance, in USD. */
const USD_OPENING = 'Nile Agro Machinery Co.';
/** Old customers that happen to owe nothing at year end. */
const NO_OPENING = new Set(['临沂沂蒙农机有限公司', '衡阳市水利局', 'Saigon Agri-Tech JSC']);

export const isExport = (c: Pick<Customer, 'class'>): boolean => c.class === '外贸';
export const currencyOf = (c: Pick<Customer, 'class'>): Currency => (isExport(c) ? 'USD' : 'CNY');
/** USD cents of a CNY amount booked at the sample's rate (exact for the export shipments). */
export const usdCentsOf = (fen: number): number => Math.round((fen * 100) / USD_RATE_X100);

// ── 期初余额 ─────────────────────────────────────────────────────────────────────────────────────

export function buildOpenings(rng: Random, customers: readonly Customer[]): Opening[] {
  const out: Opening[] = [];
  for (const c of customers) {
    if (c.isNew || NO_OPENING.has(c.name)) continue; // a new customer has no history
    if (isExport(c) && c.name !== USD_OPENING) continue;
    let amountMinor: number;
    let note = '上年结转';
    if (c.name === IN_CREDIT) {
      amountMinor = -3_580_000; // 35,800.00 paid in advance
      note = '预收货款';
    } else if (c.name === USD_OPENING) {
      amountMinor = 1_845_000; // USD 18,450.00 (a multiple of 10 cents: converts to fen exactly)
      note = 'B/F from 2025';
    } else {
      amountMinor = rng.int(2_000, 60_000) * 1_000 + rng.int(0, 99);
    }
    out.push({
      customer: c.name,
      currency: currencyOf(c),
      amountMinor,
      date: OPENING_DATE,
      rep: c.rep,
      region: c.region,
      note,
      dateText: null,
    });
  }
  // One 截至日期 typed as text, the way it was carried over from last year's book.
  const typed = out[2];
  if (typed) typed.dateText = `${YEAR - 1}年12月31日`;
  return out;
}

/** Last year's balances are paid in January–March, most in full, some in part, some not yet. */
export function openingReceipts(
  rng: Random,
  openings: readonly Opening[],
  customers: readonly Customer[],
  workdays: ReadonlySet<string>,
): Receipt[] {
  const out: Receipt[] = [];
  const byName = new Map(customers.map((c) => [c.name, c]));
  for (const o of openings) {
    if (o.amountMinor <= 0) continue;
    const c = byName.get(o.customer);
    if (!c) continue;
    const roll = rng.next();
    if (roll < 0.15) continue; // still owed at year end: ages past a year
    const date = onOrAfterWorkday(addDays(`${YEAR}-01-10`, rng.int(0, 70)), workdays);
    if (o.currency === 'USD') {
      out.push({
        date,
        customer: o.customer,
        amountFen: Math.round((o.amountMinor * USD_RATE_X100) / 100),
        method: '电汇',
        rep: o.rep,
        remark: `T/T USD ${(o.amountMinor / 100).toFixed(2)} (2025 balance)`,
        usdCents: o.amountMinor,
      });
      continue;
    }
    // Part paid: a round sum, the rest still open.
    const fen = roll < 0.35 ? Math.floor((o.amountMinor * 0.6) / 100_000) * 100_000 : o.amountMinor;
    if (fen <= 0) continue;
    out.push({
      date,
      customer: o.customer,
      amountFen: fen,
      method: '电汇',
      rep: o.rep,
      remark: fen === o.amountMinor ? '2025年货款' : '2025年货款（部分）',
    });
  }
  return out;
}

// ── 退货 and 折让 ─────────────────────────────────────────────────────────────────────────────────

const RETURN_REASONS = ['退货：型号发错', '退货：客户取消', '退货：质量问题，退回返修', '退货：多发'];
const ALLOWANCE_REASONS = ['折让：包装破损', '折让：延期交货补偿', '折让：外观瑕疵', '价格折让（部长批准）'];

/**
 * Returns and allowances on CNY shipments of June–October, dated 1–4 weeks later (so never in
 * Finance's April–May). STATEMENT_CUSTOMER gets one of each; the others go to customers at random.
 */
export function buildCredits(
  rng: Random,
  shipments: readonly Shipment[],
  customers: readonly Customer[],
  workdays: ReadonlySet<string>,
): ShipmentCredit[] {
  const domestic = new Set(customers.filter((c) => !isExport(c)).map((c) => c.name));
  const pool = shipments.filter(
    (s) => domestic.has(s.customer) && monthOf(s.date) >= 6 && monthOf(s.date) <= 10,
  );
  // An allowance is worth granting on a line of 20,000 yuan or more.
  const big = (s: Shipment): boolean => s.qty * s.priceFen >= 2_000_000;
  const mine = pool.filter((s) => s.customer === STATEMENT_CUSTOMER);
  const others = pool.filter((s) => s.customer !== STATEMENT_CUSTOMER);
  const picks: { s: Shipment; kind: ShipmentCredit['kind'] }[] = [
    { s: rng.pick(mine), kind: '退货' },
    { s: rng.pick(mine.filter(big)), kind: '折让' },
  ];
  const used = new Set(picks.map((p) => p.s.customer));
  while (picks.length < 9) {
    const kind = picks.length % 2 === 0 ? '退货' : '折让';
    const s = rng.pick(kind === '折让' ? others.filter(big) : others);
    if (used.has(s.customer)) continue; // one credit per customer: easy to find on a statement
    used.add(s.customer);
    picks.push({ s, kind });
  }
  const drafts = picks.map(({ s, kind }) => {
    const date = onOrAfterWorkday(addDays(s.date, rng.int(7, 28)), workdays);
    if (kind === '退货') {
      const qty = rng.int(1, s.qty);
      return {
        kind,
        date,
        contractNo: s.contractNo,
        customer: s.customer,
        model: s.model,
        qty: -qty,
        priceFen: s.priceFen,
        amountFen: -qty * s.priceFen,
        note: `${rng.pick(RETURN_REASONS)}（原出库单 ${s.deliveryNoteNo}）`,
      };
    }
    // 1–3 % of the line, in whole yuan.
    const fen = Math.max(100, Math.round((s.qty * s.priceFen * rng.int(1, 3)) / 100 / 100) * 100);
    return {
      kind,
      date,
      contractNo: s.contractNo,
      customer: s.customer,
      model: s.model,
      qty: 0,
      priceFen: null,
      amountFen: -fen,
      note: `${rng.pick(ALLOWANCE_REASONS)}（原出库单 ${s.deliveryNoteNo}）`,
    };
  });
  drafts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.customer < b.customer ? -1 : 1));
  let returns = 0;
  let allowances = 0;
  return drafts.map((d) => ({
    ...d,
    deliveryNoteNo:
      d.kind === '退货'
        ? `TH2026-${String(++returns).padStart(3, '0')}`
        : `ZR2026-${String(++allowances).padStart(3, '0')}`,
  }));
}

// ── Receipts that name what they pay, and the USD of export receipts ─────────────────────────────

/**
 * Two transfers name an invoice and one a contract — the customer's latest before the receipt, not
 * its oldest — kept only where `overrides` says the name changes what stays open at the month end
 * (else FIFO would have done the same and the sample would prove nothing); export receipts get the
 * USD actually received.
 */
export function markReceipts(
  rng: Random,
  receipts: Receipt[],
  shipments: readonly Shipment[],
  customers: readonly Customer[],
  overrides: (named: Receipt) => boolean,
): void {
  const byName = new Map(customers.map((c) => [c.name, c]));
  for (const r of receipts) {
    const c = byName.get(r.customer);
    if (c && isExport(c)) r.usdCents ??= usdCentsOf(r.amountFen);
  }
  const candidates = receipts.filter((r) => {
    const c = byName.get(r.customer);
    return (
      c &&
      !isExport(c) &&
      r.method === '电汇' &&
      monthOf(r.date) >= 3 &&
      monthOf(r.date) <= 11 &&
      r.contractNo === undefined
    );
  });
  const done = new Set<string>();
  let named = 0;
  for (const r of rng.sample(candidates, candidates.length)) {
    if (named === 3) break;
    if (done.has(r.customer)) continue;
    // The customer's latest invoiced shipment before the receipt (not the oldest).
    const before = shipments.filter(
      (s) =>
        s.customer === r.customer && s.invoiceNo !== null && s.invoiceDate !== null && s.invoiceDate < r.date,
    );
    const last = before[before.length - 1];
    if (!last || before.length < 3) continue;
    const remark = r.remark;
    if (named < 2) {
      r.invoiceNo = last.invoiceNo ?? undefined;
      r.remark = `付发票 ${last.invoiceNo}`;
    } else {
      r.contractNo = last.contractNo;
      r.remark = `付合同 ${last.contractNo} 货款`;
    }
    if (!overrides(r)) {
      delete r.invoiceNo;
      delete r.contractNo;
      r.remark = remark;
      continue;
    }
    done.add(r.customer);
    named++;
  }
  if (named < 3) throw new Error('could not name three receipts');
}

// ── Policy: 返点政策 and 信用额度 ───────────────────────────────────────────────────────────────────

/** Thresholds in fen (yuan × 100). */
export const REBATE_TIERS: readonly RebateTier[] = [
  { class: '经销商', newOld: '全部', thresholdFen: 200_000_000, rateBp: 100 },
  { class: '经销商', newOld: '全部', thresholdFen: 350_000_000, rateBp: 200 },
  { class: '经销商', newOld: '全部', thresholdFen: 500_000_000, rateBp: 300 },
  { class: '重点客户', newOld: '全部', thresholdFen: 300_000_000, rateBp: 150 },
  { class: '电商', newOld: '新客户', thresholdFen: 30_000_000, rateBp: 100 },
];

/**
 * 信用额度 for seven customers in their currency: six with room to spare (the limit at least 10 %
 * above the year-end balance), one — the largest CNY balance among them — set below it.
 */
export function chooseCreditLimits(
  closings: readonly { customer: string; currency: Currency; closingMinor: number }[],
  rng: Random,
): { limits: CreditLimit[]; over: string } {
  const cny = closings
    .filter((c) => c.currency === 'CNY' && c.closingMinor > 0)
    .sort((a, b) => b.closingMinor - a.closingMinor || (a.customer < b.customer ? -1 : 1));
  const usd = closings
    .filter((c) => c.currency === 'USD' && c.closingMinor > 0)
    .sort((a, b) => b.closingMinor - a.closingMinor);
  const overOne = cny[1];
  const usdOne = usd[0];
  if (!overOne || !usdOne) throw new Error('no customers to give credit limits');
  const rest = rng.sample(cny.filter((c) => c !== overOne).slice(0, 20), 5);
  // Round up to a whole 50,000 (USD: 10,000) with at least 10 % room.
  const roomy = (minor: number, step: number): number => Math.ceil((minor * 1.1) / step) * step;
  const limits: CreditLimit[] = [
    ...rest.map((c) => ({
      customer: c.customer,
      currency: c.currency,
      limitMinor: roomy(c.closingMinor, 5_000_000),
    })),
    {
      customer: overOne.customer,
      currency: 'CNY',
      limitMinor: Math.floor((overOne.closingMinor * 0.8) / 5_000_000) * 5_000_000,
    },
    { customer: usdOne.customer, currency: 'USD', limitMinor: roomy(usdOne.closingMinor, 1_000_000) },
  ];
  limits.sort((a, b) => (a.customer < b.customer ? -1 : 1));
  return { limits, over: overOne.customer };
}

// ── The figures ─────────────────────────────────────────────────────────────────────────────────

export interface ReceivablesFacts {
  customers: readonly Customer[];
  shipments: readonly Shipment[];
  credits: readonly ShipmentCredit[];
  receipts: readonly Receipt[];
  openings: readonly Opening[];
  /** 出库单号 a reader cannot see (its 单价/金额 are #N/A). */
  unreadable: { deliveryNoteNo: string; row: number } | null;
}

/**
 * Per customer in its currency: opening + shipped − received − returns − allowances = closing, by
 * plain sums over the model (a USD customer's shipments converted back to the cents of its invoice).
 */
export function receivableFigures(f: ReceivablesFacts): ExpectedReceivableCustomer[] {
  const out: ExpectedReceivableCustomer[] = [];
  const hidden = f.unreadable?.deliveryNoteNo ?? null;
  for (const c of [...f.customers].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const usd = isExport(c);
    const minorOfFen = (fen: number): number => (usd ? usdCentsOf(fen) : fen);
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const ships = f.shipments.filter((s) => s.customer === c.name && s.date <= AS_OF);
    const shippedMinor = sum(
      ships.filter((s) => s.deliveryNoteNo !== hidden).map((s) => minorOfFen(s.qty * s.priceFen)),
    );
    const credits = f.credits.filter((x) => x.customer === c.name && x.date <= AS_OF);
    const returnsMinor = sum(credits.filter((x) => x.kind === '退货').map((x) => -x.amountFen));
    const allowancesMinor = sum(credits.filter((x) => x.kind === '折让').map((x) => -x.amountFen));
    const receipts = f.receipts.filter((r) => r.customer === c.name && r.date <= AS_OF);
    const minorOf = (r: Receipt): number => (usd ? (r.usdCents ?? usdCentsOf(r.amountFen)) : r.amountFen);
    const receivedMinor = sum(receipts.map(minorOf));
    const acceptancesMinor = sum(receipts.filter((r) => r.method === '承兑汇票').map(minorOf));
    const openingMinor = sum(f.openings.filter((o) => o.customer === c.name).map((o) => o.amountMinor));
    if (ships.length + credits.length + receipts.length === 0 && openingMinor === 0) continue;
    out.push({
      customer: c.name,
      rep: c.rep,
      region: c.region,
      currency: currencyOf(c),
      openingMinor,
      shippedMinor,
      receivedMinor,
      acceptancesMinor,
      returnsMinor,
      allowancesMinor,
      closingMinor: openingMinor + shippedMinor - receivedMinor - returnsMinor - allowancesMinor,
    });
  }
  return out;
}

/** An item still owed at a date (ship date, 出库单号 or null for an opening balance, what is left). */
export interface OpenAt {
  date: string;
  deliveryNoteNo: string | null;
  open: number;
}

/**
 * Settles one customer's account up to `asOf` by the rule the department states: credits (receipts,
 * returns, allowances, a negative opening) pay the oldest open items first unless they name an
 * invoice or a contract (then that first); a credit with nothing left to pay waits for the next
 * shipment. Same-day shipments come before same-day credits; within a day, the sheet's order.
 * `useNames: false` is plain FIFO (to show what naming changes). Minor units of the currency.
 */
export function settle(
  f: ReceivablesFacts,
  customer: string,
  currency: Currency,
  asOf: string,
  useNames = true,
): { open: OpenAt[]; waiting: { date: string; left: number }[] } {
  const hidden = f.unreadable?.deliveryNoteNo ?? null;
  const usd = currency === 'USD';
  type Debit = OpenAt & { invoiceNo: string | null; contractNo: string | null };
  type Credit = { date: string; amount: number; invoiceNo: string | null; contractNo: string | null };
  const debits: Debit[] = [];
  const credits: Credit[] = [];
  for (const o of f.openings.filter((x) => x.customer === customer && x.date <= asOf)) {
    if (o.amountMinor >= 0)
      debits.push({
        date: o.date,
        deliveryNoteNo: null,
        open: o.amountMinor,
        invoiceNo: null,
        contractNo: null,
      });
    else credits.push({ date: o.date, amount: -o.amountMinor, invoiceNo: null, contractNo: null });
  }
  for (const s of f.shipments)
    if (s.customer === customer && s.deliveryNoteNo !== hidden && s.date <= asOf)
      debits.push({
        date: s.date,
        deliveryNoteNo: s.deliveryNoteNo,
        open: usd ? usdCentsOf(s.qty * s.priceFen) : s.qty * s.priceFen,
        invoiceNo: s.invoiceNo,
        contractNo: s.contractNo,
      });
  for (const x of f.credits)
    if (x.customer === customer && x.date <= asOf)
      credits.push({ date: x.date, amount: -x.amountFen, invoiceNo: null, contractNo: x.contractNo });
  for (const r of f.receipts)
    if (r.customer === customer && r.date <= asOf)
      credits.push({
        date: r.date,
        amount: usd ? (r.usdCents ?? usdCentsOf(r.amountFen)) : r.amountFen,
        invoiceNo: r.invoiceNo ?? null,
        contractNo: r.contractNo ?? null,
      });
  type Event = { date: string; debit?: Debit; credit?: Credit };
  const events: Event[] = [
    ...debits.map((d) => ({ date: d.date, debit: d })),
    ...credits.map((c) => ({ date: c.date, credit: c })),
  ];
  // Array.prototype.sort is stable: within a day and kind, the order above (the sheets' order).
  events.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : Number(!a.debit) - Number(!b.debit),
  );
  const open: Debit[] = [];
  const waiting: { date: string; left: number }[] = [];
  for (const e of events) {
    if (e.debit) {
      const d = { ...e.debit };
      for (const w of waiting) {
        const take = Math.min(w.left, d.open);
        w.left -= take;
        d.open -= take;
      }
      if (d.open > 0) open.push(d);
      continue;
    }
    const c = e.credit!;
    let left = c.amount;
    const pay = (d: Debit): void => {
      const take = Math.min(left, d.open);
      d.open -= take;
      left -= take;
    };
    if (useNames && c.invoiceNo) for (const d of open) if (left > 0 && d.invoiceNo === c.invoiceNo) pay(d);
    if (useNames && c.contractNo) for (const d of open) if (left > 0 && d.contractNo === c.contractNo) pay(d);
    for (const d of open) if (left > 0) pay(d);
    if (left > 0) waiting.push({ date: c.date, left });
  }
  return {
    open: open
      .filter((d) => d.open > 0)
      .map(({ date, deliveryNoteNo, open: o }) => ({ date, deliveryNoteNo, open: o })),
    waiting: waiting.filter((w) => w.left > 0),
  };
}

const daysTo = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Aging of each customer's closing balance at AS_OF by ship date (buckets AGING_BOUNDS, the last
 * open-ended): open items in the bucket of their age, waiting credits (negative) in the bucket of
 * theirs. Throws unless the buckets sum to the closing balance.
 */
export function agingFigures(
  f: ReceivablesFacts,
  figures: readonly ExpectedReceivableCustomer[],
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const bucket = (d: number): number => {
    const i = AGING_BOUNDS.findIndex((b) => d <= b);
    return i < 0 ? AGING_BOUNDS.length : i;
  };
  for (const fig of figures) {
    const { open, waiting } = settle(f, fig.customer, fig.currency, AS_OF);
    const buckets = new Array<number>(AGING_BOUNDS.length + 1).fill(0);
    for (const d of open) buckets[bucket(daysTo(d.date, AS_OF))]! += d.open;
    for (const w of waiting) buckets[bucket(daysTo(w.date, AS_OF))]! -= w.left;
    const total = buckets.reduce((a, b) => a + b, 0);
    if (total !== fig.closingMinor)
      throw new Error(`${fig.customer}: aging ${total} ≠ closing ${fig.closingMinor}`);
    out.set(`${fig.customer}|${fig.currency}`, buckets);
  }
  return out;
}

/**
 * For each receipt that names an invoice or contract: at the end of its month, the items still open
 * (出库单号) with the name honoured, and under plain FIFO — they differ, or the naming would prove
 * nothing. Throws when none differs.
 */
export function namedReceiptFacts(f: ReceivablesFacts): ExpectedReceivables['namedReceipts'] {
  const out: ExpectedReceivables['namedReceipts'] = [];
  for (const r of f.receipts) {
    if (r.invoiceNo === undefined && r.contractNo === undefined) continue;
    const asOf = lastDayOf(r.date);
    const names = (useNames: boolean): string[] =>
      settle(f, r.customer, 'CNY', asOf, useNames).open.map((d) => d.deliveryNoteNo ?? '期初余额');
    out.push({
      customer: r.customer,
      date: r.date,
      amountFen: r.amountFen,
      invoiceNo: r.invoiceNo ?? null,
      contractNo: r.contractNo ?? null,
      asOf,
      openAfter: names(true),
      openUnderFifo: names(false),
    });
  }
  for (const n of out)
    if (n.openAfter.join() === n.openUnderFifo.join())
      throw new Error(`${n.customer} ${n.date}: naming changes nothing that stays open`);
  return out;
}

const lastDayOf = (iso: string): string => {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${iso.slice(0, 7)}-${String(d).padStart(2, '0')}`;
};

/** Rebates year to date: the highest tier reached (class and new/old) on the whole net CNY volume. */
export function rebateFigures(
  customers: readonly Customer[],
  figures: readonly ExpectedReceivableCustomer[],
  tiers: readonly RebateTier[],
): ExpectedReceivables['rebates'] {
  const byName = new Map(customers.map((c) => [c.name, c]));
  return figures
    .filter((f) => f.currency === 'CNY')
    .map((f) => {
      const c = byName.get(f.customer);
      const volumeFen = f.shippedMinor - f.returnsMinor - f.allowancesMinor;
      const mine = tiers
        .filter(
          (t) =>
            (t.class === '全部' || t.class === c?.class) &&
            (t.newOld === '全部' || (t.newOld === '新客户') === c?.isNew),
        )
        .sort((a, b) => a.thresholdFen - b.thresholdFen);
      const reached = mine.filter((t) => volumeFen >= t.thresholdFen).pop() ?? null;
      // Half-up to the fen: volume × bp / 10,000.
      const accruedFen = reached ? Math.floor((volumeFen * reached.rateBp + 5_000) / 10_000) : 0;
      return {
        customer: f.customer,
        volumeFen,
        tier: reached ? { thresholdFen: reached.thresholdFen, rateBp: reached.rateBp } : null,
        accruedFen,
      };
    });
}

/**
 * Every day a customer's running net volume (CNY shipments less returns and allowances, as a reader
 * sees them) reaches a rebate tier of its class, in date order; throws unless one falls between May
 * and August (the tests of 'a tier crossed mid-year' need one in the data).
 */
export function tierCrossings(
  f: ReceivablesFacts,
  tiers: readonly RebateTier[],
): ExpectedReceivables['tierCrossings'] {
  const hidden = f.unreadable?.deliveryNoteNo ?? null;
  const out: ExpectedReceivables['tierCrossings'] = [];
  for (const c of f.customers) {
    if (isExport(c)) continue;
    const mine = tiers.filter(
      (t) =>
        (t.class === '全部' || t.class === c.class) &&
        (t.newOld === '全部' || (t.newOld === '新客户') === c.isNew),
    );
    const events = [
      ...f.shipments
        .filter((s) => s.customer === c.name && s.deliveryNoteNo !== hidden && s.date <= AS_OF)
        .map((s) => ({ date: s.date, fen: s.qty * s.priceFen })),
      ...f.credits
        .filter((x) => x.customer === c.name && x.date <= AS_OF)
        .map((x) => ({ date: x.date, fen: x.amountFen })),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    let volume = 0;
    for (const e of events) {
      const before = volume;
      volume += e.fen;
      for (const t of mine)
        if (before < t.thresholdFen && volume >= t.thresholdFen)
          out.push({ customer: c.name, date: e.date, thresholdFen: t.thresholdFen, rateBp: t.rateBp });
    }
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.customer < b.customer ? -1 : 1));
  if (!out.some((x) => monthOf(x.date) >= 5 && monthOf(x.date) <= 8))
    throw new Error('no customer crosses a rebate tier mid-year');
  return out;
}
