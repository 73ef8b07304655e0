/**
 * First-start sample data, run by `npm start` (`node --import tsx scripts/seed.ts`, env SALESDESK_API;
 * signs in as the sales head with SALESDESK_TOKEN or else a token of the local issuer): when no price policy is published yet, publishes the one on the sample
 * workbook's 价格政策 sheet, read the way the task pane reads it; then registers the sample's special-order
 * approvals (SP-2026-014/031/047) that are not registered yet. A published policy is left alone, so a
 * second run changes nothing. Exit code 0 on success, 1 with a message on failure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApprovalInput, PricePolicy } from '../functions/src/contract/pricing';
import { ApiError, createApiClient } from '../addin/src/api/client';
import { openLocalIssuer } from '../functions/src/auth/localIssuer';
import { choosePolicySheet, readPolicySheet } from '../addin/src/pricePolicy';
import { MemoryWorkbook } from '../addin/src/workbook/memoryWorkbook';

const ROOT = join(__dirname, '..');
export const SAMPLE_WORKBOOK = join(ROOT, 'samples', 'SalesDesk-示例台账.xlsx');
export const SAMPLE_EXPECTED = join(ROOT, 'samples', 'expected.json');

export interface SeedOptions {
  /** `http://localhost:7071/api` */
  api: string;
  /** A bearer token with the Sales.Head role (the local issuer's: `npm run token -- Sales.Head`). */
  token?: string;
  fetchImpl?: typeof fetch;
  workbookPath?: string;
  expectedPath?: string;
  log?: (line: string) => void;
}

export interface SeedReport {
  policy: { action: 'published' | 'left alone'; version: number | null };
  approvals: { registered: string[]; alreadyThere: string[] };
}

/** A failure the script reports and exits 1 on. */
export class SeedError extends Error {
  override name = 'SeedError';
}

interface SampleApproval {
  ref: string;
  customer: string;
  model: string;
  minUnitPriceFen: number;
  validFrom: string;
  validTo: string;
}

interface PublishedVersion {
  version: number;
  effectiveDate: string;
  publishedBy: string;
  publishedAt: string;
}

/** The approvals in expected.json (fen) as the API takes them (yuan). */
export function sampleApprovals(expectedPath = SAMPLE_EXPECTED): ApprovalInput[] {
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { approvals?: SampleApproval[] };
  return (expected.approvals ?? []).map((a) => ({
    ref: a.ref,
    customer: a.customer,
    model: a.model,
    minUnitPrice: a.minUnitPriceFen / 100,
    currency: 'CNY',
    validFrom: a.validFrom,
    validTo: a.validTo,
    note: '示例审批单（npm start 首次启动时登记） / sample approval, registered on first start',
  }));
}

/** Reads the sample workbook's policy sheet exactly as the task pane does; errors stop the seed. */
export async function samplePolicy(
  workbookPath = SAMPLE_WORKBOOK,
  log: (line: string) => void = () => undefined,
): Promise<PricePolicy> {
  const workbook = await MemoryWorkbook.fromXlsx(readFileSync(workbookPath), {
    pause: async () => undefined,
  });
  const sheets = await workbook.listSheets();
  const sheet = await choosePolicySheet(sheets, (name) => workbook.readSheet(name, { maxRows: 60 }));
  if (!sheet) throw new SeedError(`${workbookPath}: 找不到价格政策工作表 / no price-policy sheet found`);
  const read = readPolicySheet(await workbook.readSheet(sheet, { numberFormats: true }));
  for (const p of read.problems) log(`  ${p.severity}: ${p.message['zh-CN']} / ${p.message['en-US']}`);
  if (!read.canPublish) {
    throw new SeedError(
      `${workbookPath} 的“${sheet}”有错误，未发布 / the sheet "${sheet}" has errors, nothing was published`,
    );
  }
  return read.policy;
}

function describeError(error: unknown, what: string): SeedError {
  if (error instanceof SeedError) return error;
  if (error instanceof ApiError) {
    if (error.kind === 'unreachable') {
      return new SeedError(
        `${what}：无法连接 API（Functions 主机是否已启动？）/ ${what}: the API cannot be reached (is the Functions host running?): ${error.message}`,
      );
    }
    const m = error.body?.error?.message;
    const text = typeof m === 'string' ? m : m ? `${m['zh-CN']} / ${m['en-US']}` : error.message;
    return new SeedError(`${what}: HTTP ${error.status}: ${text}`);
  }
  return new SeedError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
}

export async function runSeed(options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const api = createApiClient({
    baseUrl: options.api,
    ...(options.fetchImpl ? { fetch: options.fetchImpl } : {}),
  });
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const report: SeedReport = {
    policy: { action: 'left alone', version: null },
    approvals: { registered: [], alreadyThere: [] },
  };

  // 1. The price policy, only when none is published.
  let current: PublishedVersion | null = null;
  try {
    current = (await api.request<PublishedVersion>('GET', '/price-policy', undefined, { headers })).data;
  } catch (error) {
    if (!(error instanceof ApiError && error.kind === 'http' && error.status === 404)) {
      throw describeError(error, 'GET /price-policy');
    }
  }
  if (current) {
    report.policy = { action: 'left alone', version: current.version };
    log(
      `[seed] 已有价格政策第 ${current.version} 版（${current.effectiveDate} 起生效，${current.publishedBy} 发布），保持不变 / ` +
        `a price policy is already published (version ${current.version}, in force from ${current.effectiveDate}, by ${current.publishedBy}): left alone`,
    );
  } else {
    log('[seed] 尚无价格政策，读取示例工作簿 / no price policy yet: reading the sample workbook');
    const policy = await samplePolicy(options.workbookPath, log);
    try {
      const published = await api.request<PublishedVersion>('PUT', '/price-policy', policy, {
        headers: { ...headers, 'If-None-Match': '*' },
      });
      report.policy = { action: 'published', version: published.data.version };
      log(
        `[seed] 已发布示例价格政策第 ${published.data.version} 版：${policy.products.length} 个型号、${policy.rules.length} 条规则，${policy.effectiveDate} 起生效 / ` +
          `published the sample price policy as version ${published.data.version}: ${policy.products.length} models, ${policy.rules.length} rules, in force from ${policy.effectiveDate}`,
      );
    } catch (error) {
      // Someone published between our GET and PUT: theirs stands.
      if (error instanceof ApiError && error.status === 412) {
        log('[seed] 刚有人发布了价格政策，保持不变 / a price policy was published meanwhile: left alone');
      } else {
        throw describeError(error, 'PUT /price-policy');
      }
    }
  }

  // 2. The sample approvals: each registered once (the API answers 409 for a ref it has).
  for (const approval of sampleApprovals(options.expectedPath)) {
    try {
      await api.request('POST', '/approvals', approval, { headers });
      report.approvals.registered.push(approval.ref);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'http' && error.status === 409) {
        report.approvals.alreadyThere.push(approval.ref);
      } else {
        throw describeError(error, `POST /approvals (${approval.ref})`);
      }
    }
  }
  const { registered, alreadyThere } = report.approvals;
  log(
    `[seed] 审批单：新登记 ${registered.length} 张${registered.length ? `（${registered.join('、')}）` : ''}，已有 ${alreadyThere.length} 张 / ` +
      `approvals: ${registered.length} registered${registered.length ? ` (${registered.join(', ')})` : ''}, ${alreadyThere.length} already there`,
  );
  return report;
}

async function main(): Promise<void> {
  const api = process.env.SALESDESK_API;
  if (!api) {
    console.error(
      '[seed] 请设置 SALESDESK_API（如 http://localhost:7071/api）/ set SALESDESK_API, e.g. http://localhost:7071/api',
    );
    process.exitCode = 1;
    return;
  }
  try {
    const token =
      process.env.SALESDESK_TOKEN ||
      openLocalIssuer().mint({ roles: ['Sales.Head'], name: 'SalesDesk 示例数据 / sample data' });
    await runSeed({ api, token });
  } catch (error) {
    console.error(`[seed] 失败 / failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
