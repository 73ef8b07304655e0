/**
 * The sample's 期初余额 sheet read into the API's `openings` rows, for the seed and the receivables
 * integration test. A stop-gap: the pane's own reader (ledger kind `openings` in
 * addin/src/monthEnd/ledgerRows.ts, branch stmts) replaces it once it is on main. Same rules as the
 * pane's ledgers: header found by its words, 合计 rows skipped, a bad row named and left out.
 */
import type { OpeningRow } from '../functions/src/contract/monthEnd';
import { minorToDecimal } from '../addin/src/monthEnd/ledgerRows';
import { readCurrency, readDate, readMoneyFen, readText, type SheetGrid } from '../addin/src/sheets';

const HEADERS = {
  customer: ['客户名称', '客户', '单位名称'],
  currency: ['币种', '币别', '货币'],
  amount: ['期初余额', '期初应收', '年初余额'],
  date: ['截至日期', '截止日期', '日期', '余额日期'],
  rep: ['业务员', '销售员'],
  region: ['片区', '区域', '销售区域'],
  note: ['备注'],
} as const;
type Field = keyof typeof HEADERS;

export interface OpeningsRead {
  rows: OpeningRow[];
  /** `期初余额 第5行 期初余额：…` — one line per row left out. */
  problems: string[];
}

export function readOpeningsSheet(grid: SheetGrid): OpeningsRead {
  const start = grid.startRow ?? 0;
  const cellText = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  const headerIndex = grid.values.findIndex((row) => {
    const texts = row.map(cellText);
    return HEADERS.customer.some((h) => texts.includes(h)) && HEADERS.amount.some((h) => texts.includes(h));
  });
  if (headerIndex < 0) return { rows: [], problems: [`${grid.name}: 找不到表头 / no header row`] };
  const header = (grid.values[headerIndex] ?? []).map(cellText);
  const col = {} as Record<Field, number>;
  for (const field of Object.keys(HEADERS) as Field[])
    col[field] = header.findIndex((h) => (HEADERS[field] as readonly string[]).includes(h));
  const rows: OpeningRow[] = [];
  const problems: string[] = [];
  for (let i = headerIndex + 1; i < grid.values.length; i++) {
    const cells = grid.values[i] ?? [];
    const at = (f: Field): unknown => (col[f] >= 0 ? cells[col[f]] : null);
    const customer = readText(at('customer'));
    if (!customer.ok || customer.value === null) continue; // blank row
    if (/^(合计|小计|总计)/.test(customer.value)) continue;
    const sheetRow = start + i + 1;
    const amount = readMoneyFen(at('amount'));
    const date = readDate(at('date'));
    const currency = at('currency') === null || at('currency') === '' ? null : readCurrency(at('currency'));
    const bad =
      !amount.ok || amount.value === null ? '期初余额' : !date.ok || date.value === null ? '截至日期' : null;
    const code = currency === null ? 'CNY' : currency.ok ? currency.value : null;
    if (bad || (code !== 'CNY' && code !== 'USD')) {
      problems.push(`${grid.name} 第${sheetRow}行 ${bad ?? '币种'}：读不出 / row ${sheetRow}: unreadable`);
      continue;
    }
    const text = (f: Field): string | null => {
      const r = readText(at(f));
      return r.ok ? r.value : null;
    };
    rows.push({
      customer: customer.value,
      currency: code,
      amount: minorToDecimal(amount.ok ? (amount.value ?? 0) : 0),
      date: date.ok ? (date.value ?? '') : '',
      rep: text('rep'),
      region: text('region'),
      note: text('note'),
      source: { sheet: grid.name, row: sheetRow },
    });
  }
  return { rows, problems };
}
