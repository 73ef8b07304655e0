// A sales ledger (销售台账) → actual sales lines: date, product type, region, rep and the amount in
// integer fen of yuan, from 金额 or else 数量 × 单价. These feed the `history` split (prior-year shape)
// and 计划达成 (plan against actuals). Lines in another currency count only at a rate the user gives.
import type { ActualEntry } from '../../../functions/src/contract/plans';
import {
  parseDecimal,
  decimalToScaled,
  readLedger,
  type HeaderMapping,
  type SheetGrid,
  type SheetProblem,
} from '../sheets';
import { mappingFor, rowProblem, type SheetReadOptions } from './rowProblem';

export interface ActualLine {
  /** YYYY-MM-DD */
  date: string;
  productType: string;
  region?: string;
  rep?: string;
  /** Yuan, in integer fen (negative for returns). */
  amountFen: number;
  sheetRow: number;
}

export interface ForeignLines {
  currency: string;
  count: number;
  /** Excel rows (1-based), the first 20. */
  rows: number[];
}

export interface ActualsRead {
  sheet: string;
  mapping: HeaderMapping<'salesLedger'>;
  lines: ActualLine[];
  problems: SheetProblem[];
  /** Lines in a currency without a rate: left out. */
  foreign: ForeignLines[];
  /** Lines converted at a rate, per currency. */
  converted: { currency: string; count: number; rate: number }[];
  /** Hidden rows read all the same: a hidden sale is still a sale. */
  hiddenRows: number;
  missingColumns: HeaderMapping<'salesLedger'>['missing'];
}

export interface ReadActualsOptions extends SheetReadOptions<'salesLedger'> {
  /** Yuan per unit of a foreign currency, e.g. `{ USD: 7.1 }`. */
  rates?: Readonly<Record<string, number>>;
}

const KIND = 'salesLedger';
const NEED_TYPE = { 'zh-CN': '产品类别，如 潜水泵', 'en-US': 'a product type, e.g. 潜水泵' };
const NEED_AMOUNT = {
  'zh-CN': '金额，或可相乘的数量和单价',
  'en-US': 'an amount, or a quantity and unit price to multiply',
};
const ROWS_LISTED = 20;
const DECIDING = new Set(['orderDate', 'productType', 'region', 'rep', 'amount', 'currency']);
const QTY_PRICE = new Set(['qty', 'unitPrice']);

/** An exact decimal (a quantity, a rate) × integer fen, rounded half away from zero; no float product. */
function timesFen(x: number, fen: number): number | null {
  const d = parseDecimal(x);
  if (!d) return null;
  const scale = Math.max(0, -d.exp);
  const units = decimalToScaled(d, scale);
  if (units === null) return null;
  const product = BigInt(units) * BigInt(fen);
  const divisor = 10n ** BigInt(scale);
  const half = divisor / 2n;
  const rounded = product >= 0n ? (product + half) / divisor : -((-product + half) / divisor);
  const n = Number(rounded);
  return Number.isSafeInteger(n) ? n : null;
}

export function readActuals(grid: SheetGrid, options?: ReadActualsOptions): ActualsRead {
  const mapping = mappingFor(grid, KIND, options);
  const read = readLedger(grid, KIND, mapping, { includeHidden: true });
  // Only cells that decide an actual matter here (a 交货期 of `现货` does not); qty and price only
  // where the amount had to come from them.
  const usesQtyPrice = new Set<number>();
  const problems: SheetProblem[] = [];
  const lines: ActualLine[] = [];
  const foreign = new Map<string, ForeignLines>();
  const converted = new Map<string, { currency: string; count: number; rate: number }>();
  let hiddenRows = 0;

  for (const r of read.rows) {
    if (grid.hiddenRows?.has(r.sheetRow - 1)) hiddenRows++;
    const v = r.values;
    if (v.orderDate === null) continue; // unreadable or missing: readLedger named the cell
    if (v.productType === null) {
      if (!r.invalid.includes('productType')) {
        problems.push(
          rowProblem(grid.name, KIND, 'productType', mapping.columns.productType, r.sheetRow, {
            found: '',
            expected: NEED_TYPE,
            reason: 'missing',
          }),
        );
      }
      continue;
    }
    let fen = v.amount;
    if (fen === null) usesQtyPrice.add(r.sheetRow);
    if (fen === null && v.qty !== null && v.unitPrice !== null) fen = timesFen(v.qty, v.unitPrice);
    if (fen === null) {
      if (!r.invalid.includes('amount') && !r.invalid.includes('unitPrice') && !r.invalid.includes('qty')) {
        problems.push(
          rowProblem(grid.name, KIND, 'amount', mapping.columns.amount, r.sheetRow, {
            found: '',
            expected: NEED_AMOUNT,
            reason: 'missing',
          }),
        );
      }
      continue;
    }
    const currency = v.currency ?? 'CNY';
    if (currency !== 'CNY') {
      const rate = options?.rates?.[currency];
      const yuan = rate !== undefined && rate > 0 ? timesFen(rate, fen) : null;
      if (yuan === null) {
        const f = foreign.get(currency) ?? { currency, count: 0, rows: [] };
        f.count++;
        if (f.rows.length < ROWS_LISTED) f.rows.push(r.sheetRow);
        foreign.set(currency, f);
        continue;
      }
      const c = converted.get(currency) ?? { currency, count: 0, rate: rate as number };
      c.count++;
      converted.set(currency, c);
      fen = yuan;
    }
    const line: ActualLine = {
      date: v.orderDate,
      productType: v.productType,
      amountFen: fen,
      sheetRow: r.sheetRow,
    };
    if (v.region) line.region = v.region;
    if (v.rep) line.rep = v.rep;
    lines.push(line);
  }
  const cellProblems = read.problems.filter(
    (p) => DECIDING.has(p.field) || (QTY_PRICE.has(p.field) && usesQtyPrice.has(p.row)),
  );
  return {
    sheet: grid.name,
    mapping,
    lines,
    problems: [...cellProblems, ...problems].sort((a, b) => a.row - b.row),
    foreign: [...foreign.values()],
    converted: [...converted.values()],
    hiddenRows,
    missingColumns: read.missingColumns,
  };
}

/**
 * Lines summed per calendar month, product type, region and rep (dated the 1st), amounts in yuan:
 * what the API needs for both history and progress, in a fraction of the bytes of every line.
 */
export function monthlyActuals(lines: readonly ActualLine[]): ActualEntry[] {
  const sums = new Map<string, { entry: Omit<ActualEntry, 'amount'>; fen: number }>();
  for (const l of lines) {
    const month = `${l.date.slice(0, 7)}-01`;
    const k = [month, l.productType, l.region ?? '', l.rep ?? ''].join('\u0000');
    const s = sums.get(k);
    if (s) s.fen += l.amountFen;
    else {
      const entry: Omit<ActualEntry, 'amount'> = { date: month, productType: l.productType };
      if (l.region) entry.region = l.region;
      if (l.rep) entry.rep = l.rep;
      sums.set(k, { entry, fen: l.amountFen });
    }
  }
  return [...sums.values()].map(({ entry, fen }) => ({ ...entry, amount: fen / 100 }));
}

/** Each calendar month's share of the lines' total (12 numbers adding up to 1; zeros when empty). */
export function monthlyShares(lines: readonly ActualLine[]): number[] {
  const fen = new Array<number>(12).fill(0);
  for (const l of lines) {
    const m = Number(l.date.slice(5, 7)) - 1;
    fen[m] = (fen[m] ?? 0) + l.amountFen;
  }
  const total = fen.reduce((a, b) => a + b, 0);
  return fen.map((f) => (total === 0 ? 0 : f / total));
}
