/**
 * Bench: receivables, a customer statement and the scorecard over one year of bench data (≈ 40,000
 * orders, 50,000 shipments, 6,000 receipts from benchYear), in process: the pure work alone, the
 * month-end run's storage reads are measured by the monthEnd area.
 */
import { performance } from 'node:perf_hooks';
import {
  OrderRowSchema,
  ReceiptRowSchema,
  ShipmentRowSchema,
  type OrderRow,
  type ReceiptRow,
  type ShipmentRow,
} from '../../functions/src/contract/monthEnd';
import type { PlanVersion } from '../../functions/src/contract/plans';
import { customerRebates } from '../../functions/src/domain/rebates';
import { computeReceivables, customerStatements } from '../../functions/src/domain/receivables';
import { buildScorecard } from '../../functions/src/domain/scorecard';
import { regionIndex, scopeReceivables } from '../../functions/src/domain/regions';
import type { BenchResult } from './monthEnd';
import { benchYear } from './monthEnd';

function median(runs: number, work: () => void): { ms: number; all: number[] } {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    all.push(Math.round(performance.now() - t0));
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)]!, all };
}

export function benchReceivables(year = 2026): BenchResult[] {
  const data = benchYear(year);
  const all = <T>(m: Map<string, unknown[]>, parse: (r: unknown) => T): T[] =>
    [...m.values()].flat().map(parse);
  const orders: OrderRow[] = all(data.orders, (r) => OrderRowSchema.parse(r));
  const shipments: ShipmentRow[] = all(data.shipments, (r) => ShipmentRowSchema.parse(r));
  const receipts: ReceiptRow[] = all(data.receipts, (r) => ReceiptRowSchema.parse(r));
  const reps = [...new Set(orders.map((o) => o.rep ?? ''))].filter(Boolean);
  const plan: PlanVersion = {
    year,
    unit: 'wanYuan',
    roundTo: 1,
    rows: reps.map((rep) => ({
      productType: '全部',
      rep,
      annual: 1200,
      months: new Array<number>(12).fill(100),
    })),
    publishedBy: 'bench',
    publishedAt: `${year}-01-05T08:00:00+08:00`,
  };
  const sizes = `${orders.length} orders, ${shipments.length} shipments, ${receipts.length} receipts`;

  let customers = 0;
  const recv = median(5, () => {
    customers = computeReceivables({ asOf: `${year}-12-31`, shipments, receipts }).customers.length;
  });
  // A regional manager's answer: the 片区 index over the rows, then the receivables cut to one region.
  const computed = computeReceivables({ asOf: `${year}-12-31`, shipments, receipts });
  const region = shipments[0]!.region ?? '华东';
  let kept = 0;
  const scoped = median(5, () => {
    const index = regionIndex({ shipments, receipts, upTo: `${year}-12-31` });
    kept = scopeReceivables(computed, { all: false, regions: [region] }, index).result.customers.length;
  });
  const customer = shipments[0]!.customer;
  let lines = 0;
  const stmt = median(5, () => {
    lines = customerStatements({ customer, month: `${year}-12`, shipments, receipts })[0]?.lines.length ?? 0;
  });
  let repCount = 0;
  const card = median(5, () => {
    repCount = buildScorecard({
      month: `${year}-12`,
      basis: 'shipments',
      plan: { version: 1, plan },
      orders,
      shipments,
      receipts,
    }).reps.length;
  });
  // 返点 as the month-end run accrues them: tiers per class and new/old, class from the orders.
  const tiers = ['经销商', '重点客户', '终端客户'].flatMap((customerClass) => [
    { customerClass, newCustomer: false, threshold: '500000', rate: '0.01' },
    { customerClass, newCustomer: false, threshold: '1000000', rate: '0.02' },
    { customerClass, newCustomer: true, threshold: '300000', rate: '0.015' },
  ]);
  let accrued = 0;
  const rebates = median(5, () => {
    accrued = customerRebates({ month: `${year}-12`, tiers, policyVersion: 1, orders, shipments }).customers
      .length;
  });
  return [
    {
      name: `rebates accrued ${year}-01-01 to ${year}-12-31 (${accrued} customers, 9 tiers)`,
      ms: rebates.ms,
      note: `median of 5: ${rebates.all.join(', ')} ms`,
    },
    {
      name: `receivables and aging as of ${year}-12-31 (${sizes}; ${customers} customer balances)`,
      ms: recv.ms,
      note: `median of 5: ${recv.all.join(', ')} ms (target with scorecard ≤ 2,000 ms)`,
    },
    {
      name: `a regional manager's cut of it: 片区 index + scoping (${kept} of ${customers} balances in ${region})`,
      ms: scoped.ms,
      note: `median of 5: ${scoped.all.join(', ')} ms, on top of the receivables`,
    },
    {
      name: `one customer's December statement (${lines} lines)`,
      ms: stmt.ms,
      note: `median of 5: ${stmt.all.join(', ')} ms`,
    },
    {
      name: `scorecard ${year}-12, month and YTD (${repCount} reps)`,
      ms: card.ms,
      note: `median of 5: ${card.all.join(', ')} ms`,
    },
  ];
}
