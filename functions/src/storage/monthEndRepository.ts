/**
 * Month-end reports and month state in Table Storage. Table `MonthEnd`, one partition per month
 * (`2026-03`):
 *
 *   state                    open / closed (结账), who closed or reopened it, when, why
 *   current                  pointer to the latest report version (also the run key: see below)
 *   version-000002           one entity per report version: who ran it, when, the inputs' fingerprint
 *   doc-<docId>-00000 …      the report as gzip'd JSON in base64 (packedJson)
 *
 * The pointer is the run key: a run publishes its report conditional on the pointer's ETag, and two
 * runs over the same inputs (timer + button, two instances, a retry) compute the same fingerprint,
 * so the loser finds the winner's report and answers it instead of writing another.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { MonthEndReport, MonthState, RunTrigger } from '../contract/monthEnd';
import { openTable, type TableClientOptions } from './client';
import { packJson, unpackJson } from './packedJson';
import { ConcurrencyError, insertIfAbsent, updateIfMatch } from './concurrency';
import {
  DocumentCache,
  POINTER_KEY,
  VersionedDocuments,
  type Stored,
  type VersionEntity,
} from './versionedDocuments';

export const MONTH_END_TABLE = 'MonthEnd';
const STATE_KEY = 'state';

type ReportEntity = VersionEntity & {
  month: string;
  runAt: string;
  runBy: string;
  trigger: string;
  fingerprint: string;
  differences: number;
};

export interface ReportInfo {
  readonly month: string;
  readonly version: number;
  readonly runAt: string;
  readonly runBy: string;
  readonly trigger: RunTrigger;
  readonly fingerprint: string;
  readonly differences: number;
}

export interface MonthStateInfo {
  readonly month: string;
  readonly state: MonthState;
  readonly closedBy: string | null;
  readonly closedAt: string | null;
  readonly reopenedBy: string | null;
  readonly reopenedAt: string | null;
  readonly reopenReason: string | null;
  readonly note: string | null;
}

type StateEntity = {
  partitionKey: string;
  rowKey: string;
  month: string;
  state: string;
  closedBy?: string;
  closedAt?: string;
  reopenedBy?: string;
  reopenedAt?: string;
  reopenReason?: string;
  note?: string;
};

/** Close or reopen found the month already in that state. */
export class MonthStateError extends Error {
  override readonly name = 'MonthStateError';

  constructor(readonly current: MonthStateInfo) {
    super(`Month ${current.month} is already ${current.state}.`);
  }
}

export interface MonthEndRepositoryOptions extends TableClientOptions {
  readonly tableName?: string;
}

const packedCache = new DocumentCache<string>(1);
/** Parsed reports by docId (versions never change). */
const reportCache = new DocumentCache<MonthEndReport>(8);

const openState = (month: string): MonthStateInfo => ({
  month,
  state: 'open',
  closedBy: null,
  closedAt: null,
  reopenedBy: null,
  reopenedAt: null,
  reopenReason: null,
  note: null,
});

function toState(e: StateEntity): MonthStateInfo {
  return {
    month: e.month,
    state: e.state === 'closed' ? 'closed' : 'open',
    closedBy: e.closedBy ?? null,
    closedAt: e.closedAt ?? null,
    reopenedBy: e.reopenedBy ?? null,
    reopenedAt: e.reopenedAt ?? null,
    reopenReason: e.reopenReason ?? null,
    note: e.note ?? null,
  };
}

function toReportInfo(e: ReportEntity): ReportInfo {
  return {
    month: e.month,
    version: e.version,
    runAt: e.runAt,
    runBy: e.runBy,
    trigger: e.trigger === 'timer' ? 'timer' : 'manual',
    fingerprint: e.fingerprint,
    differences: e.differences,
  };
}

export class MonthEndRepository {
  private constructor(
    private readonly table: TableClient,
    private readonly store: VersionedDocuments<ReportEntity, string>,
  ) {}

  static async open(options: MonthEndRepositoryOptions = {}): Promise<MonthEndRepository> {
    const table = await openTable(options.tableName ?? MONTH_END_TABLE, options);
    return new MonthEndRepository(
      table,
      new VersionedDocuments<ReportEntity, string>(table, {
        property: 'report',
        cache: packedCache,
        describe: (e) => `Month-end report ${e.month} version ${e.version}`,
      }),
    );
  }

  async latest(month: string): Promise<{ info: ReportInfo; pointer: Stored<ReportEntity> } | null> {
    const pointer = await this.store.pointer(month);
    return pointer ? { info: toReportInfo(pointer), pointer } : null;
  }

  async report(month: string): Promise<MonthEndReport | null> {
    const pointer = await this.store.pointer(month);
    return pointer ? this.reportOf(pointer) : null;
  }

  /** The latest report of the last month at or before `month` that has one (one query over the pointers). */
  async reportAtOrBefore(month: string): Promise<MonthEndReport | null> {
    const filter = odata`RowKey eq ${POINTER_KEY} and PartitionKey le ${month}`;
    let last: ReportEntity | null = null;
    for await (const e of this.table.listEntities<ReportEntity>({ queryOptions: { filter } })) {
      if (!last || e.partitionKey > last.partitionKey) last = e;
    }
    return last ? this.reportOf(last) : null;
  }

  async reportOf(pointer: ReportEntity): Promise<MonthEndReport> {
    const cached = reportCache.get(pointer.docId);
    if (cached) return cached;
    const report = await unpackJson<MonthEndReport>(await this.store.document(pointer));
    reportCache.remember(pointer.docId, report);
    return report;
  }

  /**
   * Stores `report` as the version after `before` (what the runner read), or answers 'conflict' when
   * another run moved the pointer first.
   */
  async publish(
    month: string,
    before: Stored<ReportEntity> | null,
    report: MonthEndReport,
    fingerprint: string,
  ): Promise<ReportInfo | 'conflict'> {
    const entity = await this.store.publish(month, before, await packJson(report), {
      month,
      runAt: report.runAt,
      runBy: report.runBy,
      trigger: report.trigger,
      fingerprint,
      differences: report.reconciliation.differences.length,
    });
    if (entity === 'conflict') return 'conflict';
    reportCache.remember(entity.docId, report);
    return toReportInfo(entity);
  }

  /** Every month with a report or a state entity. */
  async list(): Promise<{ reports: ReportInfo[]; states: MonthStateInfo[] }> {
    const filter = odata`RowKey eq ${POINTER_KEY} or RowKey eq ${STATE_KEY}`;
    const reports: ReportInfo[] = [];
    const states: MonthStateInfo[] = [];
    for await (const e of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      if (e.rowKey === STATE_KEY) states.push(toState(e as unknown as StateEntity));
      else reports.push(toReportInfo(e as unknown as ReportEntity));
    }
    return { reports, states };
  }

  async state(month: string): Promise<MonthStateInfo> {
    const entity = await this.stateEntity(month);
    return entity ? toState(entity) : openState(month);
  }

  /** Marks the month closed (结账); MonthStateError if it already is. */
  close(month: string, who: string, note: string | undefined, when = new Date()): Promise<MonthStateInfo> {
    return this.changeState(month, (current) => {
      if (current.state === 'closed') throw new MonthStateError(current);
      return { state: 'closed', closedBy: who, closedAt: when.toISOString(), note: note ?? null };
    });
  }

  /** Reopens a closed month with a reason; MonthStateError if it is open. */
  reopen(month: string, who: string, reason: string, when = new Date()): Promise<MonthStateInfo> {
    return this.changeState(month, (current) => {
      if (current.state === 'open') throw new MonthStateError(current);
      return { state: 'open', reopenedBy: who, reopenedAt: when.toISOString(), reopenReason: reason };
    });
  }

  /** Read-modify-write of the state entity with its ETag; a concurrent change is retried once. */
  private async changeState(
    month: string,
    change: (current: MonthStateInfo) => Partial<MonthStateInfo>,
  ): Promise<MonthStateInfo> {
    for (let attempt = 0; ; attempt++) {
      const entity = await this.stateEntity(month);
      const current = entity ? toState(entity) : openState(month);
      const next: MonthStateInfo = { ...current, ...change(current) };
      const record: StateEntity = {
        partitionKey: month,
        rowKey: STATE_KEY,
        month,
        state: next.state,
        ...Object.fromEntries(
          (['closedBy', 'closedAt', 'reopenedBy', 'reopenedAt', 'reopenReason', 'note'] as const)
            .filter((k) => next[k] !== null)
            .map((k) => [k, next[k]]),
        ),
      };
      try {
        if (entity) await updateIfMatch(this.table, record, entity.etag);
        else await insertIfAbsent(this.table, record);
        return next;
      } catch (err) {
        if (err instanceof ConcurrencyError && attempt === 0) continue;
        throw err;
      }
    }
  }

  private async stateEntity(month: string): Promise<Stored<StateEntity> | null> {
    try {
      return await this.table.getEntity<StateEntity>(month, STATE_KEY);
    } catch (err) {
      if ((err as { statusCode?: unknown }).statusCode === 404) return null;
      throw err;
    }
  }
}

export function openMonthEndRepository(options: MonthEndRepositoryOptions = {}): Promise<MonthEndRepository> {
  return MonthEndRepository.open(options);
}
