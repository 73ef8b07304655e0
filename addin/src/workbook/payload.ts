// How much goes into one request to Excel. Excel on the web refuses a request or response over
// about 5 MB (RichApi.Error "RequestPayloadSizeLimitExceeded"), so reads and writes are cut into
// chunks of rows sized from what they carry, and each chunk is one `context.sync()`.

/** Excel on the web's limit per request and per response, in bytes. */
export const EXCEL_PAYLOAD_LIMIT = 5_000_000;
/** What a chunk may carry: a margin under the limit for the request's own JSON framing. */
export const CHUNK_BYTE_BUDGET = 4_000_000;
/** Cells per request, whatever their size: keeps each round trip short on the desktop too. */
export const CHUNK_CELL_CAP = 100_000;
/** Assumed JSON size of one cell's value when reading (unknown until read): generous for CJK text. */
export const READ_BYTES_PER_CELL = 40;
/** Assumed JSON size of one cell's number format when reading. */
export const READ_FORMAT_BYTES_PER_CELL = 16;

export interface ChunkLimits {
  bytes: number;
  cells: number;
}

export const defaultLimits: ChunkLimits = { bytes: CHUNK_BYTE_BUDGET, cells: CHUNK_CELL_CAP };

/**
 * Worst-case JSON size of a value: every non-ASCII character counted as a `\uXXXX` escape (6 bytes),
 * so an estimate never falls short whatever the transport does with CJK text.
 */
export function jsonBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (typeof value === 'string') {
    let n = 2;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 0x22 || c === 0x5c) n += 2;
      else if (c < 0x20 || c > 0x7e) n += 6;
      else n += 1;
    }
    return n;
  }
  if (Array.isArray(value)) {
    let n = 2 + Math.max(0, value.length - 1);
    for (const v of value) n += jsonBytes(v);
    return n;
  }
  return jsonBytes(JSON.stringify(value));
}

/** Rows per read chunk for a sheet this wide: estimated from the column count, then capped by cells. */
export function readChunkRows(
  columnCount: number,
  withNumberFormats: boolean,
  limits = defaultLimits,
): number {
  const cols = Math.max(1, columnCount);
  const perCell = READ_BYTES_PER_CELL + (withNumberFormats ? READ_FORMAT_BYTES_PER_CELL : 0);
  return Math.max(1, Math.min(Math.floor(limits.bytes / (cols * perCell)), Math.floor(limits.cells / cols)));
}

/** Number of read chunks (hence syncs after the first) for `rowCount` rows. */
export function readChunkCount(rowCount: number, columnCount: number, withNumberFormats: boolean): number {
  return rowCount <= 0 ? 0 : Math.ceil(rowCount / readChunkRows(columnCount, withNumberFormats));
}

/** A run of rows of one block that goes into a chunk. */
export interface ChunkPiece {
  block: number;
  start: number;
  count: number;
}

/** Rows to write, one block per rectangle (a table, a run of result columns). */
export interface WriteBlock {
  /** Cells per row. */
  width: number;
  rowCount: number;
  /** Bytes one row adds to a request (values plus number formats). */
  rowBytes(index: number): number;
}

/**
 * Packs the rows of all blocks, in order, into as few chunks as the limits allow: a chunk closes
 * when the next row would pass the byte budget or the cell cap. A row that alone passes the
 * budget still gets a chunk of its own (the caller then learns from Excel whether it fits).
 * Lazy: each chunk is sized only when asked for, so a writer sizes chunk k+1 between syncs
 * instead of sizing 100,000 rows in one main-thread block before the first write.
 */
export function* writeChunks(blocks: readonly WriteBlock[], limits = defaultLimits): Generator<ChunkPiece[]> {
  const packer = chunkPacker(limits);
  let current: ChunkPiece[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as WriteBlock;
    let piece: ChunkPiece | null = null;
    for (let i = 0; i < block.rowCount; i++) {
      if (packer.add(block.rowBytes(i), block.width)) {
        yield current;
        current = [];
        piece = null;
      }
      if (!piece) {
        piece = { block: b, start: i, count: 0 };
        current.push(piece);
      }
      piece.count += 1;
    }
  }
  if (current.length) yield current;
}

/** writeChunks' packing rule one row at a time, for a writer that sizes rows as it writes them. */
export interface ChunkPacker {
  /** Counts a row in; true when it starts a new chunk (the rows before it make a full one). */
  add(rowBytes: number, width: number): boolean;
}

export function chunkPacker(limits = defaultLimits): ChunkPacker {
  let bytes = 0;
  let cells = 0;
  return {
    add(rowBytes, width) {
      const rb = rowBytes + 1;
      const full = cells > 0 && (bytes + rb > limits.bytes || cells + width > limits.cells);
      if (full) {
        bytes = 0;
        cells = 0;
      }
      bytes += rb;
      cells += Math.max(1, width);
      return full;
    },
  };
}

/** Every chunk of `writeChunks` at once (for plans and tests that want the whole list). */
export function planWriteChunks(blocks: readonly WriteBlock[], limits = defaultLimits): ChunkPiece[][] {
  return Array.from(writeChunks(blocks, limits));
}

/** Chunks one at a time with one of look-ahead, so a writer knows which chunk is the last. */
export function chunkCursor(chunks: Iterator<ChunkPiece[]>): {
  next(): { pieces: ChunkPiece[]; last: boolean } | null;
} {
  let ahead = chunks.next();
  return {
    next() {
      if (ahead.done) return null;
      const pieces = ahead.value;
      ahead = chunks.next();
      return { pieces, last: ahead.done === true };
    },
  };
}

/** True when Excel refused a request or response for its size. */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    /RequestPayloadSizeLimitExceeded|ResponsePayloadSizeLimitExceeded|PayloadTooLarge/i.test(code)
  );
}
