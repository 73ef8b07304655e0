/**
 * Large documents stored gzip-compressed, as base64 text. Ledger snapshots and month-end reports
 * repeat the same customers, models and field names thousands of times: compressed they are a
 * fraction of the size, so a month is one or two entities and a year's run reads a few MB instead of
 * tens. Base64 is ASCII, which also keeps Azurite from garbling multi-byte characters (see asciiJson).
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
// Level 1: most of the gain on such repetitive JSON at a third of level 6's CPU.

export async function packJson(value: unknown): Promise<string> {
  return (await gzipAsync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 1 })).toString('base64');
}

export async function unpackJson<T>(text: string): Promise<T> {
  return JSON.parse((await gunzipAsync(Buffer.from(text, 'base64'))).toString('utf8')) as T;
}
