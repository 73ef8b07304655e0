/**
 * The month-end run, shared by `POST /api/month-end/{yyyy-mm}/run` and the timer. Reads the ledgers'
 * pointers, fingerprints the inputs (every snapshot the report depends on, the rates, the match
 * window), and either answers the latest report when nothing changed, or builds a new report version
 * and publishes it under the month's run key (the report pointer, ETag-conditional). A run that loses
 * the race to a run over the same inputs answers the winner's report: timer + button + retry give one.
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_MATCH_WINDOW_DAYS,
  LEDGER_KINDS,
  type LedgerKind,
  type LedgerRowByKind,
  type MonthEndReport,
  type Rates,
  type RunTrigger,
} from '../contract/monthEnd';
import { addMonths, buildMonthEndReport, type KeyedRow } from '../domain/monthEnd';
import { buildScorecard } from '../domain/scorecard';
import { openPlanRepository } from '../storage/planRepository';
import { appendAudit } from '../storage/auditLog';
import type { LedgerInfo, LedgerRepository } from '../storage/ledgerRepository';
import type { MonthEndRepository } from '../storage/monthEndRepository';

/** How far back the cumulative parts (orders vs shipments, tracking) read: two years of months. */
export const HISTORY_MONTHS = 24;
const MAX_ATTEMPTS = 3;

export interface RunOptions {
  readonly month: string;
  readonly trigger: RunTrigger;
  readonly runBy: string;
  readonly runById?: string;
  readonly rates?: Rates;
  readonly windowDays?: number;
  readonly now?: Date;
}

export interface RunOutcome {
  readonly created: boolean;
  readonly report: MonthEndReport;
}

/** The snapshots a month's report reads: M−23 … M+1 (M+1 for cutoffs into the next month). */
export function inputsOf(month: string, all: readonly LedgerInfo[]): LedgerInfo[] {
  const from = addMonths(month, -(HISTORY_MONTHS - 1));
  const to = addMonths(month, 1);
  return all.filter((i) => i.month >= from && i.month <= to);
}

export function fingerprint(inputs: readonly LedgerInfo[], rates: Rates, windowDays: number): string {
  const parts = inputs
    .map((i) => `${i.kind}/${i.month}/${i.version}/${i.docId}`)
    .sort()
    .join(',');
  return createHash('sha256')
    .update(`${parts}|${JSON.stringify(Object.entries(rates).sort())}|${windowDays}`)
    .digest('hex');
}

async function loadRows(
  ledgers: LedgerRepository,
  inputs: readonly LedgerInfo[],
): Promise<{ [K in LedgerKind]: KeyedRow<LedgerRowByKind[K]>[] }> {
  const out = { orders: [], shipments: [], receipts: [], books: [] } as {
    [K in LedgerKind]: KeyedRow<LedgerRowByKind[K]>[];
  };
  // Several reads at a time: a year is ~48 snapshots of one compressed entity each.
  const queue = [...inputs];
  const worker = async (): Promise<void> => {
    for (let info = queue.shift(); info; info = queue.shift()) {
      const keyed = (await ledgers.rowsOf(info)) as KeyedRow<never>[];
      (out[info.kind] as KeyedRow<never>[]).push(...keyed);
    }
  };
  await Promise.all(Array.from({ length: 12 }, worker));
  return out;
}

export async function runMonthEnd(
  ledgers: LedgerRepository,
  reports: MonthEndRepository,
  options: RunOptions,
): Promise<RunOutcome> {
  const { month } = options;
  for (let attempt = 1; ; attempt++) {
    const latest = await reports.latest(month);
    const previous = latest ? await reports.reportOf(latest.pointer) : null;
    const rates = options.rates ?? previous?.rates ?? {};
    const windowDays = options.windowDays ?? previous?.matchWindowDays ?? DEFAULT_MATCH_WINDOW_DAYS;
    const inputs = inputsOf(month, await ledgers.list());
    // The scorecard stored with the report reads the year's published plan: a new plan version is a new input.
    const plan = await (await openPlanRepository()).read(Number(month.slice(0, 4)));
    const print = `${fingerprint(inputs, rates, windowDays)}${plan ? `|plan-v${plan.info.version}` : ''}`;
    if (latest && previous && latest.info.fingerprint === print) return { created: false, report: previous };

    const rows = await loadRows(ledgers, inputs);
    const versions = Object.fromEntries(
      LEDGER_KINDS.map((kind) => [
        kind,
        inputs.find((i) => i.kind === kind && i.month === month)?.version ?? null,
      ]),
    ) as Record<LedgerKind, number | null>;
    const built = buildMonthEndReport({
      month,
      ...rows,
      ledgerVersions: versions,
      rates,
      windowDays,
      version: (latest?.info.version ?? 0) + 1,
      runAt: (options.now ?? new Date()).toISOString(),
      runBy: options.runBy,
      trigger: options.trigger,
      previous,
    });
    const report = {
      ...built,
      scorecard: buildScorecard({
        month,
        basis: 'shipments',
        plan: plan ? { version: plan.info.version, plan: plan.plan } : null,
        orders: rows.orders.map((k) => k.row),
        shipments: rows.shipments.map((k) => k.row),
        receipts: rows.receipts.map((k) => k.row),
      }),
    };
    const stored = await reports.publish(month, latest?.pointer ?? null, report, print);
    if (stored !== 'conflict') {
      await appendAudit({
        area: 'report',
        action: 'month-end-run',
        who: options.runBy,
        ...(options.runById ? { whoId: options.runById } : {}),
        summary: {
          'zh-CN': `${month} 月末对账第 ${report.version} 版（${options.trigger === 'timer' ? '定时' : '手动'}）：差异 ${report.reconciliation.differences.length} 条`,
          'en-US': `${month} month-end report version ${report.version} (${options.trigger}): ${report.reconciliation.differences.length} difference(s)`,
        },
        details: { month, version: report.version, ledgerVersions: versions, rates },
      }).catch(() => undefined);
      return { created: true, report };
    }
    // Another run published first: if it ran over the same inputs, its report is ours too.
    const winner = await reports.latest(month);
    if (winner && winner.info.fingerprint === print) {
      return { created: false, report: await reports.reportOf(winner.pointer) };
    }
    if (attempt >= MAX_ATTEMPTS)
      throw new Error(`Month-end ${month}: gave up after ${attempt} conflicting runs.`);
  }
}
