/**
 * The four ledgers (销售台账, 发货台账, 回款台账, Finance's books) in Table Storage, one snapshot per
 * ledger per month. Table `Ledgers`, one partition per ledger-month (`shipments-2026-03`):
 *
 *   current                  pointer to the month's snapshot (version, rows, who, when)
 *   version-000003           one entity per snapshot version
 *   doc-<docId>-00000 …      the snapshot: { keys, rows } as gzip'd JSON in base64 (packedJson)
 *
 * Why this layout: a month of a ledger is synced, replaced and read as a whole, so it is stored as a
 * few large entities, not one per row: a month of 4,000 shipment lines is one compressed entity, written in
 * one transaction, and read back in one query. Business keys are stored beside the rows, so the run
 * never recomputes them. Each sync touches exactly one partition, and
 * different months and ledgers land on different partitions, so a year's sync spreads its writes.
 * Replacing a month is atomic (see versionedDocuments): the new rows go under a fresh docId, then the
 * version entity and the pointer move in one transaction conditional on the pointer's ETag; a failed or
 * cancelled sync never moves the pointer, and the previous snapshot stays readable throughout.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type {
  LedgerDuplicate,
  SyncKind,
  LedgerRowByKind,
  LedgerSnapshot,
  LedgerSyncResponse,
} from '../contract/monthEnd';
import { SYNC_KINDS } from '../contract/monthEnd';
import { diffLedger, keyRows, type KeyedRow } from '../domain/monthEnd';
import { openTable, type TableClientOptions } from './client';
import { packJson, unpackJson } from './packedJson';
import { encodeKey } from './keys';
import {
  DocumentCache,
  VersionedDocuments,
  POINTER_KEY,
  type Stored,
  type VersionEntity,
} from './versionedDocuments';

export const LEDGERS_TABLE = 'Ledgers';

type LedgerEntity = VersionEntity & {
  kind: string;
  month: string;
  rows: number;
  syncedBy: string;
  syncedById?: string;
  syncedAt: string;
};

/** What is known about a month's snapshot without reading its rows. */
export interface LedgerInfo {
  readonly kind: SyncKind;
  readonly month: string;
  readonly version: number;
  /** Identifies the stored rows: changes whenever the snapshot is replaced. */
  readonly docId: string;
  readonly rows: number;
  readonly syncedBy: string;
  readonly syncedAt: string;
}

/** The pointer entity behind each listed LedgerInfo: reading its rows needs no second lookup. */
const entityOfInfo = new WeakMap<LedgerInfo, LedgerEntity>();

export interface SyncRequest<K extends SyncKind> {
  readonly kind: K;
  readonly month: string;
  /** Already checked against the contract and the month. */
  readonly rows: readonly LedgerRowByKind[K][];
  readonly syncedBy: string;
  readonly syncedById?: string;
  readonly syncedAt?: Date;
  /** Cancels the sync before the pointer moves (the old snapshot stays). */
  readonly signal?: AbortSignal;
}

export type SyncResult = LedgerSyncResponse & { readonly changedSnapshot: boolean };

/** Another sync of the same month finished first with different rows. */
export class LedgerConflictError extends Error {
  override readonly name = 'LedgerConflictError';

  constructor(
    readonly kind: SyncKind,
    readonly month: string,
    readonly current: LedgerInfo | null,
  ) {
    super(`Ledger ${kind} ${month}: another sync replaced the snapshot first.`);
  }
}

export interface LedgerRepositoryOptions extends TableClientOptions {
  readonly tableName?: string;
}

/** What a snapshot's document holds: rows in sheet order and their business keys. */
interface SnapshotDocument {
  readonly keys: string[];
  readonly rows: unknown[];
}

/** Packed text by docId: the store's own cache, kept tiny (the parsed rows are cached below). */
const packedCache = new DocumentCache<string>(1);
/** Parsed snapshots by docId (immutable). A year is 48 snapshots; the run reads them all. */
const keyedCache = new DocumentCache<KeyedRow<unknown>[]>(64);

/** Forget parsed snapshots (the bench measures cold reads). */
export function clearLedgerCache(): void {
  packedCache.clear();
  keyedCache.clear();
}

export const ledgerPartition = (kind: SyncKind, month: string): string => encodeKey(`${kind}-${month}`);

function toInfo(e: LedgerEntity): LedgerInfo {
  return {
    kind: e.kind as SyncKind,
    month: e.month,
    version: e.version,
    docId: e.docId,
    rows: e.rows,
    syncedBy: e.syncedBy,
    syncedAt: e.syncedAt,
  };
}

export class LedgerRepository {
  private constructor(
    private readonly table: TableClient,
    private readonly store: VersionedDocuments<LedgerEntity, string>,
  ) {}

  static async open(options: LedgerRepositoryOptions = {}): Promise<LedgerRepository> {
    const table = await openTable(options.tableName ?? LEDGERS_TABLE, options);
    return new LedgerRepository(
      table,
      new VersionedDocuments<LedgerEntity, string>(table, {
        property: 'rows',
        cache: packedCache,
        describe: (e) => `Ledger ${e.kind} ${e.month} version ${e.version}`,
      }),
    );
  }

  async current(kind: SyncKind, month: string): Promise<LedgerInfo | null> {
    const pointer = await this.store.pointer(ledgerPartition(kind, month));
    return pointer ? toInfo(pointer) : null;
  }

  /** Every month's pointer of every ledger (one query over the pointers only). */
  async list(): Promise<LedgerInfo[]> {
    const filter = odata`RowKey eq ${POINTER_KEY}`;
    const out: LedgerInfo[] = [];
    for await (const e of this.table.listEntities<LedgerEntity>({ queryOptions: { filter } })) {
      if (!(SYNC_KINDS as readonly string[]).includes(e.kind)) continue;
      const info = toInfo(e);
      entityOfInfo.set(info, e);
      out.push(info);
    }
    return out.sort((a, b) =>
      a.month !== b.month ? (a.month < b.month ? -1 : 1) : a.kind < b.kind ? -1 : 1,
    );
  }

  /** The month's snapshot (rows in sheet order), or null if never synced. */
  async read<K extends SyncKind>(kind: K, month: string): Promise<LedgerSnapshot<K> | null> {
    const pointer = await this.store.pointer(ledgerPartition(kind, month));
    if (!pointer) return null;
    return this.snapshotOf<K>(pointer);
  }

  /** The keyed rows of the snapshot a pointer names (also after it moved on: versions never change). */
  async rowsOf<K extends SyncKind>(info: LedgerInfo): Promise<KeyedRow<LedgerRowByKind[K]>[]> {
    const cached = keyedCache.get(info.docId);
    if (cached) return cached as KeyedRow<LedgerRowByKind[K]>[];
    const entity =
      entityOfInfo.get(info) ??
      (await this.store.version(ledgerPartition(info.kind, info.month), info.version));
    if (!entity) throw new Error(`Ledger ${info.kind} ${info.month} version ${info.version} is missing.`);
    return this.keyed(info.kind as K, entity);
  }

  /**
   * Replaces the month's snapshot if the rows differ (by business key, content and location) from the
   * current one; otherwise keeps the version. A concurrent sync that wins first makes this one a
   * LedgerConflictError, unless it stored the very same rows (then this answers "unchanged").
   */
  async sync<K extends SyncKind>(request: SyncRequest<K>): Promise<SyncResult> {
    const { kind, month } = request;
    const partition = ledgerPartition(kind, month);
    const next = keyRows(kind, request.rows);
    const before = await this.store.pointer(partition);
    const diff = diffLedger(before ? await this.keyed(kind, before) : [], next.keyed);
    if (before && !diff.differs) return this.unchanged(before, next.keyed.length, next.duplicates);

    const syncedAt = (request.syncedAt ?? new Date()).toISOString();
    const document: SnapshotDocument = {
      keys: next.keyed.map((k) => k.key),
      rows: next.keyed.map((k) => k.row),
    };
    const entity = await this.store.publish(
      partition,
      before,
      await packJson(document),
      {
        kind,
        month,
        rows: document.rows.length,
        syncedBy: request.syncedBy,
        ...(request.syncedById ? { syncedById: request.syncedById } : {}),
        syncedAt,
      },
      { signal: request.signal },
    );
    if (entity === 'conflict') {
      const winner = await this.store.pointer(partition);
      if (winner && !diffLedger(await this.keyed(kind, winner), next.keyed).differs) {
        return this.unchanged(winner, next.keyed.length, next.duplicates);
      }
      throw new LedgerConflictError(kind, month, winner ? toInfo(winner) : null);
    }
    return {
      kind,
      month,
      version: entity.version,
      added: diff.added,
      changed: diff.changed,
      removed: diff.removed,
      unchanged: diff.unchanged,
      moved: diff.moved,
      duplicates: next.duplicates,
      syncedBy: entity.syncedBy,
      syncedAt: entity.syncedAt,
      changedSnapshot: true,
    };
  }

  private async keyed<K extends SyncKind>(
    _kind: K,
    entity: LedgerEntity,
  ): Promise<KeyedRow<LedgerRowByKind[K]>[]> {
    const cached = keyedCache.get(entity.docId);
    if (cached) return cached as KeyedRow<LedgerRowByKind[K]>[];
    const document = await unpackJson<SnapshotDocument>(await this.store.document(entity));
    const keyed = document.rows.map((row, i) => ({ key: document.keys[i]!, row: row as LedgerRowByKind[K] }));
    keyedCache.remember(entity.docId, keyed);
    return keyed;
  }

  private unchanged(entity: Stored<LedgerEntity>, count: number, duplicates: LedgerDuplicate[]): SyncResult {
    return {
      kind: entity.kind as SyncKind,
      month: entity.month,
      version: entity.version,
      added: 0,
      changed: 0,
      removed: 0,
      unchanged: count,
      moved: 0,
      duplicates,
      syncedBy: entity.syncedBy,
      syncedAt: entity.syncedAt,
      changedSnapshot: false,
    };
  }

  private async snapshotOf<K extends SyncKind>(entity: LedgerEntity): Promise<LedgerSnapshot<K>> {
    return {
      kind: entity.kind as K,
      month: entity.month,
      version: entity.version,
      syncedBy: entity.syncedBy,
      syncedAt: entity.syncedAt,
      rows: (await this.keyed(entity.kind as K, entity)).map((k) => k.row),
    };
  }
}

export function openLedgerRepository(options: LedgerRepositoryOptions = {}): Promise<LedgerRepository> {
  return LedgerRepository.open(options);
}
