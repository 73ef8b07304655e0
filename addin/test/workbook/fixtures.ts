import { createHash } from 'crypto';
// Workbooks to test against, and snapshots to prove what a write did not touch.
import { cellKey, type SheetModel, WorkbookModel } from '../../src/workbook/memoryModel';
import { FakeExcel } from '../../devtools/fakeExcel';
import { OfficeWorkbook } from '../../src/workbook/officeWorkbook';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import type { WorkbookAdapter } from '../../src/workbook/adapter';
import type { ChunkLimits } from '../../src/workbook/payload';
import { SALES_HEADER } from '../sheets/grids';

export const LEDGER = '销售台账';
export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = 3;
export const LEDGER_HEADERS = SALES_HEADER;

const CUSTOMERS = [
  '杭州钱江水泵经销有限公司',
  '长沙湘农泵业销售有限公司',
  'Lagos Pumps & Engines Ltd',
  '中建三局安装工程有限公司',
];
const MODELS = ['200QJ50-52/4', 'JZ4105-150', '6113ZLD', 'LQ-0810', 'XBD8/30G-L'];
const REGIONS = ['华东', '华南', '华中', '西南', '外贸'];
const REPS = ['陈志强', '周敏', '何晓燕', '李军', '黄海涛'];

/**
 * A sales ledger as people keep it: a merged title, a note row, the header in row 3 (index 2),
 * `rows` data rows with hidden rows every 997th, and a 合计 row at the bottom.
 */
export function addLedger(model: WorkbookModel, rows: number, name = LEDGER): SheetModel {
  const sheet = model.addSheet(name);
  sheet.setValue(0, 0, '2026年销售台账');
  sheet.merges.push({ row: 0, col: 0, rowCount: 1, colCount: LEDGER_HEADERS.length });
  sheet.setValue(1, 0, '制表：销售内勤    单位：元（含税）');
  sheet.setRow(HEADER_ROW, 0, LEDGER_HEADERS);
  for (let i = 0; i < rows; i++) {
    const r = FIRST_DATA_ROW + i;
    const qty = 1 + (i % 37);
    const price = 1200 + ((i * 7919) % 90000);
    sheet.setRow(r, 0, [
      46023 + (i % 300),
      `HT2026-${String(i + 1).padStart(5, '0')}`,
      CUSTOMERS[i % CUSTOMERS.length],
      i % 3 ? '经销商' : '重点客户',
      i % 5 ? '老客户' : '新客户',
      REGIONS[i % REGIONS.length],
      REPS[i % REPS.length],
      MODELS[i % MODELS.length],
      i % 2 ? '潜水泵' : '柴油机',
      qty,
      price,
      qty * price,
      i % 11 ? '' : 'USD',
      46040 + (i % 300),
      i % 13 ? '' : '审批单 SP-2026-0042，特价',
    ]);
    sheet.numberFormats.set(cellKey(r, 0), 'yyyy/m/d');
    sheet.numberFormats.set(cellKey(r, 11), '#,##0.00');
    if (i % 997 === 500) sheet.hiddenRows.add(r);
  }
  sheet.setRow(FIRST_DATA_ROW + rows, 0, ['合计', '', '', '', '', '', '', '', '', rows, '', 123456789]);
  sheet.fills.set(cellKey(FIRST_DATA_ROW + rows, 0), '#FFF2CC');
  sheet.bold.add(cellKey(FIRST_DATA_ROW + rows, 0));
  sheet.frozenRows = 3;
  return sheet;
}

export function ledgerWorkbook(rows: number): WorkbookModel {
  const model = new WorkbookModel();
  addLedger(model, rows);
  const other = model.addSheet('价格政策');
  other.setRow(0, 0, ['产品型号', '指导价', '最低限价']);
  other.setRow(1, 0, ['200QJ50-52/4', 5800, 5200]);
  return model;
}

/**
 * Every stored fact about a sheet outside `skipCols`, as text lines in a fixed order: values (one
 * line per row), formulas, links, number formats, fills, bold, hidden rows, merges, frozen panes, tables.
 */
export function snapshotLines(sheet: SheetModel, skipCols: ReadonlySet<number> = new Set()): string[] {
  const out: string[] = [];
  const used = sheet.usedRect();
  const rows = Math.max(sheet.rowExtent, used ? used.row + used.rowCount : 0);
  const width = used ? used.col + used.colCount : 0;
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < width; c++) {
      if (skipCols.has(c)) continue;
      const v = sheet.value(r, c);
      if (v !== undefined) line += `|${c}:${typeof v}:${String(v)}`;
    }
    if (line) out.push(`v ${r}${line}`);
  }
  const maps = { f: sheet.formulas, l: sheet.links, n: sheet.numberFormats, fill: sheet.fills } as const;
  for (const [tag, m] of Object.entries(maps))
    for (const k of [...m.keys()].sort((a, b) => a - b))
      if (!skipCols.has(k % 16_384)) out.push(`${tag} ${k}=${JSON.stringify(m.get(k))}`);
  for (const k of [...sheet.bold].sort((a, b) => a - b)) if (!skipCols.has(k % 16_384)) out.push(`b ${k}`);
  out.push(`hidden ${[...sheet.hiddenRows].sort((a, b) => a - b).join(',')}`);
  out.push(`merges ${JSON.stringify(sheet.merges)}`);
  out.push(`frozen ${sheet.frozenRows},${sheet.frozenCols}`);
  out.push(`tables ${JSON.stringify(sheet.tables)}`);
  return out;
}

/**
 * Per sheet: the snapshot lines when few (readable diffs), else their count and SHA-256 (a 100,000-row
 * ledger has some 300,000 lines).
 */
export function snapshotWorkbook(
  model: WorkbookModel,
  skip: { sheet: string; cols: ReadonlySet<number> },
): Record<string, string[] | { lines: number; sha256: string }> {
  const out: Record<string, string[] | { lines: number; sha256: string }> = {};
  for (const s of model.sheets) {
    const lines = snapshotLines(s, s.name === skip.sheet ? skip.cols : new Set());
    if (lines.length <= 2_000) out[s.name] = lines;
    else {
      const hash = createHash('sha256');
      for (const l of lines) hash.update(l).update('\n');
      out[s.name] = { lines: lines.length, sha256: hash.digest('hex') };
    }
  }
  return out;
}

export interface AdapterUnderTest {
  kind: 'office' | 'memory';
  adapter: WorkbookAdapter;
  model: WorkbookModel;
  fake?: FakeExcel;
}

export const immediate = () => Promise.resolve();

export function makeAdapter(
  kind: 'office' | 'memory',
  model: WorkbookModel,
  limits?: ChunkLimits,
): AdapterUnderTest {
  if (kind === 'office') {
    const fake = new FakeExcel(model);
    return { kind, model, fake, adapter: new OfficeWorkbook({ run: fake.run, limits }) };
  }
  return { kind, model, adapter: new MemoryWorkbook(model, { pause: immediate, limits }) };
}
