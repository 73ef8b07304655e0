// The lines of the pane's problem list after a check (pure): rows that could not be read, cells that
// could not be read on rows still checked, and rows the policy flags, in sheet order.
import { describeProblem } from '../../sheets';
import type { Bilingual } from '../../i18n/locale';
import {
  creditNote,
  explanation,
  type CreditCheck,
  isFlagged,
  sourceLink,
  statusCellText,
  type CheckedRow,
  type PriceCheckLedger,
} from '../../priceCheck';
import type { ListedProblem } from '../common/ProblemList';
import { priceCheckStrings } from './strings';

function both(make: (l: 'zh-CN' | 'en-US') => string): Bilingual {
  return { 'zh-CN': make('zh-CN'), 'en-US': make('en-US') };
}

function fillIn(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function paneProblems(ledger: PriceCheckLedger, rows: readonly CheckedRow[]): ListedProblem[] {
  const out: ListedProblem[] = [];
  for (const row of rows) {
    const { sheetRow, problems } = row.entry;
    if (row.status === 'unreadable') {
      const link = sourceLink(ledger, row, 'zh-CN');
      out.push({
        key: `u${sheetRow}`,
        sheet: link.sheet,
        address: link.address,
        row: sheetRow,
        text: both((l) =>
          fillIn(priceCheckStrings.unreadableLine[l], {
            sheet: ledger.sheet,
            row: sheetRow,
            problem: problems.map((p) => describeProblem(p)[l]).join(l === 'zh-CN' ? '；' : '; '),
          }),
        ),
      });
      continue;
    }
    for (const p of problems)
      out.push({
        key: `p${p.cell}`,
        sheet: p.sheet,
        address: p.cell,
        row: sheetRow,
        text: both((l) => fillIn(priceCheckStrings.readProblemLine[l], { problem: describeProblem(p)[l] })),
      });
    if (isFlagged(row.status)) {
      const link = sourceLink(ledger, row, 'zh-CN');
      out.push({
        key: `f${sheetRow}`,
        sheet: link.sheet,
        address: link.address,
        row: sheetRow,
        text: both((l) =>
          fillIn(priceCheckStrings.flaggedLine[l], {
            sheet: ledger.sheet,
            row: sheetRow,
            cell: link.address,
            status: statusCellText(l, row),
            message: explanation(l, row),
          }),
        ),
      });
    }
  }
  return out;
}

/**
 * The 信用预警 list: one line per row whose customer the month-end report flags, apart from the price
 * problems (a warning, not a row to look at for its price).
 */
export function paneCreditNotes(
  ledger: PriceCheckLedger,
  rows: readonly CheckedRow[],
  credit: CreditCheck,
): ListedProblem[] {
  if (credit.kind !== 'checked') return [];
  return [...credit.marks]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([k, flags]) => {
      const row = rows[k];
      if (!row) return [];
      const link = sourceLink(ledger, row, 'zh-CN');
      const sheetRow = row.entry.sheetRow;
      return [
        {
          key: `c${sheetRow}`,
          sheet: link.sheet,
          address: link.address,
          row: sheetRow,
          text: both((l) =>
            fillIn(priceCheckStrings.creditLine[l], {
              sheet: ledger.sheet,
              row: sheetRow,
              customer: row.entry.values.customer ?? '',
              note: creditNote(l, flags, credit.month),
            }),
          ),
        },
      ];
    });
}
