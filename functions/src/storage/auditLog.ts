/**
 * The shared audit log (审计记录): who changed what and when, for every area that the head or Finance
 * will later ask about (price policy, annual plan, …). One partition per area, newest entry first
 * (the RowKey counts down in time), so "the last 50 changes to the plan" is one small query.
 */
import { randomUUID } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import type { Bilingual } from '../contract/text';
import { openTable, type TableClientOptions } from './client';
import { insertIfAbsent } from './concurrency';
import { encodeKey } from './keys';
import { asciiJson, joinDocument, splitDocument } from './limits';

export const AUDIT_TABLE = 'AuditLog';

/** Known areas; any other short name works too (it becomes the PartitionKey). */
export type AuditArea = 'pricePolicy' | 'plan' | 'ledger' | 'report' | (string & {});

export interface AuditEntryInput {
  readonly area: AuditArea;
  /** What happened, e.g. `publish`, `import`, `approve`. */
  readonly action: string;
  /** Display name of the person (or `timer` for scheduled runs). */
  readonly who: string;
  /** Stable id of the person (Entra object id), when known. */
  readonly whoId?: string;
  /** Defaults to now. */
  readonly when?: Date | string;
  /** One line a person reads in the log; bilingual where the caller has both languages. */
  readonly summary: Bilingual | string;
  /** Anything JSON-serialisable; kept whole (up to about 900 KB). */
  readonly details?: unknown;
}

export interface AuditEntry {
  /** The RowKey: unique, sorts newest first within the area. */
  readonly id: string;
  readonly area: string;
  readonly action: string;
  readonly who: string;
  readonly whoId?: string;
  /** ISO 8601, UTC. */
  readonly when: string;
  readonly summary: Bilingual | string;
  readonly details?: unknown;
}

export interface AuditLogOptions extends TableClientOptions {
  /** Defaults to `AuditLog`; tests pass their own. */
  readonly tableName?: string;
}

export interface ListAuditOptions extends AuditLogOptions {
  /** Newest entries first; default 50, at most 1000. */
  readonly limit?: number;
}

const MAX_LIST = 1000;
/** Largest millisecond timestamp we count down from (year 2286); 13 digits keep the order textual. */
const LATEST_MS = 9_999_999_999_999;

interface AuditRecord {
  partitionKey: string;
  rowKey: string;
  area: string;
  action: string;
  who: string;
  whoId?: string;
  when: string;
  summaryZh?: string;
  summaryEn?: string;
  summaryText?: string;
  [part: string]: unknown;
}

function tableOf(options: AuditLogOptions): Promise<TableClient> {
  return openTable(options.tableName ?? AUDIT_TABLE, options);
}

/** RowKey: newest first (inverted milliseconds), then a random tail so entries in one millisecond never collide. */
function auditRowKey(when: Date): string {
  const inverted = String(LATEST_MS - when.getTime()).padStart(13, '0');
  return `${inverted}-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** Appends one entry; throws `StorageLimitError` if the details are too large to store. Returns it as stored. */
export async function appendAudit(
  input: AuditEntryInput,
  options: AuditLogOptions = {},
): Promise<AuditEntry> {
  const when = input.when === undefined ? new Date() : new Date(input.when);
  if (Number.isNaN(when.getTime()))
    throw new RangeError(`appendAudit: "when" is not a date: ${String(input.when)}`);
  const record: AuditRecord = {
    partitionKey: encodeKey(input.area),
    rowKey: auditRowKey(when),
    area: input.area,
    action: input.action,
    who: input.who,
    when: when.toISOString(),
    ...(input.whoId ? { whoId: input.whoId } : {}),
    ...(typeof input.summary === 'string'
      ? { summaryText: input.summary }
      : { summaryZh: input.summary['zh-CN'], summaryEn: input.summary['en-US'] }),
    ...(input.details === undefined ? {} : splitDocument(asciiJson(input.details), 'details')),
  };
  const table = await tableOf(options);
  await insertIfAbsent(table, record);
  return toEntry(record);
}

/** The latest entries of one area, newest first. */
export async function listAudit(area: AuditArea, options: ListAuditOptions = {}): Promise<AuditEntry[]> {
  const limit = Math.max(1, Math.min(MAX_LIST, Math.floor(options.limit ?? 50)));
  const table = await tableOf(options);
  const pages = table
    .listEntities<AuditRecord>({ queryOptions: { filter: odata`PartitionKey eq ${encodeKey(area)}` } })
    .byPage({ maxPageSize: limit });
  const entries: AuditEntry[] = [];
  for await (const page of pages) {
    for (const record of page) {
      entries.push(toEntry(record));
      if (entries.length >= limit) return entries;
    }
  }
  return entries;
}

function toEntry(record: AuditRecord): AuditEntry {
  const summary: Bilingual | string = record.summaryText ?? {
    'zh-CN': record.summaryZh ?? '',
    'en-US': record.summaryEn ?? '',
  };
  const hasDetails = typeof record.details_parts === 'number';
  return {
    id: record.rowKey,
    area: record.area,
    action: record.action,
    who: record.who,
    ...(record.whoId ? { whoId: record.whoId } : {}),
    when: record.when,
    summary,
    ...(hasDetails ? { details: JSON.parse(joinDocument(record, 'details')) as unknown } : {}),
  };
}
