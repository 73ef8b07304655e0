import fc from 'fast-check';
import { KeyError } from '../../src/storage/keys';
import {
  checkEntitySize,
  joinDocument,
  LIMITS,
  splitDocument,
  StorageLimitError,
} from '../../src/storage/limits';

const keys = { partitionKey: 'PricePolicy', rowKey: 'v0001' };

function withProperties(count: number, value: unknown = 1): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, value]));
}

function thrown(fn: () => void): StorageLimitError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StorageLimitError) return err;
    throw err;
  }
  throw new Error('expected a StorageLimitError');
}

describe('checkEntitySize', () => {
  it('accepts 252 custom properties (255 with PartitionKey, RowKey, Timestamp)', () => {
    expect(() => checkEntitySize({ ...keys, ...withProperties(252) })).not.toThrow();
    // Read-back metadata is not counted.
    expect(() =>
      checkEntitySize({
        ...keys,
        ...withProperties(252),
        etag: 'W/"x"',
        timestamp: '2026-01-01',
        'p0@odata.type': 'Edm.Int64',
      }),
    ).not.toThrow();
  });

  it('rejects 253 properties, naming the entity, the limit and the actual count', () => {
    const err = thrown(() => checkEntitySize({ ...keys, ...withProperties(253) }));
    expect(err.limit).toBe('property-count');
    expect([err.max, err.actual]).toEqual([252, 253]);
    expect(err.message).toMatch(/PartitionKey "PricePolicy", RowKey "v0001".*253 properties.*allows 252/);
  });

  it('rejects a string over 32 768 chars (64 KiB UTF-16), naming the property', () => {
    expect(() => checkEntitySize({ ...keys, note: 'x'.repeat(LIMITS.maxStringChars) })).not.toThrow();
    const err = thrown(() => checkEntitySize({ ...keys, note: '备'.repeat(LIMITS.maxStringChars + 1) }));
    expect(err).toMatchObject({ limit: 'string-length', property: 'note', max: 32768, actual: 32769 });
    expect(err.message).toMatch(/"note" has 32769 chars.*allows 32768.*splitDocument/);
  });

  it('rejects an entity over 1 MiB even when every property is within its own limit', () => {
    // 40 × (16 384 chars × 2 bytes) ≈ 1.25 MiB.
    const err = thrown(() => checkEntitySize({ ...keys, ...withProperties(40, 'y'.repeat(16384)) }));
    expect(err.limit).toBe('entity-size');
    expect(err.max).toBe(1048576);
    expect(err.actual).toBeGreaterThan(1048576);
    expect(err.message).toMatch(/RowKey "v0001".*is \d+ bytes.*1048576 bytes \(1 MiB\)/);
    // 30 of them fit (≈ 0.94 MiB).
    expect(() => checkEntitySize({ ...keys, ...withProperties(30, 'y'.repeat(16384)) })).not.toThrow();
  });

  it('also counts the UTF-8 JSON body, which is larger for Chinese text (Azurite refuses over 1 MiB of it)', () => {
    // 13 × 29 000 CJK chars: 0.75 MB as UTF-16, 1.13 MB as UTF-8.
    const err = thrown(() => checkEntitySize({ ...keys, ...withProperties(13, '泵'.repeat(29000)) }));
    expect(err.limit).toBe('entity-size');
    expect(err.message).toMatch(/stored as UTF-16, \d+ sent as UTF-8 JSON/);
    expect(() => checkEntitySize({ ...keys, ...withProperties(11, '泵'.repeat(29000)) })).not.toThrow();
  });

  it('rejects binary over 64 KiB, as Uint8Array or as an EDM Binary value', () => {
    expect(thrown(() => checkEntitySize({ ...keys, blob: new Uint8Array(65537) }))).toMatchObject({
      limit: 'binary-size',
      property: 'blob',
      actual: 65537,
    });
    const base64 = Buffer.alloc(70000).toString('base64');
    expect(thrown(() => checkEntitySize({ ...keys, blob: { type: 'Binary', value: base64 } })).actual).toBe(
      70000,
    );
    expect(() => checkEntitySize({ ...keys, blob: new Uint8Array(65536) })).not.toThrow();
  });

  it('rejects property names Table Storage refuses, and values it cannot store', () => {
    expect(thrown(() => checkEntitySize({ ...keys, 'unit-price': 1 }))).toMatchObject({
      limit: 'property-name',
      property: 'unit-price',
    });
    expect(() => checkEntitySize({ ...keys, 单价: 1, _x2: 2 })).not.toThrow();
    expect(thrown(() => checkEntitySize({ ...keys, lines: [1, 2] }))).toMatchObject({
      limit: 'value-type',
      property: 'lines',
    });
  });

  it('rejects keys that were not encoded', () => {
    expect(() => checkEntitySize({ partitionKey: 'a/b', rowKey: '1' })).toThrow(KeyError);
    expect(() => checkEntitySize({ partitionKey: 'a', rowKey: 'x'.repeat(513) })).toThrow(/RowKey.*too long/);
  });
});

describe('splitDocument / joinDocument', () => {
  it('splits a long JSON document into parts that each fit a string property, and joins it back', () => {
    const doc = JSON.stringify({
      items: Array.from({ length: 3000 }, (_, i) => ({ model: `QJ-${i}`, name: '潜水泵', fen: i * 100 })),
    });
    const parts = splitDocument(doc);
    expect(parts.doc_parts).toBe(Math.ceil(doc.length / LIMITS.maxStringChars));
    expect(Number(parts.doc_parts)).toBeGreaterThan(1);
    for (const [name, value] of Object.entries(parts)) {
      if (name !== 'doc_parts') expect(String(value).length).toBeLessThanOrEqual(LIMITS.maxStringChars);
    }
    expect(() => checkEntitySize({ ...keys, ...parts })).not.toThrow();
    expect(joinDocument({ ...keys, ...parts })).toBe(doc);
  });

  it('keeps surrogate pairs whole and round-trips any text', () => {
    const parts = splitDocument('a😀b', 'doc', 2);
    expect(parts).toEqual({ doc_0: 'a', doc_1: '😀', doc_2: 'b', doc_parts: 3 });
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.integer({ min: 2, max: 9 }),
        (text, max) => {
          const split = splitDocument(text, 'body', max);
          expect(joinDocument(split, 'body')).toBe(text);
        },
      ),
    );
  });

  it('stores an empty document as one empty part', () => {
    expect(joinDocument(splitDocument(''))).toBe('');
  });

  it('notices a missing part', () => {
    const parts = splitDocument('x'.repeat(10), 'doc', 4);
    delete parts.doc_1;
    expect(() => joinDocument(parts)).toThrow(/missing part doc_1 of 3/);
    expect(() => joinDocument({})).toThrow(/doc_parts/);
  });
});
