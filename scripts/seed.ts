/**
 * First-start sample data, run by `npm start` (`node --import tsx scripts/seed.ts`, env SALESDESK_API;
 * signs in as the sales head with SALESDESK_TOKEN or else a token of the local issuer): when no price policy is published yet, publishes the one on the sample
 * workbook's 价格政策 sheet, read the way the task pane reads it; then registers the sample's special-order
 * approvals (SP-2026-014/031/047) that are not registered yet. A published policy is left alone, so a
 * second run changes nothing. Then receivables (month-end II): the 期初余额 sheet as the `openings`
 * ledger and every month of 发货台账 and 回款台账 up to the sample's asOf, so
 * `GET /api/receivables?asOf=2026-12-31` and the statements answer for the whole year at once. Then
 * month-end: the four ledgers of the sample (销售台账, 发货台账, 回款台账, Finance's 应收账款明细账) are
 * synced for the sample's month-end months and each is run, as the 月末对账 tab does (same readers,
 * same requests), so the tab shows a real report at once; a second run syncs nothing new and makes no
 * new report. Exit code 0 on success, 1 with a message on failure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApprovalInput, PricePolicy } from '../functions/src/contract/pricing';
import { ApiError, createApiClient } from '../addin/src/api/client';
import { openLocalIssuer } from '../functions/src/auth/localIssuer';
import { choosePolicySheet, readPolicySheet } from '../addin/src/pricePolicy';
import { MemoryWorkbook } from '../addin/src/workbook/memoryWorkbook';
import type { LedgerChoices } from '../addin/src/monthEnd';

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
  monthEnd: { month: string; version: number | null; created: boolean; differences: number }[];
  receivables: ReceivablesSeed | null;
}

/** What the receivables step sent: months per ledger kind, and how many of them changed anything. */
export interface ReceivablesSeed {
  asOf: string;
  synced: { kind: 'openings' | 'orders' | 'shipments' | 'receipts'; months: string[]; changed: number }[];
  /** Cells that could not be read (their rows are left out), named. */
  problems: string[];
}

/** The month-end part of expected.json the seed needs. */
interface SampleMonthEnd {
  sheet: string;
  months: string[];
  usdRateX100: number;
}

/**
 * The roles the month-end seed acts with on a local dev host: the clerk keeps the sales ledgers and
 * may sync Finance's export for them (SYNC_ROLES in functions/src/functions/ledgers.ts).
 */
const MONTH_END_SEED_ROLES = 'Sales.Clerk,Finance';

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
  const workbook = await sampleWorkbook(workbookPath);
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

/**
 * The sample workbook, parsed once per file for the whole seed (policy, receivables and month-end all
 * read it; nothing writes to it): parsing the xlsx is most of a step's time.
 */
const workbooks = new Map<string, Promise<MemoryWorkbook>>();
function sampleWorkbook(path: string): Promise<MemoryWorkbook> {
  let workbook = workbooks.get(path);
  if (!workbook) {
    workbook = MemoryWorkbook.fromXlsx(readFileSync(path), { pause: async () => undefined });
    workbooks.set(path, workbook);
  }
  return workbook;
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
    monthEnd: [],
    receivables: null,
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

  // 2. The sample approvals: each registered once (the API answers 409 for a ref it has, and 200 when it
  // has this very approval from the same caller: a re-run of the seed).
  for (const approval of sampleApprovals(options.expectedPath)) {
    try {
      const { status } = await api.request('POST', '/approvals', approval, { headers });
      if (status === 200) report.approvals.alreadyThere.push(approval.ref);
      else report.approvals.registered.push(approval.ref);
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
  // 3. Receivables first: the month-end run's scorecard reads the 期初余额 too, so a later sync of them
  // would make the second seed's run a new report version.
  report.receivables = await seedReceivables(options, log);
  // 4. Month-end: the sample's ledgers synced and each sample month run (idempotent on the API side).
  report.monthEnd = await seedMonthEnd(options, log);
  return report;
}

/**
 * Syncs what receivables need for the sample's asOf: 期初余额 as `openings` (under the month of its
 * date, 2025-12) and each month of 发货台账 and 回款台账 up to asOf, read as the pane reads them. Months
 * the month-end step sent already answer `unchanged`; a closed month (结账) is left as it is.
 */
export async function seedReceivables(
  options: SeedOptions,
  log: (line: string) => void = () => undefined,
): Promise<ReceivablesSeed | null> {
  const expected = JSON.parse(readFileSync(options.expectedPath ?? SAMPLE_EXPECTED, 'utf8')) as {
    receivables?: { asOf: string };
  };
  const asOf = expected.receivables?.asOf;
  if (!asOf) return null;
  const { readLedgerChoice, monthOfRow } = await import('../addin/src/monthEnd');
  const api = createApiClient({
    baseUrl: options.api,
    ...(options.fetchImpl ? { fetch: options.fetchImpl } : {}),
  });
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const workbook = await sampleWorkbook(options.workbookPath ?? SAMPLE_WORKBOOK);
  const lastMonth = asOf.slice(0, 7);
  const problems: string[] = [];
  const byMonth = new Map<string, Map<string, unknown[]>>();
  const add = (kind: string, month: string, row: unknown): void => {
    const months = byMonth.get(kind) ?? new Map<string, unknown[]>();
    months.set(month, [...(months.get(month) ?? []), row]);
    byMonth.set(kind, months);
  };
  // The pane's own readers, 期初余额 included (ledger kind `openings`, synced under the month of its date).
  // The 销售台账 too: it carries 客户类别/新老客户 (rebate tiers) and 业务员/片区 (a manager's customers).
  let openingRows = 0;
  for (const [kind, sheet] of [
    ['openings', '期初余额'],
    ['orders', '销售台账'],
    ['shipments', '发货台账'],
    ['receipts', '回款台账'],
  ] as const) {
    const read = await readLedgerChoice(workbook, kind, { sheet });
    for (const p of read.problems)
      problems.push(
        `${p.sheet} ${p.cell} ${p.header}：${p.found || '空'} / ${p.sheet} ${p.cell} ${p.header}: ${p.reason}`,
      );
    if (kind === 'openings') openingRows = read.rows.length;
    for (const row of read.rows) {
      const month = monthOfRow(kind, row);
      if (month <= lastMonth) add(kind, month, row);
    }
  }
  const synced: ReceivablesSeed['synced'] = [];
  for (const kind of ['openings', 'orders', 'shipments', 'receipts'] as const) {
    const months = [...(byMonth.get(kind) ?? new Map<string, unknown[]>()).entries()].sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    let changed = 0;
    for (const [month, rows] of months) {
      try {
        const { data } = await api.request<{ added: number; changed: number; removed: number }>(
          'PUT',
          `/ledgers/${kind}/${month}`,
          { rows },
          { headers },
        );
        if (data.added + data.changed + data.removed > 0) changed++;
      } catch (error) {
        if (error instanceof ApiError && error.kind === 'http' && error.status === 409) {
          log(`[seed] ${kind} ${month} 已结账，保持不变 / ${kind} ${month} is closed: left as it is`);
          continue;
        }
        throw describeError(error, `PUT /ledgers/${kind}/${month}`);
      }
    }
    synced.push({ kind, months: months.map(([m]) => m), changed });
  }
  const sent = synced.reduce((n, s) => n + s.months.length, 0);
  const changed = synced.reduce((n, s) => n + s.changed, 0);
  log(
    `[seed] 应收（截至 ${asOf}）：期初余额 ${openingRows} 行，同步 ${sent} 个台账月（${changed} 个有变化），${problems.length} 个单元格读不出、其行未计入 / ` +
      `receivables (as of ${asOf}): ${openingRows} opening balances, ${sent} ledger months synced (${changed} changed), ${problems.length} unreadable cells (their rows left out)`,
  );
  for (const p of problems) log(`  ${p}`);
  return { asOf, synced, problems };
}

/** Syncs the sample's four ledgers and runs each of its month-end months, as the tab does. */
async function seedMonthEnd(
  options: SeedOptions,
  log: (line: string) => void = () => undefined,
): Promise<SeedReport['monthEnd']> {
  const expected = JSON.parse(readFileSync(options.expectedPath ?? SAMPLE_EXPECTED, 'utf8')) as {
    monthEnd?: SampleMonthEnd;
  };
  const sample = expected.monthEnd;
  if (!sample) return [];
  // Loaded here, not at the top: the policy seed (and its failure messages) stay as quick to start.
  const { MonthEndError, syncAndRun } = await import('../addin/src/monthEnd');
  const api = createApiClient({
    baseUrl: options.api,
    ...(options.fetchImpl ? { fetch: options.fetchImpl } : {}),
  });
  // The seed's token carries the month-end roles too (MONTH_END_SEED_ROLES; main() mints it so).
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const withRoles: Pick<typeof api, 'request' | 'baseUrl'> = {
    baseUrl: api.baseUrl,
    request: (method, path, body, init = {}) =>
      api.request(method, path, body, { ...init, headers: { ...headers, ...init.headers } }),
  };
  const workbook = await sampleWorkbook(options.workbookPath ?? SAMPLE_WORKBOOK);
  const ledgers: LedgerChoices = {
    orders: { sheet: '销售台账' },
    shipments: { sheet: '发货台账' },
    receipts: { sheet: '回款台账' },
    books: { sheet: sample.sheet },
  };
  const rate = (sample.usdRateX100 / 100).toFixed(2);
  const out: SeedReport['monthEnd'] = [];
  // Oldest first: the later month's run then sees the earlier month synced.
  for (const month of [...sample.months].sort()) {
    try {
      const { synced, run } = await syncAndRun({
        workbook,
        api: withRoles,
        month,
        ledgers,
        rates: { USD: rate },
        locale: 'zh-CN',
      });
      const sent = synced.reduce((n, s) => n + s.months.length, 0);
      const changed = synced
        .flatMap((s) => s.months)
        .filter((m) => m.response && m.response.added + m.response.changed + m.response.removed > 0);
      const r = run.report;
      out.push({
        month,
        version: r.version,
        created: run.created,
        differences: r.reconciliation.differences.length,
      });
      log(
        `[seed] 月末对账 ${month}：同步 ${sent} 个台账月（${changed.length} 个有变化），报告第 ${r.version} 版${run.created ? '（新）' : '（无变化）'}，${r.reconciliation.differences.length} 条差异 / ` +
          `month-end ${month}: ${sent} ledger months synced (${changed.length} changed), report version ${r.version}${run.created ? ' (new)' : ' (unchanged)'}, ${r.reconciliation.differences.length} differences`,
      );
    } catch (error) {
      if (error instanceof MonthEndError && error.code === 'closed') {
        // Finance closed the month: its figures stay as they are.
        out.push({ month, version: null, created: false, differences: 0 });
        log(`[seed] ${error.text['zh-CN']} / ${error.text['en-US']}`);
        continue;
      }
      const text =
        error instanceof MonthEndError ? `${error.text['zh-CN']} / ${error.text['en-US']}` : undefined;
      throw text ? new SeedError(`month-end ${month}: ${text}`) : describeError(error, `month-end ${month}`);
    }
  }
  return out;
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
      openLocalIssuer().mint({
        roles: ['Sales.Head', ...MONTH_END_SEED_ROLES.split(',')],
        name: 'SalesDesk 示例数据 / sample data',
      });
    await runSeed({ api, token });
  } catch (error) {
    console.error(`[seed] 失败 / failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
