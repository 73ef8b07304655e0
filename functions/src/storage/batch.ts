import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { checkEntitySize, jsonBytes } from './limits';

/** Entity group transactions: one partition, at most 100 operations and 4 MiB of payload. */
export const TRANSACTION_LIMITS = {
  maxOperations: 100,
  /** 4 MiB less room for the multipart envelope around the operations. */
  maxPayloadBytes: 4 * 1024 * 1024 - 64 * 1024,
} as const;

/** Per-operation multipart headers and request line (generous: keys appear in the URL too). */
const OPERATION_OVERHEAD_BYTES = 512;

/** A plain entity means "upsert (merge)". */
export type BatchItem = TableEntity | TransactionAction;

export interface BatchResult {
  readonly partitions: number;
  readonly transactions: number;
  readonly operations: number;
}

/** Some transactions were written before one failed: `committed` says how much is already stored. */
export class BatchError extends Error {
  override readonly name = 'BatchError';

  constructor(
    readonly committed: BatchResult,
    readonly failedPartition: string,
    options: { cause: unknown },
  ) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      `Batch write failed in PartitionKey "${failedPartition}" after ${committed.transactions} transaction(s) ` +
        `(${committed.operations} operations) were stored: ${reason}`,
      options,
    );
  }
}

export function toAction(item: BatchItem): TransactionAction {
  return Array.isArray(item) ? (item as TransactionAction) : ['upsert', item as TableEntity];
}

/** Bytes an operation adds to a transaction body (its JSON, UTF-8, plus headers). */
export function operationBytes(action: TransactionAction): number {
  const [kind, entity] = action;
  const url = (entity.partitionKey.length + entity.rowKey.length) * 3;
  if (kind === 'delete') return OPERATION_OVERHEAD_BYTES + url;
  return OPERATION_OVERHEAD_BYTES + url + jsonBytes(entity);
}

/**
 * Groups actions by PartitionKey (first-seen order, order kept within a partition) and cuts each
 * group into transactions within the limits. An entity appearing twice starts a new transaction,
 * since a transaction may touch each entity only once.
 */
export function planTransactions(
  items: readonly BatchItem[],
  limits: { maxOperations: number; maxPayloadBytes: number } = TRANSACTION_LIMITS,
): TransactionAction[][] {
  const byPartition = new Map<string, TransactionAction[]>();
  for (const item of items) {
    const action = toAction(item);
    const group = byPartition.get(action[1].partitionKey);
    if (group) group.push(action);
    else byPartition.set(action[1].partitionKey, [action]);
  }

  const plan: TransactionAction[][] = [];
  for (const actions of byPartition.values()) {
    let current: TransactionAction[] = [];
    let bytes = 0;
    let rowKeys = new Set<string>();
    for (const action of actions) {
      const size = operationBytes(action);
      const full =
        current.length >= limits.maxOperations ||
        bytes + size > limits.maxPayloadBytes ||
        rowKeys.has(action[1].rowKey);
      if (full && current.length > 0) {
        plan.push(current);
        current = [];
        bytes = 0;
        rowKeys = new Set();
      }
      current.push(action);
      bytes += size;
      rowKeys.add(action[1].rowKey);
    }
    if (current.length > 0) plan.push(current);
  }
  return plan;
}

/**
 * Writes many entities/actions with as few requests as the limits allow. Every entity is
 * size-checked first, so a bad entity stops the batch before anything is written. Transactions
 * run one after another; if one fails, a `BatchError` says what was already stored.
 * The table must exist (`openTable`).
 */
export async function submitBatch(client: TableClient, items: readonly BatchItem[]): Promise<BatchResult> {
  const actions = items.map(toAction);
  for (const [kind, entity] of actions) {
    if (kind !== 'delete') checkEntitySize(entity);
  }
  const plan = planTransactions(actions);
  const partitions = new Set<string>();
  let transactions = 0;
  let operations = 0;
  for (const transaction of plan) {
    const partition = transaction[0]?.[1].partitionKey ?? '';
    try {
      await client.submitTransaction(transaction);
    } catch (err) {
      throw new BatchError({ partitions: partitions.size, transactions, operations }, partition, {
        cause: err,
      });
    }
    partitions.add(partition);
    transactions += 1;
    operations += transaction.length;
  }
  return { partitions: partitions.size, transactions, operations };
}
