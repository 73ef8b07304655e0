import http from 'node:http';
import { z } from 'zod';
import { readJson } from '../../src/http/readJson';
import { jsonResponse } from '../../src/http/responses';
import { withErrors } from '../../src/http/withErrors';
import type { HttpRoute } from '../../src/http/route';
import { useDevHost } from '../support/http';

const order = z.object({
  customer: z.string().min(1, '客户名称不能为空 / customer is required'),
  lines: z.array(z.object({ model: z.string().min(1), qty: z.number().int().positive() })).min(1),
});

const routes: HttpRoute[] = [
  {
    name: 'echoOrder',
    methods: ['POST'],
    route: 'orders/echo',
    authLevel: 'anonymous',
    handler: withErrors(async (request) => jsonResponse(await readJson(request, order, { maxBytes: 1024 }))),
  },
];

interface ProblemJson {
  error: { code: string; message: { 'zh-CN': string; 'en-US': string }; details?: Record<string, unknown> };
}

describe('readJson through the dev host', () => {
  // A host cap of 8 KiB: bodies between 1 KiB and 8 KiB reach the handler's own 413.
  const host = useDevHost({ routes, maxBodyBytes: 8 * 1024, guard: false });

  const post = async (body: string | Uint8Array, headers: Record<string, string> = {}) => {
    const res = await fetch(`${host.baseUrl}/orders/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      json: (await res.json()) as ProblemJson,
    };
  };

  it('returns the parsed, validated body', async () => {
    const body = { customer: '华北水利', lines: [{ model: 'QJ-200', qty: 2 }] };
    const res = await post(JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(res.json).toEqual(body);
  });

  it('400 on malformed JSON, naming line, column and position', async () => {
    const res = await post('{\n  "customer": "华北",\n  "lines": [1,]\n}');
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/application\/json/);
    expect(res.json.error.code).toBe('bad_json');
    expect(res.json.error.details).toMatchObject({ line: 3, column: 15, position: 36 });
    expect(res.json.error.message['zh-CN']).toContain('第 3 行第 15 列');
    expect(res.json.error.message['en-US']).toContain('line 3, column 15');
  });

  it('400 listing every failing path, e.g. lines[3].qty, in both languages', async () => {
    const lines = [1, 2, 3, -4].map((qty, i) => ({ model: `M${i}`, qty }));
    const res = await post(JSON.stringify({ customer: '', lines: [...lines, { model: '', qty: 1.5 }] }));
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    const issues = res.json.error.details?.issues as {
      path: string;
      message: { 'zh-CN': string; 'en-US': string };
    }[];
    expect(issues.map((i) => i.path)).toEqual(['customer', 'lines[3].qty', 'lines[4].model', 'lines[4].qty']);
    const qty = issues[1];
    expect(qty?.message['en-US']).toMatch(/>0|greater/i);
    expect(qty?.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(issues[0]?.message['zh-CN']).toBe('客户名称不能为空 / customer is required');
    expect(res.json.error.message['en-US']).toMatch(
      /^The request body has 4 problem\(s\)\. customer: .*lines\[3\]\.qty/,
    );
  });

  it('400 on an empty body and on bytes that are not UTF-8', async () => {
    expect((await post('')).json.error.code).toBe('empty_body');
    expect((await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).json.error.code).toBe('bad_encoding');
  });

  it('413 with a JSON body when over the handler cap', async () => {
    const res = await post(JSON.stringify({ customer: 'x'.repeat(2000), lines: [] }));
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload_too_large');
    expect(res.json.error.details).toMatchObject({ maxBytes: 1024 });
    expect(res.json.error.message['zh-CN']).toContain('1 KB');
  });

  it('413 also for a chunked body without Content-Length', async () => {
    const url = new URL(`${host.baseUrl}/orders/echo`);
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          let data = '';
          res.on('data', (c: Buffer) => (data += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: data }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 6; i++) req.write('x'.repeat(500));
      req.end();
    });
    expect(status).toBe(413);
    expect((JSON.parse(text) as ProblemJson).error.code).toBe('payload_too_large');
  });

  it('413 from the dev host itself above its own cap', async () => {
    const res = await post('x'.repeat(9000));
    expect(res.status).toBe(413);
    expect(res.json.error.details).toMatchObject({ maxBytes: 8192 });
  });
});
