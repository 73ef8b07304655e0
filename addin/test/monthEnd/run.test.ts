/**
 * Month-end from the pane's side on the sample workbook, against the real dev host on a fresh
 * Azurite: the four ledgers are synced month by month (one request per month, never per row), the
 * run finds exactly the differences samples/expected.json lists, the result sheets are written with
 * links to both source rows, a re-run replaces them and changes no source cell, and a cancel
 * before the run writes nothing.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { createApiClient } from '../../src/api/client';
import { runMonthEnd, MonthEndError, type LedgerChoices, type MonthEndOutcome } from '../../src/monthEnd';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';

interface ExpectedDifference {
  class: string;
  ledgerRow: number | null;
  booksRow: number | null;
  differenceFen: number;
}
interface Expected {
  monthEnd: {
    sheet: string;
    perMonth: Record<
      string,
      {
        differenceFen: number;
        differences: ExpectedDifference[];
        shippedNotInvoiced: { deliveryNoteNo: string; days: number }[];
      }
    >;
  };
}

const root = join(__dirname, '..', '..', '..');
const expected = JSON.parse(readFileSync(join(root, 'samples', 'expected.json'), 'utf8')) as Expected;
const MONTH = '2026-04';
const LEDGERS: LedgerChoices = {
  orders: { sheet: '销售台账' },
  shipments: { sheet: '发货台账' },
  receipts: { sheet: '回款台账' },
  books: { sheet: expected.monthEnd.sheet },
};
const fen = (text: string): number => {
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  const v = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return text.startsWith('-') ? -v : v;
};

const loadSample = () =>
  MemoryWorkbook.fromXlsx(readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx')), {
    pause: () => Promise.resolve(),
  });

/** Every cell of a sheet as text, to prove source sheets are untouched. */
async function sheetText(wb: MemoryWorkbook, name: string): Promise<string> {
  return JSON.stringify((await wb.readSheet(name)).values);
}

describe('month-end of the sample workbook on the dev host', () => {
  useAzurite();
  const host = useDevHost();
  let previousIdentity: string | undefined;
  let wb: MemoryWorkbook;
  let out: MonthEndOutcome;
  let requests: { method: string; url: string }[] = [];
  const api = () =>
    createApiClient({
      baseUrl: host.baseUrl,
      fetch: (input, init) => {
        requests.push({ method: init?.method ?? 'GET', url: String(input) });
        return fetch(input, init);
      },
    });

  beforeAll(async () => {
    previousIdentity = process.env.SALESDESK_DEV_IDENTITY;
    process.env.SALESDESK_DEV_IDENTITY = 'Sales.Clerk,Finance';
    wb = await loadSample();
  });
  afterAll(() => {
    if (previousIdentity === undefined) delete process.env.SALESDESK_DEV_IDENTITY;
    else process.env.SALESDESK_DEV_IDENTITY = previousIdentity;
  });

  it('a cancel before the run writes nothing', async () => {
    const c = new AbortController();
    const before = (await wb.listSheets()).map((s) => s.name);
    const run = runMonthEnd({
      workbook: wb,
      api: api(),
      month: MONTH,
      ledgers: LEDGERS,
      locale: 'zh-CN',
      signal: c.signal,
      onProgress: (p) => {
        if (p.phase === 'sync' && p.done >= 2) c.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    await expect(run).rejects.toBeInstanceOf(MonthEndError);
    expect((await wb.listSheets()).map((s) => s.name)).toEqual(before);
  });

  it('syncs month by month, runs, and finds exactly the planted differences', async () => {
    requests = [];
    const sources = await sheetText(wb, '发货台账');
    out = await runMonthEnd({
      workbook: wb,
      api: api(),
      month: MONTH,
      ledgers: LEDGERS,
      rates: { USD: '7.10' },
      locale: 'zh-CN',
    });
    // One PUT per ledger month up to M+1, one run: never a request per row.
    const puts = requests.filter((r) => r.method === 'PUT');
    expect(puts.length).toBe(out.synced.reduce((n, s) => n + s.months.length, 0));
    expect(puts.length).toBeLessThanOrEqual(4 * 5);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);

    const truth = expected.monthEnd.perMonth[MONTH];
    if (!truth) throw new Error('no truth');
    const found = out.report.reconciliation.differences
      .map((d) => ({
        class: d.class,
        ledgerRow: d.ledger?.sources[0]?.row ?? null,
        booksRow: d.books?.sources[d.books.sources.length - 1]?.row ?? null,
        differenceFen: fen(d.effect),
      }))
      .sort(
        (a, b) =>
          a.class.localeCompare(b.class) ||
          (a.ledgerRow ?? a.booksRow ?? 0) - (b.ledgerRow ?? b.booksRow ?? 0),
      );
    expect(found).toEqual(
      truth.differences.map(({ class: cls, ledgerRow, booksRow, differenceFen }) => ({
        class: cls,
        ledgerRow,
        booksRow,
        differenceFen,
      })),
    );
    const cny = out.report.reconciliation.totals.find((t) => t.currency === 'CNY');
    expect(cny && fen(cny.difference)).toBe(truth.differenceFen);
    for (const t of out.report.reconciliation.totals) expect(fen(t.remainder)).toBe(0);
    expect(out.report.reconciliation.cny.missingRates).toEqual([]);
    expect(out.report.shippedNotInvoiced.map((s) => [s.deliveryNo, s.days])).toEqual(
      truth.shippedNotInvoiced.map((s) => [s.deliveryNoteNo, s.days]),
    );
    expect(await sheetText(wb, '发货台账')).toBe(sources);
  });

  it('writes the four sheets; the difference links select the source rows', async () => {
    const names = (await wb.listSheets()).map((s) => s.name);
    for (const n of ['对账差异', '发货未开票', '销售跟单月报表', '月末对账汇总']) expect(names).toContain(n);
    const diffs = await wb.readSheet('对账差异');
    const header = diffs.values.findIndex((r) => r[0] === '差异类别');
    expect(header).toBeGreaterThanOrEqual(0);
    const rows = diffs.values.slice(header + 1).filter((r) => r[0] !== '' && r[0] !== undefined);
    expect(rows).toHaveLength(out.report.reconciliation.differences.length);
    // Click each link (the preview follows it as Excel does) and check where it lands.
    const linkCols = [9, 10];
    let followed = 0;
    for (let i = 0; i < rows.length; i++) {
      for (const col of linkCols) {
        const view = wb.cellView('对账差异', header + 1 + i, col);
        if (!view.link) continue;
        await wb.selectCell(view.link.sheet, view.link.address);
        const d = out.report.reconciliation.differences[i];
        const side = col === 9 ? d?.ledger : d?.books;
        const source = side?.sources[side.sources.length - 1];
        expect(view.link).toMatchObject({ sheet: source?.sheet, address: `A${source?.row}` });
        followed++;
      }
    }
    expect(followed).toBeGreaterThanOrEqual(rows.length);
  });

  it('a re-run over the same sheets keeps the report and replaces the sheets', async () => {
    const again = await runMonthEnd({
      workbook: wb,
      api: api(),
      month: MONTH,
      ledgers: LEDGERS,
      rates: { USD: '7.10' },
      locale: 'zh-CN',
    });
    expect(again.created).toBe(false);
    expect(again.report.version).toBe(out.report.version);
    for (const s of again.synced) for (const m of s.months) expect(m.response?.version).toBe(1);
    expect(Object.values(again.sheets).every((s) => s.replacedEarlier)).toBe(true);
    const names = (await wb.listSheets()).map((s) => s.name);
    expect(names.filter((n) => n.startsWith('对账差异'))).toEqual(['对账差异']);
  });
});
