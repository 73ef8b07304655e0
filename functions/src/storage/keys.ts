/**
 * PartitionKey/RowKey encoding. Table Storage forbids `/ \ # ?` and control characters
 * (U+0000–U+001F, U+007F–U+009F) in keys, and Azurite answers 500 to a `/`. We escape those and the
 * escape character `%` itself as `%XX` (upper-case hex), so keys stay readable (`泵/配件` →
 * `泵%2F配件`) and ordinary keys are unchanged. Order is kept for keys without escaped characters;
 * an escaped character sorts as `%` (U+0025).
 */

import { UserFacingError } from '../contract/problem';
import { bilingual } from '../contract/text';

/** Table Storage's key size limit: 1 KiB. Counted in UTF-16 (2 bytes a char), like entity size. */
export const MAX_KEY_BYTES = 1024;

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[%/\\#?\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_KEY = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/** A key Table Storage cannot take; `message` says why (for logs and the answer's details). */
export class KeyError extends UserFacingError {
  override readonly name = 'KeyError';

  constructor(reason: string) {
    super(
      'bad_key',
      bilingual(
        '编号无法保存（过长或含有不允许的字符）。',
        'An identifier cannot be stored (too long or has characters that are not allowed).',
      ),
      { status: 400, details: { reason }, logMessage: reason },
    );
  }
}

export function encodeKey(raw: string): string {
  const encoded = raw.replace(
    NEEDS_ESCAPE,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  assertKeySize(encoded, raw);
  return encoded;
}

export function decodeKey(encoded: string): string {
  return encoded.replace(/%(.{0,2})/gs, (_, hex: string) => {
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
      throw new KeyError(`Not an encoded key: "%${hex}" in "${encoded}" is not a %XX escape.`);
    }
    return String.fromCharCode(parseInt(hex, 16));
  });
}

/** Throws if `key` cannot be used as a PartitionKey/RowKey as is (forgot encodeKey, or too long). */
export function assertValidKey(key: string, which = 'key'): void {
  const bad = FORBIDDEN_IN_KEY.exec(key);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new KeyError(
      `${which} "${key}" contains U+${code}, which Table Storage forbids in keys; pass it through encodeKey().`,
    );
  }
  assertKeySize(key, key, which);
}

function assertKeySize(encoded: string, raw: string, which = 'key'): void {
  const bytes = encoded.length * 2;
  if (bytes > MAX_KEY_BYTES) {
    throw new KeyError(
      `${which} is too long for Table Storage: ${bytes} bytes encoded (${encoded.length} UTF-16 chars), ` +
        `limit ${MAX_KEY_BYTES} bytes. Starts with "${raw.slice(0, 40)}…".`,
    );
  }
}
