/**
 * Published annual plans (年度计划) in Table Storage. One partition per year:
 *
 *   current                  pointer to the published version (its version number is the HTTP ETag)
 *   version-000003           one entity per published version: who, when, unit, totals, summary
 *   doc-<docId>-00000 …      the version's rows as ASCII JSON text, ~450 K chars per entity (splitDocument inside)
 *
 * A publish writes the document entities first (under a fresh docId, so nothing shared is touched), then
 * creates the version entity and moves the pointer in ONE transaction, conditional on the pointer's storage
 * ETag: two heads publishing at once cannot both win, and a failed publish leaves the current plan intact.
 * Versions are immutable, so a read document is cached in process by docId.
 */
import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type {
  Bilingual,
  PlanRow,
  PlanUnit,
  PlanVersion,
  PlanVersionInput,
  SplitMethod,
} from '../contract/plans';
import { openTable, type TableClientOptions } from './client';
import { submitBatch } from './batch';
import { asciiJson, joinDocument, LIMITS, splitDocument } from './limits';

export const PLANS_TABLE = 'Plans';

/**
 * Characters of row JSON per document entity: 14 string properties, 896 KiB in Azure's UTF-16 count. The
 * JSON is ASCII (`asciiJson`), so Azurite's UTF-8 count is half that and no CJK character can be garbled.
 */
export const DOC_CHUNK_CHARS = 14 * LIMITS.maxStringChars;

const POINTER_KEY = 'current';
const versionKey = (version: number): string => `version-${String(version).padStart(6, '0')}`;
const docKeyPrefix = (docId: string): string => `doc-${docId}-`;

/** What is known about one published version without reading its rows. */
export interface PlanVersionInfo {
  readonly year: number;
  readonly version: number;
  /** The HTTP ETag of this version (`"plan-2026-v3"`). */
  readonly etag: string;
  readonly unit: PlanUnit;
  readonly roundTo: number;
  readonly method?: SplitMethod;
  readonly rows: number;
  /** Sum of the rows' annual targets, in `unit`. */
  readonly annual: number;
  readonly publishedBy: string;
  readonly publishedById?: string;
  readonly publishedAt: string;
  readonly summary: Bilingual;
}

export interface StoredPlan {
  readonly info: PlanVersionInfo;
  /** The plan as published (`GET /api/plans/{year}` answers this plus `version`). */
  readonly plan: PlanVersion;
}

export interface PublishRequest {
  readonly input: PlanVersionInput;
  /** The version the publisher saw; null: there must be no plan for the year yet. */
  readonly expectedVersion: number | null;
  readonly publishedBy: string;
  readonly publishedById?: string;
  /** Defaults to now. */
  readonly publishedAt?: Date;
  /** Sum of the rows' annual targets (exact, computed by the caller). */
  readonly annual: number;
  readonly summary: Bilingual;
}

/** Someone else published first (or the plan exists / does not exist unlike expected). */
export class PlanConflictError extends Error {
  override readonly name = 'PlanConflictError';

  constructor(
    readonly year: number,
    readonly expectedVersion: number | null,
    /** The version now published, null if none. */
    readonly current: PlanVersionInfo | null,
  ) {
    super(
      `Plan ${year}: expected ${expectedVersion === null ? 'no published version' : `version ${expectedVersion}`}, ` +
        `found ${current ? `version ${current.version}` : 'none'}.`,
    );
  }
}

/** The strong HTTP ETag of a plan version. */
export function planEtag(year: number, version: number): string {
  return `"plan-${year}-v${version}"`;
}

/** The version an ETag names for `year`, or null if it is not one of ours (weak prefix tolerated). */
export function versionOfEtag(year: number, etag: string): number | null {
  const match = /^(?:W\/)?"plan-(\d{4})-v(\d{1,6})"$/.exec(etag.trim());
  if (!match || Number(match[1]) !== year) return null;
  return Number(match[2]);
}

type InfoEntity = {
  partitionKey: string;
  rowKey: string;
  year: number;
  version: number;
  docId: string;
  chunks: number;
  unit: string;
  roundTo: number;
  method?: string;
  rows: number;
  annual: number;
  publishedBy: string;
  publishedById?: string;
  publishedAt: string;
  summaryZh: string;
  summaryEn: string;
};

type StoredInfoEntity = InfoEntity & { etag: string };

export interface PlanRepositoryOptions extends TableClientOptions {
  /** Defaults to `Plans`; tests pass their own. */
  readonly tableName?: string;
}

/** Parsed documents by docId (immutable): the values and progress endpoints read the same plan often. */
const documentCache = new Map<string, PlanRow[]>();
const CACHED_DOCUMENTS = 4;

function remember(docId: string, rows: PlanRow[]): void {
  documentCache.delete(docId);
  documentCache.set(docId, rows);
  while (documentCache.size > CACHED_DOCUMENTS) {
    const oldest = documentCache.keys().next().value;
    if (oldest === undefined) break;
    documentCache.delete(oldest);
  }
}

/** Cuts text into pieces of at most `max` chars (the text is ASCII: no character can be cut in two). */
export function sliceText(text: string, max: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length || pieces.length === 0; start += max) {
    pieces.push(text.slice(start, start + max));
  }
  return pieces;
}

function toInfo(entity: InfoEntity): PlanVersionInfo {
  return {
    year: entity.year,
    version: entity.version,
    etag: planEtag(entity.year, entity.version),
    unit: entity.unit as PlanUnit,
    roundTo: entity.roundTo,
    ...(entity.method ? { method: entity.method as SplitMethod } : {}),
    rows: entity.rows,
    annual: entity.annual,
    publishedBy: entity.publishedBy,
    ...(entity.publishedById ? { publishedById: entity.publishedById } : {}),
    publishedAt: entity.publishedAt,
    summary: { 'zh-CN': entity.summaryZh, 'en-US': entity.summaryEn },
  };
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

export class PlanRepository {
  private constructor(private readonly table: TableClient) {}

  static async open(options: PlanRepositoryOptions = {}): Promise<PlanRepository> {
    return new PlanRepository(await openTable(options.tableName ?? PLANS_TABLE, options));
  }

  /** The published version of `year` (no rows), or null. */
  async current(year: number): Promise<PlanVersionInfo | null> {
    const pointer = await this.pointer(year);
    return pointer ? toInfo(pointer) : null;
  }

  /** The published plan of `year` (or the given version), or null. */
  async read(year: number, version?: number): Promise<StoredPlan | null> {
    const entity = version === undefined ? await this.pointer(year) : await this.versionEntity(year, version);
    if (!entity) return null;
    const info = toInfo(entity);
    const rows = await this.document(entity);
    return {
      info,
      plan: {
        year: info.year,
        unit: info.unit,
        roundTo: info.roundTo,
        ...(info.method ? { method: info.method } : {}),
        rows,
        publishedBy: info.publishedBy,
        publishedAt: info.publishedAt,
      },
    };
  }

  /** Every published version of `year`, newest first. */
  async listVersions(year: number): Promise<PlanVersionInfo[]> {
    const filter = odata`PartitionKey eq ${String(year)} and RowKey ge ${'version-'} and RowKey lt ${'version.'}`;
    const out: PlanVersionInfo[] = [];
    for await (const entity of this.table.listEntities<InfoEntity>({ queryOptions: { filter } })) {
      out.push(toInfo(entity));
    }
    return out.sort((a, b) => b.version - a.version);
  }

  /**
   * Publishes a new version if the published one is still `expectedVersion`; else throws PlanConflictError
   * (also when another publisher wins the race after our check). Returns the new version's info.
   */
  async publish(request: PublishRequest): Promise<PlanVersionInfo> {
    const { input } = request;
    const year = input.year;
    const partitionKey = String(year);
    const before = await this.pointer(year);
    const found = before ? before.version : null;
    if (found !== request.expectedVersion) {
      throw new PlanConflictError(year, request.expectedVersion, before ? toInfo(before) : null);
    }

    const docId = randomUUID().replace(/-/g, '');
    const pieces = sliceText(asciiJson(input.rows), DOC_CHUNK_CHARS);
    const chunks = pieces.map((piece, index) => ({
      partitionKey,
      rowKey: `${docKeyPrefix(docId)}${String(index).padStart(5, '0')}`,
      ...splitDocument(piece, 'rows'),
    }));
    await submitBatch(this.table, chunks);

    const version = (found ?? 0) + 1;
    const entity: InfoEntity = {
      partitionKey,
      rowKey: versionKey(version),
      year,
      version,
      docId,
      chunks: chunks.length,
      unit: input.unit,
      roundTo: input.roundTo,
      ...(input.method ? { method: input.method } : {}),
      rows: input.rows.length,
      annual: request.annual,
      publishedBy: request.publishedBy,
      ...(request.publishedById ? { publishedById: request.publishedById } : {}),
      publishedAt: (request.publishedAt ?? new Date()).toISOString(),
      summaryZh: request.summary['zh-CN'],
      summaryEn: request.summary['en-US'],
    };
    const pointer = { ...entity, rowKey: POINTER_KEY };
    const commit: TransactionAction[] = [
      ['create', entity],
      before ? ['update', pointer, 'Replace', { etag: before.etag }] : ['create', pointer],
    ];
    try {
      await submitBatch(this.table, commit);
    } catch (err) {
      const status = statusOf((err as { cause?: unknown }).cause ?? err);
      // Our chunks are unreferenced now: remove them (best effort; they are invisible either way).
      await submitBatch(
        this.table,
        chunks.map((c): TransactionAction => ['delete', { partitionKey, rowKey: c.rowKey }]),
      ).catch(() => undefined);
      if (status === 409 || status === 412) {
        throw new PlanConflictError(year, request.expectedVersion, await this.current(year));
      }
      throw err;
    }
    return toInfo(entity);
  }

  private async pointer(year: number): Promise<StoredInfoEntity | null> {
    return this.entity(String(year), POINTER_KEY);
  }

  private async versionEntity(year: number, version: number): Promise<StoredInfoEntity | null> {
    if (!Number.isInteger(version) || version < 1 || version > 999_999) return null;
    return this.entity(String(year), versionKey(version));
  }

  private async entity(partitionKey: string, rowKey: string): Promise<StoredInfoEntity | null> {
    try {
      return await this.table.getEntity<InfoEntity>(partitionKey, rowKey);
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }

  private async document(entity: InfoEntity): Promise<PlanRow[]> {
    const cached = documentCache.get(entity.docId);
    if (cached) {
      remember(entity.docId, cached);
      return cached;
    }
    const prefix = docKeyPrefix(entity.docId);
    const filter = odata`PartitionKey eq ${entity.partitionKey} and RowKey ge ${prefix} and RowKey lt ${`doc-${entity.docId}.`}`;
    const parts: { rowKey: string; text: string }[] = [];
    for await (const chunk of this.table.listEntities<Record<string, unknown>>({
      queryOptions: { filter },
    })) {
      parts.push({ rowKey: String(chunk.rowKey), text: joinDocument(chunk, 'rows') });
    }
    if (parts.length !== entity.chunks) {
      throw new Error(
        `Plan ${entity.year} version ${entity.version}: ${parts.length} of ${entity.chunks} document parts found.`,
      );
    }
    parts.sort((a, b) => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0));
    const rows = JSON.parse(parts.map((p) => p.text).join('')) as PlanRow[];
    remember(entity.docId, rows);
    return rows;
  }
}

/** The repository on the configured storage (`SALESDESK_STORAGE`, …). */
export function openPlanRepository(options: PlanRepositoryOptions = {}): Promise<PlanRepository> {
  return PlanRepository.open(options);
}
