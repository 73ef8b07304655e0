/**
 * The seeded fuzzer (fuzzer.ts) over every route, a few hundred requests: no 5xx, no hang. `npm run fuzz`
 * runs the same with tens of thousands (see README, Reliability).
 */
import { httpRoutes } from '../../src/routes';
import { useApi } from '../support/api';
import { fuzz } from './fuzzer';

describe('fuzzing every route', () => {
  const { host } = useApi();

  it('300 seeded hostile requests: every one answered, none with 5xx', async () => {
    const report = await fuzz({ baseUrl: host.baseUrl, seed: 13, count: 300, concurrency: 4 });
    expect(report.failures).toEqual([]);
    expect(report.requests).toBe(300);
    expect(report.serverErrors + report.hangs + report.errors).toBe(0);
    // Every route and method was tried.
    const tried = Object.keys(report.byRoute);
    for (const route of httpRoutes) {
      for (const method of route.methods) expect(tried).toContain(`${method} ${route.route}`);
    }
  });
});
