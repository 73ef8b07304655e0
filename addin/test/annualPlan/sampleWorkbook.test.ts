// The sample workbook's 年度计划, 季节系数 and 销售台账 through the pure annual-plan code and the API's
// own split: every method splits, every row's months add up to its annual target exactly, and the
// history method reproduces the ledger's seasonal shape.
import { readFileSync } from 'fs';
import { join } from 'path';
import { splitPlan } from '../../../functions/src/domain/plans';
import { planProgress } from '../../../functions/src/domain/plans/planProgress';
import { scaleOf, toUnits } from '../../../functions/src/contract/decimal';
import {
  SPLIT_METHODS,
  type PlanVersion,
  type SplitMethod,
  type SplitResponse,
} from '../../../functions/src/contract/plans';
import {
  mergeSplitResponses,
  monthlyActuals,
  monthlyPlanSheet,
  monthlyShares,
  planVersionInput,
  progressSheet,
  readActuals,
  readAnnualPlan,
  readSeasonProfiles,
  splitRequests,
  type ActualsRead,
  type AnnualPlanRead,
  type SeasonProfilesRead,
} from '../../src/annualPlan';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';

const SAMPLE = join(__dirname, '../../../samples/SalesDesk-示例台账.xlsx');
const expected = JSON.parse(readFileSync(join(__dirname, '../../../samples/expected.json'), 'utf8')) as {
  sheets: Record<string, { subtotalRows: number[]; totalRow: number; dataRows: number }>;
  totals: { planFen: number; salesCnyReadableFen: number; salesBookedFen: number; salesCnyFen: number };
  counts: { planRows: number; usdLines: number };
};

let plan: AnnualPlanRead;
let season: SeasonProfilesRead;
let ledger: ActualsRead;
let ledgerUsd: ActualsRead;

beforeAll(async () => {
  const wb = await MemoryWorkbook.fromXlsx(readFileSync(SAMPLE), { pause: () => Promise.resolve() });
  plan = readAnnualPlan(await wb.readSheet('年度计划'));
  season = readSeasonProfiles(await wb.readSheet('季节系数'));
  const grid = await wb.readSheet('销售台账');
  ledger = readActuals(grid);
  ledgerUsd = readActuals(grid, { rates: { USD: 7.1 } });
});

/** Months add up to the annual exactly, compared as integers. */
function addsUp(months: readonly number[], annual: number): boolean {
  const scale = Math.max(scaleOf(annual), ...months.map(scaleOf));
  return months.reduce((s, m) => s + toUnits(m, scale), 0n) === toUnits(annual, scale);
}

function split(method: SplitMethod, year = 2026): SplitResponse {
  const requests = splitRequests(
    {
      year,
      roundTo: plan.roundTo,
      method,
      rows: plan.rows,
      profiles: season.profiles,
      // Export sales are in USD: count them at the sample's rate so 外贸 has a history too.
      history: monthlyActuals(ledgerUsd.lines),
    },
    40, // small chunks, so merging is exercised too
  );
  expect(requests.length).toBe(Math.ceil(plan.rows.length / 40));
  return mergeSplitResponses(requests.map(splitPlan));
}

describe('年度计划', () => {
  it('reads every plan row in 万元, leaving out 小计 and 合计', () => {
    expect(plan.rows).toHaveLength(expected.counts.planRows);
    expect(plan.unit).toBe('wanYuan');
    expect(plan.roundTo).toBe(0.01);
    expect(plan.year).toBe(2026);
    expect(plan.problems).toEqual([]);
    expect(plan.skipped.subtotal.rows).toEqual(expected.sheets['年度计划']?.subtotalRows);
    expect(plan.skipped.total.rows).toEqual([expected.sheets['年度计划']?.totalRow]);
    // 万元 with two decimals → fen, exactly.
    const fen = plan.rows.reduce((s, r) => s + toUnits(r.annual, 6), 0n);
    expect(fen).toBe(BigInt(expected.totals.planFen));
    expect(plan.rows[0]).toEqual({
      productType: '柴油机',
      region: '华东',
      rep: '陈志强',
      annual: 160,
      sheetRow: 3,
    });
  });
});

describe('季节系数', () => {
  it('reads a 12-month profile per product type', () => {
    expect(season.problems).toEqual([]);
    expect(Object.keys(season.profiles)).toHaveLength(7);
    expect(season.profiles['潜水泵']).toEqual([4, 2, 7, 11, 13, 14, 14, 11, 7, 6, 6, 5]);
    expect(season.rowOf['柴油机']).toBe(3);
  });
});

describe('销售台账 as actuals', () => {
  it('sums to the sample’s readable CNY sales, leaving USD lines out without a rate', () => {
    const fen = ledger.lines.reduce((s, l) => s + l.amountFen, 0);
    expect(fen).toBe(expected.totals.salesCnyReadableFen);
    expect(ledger.foreign).toEqual([
      expect.objectContaining({ currency: 'USD', count: expected.counts.usdLines }),
    ]);
    // Only cells that decide an actual are problems: a 交货期 of 现货 is not.
    expect(ledger.problems.every((p) => p.field !== 'deliveryDate')).toBe(true);
    expect(ledger.problems.length).toBeGreaterThan(0);
  });

  it('converts USD lines at a given rate', () => {
    const fen = ledgerUsd.lines.reduce((s, l) => s + l.amountFen, 0);
    const unreadable = expected.totals.salesCnyFen - expected.totals.salesCnyReadableFen;
    expect(fen).toBe(expected.totals.salesBookedFen - unreadable);
    expect(ledgerUsd.converted).toEqual([{ currency: 'USD', count: expected.counts.usdLines, rate: 7.1 }]);
  });

  it('sums per month without losing a fen', () => {
    const entries = monthlyActuals(ledger.lines);
    expect(entries.length).toBeLessThan(ledger.lines.length / 2);
    const fen = entries.reduce((s, e) => s + toUnits(e.amount, 2), 0n);
    expect(fen).toBe(BigInt(expected.totals.salesCnyReadableFen));
    expect(entries.every((e) => /^2026-\d{2}-01$/.test(e.date))).toBe(true);
  });
});

describe('splitting the sample plan', () => {
  it.each(SPLIT_METHODS)('%s: every row’s months add up exactly to its annual target', (method) => {
    const result = split(method, method === 'history' ? 2027 : 2026);
    expect(result.rows).toHaveLength(plan.rows.length);
    for (const row of result.rows) {
      expect(row.months).toHaveLength(12);
      expect(row.months.every((m) => m >= 0)).toBe(true);
      expect(addsUp(row.months, row.annual)).toBe(true);
    }
    expect(addsUp(result.totals.byMonth, result.totals.annual)).toBe(true);
    expect(toUnits(result.totals.annual, 6)).toBe(BigInt(expected.totals.planFen));
  });

  it('history (2027 from the 2026 ledger) follows each product type and region’s own monthly shape', () => {
    const result = split('history', 2027);
    expect(result.rows.every((r) => r.basis.method === 'history')).toBe(true);
    for (const row of result.rows) {
      const own = ledgerUsd.lines.filter((l) => l.productType === row.productType && l.region === row.region);
      expect(own.length).toBeGreaterThan(0);
      const want = monthlyShares(own);
      row.months.forEach((m, i) => expect(Math.abs(m / row.annual - (want[i] ?? 0))).toBeLessThan(0.002));
    }
    // The company as a whole keeps the ledger's seasons (plan targets track the sales closely).
    const got = result.totals.byMonth.map((m) => m / result.totals.annual);
    const want = monthlyShares(ledgerUsd.lines);
    got.forEach((g, i) => expect(Math.abs(g - (want[i] ?? 0))).toBeLessThan(0.01));
    // …which is no even spread: the Spring Festival trough and the summer peak are there.
    expect(Math.max(...want) - Math.min(...want)).toBeGreaterThan(0.05);
  });

  it('history for the ledger’s own year falls back and says so', () => {
    const result = split('history', 2026);
    expect(result.rows.every((r) => r.basis.method !== 'history' && r.basis.reason)).toBe(true);
    expect(result.notes.map((n) => n['en-US']).join(' ')).toMatch(/2026 or later/);
  });
});

describe('result sheets from the sample', () => {
  it('月度计划 spec: every row, exact totals, 万元 format and a chart by product type', () => {
    const result = split('profile');
    const spec = monthlyPlanSheet(result, { unit: plan.unit, locale: 'zh-CN' });
    const table = spec.tables[0];
    expect(table?.rows).toHaveLength(plan.rows.length);
    expect(table?.totals?.slice(3, 16)).toEqual([...result.totals.byMonth, result.totals.annual]);
    expect(spec.charts?.[0]).toMatchObject({ type: 'column', table: 1, seriesCount: 7 });
  });

  it('计划达成 from the published split and the ledger: totals match plan and sales', () => {
    const result = split('profile');
    const version: PlanVersion = {
      ...planVersionInput(result, plan.unit),
      publishedBy: '王部长',
      publishedAt: '2026-01-05T02:00:00.000Z',
    };
    const progress = planProgress(version, {
      basis: 'orders',
      unit: 'yuan',
      actuals: monthlyActuals(ledger.lines),
    });
    if (!progress.ok) throw new Error('progress failed');
    expect(progress.value.throughMonth).toBe(12);
    const spec = progressSheet(progress.value, { locale: 'zh-CN' });
    const ytd = spec.tables[1];
    const totals = ytd?.totals ?? [];
    expect(toUnits(totals[2] as number, 6)).toBe(BigInt(expected.totals.planFen));
    // Actuals converted from 元 to the plan's 万元.
    expect(toUnits(totals[4] as number, 6)).toBe(BigInt(expected.totals.salesCnyReadableFen));
    expect(ytd?.rows.length).toBe(
      progress.value.byProductType.length + progress.value.byRegion.length + progress.value.byRep.length,
    );
  });
});
