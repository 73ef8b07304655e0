/**
 * The year's contracts and order lines (销售台账) as they happened: seasonal volume, customers by
 * class and region, prices inside the policy with a margin, then a handful of deliberate
 * violations and unreadable cells chosen afterwards.
 */
import { CLASS_AFFINITY, ECOMMERCE_MAX_LIST_FEN, REMARKS, SEASON, TYPE_SHARE } from './catalogue';
import { addDays } from './calendar';
import { bounds, judge, margin, type LineContext } from './pricePolicy';
import type { Random } from './prng';
import {
  PRODUCT_TYPES,
  type Customer,
  type ExpectedViolation,
  type PricePolicy,
  type Product,
  type ProductType,
  type SalesLine,
} from './types';

export const SALES_LINES_TARGET = 3300;

/** A violation before the sheet gives it a row number. */
export type PlantedViolation = Omit<ExpectedViolation, 'row'> & { lineId: number };

export interface SalesBook {
  lines: SalesLine[];
  /** Lines priced inside a window that only one rule opens. */
  ruleDependent: { lineId: number; ruleId: string }[];
  violations: PlantedViolation[];
  /** Lines whose price (or class) cell will be written as #N/A. */
  unreadable: { lineId: number; column: '单价' | '客户类别'; form: 'error' | 'text' }[];
  approvals: {
    ref: string;
    customer: string;
    model: string;
    minUnitPriceFen: number;
    validFrom: string;
    validTo: string;
  }[];
}

export interface Lookup {
  product(model: string): Product;
  customer(name: string): Customer;
}

export function lookup(products: readonly Product[], customers: readonly Customer[]): Lookup {
  const p = new Map(products.map((x) => [x.model, x]));
  const c = new Map(customers.map((x) => [x.name, x]));
  return {
    product(model) {
      const found = p.get(model);
      if (!found) throw new Error(`unknown model ${model}`);
      return found;
    },
    customer(name) {
      const found = c.get(name);
      if (!found) throw new Error(`unknown customer ${name}`);
      return found;
    },
  };
}

export function contextOf(line: SalesLine, look: Lookup): LineContext {
  return {
    product: look.product(line.model),
    customer: look.customer(line.customer),
    date: line.date,
    qty: line.qty,
    currency: line.currency,
  };
}

/** Prices are quoted in round steps: 100 yuan for big machines, 10 for pumps, 1 for parts. */
function priceStep(listMinor: number): number {
  if (listMinor >= 1_000_000) return 10_000;
  if (listMinor >= 100_000) return 1_000;
  return 100;
}

const ceilTo = (x: number, step: number): number => Math.ceil(x / step) * step;
const floorTo = (x: number, step: number): number => Math.floor(x / step) * step;

/** A price on the step grid within [lo, hi], or null when the grid has no point there. */
function priceBetween(rng: Random, lo: number, hi: number, step: number): number | null {
  const a = ceilTo(lo, step);
  const b = floorTo(hi, step);
  if (a > b) return null;
  return a + rng.int(0, (b - a) / step) * step;
}

function allowedModels(products: readonly Product[], type: ProductType, c: Customer): Product[] {
  return products.filter(
    (p) =>
      p.type === type &&
      (c.class !== '外贸' || p.listUsdCents !== null) &&
      (c.class !== '电商' || p.listFen <= ECOMMERCE_MAX_LIST_FEN),
  );
}

function quantity(rng: Random, p: Product, c: Customer): number {
  const [lo, hi] = p.qty;
  const top =
    c.class === '经销商' || c.class === '政府采购'
      ? Math.ceil(hi * 1.3)
      : c.class === '终端客户' || c.class === '电商'
        ? Math.max(lo, Math.ceil(hi * 0.5))
        : hi;
  // Small orders are far more common than big ones.
  const u = rng.next();
  return lo + Math.floor(u * u * (top - lo + 1));
}

/** A price that every reading of the policy accepts: from the highest allowed minimum + 1 % up to list. */
function okPrice(
  rng: Random,
  policy: PricePolicy,
  ctx: LineContext,
): { price: number; ruleId: string | null } {
  const list = ctx.currency === 'USD' ? ctx.product.listUsdCents : ctx.product.listFen;
  if (list === null) throw new Error(`${ctx.product.model} has no ${ctx.currency} price`);
  const step = priceStep(list);
  const b = bounds(policy, ctx);
  const only = b.matches.length === 1 ? b.matches[0] : undefined;
  // One rule, and nothing doubtful about it: sometimes use the room it opens below the class cap.
  if (only && only.certain && only.rule.effect.kind !== '最低价' && rng.chance(0.45)) {
    const [baseMin, ruleMin] = b.minimums as [number, number];
    const p = priceBetween(rng, ruleMin + margin(list), baseMin - margin(list), step);
    if (p !== null) return { price: p, ruleId: only.rule.id };
  }
  if (rng.chance(0.35)) return { price: list, ruleId: null };
  const p = priceBetween(rng, Math.max(...b.minimums) + margin(list), list, step);
  return { price: p ?? list, ruleId: null };
}

interface DraftLine {
  date: string;
  seq: number;
  customer: Customer;
  product: Product;
  qty: number;
  price: number;
  ruleId: string | null;
  deliveryDate: string | null;
  remark: string;
}

function linesPerContract(rng: Random, c: Customer): number {
  const weights: Record<Customer['class'], [number, number, number]> = {
    经销商: [55, 30, 15],
    重点客户: [50, 30, 20],
    终端客户: [70, 25, 5],
    政府采购: [50, 30, 20],
    外贸: [50, 35, 15],
    电商: [85, 15, 0],
  };
  return rng.weighted([1, 2, 3], (k) => weights[c.class][k - 1] ?? 0);
}

export function buildSalesLines(
  rng: Random,
  policy: PricePolicy,
  customers: readonly Customer[],
  workdays: string[][],
): { lines: SalesLine[]; ruleDependent: { lineId: number; ruleId: string }[] } {
  const yearWeight = PRODUCT_TYPES.reduce((s, t) => s + TYPE_SHARE[t], 0);
  const drafts: DraftLine[] = [];
  let seq = 0;
  for (let month = 1; month <= 12; month++) {
    const monthWeight = PRODUCT_TYPES.reduce((s, t) => s + TYPE_SHARE[t] * (SEASON[t][month - 1] ?? 0), 0);
    const target = Math.round((SALES_LINES_TARGET * monthWeight) / (yearWeight * 100));
    const days = workdays[month - 1] ?? [];
    const active = customers.filter((c) => c.firstMonth <= month);
    let made = 0;
    while (made < target) {
      const date = rng.pick(days);
      const customer = rng.weighted(active, (c) => c.activity);
      const k = linesPerContract(rng, customer);
      const used = new Set<string>();
      const delivery = rng.chance(0.08) ? null : addDays(date, rng.int(7, 40));
      const remark = rng.chance(0.15) ? rng.pick(REMARKS) : '';
      seq++;
      for (let i = 0; i < k; i++) {
        const type = rng.weighted(
          PRODUCT_TYPES,
          (t) =>
            TYPE_SHARE[t] *
            (SEASON[t][month - 1] ?? 0) *
            CLASS_AFFINITY[customer.class][t] *
            (allowedModels(policy.products, t, customer).some((p) => !used.has(p.model)) ? 1 : 0),
        );
        const product = rng.pick(
          allowedModels(policy.products, type, customer).filter((p) => !used.has(p.model)),
        );
        used.add(product.model);
        const qty = quantity(rng, product, customer);
        const currency = customer.class === '外贸' ? 'USD' : 'CNY';
        const { price, ruleId } = okPrice(rng, policy, { product, customer, date, qty, currency });
        drafts.push({ date, seq, customer, product, qty, price, ruleId, deliveryDate: delivery, remark });
        made++;
      }
    }
  }
  // Contract numbers run in signing order.
  drafts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq));
  const contractNo = new Map<number, string>();
  const lines: SalesLine[] = [];
  const ruleDependent: { lineId: number; ruleId: string }[] = [];
  for (const d of drafts) {
    if (!contractNo.has(d.seq))
      contractNo.set(d.seq, `HT2026-${String(contractNo.size + 1).padStart(4, '0')}`);
    const id = lines.length;
    lines.push({
      id,
      date: d.date,
      contractNo: contractNo.get(d.seq) as string,
      customer: d.customer.name,
      model: d.product.model,
      qty: d.qty,
      currency: d.customer.class === '外贸' ? 'USD' : 'CNY',
      priceMinor: d.price,
      deliveryDate: d.deliveryDate,
      remark: d.remark,
    });
    if (d.ruleId !== null) ruleDependent.push({ lineId: id, ruleId: d.ruleId });
  }
  return { lines, ruleDependent };
}

const yuan = (fen: number): string => (fen / 100).toFixed(2);

interface ViolationPlan {
  status: 'needs_approval' | 'below_floor';
  /** Extra condition on the line. */
  where: (line: SalesLine, ctx: LineContext) => boolean;
  /** The new price, given the line's spread of readings. */
  price: (rng: Random, ctx: LineContext, list: number, lo: number[], floors: number[]) => number | null;
  why: string;
  /** A rule this line is meant to exercise (its status depends on reading that one rule). */
  exercises: string | null;
}

const noRules = (policy: PricePolicy) => (_l: SalesLine, ctx: LineContext) =>
  bounds(policy, ctx).matches.length === 0;

/**
 * Reprices a few lines below what the policy allows, keeping each clear of every edge where two
 * readings of the policy could disagree; three exercise one rule each on purpose.
 */
export function plantViolations(rng: Random, policy: PricePolicy, book: SalesBook, look: Lookup): void {
  const taken = new Set<number>([...book.ruleDependent.map((r) => r.lineId)]);
  const needsApproval = (rng2: Random, _c: LineContext, list: number, mins: number[], floors: number[]) =>
    priceBetween(
      rng2,
      Math.max(0, ...floors) + margin(list),
      Math.min(...mins) - margin(list),
      priceStep(list),
    );
  const belowFloor = (rng2: Random, _c: LineContext, list: number, _m: number[], floors: number[]) => {
    const f = Math.min(...floors);
    return priceBetween(rng2, Math.round(f * 0.88), f - margin(list), priceStep(list));
  };
  const plans: ViolationPlan[] = [];
  for (let i = 0; i < 9; i++)
    plans.push({
      status: 'needs_approval',
      where: noRules(policy),
      price: needsApproval,
      why: 'below the class discount cap, above the floor',
      exercises: null,
    });
  for (let i = 0; i < 5; i++)
    plans.push({
      status: 'below_floor',
      where: noRules(policy),
      price: belowFloor,
      why: 'below the floor price',
      exercises: null,
    });
  plans.push({
    status: 'needs_approval',
    where: (l, c) =>
      noRules(policy)(l, c) &&
      c.product.type === '潜水泵' &&
      c.customer.class === '经销商' &&
      !c.customer.isNew &&
      l.date >= '2026-09-01' &&
      l.date <= '2026-09-15',
    // 80.5 % of list: allowed under the summer policy R-04 (20 %), which ended on 2026-08-31.
    price: (_r, _c, list) => floorTo(Math.round(list * 0.805), priceStep(list)),
    why: 'R-04 (summer policy, 20 %) ended 2026-08-31; the 经销商 cap of 18 % applies again',
    exercises: null,
  });
  plans.push({
    status: 'needs_approval',
    where: (l, c) =>
      c.product.model === 'QJ200-50' &&
      c.customer.class === '经销商' &&
      !c.customer.isNew &&
      (l.date < '2026-06-01' || l.date > '2026-08-31'),
    // Above list × 82 % (the cap) but below R-01's fixed minimum of 15,800.
    price: () => 1_550_000,
    why: 'R-01 fixes the lowest price of QJ200-50 at 15,800.00 although the 经销商 cap alone would allow it',
    exercises: 'R-01',
  });
  plans.push({
    status: 'below_floor',
    where: (l, c) =>
      c.product.model === '6105ZD' &&
      l.currency === 'CNY' &&
      bounds(policy, c).matches.every((m) => m.rule.id === 'R-06'),
    // Above the product's own floor (27,020) but below R-06's raised floor (30,000).
    price: () => 2_880_000,
    why: 'R-06 raises the floor of 6105ZD to 30,000.00 (the product floor is 27,020.00)',
    exercises: 'R-06',
  });

  const approvalRefs = new Map<number, string>([
    [2, 'SP-2026-014'],
    [6, 'SP-2026-031'],
    [11, 'SP-2026-047'],
  ]);
  // One planted line per contract at most, so each one is easy to find and explain.
  const takenContracts = new Set<string>();
  plans.forEach((plan, index) => {
    const pool = book.lines.filter((l) => {
      if (taken.has(l.id) || takenContracts.has(l.contractNo) || l.currency !== 'CNY') return false;
      const ctx = contextOf(l, look);
      if (ctx.product.floorFen === null) return false;
      return plan.where(l, ctx);
    });
    let placed = false;
    for (const line of rng.sample(pool, pool.length)) {
      const ctx = contextOf(line, look);
      const b = bounds(policy, ctx);
      const list = ctx.product.listFen;
      const price = plan.price(rng, ctx, list, b.minimums, b.floors);
      if (price === null) continue;
      const j = judge(policy, ctx, price);
      if (j.status !== plan.status) continue;
      if (plan.exercises === null) {
        // Every reading must agree: clear of all minimums and floors by 1 % of list.
        const clearOfMins = price <= Math.min(...b.minimums) - margin(list);
        const clearOfFloors =
          plan.status === 'needs_approval'
            ? b.floors.every((f) => price >= f + margin(list))
            : b.floors.every((f) => price <= f - margin(list));
        if (!clearOfMins || !clearOfFloors) continue;
      }
      line.priceMinor = price;
      taken.add(line.id);
      takenContracts.add(line.contractNo);
      const ref = approvalRefs.get(index) ?? null;
      if (ref !== null) {
        line.remark = rng.chance(0.5) ? `审批单号：${ref}` : ref;
        book.approvals.push({
          ref,
          customer: line.customer,
          model: line.model,
          minUnitPriceFen: price,
          validFrom: addDays(line.date, -3),
          validTo: addDays(line.date, 30),
        });
      }
      book.violations.push({
        lineId: line.id,
        sheet: '销售台账',
        contractNo: line.contractNo,
        model: line.model,
        customer: line.customer,
        date: line.date,
        qty: line.qty,
        currency: line.currency,
        priceMinor: price,
        status: plan.status,
        allowedMinMinor: j.allowedMin,
        floorMinor: j.floor,
        ruleIds: j.ruleIds,
        approvalRef: ref,
        why: `${plan.why} (price ${yuan(price)}, allowed ${yuan(j.allowedMin)}, floor ${j.floor === null ? '—' : yuan(j.floor)})`,
      });
      placed = true;
      break;
    }
    if (!placed) throw new Error(`no line found for violation plan #${index} (${plan.why})`);
  });

  // Three cells a broken VLOOKUP left as #N/A: two prices, one customer class.
  const spare = rng.sample(
    book.lines.filter((l) => !taken.has(l.id) && !takenContracts.has(l.contractNo) && l.currency === 'CNY'),
    3,
  );
  const forms: SalesBook['unreadable'][number][] = [];
  spare.forEach((line, i) => {
    taken.add(line.id);
    takenContracts.add(line.contractNo);
    if (i === 2) {
      // The class is unknown, so the price sits at list: fine for any class.
      line.priceMinor = look.product(line.model).listFen;
      forms.push({ lineId: line.id, column: '客户类别', form: 'error' });
    } else forms.push({ lineId: line.id, column: '单价', form: i === 0 ? 'error' : 'text' });
  });
  book.unreadable.push(...forms);
  book.ruleDependent = book.ruleDependent.filter((r) => !book.unreadable.some((u) => u.lineId === r.lineId));
}
