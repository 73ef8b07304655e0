// What a column's cells hold, as a second opinion on its header: people head a column of customer
// classes 客户性质 (which also names 新老客户), and number their rows under 序号 / No. / #, which a
// fuzzy header match can take for 审批单号 or 备注. A few cells under the header settle it.
import { isEmptyCell, type SheetGrid } from './grid';
import { toHalfWidth } from './normalise';

/** Customer classes as ledgers write them (the policy's 折扣上限 classes and common variants). */
const CUSTOMER_CLASS_WORDS: ReadonlySet<string> = new Set(
  [
    '经销商',
    '代理商',
    '分销商',
    '终端客户',
    '终端用户',
    '终端',
    '重点客户',
    '大客户',
    '战略客户',
    '集团客户',
    '政府采购',
    '政府',
    '外贸',
    '外贸客户',
    '出口',
    '电商',
    '电商平台',
    '直销',
    '直销客户',
    '工程客户',
    '工程',
    'OEM',
    'distributor',
    'dealer',
    'end user',
    'key account',
    'government',
    'export',
    'e-commerce',
    'ecommerce',
  ].map((w) => w.toLowerCase()),
);

/** Header words for a row number: such a column is never mapped by a fuzzy match. */
export const ROW_NUMBER_KEYS: ReadonlySet<string> = new Set([
  '序号',
  '行号',
  '序',
  'no',
  'nr',
  'sn',
  'sno',
  '',
]);

export interface ColumnContent {
  /** Non-empty cells looked at. */
  sampled: number;
  /** Share of them that are customer classes. */
  customerClasses: number;
  /** Whole numbers each one more than the last (a row number), allowing the odd gap. */
  consecutive: boolean;
}

/** How many data rows under the header are looked at: enough to see a pattern, cheap on 100,000 rows. */
const CONTENT_SAMPLE_ROWS = 60;

const classKey = (v: string): string => toHalfWidth(v).trim().toLowerCase();

/** Profiles grid column `col` over the rows from `from` (grid index), up to CONTENT_SAMPLE_ROWS. */
export function columnContent(grid: SheetGrid, col: number, from: number): ColumnContent {
  let sampled = 0;
  let classes = 0;
  let ints = 0;
  let steps = 0;
  let prev: number | undefined;
  const end = Math.min(grid.values.length, from + CONTENT_SAMPLE_ROWS);
  for (let r = from; r < end; r++) {
    const v = grid.values[r]?.[col];
    if (isEmptyCell(v)) continue;
    sampled++;
    if (typeof v === 'string' && CUSTOMER_CLASS_WORDS.has(classKey(v))) classes++;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    if (Number.isInteger(n)) {
      ints++;
      if (prev !== undefined && n === prev + 1) steps++;
      prev = n;
    }
  }
  return {
    sampled,
    customerClasses: sampled ? classes / sampled : 0,
    consecutive: ints >= 3 && ints >= sampled * 0.8 && steps >= (ints - 1) * 0.8,
  };
}

/** Most of the cells are customer classes. */
export const holdsCustomerClasses = (c: ColumnContent): boolean => c.sampled >= 2 && c.customerClasses >= 0.6;
