/**
 * Month-end II on the sample, end to end: the sample workbook read with the pane's own readers and
 * synced through the real dev host on Azurite (scripts/seed.ts's receivables step, real signed
 * tokens), then GET /api/receivables and GET /api/statements checked against samples/expected.json →
 * receivables — the generator's own sums — to the fen for every customer; aging sums to closing;
 * 承兑汇票 shown apart with their maturity; credit flags and rebates from the domain agree too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrderRow, ShipmentRow } from '../../../functions/src/contract/monthEnd';
import type {
  CustomerReceivable,
  ReceivablesResponse,
  StatementResponse,
} from '../../../functions/src/contract/receivables';
import { accrueRebates, type RebateTier } from '../../../functions/src/domain/rebates/rebates';
import { creditFlags } from '../../../functions/src/domain/receivables';
import { useAzurite as withAzurite } from '../../../functions/test/support/azurite';
import { useDevHost as withDevHost } from '../../../functions/test/support/http';
import { bearer, tokenFor } from '../../../functions/test/support/api';
import { detectLedger, readLedgerSheet } from '../../src/monthEnd/ledgerRows';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';

interface ExpectedCustomer {
  customer: string;
  rep: string;
  region: string;
  currency: 'CNY' | 'USD';
  openingMinor: number;
  shippedMinor: number;
  receivedMinor: number;
  acceptancesMinor: number;
  returnsMinor: number;
  allowancesMinor: number;
  closingMinor: number;
  agingMinor: number[];
}
interface Expected {
  receivables: {
    asOf: string;
    basis: 'shipment';
    bounds: number[];
    statementRep: string;
    customers: ExpectedCustomer[];
    creditMaxDays: number;
    creditLimits: {
      customer: string;
      currency: 'CNY' | 'USD';
      limitMinor: number;
      closingMinor: number;
      over: boolean;
    }[];
    namedReceipts: {
      customer: string;
      date: string;
      invoiceNo: string | null;
      contractNo: string | null;
      asOf: string;
      openAfter: string[];
      openUnderFifo: string[];
    }[];
    tierCrossings: { customer: string; date: string; thresholdFen: number; rateBp: number }[];
    rebates: {
      customer: string;
      volumeFen: number;
      tier: { thresholdFen: number; rateBp: number } | null;
      accruedFen: number;
    }[];
  };
  policyBlocks: { rebateTiers: RebateTier[] };
}

const root = join(__dirname, '..', '..', '..');
/**
 * The seed's receivables step (scripts/seed.ts), loaded by path: scripts/ is type-checked by its own
 * project (scripts/tsconfig.json), not the add-in's, so the add-in project must not import it.
 */
type SeedReceivables = (options: { api: string; token: string }) => Promise<{ asOf: string } | null>;
const seedReceivables = async (options: { api: string; token: string }) => {
  const seed = (await import(join(root, 'scripts', 'seed'))) as { seedReceivables: SeedReceivables };
  return seed.seedReceivables(options);
};
const expected = JSON.parse(readFileSync(join(root, 'samples', 'expected.json'), 'utf8')) as Expected;
const truth = expected.receivables;

/** Decimal text → integer minor units, exactly (no float). */
const minor = (text: string): number => {
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  const v = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return text.startsWith('-') && v !== 0 ? -v : v;
};

withAzurite();
const host = withDevHost();
// The clerk syncs the ledgers (and may sync Finance's); any signed-in user reads receivables.
const READ = () => bearer(tokenFor('张内勤', ['Sales.Clerk']));

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${host.baseUrl}${path}`, { headers: READ() });
  const body = (await res.json()) as T;
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

describe('receivables of the sample workbook on Azurite (expected.json → receivables)', () => {
  let answer: ReceivablesResponse;
  const byKey = new Map<string, CustomerReceivable>();

  beforeAll(async () => {
    const token = tokenFor('张内勤', ['Sales.Clerk', 'Finance']);
    const seeded = await seedReceivables({ api: host.baseUrl, token });
    expect(seeded?.asOf).toBe(truth.asOf);
    answer = await get<ReceivablesResponse>(
      `/receivables?asOf=${truth.asOf}&basis=${truth.basis}&buckets=${truth.bounds.join(',')}`,
    );
    for (const c of answer.customers) byKey.set(`${c.customer}|${c.currency}`, c);
  }, 240_000);

  it('reads every month up to asOf and the opening balances', () => {
    expect(answer.monthsRead.shipments).toHaveLength(12);
    expect(answer.monthsRead.receipts).toHaveLength(12);
    expect(answer.monthsRead.openings).toEqual(['2025-12']);
  });

  it('lists exactly the expected customers, each in its own currency (no USD customer split in two)', () => {
    expect([...byKey.keys()].sort()).toEqual(
      truth.customers.map((c) => `${c.customer}|${c.currency}`).sort(),
    );
  });

  it.each(truth.customers.map((c) => [c.customer, c] as const))(
    '%s: opening, shipped, received, acceptances, returns, allowances and closing to the fen',
    (_name, want) => {
      const got = byKey.get(`${want.customer}|${want.currency}`);
      if (!got) throw new Error(`${want.customer} (${want.currency}) missing from the answer`);
      expect({
        openingMinor: minor(got.opening),
        shippedMinor: minor(got.shipped),
        receivedMinor: minor(got.received),
        acceptancesMinor: minor(got.bankAcceptances.total),
        returnsMinor: minor(got.returns),
        allowancesMinor: minor(got.allowances),
        closingMinor: minor(got.closing),
      }).toEqual({
        openingMinor: want.openingMinor,
        shippedMinor: want.shippedMinor,
        receivedMinor: want.receivedMinor,
        acceptancesMinor: want.acceptancesMinor,
        returnsMinor: want.returnsMinor,
        allowancesMinor: want.allowancesMinor,
        closingMinor: want.closingMinor,
      });
      // The rep comes from the customer's receipts; one without receipts has none.
      if (got.rep !== null) expect(got.rep).toBe(want.rep);
      // Aging buckets (and the open items) sum to the closing balance.
      expect(got.aging.map((b) => b.fromDays)).toEqual([0, ...truth.bounds.map((b) => b + 1)]);
      expect(got.aging.reduce((t, b) => t + minor(b.amount), 0)).toBe(want.closingMinor);
      // …bucket by bucket as the generator ages it (FIFO, named receipts first, credits waiting).
      expect(got.aging.map((b) => minor(b.amount))).toEqual(want.agingMinor);
      expect(got.openItems.reduce((t, i) => t + minor(i.open), 0)).toBe(want.closingMinor);
    },
  );

  it('a 外贸 manager sees exactly the export customers: their 片区 comes from the 销售台账', async () => {
    const res = await fetch(`${host.baseUrl}/receivables?asOf=${truth.asOf}`, {
      headers: { authorization: `Bearer ${tokenFor('外贸经理', ['Sales.Manager'], { regions: ['外贸'] })}` },
    });
    const scoped = (await res.json()) as ReceivablesResponse;
    expect(res.status).toBe(200);
    const want = truth.customers.filter((c) => c.region === '外贸');
    expect(want.length).toBeGreaterThan(0);
    expect(scoped.customers.map((c) => `${c.customer}|${c.currency}`).sort()).toEqual(
      want.map((c) => `${c.customer}|${c.currency}`).sort(),
    );
    expect(scoped.scope?.unknownRegion).toBe(0);
  });

  it('shows 承兑汇票 apart, each with the maturity written in its 备注', () => {
    const withBills = truth.customers.filter((c) => c.acceptancesMinor > 0);
    expect(withBills.length).toBeGreaterThan(3);
    for (const want of withBills) {
      const got = byKey.get(`${want.customer}|${want.currency}`)!.bankAcceptances;
      expect(got.bills.reduce((t, b) => t + minor(b.amount), 0)).toBe(want.acceptancesMinor);
      for (const bill of got.bills) {
        expect(bill.maturityDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(bill.matured).toBe(bill.maturityDate! <= truth.asOf);
      }
      // Not yet matured ⊆ all bills.
      expect(minor(got.notMatured)).toBeLessThanOrEqual(minor(got.total));
    }
  });

  it('totals per currency: closing and each bucket are the sums over the customers', () => {
    for (const currency of ['CNY', 'USD'] as const) {
      const total = answer.totals.find((t) => t.currency === currency)!;
      const mine = truth.customers.filter((c) => c.currency === currency);
      expect(minor(total.closing)).toBe(mine.reduce((t, c) => t + c.closingMinor, 0));
      expect(total.aging.reduce((t, b) => t + minor(b.amount), 0)).toBe(minor(total.closing));
    }
  });

  it('a receipt that names an invoice or contract pays it first (not FIFO), and the pane reads the name', async () => {
    expect(truth.namedReceipts.length).toBeGreaterThanOrEqual(2);
    for (const n of truth.namedReceipts) {
      const at = await get<ReceivablesResponse>(
        `/receivables?asOf=${n.asOf}&customer=${encodeURIComponent(n.customer)}`,
      );
      const c = at.customers.find((x) => x.currency === 'CNY')!;
      const open = c.openItems.filter((i) => i.kind === 'shipment').map((i) => i.deliveryNo ?? '期初余额');
      expect(open).toEqual(n.openAfter);
      expect(open).not.toEqual(n.openUnderFifo);
    }
  });

  it('credit flags: exactly the one customer over its limit, with the expected balance', () => {
    const limits = truth.creditLimits.map((l) => ({
      customer: l.customer,
      currency: l.currency,
      limit: (l.limitMinor / 100).toFixed(2),
    }));
    const flags = creditFlags(answer.customers, { limits, maxDays: truth.creditMaxDays });
    const over = flags.filter((f) => f.overLimit !== null);
    expect(over.map((f) => f.customer)).toEqual(
      truth.creditLimits.filter((l) => l.over).map((l) => l.customer),
    );
    for (const l of truth.creditLimits)
      expect(minor(byKey.get(`${l.customer}|${l.currency}`)!.closing)).toBe(l.closingMinor);
  });

  it("statements of the statement rep's customers close where receivables do, month by month", async () => {
    const mine = truth.customers.filter((c) => c.rep === truth.statementRep);
    expect(mine.length).toBeGreaterThanOrEqual(3);
    for (const want of mine) {
      let balance = want.openingMinor;
      let returns = 0;
      let allowances = 0;
      let acceptances = 0;
      for (let m = 1; m <= 12; m++) {
        const month = `2026-${String(m).padStart(2, '0')}`;
        const body = await get<StatementResponse>(
          `/statements/${encodeURIComponent(want.customer)}?month=${month}`,
        );
        expect(body.statements).toHaveLength(1);
        const s = body.statements[0]!;
        // Each month opens where the last one closed (January: the 期初余额).
        expect(minor(s.opening)).toBe(balance);
        expect(minor(s.opening) + minor(s.totalDebit) - minor(s.totalCredit)).toBe(minor(s.closing));
        balance = minor(s.closing);
        for (const line of s.lines) {
          if (line.kind === 'return') returns += minor(line.credit);
          if (line.kind === 'allowance') allowances += minor(line.credit);
          if (line.method === '承兑汇票') acceptances += minor(line.credit);
        }
      }
      expect(balance).toBe(want.closingMinor);
      expect({ returns, allowances, acceptances }).toEqual({
        returns: want.returnsMinor,
        allowances: want.allowancesMinor,
        acceptances: want.acceptancesMinor,
      });
    }
    // One of them has it all: an opening, a return, an allowance and a bank acceptance.
    expect(
      mine.some((c) => c.openingMinor && c.returnsMinor && c.allowancesMinor && c.acceptancesMinor),
    ).toBe(true);
  }, 120_000);
});

describe('rebates of the sample (domain on the pane-read ledgers vs expected.json)', () => {
  it('volume, tier reached and accrual year to date per customer, to the fen', async () => {
    const wb = await MemoryWorkbook.fromXlsx(readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx')), {
      pause: () => Promise.resolve(),
    });
    const s = await wb.readSheet('发货台账', { numberFormats: true });
    const shipments = readLedgerSheet('shipments', s, detectLedger('shipments', s)).rows as ShipmentRow[];
    const o = await wb.readSheet('销售台账', { numberFormats: true });
    const orders = readLedgerSheet('orders', o, detectLedger('orders', o)).rows as OrderRow[];
    const classOf = new Map(orders.map((r) => [r.customer, r]));
    const got = accrueRebates({
      year: 2026,
      through: truth.asOf,
      tiers: expected.policyBlocks.rebateTiers,
      customers: truth.rebates.map((r) => ({
        customer: r.customer,
        customerClass: classOf.get(r.customer)?.customerClass ?? null,
        newCustomer: classOf.get(r.customer)?.isNewCustomer ?? null,
      })),
      shipments,
    });
    expect(
      got.map((r) => ({
        customer: r.customer,
        volumeFen: minor(r.volume),
        tier: r.tier
          ? { thresholdFen: minor(r.tier.threshold), rateBp: Math.round(Number(r.tier.rate) * 10_000) }
          : null,
        accruedFen: minor(r.accrued),
      })),
    ).toEqual(truth.rebates);
    expect(truth.rebates.filter((r) => r.tier !== null).length).toBeGreaterThan(3);

    // A tier crossed mid-year: the day before, not yet reached; on the day, reached.
    const crossing = truth.tierCrossings.find((x) => x.date >= '2026-05-01' && x.date <= '2026-08-31')!;
    const dayBefore = new Date(Date.parse(`${crossing.date}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    const tierOn = (through: string) => {
      const c = classOf.get(crossing.customer);
      const [r] = accrueRebates({
        year: 2026,
        through,
        tiers: expected.policyBlocks.rebateTiers,
        customers: [
          {
            customer: crossing.customer,
            customerClass: c?.customerClass ?? null,
            newCustomer: c?.isNewCustomer ?? null,
          },
        ],
        shipments,
      });
      return r!.tier ? minor(r!.tier.threshold) : null;
    };
    expect(tierOn(dayBefore)).not.toBe(crossing.thresholdFen);
    expect(tierOn(crossing.date)).toBe(crossing.thresholdFen);
  });
});
