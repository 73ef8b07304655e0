import type { TableClient, TableEntity, UpdateMode } from '@azure/data-tables';
import { UserFacingError } from '../contract/problem';
import { bilingual } from '../contract/text';
import { checkEntitySize } from './limits';

/**
 * `changed`: someone wrote the entity since it was read (412); `exists`: it was already there (409);
 * `missing`: it was deleted since it was read (404).
 */
export type ConflictKind = 'changed' | 'exists' | 'missing';

/** Another writer got there first. Handlers wrapped in `withErrors` answer 412/409 for it. */
export class ConcurrencyError extends UserFacingError {
  override readonly name = 'ConcurrencyError';

  constructor(
    readonly kind: ConflictKind,
    readonly partitionKey: string,
    readonly rowKey: string,
    options?: { cause?: unknown },
  ) {
    const exists = kind === 'exists';
    super(
      exists ? 'already_exists' : 'concurrency_conflict',
      exists
        ? bilingual(
            '该记录已存在（可能刚被他人创建）。请刷新后再试。',
            'This record already exists (someone may just have created it). Refresh and try again.',
          )
        : bilingual(
            '该记录已被他人修改或删除。请刷新后再试。',
            'Someone else changed or deleted this record. Refresh and try again.',
          ),
      {
        status: exists ? 409 : 412,
        details: { kind },
        cause: options?.cause,
        logMessage:
          `${kind === 'changed' ? 'Changed by someone else' : exists ? 'Already exists' : 'Deleted by someone else'}: ` +
          `PartitionKey "${partitionKey}", RowKey "${rowKey}".`,
      },
    );
  }
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Creates the entity only if no entity has its keys; returns the new ETag. */
export async function insertIfAbsent(client: TableClient, entity: TableEntity): Promise<string> {
  checkEntitySize(entity);
  try {
    const response = await client.createEntity(entity);
    return response.etag ?? '';
  } catch (err) {
    if (statusOf(err) === 409)
      throw new ConcurrencyError('exists', entity.partitionKey, entity.rowKey, { cause: err });
    throw err;
  }
}

/** Writes the entity only if it still has `etag` (what the caller read); returns the new ETag. */
export async function updateIfMatch(
  client: TableClient,
  entity: TableEntity,
  etag: string,
  mode: UpdateMode = 'Replace',
): Promise<string> {
  checkEntitySize(entity);
  try {
    const response = await client.updateEntity(entity, mode, { etag });
    return response.etag ?? '';
  } catch (err) {
    throw mapConflict(err, entity.partitionKey, entity.rowKey);
  }
}

/** Deletes the entity only if it still has `etag`. */
export async function deleteIfMatch(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
  etag: string,
): Promise<void> {
  try {
    await client.deleteEntity(partitionKey, rowKey, { etag });
  } catch (err) {
    throw mapConflict(err, partitionKey, rowKey);
  }
}

function mapConflict(err: unknown, partitionKey: string, rowKey: string): unknown {
  const status = statusOf(err);
  if (status === 412) return new ConcurrencyError('changed', partitionKey, rowKey, { cause: err });
  if (status === 404) return new ConcurrencyError('missing', partitionKey, rowKey, { cause: err });
  return err;
}
