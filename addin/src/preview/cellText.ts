// What a cell shows in the preview grid, roughly as Excel displays it under its number format:
// thousands separators, fixed decimals, percent, currency prefixes, dates and times. Excel's full
// format language is larger (fractions, conditions, colours); those fall back to something close.
import type { ModelValue } from '../workbook/memoryModel';

/** Excel's day 0 (its serials count days from 1899-12-30, the 1900 leap-year bug included). */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** How the grid aligns a cell: numbers right, booleans and errors centred, text left (as Excel). */
export type CellAlign = 'left' | 'right' | 'center';

export function cellAlign(value: ModelValue | undefined): CellAlign {
  if (typeof value === 'number') return 'right';
  if (typeof value === 'boolean') return 'center';
  if (typeof value === 'string' && /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!)$/.test(value))
    return 'center';
  return 'left';
}

export function displayText(value: ModelValue | undefined, numberFormat?: string): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '#NUM!';
  const format = numberFormat?.trim() ?? '';
  if (!format || /^general$/i.test(format) || format === '@') return general(value);
  const sections = splitSections(format);
  const { section, negativeSection } = pickSection(sections, value);
  if (isDateFormat(section)) return formatDate(value, section);
  const n = negativeSection ? Math.abs(value) : value;
  return formatNumber(n, section);
}

/** Excel's General: up to 10 significant digits, no separators, scientific for huge numbers. */
function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  if (Math.abs(n) >= 1e11 || (Math.abs(n) < 1e-9 && n !== 0)) {
    const [mantissa = '', exponent = '0'] = n.toExponential(5).split('e');
    const e = Number(exponent);
    return `${trimZeros(mantissa)}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return trimZeros(n.toPrecision(10));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Splits `pos;neg;zero;text` at semicolons outside quotes and brackets. */
function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format.charAt(i);
    if (ch === '\\' && !quoted) {
      cur += ch + format.charAt(i + 1);
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') bracket = true;
    else if (!quoted && ch === ']') bracket = false;
    if (ch === ';' && !quoted && !bracket) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function pickSection(sections: string[], n: number): { section: string; negativeSection: boolean } {
  const first = sections[0] ?? '';
  if (n < 0 && sections.length >= 2) return { section: sections[1] ?? first, negativeSection: true };
  if (n === 0 && sections.length >= 3) return { section: sections[2] ?? first, negativeSection: false };
  return { section: first, negativeSection: false };
}

/** The section with quoted text, escapes and bracketed parts removed (what is left are codes). */
function codesOnly(section: string): string {
  return section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

function isDateFormat(section: string): boolean {
  return /[ymdhs]/i.test(codesOnly(section).replace(/General/gi, ''));
}

/** A piece of a format section: literal text, or the codes to fill in. */
interface Token {
  literal: boolean;
  text: string;
}

/** Tokenises a section: quoted text, escapes, `_x` padding, `[$¥-804]` currency, `[Red]` dropped. */
function tokens(section: string): Token[] {
  const out: Token[] = [];
  const push = (literal: boolean, text: string) => {
    const last = out[out.length - 1];
    if (last && last.literal === literal) last.text += text;
    else out.push({ literal, text });
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section.charAt(i);
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      push(true, section.slice(i + 1, stop));
      i = stop;
    } else if (ch === '\\') {
      push(true, section.charAt(i + 1));
      i++;
    } else if (ch === '_') {
      push(true, ' ');
      i++;
    } else if (ch === '*') {
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? section.length : end);
      if (inner.startsWith('$')) push(true, inner.slice(1).split('-')[0] ?? '');
      i = end < 0 ? section.length : end;
    } else push(false, ch);
  }
  return out;
}

function formatNumber(n: number, section: string): string {
  const toks = tokens(section);
  const codes = toks
    .filter((t) => !t.literal)
    .map((t) => t.text)
    .join('');
  const percent = codes.includes('%');
  const value = percent ? n * 100 : n;
  const numeric = /[0#?][0#?,]*(\.[0#?]*)?([eE][+-][0#]+)?|\.[0#?]+/.exec(codes);
  if (!numeric) return toks.map((t) => t.text).join('') || general(n);
  const pattern = numeric[0];
  const [intPart = '', fracPart = ''] = pattern.split(/[eE]/)[0]?.split('.') ?? [];
  const decimals = (fracPart.match(/[0#?]/g) ?? []).length;
  const exponent = /[eE][+-]/.test(pattern);
  let body: string;
  if (exponent) {
    const [m = '', e = '0'] = Math.abs(value).toExponential(decimals).split('e');
    const ev = Number(e);
    body = `${m}E${ev < 0 ? '-' : '+'}${String(Math.abs(ev)).padStart(2, '0')}`;
  } else {
    body = fixed(Math.abs(value), decimals);
    // Optional digits (`#`) after the point are dropped when they are zeros.
    const minDecimals = (fracPart.match(/0/g) ?? []).length;
    for (let k = decimals; k > minDecimals && body.endsWith('0'); k--) body = body.slice(0, -1);
    if (/[0#?],[0#?]/.test(intPart)) body = groupThousands(body);
    const minInt = (intPart.match(/0/g) ?? []).length;
    if (minInt === 0 && body.startsWith('0') && (decimals > 0 || Math.abs(value) < 0.5))
      body = body.replace(/^0(?=\.|$)/, '');
  }
  // Literals and codes other than the number (`%`, an unquoted `¥`) stay where they stand.
  const start = codes.indexOf(pattern);
  let out = '';
  let offset = 0;
  for (const t of toks) {
    if (t.literal) {
      out += t.text;
      continue;
    }
    for (const ch of t.text) {
      if (offset === start) out += body;
      else if ((offset < start || offset >= start + pattern.length) && !/[0#?,.]/.test(ch)) out += ch;
      offset++;
    }
  }
  const sign = value < 0 && fixed(Math.abs(value), decimals) !== fixed(0, decimals) ? '-' : '';
  return sign + out;
}

/** Rounds half away from zero at `decimals` places without binary surprises (1.005 → 1.01). */
function fixed(n: number, decimals: number): string {
  const rounded = Number(`${Math.round(Number(`${n}e${decimals}`))}e-${decimals}`);
  return (Number.isFinite(rounded) ? rounded : n).toFixed(decimals);
}

function groupThousands(s: string): string {
  const [int = '', frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function formatDate(serial: number, section: string): string {
  const ms = SERIAL_EPOCH_MS + Math.round(serial * 86_400_000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return general(serial);
  const secondsOfDay = Math.round((serial - Math.floor(serial)) * 86_400) % 86_400;
  const hours = Math.floor(secondsOfDay / 3600);
  const minutes = Math.floor((secondsOfDay % 3600) / 60);
  const seconds = secondsOfDay % 60;
  const twelveHour = /AM\/PM|A\/P/i.test(section);
  const pad = (v: number) => String(v).padStart(2, '0');
  let out = '';
  let lastWasHour = false;
  for (const t of tokens(section)) {
    if (t.literal) {
      out += t.text;
      continue;
    }
    const s = t.text;
    for (let i = 0; i < s.length;) {
      const rest = s.slice(i);
      const run = (ch: string) => {
        let k = 0;
        while (rest.charAt(k).toLowerCase() === ch) k++;
        return k;
      };
      const c = rest.charAt(0).toLowerCase();
      if (/^AM\/PM/i.test(rest)) {
        out += hours < 12 ? 'AM' : 'PM';
        i += 5;
        continue;
      }
      if (c === 'y') {
        const k = run('y');
        out += k <= 2 ? pad(d.getUTCFullYear() % 100) : String(d.getUTCFullYear());
        i += k;
      } else if (c === 'm') {
        const k = run('m');
        // `m` right after hours or right before seconds means minutes.
        const minutesHere = lastWasHour || /^m+[^a-z]*s/i.test(rest);
        if (minutesHere) out += k >= 2 ? pad(minutes) : String(minutes);
        else if (k >= 4) out += MONTHS[d.getUTCMonth()] ?? '';
        else if (k === 3) out += (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3);
        else out += k === 2 ? pad(d.getUTCMonth() + 1) : String(d.getUTCMonth() + 1);
        lastWasHour = false;
        i += k;
      } else if (c === 'd') {
        const k = run('d');
        if (k >= 4) out += DAYS[d.getUTCDay()] ?? '';
        else if (k === 3) out += (DAYS[d.getUTCDay()] ?? '').slice(0, 3);
        else out += k === 2 ? pad(d.getUTCDate()) : String(d.getUTCDate());
        i += k;
      } else if (c === 'h') {
        const k = run('h');
        const h = twelveHour ? hours % 12 || 12 : hours;
        out += k >= 2 ? pad(h) : String(h);
        lastWasHour = true;
        i += k;
      } else if (c === 's') {
        const k = run('s');
        out += k >= 2 ? pad(seconds) : String(seconds);
        i += k;
      } else {
        if (c !== ' ' && c !== ':') lastWasHour = lastWasHour && /[^a-z0-9]/i.test(c);
        out += rest.charAt(0);
        i += 1;
      }
    }
  }
  return out;
}
