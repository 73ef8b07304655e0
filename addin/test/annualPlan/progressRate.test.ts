// 计划达成 on the sample workbook: its 208 USD lines are export sales. Without a rate the run stops
// and asks for one (no 外贸 at 0 % and a company total of 88.9 %); with the sample's 7.10 the company
// is at ≈96 %, 外贸 is measured, and the rate is written on the result sheet.
import { readFileSync } from 'fs';
import { join } from 'path';
import type { PlanVersion, ProgressRequest } from '../../../functions/src/contract/plans';
import { splitPlan } from '../../../functions/src/domain/plans';
import { planProgress } from '../../../functions/src/domain/plans/planProgress';
import { createApiClient } from '../../src/api/client';
import {
  mergeSplitResponses,
  planVersionInput,
  readAnnualPlan,
  readSeasonProfiles,
  splitRequests,
} from '../../src/annualPlan';
import { PlanActionError, runProgress } from '../../src/annualPlan/planActions';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { jsonResponse as json } from '../support/response';

const SAMPLE = join(__dirname, '../../../samples/SalesDesk-示例台账.xlsx');
const expected = JSON.parse(readFileSync(join(__dirname, '../../../samples/expected.json'), 'utf8')) as {
  totals: { usdRateX100: number };
  counts: { usdLines: number };
};

let wb: MemoryWorkbook;
let version: PlanVersion;
const calls: string[] = [];
const api = createApiClient({
  baseUrl: 'http://api.test/api',
  fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(String(input));
    const result = planProgress(version, JSON.parse(String(init?.body)) as ProgressRequest);
    return result.ok ? json(200, result.value) : json(400, { error: { code: 'x', message: 'x' } });
  }) as typeof fetch,
});

beforeAll(async () => {
  wb = await MemoryWorkbook.fromXlsx(readFileSync(SAMPLE), { pause: () => Promise.resolve() });
  const plan = readAnnualPlan(await wb.readSheet('年度计划'));
  const season = readSeasonProfiles(await wb.readSheet('季节系数'));
  const split = mergeSplitResponses(
    splitRequests({
      year: 2026,
      roundTo: plan.roundTo,
      method: 'profile',
      rows: plan.rows,
      profiles: season.profiles,
    }).map(splitPlan),
  );
  version = {
    ...planVersionInput(split, plan.unit),
    publishedBy: '王部长',
    publishedAt: '2026-01-05T02:00:00.000Z',
  };
});

const job = (usdRate?: number) =>
  runProgress({
    workbook: wb,
    api,
    year: 2026,
    locale: 'zh-CN',
    ledger: { sheet: '销售台账', mapping: null, usdRate },
  });

describe('计划达成 with export sales', () => {
  it('stops and asks for the rate when the ledger has USD lines, asking the service nothing', async () => {
    const error = await job().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanActionError);
    const e = error as PlanActionError;
    expect(e.options.rateNeeded).toBe('USD');
    expect(e.text['zh-CN']).toContain(`有 ${expected.counts.usdLines} 行为USD`);
    expect(e.text['en-US']).toContain('enter the rate first');
    expect(calls).toHaveLength(0);
    expect(wb.model.getSheet('计划达成')).toBeUndefined();
  });

  it('counts them at the rate given: company ≈96 %, 外贸 measured, the rate on the sheet', async () => {
    const rate = expected.totals.usdRateX100 / 100;
    const out = await job(rate);
    const completion = out.progress.total.ytd.completion ?? 0;
    expect(completion).toBeGreaterThan(0.955);
    expect(completion).toBeLessThan(0.97);
    const export_ = out.progress.byRegion.find((r) => r.key === '外贸');
    expect(export_?.ytd.actual).toBeGreaterThan(0);
    expect(export_?.ytd.completion).toBeGreaterThan(0.5);
    const title = wb.cellView(out.written.name, 0, 0).value;
    expect(title).toContain(`USD汇率 ${rate}`);
  });
});
