// Worksheet price functions: one recalculation burst → few requests over real HTTP, identical calls
// asked once, and an API failure rejects every waiting cell with a message (none left at #BUSY!).
import { readFileSync } from 'fs';
import { join } from 'path';
import { createServer, type Server } from 'http';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';
import { actingAs, useSignedIn } from '../support/signIn';
import type { AddressInfo } from 'net';
import { createApiClient } from '../../src/api/client';
import {
  createPriceCalls,
  PRICE_BATCH_CAP,
  PriceCallError,
  statusText,
} from '../../src/customfunctions/priceCalls';
import { readPriceArgs } from '../../src/customfunctions/priceCells';
import type { PriceResult } from '../../../functions/src/contract/pricing';

interface Line {
  id: string;
  model: string;
  unitPrice?: number;
}
let server: Server;
let baseUrl: string;
let requests: Line[][] = [];
let mode: 'ok' | 'fail' = 'ok';

// A stand-in for the validate endpoint that records what it was asked: the batching is the add-in's
// behaviour under test here (the real endpoint has its own integration tests).
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { lines } = JSON.parse(body) as { lines: Line[] };
      requests.push(lines);
      if (mode === 'fail') {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { code: 'down', message: { 'zh-CN': '服务维护中', 'en-US': 'Down for maintenance' } },
          }),
        );
        return;
      }
      const results: PriceResult[] = lines.map((l) => ({
        id: l.id,
        status: l.unitPrice === undefined ? 'invalid' : l.unitPrice >= 100 ? 'ok' : 'needs_approval',
        policyVersion: 1,
        listPrice: 120,
        minPrice: 100,
        floorPrice: 90,
        discountPct: null,
        maxDiscountPct: null,
        ruleIds: [],
        message: { 'zh-CN': `型号 ${l.model}`, 'en-US': `model ${l.model}` },
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ policyVersion: 1, results, summary: {} }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  requests = [];
  mode = 'ok';
});

const calls = () => createPriceCalls(() => createApiClient({ baseUrl }));

test('1,000 calls in one burst go out as one request, identical calls asked once', async () => {
  const pc = calls();
  const answers = await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      pc.check({ model: `M${i % 400}`, customerClass: '经销商', qty: 1, unitPrice: i % 2 ? 120 : 80 }),
    ),
  );
  expect(requests).toHaveLength(1);
  // 400 models × 2 prices, but i%400 and i%2 pair up: 400 distinct questions.
  expect(requests[0]).toHaveLength(400);
  expect(answers.filter((a) => a.status === 'ok')).toHaveLength(500);
  expect(answers[3]!.message['en-US']).toBe('model M3');
});

test('more distinct calls than the cap go out as ceil(n / cap) requests', async () => {
  const pc = calls();
  const n = PRICE_BATCH_CAP * 2 + 7;
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      pc.check({ model: `M${i}`, customerClass: '', qty: 1, unitPrice: 120 }),
    ),
  );
  expect(requests.map((r) => r.length).sort((a, b) => b - a)).toEqual([PRICE_BATCH_CAP, PRICE_BATCH_CAP, 7]);
});

test('an API failure rejects every waiting call with the service message', async () => {
  mode = 'fail';
  const pc = calls();
  const settled = await Promise.allSettled(
    Array.from({ length: 50 }, (_, i) => pc.quote({ model: `M${i}`, qty: 1 })),
  );
  expect(settled.every((s) => s.status === 'rejected')).toBe(true);
  expect((settled[0] as PromiseRejectedResult).reason.message).toBe('Down for maintenance');
  // The cell shows the reason in Office's language: both are kept, not just the English one.
  expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(PriceCallError);
  expect((settled[0] as PromiseRejectedResult).reason.text['zh-CN']).toBe('服务维护中');
});

test('an unreachable service rejects with a reason in both languages', async () => {
  const pc = createPriceCalls(() => createApiClient({ baseUrl: 'http://127.0.0.1:1/api' }));
  const error = await pc.quote({ model: 'M1', qty: 1 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PriceCallError);
  expect((error as PriceCallError).text['zh-CN']).toMatch(/^连不上 SalesDesk 服务/);
  expect((error as PriceCallError).text['en-US']).toMatch(/^SalesDesk service unreachable/);
});

test('arguments are read as the pane reads cells; the inputs left out are sent as open', () => {
  const read = readPriceArgs(
    {
      model: 'ＱＪ２００－５０',
      customerClass: ' 经销商 ',
      qty: '10台',
      unitPrice: '1.2万',
      orderDate: '3月5日',
      approvalRef: '审批单号：SP-2026-001 加急',
      newOrOld: '新客户',
      region: null,
      customer: '',
      currency: undefined,
      taxBasis: '不含税',
    },
    { withPrice: true, defaultYear: 2026 },
  );
  expect(read).toEqual({
    ok: true,
    call: {
      model: 'QJ200-50',
      customerClass: '经销商',
      qty: 10,
      unitPrice: 12000,
      orderDate: '2026-03-05',
      approvalRef: 'SP-2026-001',
      isNewCustomer: true,
      taxIncluded: false,
      unknownInputs: ['region', 'customer', 'currency'],
    },
  });
  const given = readPriceArgs(
    {
      model: 'M',
      qty: 1,
      unitPrice: '12,800.50', // no sign: a ¥ here would contradict 美元 (see the next test)
      orderDate: 46086,
      newOrOld: false,
      region: '西南',
      customer: 'C',
      currency: '美元',
    },
    { withPrice: true, defaultYear: 2026 },
  );
  expect(given.ok && given.call).toMatchObject({
    unitPrice: 12800.5,
    orderDate: '2026-03-05',
    isNewCustomer: false,
    currency: 'USD',
    unknownInputs: [],
  });
  const bad = readPriceArgs(
    { model: 'M', qty: 1, unitPrice: 1, taxBasis: 'maybe' },
    { withPrice: true, defaultYear: 2026 },
  );
  expect(bad.ok === false && bad.problem['zh-CN']).toMatch(/^参数 含税方式 为 "maybe"，应为含税 或 不含税/);
});

test('a price’s currency sign names the currency when the argument is left out; a 币种 that disagrees is refused', () => {
  const read = (unitPrice: unknown, currency?: unknown) =>
    readPriceArgs({ model: 'M', qty: 1, unitPrice, currency }, { withPrice: true, defaultYear: 2026 });
  const dollars = read('$2,710');
  expect(dollars.ok && dollars.call).toMatchObject({ unitPrice: 2710, currency: 'USD' });
  // known from the price: not sent as open (the pane reads `$2,710` in a ledger without 币种 alike)
  expect(dollars.ok && dollars.call.unknownInputs).toEqual(['isNewCustomer', 'region', 'customer']);
  const yuan = read('¥2,710');
  expect(yuan.ok && yuan.call.currency).toBe('CNY');
  expect(read('US$2,710', 'USD').ok).toBe(true);
  const bare = read(2710);
  expect(bare.ok && bare.call.unknownInputs).toContain('currency');
  const clash = read('$2,710', '人民币');
  expect(clash.ok).toBe(false);
  if (clash.ok) return;
  expect(clash.problem['zh-CN']).toBe(
    '参数 币种 与单价不符：单价“$2,710”是美元（USD），币种却是人民币（CNY）',
  );
  expect(clash.problem['en-US']).toBe(
    'Argument currency does not match the price: the unit price "$2,710" is in US dollars (USD) but the currency says CNY (CNY)',
  );
});

test('an unreadable order date is refused in both languages, naming the argument', () => {
  const read = readPriceArgs(
    { model: 'QJ-1', qty: 1, unitPrice: 100, orderDate: 'not a date' },
    { withPrice: true, defaultYear: 2026 },
  );
  expect(read.ok).toBe(false);
  if (read.ok) return;
  expect(read.problem['zh-CN']).toMatch(/^参数 下单日期 为 "not a date"，应为日期/);
  expect(read.problem['en-US']).toMatch(/^Argument orderDate is "not a date"; expected a date/);
});

test('quotes read list and lowest prices from lines sent without a price', async () => {
  const pc = calls();
  await expect(pc.quote({ model: 'QJ200-50', qty: 1 })).resolves.toEqual({
    listPrice: 120,
    minPrice: 100,
    minPriceDependsOn: [],
  });
  expect(requests[0]![0]!.unitPrice).toBeUndefined();
});

test('status text is the pane’s, 无法判断 included (text, so COUNTIF counts it), or asks for an input', () => {
  const base = {
    id: '1',
    policyVersion: 1,
    listPrice: 1,
    minPrice: 1,
    floorPrice: 1,
    discountPct: 0,
    maxDiscountPct: 0,
    ruleIds: [],
    message: { 'zh-CN': 'x', 'en-US': 'x' },
  };
  expect(statusText({ ...base, status: 'needs_approval' }, 'zh-CN')).toBe('需审批');
  expect(statusText({ ...base, status: 'invalid' }, 'zh-CN')).toBe('无法判断');
  expect(statusText({ ...base, status: 'invalid' }, 'en-US')).toBe('Invalid');
  expect(statusText({ ...base, status: 'ok', dependsOn: [] }, 'zh-CN')).toBe('符合');
  expect(statusText({ ...base, status: 'ok', dependsOn: ['isNewCustomer'] }, 'zh-CN')).toBe('需确认新老客户');
  expect(statusText({ ...base, status: 'ok', dependsOn: ['region', 'currency'] }, 'en-US')).toBe(
    'Confirm region, currency',
  );
});

// The same functions against the real validate endpoint (dev host on an in-memory Azurite with the
// sample workbook's price policy published): what a cell shows for a line from the sample ledger.
describe('against the real API', () => {
  const expected = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'samples', 'expected.json'), 'utf8'),
  ) as {
    policy: unknown;
    violations: {
      model: string;
      qty: number;
      priceMinor: number;
      date: string;
      status: string;
      allowedMinMinor: number;
      customer: string;
      currency: string;
    }[];
  };
  useAzurite();
  const host = useDevHost();
  useSignedIn('李经理', 'Sales.Manager');

  beforeAll(async () => {
    const put = await fetch(`${host.baseUrl}/price-policy`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'if-none-match': '*',
        ...actingAs('王部长', 'Sales.Head'),
      },
      body: JSON.stringify(expected.policy),
    });
    expect(put.status).toBe(201);
  });

  test('PRICECHECK and MINPRICE agree with the sample ledger’s deliberate violations', async () => {
    const pc = createPriceCalls(() => createApiClient({ baseUrl: host.baseUrl }));
    // A below-floor line stays below the floor whatever the customer class: the floor is per model.
    const v = expected.violations.find((x) => x.currency === 'CNY' && x.status === 'below_floor')!;
    const line = {
      model: v.model,
      customerClass: '经销商',
      qty: v.qty,
      unitPrice: v.priceMinor / 100,
      orderDate: v.date,
    };
    const [check, quote] = await Promise.all([pc.check(line), pc.quote(line)]);
    expect(check.status).toBe('below_floor');
    expect(statusText(check)).toBe('低于最低限价');
    expect(quote.minPrice).toBe(check.minPrice);
    expect(quote.listPrice).toBeGreaterThan(quote.minPrice);
    await expect(pc.quote({ model: 'NO-SUCH-MODEL', qty: 1 })).rejects.toThrow(/NO-SUCH-MODEL/);
    // MINPRICE / LISTPRICE show why in Chinese too, not only in English.
    const why = await pc.quote({ model: 'NO-SUCH-MODEL', qty: 1 }).catch((e: unknown) => e);
    expect((why as PriceCallError).text['zh-CN']).toMatch(/NO-SUCH-MODEL.*不在/);
  });
});
