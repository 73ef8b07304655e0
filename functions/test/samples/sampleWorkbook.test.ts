/**
 * The sample workbook (samples/): the generator is deterministic, the data is big and messy enough,
 * the planted price violations are exactly the ones expected.json lists, and the committed xlsx and
 * expected.json match a fresh build (run `npm run samples` when they do not).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';

// ── The generator, loaded at run time ─────────────────────────────────────────────────────────────
// samples/ is not part of the functions project (tsc -b would reject files outside its rootDir), so
// the test describes the little it uses of the model here instead of importing its types.

type Money = number;
interface Product {
  model: string;
  type: string;
  listFen: Money;
  floorFen: Money | null;
  listUsdCents: Money | null;
}
interface Customer {
  name: string;
  class: string;
  region: string;
  rep: string;
  isNew: boolean;
}
interface Rule {
  id: string;
  priority: number;
  product: { kind: 'all' } | { kind: 'model'; model: string } | { kind: 'type'; type: string };
  customer:
    | { kind: 'all' }
    | { kind: 'name'; name: string }
    | { kind: 'class'; class: string }
    | { kind: 'region'; region: string };
  minQty: number | null;
  maxQty: number | null;
  from: string;
  to: string;
  effect: { kind: '折扣上限' | '追加折扣'; bp: number } | { kind: '固定价' | '最低价'; fen: Money };
}
interface SalesLine {
  id: number;
  date: string;
  contractNo: string;
  customer: string;
  model: string;
  qty: number;
  currency: 'CNY' | 'USD';
  priceMinor: Money;
}
interface Violation {
  row: number;
  contractNo: string;
  model: string;
  customer: string;
  date: string;
  priceMinor: Money;
  status: 'needs_approval' | 'below_floor';
  approvalRef: string | null;
}
interface SheetFacts {
  headerRow: number | Record<string, number>;
  subtotalRows: number[];
  totalRow: number | null;
  hiddenRows: number[];
  merges: string[];
  dataRows: number;
}
interface Expected {
  seed: number;
  counts: Record<string, number>;
  sheets: Record<string, SheetFacts>;
  totals: Record<string, number>;
  violations: Violation[];
  unreadableCells: { sheet: string; row: number; column: string; found: string; contractNo: string | null }[];
  ruleDependentOk: { row: number; contractNo: string; ruleId: string }[];
  textCells: { sheet: string; row: number; column: string; text: string; means: string | number }[];
  usdRows: number[];
  policy: {
    vatRate: number;
    products: { model: string; listPrice: number; floorPrice: number | null; listPriceUsd: number | null }[];
    discountCaps: Record<string, { old: number; new: number }>;
    rules: { id: string; priority: number; effect: { kind: string } }[];
  };
}
interface Model {
  reps: { name: string; region: string }[];
  customers: Customer[];
  policy: { products: Product[]; caps: { class: string; oldBp: number; newBp: number }[]; rules: Rule[] };
  season: Record<string, number[]>;
  salesLines: SalesLine[];
  shipments: { salesLineId: number; qty: number; invoiceNo: string | null; date: string }[];
  receipts: { method: string; amountFen: Money; remark: string }[];
  plan: { targetFen: Money }[];
  sheets: { name: string }[];
  expected: Expected;
}
interface Generator {
  buildSampleModel(seed?: number): Model;
  renderWorkbook(model: Model): Promise<Buffer>;
  SHEET_NAMES: readonly string[];
  SAMPLE_WORKBOOK_PATH: string;
  EXPECTED_JSON_PATH: string;
}

const generatorPath = path.resolve(__dirname, '../../../samples/generate');
const REGENERATE = 'run `npm run samples` and commit samples/';

let gen: Generator;
let model: Model;
let committed: ExcelJS.Workbook;

beforeAll(async () => {
  gen = (await import(generatorPath)) as Generator;
  model = gen.buildSampleModel();
  committed = new ExcelJS.Workbook();
  await committed.xlsx.readFile(gen.SAMPLE_WORKBOOK_PATH);
});

const sheet = (name: string): ExcelJS.Worksheet => {
  const ws = committed.getWorksheet(name);
  if (!ws) throw new Error(`sheet ${name} missing from the committed workbook`);
  return ws;
};

// ── An independent reading of the policy (written apart from the generator's on purpose) ─────────

function minimumAndFloor(line: SalesLine): { min: number; floor: number | null } {
  const product = model.policy.products.find((p) => p.model === line.model);
  const customer = model.customers.find((c) => c.name === line.customer);
  const cap = model.policy.caps.find((c) => c.class === customer?.class);
  if (!product || !customer || !cap) throw new Error(`unknown reference on ${line.contractNo}`);
  const list = line.currency === 'USD' ? product.listUsdCents : product.listFen;
  if (list === null) throw new Error(`${line.model} has no ${line.currency} list price`);
  const applies = (r: Rule): boolean =>
    (r.product.kind === 'all' ||
      (r.product.kind === 'model' && r.product.model === product.model) ||
      (r.product.kind === 'type' && r.product.type === product.type)) &&
    (r.customer.kind === 'all' ||
      (r.customer.kind === 'name' && r.customer.name === customer.name) ||
      (r.customer.kind === 'class' && r.customer.class === customer.class) ||
      (r.customer.kind === 'region' && r.customer.region === customer.region)) &&
    (r.minQty === null || line.qty >= r.minQty) &&
    (r.maxQty === null || line.qty <= r.maxQty) &&
    r.from <= line.date &&
    line.date <= r.to;
  const rules = model.policy.rules.filter(applies).sort((a, b) => b.priority - a.priority);
  const capBp = customer.isNew ? cap.newBp : cap.oldBp;
  const off = (bp: number): number => Math.round((list * (10000 - bp)) / 10000);
  const priceRule = rules.find((r) => r.effect.kind !== '最低价');
  let min = off(capBp);
  if (priceRule?.effect.kind === '折扣上限') min = off(priceRule.effect.bp);
  if (priceRule?.effect.kind === '追加折扣') min = off(capBp + priceRule.effect.bp);
  if (priceRule?.effect.kind === '固定价') min = priceRule.effect.fen;
  if (line.currency === 'USD') return { min, floor: null };
  const floorRule = rules.find((r) => r.effect.kind === '最低价');
  const raised = floorRule?.effect.kind === '最低价' ? floorRule.effect.fen : null;
  const floor = raised === null ? product.floorFen : Math.max(raised, product.floorFen ?? 0);
  return { min, floor };
}

function status(line: SalesLine): 'ok' | 'needs_approval' | 'below_floor' {
  const { min, floor } = minimumAndFloor(line);
  if (line.priceMinor >= min) return 'ok';
  return floor !== null && line.priceMinor < floor ? 'below_floor' : 'needs_approval';
}

// ── The model ─────────────────────────────────────────────────────────────────────────────────────

describe('sample model', () => {
  it('is the same on every build and changes with the seed', () => {
    // Hashes of the whole model: a deep toEqual over ~100k cells takes seconds.
    const sha = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex');
    const again = gen.buildSampleModel();
    expect(sha(again)).toBe(sha(model));
    expect(again.expected).toEqual(model.expected);
    const other = gen.buildSampleModel(7);
    expect(other.salesLines.slice(0, 50)).not.toEqual(model.salesLines.slice(0, 50));
  });

  it('has the products, customers, regions and reps the issue asks for', () => {
    const types = new Set(model.policy.products.map((p) => p.type));
    expect(model.policy.products.length).toBeGreaterThanOrEqual(25);
    expect([...types].sort()).toEqual(
      ['柴油机', '柴油机水泵机组', '潜水泵', '消防泵', '离心泵', '自吸泵', '配件'].sort(),
    );
    expect(model.policy.products.filter((p) => p.floorFen !== null).length).toBeGreaterThan(
      model.policy.products.length / 2,
    );
    expect(model.policy.products.filter((p) => p.listUsdCents !== null).length).toBeGreaterThanOrEqual(3);
    expect(model.customers.length).toBeGreaterThanOrEqual(40);
    expect(new Set(model.customers.map((c) => c.class)).size).toBe(6);
    const domestic = new Set(model.reps.map((r) => r.region).filter((r) => r !== '外贸'));
    expect(domestic.size).toBe(4);
    expect(model.reps.length).toBeGreaterThanOrEqual(12);
    for (const c of model.customers) expect(model.reps.find((r) => r.name === c.rep)?.region).toBe(c.region);
    const newOnes = model.customers.filter((c) => c.isNew);
    expect(newOnes.length).toBeGreaterThanOrEqual(5);
    for (const c of newOnes) expect(model.salesLines.some((l) => l.customer === c.name)).toBe(true);
  });

  it('has a year of ledgers: ≥ 3,000 sales lines, ≥ 3,500 shipments, split, pending and uninvoiced ones', () => {
    expect(model.salesLines.length).toBeGreaterThanOrEqual(3000);
    expect(model.shipments.length).toBeGreaterThanOrEqual(3500);
    const lots = new Map<number, number>();
    for (const s of model.shipments) lots.set(s.salesLineId, (lots.get(s.salesLineId) ?? 0) + 1);
    expect([...lots.values()].filter((n) => n > 1).length).toBeGreaterThan(100);
    expect(model.salesLines.filter((l) => !lots.has(l.id)).length).toBeGreaterThan(50);
    expect(model.shipments.filter((s) => s.invoiceNo === null).length).toBeGreaterThan(50);
    // Shipped quantities never exceed the contract's.
    const shipped = new Map<number, number>();
    for (const s of model.shipments) shipped.set(s.salesLineId, (shipped.get(s.salesLineId) ?? 0) + s.qty);
    expect(model.salesLines.filter((l) => (shipped.get(l.id) ?? 0) > l.qty)).toEqual([]);
    expect(new Set(model.receipts.map((r) => r.method))).toEqual(new Set(['电汇', '承兑汇票']));
    expect(model.receipts.some((r) => r.remark.includes('部分'))).toBe(true);
    const received = model.receipts.reduce((a, r) => a + r.amountFen, 0);
    expect(received).toBeLessThan(model.expected.totals.shipmentsFen ?? 0);
  });

  it('follows the seasons: February is the trough, pumps peak April to August, nothing signed over the Spring Festival', () => {
    const perMonth = Array.from({ length: 12 }, (_, m) =>
      model.salesLines.filter((l) => Number(l.date.slice(5, 7)) === m + 1),
    );
    const counts = perMonth.map((ls) => ls.length);
    expect(Math.min(...counts)).toBe(counts[1]);
    const pumps = perMonth.map(
      (ls) =>
        ls.filter((l) => model.policy.products.find((p) => p.model === l.model)?.type === '潜水泵').length,
    );
    const peak = pumps.slice(3, 8).reduce((a, b) => a + b, 0) / 5;
    const rest = [...pumps.slice(0, 3), ...pumps.slice(8)].reduce((a, b) => a + b, 0) / 7;
    expect(peak).toBeGreaterThan(rest * 1.5);
    expect(model.salesLines.filter((l) => l.date >= '2026-02-15' && l.date <= '2026-02-23')).toEqual([]);
    for (const weights of Object.values(model.season)) expect(weights.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('has a policy of at least six rules, none of which can tie', () => {
    const rules = model.policy.rules;
    expect(rules.length).toBeGreaterThanOrEqual(6);
    expect(new Set(rules.map((r) => r.effect.kind))).toEqual(
      new Set(['折扣上限', '追加折扣', '固定价', '最低价']),
    );
    expect(rules.some((r) => r.minQty !== null)).toBe(true);
    expect(rules.some((r) => r.from > '2026-01-01' && r.to < '2026-12-31')).toBe(true);
    expect(rules.some((r) => r.customer.kind === 'region')).toBe(true);
    expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
    expect(model.policy.caps.map((c) => c.class).sort()).toEqual(
      ['经销商', '重点客户', '终端客户', '政府采购', '外贸', '电商'].sort(),
    );
  });

  it('plants exactly the violations expected.json lists, and every other line is OK', () => {
    const { violations, unreadableCells } = model.expected;
    expect(violations.length).toBeGreaterThanOrEqual(10);
    expect(violations.length).toBeLessThanOrEqual(20);
    expect(violations.filter((v) => v.status === 'needs_approval').length).toBeGreaterThanOrEqual(3);
    expect(violations.filter((v) => v.status === 'below_floor').length).toBeGreaterThanOrEqual(3);
    const unreadablePrice = new Set(
      unreadableCells.filter((u) => u.sheet === '销售台账' && u.column === 'K').map((u) => u.contractNo),
    );
    const found: { contractNo: string; model: string; status: string }[] = [];
    for (const line of model.salesLines) {
      const s = status(line);
      if (s !== 'ok' && !unreadablePrice.has(line.contractNo))
        found.push({ contractNo: line.contractNo, model: line.model, status: s });
    }
    const listed = violations.map((v) => ({ contractNo: v.contractNo, model: v.model, status: v.status }));
    const byKey = (
      a: { contractNo: string; model: string },
      b: { contractNo: string; model: string },
    ): number => `${a.contractNo} ${a.model}`.localeCompare(`${b.contractNo} ${b.model}`);
    expect(found.sort(byKey)).toEqual(listed.sort(byKey));
    const { needsApproval, belowFloor } = model.expected.counts;
    expect([needsApproval, belowFloor]).toEqual([
      violations.filter((v) => v.status === 'needs_approval').length,
      violations.filter((v) => v.status === 'below_floor').length,
    ]);
  });

  it('keeps the plan near the ledger and inside the policy’s own numbers', () => {
    const plan = model.plan.reduce((a, p) => a + p.targetFen, 0);
    const booked = model.expected.totals.salesBookedFen ?? 0;
    expect(plan / booked).toBeGreaterThan(0.85);
    expect(plan / booked).toBeLessThan(1.2);
    for (const p of model.plan) expect(p.targetFen % 10_000).toBe(0); // two decimals of 万元
  });
});

// ── The committed files ───────────────────────────────────────────────────────────────────────────

describe('committed sample files', () => {
  it(`expected.json matches a fresh build (${REGENERATE})`, () => {
    const onDisk = JSON.parse(readFileSync(gen.EXPECTED_JSON_PATH, 'utf8')) as Expected;
    expect(onDisk).toEqual(model.expected);
  });

  it(`the xlsx matches a fresh build byte for byte (${REGENERATE})`, async () => {
    const fresh = await gen.renderWorkbook(model);
    const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
    expect(sha(fresh)).toBe(sha(readFileSync(gen.SAMPLE_WORKBOOK_PATH)));
    expect(readFileSync(gen.SAMPLE_WORKBOOK_PATH).length).toBeLessThan(800 * 1024);
  });

  it('has every sheet, in order, with its header where expected.json says', () => {
    expect(committed.worksheets.map((ws) => ws.name)).toEqual([...gen.SHEET_NAMES]);
    const firstHeader: Record<string, string> = {
      销售台账: '日期',
      发货台账: '发货日期',
      回款台账: '日期',
      年度计划: '产品类别',
      季节系数: '产品类别',
    };
    for (const [name, header] of Object.entries(firstHeader)) {
      const row = model.expected.sheets[name]?.headerRow;
      expect(typeof row).toBe('number');
      expect(sheet(name).getCell(`A${row as number}`).value).toBe(header);
    }
    const policyHeaders = model.expected.sheets['价格政策']?.headerRow as Record<
      '产品价格' | '折扣上限' | '价格规则',
      number
    >;
    expect(sheet('价格政策').getCell(`A${policyHeaders['产品价格']}`).value).toBe('产品型号');
    expect(sheet('价格政策').getCell(`A${policyHeaders['折扣上限']}`).value).toBe('客户类别');
    expect(sheet('价格政策').getCell(`A${policyHeaders['价格规则']}`).value).toBe('规则编号');
    expect(sheet('价格政策').getCell(`A${policyHeaders['产品价格'] - 1}`).value).toBe('【产品价格】');
    const sales = sheet('销售台账');
    expect((sales.getRow(3).values as ExcelJS.CellValue[]).slice(1).map((v) => String(v))).toEqual([
      '日期',
      '合同号',
      '客户名称',
      '客户类别',
      '新老客户',
      '片区',
      '业务员',
      '产品型号',
      '产品类别',
      '数量',
      '单价',
      '金额',
      '币种',
      '交货期',
      '备注',
    ]);
  });

  it('has a 价格政策 sheet that says what expected.policy says', () => {
    const ws = sheet('价格政策');
    const headers = model.expected.sheets['价格政策']?.headerRow as Record<
      '产品价格' | '折扣上限' | '价格规则',
      number
    >;
    /** A cell as the number it means: numbers as they are, text through expected.textCells. */
    const numberAt = (column: string, row: number): number | null => {
      const v = ws.getCell(`${column}${row}`).value;
      if (v === null || typeof v === 'number') return v;
      const t = model.expected.textCells.find(
        (c) => c.sheet === '价格政策' && c.row === row && c.column === column,
      );
      return typeof t?.means === 'number' ? t.means : NaN;
    };
    const policy = model.expected.policy;
    expect(numberAt('B', 2)).toBeCloseTo(policy.vatRate / 100, 10);
    policy.products.forEach((p, i) => {
      const row = headers['产品价格'] + 1 + i;
      expect(ws.getCell(`A${row}`).value).toBe(p.model);
      expect([numberAt('E', row), numberAt('F', row), numberAt('G', row)]).toEqual([
        p.listPrice,
        p.floorPrice,
        p.listPriceUsd,
      ]);
    });
    Object.entries(policy.discountCaps).forEach(([cls, cap], i) => {
      const row = headers['折扣上限'] + 1 + i;
      expect(ws.getCell(`A${row}`).value).toBe(cls);
      const asPct = (n: number | null, column: string): number | null =>
        n === null
          ? null
          : ws.getCell(`${column}${row}`).type === ExcelJS.ValueType.String
            ? n
            : Math.round(n * 100);
      expect([asPct(numberAt('B', row), 'B'), asPct(numberAt('C', row), 'C')]).toEqual([cap.old, cap.new]);
    });
    const kinds: Record<string, string> = {
      折扣上限: 'discountCap',
      追加折扣: 'extraDiscount',
      固定价: 'fixedPrice',
      最低价: 'floor',
    };
    policy.rules.forEach((r, i) => {
      const row = headers['价格规则'] + 1 + i;
      const cells = [
        ws.getCell(`A${row}`).value,
        ws.getCell(`B${row}`).value,
        kinds[String(ws.getCell(`I${row}`).value)],
      ];
      expect(cells).toEqual([r.id, r.priority, r.effect.kind]);
    });
  });

  it('puts each planted violation on the row expected.json names', () => {
    const sales = sheet('销售台账');
    for (const v of model.expected.violations) {
      const row = sales.getRow(v.row);
      expect([row.getCell('B').value, row.getCell('H').value]).toEqual([v.contractNo, v.model]);
      const price = row.getCell('K').value;
      const text = typeof price === 'string' ? price : null;
      if (text === null) expect(price).toBe(v.priceMinor / 100);
      else
        expect(model.expected.textCells).toContainEqual(
          expect.objectContaining({ row: v.row, column: 'K', text }),
        );
      if (v.approvalRef !== null) expect(String(row.getCell('O').value)).toContain(v.approvalRef);
    }
    for (const r of model.expected.ruleDependentOk)
      expect(sales.getRow(r.row).getCell('B').value).toBe(r.contractNo);
  });

  it('has the mess of real sheets where expected.json says', () => {
    const sales = sheet('销售台账');
    const facts = model.expected.sheets['销售台账'] as SheetFacts;
    for (const u of model.expected.unreadableCells) {
      const value = sheet(u.sheet).getCell(`${u.column}${u.row}`).value;
      expect(value).toEqual(u.found === '#N/A error' ? { error: '#N/A' } : '#N/A');
    }
    expect(model.expected.unreadableCells.some((u) => u.found === '#N/A error')).toBe(true);
    expect(model.expected.unreadableCells.some((u) => u.found === '#N/A text')).toBe(true);
    for (const r of facts.hiddenRows) expect(sales.getRow(r).hidden).toBe(true);
    expect(facts.hiddenRows.length).toBeGreaterThan(0);
    // A 客户名称 merged over 2–3 rows, besides the title.
    const customerMerges = facts.merges.filter((m) => m.startsWith('C'));
    expect(customerMerges.length).toBeGreaterThan(0);
    for (const m of customerMerges) {
      const [from, to] = m.split(':').map((a) => Number(a.slice(1))) as [number, number];
      expect(to - from).toBeGreaterThanOrEqual(1);
      expect(to - from).toBeLessThanOrEqual(2);
      expect(sales.getCell(`C${to}`).isMerged).toBe(true);
      expect(sales.getCell(`B${from}`).value).toBe(sales.getCell(`B${to}`).value);
    }
    for (const r of facts.subtotalRows)
      expect([sales.getCell(`A${r}`).value, sales.getCell(`C${r}`).value]).toContain('小计');
    expect(sales.getCell(`A${facts.totalRow}`).value).toBe('合计');
    expect(sales.getCell(`A1`).isMerged).toBe(true);
    // Every recorded text cell holds that text, and every kind of mess occurs.
    for (const t of model.expected.textCells)
      expect(sheet(t.sheet).getCell(`${t.column}${t.row}`).value).toBe(t.text);
    const texts = model.expected.textCells.map((t) => t.text);
    for (const pattern of [
      /^¥[\d,]+\.\d\d$/,
      /^[０-９]+$/,
      /万$/,
      /^\d+(\.\d+)? $/,
      /^2026\/\d+\/\d+$/,
      /^2026\.\d+\.\d+$/,
      /^2026年\d+月\d+日$/,
    ])
      expect(texts.some((t) => pattern.test(t))).toBe(true);
    // Excel date cells too.
    expect(sales.getCell('A4').value).toBeInstanceOf(Date);
    // Export lines are in USD.
    for (const r of model.expected.usdRows.slice(0, 20)) expect(sales.getCell(`M${r}`).value).toBe('USD');
  });
});
