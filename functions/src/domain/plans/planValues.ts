/**
 * The `=SALES.PLAN` lookup: many questions answered against one published plan. Each question is checked
 * on its own (a bad one gets its message, the others their values) and rows are indexed once per plan.
 */
import type { Bilingual, PlanRow, PlanValueResult, PlanVersion } from '../../contract/plans';
import { bilingual as msg } from '../../contract/text';
import { dimension } from './history';
import { planValue, type PlanQuery } from './planProgress';

type QueryCheck = { ok: true; query: PlanQuery } | { ok: false; message: Bilingual };

const QUERY_FIELDS: [keyof Omit<PlanQuery, 'month'>, string, string][] = [
  ['productType', '产品类别', 'product type'],
  ['region', '片区', 'region'],
  ['rep', '业务员', 'rep'],
];

/** One `=SALES.PLAN` query, checked on its own so a bad one never stops the others. */
export function checkValueQuery(raw: unknown, index: number): QueryCheck {
  const label = msg(`第${index + 1}个查询`, `Query ${index + 1}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: msg(`${label['zh-CN']}应为对象`, `${label['en-US']} must be an object`) };
  }
  const record = raw as Record<string, unknown>;
  const month = record.month;
  if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) {
    const found = month === undefined ? '(空)' : JSON.stringify(month);
    return {
      ok: false,
      message: msg(
        `${label['zh-CN']}：月份应为 1–12 的整数，实为 ${found}`,
        `${label['en-US']}: month must be a whole number 1–12, found ${found}`,
      ),
    };
  }
  const query: PlanQuery = { month };
  for (const [field, zh, en] of QUERY_FIELDS) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      const text = dimension(String(value));
      if (text) query[field] = text;
      continue;
    }
    return {
      ok: false,
      message: msg(
        `${label['zh-CN']}：${zh}应为文本，实为 ${JSON.stringify(value)}`,
        `${label['en-US']}: ${en} must be text, found ${JSON.stringify(value)}`,
      ),
    };
  }
  return { ok: true, query };
}

/**
 * Answers many queries against one plan without scanning every row per query: rows are indexed by product
 * type, region and rep, each query filters the smallest matching list, and equal queries are answered once.
 */
export function planValueLookup(
  plan: Pick<PlanVersion, 'year' | 'rows'>,
): (query: PlanQuery) => PlanValueResult {
  const index = {
    productType: new Map<string, PlanRow[]>(),
    region: new Map<string, PlanRow[]>(),
    rep: new Map<string, PlanRow[]>(),
  };
  const add = (map: Map<string, PlanRow[]>, key: string | undefined, row: PlanRow) => {
    if (key === undefined) return;
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };
  for (const row of plan.rows) {
    add(index.productType, dimension(row.productType), row);
    add(index.region, dimension(row.region), row);
    add(index.rep, dimension(row.rep), row);
  }
  const answered = new Map<string, PlanValueResult>();

  return (query) => {
    const key = [query.month, query.productType ?? '', query.region ?? '', query.rep ?? ''].join('\u0000');
    const known = answered.get(key);
    if (known) return known;
    let candidates: readonly PlanRow[] = plan.rows;
    for (const [field] of QUERY_FIELDS) {
      const wanted = query[field];
      if (wanted === undefined) continue;
      const list = index[field].get(wanted) ?? [];
      if (list.length < candidates.length) candidates = list;
    }
    const matching = candidates.filter(
      (row) =>
        (!query.productType || dimension(row.productType) === query.productType) &&
        (!query.region || dimension(row.region) === query.region) &&
        (!query.rep || dimension(row.rep) === query.rep),
    );
    let result: PlanValueResult;
    if (matching.length === 0) {
      const filters = QUERY_FIELDS.filter(([field]) => query[field] !== undefined);
      result = {
        value: null,
        message: msg(
          `${plan.year}年计划中没有${filters.map(([f, zh]) => `${zh}“${query[f]}”`).join('、')}的计划行`,
          `The ${plan.year} plan has no rows for ${filters.map(([f, , en]) => `${en} "${query[f]}"`).join(', ')}`,
        ),
      };
    } else {
      result = { value: planValue({ rows: matching }, { month: query.month }) };
    }
    answered.set(key, result);
    return result;
  };
}
