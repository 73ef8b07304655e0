/**
 * Bench: one year of the four ledgers synced into Azurite through HTTP (≈ 40,000 orders, 50,000
 * shipments, 6,000 receipts, 50,000 Finance book lines), one request per ledger per month as the
 * add-in sends them, then the month-end run over that year (cold: the run reads every snapshot from
 * storage: the dev host has not read any snapshot before it). Data is generated here, deterministic, with some differences of every class.
 */
import { openLocalIssuer } from '../../functions/src/auth/localIssuer';
import { odata, TableClient } from '@azure/data-tables';
import type {
  BookEntry,
  LedgerKind,
  LedgerSyncResponse,
  MonthEndRunResponse,
  OrderRow,
  ReceiptRow,
  ShipmentRow,
} from '../../functions/src/contract/monthEnd';
import { clientOptions, storageConnectionString } from '../../functions/src/storage/client';
import { LEDGERS_TABLE } from '../../functions/src/storage/ledgerRepository';
import { mb } from './format';

export interface BenchResult {
  readonly name: string;
  readonly ms: number;
  readonly note: string;
  readonly [k: string]: unknown;
}

export interface BenchMonthEndOptions {
  readonly baseUrl: string;
  readonly year?: number;
  /** CPU ms the dev host has used so far (when it runs in a child process). */
  readonly serverCpu?: () => Promise<number>;
}

type In<T> = Omit<T, 'currency'> & { currency?: 'CNY' | 'USD' };
type YearData = { [K in LedgerKind]: Map<string, unknown[]> };

const CUSTOMERS = Array.from({ length: 400 }, (_, i) => `客户${String(i).padStart(3, '0')}有限公司`);
const MODELS = ['QJ-100', 'QJ-200', 'ISW-65', 'ZX-80', 'XBD-5', '4105-ZD', 'R4105', 'SP-配件'];
const REPS = Array.from({ length: 30 }, (_, i) => `业务员${i}`);
const REGIONS = ['华东', '华南', '华北', '华中', '西南', '西北', '东北', '外贸'];

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const yuan = (fen: number): string => `${Math.trunc(fen / 100)}.${pad(Math.abs(fen % 100), 2)}`;

/** A deterministic year: per month ≈ 3,333 order lines, 4,167 shipment lines, 500 receipts, 4,167 book lines. */
export function benchYear(year: number): YearData {
  const data: YearData = { orders: new Map(), shipments: new Map(), receipts: new Map(), books: new Map() };
  const push = (kind: LedgerKind, month: string, row: unknown): void => {
    const list = data[kind].get(month);
    if (list) list.push(row);
    else data[kind].set(month, [row]);
  };
  const perMonth = (total: number, m: number): number =>
    Math.floor((total * (m + 1)) / 12) - Math.floor((total * m) / 12);
  let orderNo = 0;
  let shipNo = 0;
  for (let m = 0; m < 12; m++) {
    const month = `${year}-${pad(m + 1, 2)}`;
    const days = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
    for (let i = 0; i < perMonth(40_000, m); i++, orderNo++) {
      const qty = 1 + (orderNo % 7);
      const unit = 150_000 + ((orderNo * 7919) % 900_000);
      const row: In<OrderRow> = {
        date: `${month}-${pad(1 + (i % days), 2)}`,
        contractNo: `HT${year}${pad(Math.floor(orderNo / 2), 6)}`,
        line: 1 + (orderNo % 2),
        customer: CUSTOMERS[orderNo % CUSTOMERS.length]!,
        region: REGIONS[orderNo % REGIONS.length]!,
        rep: REPS[orderNo % REPS.length]!,
        model: MODELS[orderNo % MODELS.length]!,
        qty,
        unitPrice: yuan(unit),
        amount: yuan(unit * qty),
        deliveryDate: `${month}-${pad(Math.min(days, 10 + (i % 18)), 2)}`,
        source: { sheet: '销售台账', row: 3 + i },
      };
      push('orders', month, row);
    }
    for (let i = 0; i < perMonth(50_000, m); i++, shipNo++) {
      const n = shipNo;
      // The first 10,000 are spot sales without a contract; the rest ship order line n − 10,000 in full.
      const line = n >= 10_000 ? n - 10_000 : null;
      const usd = n % 97 === 0;
      const orderQty = line === null ? 1 : 1 + (line % 7);
      const fen =
        line === null
          ? 100_000 + ((n * 104_729) % 5_000_000)
          : (150_000 + ((line * 7919) % 900_000)) * orderQty;
      const day = pad(1 + (i % days), 2);
      const deliveryNo = `CK${year}${pad(m + 1, 2)}${pad(i, 5)}`;
      const invoiced = n % 13 !== 0;
      const row: In<ShipmentRow> = {
        shipDate: `${month}-${day}`,
        deliveryNo,
        ...(line === null ? {} : { contractNo: `HT${year}${pad(Math.floor(line / 2), 6)}` }),
        customer: CUSTOMERS[(line ?? n) % CUSTOMERS.length]!,
        region: REGIONS[(line ?? n) % REGIONS.length]!,
        rep: REPS[(line ?? n) % REPS.length]!,
        model: MODELS[(line ?? n) % MODELS.length]!,
        qty: n % 50 === 0 ? -orderQty : orderQty,
        amount: yuan(n % 50 === 0 ? -fen : fen),
        currency: usd ? 'USD' : 'CNY',
        ...(invoiced ? { invoiceNo: `FP${pad(n, 8)}`, invoiceDate: `${month}-${day}` } : {}),
        source: { sheet: '发货台账', row: 3 + i },
      };
      push('shipments', month, row);
      if (!invoiced) continue;
      // Finance's line for it: mostly the same; a typo, a cutoff into next month, a double booking now and then.
      const typo = n % 211 === 0;
      const cutoff = n % 89 === 0 && i % days === days - 1;
      const bookMonth = cutoff && m < 11 ? `${year}-${pad(m + 2, 2)}` : month;
      const book: In<BookEntry> = {
        date: cutoff && m < 11 ? `${bookMonth}-02` : `${month}-${day}`,
        voucherNo: `记-${pad(i, 5)}`,
        customer: row.customer,
        summary: '销售商品',
        ...(n % 3 === 0 ? { invoiceNo: row.invoiceNo } : { deliveryNo }),
        debit: typo ? yuan((n % 50 === 0 ? -fen : fen) + 900) : row.amount,
        currency: row.currency,
        source: { sheet: '财务账', row: 5 + i },
      };
      push('books', bookMonth, book);
      if (n % 503 === 0)
        push('books', bookMonth, {
          ...book,
          voucherNo: `记-${pad(i, 5)}b`,
          source: { sheet: '财务账', row: 90_000 + i },
        });
    }
    for (let i = 0; i < perMonth(6_000, m); i++) {
      const n = m * 1_000 + i;
      const row: In<ReceiptRow> = {
        date: `${month}-${pad(1 + (i % days), 2)}`,
        customer: CUSTOMERS[n % CUSTOMERS.length]!,
        amount: yuan(500_000 + ((n * 7_919) % 20_000_000)),
        method: n % 5 === 0 ? '承兑汇票' : n % 17 === 0 ? '现金' : '电汇',
        rep: REPS[n % REPS.length]!,
        receiptNo: `HK${year}${pad(n, 6)}`,
        ...(n % 2 === 0 ? { contractNo: `HT${year}${pad(n % 20_000, 6)}` } : {}),
        ...(n % 5 === 0 ? { billNo: `CD${pad(n, 8)}`, maturityDate: `${year + 1}-0${1 + (n % 6)}-15` } : {}),
        source: { sheet: '回款台账', row: 3 + i },
      };
      push('receipts', month, row);
    }
  }
  // Pad the books to ≈ 50,000 lines with entries that only Finance has (invoiced, not shipped).
  const bookCount = [...data.books.values()].reduce((s, l) => s + l.length, 0);
  for (let k = 0; k < 50_000 - bookCount; k++) {
    const m = k % 12;
    const month = `${year}-${pad(m + 1, 2)}`;
    push('books', month, {
      date: `${month}-${pad(1 + (k % 28), 2)}`,
      voucherNo: `记-X${pad(k, 5)}`,
      customer: CUSTOMERS[k % CUSTOMERS.length]!,
      summary: '预开发票',
      invoiceNo: `FPX${pad(k, 6)}`,
      debit: yuan(300_000 + k),
      source: { sheet: '财务账', row: 100_000 + k },
    });
  }
  return data;
}

let token: string | undefined;
/** The bench signs in as clerk + Finance with a token of the local issuer (the dev host's key pair). */
function benchToken(): string {
  token ??= openLocalIssuer().mint({
    roles: ['Sales.Clerk', 'Finance'],
    name: 'bench',
    expiresInSeconds: 4 * 3600,
  });
  return token;
}

async function send<T>(
  baseUrl: string,
  method: string,
  route: string,
  body: unknown,
): Promise<{ answer: T; bytes: number }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const res = await fetch(`${baseUrl}/${route}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${benchToken()}` },
    ...(text === undefined ? {} : { body: text }),
  });
  const answer = await res.text();
  if (res.status >= 300)
    throw new Error(`${method} /${route} answered ${res.status}: ${answer.slice(0, 400)}`);
  return { answer: JSON.parse(answer) as T, bytes: text ? Buffer.byteLength(text) : 0 };
}

async function storedEntities(): Promise<number> {
  const cs = storageConnectionString();
  const table = TableClient.fromConnectionString(cs, LEDGERS_TABLE, clientOptions(cs));
  let count = 0;
  for await (const _ of table.listEntities({
    queryOptions: { filter: odata`PartitionKey ne ''`, select: ['RowKey'] },
  }))
    count++;
  return count;
}

export async function benchMonthEnd(options: BenchMonthEndOptions): Promise<BenchResult[]> {
  const year = options.year ?? 2026;
  const data = benchYear(year);
  const counts = Object.fromEntries(
    (Object.keys(data) as LedgerKind[]).map((k) => [
      k,
      [...data[k].values()].reduce((s, l) => s + l.length, 0),
    ]),
  );
  const results: BenchResult[] = [];

  let requests = 0;
  let bytes = 0;
  const start = performance.now();
  for (const kind of ['orders', 'shipments', 'receipts', 'books'] as const) {
    for (const [month, rows] of [...data[kind].entries()].sort()) {
      const { bytes: sent } = await send<LedgerSyncResponse>(
        options.baseUrl,
        'PUT',
        `ledgers/${kind}/${month}`,
        { rows },
      );
      requests += 1;
      bytes += sent;
    }
  }
  const syncMs = performance.now() - start;
  const entities = await storedEntities();
  results.push({
    name: 'month-end: sync one year of 4 ledgers',
    ms: syncMs,
    requests,
    entities,
    rows: counts,
    note: `${requests} PUTs (months × ledgers), ${mb(bytes)} sent; ${counts.orders} orders, ${counts.shipments} shipments, ${counts.receipts} receipts, ${counts.books} book lines → ${entities} entities in ${LEDGERS_TABLE}`,
  });

  const cpu = async (): Promise<{ client: number; server: number | null }> => {
    const used = process.cpuUsage();
    return {
      client: (used.user + used.system) / 1000,
      server: options.serverCpu ? await options.serverCpu() : null,
    };
  };
  for (const month of [`${year}-12`, `${year}-06`]) {
    const before = await cpu();
    const t = performance.now();
    const { answer } = await send<MonthEndRunResponse>(options.baseUrl, 'POST', `month-end/${month}/run`, {
      rates: { USD: '7.1' },
    });
    const ms = performance.now() - t;
    const after = await cpu();
    const hostCpu =
      after.server !== null && before.server !== null
        ? `host CPU ${(after.server - before.server).toFixed(0)} ms, `
        : '';
    const r = answer.report;
    const cny = r.reconciliation.totals.find((x) => x.currency === 'CNY')!;
    results.push({
      name: `month-end: run ${month} (reads the year from storage)`,
      ms,
      note: `${hostCpu}client CPU ${(after.client - before.client).toFixed(0)} ms; ${r.reconciliation.differences.length} differences, remainder ${cny.remainder}; ${r.orderLines.length} order lines, ${r.shippedNotInvoiced.length} 发货未开票, ${r.tracking.length} contracts`,
    });
    if (ms > 10_000) results.push({ name: `month-end: run ${month} OVER 10 s`, ms, note: 'budget exceeded' });
  }
  const again = performance.now();
  for (const [month, rows] of [...data.shipments.entries()].sort()) {
    const { answer } = await send<LedgerSyncResponse>(options.baseUrl, 'PUT', `ledgers/shipments/${month}`, {
      rows,
    });
    if (answer.version !== 1) throw new Error(`re-sync of ${month} changed the version`);
  }
  results.push({
    name: 'month-end: re-sync 12 months of shipments (no change)',
    ms: performance.now() - again,
    note: '12 PUTs, every answer "unchanged", version kept',
  });

  const t = performance.now();
  const { answer } = await send<MonthEndRunResponse>(options.baseUrl, 'POST', `month-end/${year}-12/run`, {});
  results.push({
    name: 'month-end: run again, nothing changed',
    ms: performance.now() - t,
    note: `created=${answer.created}, version ${answer.report.version}`,
  });
  return results;
}
