import type { TableEntity, TransactionAction } from '@azure/data-tables';
import { openTable } from '../../src/storage/client';
import {
  BatchError,
  operationBytes,
  planTransactions,
  submitBatch,
  TRANSACTION_LIMITS,
} from '../../src/storage/batch';
import { StorageLimitError } from '../../src/storage/limits';
import { uniqueTableName, useAzurite } from '../support/azurite';

const rows = (
  count: number,
  partitionKey = 'ledger-2026-03',
  extra: Record<string, unknown> = {},
): TableEntity[] =>
  Array.from({ length: count }, (_, i) => ({
    partitionKey,
    rowKey: String(i).padStart(5, '0'),
    qty: i,
    ...extra,
  }));

/** ~0.97 MB per entity (as UTF-8 JSON; 0.65 MB as stored): 5 of them exceed one 4 MiB transaction. */
function bigEntity(i: number): TableEntity {
  const props = Object.fromEntries(Array.from({ length: 11 }, (_, p) => [`note${p}`, '泵'.repeat(29000)]));
  return { partitionKey: 'big', rowKey: `r${i}`, ...props };
}

describe('planTransactions', () => {
  it('cuts 250 operations of one partition into 100 + 100 + 50', () => {
    expect(planTransactions(rows(250)).map((t) => t.length)).toEqual([100, 100, 50]);
  });

  it('never mixes partitions in one transaction, keeping order within a partition', () => {
    const items = [
      ...rows(3, 'A'),
      ...rows(2, 'B'),
      ...rows(2, 'A').map((e) => ({ ...e, rowKey: `x${e.rowKey}` })),
    ];
    const plan = planTransactions(items);
    expect(plan.map((t) => t.map(([, e]) => `${e.partitionKey}/${e.rowKey}`))).toEqual([
      ['A/00000', 'A/00001', 'A/00002', 'A/x00000', 'A/x00001'],
      ['B/00000', 'B/00001'],
    ]);
  });

  it('starts a new transaction when an entity appears a second time', () => {
    const actions: TransactionAction[] = [
      ['upsert', { partitionKey: 'A', rowKey: '1', v: 1 }],
      ['upsert', { partitionKey: 'A', rowKey: '2', v: 1 }],
      ['update', { partitionKey: 'A', rowKey: '1', v: 2 }, 'Merge'],
    ];
    expect(planTransactions(actions).map((t) => t.length)).toEqual([2, 1]);
  });

  it('cuts by payload bytes when entities are large', () => {
    const entities = Array.from({ length: 8 }, (_, i) => bigEntity(i));
    const plan = planTransactions(entities);
    expect(plan.length).toBeGreaterThan(1);
    expect(plan.length).toBeLessThan(8);
    for (const transaction of plan) {
      const bytes = transaction.reduce((sum, action) => sum + operationBytes(action), 0);
      expect(bytes).toBeLessThanOrEqual(TRANSACTION_LIMITS.maxPayloadBytes);
      expect(bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    }
    expect(plan.flat()).toHaveLength(8);
  });
});

describe('submitBatch against Azurite', () => {
  useAzurite();

  it('writes 250 entities in 3 transactions and reports the counts', async () => {
    const table = await openTable(uniqueTableName('Batch'));
    const submit = jest.spyOn(table, 'submitTransaction');
    const result = await submitBatch(table, rows(250));
    expect(result).toEqual({ partitions: 1, transactions: 3, operations: 250 });
    expect(submit.mock.calls.map(([actions]) => actions.length)).toEqual([100, 100, 50]);
    let count = 0;
    for await (const _ of table.listEntities()) count++;
    expect(count).toBe(250);
  });

  it('writes more than 4 MiB of payload by splitting on bytes, and reads every entity back', async () => {
    const table = await openTable(uniqueTableName('Big'));
    const entities = Array.from({ length: 6 }, (_, i) => bigEntity(i));
    const result = await submitBatch(table, entities);
    expect(result.operations).toBe(6);
    expect(result.transactions).toBeGreaterThan(1);
    const back = await table.getEntity<Record<string, string>>('big', 'r5');
    expect(back.note10).toBe('泵'.repeat(29000));
  });

  it('checks every entity before writing anything', async () => {
    const table = await openTable(uniqueTableName('Bad'));
    const tooMany = Object.fromEntries(Array.from({ length: 253 }, (_, i) => [`p${i}`, i]));
    const items = [...rows(150), { partitionKey: 'ledger-2026-03', rowKey: 'bad', ...tooMany }];
    await expect(submitBatch(table, items)).rejects.toThrow(StorageLimitError);
    let count = 0;
    for await (const _ of table.listEntities()) count++;
    expect(count).toBe(0);
  });

  it('says how much was stored when a later transaction fails', async () => {
    const table = await openTable(uniqueTableName('Fail'));
    await table.createEntity({ partitionKey: 'P', rowKey: '00120' });
    // Transaction 1 (rows 0–99) succeeds; transaction 2 tries to create row 120, which exists.
    const actions: TransactionAction[] = rows(150, 'P').map((e) => ['create', e]);
    const error = await submitBatch(table, actions).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(BatchError);
    expect((error as BatchError).committed).toEqual({ partitions: 1, transactions: 1, operations: 100 });
    expect((error as BatchError).message).toMatch(
      /PartitionKey "P" after 1 transaction\(s\) \(100 operations\)/,
    );
  });
});
