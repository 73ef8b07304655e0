/**
 * Published price policies (价格政策) in Table Storage. One partition, `policy`:
 *
 *   current                  pointer to the latest published version (its number is the HTTP ETag)
 *   version-000003           one entity per published version: effective date, who, when, summary
 *   doc-<docId>-00000 …      the version's policy as ASCII JSON
 *
 * How a publish stays atomic and how documents are cached: see versionedDocuments. On top of that,
 * `snapshot()` (every version, for validation) is cached by the pointer's version: a request costs one
 * point read until someone publishes, and a publish is seen at once.
 */
import type { TableClient } from '@azure/data-tables';
import type { Bilingual, PricePolicy } from '../contract/pricing';
import { openTable, type TableClientOptions } from './client';
import { DOC_CHUNK_CHARS, DocumentCache, VersionedDocuments, type VersionEntity } from './versionedDocuments';

export const PRICE_POLICY_TABLE = 'PricePolicy';

const PARTITION = 'policy';
/** Characters of policy JSON per document entity (see versionedDocuments). */
export const POLICY_CHUNK_CHARS = DOC_CHUNK_CHARS;

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
  readonly summary: Bilingual;
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
  readonly summary: Bilingual;
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

type InfoEntity = VersionEntity & {
  effectiveDate: string;
  products: number;
  rules: number;
  publishedBy: string;
  publishedById?: string;
  publishedAt: string;
  summaryZh: string;
  summaryEn: string;
};

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

// ── Process-wide caches (versions are immutable) ────────────────────────────────────────────────

/** Parsed policies by docId. Kept object-identical, so the engine compiles each version once per process. */
const documents = new DocumentCache<PricePolicy>(256);

/** The last snapshot per table (several Azurites in tests), valid while the pointer names `version`. */
const snapshots = new Map<string, { readonly version: number | null; readonly snapshot: PolicySnapshot }>();

/** Forgets cached snapshots and documents (tests that rewrite storage behind the repository's back). */
export function clearPolicyCache(): void {
  documents.clear();
  snapshots.clear();
}

export class PricePolicyRepository {
  private readonly store: VersionedDocuments<InfoEntity, PricePolicy>;

  private constructor(private readonly table: TableClient) {
    this.store = new VersionedDocuments(table, {
      property: 'policy',
      cache: documents,
      describe: (e) => `Price policy version ${e.version}`,
    });
  }

  static async open(options: PricePolicyRepositoryOptions = {}): Promise<PricePolicyRepository> {
    return new PricePolicyRepository(await openTable(options.tableName ?? PRICE_POLICY_TABLE, options));
  }

  private get cacheKey(): string {
    return `${this.table.url}|${this.table.tableName}`;
  }

  /** The latest published version (no policy), or null. One point read. */
  async current(): Promise<PolicyVersionInfo | null> {
    const pointer = await this.store.pointer(PARTITION);
    return pointer ? toInfo(pointer) : null;
  }

  /** The latest version (or the given one) with its policy, or null. */
  async read(version?: number): Promise<StoredPolicyVersion | null> {
    const entity =
      version === undefined
        ? await this.store.pointer(PARTITION)
        : await this.store.version(PARTITION, version);
    if (!entity) return null;
    return { ...toInfo(entity), policy: await this.store.document(entity) };
  }

  /** Every published version, newest publish first (no policies). */
  async listVersions(): Promise<PolicyVersionInfo[]> {
    return (await this.store.versions(PARTITION)).map(toInfo);
  }

  /**
   * Every version with its policy, for judging lines by order date. Costs one point read (the pointer) while
   * nothing was published since the last call in this process; after a publish, one query plus one per new
   * document. Versions above the pointer read first are left out: their publish had not finished.
   */
  async snapshot(): Promise<PolicySnapshot> {
    const pointer = await this.store.pointer(PARTITION);
    const version = pointer ? pointer.version : null;
    const cached = snapshots.get(this.cacheKey);
    if (cached && cached.version === version) return cached.snapshot;

    const entities = version === null ? [] : await this.store.versions(PARTITION);
    const versions = await Promise.all(
      entities
        .filter((e) => version !== null && e.version <= version)
        .map(async (e): Promise<StoredPolicyVersion> => ({
          ...toInfo(e),
          policy: await this.store.document(e),
        })),
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
    const before = await this.store.pointer(PARTITION);
    const found = before ? before.version : null;
    if (found !== request.expectedVersion) {
      throw new PolicyConflictError(request.expectedVersion, before ? toInfo(before) : null);
    }
    const entity = await this.store.publish(PARTITION, before, request.policy, {
      effectiveDate: request.policy.effectiveDate,
      products: request.policy.products.length,
      rules: request.policy.rules.length,
      publishedBy: request.publishedBy,
      ...(request.publishedById ? { publishedById: request.publishedById } : {}),
      publishedAt: (request.publishedAt ?? new Date()).toISOString(),
      summaryZh: request.summary['zh-CN'],
      summaryEn: request.summary['en-US'],
    });
    if (entity === 'conflict') {
      throw new PolicyConflictError(request.expectedVersion, await this.current());
    }
    documents.remember(entity.docId, request.policy);
    return toInfo(entity);
  }
}

/** The repository on the configured storage (`SALESDESK_STORAGE`, …). */
export function openPricePolicyRepository(
  options: PricePolicyRepositoryOptions = {},
): Promise<PricePolicyRepository> {
  return PricePolicyRepository.open(options);
}
