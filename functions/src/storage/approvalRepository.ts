/**
 * Approvals of special orders (特殊订单 / 审批单号) in Table Storage, one entity per ref:
 *
 *   PartitionKey `approval`, RowKey = encodeKey(matchKey(ref))   the approval (`SP-2026/014` → `SP-2026%2F014`)
 *   PartitionKey `_meta`,    RowKey `stamp`                       changes on every registration
 *
 * Refs are keyed the way lines quote them (case, width and spaces ignored), so `sp-2026-014` and
 * `SP-2026-014` are one approval and the second registration is refused. `all()` is what validation reads:
 * cached per process and table, valid while the stamp is unchanged (one point read per call), so a new
 * approval is seen by the next request on every instance. Should moving the stamp ever fail, a cached list
 * is still dropped after LIST_MAX_AGE_MS.
 */
import { randomUUID } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import type { Approval, Currency } from '../contract/pricing';
import { matchKey } from '../domain/pricing/keys';
import { openTable, type TableClientOptions } from './client';
import { ConcurrencyError, insertIfAbsent } from './concurrency';
import { encodeKey } from './keys';

export const APPROVALS_TABLE = 'Approvals';

const PARTITION = 'approval';
const META_PARTITION = '_meta';
const STAMP_KEY = 'stamp';

/** An approval as stored: the contract's fields plus who registered it and when. */
export interface StoredApproval extends Approval {
  readonly registeredBy: string;
  readonly registeredById?: string;
  /** ISO 8601, UTC. */
  readonly registeredAt: string;
}

export interface RegisterApprovalRequest {
  readonly approval: Approval;
  readonly registeredBy: string;
  readonly registeredById?: string;
  /** Defaults to now. */
  readonly registeredAt?: Date;
}

/** The ref is taken (by an approval with the same ref up to case, width and spaces). */
export class ApprovalExistsError extends Error {
  override readonly name = 'ApprovalExistsError';

  constructor(
    readonly ref: string,
    /** The approval already registered, when it could be read. */
    readonly existing: StoredApproval | null,
  ) {
    super(`Approval ${ref} is already registered${existing ? ` (as ${existing.ref})` : ''}.`);
  }
}

type ApprovalEntity = {
  partitionKey: string;
  rowKey: string;
  ref: string;
  customer: string;
  model: string;
  minUnitPrice: number;
  currency: string;
  validFrom: string;
  validTo: string;
  approvedBy?: string;
  note?: string;
  registeredBy: string;
  registeredById?: string;
  registeredAt: string;
};

export interface ApprovalRepositoryOptions extends TableClientOptions {
  /** Defaults to `Approvals`; tests pass their own. */
  readonly tableName?: string;
}

/** Who may filter on what: each given field must match (case, width and spaces ignored). */
export interface ApprovalFilter {
  readonly ref?: string;
  readonly customer?: string;
  readonly model?: string;
}

/** The RowKey of a ref: its match key, encoded (refs may hold `/`, which Azurite answers 500 to). */
export function approvalKey(ref: string): string {
  return encodeKey(matchKey(ref));
}

function toApproval(entity: ApprovalEntity): StoredApproval {
  return {
    ref: entity.ref,
    customer: entity.customer,
    model: entity.model,
    minUnitPrice: entity.minUnitPrice,
    currency: entity.currency as Currency,
    validFrom: entity.validFrom,
    validTo: entity.validTo,
    ...(entity.approvedBy ? { approvedBy: entity.approvedBy } : {}),
    ...(entity.note ? { note: entity.note } : {}),
    registeredBy: entity.registeredBy,
    ...(entity.registeredById ? { registeredById: entity.registeredById } : {}),
    registeredAt: entity.registeredAt,
  };
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The longest a cached list is used even when the stamp has not moved (a failed stamp write). */
export const LIST_MAX_AGE_MS = 30_000;

/** The last full list per table, valid while the stamp read before loading it is unchanged. */
const lists = new Map<
  string,
  { readonly stamp: string; readonly loadedAt: number; readonly approvals: readonly StoredApproval[] }
>();

/** Forgets cached lists (tests that rewrite storage behind the repository's back). */
export function clearApprovalCache(): void {
  lists.clear();
}

export class ApprovalRepository {
  private constructor(private readonly table: TableClient) {}

  static async open(options: ApprovalRepositoryOptions = {}): Promise<ApprovalRepository> {
    return new ApprovalRepository(await openTable(options.tableName ?? APPROVALS_TABLE, options));
  }

  /**
   * Stores a new approval; throws ApprovalExistsError when its ref is taken. The stamp moves after the
   * approval is stored, so a reader that still sees the old stamp was served before this call returned.
   * `stampError`: stored, but other instances may not see it for up to LIST_MAX_AGE_MS.
   */
  async register(
    request: RegisterApprovalRequest,
  ): Promise<{ approval: StoredApproval; stampError?: unknown }> {
    const a = request.approval;
    const entity: ApprovalEntity = {
      partitionKey: PARTITION,
      rowKey: approvalKey(a.ref),
      ref: a.ref,
      customer: a.customer,
      model: a.model,
      minUnitPrice: a.minUnitPrice,
      currency: a.currency,
      validFrom: a.validFrom,
      validTo: a.validTo,
      ...(a.approvedBy ? { approvedBy: a.approvedBy } : {}),
      ...(a.note ? { note: a.note } : {}),
      registeredBy: request.registeredBy,
      ...(request.registeredById ? { registeredById: request.registeredById } : {}),
      registeredAt: (request.registeredAt ?? new Date()).toISOString(),
    };
    try {
      await insertIfAbsent(this.table, entity);
    } catch (err) {
      if (err instanceof ConcurrencyError && err.kind === 'exists') {
        throw new ApprovalExistsError(a.ref, await this.get(a.ref));
      }
      throw err;
    }
    // The approval is stored: a failed stamp write must not make it look unregistered (the caller logs it).
    try {
      await this.table.upsertEntity(
        {
          partitionKey: META_PARTITION,
          rowKey: STAMP_KEY,
          stamp: randomUUID(),
          changedAt: entity.registeredAt,
        },
        'Replace',
      );
    } catch (stampError) {
      return { approval: toApproval(entity), stampError };
    }
    return { approval: toApproval(entity) };
  }

  /** The approval registered under `ref` (matched like lines match it), or null. */
  async get(ref: string): Promise<StoredApproval | null> {
    try {
      return toApproval(await this.table.getEntity<ApprovalEntity>(PARTITION, approvalKey(ref)));
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }

  /** Every approval (cached while nothing new is registered), sorted by ref. */
  async all(): Promise<readonly StoredApproval[]> {
    const stamp = await this.stamp();
    const key = `${this.table.url}|${this.table.tableName}`;
    const cached = lists.get(key);
    const now = Date.now();
    if (cached && cached.stamp === stamp && now - cached.loadedAt < LIST_MAX_AGE_MS) return cached.approvals;
    const approvals: StoredApproval[] = [];
    const filter = odata`PartitionKey eq ${PARTITION}`;
    for await (const entity of this.table.listEntities<ApprovalEntity>({ queryOptions: { filter } })) {
      approvals.push(toApproval(entity));
    }
    approvals.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    lists.set(key, { stamp, loadedAt: now, approvals });
    return approvals;
  }

  /** The approvals matching every given field (case, width and spaces ignored). */
  async find(filter: ApprovalFilter): Promise<StoredApproval[]> {
    const wanted = {
      ref: filter.ref === undefined ? undefined : matchKey(filter.ref),
      customer: filter.customer === undefined ? undefined : matchKey(filter.customer),
      model: filter.model === undefined ? undefined : matchKey(filter.model),
    };
    return (await this.all()).filter(
      (a) =>
        (wanted.ref === undefined || matchKey(a.ref) === wanted.ref) &&
        (wanted.customer === undefined || matchKey(a.customer) === wanted.customer) &&
        (wanted.model === undefined || matchKey(a.model) === wanted.model),
    );
  }

  private async stamp(): Promise<string> {
    try {
      const entity = await this.table.getEntity<{ stamp?: string }>(META_PARTITION, STAMP_KEY);
      return typeof entity.stamp === 'string' ? entity.stamp : '';
    } catch (err) {
      if (statusOf(err) === 404) return '';
      throw err;
    }
  }
}

export function openApprovalRepository(options: ApprovalRepositoryOptions = {}): Promise<ApprovalRepository> {
  return ApprovalRepository.open(options);
}
