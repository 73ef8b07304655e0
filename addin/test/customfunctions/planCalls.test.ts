// The plan's worksheet functions. SALES.SPLIT is local and must add up exactly; SALES.PLAN is batched
// against the real API (dev host on Azurite): one recalculation burst → ceil(n / cap) requests per year,
// identical calls asked once, and a failed request rejects every cell waiting on it with the reason.
import fc from 'fast-check';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';
import { actingAs, useSignedIn } from '../support/signIn';
import { scaleOf, toUnits } from '../../../functions/src/contract/decimal';
import { createApiClient } from '../../src/api/client';
import {
  PLAN_BATCH_CAP,
  PlanCallError,
  createPlanCalls,
  inUnit,
  planCall,
  splitMonths,
} from '../../src/customfunctions/planCalls';

function addsUp(months: readonly number[], annual: number): boolean {
  const scale = Math.max(scaleOf(annual), ...months.map(scaleOf));
  return months.reduce((s, m) => s + toUnits(m, scale), 0n) === toUnits(annual, scale);
}

describe('SALES.SPLIT', () => {
  it('spreads by the weights and adds up exactly, in multiples of roundTo', () => {
    const weights = [[4, 2, 7, 11, 13, 14, 14, 11, 7, 6, 6, 5]];
    const months = splitMonths(1000001, weights);
    expect(months).toHaveLength(12);
    expect(addsUp(months, 1000001)).toBe(true);
    expect(months[1]).toBeLessThan(months[5] as number);
    const wan = splitMonths(127.37, weights, 0.01);
    expect(addsUp(wan, 127.37)).toBe(true);
    expect(
      wan.every(
        (m) => Number.isInteger(Math.round(m * 100)) && Math.abs(m * 100 - Math.round(m * 100)) < 1e-6,
      ),
    ).toBe(true);
  });

  it('adds up for any annual figure, weights and roundTo', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.constantFrom(1, 0.01, 100, 0.5),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }),
        (cents, roundTo, w) => {
          const annual = cents / 100;
          const months = splitMonths(
            annual,
            w.map((x) => [x]),
            roundTo,
          );
          return months.length === 12 && months.every((m) => m >= 0) && addsUp(months, annual);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes a column or a row of 12 cells; blanks weigh 0; all blank is even', () => {
    const column = splitMonths(120, [[1], [1], [1], [1], [1], [1], [1], [1], [1], [1], [1], ['']]);
    // 120 over 11 equal weights: 10 each, the 10 left over go to the earliest months (ties).
    expect(column).toEqual([11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 10, 0]);
    expect(addsUp(column, 120)).toBe(true);
    expect(splitMonths(12, [new Array(12).fill('')])).toEqual(new Array(12).fill(1));
  });

  it('says what is wrong, in both languages', () => {
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof PlanCallError ? e.text : null;
      }
      return null;
    };
    expect(message(() => splitMonths(-1, [new Array(12).fill(1)]))?.['zh-CN']).toContain('不小于 0');
    expect(message(() => splitMonths(1, [[1, 2, 3]]))?.['en-US']).toBe(
      'weights must be 12 cells (January to December), found 3',
    );
    expect(message(() => splitMonths(1, [[1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1]]))?.['en-US']).toContain(
      'weight 6',
    );
    expect(message(() => splitMonths(1, [new Array(12).fill(1)], 0))?.['zh-CN']).toContain('取整单位');
    expect(message(() => splitMonths('abc', [new Array(12).fill(1)]))).not.toBeNull();
  });
});

describe('SALES.PLAN arguments', () => {
  it('checks year and month before anything is sent; filters are trimmed text', () => {
    expect(planCall(2026, 3, ' 潜水泵 ', '', 7)).toEqual({
      year: 2026,
      month: 3,
      productType: '潜水泵',
      rep: '7',
    });
    expect(() => planCall(26, 3)).toThrow(PlanCallError);
    expect(() => planCall(2026, 13)).toThrow(/month must be a whole number 1–12, found 13/);
    expect(() => planCall(2026, 2.5)).toThrow(PlanCallError);
  });

  it('takes the unit as 元 or 万元 (or 台) and converts between 元 and 万元 exactly', () => {
    expect(planCall(2026, 3, '', '', '', '万元')).toEqual({ year: 2026, month: 3, unit: 'wanYuan' });
    expect(planCall(2026, 3, '', '', '', ' 元 ').unit).toBe('yuan');
    expect(() => planCall(2026, 3, '', '', '', 'kg')).toThrow(/unit must be 元 or 万元/);
    expect(inUnit(1234.56, 'wanYuan', 'yuan')).toBe(12345600);
    expect(inUnit(12345678, 'yuan', 'wanYuan')).toBe(1234.5678);
    expect(inUnit(0.07, 'wanYuan', 'yuan')).toBe(700); // 0.07 × 10000 in floating point is 700.0000000000001
    expect(() => inUnit(5, 'units', 'yuan')).toThrow(PlanCallError);
  });
});

describe('SALES.PLAN against the API', () => {
  useAzurite();
  const host = useDevHost();
  useSignedIn('张内勤', 'Sales.Clerk');
  let requests: { path: string; queries: number }[] = [];

  const countingFetch: typeof fetch = async (input, init) => {
    const body = JSON.parse(String(init?.body ?? '{}')) as { queries?: unknown[] };
    requests.push({ path: String(input).replace(host.baseUrl, ''), queries: body.queries?.length ?? 0 });
    return fetch(input, init);
  };
  const client = () => createApiClient({ baseUrl: host.baseUrl, fetch: countingFetch });

  beforeAll(async () => {
    const plan = {
      year: 2026,
      unit: 'yuan',
      roundTo: 1,
      method: 'even',
      rows: [
        { productType: '潜水泵', region: '华东', rep: '张三', annual: 1200, months: new Array(12).fill(100) },
        { productType: '潜水泵', region: '华南', rep: '李四', annual: 2400, months: new Array(12).fill(200) },
        { productType: '配件', region: '华东', rep: '张三', annual: 12, months: new Array(12).fill(1) },
      ],
    };
    const res = await fetch(`${host.baseUrl}/plans/2026`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...actingAs('王部长', 'Sales.Head') },
      body: JSON.stringify(plan),
    });
    expect(res.status).toBe(201);
  });
  beforeEach(() => {
    requests = [];
  });

  it('answers the published plan, summed over the rows that match', async () => {
    const calls = createPlanCalls({ client });
    const [all, type, region, rep, none] = await Promise.all([
      calls.plan(planCall(2026, 1)),
      calls.plan(planCall(2026, 2, '潜水泵')),
      calls.plan(planCall(2026, 3, undefined, '华东')),
      calls.plan(planCall(2026, 4, '配件', '华东', '张三')),
      calls.plan(planCall(2026, 5, '水轮机')).catch((e: unknown) => e),
    ]);
    expect([all, type, region, rep]).toEqual([301, 300, 101, 1]);
    // A query that matches no row fails its own cell only, with the API's message.
    expect(none).toBeInstanceOf(PlanCallError);
    expect((none as PlanCallError).text['zh-CN']).toContain('水轮机');
    expect(requests).toEqual([{ path: '/plans/2026/values', queries: 5 }]);
    // the plan is published in 元: the same question in 万元, exactly
    await expect(calls.plan(planCall(2026, 1, '', '', '', '万元'))).resolves.toBe(0.0301);
    await expect(calls.plan(planCall(2026, 1, '', '', '', '台'))).rejects.toThrow(/cannot be given in units/);
  });

  it('1,000 calls in one burst: ceil(n / cap) requests, identical calls asked once', async () => {
    const cap = 300;
    const calls = createPlanCalls({ client, cap, delayMs: 50 });
    const burst = Array.from({ length: 1000 }, (_, i) =>
      planCall(2026, (i % 12) + 1, '潜水泵', undefined, `rep${i}`),
    );
    const repeats = Array.from({ length: 200 }, (_, i) => planCall(2026, (i % 12) + 1, '潜水泵'));
    const answers = await Promise.allSettled([...burst, ...repeats].map((c) => calls.plan(c)));
    const distinct = 1000 + 12;
    expect(requests).toHaveLength(Math.ceil(distinct / cap));
    expect(requests.reduce((s, r) => s + r.queries, 0)).toBe(distinct);
    expect(requests.every((r) => r.queries <= cap)).toBe(true);
    // rep0… match no row (rejected with the API's message); the repeats all get 300.
    expect(
      answers.slice(0, 1000).every((a) => a.status === 'rejected' && a.reason instanceof PlanCallError),
    ).toBe(true);
    expect(answers.slice(1000).every((a) => a.status === 'fulfilled' && a.value === 300)).toBe(true);
    expect(PLAN_BATCH_CAP).toBe(5000);
  });

  it('at the default cap, 6,000 distinct calls take two requests the API accepts (5,000 + 1,000)', async () => {
    const calls = createPlanCalls({ client });
    const answers = await Promise.allSettled(
      Array.from({ length: 6000 }, (_, i) =>
        calls.plan(planCall(2026, (i % 12) + 1, '潜水泵', '华东', `${i}`)),
      ),
    );
    expect(requests.map((r) => r.queries)).toEqual([PLAN_BATCH_CAP, 1000]);
    expect(answers.every((a) => a.status === 'rejected' && a.reason instanceof PlanCallError)).toBe(true);
  });

  it('batches per year: calls for two years go in two requests', async () => {
    const calls = createPlanCalls({ client });
    const results = await Promise.allSettled([
      calls.plan(planCall(2026, 1)),
      calls.plan(planCall(2031, 1)),
      calls.plan(planCall(2026, 2)),
    ]);
    expect(requests.map((r) => r.path).sort()).toEqual(['/plans/2026/values', '/plans/2031/values']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 301 });
    expect(results[1]?.status).toBe('rejected');
  });

  it('no published plan: every waiting cell is rejected with the API’s message', async () => {
    const calls = createPlanCalls({ client });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => calls.plan(planCall(2031, (i % 12) + 1, `类别${i}`))),
    );
    expect(requests).toHaveLength(1);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as PlanCallError).text : null));
    expect(new Set(reasons.map((r) => r?.['zh-CN'])).size).toBe(1);
    expect(reasons[0]?.['zh-CN']).toContain('2031');
  });

  it('service unreachable: every waiting cell is rejected, none left waiting', async () => {
    const calls = createPlanCalls({
      client: () => createApiClient({ baseUrl: 'http://127.0.0.1:9/api', fetch: countingFetch }),
    });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => calls.plan(planCall(2026, (i % 12) + 1, undefined, `片区${i}`))),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const reason = (results[0] as PromiseRejectedResult).reason as PlanCallError;
    expect(reason.text['zh-CN']).toMatch(/连不上 SalesDesk 服务/);
    expect(reason.text['en-US']).toMatch(/unreachable/);
  });
});
