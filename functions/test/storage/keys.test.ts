import fc from 'fast-check';
import { openTable } from '../../src/storage/client';
import { assertValidKey, decodeKey, encodeKey, KeyError, MAX_KEY_BYTES } from '../../src/storage/keys';
import { uniqueTableName, useAzurite } from '../support/azurite';

const FORBIDDEN = [
  '/',
  '\\',
  '#',
  '?',
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 0x9f - 0x7f + 1 }, (_, i) => String.fromCharCode(0x7f + i)),
];

describe('encodeKey / decodeKey', () => {
  it('escapes the forbidden characters and the escape character, leaving the rest readable', () => {
    expect(encodeKey('泵/配件')).toBe('泵%2F配件');
    expect(encodeKey('a\\b#c?d')).toBe('a%5Cb%23c%3Fd');
    expect(encodeKey('100%')).toBe('100%25');
    expect(encodeKey('tab\there\n')).toBe('tab%09here%0A');
    expect(encodeKey('\u0085\u007f')).toBe('%85%7F');
    expect(encodeKey('QJ-200 潜水泵 (2026)')).toBe('QJ-200 潜水泵 (2026)');
  });

  it.each(FORBIDDEN.map((c) => [c.charCodeAt(0).toString(16), c]))(
    'U+%s: encoded key is valid and decodes back',
    (_code, c) => {
      const raw = `x${c}y`;
      const encoded = encodeKey(raw);
      expect(() => assertValidKey(encoded)).not.toThrow();
      expect(encoded).not.toContain(c);
      expect(decodeKey(encoded)).toBe(raw);
    },
  );

  it('round-trips any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (s) => {
        const encoded = encodeKey(s);
        expect(() => assertValidKey(encoded)).not.toThrow();
        expect(decodeKey(encoded)).toBe(s);
      }),
    );
  });

  it('rejects keys over 1 KiB encoded (UTF-16), counting escapes', () => {
    expect(encodeKey('a'.repeat(MAX_KEY_BYTES / 2))).toHaveLength(512);
    expect(() => encodeKey('a'.repeat(513))).toThrow(KeyError);
    expect(() => encodeKey('a'.repeat(513))).toThrow(/1026 bytes.*limit 1024 bytes/);
    // 171 slashes become 513 chars.
    expect(() => encodeKey('/'.repeat(171))).toThrow(/too long/);
  });

  it('refuses to decode text that is not an encoded key', () => {
    expect(() => decodeKey('50%')).toThrow(KeyError);
    expect(() => decodeKey('%ZZ')).toThrow(/not a %XX escape/);
  });

  it('assertValidKey names the character and points to encodeKey', () => {
    expect(() => assertValidKey('a/b', 'RowKey')).toThrow(/RowKey "a\/b" contains U\+002F.*encodeKey/);
  });
});

describe('encoded keys in Azurite', () => {
  useAzurite();

  it('writes and reads back a key with every forbidden character, and a RowKey with "/"', async () => {
    const table = await openTable(uniqueTableName('Keys'));
    const partition = encodeKey('泵/配件#1');
    const raws = [...FORBIDDEN.map((c) => `r${c}`), 'product/QJ-200', "O'Brien & 张 %41 😀", '100%'];
    for (const raw of raws) {
      await table.createEntity({ partitionKey: partition, rowKey: encodeKey(raw), raw });
    }

    const slash = await table.getEntity<{ raw: string }>(partition, encodeKey('product/QJ-200'));
    expect(slash.raw).toBe('product/QJ-200');
    expect(decodeKey(slash.rowKey ?? '')).toBe('product/QJ-200');

    const stored: { rowKey: string; raw: string }[] = [];
    for await (const e of table.listEntities<{ raw: string }>()) {
      expect(decodeKey(e.partitionKey ?? '')).toBe('泵/配件#1');
      stored.push({ rowKey: decodeKey(e.rowKey ?? ''), raw: e.raw });
    }
    expect(stored).toHaveLength(raws.length);
    for (const s of stored) expect(s.rowKey).toBe(s.raw);
    expect(new Set(stored.map((s) => s.raw))).toEqual(new Set(raws));
  });
});
