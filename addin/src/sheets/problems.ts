// A cell SalesDesk could not read, said so a person can go and fix it: which sheet, row, column,
// what was there and what should be.
import { cellAddress, columnLetter, sheetColOf, sheetRowOf, type Bilingual, type SheetGrid } from './grid';
import type { CellProblem, ProblemReason } from './normalise';

export interface SheetProblem {
  sheet: string;
  /** Excel row number (1-based). */
  row: number;
  /** Column letter, e.g. `K`. */
  column: string;
  /** `K12`, for jumping to the cell. */
  cell: string;
  /** The column's header as it stands in the sheet. */
  header: string;
  /** Field name in code, e.g. `unitPrice`. */
  field: string;
  fieldLabel: Bilingual;
  found: string;
  expected: Bilingual;
  reason: ProblemReason;
  detail?: Bilingual;
}

export function sheetProblem(
  grid: SheetGrid,
  gridRow: number,
  gridCol: number,
  where: { header: string; field: string; fieldLabel: Bilingual },
  p: CellProblem,
): SheetProblem {
  const row0 = sheetRowOf(grid, gridRow);
  const col0 = sheetColOf(grid, gridCol);
  const out: SheetProblem = {
    sheet: grid.name,
    row: row0 + 1,
    column: columnLetter(col0),
    cell: cellAddress(row0, col0),
    header: where.header,
    field: where.field,
    fieldLabel: where.fieldLabel,
    found: p.found,
    expected: p.expected,
    reason: p.reason,
  };
  if (p.detail) out.detail = p.detail;
  return out;
}

const REASON_TEXT: Record<ProblemReason, Bilingual> = {
  missing: { 'zh-CN': '缺少内容', 'en-US': 'missing' },
  'formula error': { 'zh-CN': '公式错误', 'en-US': 'formula error' },
  'not a number': { 'zh-CN': '不是数字', 'en-US': 'not a number' },
  'too large': { 'zh-CN': '数值太大', 'en-US': 'too large' },
  'too precise': { 'zh-CN': '精度太高', 'en-US': 'too precise' },
  'not a date': { 'zh-CN': '不是日期', 'en-US': 'not a date' },
  'no such date': { 'zh-CN': '日期不存在', 'en-US': 'no such date' },
  'year unknown': { 'zh-CN': '缺少年份', 'en-US': 'year unknown' },
  'out of range': { 'zh-CN': '超出范围', 'en-US': 'out of range' },
  'not yes/no': { 'zh-CN': '不是“是/否”', 'en-US': 'not yes/no' },
  'unknown currency': { 'zh-CN': '不认识的币种', 'en-US': 'unknown currency' },
  'currency mismatch': { 'zh-CN': '币种与单价不符', 'en-US': 'currency does not match the price' },
};

/** One line for a message bar: `销售台账 K12（单价）：找到“abc”，应为 金额，如 …`. */
export function describeProblem(p: SheetProblem): Bilingual {
  const reason = REASON_TEXT[p.reason];
  const zhFound = p.found === '' ? '空白' : `“${p.found}”`;
  const enFound = p.found === '' ? 'an empty cell' : `"${p.found}"`;
  const zhDetail = p.detail ? `（${p.detail['zh-CN']}）` : '';
  const enDetail = p.detail ? ` (${p.detail['en-US']})` : '';
  return {
    'zh-CN': `${p.sheet} ${p.cell}（${p.header || p.fieldLabel['zh-CN']}）：${reason['zh-CN']}${zhDetail}，找到 ${zhFound}，应为${p.expected['zh-CN']}`,
    'en-US': `${p.sheet} ${p.cell} (${p.header || p.fieldLabel['en-US']}): ${reason['en-US']}${enDetail}; found ${enFound}, expected ${p.expected['en-US']}`,
  };
}
