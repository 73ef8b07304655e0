/**
 * The deterministic sample workbook: `npm run samples` writes samples/SalesDesk-示例台账.xlsx and
 * samples/expected.json (the truth the tests check readers against).
 *
 * buildSampleModel is pure (seeded, no clock): the same seed gives the same model. renderWorkbook
 * turns the model into xlsx bytes that are the same on every run (fixed document dates and zip
 * timestamps), so a stale committed file shows up as a byte difference in the tests.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import {
  CUSTOMERS,
  DISCOUNT_CAPS,
  PRICE_RULES,
  PRODUCTS,
  REPS,
  SEASON,
  USD_RATE_X100,
} from './model/catalogue';
import { YEAR, workdaysByMonth } from './model/calendar';
import { buildPlan } from './model/annualPlan';
import { mulberry32 } from './model/prng';
import { buildReceipts } from './model/receipts';
import { buildSalesLines, lookup, plantViolations, type SalesBook } from './model/salesLedger';
import { assertOnlyPlantedViolations, renderSheets, SHEET_NAMES } from './model/sheets';
import { buildShipments, toFen } from './model/shipmentLedger';
import { buildFinanceBooks } from './model/financeBooks';
import {
  agingFigures,
  AGING_BOUNDS,
  AS_OF,
  buildCredits,
  buildOpenings,
  chooseCreditLimits,
  CREDIT_MAX_DAYS,
  markReceipts,
  namedReceiptFacts,
  openingReceipts,
  REBATE_TIERS,
  rebateFigures,
  receivableFigures,
  settle,
  STATEMENT_REP,
  tierCrossings,
} from './model/receivables';
import {
  DOMESTIC_REGIONS,
  PRODUCT_TYPES,
  REGIONS,
  type ContractPolicy,
  type PricePolicy,
  type ProductType,
  type SampleCell,
  type SampleModel,
} from './model/types';

export { SHEET_NAMES };
export type { SampleModel };

export const SAMPLE_WORKBOOK_PATH = path.join(__dirname, 'SalesDesk-示例台账.xlsx');
export const EXPECTED_JSON_PATH = path.join(__dirname, 'expected.json');
export const DEFAULT_SEED = 2026;

/** Document dates and zip entry times: fixed, so the bytes do not depend on when it ran. */
const FIXED_TIME = new Date(Date.UTC(2026, 0, 5, 1, 0, 0));

const clone = <T>(value: T): T => structuredClone(value);

export function buildSampleModel(seed: number = DEFAULT_SEED): SampleModel {
  const rng = mulberry32(seed);
  const policy: PricePolicy = {
    vatBp: 1300,
    effectiveDate: `${YEAR}-01-01`,
    products: clone([...PRODUCTS]),
    caps: clone([...DISCOUNT_CAPS]),
    rules: clone([...PRICE_RULES]),
    creditMaxDays: CREDIT_MAX_DAYS,
    rebateTiers: clone([...REBATE_TIERS]),
    creditLimits: [], // chosen below from the year-end balances
  };
  const customers = clone([...CUSTOMERS]);
  const reps = clone([...REPS]);
  const season = clone(SEASON) as Record<ProductType, number[]>;
  const look = lookup(policy.products, customers);
  const workdays = workdaysByMonth();
  const workdaySet = new Set(workdays.flat());

  const sales = buildSalesLines(rng, policy, customers, workdays);
  const book: SalesBook = { ...sales, violations: [], unreadable: [], approvals: [] };
  plantViolations(rng, policy, book, look);
  assertOnlyPlantedViolations(policy, book, look);
  const shipments = buildShipments(rng, book.lines, look, workdaySet);
  const sales2026Receipts = buildReceipts(rng, customers, shipments, workdaySet);
  const plan = buildPlan(rng, book.lines, look);

  // Month-end II from a random source of its own: what came before draws exactly what it drew.
  const rng2 = mulberry32(seed + 11);
  const openings = buildOpenings(rng2, customers);
  const byDate = (a: { date: string; customer: string }, b: { date: string; customer: string }): number =>
    a.date < b.date
      ? -1
      : a.date > b.date
        ? 1
        : a.customer < b.customer
          ? -1
          : a.customer > b.customer
            ? 1
            : 0;
  const receipts = [...sales2026Receipts, ...openingReceipts(rng2, openings, customers, workdaySet)].sort(
    byDate,
  );
  const credits = buildCredits(rng2, shipments, customers, workdaySet);
  const facts = { customers, shipments, credits, receipts, openings };
  markReceipts(rng2, receipts, shipments, customers, (r) => {
    const asOf = `${r.date.slice(0, 7)}-31`; // every item dated in the month (settle compares text)
    const open = (names: boolean): string =>
      JSON.stringify(settle({ ...facts, unreadable: null }, r.customer, 'CNY', asOf, names).open);
    return open(true) !== open(false);
  });
  const credit = chooseCreditLimits(receivableFigures({ ...facts, unreadable: null }), rng2);
  policy.creditLimits = credit.limits;
  const rendered = renderSheets(rng, {
    policy,
    customers,
    season,
    types: PRODUCT_TYPES,
    book,
    shipments,
    credits,
    receipts,
    openings,
    plan,
    look,
  });

  // 应收账款明细账 (Finance's books) after the six ledgers: no random numbers, so they do not move.
  const shipmentSheet = rendered.sheets.find((s) => s.name === '发货台账');
  const ledgerRowOf = new Map<string, number>();
  shipmentSheet?.rows.forEach((cells, i) => {
    const no = cells[1];
    if (typeof no === 'string' && no.startsWith('CK')) ledgerRowOf.set(no, i + 1);
  });
  const books = buildFinanceBooks(shipments, customers, ledgerRowOf, rendered.unreadableShipment);
  const receivables = expectedReceivables(
    customers,
    {
      ...facts,
      unreadable: {
        deliveryNoteNo: rendered.unreadableShipment,
        row: ledgerRowOf.get(rendered.unreadableShipment) ?? 0,
      },
    },
    policy,
    credit.over,
  );

  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const unreadablePrice = new Set(book.unreadable.filter((u) => u.column === '单价').map((u) => u.lineId));
  const lotsOf = new Map<number, number>();
  for (const s of shipments) lotsOf.set(s.salesLineId, (lotsOf.get(s.salesLineId) ?? 0) + 1);
  const violations = rendered.sales.violations;
  const expected: SampleModel['expected'] = {
    generator: 'samples/generate.ts',
    seed,
    year: YEAR,
    gridSha256: createHash('sha256').update(JSON.stringify(rendered.sheets)).digest('hex'),
    precedence:
      'allowed minimum = list × (1 − cap of class for new/old customer); of the matching price rules one wins: ' +
      'higher 优先级, then model > type > all and customer name > class > region > all, then the later 生效日期. ' +
      '折扣上限 replaces the cap, 追加折扣 adds to it, 固定价 is the allowed minimum; 最低价 raises the floor. ' +
      'Dates and quantities inclusive. Every line not listed as a violation is at least 1 % of list above every ' +
      'minimum any one matching rule (or none) would give, except ruleDependentOk lines (one rule, no doubt).',
    counts: {
      products: policy.products.length,
      productTypes: PRODUCT_TYPES.length,
      customers: customers.length,
      newCustomers: customers.filter((c) => c.isNew).length,
      reps: reps.length,
      domesticRegions: DOMESTIC_REGIONS.length,
      regions: REGIONS.length,
      discountCaps: policy.caps.length,
      rules: policy.rules.length,
      salesLines: book.lines.length,
      contracts: new Set(book.lines.map((l) => l.contractNo)).size,
      usdLines: book.lines.filter((l) => l.currency === 'USD').length,
      shipmentLines: shipments.length,
      splitLines: book.lines.filter((l) => (lotsOf.get(l.id) ?? 0) > 1).length,
      unshippedLines: book.lines.filter((l) => !lotsOf.has(l.id)).length,
      shippedNotInvoiced: shipments.filter((s) => s.invoiceNo === null).length,
      receiptLines: receipts.length,
      openingBalances: openings.length,
      returnLines: credits.filter((x) => x.kind === '退货').length,
      allowanceLines: credits.filter((x) => x.kind === '折让').length,
      namedReceipts: receipts.filter((r) => r.invoiceNo !== undefined || r.contractNo !== undefined).length,
      usdReceipts: receipts.filter((r) => r.usdCents !== undefined).length,
      receiptsByAcceptanceBill: receipts.filter((r) => r.method === '承兑汇票').length,
      planRows: plan.length,
      violations: violations.length,
      needsApproval: violations.filter((v) => v.status === 'needs_approval').length,
      belowFloor: violations.filter((v) => v.status === 'below_floor').length,
      violationsWithApprovalRef: violations.filter((v) => v.approvalRef !== null).length,
      ruleDependentOk: rendered.sales.ruleDependentOk.length,
      unreadableCells: rendered.unreadable.length,
      deliveryFromStock: book.lines.filter((l) => l.deliveryDate === null).length,
      textCells: rendered.textCells.length,
    },
    regions: [...REGIONS],
    currencyValues: { 人民币: 'CNY', '': 'CNY', USD: 'USD' },
    sheets: rendered.facts,
    totals: {
      salesCnyFen: sum(book.lines.filter((l) => l.currency === 'CNY').map((l) => l.qty * l.priceMinor)),
      salesUsdCents: sum(book.lines.filter((l) => l.currency === 'USD').map((l) => l.qty * l.priceMinor)),
      salesBookedFen: sum(book.lines.map((l) => l.qty * toFen(l))),
      // What a reader can add up: without the lines whose price cell is #N/A.
      salesCnyReadableFen: sum(
        book.lines
          .filter((l) => l.currency === 'CNY' && !unreadablePrice.has(l.id))
          .map((l) => l.qty * l.priceMinor),
      ),
      usdRateX100: USD_RATE_X100,
      shipmentsFen: sum(shipments.map((s) => s.qty * s.priceFen)),
      shipmentsReadableFen: sum(
        shipments
          .filter((s) => s.deliveryNoteNo !== rendered.unreadableShipment)
          .map((s) => s.qty * s.priceFen),
      ),
      shippedNotInvoicedFen: sum(
        shipments.filter((s) => s.invoiceNo === null).map((s) => s.qty * s.priceFen),
      ),
      receiptsFen: sum(receipts.map((r) => r.amountFen)),
      returnsFen: sum(credits.filter((x) => x.kind === '退货').map((x) => -x.amountFen)),
      allowancesFen: sum(credits.filter((x) => x.kind === '折让').map((x) => -x.amountFen)),
      planFen: sum(plan.map((p) => p.targetFen)),
    },
    violations,
    ruleDependentOk: rendered.sales.ruleDependentOk,
    approvals: book.approvals,
    unreadableCells: rendered.unreadable,
    usdRows: rendered.sales.usdRows,
    policy: asContractPolicy(policy),
    textCells: rendered.textCells,
    monthEnd: books.expected,
    receivables,
    policyBlocks: policyBlocks(policy),
  };
  return {
    seed,
    year: YEAR,
    reps,
    customers,
    policy,
    season,
    salesLines: book.lines,
    shipments,
    receipts,
    plan,
    sheets: [...rendered.sheets, books.sheet, rendered.openingSheet],
    expected,
  };
}

/** expected.json → receivables: the figures from the model's own sums, then the credit and rebate checks. */
function expectedReceivables(
  customers: SampleModel['customers'],
  facts: Parameters<typeof receivableFigures>[0],
  policy: PricePolicy,
  overCustomer: string,
): SampleModel['expected']['receivables'] {
  const aging = agingFigures(facts, receivableFigures(facts));
  const figures = receivableFigures(facts).map((f) => ({
    ...f,
    agingMinor: aging.get(`${f.customer}|${f.currency}`) ?? [],
  }));
  const closingOf = new Map(figures.map((f) => [`${f.customer}|${f.currency}`, f.closingMinor]));
  const creditLimits = policy.creditLimits.map((l) => {
    const closingMinor = closingOf.get(`${l.customer}|${l.currency}`) ?? 0;
    return { ...l, closingMinor, over: closingMinor > l.limitMinor };
  });
  const over = creditLimits.filter((l) => l.over).map((l) => l.customer);
  if (over.length !== 1 || over[0] !== overCustomer)
    throw new Error(`exactly ${overCustomer} should be over its credit limit, not ${over.join(', ')}`);
  const repCustomers = figures.filter((f) => f.rep === STATEMENT_REP);
  if (repCustomers.length < 3 || repCustomers.length > 6) throw new Error(`${STATEMENT_REP}: 3–6 customers`);
  const u = facts.unreadable;
  const hidden = u ? facts.shipments.find((s) => s.deliveryNoteNo === u.deliveryNoteNo) : undefined;
  return {
    asOf: AS_OF,
    basis: 'shipment',
    bounds: [...AGING_BOUNDS],
    statementRep: STATEMENT_REP,
    customers: figures,
    creditMaxDays: policy.creditMaxDays,
    creditLimits,
    rebates: rebateFigures(customers, figures, policy.rebateTiers),
    namedReceipts: namedReceiptFacts(facts),
    tierCrossings: tierCrossings(facts, policy.rebateTiers),
    leftOut:
      u && hidden
        ? [
            {
              sheet: '发货台账',
              row: u.row,
              deliveryNoteNo: u.deliveryNoteNo,
              customer: hidden.customer,
              amountFen: hidden.qty * hidden.priceFen,
              why: '单价、金额为 #N/A，读不出，不计入应收 / price and amount are #N/A: unreadable, left out',
            },
          ]
        : [],
  };
}

/** 【返点政策】 and 【信用额度】 as the published policy carries them (yuan and rate as decimal text). */
function policyBlocks(policy: PricePolicy): SampleModel['expected']['policyBlocks'] {
  const decimal = (minor: number): string =>
    `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
  const rate = (bp: number): string => String(bp / 10_000);
  return {
    rebateTiers: policy.rebateTiers.map((t) => ({
      ...(t.class === '全部' ? {} : { customerClass: t.class }),
      ...(t.newOld === '全部' ? {} : { newCustomer: t.newOld === '新客户' }),
      threshold: decimal(t.thresholdFen),
      rate: rate(t.rateBp),
    })),
    credit: {
      maxDays: policy.creditMaxDays,
      limits: policy.creditLimits.map((l) => ({
        customer: l.customer,
        currency: l.currency,
        limit: decimal(l.limitMinor),
      })),
    },
  };
}

const yuan = (minor: number): number => minor / 100;
const pct = (bp: number): number => bp / 100;

/** The policy in the API's units: yuan and percent numbers, scopes as objects. */
function asContractPolicy(policy: PricePolicy): ContractPolicy {
  return {
    vatRate: pct(policy.vatBp),
    effectiveDate: policy.effectiveDate,
    products: policy.products.map((p) => ({
      model: p.model,
      name: p.name,
      productType: p.type,
      unit: p.unit,
      listPrice: yuan(p.listFen),
      floorPrice: p.floorFen === null ? null : yuan(p.floorFen),
      listPriceUsd: p.listUsdCents === null ? null : yuan(p.listUsdCents),
    })),
    discountCaps: Object.fromEntries(
      policy.caps.map((c) => [c.class, { old: pct(c.oldBp), new: pct(c.newBp) }]),
    ),
    rules: policy.rules.map((r) => ({
      id: r.id,
      priority: r.priority,
      product:
        r.product.kind === 'all'
          ? 'all'
          : r.product.kind === 'model'
            ? { model: r.product.model }
            : { productType: r.product.type },
      customer:
        r.customer.kind === 'all'
          ? 'all'
          : r.customer.kind === 'name'
            ? { name: r.customer.name }
            : r.customer.kind === 'class'
              ? { customerClass: r.customer.class }
              : { region: r.customer.region },
      minQty: r.minQty,
      maxQty: r.maxQty,
      validFrom: r.from,
      validTo: r.to,
      effect:
        r.effect.kind === '折扣上限'
          ? { kind: 'discountCap', pct: pct(r.effect.bp) }
          : r.effect.kind === '追加折扣'
            ? { kind: 'extraDiscount', pct: pct(r.effect.bp) }
            : r.effect.kind === '固定价'
              ? { kind: 'fixedPrice', price: yuan(r.effect.fen) }
              : { kind: 'floor', price: yuan(r.effect.fen) },
      note: r.note,
    })),
  };
}

// ── Rendering (the imperative shell) ─────────────────────────────────────────────────────────────

/** A yyyy-mm-dd date as the UTC midnight exceljs turns into the Excel serial of that day. */
const excelDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

function toExcel(cell: SampleCell): { value: ExcelJS.CellValue; numFmt?: string } {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number') return { value: cell };
  if ('date' in cell) return { value: excelDate(cell.date), numFmt: cell.numFmt };
  if ('number' in cell) return { value: cell.number, numFmt: cell.numFmt };
  if ('error' in cell) return { value: { error: cell.error } };
  return { value: { formula: cell.formula, result: cell.result }, numFmt: cell.numFmt };
}

export function buildWorkbook(model: SampleModel): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SalesDesk sample generator';
  wb.lastModifiedBy = '销售内勤';
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views: sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows }] : [],
    });
    ws.columns = sheet.columnWidths.map((width) => ({ width }));
    sheet.rows.forEach((cells, r) => {
      const row = ws.getRow(r + 1);
      cells.forEach((cell, c) => {
        if (cell === null) return;
        const { value, numFmt } = toExcel(cell);
        const target = row.getCell(c + 1);
        target.value = value;
        if (numFmt) target.numFmt = numFmt;
      });
    });
    for (const r of sheet.boldRows) ws.getRow(r).font = { bold: true };
    for (const r of sheet.hiddenRows) ws.getRow(r).hidden = true;
    for (const range of sheet.merges) ws.mergeCells(range);
    // Titles: larger and centred over their merge.
    const titleCell = ws.getCell('A1');
    titleCell.font = { bold: true, size: 14 };
    titleCell.alignment = { horizontal: 'center' };
  }
  return wb;
}

/** DOS date/time of FIXED_TIME for the zip headers. */
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 5;
const DOS_TIME = (1 << 11) | (0 << 5) | 0;

/**
 * Overwrites the modification time of every zip entry (local header and central directory) with a
 * fixed one: JSZip stamps the current time, which would make every run's bytes differ.
 */
export function fixZipTimestamps(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--)
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    out.writeUInt16LE(DOS_TIME, p + 12);
    out.writeUInt16LE(DOS_DATE, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header at ${local}`);
    out.writeUInt16LE(DOS_TIME, local + 10);
    out.writeUInt16LE(DOS_DATE, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

/** The xlsx bytes of a model, the same on every run. */
export async function renderWorkbook(model: SampleModel): Promise<Buffer> {
  const bytes = await buildWorkbook(model).xlsx.writeBuffer();
  return fixZipTimestamps(Buffer.from(bytes as ArrayBuffer));
}

export async function writeSampleWorkbook(
  model: SampleModel,
  file: string = SAMPLE_WORKBOOK_PATH,
): Promise<void> {
  await writeFile(file, await renderWorkbook(model));
}

/** expected.json as Prettier would format it, so `npm run lint` stays quiet after regenerating. */
export async function expectedJsonText(model: SampleModel): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(EXPECTED_JSON_PATH)) ?? {};
  return prettier.format(JSON.stringify(model.expected), { ...options, parser: 'json' });
}

async function main(): Promise<void> {
  const model = buildSampleModel();
  await writeSampleWorkbook(model);
  await writeFile(EXPECTED_JSON_PATH, await expectedJsonText(model));
  const c = model.expected.counts;
  console.log(
    `wrote ${path.relative(process.cwd(), SAMPLE_WORKBOOK_PATH)}: ${c.salesLines} sales lines, ` +
      `${c.shipmentLines} shipments, ${c.receiptLines} receipts, ${c.violations} planted violations ` +
      `(${c.needsApproval} needs_approval, ${c.belowFloor} below_floor)`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
