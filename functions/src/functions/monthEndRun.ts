/**
 * The month-end run, shared by `POST /api/month-end/{yyyy-mm}/run` and the timer. Reads the ledgers'
 * pointers, fingerprints the inputs (every snapshot the report depends on, the rates, the match
 * window), and either answers the latest report when nothing changed, or builds a new report version
 * and publishes it under the month's run key (the report pointer, ETag-conditional). A run that loses
 * the race to a run over the same inputs answers the winner's report: timer + button + retry give one.
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_CREDIT_CHECK,
  DEFAULT_MATCH_WINDOW_DAYS,
  LEDGER_KINDS,
  type CreditCheck,
  type CreditSource,
  type OpeningRow,
  type ReceiptRow,
  type ShipmentRow,
  type LedgerKind,
  type LedgerRowByKind,
  type SyncKind,
  type MonthEndReport,
  type Rates,
  type RunTrigger,
} from '../contract/monthEnd';
import { addMonths, buildMonthEndReport, type KeyedRow } from '../domain/monthEnd';
import { lastDay } from '../domain/monthEnd/chinaTime';
import { selectVersion } from '../domain/pricing';
import { amountKey } from '../domain/pricing/checkPolicyBlocks';
import { customerRebates } from '../domain/rebates';
import { computeReceivables, creditFlags } from '../domain/receivables';
import type { PricePolicy } from '../contract/pricing';
import { openPricePolicyRepository } from '../storage/pricePolicyRepository';
import { buildScorecard } from '../domain/scorecard';
import { openingBalances } from './ledgerReads';
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
  /** 信用预警 check from the run body; when omitted, chooseCreditCheck takes the policy's or the last run's. */
  readonly credit?: CreditCheck;
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
  // 期初余额 (openings) are not reconciled, but the scorecard and credit flags need every one up to M.
  return all.filter((i) => (i.kind === 'openings' ? i.month <= month : i.month >= from && i.month <= to));
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
): Promise<{ [K in SyncKind]: KeyedRow<LedgerRowByKind[K]>[] }> {
  const out = { orders: [], shipments: [], receipts: [], books: [], openings: [] } as {
    [K in SyncKind]: KeyedRow<LedgerRowByKind[K]>[];
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

/** 信用预警 as of the month's last day over the rows the run read (receivables include 期初余额). */
function creditFlagsAt(
  month: string,
  rows: {
    shipments: readonly ShipmentRow[];
    receipts: readonly ReceiptRow[];
    openings: readonly OpeningRow[];
  },
  check: CreditCheck,
): ReturnType<typeof creditFlags> {
  const receivables = computeReceivables({
    asOf: lastDay(month),
    shipments: rows.shipments,
    receipts: rows.receipts,
    openings: openingBalances(rows.openings),
  });
  return creditFlags(receivables.customers, check);
}

/** The policy's 信用预警 settings as a run's check (the policy passed checkPolicy when published). */
export function creditCheckOf(credit: NonNullable<PricePolicy['credit']>): CreditCheck {
  return {
    maxDays: credit.maxDays,
    limits: credit.limits.map((l) => ({
      customer: l.customer.trim(),
      currency: l.currency.trim().toUpperCase() === 'USD' ? 'USD' : 'CNY',
      limit: amountKey(l.limit) ?? l.limit,
    })),
  };
}

/**
 * The run's credit check and where it came from: the run body wins (API users); else the policy in
 * force at the month end when it has 信用预警 settings; else the last run's body; else the default.
 */
export function chooseCreditCheck(
  fromBody: CreditCheck | undefined,
  policy: { readonly version: number; readonly policy: PricePolicy } | undefined,
  previous: MonthEndReport | null,
): { check: CreditCheck; source: CreditSource; policyVersion: number | null } {
  if (fromBody) return { check: fromBody, source: 'request', policyVersion: null };
  if (policy?.policy.credit) {
    return { check: creditCheckOf(policy.policy.credit), source: 'policy', policyVersion: policy.version };
  }
  const last = previous?.credit;
  if (last && last.source !== 'policy' && last.source !== 'default') {
    return { check: last.check, source: 'previousRun', policyVersion: null };
  }
  return { check: DEFAULT_CREDIT_CHECK, source: 'default', policyVersion: null };
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
    // Rebate tiers and credit settings: the price policy in force on the month's last day.
    const policies = await (await openPricePolicyRepository()).snapshot();
    const policy = selectVersion(policies.versions, lastDay(month));
    const credit = chooseCreditCheck(options.credit, policy, previous);
    const print = `${fingerprint(inputs, rates, windowDays)}${plan ? `|plan-v${plan.info.version}` : ''}|policy-v${policy?.version ?? 0}|credit-${createHash('sha256').update(JSON.stringify(credit.check)).digest('hex')}`;
    if (latest && previous && latest.info.fingerprint === print) return { created: false, report: previous };

    const { openings: openingRows, ...rows } = await loadRows(ledgers, inputs);
    // The scorecard, the credit flags and the rebates read the bare rows: unwrap each ledger once.
    const plain = {
      orders: rows.orders.map((k) => k.row),
      shipments: rows.shipments.map((k) => k.row),
      receipts: rows.receipts.map((k) => k.row),
      openings: openingRows.map((k) => k.row),
    };
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
        ...plain,
      }),
      credit: {
        check: credit.check,
        flags: creditFlagsAt(month, plain, credit.check),
        source: credit.source,
        policyVersion: credit.policyVersion,
      },
      rebates: customerRebates({
        month,
        tiers: policy?.policy.rebateTiers,
        policyVersion: policy?.version ?? null,
        orders: plain.orders,
        shipments: plain.shipments,
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
