// What SalesDesk hands to `Range.values`. Excel reads a written string like typed input: `001234`
// becomes 1234, `1-2` a date, `TRUE` a boolean and `=…` a formula (a customer name from a sheet
// could carry one). A leading apostrophe makes Excel keep the text as it is (and hides the
// apostrophe), so every non-empty string gets one. Links become HYPERLINK formulas, so a whole
// column of jump links is still one bulk write.
import { sheetPrefix } from './a1';
import { isCellLink, type ResultCell } from './adapter';

/** Excel caps a formula's string literal at 255 characters. */
const LITERAL_MAX = 255;

function formulaText(s: string): string {
  return `"${[...s].slice(0, LITERAL_MAX).join('').replace(/"/g, '""')}"`;
}

/** `=HYPERLINK("#'销售台账'!A12","销售台账!A12")` */
export function hyperlinkFormula(text: string, sheet: string, address: string): string {
  return `=HYPERLINK(${formulaText(`#${sheetPrefix(sheet)}${address}`)},${formulaText(text)})`;
}

export function toExcelInput(cell: ResultCell | undefined): string | number | boolean {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : '';
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'string') return cell === '' ? '' : `'${cell}`;
  if (isCellLink(cell)) return hyperlinkFormula(cell.text, cell.sheet, cell.address);
  return '';
}

/** Reads back a formula made by `hyperlinkFormula`: the link's text and target; null otherwise. */
export function parseHyperlinkFormula(
  formula: string,
): { text: string; sheet: string; address: string } | null {
  const m = /^=HYPERLINK\("#((?:[^"]|"")*)","((?:[^"]|"")*)"\)$/.exec(formula.trim());
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const target = m[1].replace(/""/g, '"');
  const text = m[2].replace(/""/g, '"');
  const bang = target.lastIndexOf('!');
  if (bang < 0) return null;
  let sheet = target.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { text, sheet, address: target.slice(bang + 1) };
}
