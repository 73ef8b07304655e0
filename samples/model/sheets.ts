/**
 * Renders the ledgers into the grids people actually keep: title rows, merged titles, monthly 小计
 * and a 合计 with formulas, blank and hidden rows, numbers and dates typed as text, #N/A cells and a
 * merged 客户名称. Everything messy is recorded so that the tests know the truth behind each cell.
 */
import { EXPORT_CARRIER, USD_RATE_X100 } from './catalogue';
import { monthOf, parts } from './calendar';
import { bounds, judge, margin } from './pricePolicy';
import type { Random } from './prng';
import { contextOf, type Lookup, type SalesBook } from './salesLedger';
import type {
  Customer,
  ExpectedViolation,
  Opening,
  PlanRow,
  PricePolicy,
  ProductType,
  Receipt,
  SampleCell,
  SampleSheet,
  SheetFacts,
  Shipment,
  ShipmentCredit,
  TextCell,
  UnreadableCell,
} from './types';

export const SHEET_NAMES = [
  '销售台账',
  '发货台账',
  '回款台账',
  '价格政策',
  '年度计划',
  '季节系数',
  '应收账款明细账', // Finance's books, built by financeBooks.ts
  '期初余额', // opening balances as of last year end (month-end II)
] as const;

const MONEY = '#,##0.00';
export const colLetter = (index: number): string => String.fromCharCode(65 + index);

// ── Cell text in the forms people type ───────────────────────────────────────────────────────────

/** 1234567 fen → "12,345.67". */
export function thousands(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

const plain = (fen: number): string => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));
const fullWidth = (s: string): string =>
  s.replace(/[0-9.]/g, (ch) => (ch === '.' ? '．' : String.fromCharCode(ch.charCodeAt(0) + 0xfee0)));

type NumberForm = 'yuanSign' | 'fullWidth' | 'wan' | 'trailingSpace';

/** The text for an amount in fen; null when the form does not suit it (万 for small or odd sums). */
function numberText(fen: number, form: NumberForm): string | null {
  switch (form) {
    case 'yuanSign':
      return `¥${thousands(fen)}`;
    case 'fullWidth':
      return fen % 100 === 0 ? fullWidth(String(fen / 100)) : null;
    case 'wan':
      // Only for round sums (whole hundreds of yuan): nobody types 2.0592万.
      return fen >= 1_000_000 && fen % 10_000 === 0 ? `${fen / 1_000_000}万` : null;
    case 'trailingSpace':
      return `${plain(fen)} `;
  }
}

type DateForm = 'slash' | 'dot' | 'chinese' | 'iso' | 'monthDay';

function dateText(iso: string, form: DateForm): string {
  const [y, m, d] = parts(iso);
  switch (form) {
    case 'slash':
      return `${y}/${m}/${d}`;
    case 'dot':
      return `${y}.${m}.${d}`;
    case 'chinese':
      return `${y}年${m}月${d}日`;
    case 'iso':
      return iso;
    case 'monthDay':
      return `${m}月${d}日`;
  }
}

// ── A grid under construction ─────────────────────────────────────────────────────────────────────

class Grid {
  readonly rows: SampleCell[][] = [];
  readonly merges: string[] = [];
  readonly hiddenRows: number[] = [];
  readonly boldRows: number[] = [];
  readonly blankRows: number[] = [];
  readonly subtotalRows: number[] = [];
  totalRow: number | null = null;
  dataRows = 0;

  constructor(
    readonly name: string,
    readonly headers: readonly string[],
    readonly textCells: TextCell[],
  ) {}

  /** Appends a row; returns its 1-based Excel row number. */
  add(cells: SampleCell[], opts: { bold?: boolean; data?: boolean } = {}): number {
    this.rows.push(cells);
    const row = this.rows.length;
    if (opts.bold) this.boldRows.push(row);
    if (opts.data) this.dataRows++;
    return row;
  }

  blank(): number {
    const row = this.add([]);
    this.blankRows.push(row);
    return row;
  }

  get nextRow(): number {
    return this.rows.length + 1;
  }

  /** Column index of a header. */
  col(header: string): number {
    const i = this.headers.indexOf(header);
    if (i < 0) throw new Error(`${this.name} has no column ${header}`);
    return i;
  }

  /** Records a text cell that stands for a value. */
  noteText(row: number, header: string, text: string, means: string | number): void {
    this.textCells.push({ sheet: this.name, row, column: colLetter(this.col(header)), header, text, means });
  }

  /** Sum of the numeric cells of a column over rows [from, to], in hundredths (as Excel's SUM sees them). */
  sumCents(
    header: string,
    from: number,
    to: number,
    keep: (row: SampleCell[]) => boolean = () => true,
  ): number {
    const c = this.col(header);
    let total = 0;
    for (let r = from; r <= to; r++) {
      const cells = this.rows[r - 1] ?? [];
      if (!keep(cells)) continue;
      const cell = cells[c];
      const v =
        typeof cell === 'number'
          ? cell
          : cell && typeof cell === 'object' && 'number' in cell
            ? cell.number
            : 0;
      total += Math.round(v * 100);
    }
    return total;
  }

  facts(
    headerRow: number | Record<string, number>,
    firstDataRow: number | Record<string, number>,
  ): SheetFacts {
    return {
      headerRow,
      firstDataRow,
      lastRow: this.rows.length,
      dataRows: this.dataRows,
      subtotalRows: [...this.subtotalRows],
      totalRow: this.totalRow,
      blankRows: [...this.blankRows],
      hiddenRows: [...this.hiddenRows].sort((a, b) => a - b),
      merges: [...this.merges],
    };
  }

  sheet(columnWidths: number[], frozenRows: number): SampleSheet {
    return {
      name: this.name,
      rows: this.rows.map((r) => [...r]),
      merges: [...this.merges],
      hiddenRows: [...this.hiddenRows].sort((a, b) => a - b),
      boldRows: [...this.boldRows],
      columnWidths,
      frozenRows,
    };
  }
}

const money = (fen: number): SampleCell => ({ number: fen / 100, numFmt: MONEY });

/** A date as an Excel date cell, or now and then as typed text. */
function dateCell(
  rng: Random,
  grid: Grid,
  row: number,
  header: string,
  iso: string,
  numFmt: string,
  textRate: number,
  forms: readonly DateForm[],
): SampleCell {
  if (!rng.chance(textRate)) return { date: iso, numFmt };
  const text = dateText(iso, rng.pick(forms));
  grid.noteText(row, header, text, iso);
  return text;
}

/** An amount as a number cell, or now and then as typed text. */
function moneyCell(
  rng: Random,
  grid: Grid,
  row: number,
  header: string,
  fen: number,
  textRate: number,
  forms: readonly NumberForm[],
): SampleCell {
  if (rng.chance(textRate)) {
    const text = numberText(fen, rng.pick(forms));
    if (text !== null) {
      grid.noteText(row, header, text, fen / 100);
      return text;
    }
  }
  return money(fen);
}

function qtyCell(
  rng: Random,
  grid: Grid,
  row: number,
  header: string,
  qty: number,
  textRate: number,
): SampleCell {
  if (!rng.chance(textRate)) return qty;
  const text = rng.chance(0.5) ? fullWidth(String(qty)) : `${qty} `;
  grid.noteText(row, header, text, qty);
  return text;
}

function title(grid: Grid, text: string, width: number): void {
  const row = grid.add([text], { bold: true });
  grid.merges.push(`A${row}:${colLetter(width - 1)}${row}`);
}

// ── 销售台账 ──────────────────────────────────────────────────────────────────────────────────────

const SALES_HEADERS = [
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
] as const;

const SALES_DATE_FORMS: readonly DateForm[] = ['slash', 'slash', 'dot', 'chinese', 'iso', 'monthDay'];

export interface SalesRendering {
  grid: Grid;
  facts: SheetFacts;
  violations: ExpectedViolation[];
  ruleDependentOk: { row: number; contractNo: string; model: string; ruleId: string }[];
  unreadable: UnreadableCell[];
  usdRows: number[];
  rowOfLine: Map<number, number>;
}

function renderSales(rng: Random, book: SalesBook, look: Lookup, textCells: TextCell[]): SalesRendering {
  const grid = new Grid('销售台账', SALES_HEADERS, textCells);
  const C = (h: (typeof SALES_HEADERS)[number]): number => grid.col(h);
  title(grid, '2026年销售台账', SALES_HEADERS.length);
  grid.add(['制表：销售内勤    单位：元（含税）；外贸合同单价、金额为美元']);
  const headerRow = grid.add([...SALES_HEADERS], { bold: true });

  const special = new Set<number>([
    ...book.violations.map((v) => v.lineId),
    ...book.unreadable.map((u) => u.lineId),
  ]);
  const unreadable = new Map(book.unreadable.map((u) => [u.lineId, u]));
  const forcedPriceForm = new Map<number, NumberForm>();
  const firstViolation = book.violations[0];
  const fourthViolation = book.violations[3];
  if (firstViolation) forcedPriceForm.set(firstViolation.lineId, 'yuanSign');
  if (fourthViolation) forcedPriceForm.set(fourthViolation.lineId, 'fullWidth');

  // Contracts as blocks of consecutive lines.
  const linesOf = new Map<string, number[]>();
  for (const l of book.lines) linesOf.set(l.contractNo, [...(linesOf.get(l.contractNo) ?? []), l.id]);
  const plainContract = (no: string, size: number, month: number): boolean => {
    const ids = linesOf.get(no) ?? [];
    const first = book.lines[ids[0] ?? -1];
    return (
      ids.length === size && !!first && monthOf(first.date) === month && ids.every((id) => !special.has(id))
    );
  };
  // A clerk merged 客户名称 over a three-line contract in April and a two-line one in October.
  const mergedContracts = new Set<string>();
  for (const [size, month] of [
    [3, 4],
    [2, 10],
  ] as const) {
    const pool = [...linesOf.keys()].filter((no) => plainContract(no, size, month));
    mergedContracts.add(rng.pick(pool));
  }
  const hideable = book.lines.filter((l) => !special.has(l.id) && !mergedContracts.has(l.contractNo));
  const hiddenLines = new Set(rng.sample(hideable, 5).map((l) => l.id));

  const rowOfLine = new Map<number, number>();
  const subtotalLabels: number[] = [];
  const unreadableCells: UnreadableCell[] = [];
  const usdRows: number[] = [];
  let mergeStart: { contract: string; row: number } | null = null;

  for (let month = 1; month <= 12; month++) {
    const monthLines = book.lines.filter((l) => monthOf(l.date) === month);
    const from = grid.nextRow;
    let previousContract = '';
    for (const line of monthLines) {
      const newContract = line.contractNo !== previousContract;
      if (newContract && previousContract !== '' && rng.chance(0.004)) grid.blank();
      const row = grid.nextRow;
      rowOfLine.set(line.id, row);
      const ctx = contextOf(line, look);
      const cells: SampleCell[] = new Array<SampleCell>(SALES_HEADERS.length).fill(null);
      cells[C('日期')] = dateCell(rng, grid, row, '日期', line.date, 'yyyy/m/d', 0.1, SALES_DATE_FORMS);
      cells[C('合同号')] = line.contractNo;
      const merged = mergedContracts.has(line.contractNo);
      if (merged && mergeStart?.contract === line.contractNo) cells[C('客户名称')] = null;
      else {
        cells[C('客户名称')] = line.customer;
        if (merged) mergeStart = { contract: line.contractNo, row };
      }
      const bad = unreadable.get(line.id);
      cells[C('客户类别')] = bad?.column === '客户类别' ? { error: '#N/A' } : ctx.customer.class;
      cells[C('新老客户')] = ctx.customer.isNew ? '新客户' : '老客户';
      cells[C('片区')] = ctx.customer.region;
      cells[C('业务员')] = ctx.customer.rep;
      cells[C('产品型号')] = line.model;
      cells[C('产品类别')] = ctx.product.type;
      const amount = line.qty * line.priceMinor;
      if (line.currency === 'USD') {
        usdRows.push(row);
        cells[C('数量')] = line.qty;
        cells[C('单价')] = money(line.priceMinor);
        cells[C('金额')] = money(amount);
        cells[C('币种')] = 'USD';
      } else {
        cells[C('数量')] = special.has(line.id) ? line.qty : qtyCell(rng, grid, row, '数量', line.qty, 0.01);
        const forced = forcedPriceForm.get(line.id);
        const forcedText = forced ? numberText(line.priceMinor, forced) : null;
        if (forcedText !== null) {
          cells[C('单价')] = forcedText;
          grid.noteText(row, '单价', forcedText, line.priceMinor / 100);
        } else
          cells[C('单价')] = special.has(line.id)
            ? money(line.priceMinor)
            : moneyCell(rng, grid, row, '单价', line.priceMinor, 0.035, [
                'yuanSign',
                'fullWidth',
                'wan',
                'trailingSpace',
              ]);
        cells[C('金额')] = special.has(line.id)
          ? money(amount)
          : moneyCell(rng, grid, row, '金额', amount, 0.01, ['yuanSign', 'trailingSpace']);
        if (bad?.column === '单价') {
          const na: SampleCell = bad.form === 'error' ? { error: '#N/A' } : '#N/A';
          cells[C('单价')] = na;
          cells[C('金额')] = na;
        }
        cells[C('币种')] = rng.chance(0.9) ? '人民币' : null;
      }
      cells[C('交货期')] =
        line.deliveryDate === null
          ? '现货'
          : dateCell(rng, grid, row, '交货期', line.deliveryDate, 'yyyy/m/d', 0.03, ['slash', 'chinese']);
      cells[C('备注')] = line.remark === '' ? null : line.remark;
      grid.add(cells, { data: true });
      if (bad) {
        const header = bad.column;
        unreadableCells.push({
          sheet: grid.name,
          row,
          column: colLetter(C(header)),
          header,
          found: bad.form === 'error' ? '#N/A error' : '#N/A text',
          contractNo: line.contractNo,
        });
        if (header === '单价')
          unreadableCells.push({
            sheet: grid.name,
            row,
            column: colLetter(C('金额')),
            header: '金额',
            found: bad.form === 'error' ? '#N/A error' : '#N/A text',
            contractNo: line.contractNo,
          });
      }
      if (hiddenLines.has(line.id)) grid.hiddenRows.push(row);
      if (merged && mergeStart && mergeStart.contract === line.contractNo && row > mergeStart.row) {
        const last = (linesOf.get(line.contractNo) ?? []).at(-1);
        if (last === line.id) grid.merges.push(`C${mergeStart.row}:C${row}`);
      }
      previousContract = line.contractNo;
    }
    const to = grid.nextRow - 1;
    // 小计 sits in 日期 for most months, in 客户名称 for the last quarter (two clerks, two habits).
    const cells: SampleCell[] = new Array<SampleCell>(SALES_HEADERS.length).fill(null);
    cells[month <= 9 ? C('日期') : C('客户名称')] = '小计';
    cells[C('数量')] = { formula: `SUM(J${from}:J${to})`, result: grid.sumCents('数量', from, to) / 100 };
    const notUsd = (r: SampleCell[]): boolean => r[C('币种')] !== 'USD';
    cells[C('金额')] = {
      formula: `SUM(L${from}:L${to})-SUMIF(M${from}:M${to},"USD",L${from}:L${to})`,
      result: grid.sumCents('金额', from, to, notUsd) / 100,
      numFmt: MONEY,
    };
    const row = grid.add(cells, { bold: true });
    grid.subtotalRows.push(row);
    subtotalLabels.push(row);
  }
  const total: SampleCell[] = new Array<SampleCell>(SALES_HEADERS.length).fill(null);
  total[C('日期')] = '合计';
  const sumOf = (col: string): SampleCell => {
    const c = grid.col(col);
    let cents = 0;
    for (const r of subtotalLabels) {
      const cell = grid.rows[r - 1]?.[c];
      if (cell && typeof cell === 'object' && 'formula' in cell) cents += Math.round(cell.result * 100);
    }
    const letter = colLetter(c);
    return {
      formula: subtotalLabels.map((r) => `${letter}${r}`).join('+'),
      result: cents / 100,
      ...(col === '金额' ? { numFmt: MONEY } : {}),
    };
  };
  total[C('数量')] = sumOf('数量');
  total[C('金额')] = sumOf('金额');
  grid.totalRow = grid.add(total, { bold: true });

  const violations: ExpectedViolation[] = book.violations.map(({ lineId, ...v }) => ({
    ...v,
    row: rowOfLine.get(lineId) ?? -1,
  }));
  const ruleDependentOk = book.ruleDependent.map((r) => {
    const line = book.lines[r.lineId];
    if (!line) throw new Error(`line ${r.lineId} missing`);
    return {
      row: rowOfLine.get(r.lineId) ?? -1,
      contractNo: line.contractNo,
      model: line.model,
      ruleId: r.ruleId,
    };
  });
  grid.merges.sort((a, b) => rowOfMerge(a) - rowOfMerge(b));
  return {
    grid,
    facts: grid.facts(headerRow, headerRow + 1),
    violations,
    ruleDependentOk,
    unreadable: unreadableCells,
    usdRows,
    rowOfLine,
  };
}

const rowOfMerge = (range: string): number => Number(/\d+/.exec(range)?.[0] ?? 0);

// ── 发货台账 ──────────────────────────────────────────────────────────────────────────────────────

const SHIPMENT_HEADERS = [
  '发货日期',
  '出库单号',
  '合同号',
  '客户名称',
  '产品型号',
  '数量',
  '单价',
  '金额',
  '承运/物流',
  '签收日期',
  '发票号',
  '开票日期',
  // Export shipments: 金额 stays in 元 (at the booking rate); the USD of the invoice is kept beside it.
  '币种',
  '原币金额',
  // 退货 / 折让 lines say so here.
  '备注',
] as const;

/** Columns of the 发货台账 before 币种/原币金额 were added: the title's merge still spans these. */
const SHIPMENT_TITLE_WIDTH = 12;

function renderShipments(
  rng: Random,
  shipments: readonly Shipment[],
  credits: readonly ShipmentCredit[],
  textCells: TextCell[],
): { grid: Grid; facts: SheetFacts; unreadable: UnreadableCell[]; unreadableNote: string } {
  const grid = new Grid('发货台账', SHIPMENT_HEADERS, textCells);
  const C = (h: (typeof SHIPMENT_HEADERS)[number]): number => grid.col(h);
  title(grid, '2026年销售发货台账（单位：元）', SHIPMENT_TITLE_WIDTH);
  const headerRow = grid.add([...SHIPMENT_HEADERS], { bold: true });
  const unreadable: UnreadableCell[] = [];
  const naIndex = rng.int(200, shipments.length - 200);
  const hidden = new Set(
    rng.sample(
      shipments.map((_, i) => i),
      2,
    ),
  );
  const subtotals: number[] = [];
  for (let month = 1; month <= 12; month++) {
    const from = grid.nextRow;
    shipments.forEach((s, i) => {
      if (monthOf(s.date) !== month) return;
      if (rng.chance(0.003)) grid.blank();
      const row = grid.nextRow;
      const cells: SampleCell[] = new Array<SampleCell>(SHIPMENT_HEADERS.length).fill(null);
      cells[C('发货日期')] = dateCell(rng, grid, row, '发货日期', s.date, 'yyyy-mm-dd', 0.05, [
        'slash',
        'dot',
        'chinese',
      ]);
      cells[C('出库单号')] = s.deliveryNoteNo;
      cells[C('合同号')] = s.contractNo;
      cells[C('客户名称')] = s.customer;
      cells[C('产品型号')] = s.model;
      cells[C('数量')] = s.qty;
      if (i === naIndex) {
        cells[C('单价')] = { error: '#N/A' };
        cells[C('金额')] = { error: '#N/A' };
        for (const header of ['单价', '金额'] as const)
          unreadable.push({
            sheet: grid.name,
            row,
            column: colLetter(C(header)),
            header,
            found: '#N/A error',
            contractNo: s.contractNo,
          });
      } else {
        cells[C('单价')] = moneyCell(rng, grid, row, '单价', s.priceFen, 0.01, ['yuanSign', 'trailingSpace']);
        cells[C('金额')] = moneyCell(rng, grid, row, '金额', s.qty * s.priceFen, 0.01, [
          'yuanSign',
          'wan',
          'fullWidth',
        ]);
      }
      cells[C('承运/物流')] = s.carrier;
      cells[C('签收日期')] =
        s.signedDate === null
          ? null
          : dateCell(rng, grid, row, '签收日期', s.signedDate, 'yyyy-mm-dd', 0.02, ['slash']);
      cells[C('发票号')] = s.invoiceNo;
      cells[C('开票日期')] =
        s.invoiceDate === null
          ? null
          : dateCell(rng, grid, row, '开票日期', s.invoiceDate, 'yyyy-mm-dd', 0.02, ['dot']);
      // No random draw here: the cells before and after stay as they were.
      if (s.carrier === EXPORT_CARRIER) {
        cells[C('币种')] = 'USD';
        cells[C('原币金额')] = { number: (s.qty * s.priceFen) / USD_RATE_X100, numFmt: MONEY };
      }
      grid.add(cells, { data: true });
      if (hidden.has(i)) grid.hiddenRows.push(row);
    });
    // The month's returns and allowances after its shipments; no random draw, so nothing else moves.
    for (const x of credits) {
      if (monthOf(x.date) !== month) continue;
      const cells: SampleCell[] = new Array<SampleCell>(SHIPMENT_HEADERS.length).fill(null);
      cells[C('发货日期')] = { date: x.date, numFmt: 'yyyy-mm-dd' };
      cells[C('出库单号')] = x.deliveryNoteNo;
      cells[C('合同号')] = x.contractNo;
      cells[C('客户名称')] = x.customer;
      cells[C('产品型号')] = x.model;
      cells[C('数量')] = x.qty;
      cells[C('单价')] = x.priceFen === null ? null : money(x.priceFen);
      cells[C('金额')] = money(x.amountFen);
      cells[C('承运/物流')] = x.kind === '退货' ? '客户退回' : null;
      cells[C('备注')] = x.note;
      grid.add(cells, { data: true });
    }
    const to = grid.nextRow - 1;
    const cells: SampleCell[] = new Array<SampleCell>(SHIPMENT_HEADERS.length).fill(null);
    cells[C('发货日期')] = '小计';
    cells[C('数量')] = { formula: `SUM(F${from}:F${to})`, result: grid.sumCents('数量', from, to) / 100 };
    cells[C('金额')] = {
      formula: `SUM(H${from}:H${to})`,
      result: grid.sumCents('金额', from, to) / 100,
      numFmt: MONEY,
    };
    const row = grid.add(cells, { bold: true });
    grid.subtotalRows.push(row);
    subtotals.push(row);
  }
  grid.totalRow = grid.add(totalRow(grid, SHIPMENT_HEADERS.length, '发货日期', ['数量', '金额'], subtotals), {
    bold: true,
  });
  const unreadableNote = shipments[naIndex]?.deliveryNoteNo ?? '';
  return { grid, facts: grid.facts(headerRow, headerRow + 1), unreadable, unreadableNote };
}

/** 合计: the sum of the 小计 rows. */
function totalRow(
  grid: Grid,
  width: number,
  labelHeader: string,
  sums: string[],
  subtotals: number[],
): SampleCell[] {
  const cells: SampleCell[] = new Array<SampleCell>(width).fill(null);
  cells[grid.col(labelHeader)] = '合计';
  for (const header of sums) {
    const c = grid.col(header);
    const letter = colLetter(c);
    let cents = 0;
    for (const r of subtotals) {
      const cell = grid.rows[r - 1]?.[c];
      if (cell && typeof cell === 'object' && 'formula' in cell) cents += Math.round(cell.result * 100);
    }
    cells[c] = {
      formula: subtotals.map((r) => `${letter}${r}`).join('+'),
      result: cents / 100,
      ...(header === '数量' ? {} : { numFmt: MONEY }),
    };
  }
  return cells;
}

// ── 回款台账 ──────────────────────────────────────────────────────────────────────────────────────

const RECEIPT_HEADERS = [
  '日期',
  '客户名称',
  '金额',
  '方式',
  '业务员',
  '备注',
  // Month-end II: what a receipt pays when it says so, and an export receipt's own USD.
  '合同号',
  '发票号',
  '币种',
  '原币金额',
] as const;
/** Columns before 合同号…原币金额 were added: the title's merge still spans these. */
const RECEIPT_TITLE_WIDTH = 6;

function renderReceipts(
  rng: Random,
  receipts: readonly Receipt[],
  textCells: TextCell[],
): { grid: Grid; facts: SheetFacts } {
  const grid = new Grid('回款台账', RECEIPT_HEADERS, textCells);
  const C = (h: (typeof RECEIPT_HEADERS)[number]): number => grid.col(h);
  title(grid, '2026年回款台账', RECEIPT_TITLE_WIDTH);
  const headerRow = grid.add([...RECEIPT_HEADERS], { bold: true });
  const subtotals: number[] = [];
  for (let month = 1; month <= 12; month++) {
    const from = grid.nextRow;
    for (const r of receipts) {
      if (monthOf(r.date) !== month) continue;
      if (rng.chance(0.006)) grid.blank();
      const row = grid.nextRow;
      const cells: SampleCell[] = new Array<SampleCell>(RECEIPT_HEADERS.length).fill(null);
      cells[C('日期')] = dateCell(rng, grid, row, '日期', r.date, 'yyyy/m/d', 0.05, [
        'slash',
        'chinese',
        'dot',
      ]);
      cells[C('客户名称')] = r.customer;
      cells[C('金额')] = moneyCell(rng, grid, row, '金额', r.amountFen, 0.03, [
        'yuanSign',
        'wan',
        'trailingSpace',
      ]);
      cells[C('方式')] = r.method;
      cells[C('业务员')] = r.rep;
      cells[C('备注')] = r.remark;
      // No random draw here: the cells before and after stay as they were.
      cells[C('合同号')] = r.contractNo ?? null;
      cells[C('发票号')] = r.invoiceNo ?? null;
      if (r.usdCents !== undefined) {
        cells[C('币种')] = 'USD';
        cells[C('原币金额')] = { number: r.usdCents / 100, numFmt: MONEY };
      }
      grid.add(cells, { data: true });
    }
    const to = grid.nextRow - 1;
    if (to < from) continue;
    const cells: SampleCell[] = new Array<SampleCell>(RECEIPT_HEADERS.length).fill(null);
    cells[C('日期')] = '小计';
    cells[C('金额')] = {
      formula: `SUM(C${from}:C${to})`,
      result: grid.sumCents('金额', from, to) / 100,
      numFmt: MONEY,
    };
    const row = grid.add(cells, { bold: true });
    grid.subtotalRows.push(row);
    subtotals.push(row);
  }
  grid.totalRow = grid.add(totalRow(grid, RECEIPT_HEADERS.length, '日期', ['金额'], subtotals), {
    bold: true,
  });
  return { grid, facts: grid.facts(headerRow, headerRow + 1) };
}

// ── 价格政策 ──────────────────────────────────────────────────────────────────────────────────────

const POLICY_WIDTH = 11;
const percent = (bp: number): SampleCell => ({ number: bp / 10000, numFmt: '0%' });

function renderPolicy(policy: PricePolicy, textCells: TextCell[]): { grid: Grid; facts: SheetFacts } {
  const productHeaders = ['产品型号', '产品名称', '产品类别', '单位', '指导价', '最低限价', '美元指导价'];
  const capHeaders = ['客户类别', '老客户折扣上限', '新客户折扣上限'];
  const ruleHeaders = [
    '规则编号',
    '优先级',
    '产品范围',
    '客户范围',
    '最小数量',
    '最大数量',
    '生效日期',
    '失效日期',
    '规则类型',
    '数值',
    '说明',
  ];
  // One grid, three header rows: noteText needs the header of the block it writes in.
  const grid = new Grid('价格政策', ruleHeaders, textCells);
  const note = (row: number, col: number, header: string, text: string, means: string | number): void => {
    textCells.push({ sheet: grid.name, row, column: colLetter(col), header, text, means });
  };
  title(grid, '2026年价格政策（含税价，单位：元）', POLICY_WIDTH);
  grid.add([
    '增值税率',
    percent(policy.vatBp),
    '生效日期',
    { date: policy.effectiveDate, numFmt: 'yyyy-mm-dd' },
    '超期预警天数',
    policy.creditMaxDays,
  ]);
  grid.blank();

  grid.add(['【产品价格】'], { bold: true });
  const productHeader = grid.add([...productHeaders], { bold: true });
  for (const p of policy.products) {
    const row = grid.nextRow;
    let list: SampleCell = money(p.listFen);
    // Two cells typed by hand.
    if (p.model === 'QJ100-80') {
      list = `${plain(p.listFen)} `;
      note(row, 4, '指导价', list, p.listFen / 100);
    }
    let floor: SampleCell = p.floorFen === null ? null : money(p.floorFen);
    if (p.model === 'IS80-65-160' && p.floorFen !== null) {
      floor = `¥${thousands(p.floorFen)}`;
      note(row, 5, '最低限价', floor, p.floorFen / 100);
    }
    grid.add(
      [p.model, p.name, p.type, p.unit, list, floor, p.listUsdCents === null ? null : money(p.listUsdCents)],
      { data: true },
    );
  }
  grid.blank();

  grid.add(['【折扣上限】'], { bold: true });
  const capHeader = grid.add([...capHeaders], { bold: true });
  for (const cap of policy.caps) {
    const row = grid.nextRow;
    let newCap: SampleCell = percent(cap.newBp);
    if (cap.class === '外贸') {
      newCap = `${cap.newBp / 100}%`;
      note(row, 2, '新客户折扣上限', newCap, cap.newBp / 100);
    }
    grid.add([cap.class, percent(cap.oldBp), newCap], { data: true });
  }
  grid.blank();

  grid.add(['【价格规则】'], { bold: true });
  const ruleHeader = grid.add([...ruleHeaders], { bold: true });
  for (const r of policy.rules) {
    const row = grid.nextRow;
    const product =
      r.product.kind === 'all'
        ? '全部'
        : r.product.kind === 'model'
          ? `型号:${r.product.model}`
          : `类别:${r.product.type}`;
    const c = r.customer;
    const customer =
      c.kind === 'all'
        ? '全部'
        : c.kind === 'name'
          ? `客户:${c.name}`
          : c.kind === 'class'
            ? `类别:${c.class}`
            : `片区:${c.region}`;
    const e = r.effect;
    const value = e.kind === '固定价' || e.kind === '最低价' ? money(e.fen) : percent(e.bp);
    // The temporary policy's dates were typed as text.
    const typed = r.id === 'R-04';
    const from: SampleCell = typed ? dateText(r.from, 'slash') : { date: r.from, numFmt: 'yyyy-mm-dd' };
    const to: SampleCell = typed ? dateText(r.to, 'slash') : { date: r.to, numFmt: 'yyyy-mm-dd' };
    if (typed) {
      note(row, 6, '生效日期', from as string, r.from);
      note(row, 7, '失效日期', to as string, r.to);
    }
    grid.add([r.id, r.priority, product, customer, r.minQty, r.maxQty, from, to, e.kind, value, r.note], {
      data: true,
    });
  }
  grid.blank();

  // 【返点政策】: one 返点比例 typed as text (`2%`), the rest 0% numbers.
  grid.add(['【返点政策】'], { bold: true });
  const rebateHeader = grid.add(['客户类别', '新老客户', '年度销量起点', '返点比例'], { bold: true });
  policy.rebateTiers.forEach((t, i) => {
    const row = grid.nextRow;
    // 1.5 % shown as 1.5%, not rounded to 2% by a 0% format.
    let rate: SampleCell =
      t.rateBp % 100 === 0 ? percent(t.rateBp) : { number: t.rateBp / 10000, numFmt: '0.0%' };
    if (i === 1) {
      rate = `${t.rateBp / 100}%`;
      note(row, 3, '返点比例', rate, t.rateBp / 100);
    }
    grid.add([t.class, t.newOld, money(t.thresholdFen), rate], { data: true });
  });
  grid.blank();

  // 【信用额度】: 币种 blank = 人民币.
  grid.add(['【信用额度】'], { bold: true });
  const creditHeader = grid.add(['客户名称', '币种', '信用额度'], { bold: true });
  for (const l of policy.creditLimits)
    grid.add([l.customer, l.currency === 'USD' ? 'USD' : null, money(l.limitMinor)], { data: true });

  const facts = grid.facts(
    {
      产品价格: productHeader,
      折扣上限: capHeader,
      价格规则: ruleHeader,
      返点政策: rebateHeader,
      信用额度: creditHeader,
    },
    {
      产品价格: productHeader + 1,
      折扣上限: capHeader + 1,
      价格规则: ruleHeader + 1,
      返点政策: rebateHeader + 1,
      信用额度: creditHeader + 1,
    },
  );
  return { grid, facts };
}

// ── 年度计划 ──────────────────────────────────────────────────────────────────────────────────────

const PLAN_HEADERS = ['产品类别', '片区', '业务员', '年度计划'] as const;
const FEN_PER_WAN = 1_000_000;

function renderPlan(
  plan: readonly PlanRow[],
  types: readonly ProductType[],
  textCells: TextCell[],
): { grid: Grid; facts: SheetFacts } {
  const grid = new Grid('年度计划', PLAN_HEADERS, textCells);
  title(grid, '2026年度销售计划（单位：万元）', PLAN_HEADERS.length);
  const headerRow = grid.add([...PLAN_HEADERS], { bold: true });
  const subtotals: number[] = [];
  for (const type of types) {
    const rows = plan.filter((p) => p.type === type);
    if (rows.length === 0) continue;
    const from = grid.nextRow;
    for (const p of rows) {
      const wan = p.targetFen / FEN_PER_WAN;
      grid.add(
        [p.type, p.region, p.rep, p.targetFen % FEN_PER_WAN === 0 ? wan : { number: wan, numFmt: '0.00' }],
        {
          data: true,
        },
      );
    }
    const to = grid.nextRow - 1;
    const fen = rows.reduce((s, p) => s + p.targetFen, 0);
    const row = grid.add(
      ['小计', null, null, { formula: `SUM(D${from}:D${to})`, result: fen / FEN_PER_WAN, numFmt: '0.00' }],
      {
        bold: true,
      },
    );
    grid.subtotalRows.push(row);
    subtotals.push(row);
  }
  const all = plan.reduce((s, p) => s + p.targetFen, 0);
  grid.totalRow = grid.add(
    [
      '合计',
      null,
      null,
      { formula: subtotals.map((r) => `D${r}`).join('+'), result: all / FEN_PER_WAN, numFmt: '0.00' },
    ],
    { bold: true },
  );
  return { grid, facts: grid.facts(headerRow, headerRow + 1) };
}

// ── 季节系数 ──────────────────────────────────────────────────────────────────────────────────────

function renderSeason(
  season: Readonly<Record<ProductType, readonly number[]>>,
  types: readonly ProductType[],
  textCells: TextCell[],
): { grid: Grid; facts: SheetFacts } {
  const headers = ['产品类别', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)];
  const grid = new Grid('季节系数', headers, textCells);
  title(grid, '2026年季节系数（各月占全年%）', headers.length);
  const headerRow = grid.add(headers, { bold: true });
  for (const t of types) grid.add([t, ...season[t]], { data: true });
  return { grid, facts: grid.facts(headerRow, headerRow + 1) };
}

// ── 期初余额 ──────────────────────────────────────────────────────────────────────────────────────

const OPENING_HEADERS = ['客户名称', '币种', '期初余额', '截至日期', '业务员', '片区', '备注'] as const;

/** Opening balances: one row per customer, USD in dollars, one date typed as text, a 合计 of the CNY rows. */
function renderOpenings(
  openings: readonly Opening[],
  textCells: TextCell[],
): { grid: Grid; facts: SheetFacts } {
  const grid = new Grid('期初余额', OPENING_HEADERS, textCells);
  const C = (h: (typeof OPENING_HEADERS)[number]): number => grid.col(h);
  title(grid, '应收账款期初余额（2025年12月31日，含税，单位：元）', OPENING_HEADERS.length);
  const headerRow = grid.add([...OPENING_HEADERS], { bold: true });
  const from = grid.nextRow;
  for (const o of openings) {
    const row = grid.nextRow;
    const cells: SampleCell[] = new Array<SampleCell>(OPENING_HEADERS.length).fill(null);
    cells[C('客户名称')] = o.customer;
    cells[C('币种')] = o.currency === 'USD' ? 'USD' : '人民币';
    cells[C('期初余额')] = money(o.amountMinor);
    if (o.dateText !== null) {
      cells[C('截至日期')] = o.dateText;
      grid.noteText(row, '截至日期', o.dateText, o.date);
    } else cells[C('截至日期')] = { date: o.date, numFmt: 'yyyy-mm-dd' };
    cells[C('业务员')] = o.rep;
    cells[C('片区')] = o.region;
    cells[C('备注')] = o.note;
    grid.add(cells, { data: true });
  }
  const to = grid.nextRow - 1;
  const cny = grid.sumCents('期初余额', from, to, (r) => r[C('币种')] !== 'USD');
  const cells: SampleCell[] = new Array<SampleCell>(OPENING_HEADERS.length).fill(null);
  cells[C('客户名称')] = '合计';
  cells[C('币种')] = '人民币';
  cells[C('期初余额')] = {
    formula: `SUMIF(B${from}:B${to},"人民币",C${from}:C${to})`,
    result: cny / 100,
    numFmt: MONEY,
  };
  grid.totalRow = grid.add(cells, { bold: true });
  return { grid, facts: grid.facts(headerRow, headerRow + 1) };
}

// ── All sheets ────────────────────────────────────────────────────────────────────────────────────

export interface RenderInput {
  policy: PricePolicy;
  customers: readonly Customer[];
  season: Readonly<Record<ProductType, readonly number[]>>;
  types: readonly ProductType[];
  book: SalesBook;
  shipments: readonly Shipment[];
  credits: readonly ShipmentCredit[];
  receipts: readonly Receipt[];
  openings: readonly Opening[];
  plan: readonly PlanRow[];
  look: Lookup;
}

export interface Rendered {
  sheets: SampleSheet[];
  facts: Record<string, SheetFacts>;
  sales: SalesRendering;
  unreadable: UnreadableCell[];
  /** 出库单号 of the shipment whose price is #N/A. */
  unreadableShipment: string;
  /** 期初余额, placed after Finance's books. */
  openingSheet: SampleSheet;
  textCells: TextCell[];
}

export function renderSheets(rng: Random, input: RenderInput): Rendered {
  const textCells: TextCell[] = [];
  const sales = renderSales(rng, input.book, input.look, textCells);
  const shipments = renderShipments(rng, input.shipments, input.credits, textCells);
  const receipts = renderReceipts(rng, input.receipts, textCells);
  const policy = renderPolicy(input.policy, textCells);
  const plan = renderPlan(input.plan, input.types, textCells);
  const season = renderSeason(input.season, input.types, textCells);
  const openings = renderOpenings(input.openings, textCells);
  const sheets = [
    sales.grid.sheet([11, 13, 30, 10, 9, 7, 9, 15, 14, 7, 12, 14, 8, 11, 22], 3),
    shipments.grid.sheet([11, 14, 13, 30, 15, 7, 12, 14, 18, 11, 24, 11, 7, 13, 36], 2),
    receipts.grid.sheet([11, 34, 15, 10, 9, 30, 14, 24, 7, 13], 2),
    policy.grid.sheet([14, 30, 30, 34, 10, 10, 11, 11, 10, 11, 30], 0),
    plan.grid.sheet([16, 8, 10, 12], 2),
    season.grid.sheet([16, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6], 2),
  ];
  textCells.sort((a, b) =>
    a.sheet !== b.sheet
      ? SHEET_NAMES.indexOf(a.sheet as (typeof SHEET_NAMES)[number]) -
        SHEET_NAMES.indexOf(b.sheet as (typeof SHEET_NAMES)[number])
      : a.row - b.row || a.column.localeCompare(b.column),
  );
  return {
    sheets,
    facts: {
      销售台账: sales.facts,
      发货台账: shipments.facts,
      回款台账: receipts.facts,
      价格政策: policy.facts,
      年度计划: plan.facts,
      季节系数: season.facts,
      期初余额: openings.facts,
    },
    sales,
    unreadable: [...sales.unreadable, ...shipments.unreadable],
    unreadableShipment: shipments.unreadableNote,
    openingSheet: openings.grid.sheet([34, 8, 14, 12, 9, 7, 16], 2),
    textCells,
  };
}

/** Proof that every sales line outside the planted ones is OK by a margin; throws otherwise. */
export function assertOnlyPlantedViolations(policy: PricePolicy, book: SalesBook, look: Lookup): void {
  const planted = new Set([
    ...book.violations.map((v) => v.lineId),
    ...book.unreadable.filter((u) => u.column === '单价').map((u) => u.lineId),
  ]);
  const ruleDependent = new Map(book.ruleDependent.map((r) => [r.lineId, r.ruleId]));
  for (const line of book.lines) {
    if (planted.has(line.id)) continue;
    const ctx = contextOf(line, look);
    const list = line.currency === 'USD' ? ctx.product.listUsdCents : ctx.product.listFen;
    if (list === null) throw new Error(`${line.contractNo} ${line.model}: no ${line.currency} list price`);
    const b = bounds(policy, ctx);
    const j = judge(policy, ctx, line.priceMinor);
    const low = ruleDependent.has(line.id) ? j.allowedMin : Math.max(...b.minimums);
    if (j.status !== 'ok' || line.priceMinor < low + margin(list) || line.priceMinor > list)
      throw new Error(
        `${line.contractNo} ${line.model}: price ${line.priceMinor} is not clearly OK (${JSON.stringify(j)})`,
      );
  }
}
