/**
 * Published annual plans (年度计划) in Table Storage. One partition per year:
 *
 *
 *   current                  pointer to the published version (its version number is the HTTP ETag)
 *   version-000003           one entity per published version: who, when, unit, totals, summary
 *   doc-<docId>-00000 …      the version's rows as ASCII JSON text
 *
 * How a publish stays atomic and what is cached: see versionedDocuments.
 */
import type {
  Bilingual,
  PlanRow,
  PlanUnit,
  PlanVersion,
  PlanVersionInput,
  SplitMethod,
} from '../contract/plans';
import { openTable, type TableClientOptions } from './client';
import { DocumentCache, VersionedDocuments, type VersionEntity } from './versionedDocuments';

export { DOC_CHUNK_CHARS, sliceText } from './versionedDocuments';

export const PLANS_TABLE = 'Plans';

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

type InfoEntity = VersionEntity & {
  year: number;
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

export interface PlanRepositoryOptions extends TableClientOptions {
  /** Defaults to `Plans`; tests pass their own. */
  readonly tableName?: string;
}

/** Parsed documents by docId (immutable): the values and progress endpoints read the same plan often. */
const documentCache = new DocumentCache<PlanRow[]>(4);

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

export class PlanRepository {
  private constructor(private readonly store: VersionedDocuments<InfoEntity, PlanRow[]>) {}

  static async open(options: PlanRepositoryOptions = {}): Promise<PlanRepository> {
    const table = await openTable(options.tableName ?? PLANS_TABLE, options);
    return new PlanRepository(
      new VersionedDocuments(table, {
        property: 'rows',
        cache: documentCache,
        describe: (e) => `Plan ${e.year} version ${e.version}`,
      }),
    );
  }

  /** The published version of `year` (no rows), or null. */
  async current(year: number): Promise<PlanVersionInfo | null> {
    const pointer = await this.store.pointer(String(year));
    return pointer ? toInfo(pointer) : null;
  }

  /** The published plan of `year` (or the given version), or null. */
  async read(year: number, version?: number): Promise<StoredPlan | null> {
    const partitionKey = String(year);
    const entity =
      version === undefined
        ? await this.store.pointer(partitionKey)
        : await this.store.version(partitionKey, version);
    if (!entity) return null;
    const info = toInfo(entity);
    const rows = await this.store.document(entity);
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
    return (await this.store.versions(String(year))).map(toInfo);
  }

  /**
   * Publishes a new version if the published one is still `expectedVersion`; else throws PlanConflictError
   * (also when another publisher wins the race after our check). Returns the new version's info.
   */
  async publish(request: PublishRequest): Promise<PlanVersionInfo> {
    const { input } = request;
    const year = input.year;
    const before = await this.store.pointer(String(year));
    const found = before ? before.version : null;
    if (found !== request.expectedVersion) {
      throw new PlanConflictError(year, request.expectedVersion, before ? toInfo(before) : null);
    }
    const entity = await this.store.publish(String(year), before, input.rows, {
      year,
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
    });
    if (entity === 'conflict') {
      throw new PlanConflictError(year, request.expectedVersion, await this.current(year));
    }
    return toInfo(entity);
  }
}

/** The repository on the configured storage (`SALESDESK_STORAGE`, …). */
export function openPlanRepository(options: PlanRepositoryOptions = {}): Promise<PlanRepository> {
  return PlanRepository.open(options);
}
