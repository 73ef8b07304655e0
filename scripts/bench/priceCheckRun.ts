/**
 * Bench: the pane's whole price check (开始检查 → done) of a 100,000-line ledger, through the same code
 * as the pane (addin/src/priceCheck/run.ts): the workbook adapter reads the sheet, the ledger is mapped
 * and normalised, lines go in 5,000-line batches over real HTTP to the dev host (bench.ts runs it in a
 * child process, as in reality), the three result columns, their row highlights and the result sheet
 * are written. Two adapters: the preview's in-memory workbook, and OfficeWorkbook over the fake Excel
 * (addin/devtools/fakeExcel.ts) that counts syncs and payload bytes.
 *
 * The ledger is the sample workbook's 销售台账 (real mess: ¥ and thousands separators, 万, full-width
 * digits, dates as text, #N/A, subtotals, blank and hidden rows, merges) tiled down to 100,000 lines.
 *
 * Stages are timed by wrapping the adapter and watching progress; "longest block" is the longest gap
 * between ticks of a 1 ms timer chain (the longest the main thread could not answer a click), with
 * the stage that was running. On a loaded machine the OS adds its own gaps: compare runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiClient } from '../../addin/src/api/client';
import { runPriceCheck, type PriceCheckOutcome } from '../../addin/src/priceCheck';
import type { WorkbookAdapter } from '../../addin/src/workbook/adapter';
import { MemoryWorkbook } from '../../addin/src/workbook/memoryWorkbook';
import { cellKey, SheetModel, WorkbookModel } from '../../addin/src/workbook/memoryModel';
import { OfficeWorkbook } from '../../addin/src/workbook/officeWorkbook';
import { readXlsx } from '../../addin/src/workbook/xlsxFile';
import { FakeExcel } from '../../addin/devtools/fakeExcel';
import { publishSample } from './pricing';

const ROOT = join(__dirname, '..', '..');
const SHEET = '销售台账';

export type PriceCheckRunRow = {
  readonly name: string;
  readonly ms: number;
  readonly note: string;
  readonly [k: string]: unknown;
};

export interface BenchPriceCheckRunOptions {
  /** `http://127.0.0.1:7071/api`; the sample policy must be published there (benchPricing does). */
  readonly baseUrl: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default 100,000. */
  readonly lines?: number;
}

interface SampleBlock {
  readonly top: SheetModel;
  /** Sheet row indexes (0-based) of the data block: first data row up to the row before the total. */
  readonly from: number;
  readonly to: number;
  readonly totalRow: number;
  /** Which of them are lines (not subtotal, blank). */
  readonly isLine: (row: number) => boolean;
}

async function sampleBlock(): Promise<SampleBlock> {
  const model = await readXlsx(readFileSync(join(ROOT, 'samples', 'SalesDesk-示例台账.xlsx')));
  const expected = JSON.parse(readFileSync(join(ROOT, 'samples', 'expected.json'), 'utf8')) as {
    sheets: Record<
      string,
      { firstDataRow: number; totalRow: number; subtotalRows: number[]; blankRows: number[] }
    >;
  };
  const facts = expected.sheets[SHEET];
  const top = model.getSheet(SHEET);
  if (!facts || !top) throw new Error(`The sample workbook has no ${SHEET}.`);
  const notLines = new Set([...facts.subtotalRows, ...facts.blankRows].map((r) => r - 1));
  return {
    top,
    from: facts.firstDataRow - 1,
    to: facts.totalRow - 2,
    totalRow: facts.totalRow - 1,
    isLine: (r) => !notLines.has(r),
  };
}

/** The sample's 销售台账 with its data block repeated until `lines` lines, then its total row. */
export function tiledLedger(block: SampleBlock, lines: number): { model: WorkbookModel; rows: number } {
  const { top } = block;
  const model = new WorkbookModel();
  const sheet = model.addSheet(SHEET);
  const used = top.usedRect();
  const width = used ? used.col + used.colCount - 1 : 20;
  const copyRow = (from: number, to: number) => {
    for (let c = 0; c <= width; c++) {
      sheet.setValue(to, c, top.value(from, c));
      const format = top.numberFormats.get(cellKey(from, c));
      if (format !== undefined) sheet.numberFormats.set(cellKey(to, c), format);
    }
    if (top.hiddenRows.has(from)) sheet.hiddenRows.add(to);
  };
  for (let r = 0; r < block.from; r++) copyRow(r, r);
  sheet.merges = top.merges.filter((m) => m.row + m.rowCount <= block.from);
  let to = block.from;
  let count = 0;
  for (let r = block.from; count < lines; r = r >= block.to ? block.from : r + 1) {
    copyRow(r, to++);
    if (block.isLine(r)) count++;
  }
  copyRow(block.totalRow, to++);
  return { model, rows: to };
}

/**
 * Longest gap between ticks of a 1 ms timer chain, and the stage running when it ended; also the most
 * CPU this process spent within one gap ("busy"): on a loaded machine the OS stretches gaps, while
 * the CPU spent in one is the work that held the thread (GC and helper threads included).
 */
function blockProbe(stage: () => string) {
  let last = performance.now();
  let lastCpu = cpuMs();
  let longest = 0;
  let where = '';
  let busiest = 0;
  let busiestWhere = '';
  let total = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = performance.now();
    const cpu = cpuMs();
    const gap = now - last;
    const busy = cpu - lastCpu;
    if (gap > 50) total += gap;
    if (gap > longest) {
      longest = gap;
      where = stage();
    }
    if (busy > busiest) {
      busiest = busy;
      busiestWhere = stage();
    }
    last = now;
    lastCpu = cpu;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  return {
    stop: () => {
      clearTimeout(timer);
      return { longest, where, busiest, busiestWhere, blockedOver50: total };
    },
  };
}

/** [stage, wall ms, this process's CPU ms] at the moment the stage began. */
type Mark = [string, number, number];

interface StageClock {
  stage: string;
  readonly marks: Mark[];
  enter(stage: string): void;
}

function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

function stageClock(): StageClock {
  const clock: StageClock = {
    stage: 'start',
    marks: [['start', performance.now(), cpuMs()]],
    enter(stage) {
      if (clock.stage === stage) return;
      clock.stage = stage;
      clock.marks.push([stage, performance.now(), cpuMs()]);
    },
  };
  return clock;
}

/** The adapter with each call marking its stage. */
function timed(adapter: WorkbookAdapter, clock: StageClock): WorkbookAdapter {
  return new Proxy(adapter, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const stage =
        key === 'readSheet'
          ? 'read sheet'
          : key === 'writeResultColumns'
            ? 'write columns + highlights'
            : key === 'writeResultSheet'
              ? 'write result sheet'
              : undefined;
      return async (...args: unknown[]) => {
        if (stage) clock.enter(stage);
        const out = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (key === 'readSheet') clock.enter('map + normalise');
        if (key === 'writeResultColumns') clock.enter('result sheet spec');
        return out;
      };
    },
  });
}

interface RunMeasure {
  readonly ms: number;
  readonly stages: Array<{ stage: string; ms: number; cpuMs: number }>;
  readonly cpuMs: number;
  readonly longest: number;
  readonly longestIn: string;
  readonly busiest: number;
  readonly busiestIn: string;
  readonly blockedOver50: number;
  readonly outcome: PriceCheckOutcome;
  readonly requests: number;
  readonly answered: number;
}

async function measuredRun(
  adapter: WorkbookAdapter,
  options: BenchPriceCheckRunOptions,
  headers: Record<string, string>,
): Promise<RunMeasure> {
  const clock = stageClock();
  let requests = 0;
  let answered = 0;
  const api = createApiClient({
    baseUrl: options.baseUrl,
    fetch: async (input, init) => {
      requests++;
      let res: Response;
      try {
        res = await fetch(input, { ...init, headers: { ...(init?.headers as object), ...headers } });
      } catch (error) {
        console.error('price check bench: fetch failed:', (error as { cause?: unknown }).cause);
        throw error;
      }
      const body = await res.arrayBuffer();
      answered += body.byteLength;
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    },
  });
  const probe = blockProbe(() => clock.stage);
  const started = clock.marks[0]?.[1] ?? performance.now();
  const cpuStarted = clock.marks[0]?.[2] ?? cpuMs();
  const outcome = await runPriceCheck({
    workbook: timed(adapter, clock),
    api,
    sheet: SHEET,
    locale: 'zh-CN',
    onProgress: (p) => {
      if (p.phase === 'check') clock.enter(p.done < p.total ? 'validate (HTTP, expand)' : 'result columns');
    },
  });
  const ended = performance.now();
  const { longest, where, busiest, busiestWhere, blockedOver50 } = probe.stop();
  const marks: Mark[] = [...clock.marks, ['end', ended, cpuMs()]];
  const stages = marks.slice(0, -1).map(([stage, at, cpu], i) => ({
    stage,
    ms: (marks[i + 1]?.[1] ?? at) - at,
    cpuMs: (marks[i + 1]?.[2] ?? cpu) - cpu,
  }));
  return {
    ms: ended - started,
    cpuMs: (marks[marks.length - 1]?.[2] ?? cpuStarted) - cpuStarted,
    stages: stages.filter((s) => s.stage !== 'start' || s.ms > 0.5),
    longest,
    longestIn: where,
    busiest,
    busiestIn: busiestWhere,
    blockedOver50,
    outcome,
    requests,
    answered,
  };
}

/** `read sheet 249 (cpu 180)`: wall ms, and this process's CPU ms (less sensitive to other load). */
const stagesText = (m: RunMeasure) =>
  `${m.stages.map((s) => `${s.stage} ${Math.round(s.ms)} (cpu ${Math.round(s.cpuMs)})`).join(' · ')}; ` +
  `CPU ${Math.round(m.cpuMs)} ms in all`;
const load = () => (process.platform === 'linux' ? readFileSync('/proc/loadavg', 'utf8').split(' ')[0] : '?');

export async function benchPriceCheckRun(options: BenchPriceCheckRunOptions): Promise<PriceCheckRunRow[]> {
  const lines = options.lines ?? 100_000;
  const headers = { ...(options.headers ?? { 'x-salesdesk-dev-roles': 'Sales.Head' }) };
  await publishSample(options, headers);
  const block = await sampleBlock();
  const rows: PriceCheckRunRow[] = [];

  // Warm-up on a small copy (JIT, the host's caches), then the timed runs on fresh copies.
  await measuredRun(new MemoryWorkbook(tiledLedger(block, 5_000).model), options, headers);

  const memory = tiledLedger(block, lines);
  const run = await measuredRun(new MemoryWorkbook(memory.model), options, headers);
  const { counts } = run.outcome;
  rows.push({
    name: `price check end to end, pane path, in-memory workbook (${lines.toLocaleString('en-US')} lines)`,
    ms: Math.round(run.ms),
    longestBlockMs: Math.round(run.longest),
    busiestBlockCpuMs: Math.round(run.busiest),
    stages: run.stages,
    load: load(),
    note:
      `target ≤ 3000 ms, no block > 100 ms; longest block ${Math.round(run.longest)} ms (in ${run.longestIn}; ` +
      `most CPU in one block ${Math.round(run.busiest)} ms, in ${run.busiestIn}), ` +
      `${Math.round(run.blockedOver50)} ms in blocks > 50 ms; ${stagesText(run)}; ${run.requests} requests, ` +
      `answers ${(run.answered / 1024 / 1024).toFixed(1)} MB (${Math.round(run.answered / run.outcome.plan.lines.length)} B/line); ` +
      `${run.outcome.rows.length} rows: ${counts.ok} ok, ${counts.needs_approval} needs approval, ` +
      `${counts.below_floor} below floor, ${counts.unreadable} unreadable; load ${load()}`,
  });

  const fake = new FakeExcel(tiledLedger(block, lines).model);
  const office = await measuredRun(new OfficeWorkbook({ run: fake.run }), options, headers);
  const sent = fake.syncs.reduce((n, s) => n + s.requestBytes, 0);
  const got = fake.syncs.reduce((n, s) => n + s.responseBytes, 0);
  const biggest = Math.max(...fake.syncs.map((s) => s.requestBytes));
  rows.push({
    name: `price check end to end, pane path, Office.js adapter over the fake Excel`,
    ms: Math.round(office.ms),
    longestBlockMs: Math.round(office.longest),
    busiestBlockCpuMs: Math.round(office.busiest),
    stages: office.stages,
    syncs: fake.syncCount,
    requestBytes: sent,
    responseBytes: got,
    load: load(),
    note:
      `no target (real Excel adds its own time per sync); ${fake.syncCount} syncs, sent ${(sent / 1024 / 1024).toFixed(1)} MB ` +
      `(largest sync ${(biggest / 1024 / 1024).toFixed(2)} MB of the 5 MB limit), read ${(got / 1024 / 1024).toFixed(1)} MB; ` +
      `longest block ${Math.round(office.longest)} ms (in ${office.longestIn}; most CPU in one block ` +
      `${Math.round(office.busiest)} ms, in ${office.busiestIn}); ${stagesText(office)}; load ${load()}`,
  });
  return rows;
}
