/** POST /api/prices/validate through real HTTP on the dev host, with storage on a fresh in-memory Azurite. */
import { TableClient } from '@azure/data-tables';
import {
  CompactValidateResponseSchema,
  type PriceLine,
  type PricePolicyInput,
  type PriceResult,
  type ValidateResponse,
} from '../../src/contract/pricing';
import { encodeColumns, expandAnswer } from '../../src/domain/pricing';
import { CLERK, HEAD, HEAD_2, samplePolicy as readSamplePolicy, useApi } from '../support/api';

const samplePolicy = readSamplePolicy();

/** Version 2 from July: QJ50-52's list price goes up and a fixed price rule R-08 covers it. */
const july: PricePolicyInput = {
  ...samplePolicy,
  effectiveDate: '2026-07-01',
  products: samplePolicy.products.map((p) => (p.model === 'QJ50-52' ? { ...p, listPrice: 6000 } : p)),
  rules: [
    ...(samplePolicy.rules ?? []),
    { id: 'R-08', priority: 95, product: { model: 'QJ50-52' }, effect: { kind: 'fixedPrice', price: 5200 } },
  ],
};

const pumpLine = (id: string, orderDate: string, unitPrice: number) => ({
  id,
  orderDate,
  model: 'QJ50-52',
  customer: '郑州中原水泵经销部',
  customerClass: '经销商',
  isNewCustomer: false,
  region: '华中',
  qty: 2,
  unitPrice,
});

describe('price validation over HTTP', () => {
  const { call } = useApi();
  const validate = (lines: unknown[], query = '', headers: Record<string, string> = {}) =>
    call<ValidateResponse>('POST', `prices/validate${query}`, { lines }, headers);

  it('judges nothing but says why while no policy is published', async () => {
    const res = await validate([pumpLine('a', '2026-03-10', 5000)]);
    expect(res.status).toBe(200);
    expect(res.body.policyVersion).toBeNull();
    expect(res.body.results[0]).toMatchObject({ id: 'a', status: 'invalid', policyVersion: null });
    expect(res.body.results[0]?.message['zh-CN']).toContain('尚无已发布的价格政策');
  });

  it('publish → validate → stale publish 412 → an old order is still judged by the old version', async () => {
    const v1 = await call('PUT', 'price-policy', samplePolicy, HEAD);
    expect(v1.status).toBe(201);
    const march = pumpLine('销售台账!12', '2026-03-10', 4600);
    const first = await validate([march], '', CLERK);
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({
      status: 'needs_approval',
      policyVersion: 1,
      listPrice: 5680,
      minPrice: 4657.6, // 5680 × (1 − 18 %)
      floorPrice: 3980,
      ruleIds: [],
    });

    const v2 = await call('PUT', 'price-policy', july, {
      ...HEAD_2,
      'if-match': v1.headers.get('etag') ?? '',
    });
    expect(v2.status).toBe(200);
    const stale = await call('PUT', 'price-policy', samplePolicy, {
      ...HEAD,
      'if-match': '"price-policy-v1"',
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.message['en-US']).toContain('赵部长');

    const august = pumpLine('销售台账!40', '2026-08-03', 5300);
    const after = await validate([march, august]);
    expect(after.body.results.map((r) => r.policyVersion)).toEqual([1, 2]);
    const [old, recent] = after.body.results as [PriceResult, PriceResult];
    expect(old).toMatchObject({ status: 'needs_approval', listPrice: 5680, minPrice: 4657.6, ruleIds: [] });
    expect(recent).toMatchObject({ status: 'ok', listPrice: 6000, minPrice: 5200, ruleIds: ['R-08'] });
    expect(recent.message['zh-CN']).toContain('R-08');
  });

  it('judges the good lines of a request that has bad ones', async () => {
    const res = await validate([
      pumpLine('good', '2026-03-10', 5000),
      { id: 'no-model', qty: 1, unitPrice: 100 },
      { ...pumpLine('bad-qty', '2026-03-10', 5000), qty: -2 },
      'not a line',
      { ...pumpLine('unknown', '2026-03-10', 5000), model: 'NOPE-1' },
      { ...pumpLine('too-early', '2025-06-01', 5000) },
      pumpLine('below-floor', '2026-03-10', 3000),
    ]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.results.map((r) => [r.id, r.status])).toEqual([
      ['good', 'ok'],
      ['no-model', 'invalid'],
      ['bad-qty', 'invalid'],
      [null, 'invalid'],
      ['unknown', 'invalid'],
      ['too-early', 'invalid'],
      ['below-floor', 'below_floor'],
    ]);
    expect(res.body.summary).toEqual({
      total: 7,
      ok: 1,
      needs_approval: 0,
      below_floor: 1,
      approved: 0,
      invalid: 5,
    });
    expect(res.body.results[4]?.message['zh-CN']).toContain('NOPE-1');
    expect(res.body.results[5]?.message['en-US']).toContain('before the first price policy');
  });

  it('says which inputs a line left open would change its verdict, only to lines that ask', async () => {
    // QJ50-52 in March (version 1): 经销商 old 18 % → 4,657.60, new 15 % → 4,828.00.
    const { isNewCustomer: _old, ...line } = pumpLine('open', '2026-03-10', 4700);
    const res = await validate([
      { ...line, unknownInputs: ['isNewCustomer', 'region', 'customer', 'currency'] },
      { ...line, id: 'given', isNewCustomer: true, unknownInputs: ['isNewCustomer'] },
      { ...line, id: 'pane' },
    ]);
    expect(res.status).toBe(200);
    const [open, given, pane] = res.body.results as [PriceResult, PriceResult, PriceResult];
    expect(open).toMatchObject({
      status: 'ok',
      dependsOn: ['isNewCustomer'],
      minPriceDependsOn: ['isNewCustomer'],
    });
    expect(open.message['zh-CN']).toMatch(/^需确认新老客户：/);
    expect(given).toMatchObject({ status: 'needs_approval', minPrice: 4828, dependsOn: [] });
    expect(pane.status).toBe('ok');
    expect(pane).not.toHaveProperty('dependsOn');
    expect(res.body.summary).toMatchObject({ total: 3, ok: 2, needs_approval: 1 });
  });

  it('leaves the basis out of ok lines with ?detail=flagged, and refuses an unknown detail', async () => {
    const lines = [pumpLine('ok', '2026-03-10', 5600), pumpLine('low', '2026-03-10', 4600)];
    const full = await validate(lines);
    const flagged = await validate(lines, '?detail=flagged');
    expect(full.body.results[0]?.message['zh-CN']).toContain('依据');
    expect(flagged.body.results[0]?.message['zh-CN']).not.toContain('依据');
    expect(flagged.body.results[0]?.status).toBe('ok');
    expect(flagged.body.results[1]?.message).toEqual(full.body.results[1]?.message);

    // compact: the ok line as an outcome index, the flagged one whole; the default stays verbose
    const compact = await call('POST', 'prices/validate?detail=compact', { lines });
    expect(compact.status).toBe(200);
    expect(compact.body).toMatchObject({ form: 'compact', results: [0, { id: 'low' }] });
    expect(expandAnswer(lines, CompactValidateResponseSchema.parse(compact.body))).toEqual(flagged.body);
    expect(full.body).not.toHaveProperty('form');

    const bad = await call('POST', 'prices/validate?detail=short', { lines });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_parameter');
  });

  it('judges the columnar form as the verbose one, line for line, odd values included', async () => {
    const lines: PriceLine[] = [
      pumpLine('ok', '2026-03-10', 5600),
      pumpLine('low', '2026-03-10', 4600),
      { ...pumpLine('open', '2026-03-10', 4900), isNewCustomer: null, unknownInputs: ['isNewCustomer'] },
      { ...pumpLine('usd', '2026-03-10', 800), currency: 'USD', customerClass: '外贸', taxIncluded: false },
      { ...pumpLine('odd', '2026-03-10', 5000), qty: 'two' as unknown as number, currency: 'EUR' },
      { id: 7, model: 'NOPE-1', unitPrice: null },
    ];
    for (const detail of ['', '?detail=compact']) {
      const verbose = await validate(lines, detail);
      const columns = await call('POST', `prices/validate${detail}`, encodeColumns(lines));
      expect(columns.status).toBe(200);
      expect(columns.body).toEqual(verbose.body);
    }
    const verbose = await validate(lines);
    expect(verbose.body.results.map((r) => r.status)).toEqual([
      'ok',
      'needs_approval',
      'ok',
      expect.any(String),
      'invalid',
      'invalid',
    ]);
  });

  it('answers 400 naming the column to a columnar body of the wrong shape, and 413 over the line cap', async () => {
    const good = encodeColumns([pumpLine('a', '2026-03-10', 5600), pumpLine('b', '2026-03-10', 5600)]);
    const issuesOf = (body: { error: { details?: Record<string, unknown> } }) =>
      (body.error.details?.issues as { path: string }[] | undefined)?.map((i) => i.path);

    const short = await call('POST', 'prices/validate', {
      ...good,
      columns: { ...good.columns, unitPrice: [5600] },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('validation_failed');
    expect(issuesOf(short.body)).toEqual(['columns.unitPrice']);
    expect(short.body.error.message['zh-CN']).toContain('列 unitPrice 有 1 项');

    const pastTable = await call('POST', 'prices/validate', {
      ...good,
      columns: { ...good.columns, model: [0, 99] },
    });
    expect(pastTable.status).toBe(400);
    expect(issuesOf(pastTable.body)).toEqual(['columns.model[1]']);
    expect(pastTable.body.error.message['en-US']).toContain('expected an index into strings');

    const notIndex = await call('POST', 'prices/validate', {
      ...good,
      columns: { ...good.columns, customer: ['郑州中原水泵经销部', 1] },
    });
    expect(notIndex.status).toBe(400);
    expect(issuesOf(notIndex.body)).toEqual(['columns.customer[0]']);

    const unknownColumn = await call('POST', 'prices/validate', {
      ...good,
      columns: { ...good.columns, price: [1, 2] },
    });
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body.error.code).toBe('validation_failed');

    const otherForm = await call('POST', 'prices/validate', { ...good, form: 'rows' });
    expect(otherForm.status).toBe(400);
    expect(issuesOf(otherForm.body)).toEqual(['form']);

    const ids = Array.from({ length: 50_001 }, (_, i) => i);
    const many = await call('POST', 'prices/validate', {
      form: 'columns',
      count: 50_001,
      strings: [],
      columns: { id: ids },
    });
    expect(many.status).toBe(413);
    expect(many.body.error).toMatchObject({
      code: 'too_many_lines',
      details: { maxLines: 50_000, received: 50_001 },
    });
  });

  it('answers 400 to malformed JSON and to a body without a lines list', async () => {
    const broken = await call('POST', 'prices/validate', '{"lines": [ {"id": 1, } ]}');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('bad_json');
    expect(broken.body.error.details).toMatchObject({ line: 1 });
    const notList = await call('POST', 'prices/validate', { lines: 'all of them' });
    expect(notList.status).toBe(400);
    expect(notList.body.error.code).toBe('validation_failed');
    const empty = await call('POST', 'prices/validate', '');
    expect(empty.status).toBe(400);
  });

  it('answers 413 for 50,001 lines and for a body over 32 MB, saying the limit and what was sent', async () => {
    const lines = Array.from({ length: 50_001 }, (_, i) => ({ id: i }));
    const many = await call('POST', 'prices/validate', { lines });
    expect(many.status).toBe(413);
    expect(many.body.error).toMatchObject({
      code: 'too_many_lines',
      details: { maxLines: 50_000, received: 50_001 },
    });
    expect(many.body.error.message['zh-CN']).toContain('50001');
    const justEnough = await call<ValidateResponse>('POST', 'prices/validate?detail=flagged', {
      lines: lines.slice(0, 50_000),
    });
    expect(justEnough.status).toBe(200);
    expect(justEnough.body.summary.total).toBe(50_000);

    const big = `{"lines":[],"pad":"${'x'.repeat(33 * 1024 * 1024)}"}`;
    const large = await call('POST', 'prices/validate', big);
    expect(large.status).toBe(413);
    expect(large.body.error.code).toBe('payload_too_large');
    expect(large.body.error.details).toMatchObject({ maxBytes: 32 * 1024 * 1024 });
    expect(large.body.error.message['en-US']).toMatch(/limit is 32 MB, this one is at least 33 MB/);
  });

  it('reads versions and approvals once per publish, not once per request, and sees a publish at once', async () => {
    await validate([pumpLine('warm', '2026-03-10', 5000)]);
    const lists = jest.spyOn(TableClient.prototype, 'listEntities');
    const points = jest.spyOn(TableClient.prototype, 'getEntity');
    try {
      for (let i = 0; i < 20; i++) {
        const res = await validate([pumpLine(`r${i}`, '2026-08-03', 5300)]);
        expect(res.body.results[0]?.policyVersion).toBe(2);
      }
      expect(lists).not.toHaveBeenCalled();
      expect(points).toHaveBeenCalledTimes(40); // the policy pointer and the approvals stamp, per request

      const current = await call('GET', 'price-policy');
      const v3 = await call(
        'PUT',
        'price-policy',
        { ...july, effectiveDate: '2026-08-01' },
        { ...HEAD, 'if-match': current.headers.get('etag') ?? '' },
      );
      expect(v3.status).toBe(200);
      const seen = await validate([pumpLine('new', '2026-08-03', 5300)]);
      expect(seen.body.results[0]?.policyVersion).toBe(3);
    } finally {
      lists.mockRestore();
      points.mockRestore();
    }
  });
});
