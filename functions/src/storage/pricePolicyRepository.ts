/**
 * Published price policies (价格政策) in Table Storage. One partition, `policy`:
 *
 *   current                  pointer to the latest published version (its number is the HTTP ETag)
 *   version-000003           one entity per published version: effective date, who, when, summary
 *   doc-<docId>-00000 …      the version's policy as ASCII JSON, ~450 K chars per entity (splitDocument inside)
 *
 * A publish writes the document entities first (under a fresh docId), then creates the version entity and
 * moves the pointer in ONE transaction conditional on the pointer's storage ETag: of two heads publishing at
 * once only one wins, and a failed publish leaves the published policy as it was. Versions never change, so
 * parsed documents are cached by docId, and `snapshot()` (every version, for validation) is cached by the
 * pointer's version: a request costs one point read until someone publishes, and a publish is seen at once.
 */
import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { LocalizedText, PricePolicy } from '../contract/pricing';
import { openTable, type TableClientOptions } from './client';
import { submitBatch } from './batch';
import { asciiJson, joinDocument, LIMITS, splitDocument } from './limits';

export const PRICE_POLICY_TABLE = 'PricePolicy';

const PARTITION = 'policy';
const POINTER_KEY = 'current';
/** Characters of policy JSON per document entity: 14 string properties (see planRepository). */
export const POLICY_CHUNK_CHARS = 14 * LIMITS.maxStringChars;
const versionKey = (version: number): string => `version-${String(version).padStart(6, '0')}`;
const docKeyPrefix = (docId: string): string => `doc-${docId}-`;

/** What is known about one published version without reading its policy. */
export interface PolicyVersionInfo {
  readonly version: number;
  /** The HTTP ETag of this version (`"price-policy-v3"`). */
  readonly etag: string;
  /** From the policy: orders dated on or after it are judged by this version (until a later one). */
  readonly effectiveDate: string;
  readonly products: number;
  readonly rules: number;
  readonly publishedBy: string;
  readonly publishedById?: string;
  /** ISO 8601, UTC. */
  readonly publishedAt: string;
  /** What changed against the version it was based on. */
  readonly summary: LocalizedText;
}

/** A version with its policy: what the engine judges by (`{ version, policy }`). */
export interface StoredPolicyVersion extends PolicyVersionInfo {
  readonly policy: PricePolicy;
}

/** Every published version, newest publish first, and the latest one. */
export interface PolicySnapshot {
  readonly current: PolicyVersionInfo | null;
  readonly versions: readonly StoredPolicyVersion[];
}

export interface PublishPolicyRequest {
  readonly policy: PricePolicy;
  /** The version the publisher worked from; null: nothing may be published yet. */
  readonly expectedVersion: number | null;
  readonly publishedBy: string;
  readonly publishedById?: string;
  /** Defaults to now. */
  readonly publishedAt?: Date;
  readonly summary: LocalizedText;
}

/** Someone else published first (or a policy exists / does not exist unlike expected). */
export class PolicyConflictError extends Error {
  override readonly name = 'PolicyConflictError';

  constructor(
    readonly expectedVersion: number | null,
    /** The latest version now, null if none. */
    readonly current: PolicyVersionInfo | null,
  ) {
    super(
      `Price policy: expected ${expectedVersion === null ? 'no published version' : `version ${expectedVersion}`}, ` +
        `found ${current ? `version ${current.version}` : 'none'}.`,
    );
  }
}

/** The strong HTTP ETag of a policy version. */
export function policyEtag(version: number): string {
  return `"price-policy-v${version}"`;
}

/** The version an ETag names, or null if it is not one of ours (weak prefix tolerated). */
export function versionOfPolicyEtag(etag: string): number | null {
  const match = /^(?:W\/)?"price-policy-v(\d{1,6})"$/.exec(etag.trim());
  return match ? Number(match[1]) : null;
}

type InfoEntity = {
  partitionKey: string;
  rowKey: string;
  version: number;
  docId: string;
  chunks: number;
  effectiveDate: string;
  products: number;
  rules: number;
  publishedBy: string;
  publishedById?: string;
  publishedAt: string;
  summaryZh: string;
  summaryEn: string;
};

type StoredInfoEntity = InfoEntity & { etag: string };

export interface PricePolicyRepositoryOptions extends TableClientOptions {
  /** Defaults to `PricePolicy`; tests pass their own. */
  readonly tableName?: string;
}

function toInfo(entity: InfoEntity): PolicyVersionInfo {
  return {
    version: entity.version,
    etag: policyEtag(entity.version),
    effectiveDate: entity.effectiveDate,
    products: entity.products,
    rules: entity.rules,
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

/** Cuts ASCII text into pieces of at most `max` chars. */
function sliceText(text: string, max: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length || pieces.length === 0; start += max) {
    pieces.push(text.slice(start, start + max));
  }
  return pieces;
}

// ── Process-wide caches (versions are immutable) ────────────────────────────────────────────────

/** Parsed policies by docId. Kept object-identical, so the engine compiles each version once per process. */
const documents = new Map<string, PricePolicy>();
const CACHED_DOCUMENTS = 256;

function remember(docId: string, policy: PricePolicy): void {
  documents.delete(docId);
  documents.set(docId, policy);
  while (documents.size > CACHED_DOCUMENTS) {
    const oldest = documents.keys().next().value;
    if (oldest === undefined) break;
    documents.delete(oldest);
  }
}

/** The last snapshot per table (several Azurites in tests), valid while the pointer names `version`. */
const snapshots = new Map<string, { readonly version: number | null; readonly snapshot: PolicySnapshot }>();

/** Forgets cached snapshots and documents (tests that rewrite storage behind the repository's back). */
export function clearPolicyCache(): void {
  documents.clear();
  snapshots.clear();
}

export class PricePolicyRepository {
  private constructor(private readonly table: TableClient) {}

  static async open(options: PricePolicyRepositoryOptions = {}): Promise<PricePolicyRepository> {
    return new PricePolicyRepository(await openTable(options.tableName ?? PRICE_POLICY_TABLE, options));
  }

  private get cacheKey(): string {
    return `${this.table.url}|${this.table.tableName}`;
  }

  /** The latest published version (no policy), or null. One point read. */
  async current(): Promise<PolicyVersionInfo | null> {
    const pointer = await this.entity(POINTER_KEY);
    return pointer ? toInfo(pointer) : null;
  }

  /** The latest version (or the given one) with its policy, or null. */
  async read(version?: number): Promise<StoredPolicyVersion | null> {
    let entity: InfoEntity | null;
    if (version === undefined) entity = await this.entity(POINTER_KEY);
    else if (!Number.isInteger(version) || version < 1 || version > 999_999) entity = null;
    else entity = await this.entity(versionKey(version));
    if (!entity) return null;
    return { ...toInfo(entity), policy: await this.document(entity) };
  }

  /** Every published version, newest publish first (no policies). */
  async listVersions(): Promise<PolicyVersionInfo[]> {
    return (await this.versionEntities()).map(toInfo);
  }

  /**
   * Every version with its policy, for judging lines by order date. Costs one point read (the pointer) while
   * nothing was published since the last call in this process; after a publish, one query plus one per new
   * document. Versions above the pointer read first are left out: their publish had not finished.
   */
  async snapshot(): Promise<PolicySnapshot> {
    const pointer = await this.entity(POINTER_KEY);
    const version = pointer ? pointer.version : null;
    const cached = snapshots.get(this.cacheKey);
    if (cached && cached.version === version) return cached.snapshot;

    const entities = version === null ? [] : await this.versionEntities();
    const versions = await Promise.all(
      entities
        .filter((e) => version !== null && e.version <= version)
        .map(async (e): Promise<StoredPolicyVersion> => ({ ...toInfo(e), policy: await this.document(e) })),
    );
    const snapshot: PolicySnapshot = { current: pointer ? toInfo(pointer) : null, versions };
    snapshots.set(this.cacheKey, { version, snapshot });
    return snapshot;
  }

  /**
   * Publishes `policy` as the next version if the latest is still `expectedVersion`; else throws
   * PolicyConflictError (also when another publisher wins the race after our check). Throws
   * StorageLimitError when a part would not fit (nothing is published then).
   */
  async publish(request: PublishPolicyRequest): Promise<PolicyVersionInfo> {
    const before = await this.entity(POINTER_KEY);
    const found = before ? before.version : null;
    if (found !== request.expectedVersion) {
      throw new PolicyConflictError(request.expectedVersion, before ? toInfo(before) : null);
    }

    const docId = randomUUID().replace(/-/g, '');
    const chunks = sliceText(asciiJson(request.policy), POLICY_CHUNK_CHARS).map((piece, index) => ({
      partitionKey: PARTITION,
      rowKey: `${docKeyPrefix(docId)}${String(index).padStart(5, '0')}`,
      ...splitDocument(piece, 'policy'),
    }));
    await submitBatch(this.table, chunks);

    const version = (found ?? 0) + 1;
    const entity: InfoEntity = {
      partitionKey: PARTITION,
      rowKey: versionKey(version),
      version,
      docId,
      chunks: chunks.length,
      effectiveDate: request.policy.effectiveDate,
      products: request.policy.products.length,
      rules: request.policy.rules.length,
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
      // Our chunks are referenced by nothing now: remove them (best effort; they are invisible either way).
      await submitBatch(
        this.table,
        chunks.map((c): TransactionAction => ['delete', { partitionKey: PARTITION, rowKey: c.rowKey }]),
      ).catch(() => undefined);
      if (status === 409 || status === 412) {
        throw new PolicyConflictError(request.expectedVersion, await this.current());
      }
      throw err;
    }
    remember(docId, request.policy);
    return toInfo(entity);
  }

  private async versionEntities(): Promise<InfoEntity[]> {
    const filter = odata`PartitionKey eq ${PARTITION} and RowKey ge ${'version-'} and RowKey lt ${'version.'}`;
    const out: InfoEntity[] = [];
    for await (const entity of this.table.listEntities<InfoEntity>({ queryOptions: { filter } })) {
      out.push(entity);
    }
    return out.sort((a, b) => b.version - a.version);
  }

  private async entity(rowKey: string): Promise<StoredInfoEntity | null> {
    try {
      return await this.table.getEntity<InfoEntity>(PARTITION, rowKey);
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }

  private async document(entity: InfoEntity): Promise<PricePolicy> {
    const cached = documents.get(entity.docId);
    if (cached) {
      remember(entity.docId, cached);
      return cached;
    }
    const prefix = docKeyPrefix(entity.docId);
    const filter = odata`PartitionKey eq ${PARTITION} and RowKey ge ${prefix} and RowKey lt ${`doc-${entity.docId}.`}`;
    const parts: { rowKey: string; text: string }[] = [];
    for await (const chunk of this.table.listEntities<Record<string, unknown>>({
      queryOptions: { filter },
    })) {
      parts.push({ rowKey: String(chunk.rowKey), text: joinDocument(chunk, 'policy') });
    }
    if (parts.length !== entity.chunks) {
      throw new Error(
        `Price policy version ${entity.version}: ${parts.length} of ${entity.chunks} document parts found.`,
      );
    }
    parts.sort((a, b) => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0));
    const policy = JSON.parse(parts.map((p) => p.text).join('')) as PricePolicy;
    remember(entity.docId, policy);
    return policy;
  }
}

/** The repository on the configured storage (`SALESDESK_STORAGE`, …). */
export function openPricePolicyRepository(
  options: PricePolicyRepositoryOptions = {},
): Promise<PricePolicyRepository> {
  return PricePolicyRepository.open(options);
}
