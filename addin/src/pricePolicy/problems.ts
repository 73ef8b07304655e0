// Problems found on the policy sheet, each at its cell and said with the cell, its header, what was
// found and what was expected.
import { cellAddress, columnLetter, describeProblem, foundText, type SheetProblem } from '../sheets';
import type { Bilingual } from '../i18n/locale';
import type { PolicyCell, PolicySheetCode, PolicySheetProblem } from './types';
import { bilingual as bi } from '../../../functions/src/contract/text';

export { bi };

/** `价格政策 F12（最低限价）：…` */
export function at(sheet: string, cell: PolicyCell | null, header: string, text: Bilingual): Bilingual {
  if (!cell) return bi(`${sheet}：${text['zh-CN']}`, `${sheet}: ${text['en-US']}`);
  const zhHeader = header ? `（${header}）` : '';
  const enHeader = header ? ` (${header})` : '';
  return bi(
    `${sheet} ${cell.cell}${zhHeader}：${text['zh-CN']}`,
    `${sheet} ${cell.cell}${enHeader}: ${text['en-US']}`,
  );
}

export const rowList = (rows: readonly number[]): Bilingual =>
  bi(rows.map((r) => `第 ${r} 行`).join('、'), `row${rows.length > 1 ? 's' : ''} ${rows.join(', ')}`);

export class Problems {
  readonly list: PolicySheetProblem[] = [];
  constructor(readonly sheet: string) {}

  add(
    code: PolicySheetProblem['code'],
    severity: PolicySheetProblem['severity'],
    cell: PolicyCell | null,
    message: Bilingual,
    origin: PolicySheetProblem['origin'] = 'sheet',
    also: PolicyCell[] = [],
  ): void {
    this.list.push({
      code,
      severity,
      sheet: this.sheet,
      row: cell?.row ?? null,
      column: cell?.column ?? null,
      cell: cell?.cell ?? null,
      also,
      message,
      origin,
    });
  }

  /** A problem at a cell, said with its header: `价格政策 C56（产品范围）：…`. */
  atCell(
    code: PolicySheetCode,
    cell: PolicyCell | null,
    header: string,
    text: Bilingual,
    severity: PolicySheetProblem['severity'] = 'error',
  ): void {
    this.add(code, severity, cell, at(this.sheet, cell, header, text));
  }

  /** A cell the sheet reader could not read. */
  unreadable(p: SheetProblem): void {
    this.add(
      'unreadable_cell',
      'error',
      { sheet: p.sheet, row: p.row, column: p.column, cell: p.cell },
      describeProblem(p),
    );
  }
}

export function cellOf(sheet: string, excelRow: number, col: number): PolicyCell {
  return { sheet, row: excelRow, column: columnLetter(col), cell: cellAddress(excelRow - 1, col) };
}

/** What a found / expected pair reads like in a message. */
export function foundExpected(value: unknown, expected: Bilingual): Bilingual {
  const found = foundText(value);
  return bi(
    `找到 ${found === '' ? '空白' : `“${found}”`}，应为${expected['zh-CN']}`,
    `found ${found === '' ? 'an empty cell' : `"${found}"`}, expected ${expected['en-US']}`,
  );
}
