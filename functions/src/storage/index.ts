/** Table Storage for every feature: one client factory, key encoding, limits, batches, concurrency. */
export {
  AZURITE_ACCOUNT,
  AZURITE_KEY,
  azuriteConnectionString,
  createServiceClient,
  createTableClient,
  ensureTable,
  openTable,
  storageConnectionString,
  StorageConfigError,
  storageTarget,
  storageTargetKey,
  type StorageTarget,
  type TableClientOptions,
} from './client';
export { assertValidKey, decodeKey, encodeKey, KeyError, MAX_KEY_BYTES } from './keys';
export {
  checkEntitySize,
  joinDocument,
  LIMITS,
  splitDocument,
  StorageLimitError,
  type StorageLimit,
} from './limits';
export {
  BatchError,
  planTransactions,
  submitBatch,
  TRANSACTION_LIMITS,
  type BatchItem,
  type BatchResult,
} from './batch';
export {
  ConcurrencyError,
  deleteIfMatch,
  insertIfAbsent,
  updateIfMatch,
  type ConflictKind,
} from './concurrency';
export { pingStorage, StorageProbe, type StorageStatus } from './ping';
export { DEFAULT_STORAGE_TIMEOUT_MS, storageDeadlinePolicy, storageTimeoutMs } from './deadline';
export {
  findStorageUnavailable,
  isUnreachable,
  StorageUnavailableError,
  type StorageFailure,
} from './unavailable';
