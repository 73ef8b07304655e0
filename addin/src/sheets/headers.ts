// Finding the header row under title rows and mapping its columns to fields, with a confidence so
// the pane can ask when unsure. Two header rows (a merged group header over sub-headers) are
// combined. The user's corrections are applied on top (applyMapping) and win.
import {
  columnLetter,
  gridWidth,
  isEmptyCell,
  mergedFill,
  sheetColOf,
  sheetRowOf,
  type SheetGrid,
} from './grid';
import { columnContent, holdsCustomerClasses, ROW_NUMBER_KEYS, type ColumnContent } from './content';
import { toHalfWidth, type MoneyUnit } from './normalise';
import { SURE_SYNONYMS, fieldsOf, type FieldOf, type LedgerKind } from './synonyms';

/** `content`: the cells under the header settled it (see content.ts). */
export type MatchHow = 'exact' | 'synonym' | 'fuzzy' | 'content' | 'user';

export interface ColumnMatch {
  /** Sheet column index (0-based). */
  col: number;
  letter: string;
  /** The header text as it stands in the sheet (both rows for a two-row header). */
  header: string;
  /** 0..1; 1 for an exact match or the user's choice. */
  confidence: number;
  how: MatchHow;
}

export interface HeaderCell {
  col: number;
  letter: string;
  text: string;
}

export interface HeaderMapping<K extends LedgerKind> {
  kind: K;
  sheet: string;
  /** Grid row index of the (last) header row; null when no row looks like a header. */
  headerRow: number | null;
  /** 1 or 2 (a group header over sub-headers); 0 when not found. */
  headerRowCount: 0 | 1 | 2;
  /** The (last) header row as Excel numbers it (1-based); null when not found. */
  headerExcelRow: number | null;
  /** Grid row index where data starts. */
  firstDataRow: number;
  columns: Partial<Record<FieldOf<K>, ColumnMatch>>;
  /** Every column's header text, for the pane's column picker. */
  headers: HeaderCell[];
  /** Required fields with no column. */
  missing: FieldOf<K>[];
  /** Mapped fields the pane should confirm (confidence below `unsureBelow`). */
  unsure: FieldOf<K>[];
  unsureBelow: number;
  /** 万元/元 said by a column's header, or by the title rows for all money columns. */
  unitHints: { title?: MoneyUnit; fields: Partial<Record<FieldOf<K>, MoneyUnit>> };
  /** Prices are tax-exclusive: 不含税 in the price header (or the title). */
  taxExclusive: boolean;
  /** Text of the rows above the header (titles like `2026年销售台账`). */
  title: string;
}

export interface DetectOptions {
  /** How many rows from the top may hold the header. */
  searchRows?: number;
  /** Confidence below which a match is listed in `unsure`. */
  unsureBelow?: number;
  /** The user says which row is the header (Excel row number, 1-based): no search. */
  headerExcelRow?: number;
}

// ---------------------------------------------------------------------------------------------
// Header text → comparable key

const BRACKET_RE = /\(([^()]*)\)|\[([^[\]]*)\]|【([^【】]*)】|〔([^〔〕]*)〕|<([^<>]*)>/g;
const NOISE_RE = /[\s:;,.、。，：；_\-/\\*#'"‘’“”·•|?!()[\]【】〔〕<>]+/g;
const TRAILING_UNIT_RE = /(万元|美元|元|台|件|套|rmb|cny|usd|%)$/;

export interface HeaderKey {
  /** Lower-case, half-width, no spaces/punctuation/bracketed parts: `单价（元）` → `单价`. */
  key: string;
  /** The key without a trailing unit: `金额万元` → `金额`; '' when there is none. */
  bare: string;
  /** The unit the header states, if any. */
  unit?: MoneyUnit;
}

function unitOf(notes: string): MoneyUnit | undefined {
  if (notes.includes('万')) return '万元';
  if (/(?:^|[^美日港欧])元|rmb|cny/.test(notes)) return '元';
  return undefined;
}

/** The form header texts and synonyms are compared in. */
export function headerKey(raw: unknown): HeaderKey {
  const s = toHalfWidth(String(raw ?? '')).toLowerCase();
  const notes: string[] = [];
  const stripped = s.replace(BRACKET_RE, (_m, ...groups: unknown[]) => {
    for (const g of groups.slice(0, 5)) if (typeof g === 'string') notes.push(g);
    return ' ';
  });
  let key = stripped.replace(NOISE_RE, '');
  if (key === '') key = s.replace(NOISE_RE, '');
  const trailing = TRAILING_UNIT_RE.exec(key);
  const bare = trailing && trailing.index > 0 ? key.slice(0, trailing.index) : '';
  if (trailing && bare) notes.push(trailing[1] ?? '');
  const unit = unitOf(notes.join(' '));
  return unit ? { key, bare, unit } : { key, bare };
}

// ---------------------------------------------------------------------------------------------
// Field catalogues, compiled once per kind

interface CompiledField {
  field: string;
  order: number;
  /** The canonical header and the field's English label. */
  exact: ReadonlySet<string>;
  /** Matched only by its words, never by containment (an approval ref is too costly to guess). */
  noFuzzy: boolean;
  synonyms: ReadonlySet<string>;
  /** Keys of two characters or more, for containment matches. */
  fuzzy: readonly string[];
}

const compiled = new Map<LedgerKind, CompiledField[]>();

function compile(kind: LedgerKind): CompiledField[] {
  let c = compiled.get(kind);
  if (c) return c;
  c = fieldsOf(kind).map(([field, spec], order) => {
    const keys = spec.synonyms.map((s) => headerKey(s).key);
    const sure = (SURE_SYNONYMS[field] ?? []).map((s) => headerKey(s).key);
    const exact = new Set([keys[0] ?? '', headerKey(spec.label['en-US']).key, ...sure].filter(Boolean));
    return {
      field,
      order,
      exact,
      noFuzzy: NO_FUZZY_FIELDS.has(field),
      synonyms: new Set(keys.filter((k) => !exact.has(k))),
      fuzzy: [...new Set(keys)].filter((k) => k.length >= 2),
    };
  });
  compiled.set(kind, c);
  return c;
}

const NO_FUZZY_FIELDS: ReadonlySet<string> = new Set(['approvalRef']);
const MIN_SCORE = 0.55;
const MAX_FUZZY_LENGTH = 24;

/** How well one header text fits one field: 1 exact (or a sure synonym), 0.95 synonym, 0.5–0.9 containment, else 0. */
function scoreKey(h: HeaderKey, f: CompiledField): { score: number; how: MatchHow } {
  if (h.key === '') return { score: 0, how: 'fuzzy' };
  if (f.exact.has(h.key)) return { score: 1, how: 'exact' };
  if (f.synonyms.has(h.key)) return { score: 0.95, how: 'synonym' };
  if (h.bare && f.exact.has(h.bare)) return { score: 0.95, how: 'synonym' };
  if (h.bare && f.synonyms.has(h.bare)) return { score: 0.9, how: 'synonym' };
  let best = 0;
  const k = h.key;
  if (k.length <= MAX_FUZZY_LENGTH && !f.noFuzzy && !ROW_NUMBER_KEYS.has(k)) {
    for (const s of f.fuzzy) {
      if (k.length >= 2 && (k.includes(s) || s.includes(k))) {
        const ratio = Math.min(k.length, s.length) / Math.max(k.length, s.length);
        const score = 0.5 + 0.4 * ratio;
        if (score > best) best = score;
      }
    }
  }
  return { score: best, how: 'fuzzy' };
}

// ---------------------------------------------------------------------------------------------
// Candidate header rows

interface Candidate {
  /** Grid index of the last header row. */
  row: number;
  rowCount: 1 | 2;
  score: number;
  columns: Map<string, { col: number; header: string; unit?: MoneyUnit; score: number; how: MatchHow }>;
  texts: string[];
}

function cellText(v: unknown): string {
  if (isEmptyCell(v)) return '';
  return String(v).replace(/\s+/g, ' ').trim();
}

function rowTexts(
  grid: SheetGrid,
  r: number,
  fill: Map<number, Map<number, unknown>>,
  width: number,
): string[] {
  const row = grid.values[r] ?? [];
  const byCol = fill.get(r);
  const out: string[] = new Array<string>(width);
  for (let c = 0; c < width; c++) {
    const v = row[c];
    out[c] = cellText(isEmptyCell(v) && byCol?.has(c) ? byCol.get(c) : v);
  }
  return out;
}

type Score = { score: number; how: MatchHow };
const NO_MATCH: Score = { score: 0, how: 'fuzzy' };
/** Scores per header key and kind: the rows searched repeat their texts (each row is scored alone and in pairs). */
const scoreCache = new WeakMap<CompiledField[], Map<string, Score[]>>();
const SCORE_CACHE_SIZE = 20_000;

function scoresOf(h: HeaderKey, fields: CompiledField[]): Score[] {
  let byKey = scoreCache.get(fields);
  if (!byKey) scoreCache.set(fields, (byKey = new Map()));
  let scores = byKey.get(h.key);
  if (!scores) {
    scores = fields.map((f) => {
      const s = scoreKey(h, f);
      return s.score >= MIN_SCORE ? s : NO_MATCH;
    });
    if (byKey.size >= SCORE_CACHE_SIZE) byKey.clear();
    byKey.set(h.key, scores);
  }
  return scores;
}

/** Scores every (field, column) pair and assigns greedily, best pairs first, one column per field. */
function assign(
  fields: CompiledField[],
  variantsByCol: Array<Array<{ text: string; key: HeaderKey }>>,
): Pick<Candidate, 'score' | 'columns'> {
  const pairs: Array<{
    f: CompiledField;
    col: number;
    score: number;
    how: MatchHow;
    text: string;
    unit?: MoneyUnit;
  }> = [];
  variantsByCol.forEach((variants, col) => {
    if (!variants.length) return;
    const scored = variants.map((v) => scoresOf(v.key, fields));
    fields.forEach((f, i) => {
      let best: { score: number; how: MatchHow; text: string; unit?: MoneyUnit } | undefined;
      variants.forEach((v, j) => {
        const s = scored[j]?.[i] ?? NO_MATCH;
        if (s.score >= MIN_SCORE && (!best || s.score > best.score))
          best = { ...s, text: v.text, unit: v.key.unit };
      });
      if (best) pairs.push({ f, col, ...best });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.f.order - b.f.order || a.col - b.col);
  const usedCols = new Set<number>();
  const columns: Candidate['columns'] = new Map();
  let score = 0;
  for (const p of pairs) {
    if (usedCols.has(p.col) || columns.has(p.f.field)) continue;
    usedCols.add(p.col);
    columns.set(p.f.field, {
      col: p.col,
      header: p.text,
      score: p.score,
      how: p.how,
      ...(p.unit ? { unit: p.unit } : {}),
    });
    score += p.score;
  }
  return { score, columns };
}

/** A number is a value, never a header: such cells are not scored (most of the rows searched are data). */
const NUMERIC_RE = /^[-+]?[\d,]*\.?\d+$/;
const headerVariants = (t: string) => (t && !NUMERIC_RE.test(t) ? [{ text: t, key: headerKey(t) }] : []);

function single(fields: CompiledField[], texts: string[], row: number): Candidate {
  const variants = texts.map(headerVariants);
  return { row, rowCount: 1, texts, ...assign(fields, variants) };
}

function double(
  fields: CompiledField[],
  upperIn: string[],
  lower: string[],
  row: number,
  fillRight: boolean,
): Candidate {
  const upper = [...upperIn];
  // Without merge information a group header sits in its first column only: carry it right over
  // the sub-headers it stands above.
  if (fillRight) {
    for (let c = 1; c < upper.length; c++)
      if (!upper[c] && lower[c] && upper[c - 1]) upper[c] = upper[c - 1] ?? '';
  }
  const texts: string[] = [];
  const variants = lower.map((lo, c) => {
    const up = upper[c] ?? '';
    const v: Array<{ text: string; key: HeaderKey }> = [];
    const loOk = lo && !NUMERIC_RE.test(lo);
    const upOk = up && !NUMERIC_RE.test(up);
    if (loOk) v.push({ text: lo, key: headerKey(lo) });
    if (upOk) v.push({ text: up, key: headerKey(up) });
    if (loOk && upOk && up !== lo) v.push({ text: `${up} ${lo}`, key: headerKey(up + lo) });
    texts.push(up && lo && up !== lo ? `${up} ${lo}` : lo || up);
    return v;
  });
  return { row, rowCount: 2, texts, ...assign(fields, variants) };
}

const better = (a: Candidate, b: Candidate | undefined): boolean =>
  !b || a.score > b.score + 1e-9 || (Math.abs(a.score - b.score) <= 1e-9 && a.row < b.row);

const TAX_EXCLUSIVE_RE =
  /不含税|未税|excl(?:uding|\.)?\s*(?:vat|tax)|tax[- ]?exclusive|before tax|net of vat/i;
const TAX_INCLUSIVE_RE = /(?:^|[^不])含税|incl(?:uding|\.)?\s*(?:vat|tax)|tax[- ]?inclusive/i;
const TITLE_WAN_RE = /万元|\(万\)|单位\s*[:：]?\s*万/;
const TITLE_YUAN_RE = /单位\s*[:：]?\s*(?:人民币)?元|\(元\)|（元）/;
const PRICE_FIELDS = new Set(['unitPrice', 'listPrice', 'floorPrice']);

/**
 * Finds the header row of a ledger in the top `searchRows` rows: every row (and every pair of
 * rows, for a group header over sub-headers) is scored by how many fields its cells name and how
 * surely; the best wins. Never throws; `headerRow` is null when nothing looks like a header.
 */
export function detectHeader<K extends LedgerKind>(
  grid: SheetGrid,
  kind: K,
  opts?: DetectOptions,
): HeaderMapping<K> {
  const fields = compile(kind);
  const width = gridWidth(grid);
  const limit = Math.min(opts?.searchRows ?? 30, grid.values.length);
  const fill = mergedFill(grid);
  const texts: string[][] = [];
  for (let r = 0; r < limit; r++) texts.push(rowTexts(grid, r, fill, width));

  let best: Candidate | undefined;
  const singles: Candidate[] = [];
  for (let r = 0; r < limit; r++) {
    const c = single(fields, texts[r] ?? [], r);
    singles.push(c);
    if (better(c, best)) best = c;
  }
  for (let r = 0; r + 1 < limit; r++) {
    const c = double(fields, texts[r] ?? [], texts[r + 1] ?? [], r + 1, grid.merges === undefined);
    const a = singles[r];
    const b = singles[r + 1];
    // A pair must name clearly more than either of its rows alone (else it is a header + data row).
    if (
      a &&
      b &&
      c.columns.size > Math.max(a.columns.size, b.columns.size) &&
      c.score >= Math.max(a.score, b.score) + 0.75
    ) {
      if (better(c, best)) best = c;
    }
  }
  let found = best && best.columns.size >= 2 && best.score >= 1.5 ? best : undefined;
  if (opts?.headerExcelRow !== undefined) {
    const r = opts.headerExcelRow - 1 - (grid.startRow ?? 0);
    const t = texts[r] ?? (r >= 0 && r < grid.values.length ? rowTexts(grid, r, fill, width) : undefined);
    found = t ? single(fields, t, r) : undefined;
  }
  if (found) found = { ...found, columns: byContent(grid, fields, found, width) };

  const headerRow = found ? found.row : null;
  const titleEnd = found ? found.row - found.rowCount + 1 : Math.min(3, grid.values.length);
  const title = texts
    .slice(0, titleEnd)
    .map((t) =>
      t
        .filter(Boolean)
        .filter((x, i, all) => all.indexOf(x) === i)
        .join(' '),
    )
    .filter(Boolean)
    .join(' ');
  const titleHalf = toHalfWidth(title);

  const columns: Partial<Record<FieldOf<K>, ColumnMatch>> = {};
  const fieldUnits: Partial<Record<FieldOf<K>, MoneyUnit>> = {};
  for (const [field, m] of found?.columns ?? []) {
    const col = sheetColOf(grid, m.col);
    columns[field as FieldOf<K>] = {
      col,
      letter: columnLetter(col),
      header: m.header,
      confidence: round2(m.score),
      how: m.how,
    };
    if (m.unit) fieldUnits[field as FieldOf<K>] = m.unit;
  }
  const titleUnit: MoneyUnit | undefined = TITLE_WAN_RE.test(titleHalf)
    ? '万元'
    : TITLE_YUAN_RE.test(titleHalf)
      ? '元'
      : undefined;
  const headerTexts = found?.texts ?? [];
  const headers: HeaderCell[] = [];
  for (let c = 0; c < width; c++) {
    const col = sheetColOf(grid, c);
    headers.push({ col, letter: columnLetter(col), text: headerTexts[c] ?? '' });
  }
  return finish({
    kind,
    sheet: grid.name,
    headerRow,
    headerRowCount: found ? found.rowCount : 0,
    headerExcelRow: headerRow === null ? null : sheetRowOf(grid, headerRow) + 1,
    firstDataRow: headerRow === null ? grid.values.length : headerRow + 1,
    columns,
    headers,
    missing: [],
    unsure: [],
    unsureBelow: opts?.unsureBelow ?? 0.8,
    unitHints: titleUnit ? { title: titleUnit, fields: fieldUnits } : { fields: fieldUnits },
    taxExclusive: false,
    title,
  });
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Second opinion from the cells under the header: a column of consecutive whole numbers under a
 * row-number header (序号, No., #), or taken for 审批单号, feeds no field; a column of customer
 * classes is 客户类别 whatever its header says, and never 新老客户.
 */
function byContent(
  grid: SheetGrid,
  fields: readonly CompiledField[],
  found: Candidate,
  width: number,
): Candidate['columns'] {
  const columns = new Map(found.columns);
  const profiles = new Map<number, ColumnContent>();
  const content = (col: number): ColumnContent => {
    let p = profiles.get(col);
    if (!p) profiles.set(col, (p = columnContent(grid, col, found.row + 1)));
    return p;
  };
  for (const [field, m] of found.columns) {
    const rowNumberHeader = ROW_NUMBER_KEYS.has(headerKey(m.header).key);
    if ((rowNumberHeader || field === 'approvalRef') && content(m.col).consecutive) columns.delete(field);
  }
  if (!fields.some((f) => f.field === 'customerClass')) return columns;
  const current = columns.get('customerClass');
  if (!current || !holdsCustomerClasses(content(current.col))) {
    for (let col = 0; col < width; col++) {
      if (col === current?.col || !holdsCustomerClasses(content(col))) continue;
      for (const [field, m] of columns) if (m.col === col) columns.delete(field);
      columns.set('customerClass', { col, header: found.texts[col] ?? '', score: 1, how: 'content' });
      break;
    }
  }
  const newOld = columns.get('isNewCustomer');
  if (newOld && holdsCustomerClasses(content(newOld.col))) columns.delete('isNewCustomer');
  return columns;
}

/** Recomputes what follows from the columns: missing, unsure, taxExclusive. */
function finish<K extends LedgerKind>(m: HeaderMapping<K>): HeaderMapping<K> {
  const missing: FieldOf<K>[] = [];
  const unsure: FieldOf<K>[] = [];
  for (const [field, spec] of fieldsOf(m.kind)) {
    const c = m.columns[field];
    if (!c) {
      if (spec.required) missing.push(field);
    } else if (c.confidence < m.unsureBelow) unsure.push(field);
  }
  const priceHeaders = Object.entries(m.columns)
    .filter(([field]) => PRICE_FIELDS.has(field))
    .map(([, c]) => toHalfWidth((c as ColumnMatch).header));
  const titleHalf = toHalfWidth(m.title);
  const taxExclusive = priceHeaders.some((h) => TAX_EXCLUSIVE_RE.test(h))
    ? true
    : priceHeaders.some((h) => TAX_INCLUSIVE_RE.test(h))
      ? false
      : TAX_EXCLUSIVE_RE.test(titleHalf);
  return { ...m, missing, unsure, taxExclusive };
}

/** The user's corrections: field → sheet column index (0-based), or null for "not in this sheet". */
export type MappingOverrides<K extends LedgerKind> = Partial<Record<FieldOf<K>, number | null>>;

/**
 * Applies the user's corrections on top of what was detected. A column feeds one field: a field
 * the detection had put on a column the user gave to another field loses it.
 */
export function applyMapping<K extends LedgerKind>(
  detected: HeaderMapping<K>,
  overrides: MappingOverrides<K>,
): HeaderMapping<K> {
  const m = detected;
  const columns: Partial<Record<FieldOf<K>, ColumnMatch>> = { ...m.columns };
  const fields = new Set(fieldsOf(m.kind).map(([f]) => f));
  const entries = (Object.entries(overrides) as Array<[FieldOf<K>, number | null | undefined]>).filter(
    (e): e is [FieldOf<K>, number | null] => fields.has(e[0]) && e[1] !== undefined,
  );
  const takenByUser = new Set(entries.map(([, col]) => col).filter((c): c is number => c !== null));
  for (const f of Object.keys(columns) as FieldOf<K>[]) {
    const c = columns[f];
    if (c && takenByUser.has(c.col) && !(f in overrides)) delete columns[f];
  }
  const fieldUnits = { ...m.unitHints.fields };
  for (const [f, col] of entries) {
    delete fieldUnits[f];
    if (col === null) {
      delete columns[f];
      continue;
    }
    const header = m.headers.find((h) => h.col === col)?.text ?? '';
    columns[f] = { col, letter: columnLetter(col), header, confidence: 1, how: 'user' };
    const unit = headerKey(header).unit;
    if (unit) fieldUnits[f] = unit;
  }
  return finish({ ...m, columns, unitHints: { ...m.unitHints, fields: fieldUnits } });
}
