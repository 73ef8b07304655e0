/**
 * Issue 13's hostile bodies, each a repro that answered 500 (or a wrong 200) before: deep nesting, a lone
 * surrogate stored before the 500, numbers beyond what the domain keeps exact. Real HTTP, real Azurite.
 */
import { actingAs, CLERK, HEAD, samplePolicy, useApi, type Problem } from '../support/api';

const FINANCE = actingAs('李会计', 'Finance');

interface Issue {
  path: string;
  code?: string;
}

describe('hostile request bodies answer 400, never 500', () => {
  const { call } = useApi();

  const bodyRoutes: [string, string, Record<string, string>][] = [
    ['POST', 'approvals', HEAD],
    ['POST', 'plans/split', {}],
    ['PUT', 'plans/2026', HEAD],
    ['POST', 'plans/2026/progress', {}],
    ['POST', 'plans/2026/values', {}],
    ['PUT', 'price-policy', HEAD],
    ['POST', 'prices/validate', CLERK],
    ['PUT', 'ledgers/books/2026-03', FINANCE],
    ['POST', 'month-end/2026-03/run', FINANCE],
    ['POST', 'month-end/2026-03/close', FINANCE],
  ];

  it.each(bodyRoutes)('%s %s: "[" × 5000 (broken JSON) is 400 bad_json', async (method, route, who) => {
    const res = await call<Problem>(method, route, '['.repeat(5000), who);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_json');
    // The message quotes at most a short piece of the body.
    expect(JSON.stringify(res.body).length).toBeLessThan(2000);
  });

  it.each(bodyRoutes)(
    '%s %s: 10,000 nested arrays in valid JSON is 400 too_deep',
    async (method, route, who) => {
      const deep = `{"lines":${'['.repeat(10_000)}${']'.repeat(10_000)},"rows":1}`;
      const res = await call<Problem>(method, route, deep, who);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('too_deep');
      expect(res.body.error.message['zh-CN']).toContain('64');
    },
  );

  it('accepts nesting up to 64 levels (the limit is on depth, not on JSON)', async () => {
    // 64 levels in all: the body object, then 63 arrays. Not a valid split request, but not too deep.
    const text = `{"rows":${'['.repeat(63)}${']'.repeat(63)}}`;
    const res = await call<Problem>('POST', 'plans/split', text);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_plan_input');
  });

  it('an approval ref with a lone surrogate is 400 bad_text and nothing is stored', async () => {
    const text = JSON.stringify({
      ref: 'LS-@',
      customer: '华东机电',
      model: 'QJ-200',
      minUnitPrice: 100,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    }).replace('@', '\\ud800');
    const res = await call<Problem<{ path: string }>>('POST', 'approvals', text, HEAD);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_text');
    expect(res.body.error.details?.path).toBe('ref');
    // A retry gets the same clear answer (before: 500 twice, with the approval stored in between).
    expect((await call('POST', 'approvals', text, HEAD)).status).toBe(400);
    const list = await call<{ approvals: { ref: string }[] }>('GET', 'approvals');
    expect(list.body.approvals.filter((a) => a.ref.startsWith('LS-'))).toEqual([]);
  });

  it('a lone surrogate in an object key or a nested line is 400 naming the path', async () => {
    const text = '{"lines":[{"id":1,"model":"QJ-200","qty":1,"unitPrice":1},{"id":2,"model":"\\udc00x"}]}';
    const res = await call<Problem<{ path: string }>>('POST', 'prices/validate', text, CLERK);
    expect(res.status).toBe(400);
    expect(res.body.error.details?.path).toBe('lines[1].model');
    const key = await call<Problem<{ path: string }>>('POST', 'plans/split', '{"\\ud83d":1}');
    expect(key.status).toBe(400);
    expect(key.body.error.code).toBe('bad_text');
  });

  it('a lone surrogate in a month-end close note is 400 bad_text, and the month stays open', async () => {
    const res = await call<Problem<{ path: string }>>(
      'POST',
      'month-end/2026-04/close',
      '{"note":"结账 \\ud800"}',
      FINANCE,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details?.path).toBe('note');
    const month = await call<{ state?: { closed?: boolean } }>(
      'GET',
      'month-end/2026-04',
      undefined,
      FINANCE,
    );
    expect(JSON.stringify(month.body)).not.toContain('结账');
  });

  it('a well-formed pair (an emoji) is accepted as text', async () => {
    const res = await call<Problem>('POST', 'plans/split', {
      year: 2026,
      roundTo: 1,
      method: 'even',
      rows: [{ productType: '潜水泵 💧', annual: 1200 }],
    });
    expect(res.status).toBe(200);
  });

  it('annual: 1e20 is 400 naming the row and field, not floats that no longer add up', async () => {
    const res = await call<Problem<{ errors: Issue[] }>>('POST', 'plans/split', {
      year: 2026,
      roundTo: 1,
      method: 'even',
      rows: [
        { productType: '潜水泵', annual: 1200 },
        { productType: '离心泵', annual: 1e20 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.errors.map((e) => e.path)).toEqual(['rows[1].annual']);
  });

  it('an annual that fits but not in steps of roundTo (15 digits) is 400 naming it', async () => {
    const res = await call<Problem<{ errors: Issue[] }>>('POST', 'plans/split', {
      year: 2026,
      roundTo: 0.0001,
      method: 'even',
      rows: [{ productType: '潜水泵', annual: 900_000_000_000 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.errors.map((e) => e.path)).toEqual(['rows[0].annual']);
    // The same amount in whole yuan is exact, and splits.
    const fine = await call<{ rows: { months: number[] }[] }>('POST', 'plans/split', {
      year: 2026,
      roundTo: 1,
      method: 'even',
      rows: [{ productType: '潜水泵', annual: 900_000_000_000 }],
    });
    expect(fine.status).toBe(200);
    expect(fine.body.rows[0]?.months.reduce((s, m) => s + m, 0)).toBe(900_000_000_000);
  });

  it('a publish of 12 months beyond the exact range is 400 naming the row', async () => {
    const res = await call<Problem<{ errors: Issue[] }>>(
      'PUT',
      'plans/2031',
      {
        year: 2031,
        unit: 'yuan',
        roundTo: 1,
        rows: [{ productType: '潜水泵', annual: 1e20, months: Array(12).fill(1e20 / 12) }],
      },
      HEAD,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details?.errors.map((e) => e.path)).toContain('rows[0].annual');
  });

  it('a list price beyond the sane maximum is 400 naming the product field', async () => {
    const policy = samplePolicy();
    const products = policy.products.map((p, i) => (i === 2 ? { ...p, listPrice: 1e12 } : p));
    const res = await call<Problem<{ issues: Issue[] }>>(
      'PUT',
      'price-policy',
      { ...policy, products },
      HEAD,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details?.issues.map((i) => i.path)).toEqual(['products[2].listPrice']);
  });

  it('an approved price beyond the sane maximum is 400 naming minUnitPrice', async () => {
    const res = await call<Problem<{ issues: Issue[] }>>(
      'POST',
      'approvals',
      {
        ref: 'BIG-1',
        customer: '华东机电',
        model: 'QJ-200',
        minUnitPrice: 1e15,
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      },
      HEAD,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details?.issues.map((i) => i.path)).toEqual(['minUnitPrice']);
  });

  it('the same approval sent twice by the same head answers 200 with the stored one; changed, 409', async () => {
    const approval = {
      ref: 'RETRY-1',
      customer: '华东机电',
      model: 'QJ-200',
      minUnitPrice: 100,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    };
    const first = await call<{ registeredAt: string }>('POST', 'approvals', approval, HEAD);
    expect(first.status).toBe(201);
    const again = await call<{ registeredAt: string }>('POST', 'approvals', approval, HEAD);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const changed = await call<Problem>('POST', 'approvals', { ...approval, minUnitPrice: 90 }, HEAD);
    expect(changed.status).toBe(409);
  });
});
