/** The plan API through real HTTP on the dev host, with storage on a fresh in-memory Azurite. */
import type { PlanVersionInput, ProgressResponse, SplitResponse } from '../../src/contract/plans';
import fc from 'fast-check';
import { planValue } from '../../src/domain/plans';
import { planValueLookup, rowChanges } from '../../src/domain/plans';
import { listAudit, type AuditEntry } from '../../src/storage/auditLog';
import { CLERK, HEAD, HEAD_2, useApi, type Text } from '../support/api';

const WORKDAYS_2026 = [21, 16, 22, 21, 19, 21, 23, 21, 22, 18, 21, 23];
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

interface PlanError {
  path: string;
  row?: number;
  message: Text;
}
interface Problem {
  error: {
    code: string;
    message: Text;
    details: { errors: PlanError[]; current?: Record<string, unknown>; [key: string]: unknown };
  };
}

describe('plans API over HTTP', () => {
  const { host, call } = useApi<Record<string, unknown>>();

  describe('POST /api/plans/split', () => {
    const rows = [
      { productType: '潜水泵', region: '华东', rep: '张三', annual: 1_000_000, sheetRow: 4 },
      {
        productType: '消防泵',
        region: '华南',
        rep: '李四',
        annual: 248_000,
        locked: { '2': 16_000 },
        sheetRow: 5,
      },
    ];

    it.each(['profile', 'history', 'workdays', 'even'] as const)(
      'splits with %s and every row adds up',
      async (method) => {
        const history = [
          { date: '2025-04-03', productType: '潜水泵', region: '华东', amount: 10_000 },
          { date: '2025-07-03', productType: '潜水泵', region: '华东', amount: 30_000 },
        ];
        const res = await call<SplitResponse>('POST', 'plans/split', {
          year: 2026,
          roundTo: 1,
          method,
          history,
          rows,
        });
        expect(res.status).toBe(200);
        for (const [i, row] of res.body.rows.entries()) {
          expect(sum(row.months)).toBe(rows[i]?.annual);
          expect(row.months.every((m) => m >= 0)).toBe(true);
        }
        expect(res.body.rows[1]?.months[1]).toBe(16_000);
        expect(res.body.totals.annual).toBe(1_248_000);
        const pump = res.body.rows[0]?.months;
        if (method === 'profile')
          expect(pump).toEqual([5, 3, 7, 10, 12, 13, 13, 11, 8, 7, 6, 5].map((w) => w * 10_000));
        if (method === 'history') {
          expect(pump).toEqual([0, 0, 0, 250_000, 0, 0, 750_000, 0, 0, 0, 0, 0]);
          // 消防泵 has no history: it falls back to its season profile and says why.
          expect(res.body.rows[1]?.basis.method).toBe('profile');
          expect(res.body.rows[1]?.basis.reason?.['zh-CN']).toBeTruthy();
        }
        if (method === 'workdays') {
          // Whole yuan by largest remainder, each within 1 of its exact share of the working days.
          pump?.forEach((m, i) =>
            expect(Math.abs(m - ((WORKDAYS_2026[i] ?? 0) * 1_000_000) / 248)).toBeLessThan(1),
          );
        }
        if (method === 'even') expect(new Set(pump).size).toBeLessThanOrEqual(2);
      },
    );

    it('answers 400 naming every bad row by its sheet row, and 400 for an unknown method', async () => {
      const res = await call<Problem>('POST', 'plans/split', {
        year: 2026,
        roundTo: 1,
        method: 'even',
        rows: [
          { productType: '潜水泵', annual: 1200, sheetRow: 4 },
          { productType: '离心泵', annual: -5, sheetRow: 7 },
          { productType: '配件', annual: 100, locked: { '13': 1 }, sheetRow: 9 },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_plan_input');
      const errors = res.body.error.details.errors as {
        path: string;
        row: number;
        message: Record<string, string>;
      }[];
      expect(errors.map((e) => [e.path, e.row])).toEqual([
        ['rows[1].annual', 7],
        ['rows[2].locked.13', 9],
      ]);
      expect(errors[0]?.message['zh-CN']).toMatch(/^第7行：年度目标不能为负数/);
      expect(errors[1]?.message['en-US']).toBe('Row 9: locked month 13 is outside 1–12');
      expect(res.body.error.message['en-US']).toMatch(/2 error\(s\): Row 7: .*; Row 9: /);
      expect(Object.keys(res.body)).toEqual(['error']);

      const method = await call<Problem>('POST', 'plans/split', {
        year: 2026,
        roundTo: 1,
        method: 'weekly',
        rows: [{ productType: 'x', annual: 1 }],
      });
      expect(method.status).toBe(400);
      expect(method.body.error.details.errors[0]?.message['zh-CN']).toMatch(/未知的分解方法 "weekly"/);
    });

    it('answers 400 for broken JSON and 413 for more rows than one request may carry', async () => {
      const broken = await call<Problem>('POST', 'plans/split', '{"year": 2026,');
      expect(broken.status).toBe(400);
      expect(broken.body.error.code).toBe('bad_json');

      const many = Array.from({ length: 50_001 }, () => ({ productType: 'x', annual: 1 }));
      const tooMany = await call<Problem>('POST', 'plans/split', {
        year: 2026,
        roundTo: 1,
        method: 'even',
        rows: many,
      });
      expect(tooMany.status).toBe(413);
      expect(tooMany.body.error.details).toEqual({ field: 'rows', max: 50_000, received: 50_001 });
    });
  });

  describe('publishing and reading a plan', () => {
    const plan = (monthly: number, extra: PlanVersionInput['rows'] = []): PlanVersionInput => ({
      year: 2026,
      unit: 'yuan',
      roundTo: 1,
      method: 'even',
      rows: [
        {
          productType: '潜水泵',
          region: '华东',
          rep: '张三',
          annual: monthly * 12,
          months: new Array(12).fill(monthly),
        },
        {
          productType: '柴油机',
          region: '华南',
          rep: '李四',
          annual: 24_000,
          months: [...new Array(11).fill(2000), 2000],
        },
        ...extra,
      ],
    });
    let firstEtag = '';
    let secondEtag = '';

    it('has nothing before the first publish (404 JSON) and lets only the sales head publish (403)', async () => {
      const none = await call<Problem>('GET', 'plans/2026');
      expect(none.status).toBe(404);
      expect(none.body.error.code).toBe('plan_not_found');
      expect((await call('GET', 'plans/2026/versions')).status).toBe(404);

      const clerk = await call<Problem>('PUT', 'plans/2026', plan(1000), CLERK);
      expect(clerk.status).toBe(403);
      expect(clerk.body.error.message['zh-CN']).toMatch(/Sales\.Head/);
      const manager = await call<Problem>('PUT', 'plans/2026', plan(1000));
      expect(manager.status).toBe(403);
    });

    it('publishes the first version (201 with ETag), then GET answers it with the same ETag', async () => {
      const put = await call<Record<string, unknown>>('PUT', 'plans/2026', plan(1000), {
        ...HEAD,
        'if-none-match': '*',
      });
      expect(put.status).toBe(201);
      firstEtag = put.headers.get('etag') ?? '';
      expect(firstEtag).toBe('"plan-2026-v1"');
      expect(put.headers.get('location')).toBe('/api/plans/2026/versions/1');
      expect(put.body).toMatchObject({ version: 1, publishedBy: '王部长', year: 2026 });

      const get = await call<Record<string, unknown>>('GET', 'plans/2026', undefined, CLERK);
      expect(get.status).toBe(200);
      expect(get.headers.get('etag')).toBe(firstEtag);
      expect(get.body).toMatchObject({
        version: 1,
        unit: 'yuan',
        publishedBy: '王部长',
        rows: plan(1000).rows,
      });
      expect(Date.parse(String(get.body.publishedAt))).toBeGreaterThan(Date.now() - 60_000);

      const notModified = await fetch(`${host.baseUrl}/plans/2026`, {
        headers: { ...CLERK, 'if-none-match': firstEtag },
      });
      expect(notModified.status).toBe(304);
    });

    it('wants If-Match once a version exists (428), publishes with the current ETag, refuses a stale one (412)', async () => {
      const missing = await call<Problem>('PUT', 'plans/2026', plan(1100), HEAD_2);
      expect(missing.status).toBe(428);
      expect(missing.body.error.details.current).toMatchObject({
        version: 1,
        etag: firstEtag,
        publishedBy: '王部长',
      });

      const extra = [{ productType: '配件', annual: 1200, months: new Array(12).fill(100) }];
      const second = await call('PUT', 'plans/2026', plan(1100, extra), { ...HEAD_2, 'if-match': firstEtag });
      expect(second.status).toBe(200);
      secondEtag = second.headers.get('etag') ?? '';
      expect(secondEtag).toBe('"plan-2026-v2"');

      const stale = await call<Problem>('PUT', 'plans/2026', plan(900), { ...HEAD, 'if-match': firstEtag });
      expect(stale.status).toBe(412);
      expect(stale.body.error.code).toBe('plan_changed');
      expect(stale.headers.get('etag')).toBe(secondEtag);
      expect(stale.body.error.message['zh-CN']).toMatch(
        /第 2 版，由 赵部长 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）发布/,
      );
      expect(stale.body.error.message['en-US']).toMatch(
        /version 2, published by 赵部长 on .* \(China time\)/,
      );

      const exists = await call<Problem>('PUT', 'plans/2026', plan(900), { ...HEAD, 'if-none-match': '*' });
      expect(exists.status).toBe(412);
      const wildcard = await call<Problem>('PUT', 'plans/2026', plan(900), { ...HEAD, 'if-match': '*' });
      expect(wildcard.status).toBe(428);
      const notYet = await call<Problem>(
        'PUT',
        'plans/2031',
        { ...plan(900), year: 2031 },
        { ...HEAD, 'if-match': '"plan-2031-v1"' },
      );
      expect(notYet.status).toBe(412);

      const current = await call<Record<string, unknown>>('GET', 'plans/2026');
      expect(current.body.version).toBe(2);
      expect(current.headers.get('etag')).toBe(secondEtag);
    });

    it('checks the body: months that do not add up name the row; the year must match the address', async () => {
      const bad = plan(1000);
      bad.rows[1] = { ...bad.rows[1]!, months: new Array(12).fill(1999), sheetRow: 12 };
      const res = await call<Problem>('PUT', 'plans/2026', bad, { ...HEAD, 'if-match': secondEtag });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0]).toMatchObject({ path: 'rows[1].months', row: 12 });
      expect(res.body.error.details.errors[0]?.message['zh-CN']).toMatch(
        /^第12行：12 个月合计 23988 不等于年度目标 24000/,
      );

      const mismatch = await call<Problem>(
        'PUT',
        'plans/2026',
        { ...plan(1000), year: 2027 },
        { ...HEAD, 'if-match': secondEtag },
      );
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.error.code).toBe('year_mismatch');
      expect((await call<Problem>('GET', 'plans/1999')).body.error.code).toBe('bad_year');
    });

    it('keeps every version readable, and the audit log says who published what', async () => {
      const list = await call<{ current: number; versions: Record<string, unknown>[] }>(
        'GET',
        'plans/2026/versions',
      );
      expect(list.status).toBe(200);
      expect(list.body.current).toBe(2);
      expect(list.body.versions.map((v) => [v.version, v.publishedBy, v.rows, v.annual])).toEqual([
        [2, '赵部长', 3, 13_200 + 24_000 + 1200],
        [1, '王部长', 2, 12_000 + 24_000],
      ]);

      const v1 = await call<Record<string, unknown>>('GET', 'plans/2026/versions/1');
      expect(v1.body).toMatchObject({ version: 1, rows: plan(1000).rows });
      expect((await call('GET', 'plans/2026/versions/7')).status).toBe(404);

      const audit: AuditEntry[] = await listAudit('plan');
      expect(audit.map((e) => [e.action, e.who])).toEqual([
        ['publish', '赵部长'],
        ['publish', '王部长'],
      ]);
      expect(audit[0]?.summary).toEqual({
        'zh-CN':
          '发布2026年计划第 2 版：3 行，年度合计 38,400 元；较第 1 版 +2,400 元（+6.7%），新增 1 行、删除 0 行、修改 1 行。',
        'en-US':
          'Published the 2026 plan, version 2: 3 rows, annual total 38,400 yuan; vs version 1: +2,400 yuan (+6.7%), rows 1 added, 0 removed, 1 changed.',
      });
      expect(audit[1]?.summary).toMatchObject({
        'en-US': expect.stringMatching(/version 1: 2 rows, annual total 36,000 yuan \(first version\)/),
      });
      expect(audit[0]?.details).toMatchObject({
        previous: { version: 1, annual: 36_000 },
        change: { annual: 2400, added: 1, changed: 1 },
      });
    });

    it('answers progress against the published plan, and 404 for a year without one', async () => {
      const res = await call<ProgressResponse>('POST', 'plans/2026/progress', {
        basis: 'orders',
        actuals: [
          { date: '2026-01-10', productType: '潜水泵', region: '华东', rep: '张三', amount: 1100 },
          { date: '2026-02-10', productType: '潜水泵', region: '华东', rep: '张三', amount: 550 },
          { date: '2026-02-11', productType: '柴油机', region: '华南', rep: '李四', amount: 3000 },
          { date: '2025-12-31', productType: '柴油机', region: '华南', rep: '李四', amount: 9 },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.throughMonth).toBe(2);
      expect(res.body.total.plan.slice(0, 2)).toEqual([3200, 3200]);
      expect(res.body.total.actual.slice(0, 3)).toEqual([1100, 3550, 0]);
      expect(res.body.total.ytd).toEqual({ plan: 6400, actual: 4650, completion: 4650 / 6400 });
      expect(res.body.byRep.map((l) => [l.key, l.ytd.completion])).toEqual([
        ['张三', 1650 / 2200],
        ['李四', 3000 / 4000],
      ]);
      expect(res.body.notes.map((n) => n['en-US']).join(' ')).toMatch(/1 actuals are not dated in 2026/);

      const bad = await call<Problem>('POST', 'plans/2026/progress', {
        basis: 'orders',
        actuals: [{ date: '2026-02-30', productType: 'x', amount: 1 }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0]?.message['zh-CN']).toMatch(
        /^实绩第1行：日期 2026-02-30 不存在/,
      );
      const units = await call<Problem>('POST', 'plans/2026/progress', {
        basis: 'orders',
        unit: 'units',
        actuals: [],
      });
      expect(units.status).toBe(400);
      expect(units.body.error.details.errors[0]?.path).toBe('unit');
      const none = await call<Problem>('POST', 'plans/2029/progress', { basis: 'orders', actuals: [] });
      expect(none.status).toBe(404);
    });

    it('answers batched plan values; a bad query gets a message and never stops the others', async () => {
      const res = await call<{
        version: number;
        unit: string;
        results: { value: number | null; message?: Record<string, string> }[];
      }>('POST', 'plans/2026/values', {
        queries: [
          { month: 1 },
          { month: 1, productType: '潜水泵' },
          { month: 12, region: '华南', rep: '李四' },
          { month: 3, productType: ' 配件 ', region: null, rep: '' },
          { month: 13 },
          { month: 2, productType: '水轮机' },
          { month: 2, rep: 42 },
          'x',
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: 2, unit: 'yuan' });
      expect(res.body.results.map((r) => r.value)).toEqual([3200, 1100, 2000, 100, null, null, null, null]);
      expect(res.body.results[4]?.message?.['en-US']).toBe(
        'Query 5: month must be a whole number 1–12, found 13',
      );
      expect(res.body.results[5]?.message?.['zh-CN']).toBe('2026年计划中没有产品类别“水轮机”的计划行');
      expect(res.body.results[7]?.message?.['zh-CN']).toBe('第8个查询应为对象');

      const tooMany = await call<Problem>('POST', 'plans/2026/values', {
        queries: new Array(5001).fill({ month: 1 }),
      });
      expect(tooMany.status).toBe(413);
      expect((await call('POST', 'plans/2029/values', { queries: [{ month: 1 }] })).status).toBe(404);
      expect((await call('POST', 'plans/2026/values', { q: [] })).status).toBe(400);
    });
  });

  it('answers 401 to an anonymous caller', async () => {
    const identity = process.env.SALESDESK_DEV_IDENTITY;
    delete process.env.SALESDESK_DEV_IDENTITY;
    try {
      const res = await call<Problem>('POST', 'plans/split', {
        year: 2026,
        roundTo: 1,
        method: 'even',
        rows: [],
      });
      expect(res.status).toBe(401);
      expect((await call('GET', 'plans/2026')).status).toBe(401);
    } finally {
      process.env.SALESDESK_DEV_IDENTITY = identity;
    }
  });
});

describe('plan values lookup (the index behind POST …/values)', () => {
  it('agrees with planValue on every query, and says so when no row matches', () => {
    const dims = fc.constantFrom(undefined, '', '华东', '华南', ' 华东 ');
    const planRow = fc.record({
      productType: fc.constantFrom('潜水泵', '柴油机', ' 配件'),
      region: dims,
      rep: fc.constantFrom(undefined, '张三', '李四'),
      months: fc.array(
        fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
        { minLength: 12, maxLength: 12 },
      ),
    });
    const query = fc.record({
      month: fc.integer({ min: 1, max: 12 }),
      productType: fc.constantFrom(undefined, '潜水泵', '柴油机', '配件', '水轮机'),
      region: fc.constantFrom(undefined, '华东', '华南', '西北'),
      rep: fc.constantFrom(undefined, '张三', '王五'),
    });
    fc.assert(
      fc.property(
        fc.array(planRow, { maxLength: 30 }),
        fc.array(query, { maxLength: 20 }),
        (raw, queries) => {
          const rows = raw.map((r) => ({ ...r, annual: 0 }));
          const lookup = planValueLookup({ year: 2026, rows });
          for (const q of queries) {
            const clean = Object.fromEntries(
              Object.entries(q).filter(([, v]) => v !== undefined),
            ) as typeof q;
            const got = lookup(clean);
            const matches = rows.some(
              (r) =>
                (!clean.productType || r.productType.trim() === clean.productType) &&
                (!clean.region || (r.region ?? '').trim() === clean.region) &&
                (!clean.rep || r.rep === clean.rep),
            );
            if (matches) expect(got).toEqual({ value: planValue({ rows }, clean) });
            else expect(got.value).toBeNull();
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts rows added, removed and changed by product type + region + rep', () => {
    const r = (productType: string, region: string | undefined, m: number) => ({
      productType,
      region,
      annual: m * 12,
      months: new Array<number>(12).fill(m),
    });
    expect(
      rowChanges(
        [r('潜水泵', '华东', 1), r('柴油机', undefined, 2), r('配件', '华南', 3)],
        [r('潜水泵', ' 华东', 1), r('柴油机', '', 5), r('离心泵', '华南', 3)],
      ),
    ).toEqual({ added: 1, removed: 1, changed: 1 });
  });
});
