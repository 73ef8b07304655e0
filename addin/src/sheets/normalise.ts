// Cell normalisers: one cell as people type it → a typed value, or a problem a person can act on.
// They never throw on content. Money is exact integer fen, percentages exact basis points: text is
// read as a decimal string and scaled by moving the decimal point, never by float multiplication.
import type { Bilingual, SheetGrid } from './grid';
import { bilingual as bi } from '../../../functions/src/contract/text';

export type ProblemReason =
  | 'missing'
  | 'formula error'
  | 'not a number'
  | 'too large'
  | 'too precise'
  | 'not a date'
  | 'no such date'
  | 'year unknown'
  | 'out of range'
  | 'not yes/no'
  | 'unknown currency'
  | 'currency mismatch';

export interface CellProblem {
  ok: false;
  /** The cell as found, for the message ('' when empty). */
  found: string;
  /** What the cell should hold. */
  expected: Bilingual;
  reason: ProblemReason;
  /** Why this value in particular is wrong, when there is more to say than `expected`. */
  detail?: Bilingual;
}

export type Normalised<T> = { ok: true; value: T } | CellProblem;

export interface ReadOptions {
  /** An empty cell is a problem ('missing') instead of `null`. */
  required?: boolean;
}

export const EXPECTED = {
  number: bi('数字，如 1200、1,200.50、１２００、1.2万', 'a number, e.g. 1200, 1,200.50, 1.2万 (= 12,000)'),
  money: bi('金额，如 1200、¥1,200.50、1.2万元', 'an amount, e.g. 1200, ¥1,200.50, 1.2万元 (= 12,000)'),
  percent: bi('百分比，如 15%、0.15', 'a percentage, e.g. 15% or 0.15'),
  date: bi(
    '日期，如 2026-03-05、2026/3/5、2026年3月5日、26-3-5、Mar 5, 2026',
    'a date, e.g. 2026-03-05, 2026/3/5, 2026年3月5日, 26-3-5, Mar 5, 2026',
  ),
  text: bi('文字', 'text'),
  yesNo: bi('是/否（或 Y/N）', 'yes/no (是/否, Y/N, TRUE/FALSE)'),
  newCustomer: bi('新客户/老客户（或 是/否）', 'new/old customer (新客户/老客户, or 是/否)'),
  currency: bi('币种，如 人民币、CNY、美元、USD', 'a currency, e.g. 人民币, CNY, 美元, USD'),
} as const;

const DETAIL_MISSING = bi('必填，但单元格是空的', 'required, but the cell is empty');
const DETAIL_TOO_LARGE = bi('数值太大，无法精确到分', 'too large to keep exact');
const DETAIL_PERCENT_PRECISION = bi(
  '百分比最多精确到 0.01%（如 2.25%），不会替您四舍五入',
  'a percentage is kept to 0.01% (e.g. 2.25%) and is not rounded for you',
);
const DETAIL_YEAR_UNKNOWN = bi(
  '没有年份，表格标题中也找不到年份',
  'no year given, and none found in the sheet title',
);

// ---------------------------------------------------------------------------------------------
// Characters

const WIDE_RE = /[\uFF01-\uFF5E\u3000\u00A0\uFFE5\u2212\u200B\uFEFF]/;

/** Full-width ASCII (`１２００．５０`, `ＱＪ`, `，`, `－`) → half-width; U+3000 and NBSP → space. */
export function toHalfWidth(s: string): string {
  if (!WIDE_RE.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0xa0) out += ' ';
    else if (c === 0xffe5) out += '¥';
    else if (c === 0x2212) out += '-';
    else if (c === 0x200b || c === 0xfeff)
      continue; // zero-width: pasted from the web, never meant
    else out += s.charAt(i);
  }
  return out;
}

const FORMULA_ERRORS = new Set([
  '#N/A',
  '#VALUE!',
  '#REF!',
  '#DIV/0!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#BUSY!',
  '#GETTING_DATA',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#UNKNOWN!',
  '#EXTERNAL!',
  '#PYTHON!',
  '#TIMEOUT!',
]);

/** True for the error values Excel shows in a cell (`#N/A`, `#DIV/0!` …). */
export function isFormulaError(v: unknown): boolean {
  return (
    typeof v === 'string' && v.charCodeAt(0) === 35 /* # */ && FORMULA_ERRORS.has(v.trim().toUpperCase())
  );
}

/** The cell as a person would see it in a message. */
export function foundText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v);
}

function problem(v: unknown, expected: Bilingual, reason: ProblemReason, detail?: Bilingual): CellProblem {
  return detail
    ? { ok: false, found: foundText(v), expected, reason, detail }
    : { ok: false, found: foundText(v), expected, reason };
}

function empty(v: unknown, expected: Bilingual, opts: ReadOptions | undefined): Normalised<null> {
  return opts?.required ? problem(v, expected, 'missing', DETAIL_MISSING) : { ok: true, value: null };
}

/** The shared start of every reader: empty → null (or 'missing'), formula error → problem. */
function preflight(
  v: unknown,
  expected: Bilingual,
  opts: ReadOptions | undefined,
): Normalised<null> | undefined {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === ''))
    return empty(v, expected, opts);
  if (isFormulaError(v)) {
    const found = foundText(v).trim();
    return problem(v, expected, 'formula error', bi(`公式错误 ${found}`, `formula error ${found}`));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Decimals: value = ±digits × 10^exp, kept as text so scaling is exact.

export interface Decimal {
  negative: boolean;
  /** Without leading zeros; '0' for zero. */
  digits: string;
  exp: number;
  /** The text carried its own unit (万, 元, %, ‰): a column's unit does not apply then. */
  ownUnit: boolean;
  percent: boolean;
  /** The currency the text states (`€1,200` → EUR), as an ISO code. */
  currency?: string;
}

const NUMBER_RE =
  /^([+-])?(¥|US\$|HK\$|\$|€|£|USD|RMB|CNY|EUR|GBP|HKD|JPY|人民币|欧元|英镑|港币|日元)?([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?(?:e([+-]?\d{1,3}))?(万元|万|亿元|亿|元|美元|%|‰)?(USD|RMB|CNY|EUR|GBP|HKD|JPY|欧元|英镑|港币|日元)?$/i;
/** What a currency sign or word in a number means (ISO code). */
const NUMBER_CURRENCY: Record<string, string> = {
  '¥': 'CNY',
  RMB: 'CNY',
  CNY: 'CNY',
  人民币: 'CNY',
  元: 'CNY',
  US$: 'USD',
  $: 'USD',
  USD: 'USD',
  美元: 'USD',
  HK$: 'HKD',
  HKD: 'HKD',
  港币: 'HKD',
  '€': 'EUR',
  EUR: 'EUR',
  欧元: 'EUR',
  '£': 'GBP',
  GBP: 'GBP',
  英镑: 'GBP',
  JPY: 'JPY',
  日元: 'JPY',
};
/** The currencies the price policy keeps prices in (指导价 in 元, 美元指导价). */
const PRICED_CURRENCIES: ReadonlySet<string> = new Set(['CNY', 'USD']);
const CURRENCY_NAMES: Record<string, Bilingual> = {
  CNY: bi('人民币', 'CNY'),
  USD: bi('美元', 'US dollars'),
  EUR: bi('欧元', 'euros'),
  GBP: bi('英镑', 'pounds sterling'),
  HKD: bi('港币', 'Hong Kong dollars'),
  JPY: bi('日元', 'yen'),
};
const COUNT_UNIT_RE = /(?:台|套|件|个|只|支|根|组|pcs|pc|sets?|units?)$/i;
/** A price per piece: `1200元/台`, `$85/set`. */
const PER_UNIT_RE = /(?:\/|每)(?:台|套|件|个|只|支|根|组|pcs|pc|sets?|units?)$/i;
const PARENS_RE = /^\((.*)\)$/;
const INNER_SPACE_RE = /\s+/g;
/** A lone dash or slash is how ledgers say "nothing here". */
const PLACEHOLDER_RE = /^(?:-+|—+|–+|\/)$/;
const JS_NUMBER_RE = /^(-)?(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

const UNIT_EXP: Record<string, number> = { 万元: 4, 万: 4, 亿元: 8, 亿: 8, 元: 0, 美元: 0, '%': -2, '‰': -3 };

function makeDecimal(
  negative: boolean,
  intPart: string,
  frac: string,
  exp: number,
  unit: string | undefined,
): Decimal {
  let digits = (intPart + frac).replace(/^0+/, '');
  if (digits === '') digits = '0';
  return {
    negative: negative && digits !== '0',
    digits,
    exp: exp - frac.length + (unit ? (UNIT_EXP[unit] ?? 0) : 0),
    ownUnit: unit !== undefined,
    percent: unit === '%' || unit === '‰',
  };
}

/**
 * Text or a JS number → an exact decimal; `null` when it is no number at all.
 * Text may carry ¥/$/元, thousands separators, full-width digits, 万/亿, %/‰, (1,200) for negative.
 */
export function parseDecimal(v: unknown, opts?: { countUnits?: boolean; perUnit?: boolean }): Decimal | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    // String(n) is the shortest text that reads back as n: 1.005 stays "1.005", not 1.00499…
    const m = JS_NUMBER_RE.exec(String(v));
    if (!m) return null;
    return makeDecimal(m[1] === '-', m[2] ?? '', m[3] ?? '', Number(m[4] ?? 0), undefined);
  }
  if (typeof v !== 'string') return null;
  let s = toHalfWidth(v).trim().replace(INNER_SPACE_RE, '');
  let negative = false;
  const parens = PARENS_RE.exec(s);
  if (parens) {
    negative = true;
    s = parens[1] ?? '';
  }
  if (opts?.countUnits) s = s.replace(COUNT_UNIT_RE, '');
  if (opts?.perUnit) s = s.replace(PER_UNIT_RE, '');
  const m = NUMBER_RE.exec(s);
  if (!m) return null;
  const [, sign1, sign, sign2, intRaw, frac, e, unit, suffix] = m;
  if (sign1 && sign2) return null;
  if (!intRaw && !frac) return null;
  if (negative && (sign1 || sign2)) return null;
  if (sign && suffix) return null;
  const d = makeDecimal(
    negative || (sign1 ?? sign2) === '-',
    (intRaw ?? '').replace(/,/g, ''),
    frac ?? '',
    Number(e ?? 0),
    unit,
  );
  const named = sign ?? suffix ?? (unit === '美元' ? unit : undefined);
  if (named) d.currency = NUMBER_CURRENCY[named.toUpperCase()] ?? NUMBER_CURRENCY[named];
  return d;
}

/** The decimal as the nearest JS number (one rounding, from the decimal text). */
export function decimalToNumber(d: Decimal): number {
  return Number(`${d.negative ? '-' : ''}${d.digits}e${d.exp}`);
}

/**
 * The decimal × 10^scale as an integer, rounded half away from zero; null when beyond 2^53.
 * decimalToScaled(1.005, 2) = 101 (fen), where Math.round(1.005 * 100) = 100.
 */
export function decimalToScaled(d: Decimal, scale: number): number | null {
  const e = d.exp + scale;
  let intStr: string;
  let roundUp = false;
  if (d.digits === '0') intStr = '0';
  else if (e >= 0) {
    if (d.digits.length + e > 16) return null;
    intStr = d.digits + '0'.repeat(e);
  } else {
    const cut = d.digits.length + e;
    intStr = cut > 0 ? d.digits.slice(0, cut) : '0';
    roundUp = cut >= 0 && d.digits.charAt(cut) >= '5';
  }
  const n = Number(intStr) + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(n)) return null;
  return d.negative && n !== 0 ? -n : n;
}

function isPlaceholder(v: unknown): boolean {
  return typeof v === 'string' && PLACEHOLDER_RE.test(v.trim());
}

// ---------------------------------------------------------------------------------------------
// Numbers, money, percentages

export interface NumberOptions extends ReadOptions {
  /** Accept a trailing count unit: `10台`, `5套`, `3 pcs` (quantities). */
  countUnits?: boolean;
}

/** A plain number: 1,200.50 → 1200.5; 1.2万 → 12000; 15% → 0.15; (1,200) → -1200. */
export function readNumber(v: unknown, opts?: NumberOptions): Normalised<number | null> {
  if (typeof v === 'number')
    return Number.isFinite(v) ? { ok: true, value: v } : problem(v, EXPECTED.number, 'not a number');
  const pre = preflight(v, EXPECTED.number, opts);
  if (pre) return pre;
  if (typeof v === 'boolean') return problem(v, EXPECTED.number, 'not a number');
  if (isPlaceholder(v)) return empty(v, EXPECTED.number, opts);
  const d = parseDecimal(v, opts);
  if (!d) return problem(v, EXPECTED.number, 'not a number');
  return { ok: true, value: decimalToNumber(d) };
}

export type MoneyUnit = '元' | '万元';
const PER_UNIT = { perUnit: true };

export interface MoneyOptions extends ReadOptions {
  /** The column's unit (from its header or the sheet title); a unit in the cell itself wins. */
  unit?: MoneyUnit;
}

/** An amount in integer fen: '¥1,200.50' → 120050; '1.2万' → 1200000; 1.005 → 101. */
export function readMoneyFen(v: unknown, opts?: MoneyOptions): Normalised<number | null> {
  // Whole yuan as a JS number: exact in fen without any text round trip.
  if (typeof v === 'number' && Number.isSafeInteger(v) && Math.abs(v) < 9e12 && opts?.unit !== '万元') {
    return { ok: true, value: v === 0 ? 0 : v * 100 };
  }
  const pre = preflight(v, EXPECTED.money, opts);
  if (pre) return pre;
  if (typeof v === 'boolean') return problem(v, EXPECTED.money, 'not a number');
  if (isPlaceholder(v)) return empty(v, EXPECTED.money, opts);
  const d = parseDecimal(v, PER_UNIT);
  if (!d || d.percent) return problem(v, EXPECTED.money, 'not a number');
  if (d.currency && !PRICED_CURRENCIES.has(d.currency)) {
    const name = CURRENCY_NAMES[d.currency] ?? bi(d.currency, d.currency);
    return problem(
      v,
      EXPECTED.money,
      'unknown currency',
      bi(
        `金额是${name['zh-CN']}（${d.currency}），价格政策只有人民币（CNY）和美元（USD）价格`,
        `the amount is in ${name['en-US']} (${d.currency}); the price policy has prices in CNY and USD only`,
      ),
    );
  }
  const unitExp = !d.ownUnit && opts?.unit === '万元' ? 4 : 0;
  const fen = decimalToScaled(d, 2 + unitExp);
  if (fen === null) return problem(v, EXPECTED.money, 'too large', DETAIL_TOO_LARGE);
  return { ok: true, value: fen };
}

/** A text with nothing but digits, signs, separators and units states no currency (most price cells). */
const NO_CURRENCY_RE = /^[\d\s.,+\-()（）万亿%‰０-９．，]*元?$/;

/**
 * The currency a price's own text states (`US$2,710` → USD, `¥1,200` → CNY, `2,710美元` → USD); null
 * for a number or a text that states none (`1.2万`, `1200元` is yuan only by habit, not a sign).
 */
function statedCurrency(v: unknown): string | null {
  if (typeof v !== 'string' || NO_CURRENCY_RE.test(v)) return null;
  return parseDecimal(v, PER_UNIT)?.currency ?? null;
}

export type LineCurrency = { ok: true; value: string | null } | { ok: false; stated: string; given: string };

/**
 * A line's currency: its 币种, else what its price states (`$2,710` in a ledger without 币种 is
 * dollars, never yuan). A 币种 that disagrees with the price's sign is no guess to make either way.
 */
export function lineCurrency(priceCell: unknown, currency: string | null): LineCurrency {
  const stated = statedCurrency(priceCell);
  if (stated === null || currency === stated) return { ok: true, value: currency };
  if (currency === null) return { ok: true, value: stated };
  return { ok: false, stated, given: currency };
}

/** `单价写的是美元（US$2,710），币种写的是人民币（CNY）`: the two sides of a currency mismatch. */
export function currencyMismatchText(priceText: string, stated: string, given: string): Bilingual {
  const s = CURRENCY_NAMES[stated] ?? bi(stated, stated);
  const g = CURRENCY_NAMES[given] ?? bi(given, given);
  return bi(
    `单价“${priceText}”是${s['zh-CN']}（${stated}），币种却是${g['zh-CN']}（${given}）`,
    `the unit price "${priceText}" is in ${s['en-US']} (${stated}) but the currency says ${g['en-US']} (${given})`,
  );
}

/** What a 币种 cell that disagrees with its price should hold. */
export function expectedCurrencyText(stated: string): Bilingual {
  const s = CURRENCY_NAMES[stated] ?? bi(stated, stated);
  return bi(
    `与单价一致的币种（${s['zh-CN']} ${stated}），或改正单价的货币符号`,
    `the price's currency (${stated}), or the price's currency sign corrected`,
  );
}

export interface PercentOptions extends ReadOptions {
  /** The cell's number format: a '%' in it says a JS number is already a fraction. */
  numberFormat?: string;
}

/**
 * A percentage as a decimal fraction: '15%' → 0.15, 0.15 → 0.15. A bare number above 1 with no
 * '%' format (typed 15 in a 折扣上限 column) is read as percent points: 15 → 0.15.
 */
function readPercentDecimal(v: unknown, opts: PercentOptions | undefined): Normalised<Decimal | null> {
  const pre = preflight(v, EXPECTED.percent, opts);
  if (pre) return pre;
  if (typeof v === 'boolean') return problem(v, EXPECTED.percent, 'not a number');
  if (isPlaceholder(v)) return empty(v, EXPECTED.percent, opts);
  const d = parseDecimal(v);
  if (!d || (d.ownUnit && !d.percent)) return problem(v, EXPECTED.percent, 'not a number');
  const formattedAsPercent = typeof v === 'number' && (opts?.numberFormat ?? '').includes('%');
  if (!d.percent && !formattedAsPercent && Math.abs(decimalToNumber(d)) > 1)
    return { ok: true, value: { ...d, exp: d.exp - 2 } };
  return { ok: true, value: d };
}

/** A percentage as a fraction: '15%' → 0.15. */
export function readPercent(v: unknown, opts?: PercentOptions): Normalised<number | null> {
  const r = readPercentDecimal(v, opts);
  if (!r.ok || r.value === null) return r as Normalised<null>;
  return { ok: true, value: decimalToNumber(r.value) };
}

/** A percentage in integer basis points (1% = 100): '15%' → 1500, '12.5%' → 1250, 0.13 → 1300. */
export function readPercentBp(v: unknown, opts?: PercentOptions): Normalised<number | null> {
  const r = readPercentDecimal(v, opts);
  if (!r.ok || r.value === null) return r as Normalised<null>;
  const bp = decimalToScaled(r.value, 4);
  if (bp === null) return problem(v, EXPECTED.percent, 'too large', DETAIL_TOO_LARGE);
  // 0.125% would silently become 0.13%: name it. Digits past the 10th place are a float's noise
  // (0.1 + 0.2 from a formula), not the user's precision.
  const fine = decimalToScaled(r.value, 10);
  if (fine !== null && fine !== bp * 1_000_000)
    return problem(v, EXPECTED.percent, 'too precise', DETAIL_PERCENT_PRECISION);
  return { ok: true, value: bp };
}

// ---------------------------------------------------------------------------------------------
// Dates

export interface DateOptions extends ReadOptions {
  /** The year for `3月5日` and `3/5` (from the sheet title or the settings). */
  defaultYear?: number | null;
  /** Dates outside these years are a problem (a quantity typed into the date column). */
  minYear?: number;
  maxYear?: number;
}

const DATE_YMD_RE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_MD_RE = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
/** `26-3-6`, `26/03/06`: a two-digit year first, as Chinese dates are ordered. */
const DATE_YY_RE = /^(\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/;
/** `Mar 9, 2026`, `March 9th 2026`. */
const DATE_MON_D_Y_RE = /^([A-Za-z]{3,9})\.?\s*(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})$/;
/** `12-Mar-2026`, `9 March 2026`, `12-Mar-26`. */
const DATE_D_MON_Y_RE = /^(\d{1,2})[-\s/.]*([A-Za-z]{3,9})\.?[-\s/.,]*(\d{4}|\d{2})$/;
const MONTH_NUMBERS = new Map<string, number>(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [
    m,
    i + 1,
  ]),
);
const LONG_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** `Mar`, `March`, `Sept` → 3, 3, 9; null for anything else. */
function monthNumber(name: string): number | null {
  const n = name.toLowerCase();
  const short = MONTH_NUMBERS.get(n.slice(0, 3));
  if (short === undefined) return null;
  if (n.length === 3 || (n === 'sept' && short === 9)) return short;
  return LONG_MONTHS[short - 1] === n ? short : null;
}

/** A two-digit year: 00–69 → 2000s, 70–99 → 1900s (as Excel reads them). */
const fullYear = (yy: string): number => {
  const n = Number(yy);
  return yy.length === 4 ? n : n < 70 ? 2000 + n : 1900 + n;
};
const SERIAL_TEXT_RE = /^\d{5}(?:\.\d+)?$/;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 → [y, m, d] (proleptic Gregorian, no time zones involved). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const MAX_SERIAL = 2958465; // 9999-12-31

/**
 * Excel 1900-system serial → YYYY-MM-DD. Excel counts a 29 Feb 1900 that never was (serial 60),
 * so serials up to 59 count from 1899-12-31 and serials from 61 on from 1899-12-30.
 */
export function excelSerialToIso(serial: number): string | null {
  const s = Math.floor(serial);
  if (!Number.isFinite(serial) || s < 1 || s > MAX_SERIAL || s === 60) return null;
  const days = s < 60 ? s - 25568 : s - 25569;
  const [y, m, d] = civilFromDays(days);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function ymd(v: unknown, y: number, m: number, d: number, opts: DateOptions | undefined): Normalised<string> {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    const detail =
      m < 1 || m > 12
        ? bi(`没有 ${m} 月`, `there is no month ${m}`)
        : bi(`${y}年${m}月没有${d}日`, `${y}-${pad2(m)} has no day ${d}`);
    return problem(v, EXPECTED.date, 'no such date', detail);
  }
  return inYears(v, y, `${y}-${pad2(m)}-${pad2(d)}`, opts);
}

function inYears(v: unknown, y: number, iso: string, opts: DateOptions | undefined): Normalised<string> {
  const min = opts?.minYear ?? -Infinity;
  const max = opts?.maxYear ?? Infinity;
  if (y < min || y > max) {
    return problem(
      v,
      EXPECTED.date,
      'out of range',
      bi(`${iso} 不在 ${min}–${max} 年之间`, `${iso} is outside the years ${min}–${max}`),
    );
  }
  return { ok: true, value: iso };
}

function fromSerial(v: unknown, serial: number, opts: DateOptions | undefined): Normalised<string> {
  const iso = excelSerialToIso(serial);
  if (iso === null) {
    const detail =
      Math.floor(serial) === 60
        ? bi(
            '1900-02-29 不存在（Excel 的 1900 闰年错误）',
            '1900-02-29 never existed (Excel’s 1900 leap-year bug)',
          )
        : undefined;
    return problem(v, EXPECTED.date, Math.floor(serial) === 60 ? 'no such date' : 'not a date', detail);
  }
  return inYears(v, Number(iso.slice(0, 4)), iso, opts);
}

/**
 * A date → YYYY-MM-DD. Accepts Excel serials (also fractional), 20260305, and text
 * 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 3月5日 and 3/5 (with `defaultYear`), full-width too.
 */
export function readDate(v: unknown, opts?: DateOptions): Normalised<string | null> {
  const pre = preflight(v, EXPECTED.date, opts);
  if (pre) return pre;
  if (v instanceof Date) {
    // A Date from a file reader (exceljs) carries the cell's calendar date in UTC.
    if (Number.isNaN(v.getTime())) return problem(v, EXPECTED.date, 'not a date');
    return ymd(v, v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate(), opts);
  }
  if (typeof v === 'number') {
    if (v >= 19000101 && v <= 99991231 && Number.isInteger(v)) {
      return ymd(v, Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100, opts);
    }
    return fromSerial(v, v, opts);
  }
  if (typeof v !== 'string') return problem(v, EXPECTED.date, 'not a date');
  if (isPlaceholder(v)) return empty(v, EXPECTED.date, opts);
  const s = toHalfWidth(v).trim();
  let m = DATE_YMD_RE.exec(s) ?? DATE_COMPACT_RE.exec(s);
  if (m) return ymd(v, Number(m[1]), Number(m[2]), Number(m[3]), opts);
  m = DATE_MD_RE.exec(s);
  if (m) {
    const year = opts?.defaultYear;
    if (year === undefined || year === null)
      return problem(v, EXPECTED.date, 'year unknown', DETAIL_YEAR_UNKNOWN);
    return ymd(v, year, Number(m[1]), Number(m[2]), opts);
  }
  if (SERIAL_TEXT_RE.test(s)) return fromSerial(v, Number(s), opts);
  m = DATE_YY_RE.exec(s);
  if (m) return ymd(v, fullYear(m[1] ?? ''), Number(m[2]), Number(m[3]), opts);
  m = DATE_MON_D_Y_RE.exec(s);
  let month = m ? monthNumber(m[1] ?? '') : null;
  if (m && month !== null) return ymd(v, Number(m[3]), month, Number(m[2]), opts);
  m = DATE_D_MON_Y_RE.exec(s);
  month = m ? monthNumber(m[2] ?? '') : null;
  if (m && month !== null) return ymd(v, fullYear(m[3] ?? ''), month, Number(m[1]), opts);
  return problem(v, EXPECTED.date, 'not a date');
}

/** Same as readDate (the name the custom functions use). */
export const normaliseDate = readDate;

const YEAR_NIAN_RE = /((?:19|20)\d{2})\s*(?:年|财年)/;
const YEAR_BARE_RE = /(?:^|\D)((?:19|20)\d{2})(?![\d\-/.])/;

/**
 * The year a ledger is about, from its title (`2026年销售台账`) or its tab name (`销售台账2026`):
 * the default year for dates typed without one. Looks at title-like rows (one or two filled cells)
 * near the top; null when none says.
 */
export function yearFromTitle(grid: SheetGrid, searchRows = 5): number | null {
  const titles: string[] = [];
  for (const row of grid.values.slice(0, searchRows)) {
    const filled = row.filter((c) => typeof c === 'string' && c.trim() !== '') as string[];
    const nonEmpty = row.filter((c) => c !== '' && c !== null && c !== undefined).length;
    if (nonEmpty >= 1 && nonEmpty <= 2) titles.push(...filled.map(toHalfWidth));
  }
  for (const t of titles) {
    const m = YEAR_NIAN_RE.exec(t);
    if (m) return Number(m[1]);
  }
  const name = toHalfWidth(grid.name);
  const fromName = YEAR_NIAN_RE.exec(name) ?? YEAR_BARE_RE.exec(name);
  if (fromName) return Number(fromName[1]);
  for (const t of titles) {
    const m = YEAR_BARE_RE.exec(t);
    if (m) return Number(m[1]);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Text, codes, yes/no, currency

const SPACES_RE = /\s+/g;
/** Inside a cell, anything readText would change: whitespace other than single ASCII spaces, zero-width chars. */
const UNTIDY_INNER_RE = /[^\S ]| {2}|[\u200B\uFEFF]/;
function isUntidy(s: string): boolean {
  return s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32 || UNTIDY_INNER_RE.test(s);
}
const ZERO_WIDTH_RE = /[\u200B\uFEFF]/g;
const DASHES_RE = /[‐‑‒–—―－]/g;
const DASH_RE = /[‐‑‒–—―－]/;

function cellString(v: unknown): string {
  return typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
}

/** Text as a person meant it: trimmed, inner whitespace and line breaks collapsed; Chinese untouched. */
export function readText(v: unknown, opts?: ReadOptions): Normalised<string | null> {
  const pre = preflight(v, EXPECTED.text, opts);
  if (pre) return pre;
  const raw = cellString(v);
  if (!isUntidy(raw)) return { ok: true, value: raw };
  return { ok: true, value: raw.replace(ZERO_WIDTH_RE, '').replace(SPACES_RE, ' ').trim() };
}

export interface CodeOptions extends ReadOptions {
  /** A number format like `000000` zero-pads a number typed into a code column. */
  numberFormat?: string;
}

const ZERO_PAD_RE = /^0+$/;

/** A code (model number, contract number): half-width, one kind of dash. `ＱＪ２００－５０` → `QJ200-50`. */
export function readCode(v: unknown, opts?: CodeOptions): Normalised<string | null> {
  const pre = preflight(v, EXPECTED.text, opts);
  if (pre) return pre;
  if (
    typeof v === 'number' &&
    Number.isInteger(v) &&
    opts?.numberFormat &&
    ZERO_PAD_RE.test(opts.numberFormat)
  ) {
    return { ok: true, value: String(v).padStart(opts.numberFormat.length, '0') };
  }
  const raw = cellString(v);
  if (!WIDE_RE.test(raw) && !DASH_RE.test(raw) && !isUntidy(raw)) return { ok: true, value: raw };
  const s = toHalfWidth(raw).replace(DASHES_RE, '-').replace(SPACES_RE, ' ').trim();
  return { ok: true, value: s };
}

/** The form two codes are compared in: `qj 200－50` and `QJ200-50` are the same model. */
export function codeKey(s: string): string {
  return toHalfWidth(s).replace(DASHES_RE, '-').replace(SPACES_RE, '').toUpperCase();
}

export interface YesNoWords {
  yes: ReadonlySet<string>;
  no: ReadonlySet<string>;
}

export const YES_NO_WORDS: YesNoWords = {
  yes: new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '✔', '有', '对']),
  no: new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '✗', '✘', '无', '不是']),
};

/** 新老客户 column: 新客户 → true. 是/否 also count (a column titled 是否新客户). */
export const NEW_CUSTOMER_WORDS: YesNoWords = {
  yes: new Set([...YES_NO_WORDS.yes, '新客户', '新', '新客', 'NEW', 'NEWCUSTOMER']),
  no: new Set([
    ...YES_NO_WORDS.no,
    '老客户',
    '老',
    '老客',
    'OLD',
    'OLDCUSTOMER',
    'EXISTING',
    'EXISTINGCUSTOMER',
  ]),
};

/** 是/否, Y/N, TRUE/FALSE, 1/0, √/× → boolean. */
export function readYesNo(
  v: unknown,
  opts?: ReadOptions & { words?: YesNoWords },
): Normalised<boolean | null> {
  const words = opts?.words ?? YES_NO_WORDS;
  const expected = words === NEW_CUSTOMER_WORDS ? EXPECTED.newCustomer : EXPECTED.yesNo;
  const pre = preflight(v, expected, opts);
  if (pre) return pre;
  if (typeof v === 'boolean') return { ok: true, value: v };
  if (typeof v === 'string') {
    if (words.yes.has(v)) return { ok: true, value: true };
    if (words.no.has(v)) return { ok: true, value: false };
  }
  const key = toHalfWidth(cellString(v)).replace(SPACES_RE, '').toUpperCase();
  if (words.yes.has(key)) return { ok: true, value: true };
  if (words.no.has(key)) return { ok: true, value: false };
  return problem(v, expected, 'not yes/no');
}

/** 新客户/老客户 (or 是/否) → true when the customer is new. */
const NEW_CUSTOMER_OPTS = { words: NEW_CUSTOMER_WORDS };
const NEW_CUSTOMER_REQUIRED = { words: NEW_CUSTOMER_WORDS, required: true };

export function readNewCustomer(v: unknown, opts?: ReadOptions): Normalised<boolean | null> {
  return readYesNo(v, opts?.required ? NEW_CUSTOMER_REQUIRED : NEW_CUSTOMER_OPTS);
}

const CURRENCIES = new Map<string, string>(
  Object.entries({
    人民币: 'CNY',
    人民币元: 'CNY',
    RMB: 'CNY',
    CNY: 'CNY',
    '¥': 'CNY',
    元: 'CNY',
    美元: 'USD',
    美金: 'USD',
    USD: 'USD',
    US$: 'USD',
    $: 'USD',
    欧元: 'EUR',
    '€': 'EUR',
    EUR: 'EUR',
    港币: 'HKD',
    港元: 'HKD',
    HKD: 'HKD',
    日元: 'JPY',
    JPY: 'JPY',
  }),
);
const ISO_CURRENCY_RE = /^[A-Z]{3}$/;

/** 人民币/RMB/¥ → CNY, 美元/US$ → USD; any ISO code as is. */
export function readCurrency(v: unknown, opts?: ReadOptions): Normalised<string | null> {
  const direct = typeof v === 'string' ? CURRENCIES.get(v) : undefined;
  if (direct) return { ok: true, value: direct };
  const pre = preflight(v, EXPECTED.currency, opts);
  if (pre) return pre;
  const key = toHalfWidth(cellString(v)).replace(SPACES_RE, '').toUpperCase();
  const code = CURRENCIES.get(key) ?? (ISO_CURRENCY_RE.test(key) ? key : undefined);
  return code ? { ok: true, value: code } : problem(v, EXPECTED.currency, 'unknown currency');
}

/**
 * A cell whose meaning depends on another column (a price rule's 数值 is a percent or a price):
 * empty → null, formula error → problem, text trimmed, numbers and booleans as they are.
 */
export function readRaw(v: unknown, opts?: ReadOptions): Normalised<string | number | boolean | null> {
  if (typeof v === 'number' || typeof v === 'boolean') return { ok: true, value: v };
  return readText(v, opts);
}

const APPROVAL_LABELLED_RE = /审批(?:单)?(?:号|编号)?\s*[:：]?\s*([A-Za-z0-9][A-Za-z0-9_/-]*)/;
const APPROVAL_BARE_RE = /(?:^|[^A-Za-z0-9])([A-Za-z]{1,6}-\d{4}-\d{1,6})(?![A-Za-z0-9])/;

/** An approval reference in a 备注 cell: `审批单号：SP-2026-001` or a bare `SP-2026-001`. */
export function findApprovalRef(text: string | null | undefined): string | null {
  if (!text) return null;
  const s = toHalfWidth(text).replace(DASHES_RE, '-');
  const m = APPROVAL_LABELLED_RE.exec(s) ?? APPROVAL_BARE_RE.exec(s);
  return m?.[1]?.toUpperCase() ?? null;
}
