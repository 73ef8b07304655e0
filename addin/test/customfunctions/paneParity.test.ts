/**
 * =SALES.PRICECHECK and =SALES.MINPRICE agree with the pane on every line of the sample ledger: the
 * pane checks the sample workbook (real dev host on a fresh Azurite, the sample policy published) and
 * writes its status and lowest price; then each line's cells, as Excel would hand them to the
 * functions (date serials, `２１２００`, `2026年3月5日`, `#N/A`…), go through the cell functions against
 * the same host. Every line must show the pane's status text and its lowest price to the fen.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { createApiClient } from '../../src/api/client';
import { actingAs, useSignedIn } from '../support/signIn';
import { detectSalesLedger, runPriceCheck } from '../../src/priceCheck';
import { createPriceCalls } from '../../src/customfunctions/priceCalls';
import { minPriceCell, priceCheckCell, type PriceArgs } from '../../src/customfunctions/priceCells';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { mergedFill, type SheetGrid } from '../../src/sheets';
import type { PriceLine, ValidateResponse } from '../../../functions/src/contract/pricing';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';

const root = join(__dirname, '..', '..', '..');
const expected = JSON.parse(readFileSync(join(root, 'samples', 'expected.json'), 'utf8')) as {
  policy: unknown;
  counts: { salesLines: number };
};
const SHEET = '销售台账';
/** Sample lines that change status when its blanked inputs are asked for instead of guessed (measured). */
const BLANKED_CHANGES = 123;
const CELL = { locale: 'zh-CN' as const, defaultYear: 2026 }; // the ledger's year, as the pane takes from its title

describe('worksheet functions and the pane on the sample ledger', () => {
  useAzurite();
  const host = useDevHost();
  useSignedIn('张内勤', 'Sales.Clerk');
  let wb: MemoryWorkbook;
  let grid: SheetGrid;
  let fill: ReturnType<typeof mergedFill>;

  beforeAll(async () => {
    wb = await MemoryWorkbook.fromXlsx(readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx')), {
      pause: () => Promise.resolve(),
    });
    grid = await wb.readSheet(SHEET);
    fill = mergedFill(grid);
    const put = await fetch(`${host.baseUrl}/price-policy`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'if-none-match': '*',
        ...actingAs('王部长', 'Sales.Head'),
      },
      body: JSON.stringify(expected.policy),
    });
    if (put.status !== 201) throw new Error(`publishing the sample policy: ${put.status}`);
  });

  /**
   * The line's cells as arguments, in the columns the pane mapped. Inside a merged area (C722:C724 holds
   * one customer for three lines) the value is the merge's, as the pane reads it: in Excel a formula
   * on row 723 would name C722 (C723 is empty there, and the function would ask for the customer).
   */
  function argsOf(
    m: ReturnType<typeof detectSalesLedger>,
    sheetRow: number,
    on: { grid: SheetGrid; fill: ReturnType<typeof mergedFill> } = { grid, fill },
  ): PriceArgs {
    const { grid, fill } = on;
    const gridRow = sheetRow - 1 - (grid.startRow ?? 0);
    const values = grid.values[gridRow] ?? [];
    const merged = fill.get(gridRow);
    const cell = (field: keyof typeof m.columns) => {
      const c = m.columns[field];
      if (!c) return undefined;
      const col = c.col - (grid.startCol ?? 0);
      return merged?.has(col) ? merged.get(col) : values[col];
    };
    return {
      model: cell('model'),
      customerClass: cell('customerClass'),
      qty: cell('qty'),
      unitPrice: cell('unitPrice'),
      orderDate: cell('orderDate'),
      approvalRef: cell('remarks'), // the sample keeps approval references in 备注
      newOrOld: cell('isNewCustomer'),
      region: cell('region'),
      customer: cell('customer'),
      currency: cell('currency'),
    };
  }

  it('PRICECHECK shows the pane’s status and MINPRICE its lowest price, on every line', async () => {
    const api = createApiClient({ baseUrl: host.baseUrl });
    const out = await runPriceCheck({ workbook: wb, api, sheet: SHEET, locale: 'zh-CN' });
    expect(out.rows).toHaveLength(expected.counts.salesLines);
    // The sample's own blank cells (币种 left empty on yuan lines, …) are sent as open, and none of
    // them changes a verdict: measured, no sample line changes status (see the next-but-one test).
    expect(out.ledger.lines.filter((l) => l.unknownInputs?.length).length).toBe(261);
    expect(out.summary.counts.needs_input).toBe(0);
    const [statusCol, minCol] = out.columns.columns.map((c) => c.col);
    const pane = out.rows.map((r) => ({
      row: r.entry.sheetRow,
      status: wb.cellView(SHEET, r.entry.sheetRow - 1, statusCol ?? -1).value,
      minPrice: wb.cellView(SHEET, r.entry.sheetRow - 1, minCol ?? -1).value,
    }));
    // The pane's verdicts are not all alike: the comparison covers every status it writes.
    expect(new Set(pane.map((p) => p.status))).toEqual(
      new Set(['符合', '需审批', '低于最低限价', '无法读取']),
    );

    let requests = 0;
    const pc = createPriceCalls(() =>
      createApiClient({
        baseUrl: host.baseUrl,
        fetch: (input, init) => {
          requests++;
          return fetch(input, init);
        },
      }),
    );
    const mapping = detectSalesLedger(grid);
    const args = pane.map((p) => argsOf(mapping, p.row));
    expect(Object.values(args[0]!).every((v) => v !== undefined)).toBe(true); // every input mapped
    const checks = await Promise.all(args.map((a) => priceCheckCell(pc, a, CELL)));
    const mins = await Promise.allSettled(args.map((a) => minPriceCell(pc, a, CELL)));
    expect(requests).toBe(2); // one recalculation burst each, under the 5,000-line cap

    const disagree = pane.flatMap((p, i) => {
      const min = mins[i]!;
      const fnMin = min.status === 'fulfilled' ? min.value : null;
      const fen = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) : v);
      // a row the pane could not read has no lowest price there; MINPRICE needs no price, so it may have one
      const minAgrees = p.minPrice === null || p.minPrice === undefined || fen(fnMin) === fen(p.minPrice);
      return checks[i] === p.status && minAgrees
        ? []
        : [{ row: p.row, pane: [p.status, p.minPrice], fn: [checks[i], fnMin] }];
    });
    expect(disagree).toEqual([]);
    // …and the lowest prices were compared, not skipped
    expect(pane.filter((p) => typeof p.minPrice === 'number').length).toBeGreaterThan(3200);

    // With only the first six arguments (formulas written before 新老客户, 片区, 客户 and 币种 were
    // arguments) a cell either agrees with the pane or asks: it never answers otherwise with confidence.
    const legacy = await Promise.all(
      args.map(({ model, customerClass, qty, unitPrice, orderDate, approvalRef }) =>
        priceCheckCell(pc, { model, customerClass, qty, unitPrice, orderDate, approvalRef }, CELL),
      ),
    );
    const asks = legacy.filter((text) => text.startsWith('需确认')).length;
    const wrong = pane.filter((p, i) => legacy[i] !== p.status && !legacy[i]!.startsWith('需确认'));
    expect(wrong).toEqual([]);
    expect(asks).toBeGreaterThan(0); // 525 of 3,306 when written: the new customers, 西南 diesels, exports…
  });

  it('asks for what a cell leaves out when it matters, and answers as the pane once given', async () => {
    const pc = createPriceCalls(() => createApiClient({ baseUrl: host.baseUrl }));
    // A new customer's 4105D at ¥14,000 in 华东 (经销商: old 18 % → 13,776; new 15 % → 14,280).
    const line = { model: '4105D', customerClass: '经销商', qty: 2, unitPrice: '¥14,000', orderDate: 46150 };
    const given = { ...line, region: '华东', customer: '杭州钱江水泵经销有限公司', currency: '人民币' };
    await expect(priceCheckCell(pc, { ...given, newOrOld: '新客户' }, CELL)).resolves.toBe('需审批');
    await expect(priceCheckCell(pc, { ...given, newOrOld: '老客户' }, CELL)).resolves.toBe('符合');
    await expect(priceCheckCell(pc, given, CELL)).resolves.toBe('需确认新老客户');
    await expect(priceCheckCell(pc, given, { ...CELL, locale: 'en-US' })).resolves.toBe(
      'Confirm new or old customer',
    );
    await expect(minPriceCell(pc, given, CELL)).resolves.toBe('需确认新老客户');
    await expect(minPriceCell(pc, { ...given, newOrOld: 'TRUE' }, CELL)).resolves.toBe(14280);
    // the old function's call (no new inputs) no longer answers 符合 with confidence
    await expect(priceCheckCell(pc, line, CELL)).resolves.toMatch(/^需确认新老客户/);

    // An export line at 2,710 (4105ZD: USD list 2,980, 外贸 old 12 % → USD 2,622.40).
    const exportLine = {
      model: '4105ZD',
      customerClass: '外贸',
      qty: 2,
      unitPrice: 2710,
      orderDate: '2026/1/7',
      newOrOld: '老客户',
      region: '外贸',
      customer: 'PT Sumber Tirta Indonesia',
    };
    await expect(priceCheckCell(pc, { ...exportLine, currency: 'USD' }, CELL)).resolves.toBe('符合');
    await expect(priceCheckCell(pc, { ...exportLine, currency: '人民币' }, CELL)).resolves.toBe(
      '低于最低限价',
    );
    await expect(priceCheckCell(pc, exportLine, CELL)).resolves.toBe('需确认币种');
    await expect(minPriceCell(pc, { ...exportLine, currency: '美元' }, CELL)).resolves.toBe(2622.4);

    // Text as people type it, read as the pane reads it.
    const typed = { ...given, newOrOld: '老客户', qty: '2台' };
    for (const price of ['１４０００', '1.4万', '¥14,000.00', 14000])
      await expect(priceCheckCell(pc, { ...typed, unitPrice: price }, CELL)).resolves.toBe('符合');
    await expect(priceCheckCell(pc, { ...typed, unitPrice: '面议' }, CELL)).resolves.toBe('无法读取');
    await expect(priceCheckCell(pc, { ...typed, model: 'NO-SUCH' }, CELL)).resolves.toBe('无法判断');
    // a tax-exclusive 12,400 is 14,012 with 13 % VAT: above the old customer's 13,776
    await expect(priceCheckCell(pc, { ...typed, unitPrice: 12400, taxBasis: '不含税' }, CELL)).resolves.toBe(
      '符合',
    );
    await expect(priceCheckCell(pc, { ...typed, unitPrice: 12400 }, CELL)).resolves.toBe('需审批');
  });
  /** The statuses the engine gives the pane's lines when blank inputs are guessed (sent without unknownInputs). */
  async function guessedStatuses(lines: readonly PriceLine[]): Promise<string[]> {
    const res = await fetch(`${host.baseUrl}/prices/validate?detail=flagged`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...actingAs('张内勤', 'Sales.Clerk') },
      body: JSON.stringify({ lines: lines.map(({ unknownInputs: _, ...line }) => line) }),
    });
    const body = (await res.json()) as ValidateResponse;
    return body.results.map((r) => r.status);
  }

  it('asks for a blank 新老客户, 片区, 客户 or 币种 cell as the function asks for a left-out argument', async () => {
    // The sample with inputs blanked on purpose: 新老客户 every 3rd line, 片区 every 5th, 客户 every
    // 7th, 币种 every 11th (the cells a clerk leaves empty).
    const blanked = await MemoryWorkbook.fromXlsx(
      readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx')),
      { pause: () => Promise.resolve() },
    );
    const m = detectSalesLedger(await blanked.readSheet(SHEET));
    const firstLine = (m.headerExcelRow ?? 0) + 1;
    const sheet = blanked.model.getSheet(SHEET)!;
    const every: Array<[keyof typeof m.columns, number]> = [
      ['isNewCustomer', 3],
      ['region', 5],
      ['customer', 7],
      ['currency', 11],
    ];
    for (let row = firstLine; row < firstLine + expected.counts.salesLines + 40; row++)
      for (const [field, n] of every)
        if ((row - firstLine) % n === 0) sheet.setValue(row - 1, m.columns[field]!.col, null);
    const bGrid = await blanked.readSheet(SHEET);
    const on = { grid: bGrid, fill: mergedFill(bGrid) };

    const api = createApiClient({ baseUrl: host.baseUrl });
    const out = await runPriceCheck({ workbook: blanked, api, sheet: SHEET, locale: 'zh-CN' });
    const statusCol = out.columns.columns[0]?.col ?? -1;
    const minCol = out.columns.columns[1]?.col ?? -1;
    const pane = out.rows.map((r) => ({
      row: r.entry.sheetRow,
      status: blanked.cellView(SHEET, r.entry.sheetRow - 1, statusCol).value,
      minPrice: blanked.cellView(SHEET, r.entry.sheetRow - 1, minCol).value,
    }));
    const pc = createPriceCalls(() => createApiClient({ baseUrl: host.baseUrl }));
    const fn = await Promise.all(pane.map((p) => priceCheckCell(pc, argsOf(m, p.row, on), CELL)));
    expect(pane.filter((p, i) => fn[i] !== p.status).map((p, i) => [p.row, p.status, fn[i]])).toEqual([]);
    // 最低允许价 too: a price, or 需确认… where a blank input would change it, as =SALES.MINPRICE says
    const mins = await Promise.allSettled(pane.map((p) => minPriceCell(pc, argsOf(m, p.row, on), CELL)));
    const fen = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) : v);
    const minDisagree = pane.flatMap((p, i) => {
      const got = mins[i]!;
      const fnMin = got.status === 'fulfilled' ? got.value : null;
      return p.minPrice === null || p.minPrice === undefined || fen(fnMin) === fen(p.minPrice)
        ? []
        : [[p.row, p.minPrice, fnMin]];
    });
    expect(minDisagree).toEqual([]);
    expect(pane.filter((p) => String(p.minPrice).startsWith('需确认')).length).toBeGreaterThan(0);

    // the pane sent the blanks as open and asked where they matter, for each kind of input
    expect(out.ledger.lines.filter((l) => l.unknownInputs?.length).length).toBeGreaterThan(1000);
    const asked = pane.filter((p) => String(p.status).startsWith('需确认'));
    // (片区 matters only for the 西南 diesel rule: no blanked 片区 falls on a line whose verdict turns on it)
    for (const word of ['新老客户', '客户', '币种'])
      expect(asked.some((p) => String(p.status).includes(word))).toBe(true);
    expect(out.summary.counts.needs_input).toBe(asked.length);
    // …and they are rows to look at, on the pane's list and the result sheet alike
    const flagged = new Set(out.rows.filter((r) => r.status === 'needs_input').map((r) => r.entry.sheetRow));
    expect(flagged.size).toBe(asked.length);
    expect(out.resultSheet.tables[1]?.rowCount).toBe(out.summary.toLookAt);

    // Measured: lines whose status changes against guessing the blanks (old customer, no region…).
    const guessed = await guessedStatuses(out.ledger.lines);
    const judged = out.ledger.lineEntries.map((e) => out.rows[e]!);
    const changed = judged.filter((r, i) => r.status !== guessed[i]).length;
    expect(changed).toBe(asked.length); // every change is a 需确认, never another verdict
    expect(changed).toBe(BLANKED_CHANGES);
  });
});
