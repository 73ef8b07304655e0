import { openTable } from '../../src/storage/client';
import {
  ConcurrencyError,
  deleteIfMatch,
  insertIfAbsent,
  updateIfMatch,
} from '../../src/storage/concurrency';
import { StorageLimitError } from '../../src/storage/limits';
import { uniqueTableName, useAzurite } from '../support/azurite';

async function conflictOf(promise: Promise<unknown>): Promise<ConcurrencyError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ConcurrencyError)) throw new Error(`expected a ConcurrencyError, got ${String(err)}`);
  return err;
}

describe('optimistic concurrency against Azurite', () => {
  useAzurite();

  it('insertIfAbsent creates once, then reports "exists"', async () => {
    const table = await openTable(uniqueTableName('Conc'));
    const entity = { partitionKey: 'policy', rowKey: 'current', version: 1 };
    expect(await insertIfAbsent(table, entity)).toMatch(/.+/);
    const err = await conflictOf(insertIfAbsent(table, { ...entity, version: 2 }));
    expect(err).toMatchObject({ kind: 'exists', partitionKey: 'policy', rowKey: 'current' });
    expect((await table.getEntity<{ version: number }>('policy', 'current')).version).toBe(1);
  });

  it('updateIfMatch writes with the current ETag and turns a stale one (412) into "changed"', async () => {
    const table = await openTable(uniqueTableName('Conc'));
    const first = await insertIfAbsent(table, { partitionKey: 'policy', rowKey: 'current', version: 1 });
    const second = await updateIfMatch(
      table,
      { partitionKey: 'policy', rowKey: 'current', version: 2 },
      first,
    );
    expect(second).not.toBe(first);

    // A second writer still holding the first ETag loses.
    const err = await conflictOf(
      updateIfMatch(table, { partitionKey: 'policy', rowKey: 'current', version: 3 }, first),
    );
    expect(err.kind).toBe('changed');
    expect(err.message).toMatch(/Changed by someone else.*"policy".*"current"/);
    expect((await table.getEntity<{ version: number }>('policy', 'current')).version).toBe(2);

    await expect(deleteIfMatch(table, 'policy', 'current', first)).rejects.toMatchObject({ kind: 'changed' });
    await deleteIfMatch(table, 'policy', 'current', second);
    const gone = await conflictOf(
      updateIfMatch(table, { partitionKey: 'policy', rowKey: 'current', version: 4 }, second),
    );
    expect(gone.kind).toBe('missing');
  });

  it('checks entity size before writing', async () => {
    const table = await openTable(uniqueTableName('Conc'));
    await expect(
      insertIfAbsent(table, { partitionKey: 'p', rowKey: 'r', text: 'x'.repeat(40000) }),
    ).rejects.toThrow(StorageLimitError);
  });
});
