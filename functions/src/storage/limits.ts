import { UserFacingError } from '../contract/problem';
import { bilingual } from '../contract/text';
import { assertValidKey } from './keys';

/**
 * Table Storage limits that Azurite does not enforce, so we check them before writing.
 * Sizes follow "Understanding the Table service data model": strings count 2 bytes a char (UTF-16).
 */
export const LIMITS = {
  /** Whole entity, all properties and keys. */
  maxEntityBytes: 1024 * 1024,
  /**
   * 255 properties per entity including the 3 system ones (PartitionKey, RowKey, Timestamp):
   * 252 of our own. `partitionKey`, `rowKey`, `etag`, `timestamp` and `*@odata.type` are not counted.
   */
  maxCustomProperties: 252,
  /** A string property: 64 KiB of UTF-16 = 32 768 chars. */
  maxStringChars: 32 * 1024,
  maxBinaryBytes: 64 * 1024,
  maxPropertyNameChars: 255,
} as const;

export type StorageLimit =
  'entity-size' | 'property-count' | 'string-length' | 'binary-size' | 'property-name' | 'value-type';

/** An entity that Table Storage would refuse; says which entity, which property, the limit and the actual. */
export class StorageLimitError extends UserFacingError {
  override readonly name = 'StorageLimitError';

  constructor(
    readonly limit: StorageLimit,
    readonly entity: string,
    readonly property: string | undefined,
    readonly max: number,
    readonly actual: number,
    message: string,
  ) {
    super(
      'too_large_to_store',
      bilingual(
        `数据过大，无法保存：${property ? `字段 ${property} ` : ''}上限 ${max}，实际 ${actual}。请拆分后再提交。`,
        `Too large to store: ${property ? `field ${property}, ` : ''}limit ${max}, actual ${actual}. Split it and try again.`,
      ),
      { status: 413, details: { limit, property, max, actual }, logMessage: message },
    );
  }
}

type Entity = { readonly partitionKey: string; readonly rowKey: string } & Readonly<Record<string, unknown>>;

const NOT_CUSTOM = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp']);
// C# identifier rules (letters incl. CJK, digits, underscore); Table Storage rejects `-` since 2009.
const PROPERTY_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** Throws `StorageLimitError` (or `KeyError` for bad keys) if Table Storage would refuse `entity`. */
export function checkEntitySize(entity: Entity): void {
  const label = `entity (PartitionKey "${entity.partitionKey}", RowKey "${entity.rowKey}")`;
  assertValidKey(entity.partitionKey, `PartitionKey of ${label}`);
  assertValidKey(entity.rowKey, `RowKey of ${label}`);

  const names = Object.keys(entity).filter((k) => !NOT_CUSTOM.has(k) && !k.endsWith('@odata.type'));
  if (names.length > LIMITS.maxCustomProperties) {
    throw new StorageLimitError(
      'property-count',
      label,
      undefined,
      LIMITS.maxCustomProperties,
      names.length,
      `${label} has ${names.length} properties; Table Storage allows ${LIMITS.maxCustomProperties} ` +
        `(255 including PartitionKey, RowKey, Timestamp).`,
    );
  }

  // 4 bytes + keys + for each property: 8 bytes + name + value.
  let size = 4 + (entity.partitionKey.length + entity.rowKey.length) * 2;
  for (const name of names) {
    if (name.length > LIMITS.maxPropertyNameChars || !PROPERTY_NAME.test(name)) {
      throw new StorageLimitError(
        'property-name',
        label,
        name,
        LIMITS.maxPropertyNameChars,
        name.length,
        `${label}: property name "${name}" is not allowed; use letters, digits and _ (not starting with a digit), ` +
          `at most ${LIMITS.maxPropertyNameChars} chars.`,
      );
    }
    size += 8 + name.length * 2 + valueSize(entity[name], label, name);
  }
  // Azure counts the stored (UTF-16) size above; Azurite counts the JSON body in UTF-8, which is
  // larger for Chinese text. An entity must pass both to behave the same locally and in Azure.
  const sent = jsonBytes(entity);
  if (Math.max(size, sent) > LIMITS.maxEntityBytes) {
    const actual = Math.max(size, sent);
    throw new StorageLimitError(
      'entity-size',
      label,
      undefined,
      LIMITS.maxEntityBytes,
      actual,
      `${label} is ${actual} bytes (${size} stored as UTF-16, ${sent} sent as UTF-8 JSON); Table Storage allows ` +
        `${LIMITS.maxEntityBytes} bytes (1 MiB) per entity. Split it over several rows.`,
    );
  }
}

/** Bytes of the entity as JSON in UTF-8, about what the SDK sends for it. */
export function jsonBytes(entity: Readonly<Record<string, unknown>>): number {
  const json = JSON.stringify(entity, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    return value;
  });
  return Buffer.byteLength(json, 'utf8');
}

/** Stored size of one value in bytes; checks the per-value limits on the way. */
function valueSize(value: unknown, label: string, name: string): number {
  if (typeof value === 'string') return stringSize(value, label, name);
  if (typeof value === 'boolean') return 1;
  if (typeof value === 'number' || typeof value === 'bigint' || value instanceof Date) return 8;
  if (value instanceof Uint8Array) return binarySize(value.byteLength, label, name);
  if (value === null || value === undefined) return 0;
  if (typeof value === 'object' && 'type' in value && 'value' in value) {
    // An explicit EDM value from @azure/data-tables: `{ value, type: 'Int64' | 'Guid' | ... }`.
    const { type, value: inner } = value as { type: unknown; value: unknown };
    switch (type) {
      case 'String':
        return stringSize(String(inner), label, name);
      case 'Binary':
        return binarySize(Buffer.byteLength(String(inner), 'base64'), label, name);
      case 'Guid':
        return 16;
      case 'Boolean':
        return 1;
      case 'Int32':
        return 4;
      default:
        return 8;
    }
  }
  // Anything else the SDK would reject; say so here with the property's name.
  throw new StorageLimitError(
    'value-type',
    label,
    name,
    0,
    0,
    `${label}: property "${name}" holds a ${typeof value}, which Table Storage cannot store; serialise it to a string.`,
  );
}

function stringSize(value: string, label: string, name: string): number {
  if (value.length > LIMITS.maxStringChars) {
    throw new StorageLimitError(
      'string-length',
      label,
      name,
      LIMITS.maxStringChars,
      value.length,
      `${label}: string property "${name}" has ${value.length} chars; Table Storage allows ` +
        `${LIMITS.maxStringChars} (64 KiB in UTF-16). Use splitDocument() for long text.`,
    );
  }
  return value.length * 2 + 4;
}

function binarySize(bytes: number, label: string, name: string): number {
  if (bytes > LIMITS.maxBinaryBytes) {
    throw new StorageLimitError(
      'binary-size',
      label,
      name,
      LIMITS.maxBinaryBytes,
      bytes,
      `${label}: binary property "${name}" is ${bytes} bytes; Table Storage allows ${LIMITS.maxBinaryBytes} (64 KiB).`,
    );
  }
  return bytes + 4;
}

/**
 * Splits a long text (e.g. a policy version's JSON) into string properties `${prefix}_0`, `${prefix}_1`, …
 * of at most `maxChars` each, plus `${prefix}_parts` (the count, so a lost part is noticed).
 * The whole entity must still fit in 1 MiB (about 500 000 chars): `checkEntitySize` tells.
 */
export function splitDocument(
  text: string,
  prefix = 'doc',
  maxChars: number = LIMITS.maxStringChars,
): Record<string, string | number> {
  const parts: Record<string, string | number> = {};
  let index = 0;
  for (let start = 0; start < text.length || index === 0; index++) {
    let end = Math.min(start + maxChars, text.length);
    // Never cut a surrogate pair in two: each part must be valid UTF-16 on its own.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - 1 > start && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts[`${prefix}_${index}`] = text.slice(start, end);
    start = end;
  }
  parts[`${prefix}_parts`] = index;
  return parts;
}

/** Joins what `splitDocument` wrote; throws if a part is missing. */
export function joinDocument(entity: Readonly<Record<string, unknown>>, prefix = 'doc'): string {
  const count = entity[`${prefix}_parts`];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw new Error(`Document "${prefix}" is missing its ${prefix}_parts count.`);
  }
  const pieces: string[] = [];
  for (let i = 0; i < count; i++) {
    const piece = entity[`${prefix}_${i}`];
    if (typeof piece !== 'string')
      throw new Error(`Document "${prefix}" is missing part ${prefix}_${i} of ${count}.`);
    pieces.push(piece);
  }
  return pieces.join('');
}

/**
 * JSON with every non-ASCII character written as a \\uXXXX escape (JSON.parse reads it back unchanged).
 * Azurite decodes request bodies in ~64 KB pieces and garbles a multi-byte UTF-8 character cut by a piece
 * boundary (seen with 25,000 CJK chars: 2 U+FFFD replace one 泵). ASCII text cannot be cut that way, and its
 * size is the same in Azure's UTF-16 count and Azurite's UTF-8 one. Use it for anything stored that is long.
 */
export function asciiJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
