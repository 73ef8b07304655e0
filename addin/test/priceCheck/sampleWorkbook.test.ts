/**
 * The price check on the real sample workbook, against the real dev host on a fresh Azurite with the
 * sample policy published: the header is found without help, every deliberate violation is found with
 * its status, the unreadable cells are reported, and nothing else is flagged.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { createApiClient } from '../../src/api/client';
import { CompactValidateResponseSchema, type PriceLine } from '../../../functions/src/contract/pricing';
import { expandAnswer } from '../../../functions/src/domain/pricing/compact';
import {
  detectSalesLedger,
  preparePriceCheck,
  PRICE_CHECK_FIELDS,
  runPriceCheck,
  type PriceCheckOutcome,
  type PriceCheckProgress,
} from '../../src/priceCheck';
import { paneProblems } from '../../src/taskpane/priceCheck/problems';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';
import { actingAs, useSignedIn } from '../support/signIn';

interface Expected {
  sheets: Record<string, { headerRow: number; dataRows: number }>;
  violations: {
    sheet: string;
    row: number;
    status: string;
    allowedMinMinor: number;
    approvalRef: string | null;
  }[];
  unreadableCells: { sheet: string; row: number; column: string }[];
  approvals: {
    ref: string;
    customer: string;
    model: string;
    minUnitPriceFen: number;
    validFrom: string;
    validTo: string;
  }[];
  policy: unknown;
}

const root = join(__dirname, '..', '..', '..');
const expected = JSON.parse(readFileSync(join(root, 'samples', 'expected.json'), 'utf8')) as Expected;
const SHEET = '销售台账';
const HEAD = actingAs('王部长', 'Sales.Head');

const loadSample = () =>
  MemoryWorkbook.fromXlsx(readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx')), {
    pause: () => Promise.resolve(),
  });

/** Rows whose status is not ok, as [row, status], in sheet order. */
const notOk = (out: PriceCheckOutcome) =>
  out.rows.filter((r) => r.status !== 'ok').map((r) => [r.entry.sheetRow, r.status] as const);

describe('price check of the sample workbook on the dev host', () => {
  useAzurite();
  const host = useDevHost();
  useSignedIn('张内勤', 'Sales.Clerk'); // the clerk runs the check
  /** One copy for the whole file (loading it takes a second); the last test re-runs on it. */
  let wb: MemoryWorkbook;

  async function call(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${host.baseUrl}/${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  }

  beforeAll(async () => {
    wb = await loadSample();
    const published = await call('PUT', 'price-policy', expected.policy, HEAD);
    if (published.status >= 300)
      throw new Error(`publishing the sample policy: ${published.status} ${published.text}`);
  });

  it('maps every column the check needs without help', async () => {
    const m = detectSalesLedger(await wb.readSheet(SHEET, { maxRows: 30 }));
    expect(m.headerExcelRow).toBe(expected.sheets[SHEET]?.headerRow);
    expect(m.missing).toEqual([]);
    expect(m.unsure).toEqual([]);
    // The sample keeps approval references in 备注; it has no 审批单号 column.
    const inSheet = PRICE_CHECK_FIELDS.filter((f) => f !== 'approvalRef');
    expect(inSheet.filter((f) => m.columns[f]?.how !== 'exact')).toEqual([]);
    expect(m.taxExclusive).toBe(false);
  });

  it('finds every deliberate violation with its status and flags nothing else', async () => {
    let requests = 0;
    const api = createApiClient({
      baseUrl: host.baseUrl,
      fetch: (input, init) => {
        if (String(input).includes('/prices/validate')) requests++; // not the month-end report's calls
        return fetch(input, init);
      },
    });
    const progress: PriceCheckProgress[] = [];
    const out = await runPriceCheck({
      workbook: wb,
      api,
      sheet: SHEET,
      locale: 'zh-CN',
      onProgress: (p) => progress.push(p),
    });
    expect(out.rows).toHaveLength(expected.sheets[SHEET]?.dataRows ?? -1);
    // one count of lines and of rows to look at: progress, done message, pane list, result sheet
    const lines = expected.sheets[SHEET]?.dataRows ?? -1;
    expect(out.summary.lines).toBe(lines);
    for (const p of progress.filter((x) => x.phase !== 'read')) expect(p.total).toBe(lines);
    expect(progress.at(-1)).toEqual({ phase: 'write', done: lines, total: lines });
    const paneRows = new Set(paneProblems(out.ledger, out.rows).map((p) => p.row)).size;
    expect(out.summary.toLookAt).toBe(paneRows);
    expect(out.resultSheet.tables[1]?.rowCount).toBe(out.summary.toLookAt);
    expect(requests).toBe(Math.ceil(out.ledger.lines.length / 5000));
    // a fresh host has no month-end report: the pane says credit was not checked, the check goes on
    expect(out.credit).toMatchObject({
      kind: 'notChecked',
      reason: { 'zh-CN': '信用情况未检查：还没有月末报告' },
    });

    const unreadableRows = [
      ...new Set(expected.unreadableCells.filter((c) => c.sheet === SHEET).map((c) => c.row)),
    ].sort((a, b) => a - b);
    const wanted = [
      ...expected.violations.filter((v) => v.sheet === SHEET).map((v) => [v.row, v.status] as const),
      ...unreadableRows.map((row) => [row, 'unreadable'] as const),
    ].sort((a, b) => a[0] - b[0]);
    expect(notOk(out)).toEqual(wanted);

    // the lowest allowed price the API worked out is the generator's, to the fen
    for (const v of expected.violations) {
      const r = out.rows.find((x) => x.entry.sheetRow === v.row);
      expect(Math.round((r?.result?.minPrice ?? 0) * 100)).toBe(v.allowedMinMinor);
    }
    // …and the pane wrote them: a status beside every data row, one result row per problem
    const statusCol = out.columns.columns[0]?.col ?? -1;
    for (const [row, status] of wanted)
      expect(wb.cellView(SHEET, row - 1, statusCol).value).toBe(
        { needs_approval: '需审批', below_floor: '低于最低限价', unreadable: '无法读取' }[status as string],
      );
    expect(out.resultSheet.tables[1]?.rowCount).toBe(wanted.length);
  });

  it('turns the violations that quote a registered approval into approved on a re-run', async () => {
    for (const a of expected.approvals) {
      const res = await call(
        'POST',
        'approvals',
        {
          ref: a.ref,
          customer: a.customer,
          model: a.model,
          minUnitPrice: a.minUnitPriceFen / 100,
          validFrom: a.validFrom,
          validTo: a.validTo,
        },
        HEAD,
      );
      expect(res.status).toBe(201);
    }
    // a re-run on the checked workbook (in English): the earlier columns are recognised, not read
    const api = createApiClient({ baseUrl: host.baseUrl });
    const out = await runPriceCheck({ workbook: wb, api, sheet: SHEET, locale: 'en-US' });
    expect(out.columns.replacedEarlier).toBe(true);
    expect(out.resultSheet).toMatchObject({ name: 'Price check results', replacedEarlier: true });
    expect(wb.model.sheets.some((s) => s.name === '价格检查结果')).toBe(false);
    const quoted = new Set(expected.violations.filter((v) => v.approvalRef).map((v) => v.row));
    expect(quoted.size).toBe(3);
    const approved = out.rows.filter((r) => r.status === 'approved').map((r) => r.entry.sheetRow);
    expect(approved.sort((a, b) => a - b)).toEqual([...quoted].sort((a, b) => a - b));
    expect(out.counts.needs_approval + out.counts.below_floor).toBe(expected.violations.length - 3);
  });

  it('answers the compact form that expands to the flagged answer for every sample line, in far fewer bytes', async () => {
    const plan = await preparePriceCheck({
      workbook: wb,
      api: createApiClient({ baseUrl: host.baseUrl }),
      sheet: SHEET,
      locale: 'zh-CN',
    });
    // Lines with no order date or a tax-exclusive price carry a note: they must stay whole.
    const lines = [
      ...plan.lines,
      { ...plan.lines[0], id: 'no-date', orderDate: null },
      { ...plan.lines[0], id: 'ex-tax', taxIncluded: false },
      { ...plan.lines[0], id: 'usd-text', currency: ' usd ' },
    ] as PriceLine[];
    const clerk = actingAs('张内勤', 'Sales.Clerk');
    const flagged = await call('POST', 'prices/validate?detail=flagged', { lines }, clerk);
    const compact = await call('POST', 'prices/validate?detail=compact', { lines }, clerk);
    expect([flagged.status, compact.status]).toEqual([200, 200]);
    const answer = CompactValidateResponseSchema.parse(JSON.parse(compact.text));
    expect(expandAnswer(lines, answer)).toEqual(JSON.parse(flagged.text));
    // every status is in the sample; almost every line is simply ok and sent as an outcome index
    const whole = answer.results.filter((r) => typeof r !== 'number');
    expect(new Set(whole.map((r) => r.status))).toEqual(
      new Set(['needs_approval', 'below_floor', 'approved', 'invalid', 'ok']),
    );
    expect(whole.filter((r) => r.status === 'ok').map((r) => r.id)).toEqual(['no-date', 'ex-tax']);
    expect(compact.text.length / lines.length).toBeLessThan(100);
  });
});
