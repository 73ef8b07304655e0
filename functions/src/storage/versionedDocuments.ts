/**
 * The storage mechanism shared by published, versioned documents (annual plans, the price policy). In one
 * partition:
 *
 *   current                  pointer to the published version (its version number is the HTTP ETag)
 *   version-000003           one entity per published version (the caller's fields plus docId and chunks)
 *   doc-<docId>-00000 …      the version's document as ASCII JSON text, ~450 K chars per entity
 *
 * `publish` writes the document entities first (under a fresh docId, so nothing shared is touched), then
 * creates the version entity and moves the pointer in ONE transaction, conditional on the pointer's storage
 * ETag: two heads publishing at once cannot both win, and a failed publish leaves the current one intact.
 * Versions never change, so parsed documents are cached by docId. The domain's fields, conflict errors and
 * ETags stay with each repository.
 */
import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { submitBatch } from './batch';
import { asciiJson, joinDocument, LIMITS, splitDocument } from './limits';

/**
 * Characters of document JSON per entity: 14 string properties, 896 KiB in Azure's UTF-16 count. The JSON
 * is ASCII (`asciiJson`), so Azurite's UTF-8 count is half that and no CJK character can be garbled.
 */
export const DOC_CHUNK_CHARS = 14 * LIMITS.maxStringChars;

export const POINTER_KEY = 'current';
const versionKey = (version: number): string => `version-${String(version).padStart(6, '0')}`;
const docKeyPrefix = (docId: string): string => `doc-${docId}-`;

/** What every version entity (and the pointer, a copy of the latest) holds besides the caller's fields. */
export type VersionEntity = {
  partitionKey: string;
  rowKey: string;
  version: number;
  docId: string;
  chunks: number;
};

export type Stored<E> = E & { etag: string };

/** Cuts text into pieces of at most `max` chars (the text is ASCII: no character can be cut in two). */
export function sliceText(text: string, max: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length || pieces.length === 0; start += max) {
    pieces.push(text.slice(start, start + max));
  }
  return pieces;
}

/** Parsed documents by docId, least recently used dropped first. */
export class DocumentCache<D> {
  private readonly entries = new Map<string, D>();

  constructor(private readonly size: number) {}

  get(docId: string): D | undefined {
    const value = this.entries.get(docId);
    if (value !== undefined) this.remember(docId, value);
    return value;
  }

  remember(docId: string, value: D): void {
    this.entries.delete(docId);
    this.entries.set(docId, value);
    while (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

export interface VersionedDocumentsOptions<E, D> {
  /** The property name the document text is split under (`rows`, `policy`). */
  readonly property: string;
  readonly cache: DocumentCache<D>;
  /** Names a version in the error for missing document parts (`Plan 2026 version 3`). */
  readonly describe: (entity: E) => string;
}

export class VersionedDocuments<E extends VersionEntity & Record<string, unknown>, D> {
  constructor(
    private readonly table: TableClient,
    private readonly options: VersionedDocumentsOptions<E, D>,
  ) {}

  /** The pointer to the published version, or null. */
  pointer(partitionKey: string): Promise<Stored<E> | null> {
    return this.entity(partitionKey, POINTER_KEY);
  }

  /** One version's entity, or null (also for a number that cannot be a version). */
  async version(partitionKey: string, version: number): Promise<Stored<E> | null> {
    if (!Number.isInteger(version) || version < 1 || version > 999_999) return null;
    return this.entity(partitionKey, versionKey(version));
  }

  /** Every version entity of the partition, newest first. */
  async versions(partitionKey: string): Promise<E[]> {
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${'version-'} and RowKey lt ${'version.'}`;
    const out: E[] = [];
    for await (const entity of this.table.listEntities<E>({ queryOptions: { filter } })) out.push(entity);
    return out.sort((a, b) => b.version - a.version);
  }

  /** The document of a version (cached: versions never change). */
  async document(entity: E): Promise<D> {
    const { cache, property, describe } = this.options;
    const cached = cache.get(entity.docId);
    if (cached !== undefined) return cached;
    const prefix = docKeyPrefix(entity.docId);
    const filter = odata`PartitionKey eq ${entity.partitionKey} and RowKey ge ${prefix} and RowKey lt ${`doc-${entity.docId}.`}`;
    const parts: { rowKey: string; text: string }[] = [];
    for await (const chunk of this.table.listEntities<Record<string, unknown>>({
      queryOptions: { filter },
    })) {
      parts.push({ rowKey: String(chunk.rowKey), text: joinDocument(chunk, property) });
    }
    if (parts.length !== entity.chunks) {
      throw new Error(`${describe(entity)}: ${parts.length} of ${entity.chunks} document parts found.`);
    }
    parts.sort((a, b) => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0));
    const value = JSON.parse(parts.map((p) => p.text).join('')) as D;
    cache.remember(entity.docId, value);
    return value;
  }

  /**
   * Publishes `document` as the version after `before` (the pointer the caller checked; null: none yet).
   * `fields` gives the version entity's own fields. Answers the new entity and its docId, or 'conflict'
   * when another publisher moved the pointer first (the written parts are removed again).
   */
  async publish(
    partitionKey: string,
    before: Stored<E> | null,
    document: unknown,
    fields: Omit<E, keyof VersionEntity>,
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<E | 'conflict'> {
    const docId = randomUUID().replace(/-/g, '');
    const chunks = sliceText(asciiJson(document), DOC_CHUNK_CHARS).map((piece, index) => ({
      partitionKey,
      rowKey: `${docKeyPrefix(docId)}${String(index).padStart(5, '0')}`,
      ...splitDocument(piece, this.options.property),
    }));
    const removeChunks = (): Promise<unknown> =>
      submitBatch(
        this.table,
        chunks.map((c): TransactionAction => ['delete', { partitionKey, rowKey: c.rowKey }]),
      ).catch(() => undefined);
    try {
      await submitBatch(this.table, chunks);
      // A cancelled publish stops before the pointer moves: the current version stays whole.
      options.signal?.throwIfAborted();
    } catch (err) {
      await removeChunks();
      throw err;
    }

    const version = (before?.version ?? 0) + 1;
    const entity = {
      partitionKey,
      rowKey: versionKey(version),
      version,
      docId,
      chunks: chunks.length,
      ...fields,
    } as E;
    const pointer = { ...entity, rowKey: POINTER_KEY };
    const commit: TransactionAction[] = [
      ['create', entity],
      before ? ['update', pointer, 'Replace', { etag: before.etag }] : ['create', pointer],
    ];
    try {
      await submitBatch(this.table, commit);
    } catch (err) {
      const status = statusOf((err as { cause?: unknown }).cause ?? err);
      // Our chunks are referenced by nothing now: remove them (best effort; they are invisible either way).
      await removeChunks();
      if (status === 409 || status === 412) return 'conflict';
      throw err;
    }
    return entity;
  }

  private async entity(partitionKey: string, rowKey: string): Promise<Stored<E> | null> {
    try {
      return await this.table.getEntity<E>(partitionKey, rowKey);
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }
}
