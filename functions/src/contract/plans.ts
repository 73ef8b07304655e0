/**
 * HTTP contract of the annual plan: split (年度计划 → 月度计划), publish, progress (计划达成).
 * Schemas and types only, shared with the add-in: no Node imports. The functions validate every request
 * with these schemas; `parse…` turn zod's issues into bilingual messages that name the row.
 */
import { z } from 'zod';
import { fromUnits, scaleOf, toUnits } from '../domain/plans/decimal';

export const BilingualSchema = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
/** A user-visible message in both languages (zh-CN is the default). */
export type Bilingual = z.infer<typeof BilingualSchema>;

export const SPLIT_METHODS = ['profile', 'history', 'workdays', 'even'] as const;
export type SplitMethod = (typeof SPLIT_METHODS)[number];

/** yuan = 元, wanYuan = 万元 (10,000 yuan), units = 台/件 (quantities). */
export const PLAN_UNITS = ['yuan', 'wanYuan', 'units'] as const;
export type PlanUnit = (typeof PLAN_UNITS)[number];

export const PROGRESS_BASES = ['orders', 'shipments'] as const;
export type ProgressBasis = (typeof PROGRESS_BASES)[number];

const msg = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, 'en-US': en });
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCKED_KEY = /^(0?[1-9]|1[0-2])$/;

/**
 * The largest plan amount (annual, month, locked or actual) in the request's unit: 1 万亿. Beyond it the
 * months could not be kept exact as JSON numbers (they are answered as doubles, exact to 15 digits).
 */
export const MAX_PLAN_AMOUNT = 1e12;

const year = z.number().int().min(2000).max(2099);
const roundTo = z.number().min(0.000001).max(MAX_PLAN_AMOUNT);
const planAmount = z.number().nonnegative().max(MAX_PLAN_AMOUNT);
const productType = z.string().trim().min(1).max(100);
/** 片区 / 业务员: optional; an empty string means "not given". */
const dimension = z.string().trim().max(100).optional();
/** Row number on the sheet the row came from; messages name it instead of the position in the array. */
const sheetRow = z.number().int().positive().optional();
const months12 = z.array(z.number()).length(12);
const weights12 = z.array(z.number().nonnegative().max(MAX_PLAN_AMOUNT)).length(12);

export const IsoDateSchema = z.string().superRefine((text, ctx) => {
  const match = DATE_TEXT.exec(text);
  if (!match) {
    ctx.addIssue({
      code: 'custom',
      message: 'date',
      params: {
        message: msg(`日期应为 YYYY-MM-DD，实为 "${text}"`, `date must be YYYY-MM-DD, found "${text}"`),
      },
    });
    return;
  }
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    ctx.addIssue({
      code: 'custom',
      message: 'date',
      params: { message: msg(`日期 ${text} 不存在`, `date ${text} does not exist`) },
    });
  }
});

/** One line of actual sales (from the sales or shipment ledger): used as split history and as progress. */
export const ActualEntrySchema = z.object({
  date: IsoDateSchema,
  productType,
  region: dimension,
  rep: dimension,
  /** May be negative (returns, credit notes). */
  amount: z.number().min(-MAX_PLAN_AMOUNT).max(MAX_PLAN_AMOUNT),
  sheetRow,
});
export type ActualEntry = z.infer<typeof ActualEntrySchema>;

const SplitRowFields = {
  productType,
  region: dimension,
  rep: dimension,
  annual: planAmount,
  /** Month number '1'–'12' → amount kept exactly (manual override). */
  locked: z.record(z.string(), planAmount).optional(),
  sheetRow,
};

export const SplitRowSchema = z.object(SplitRowFields).superRefine((row, ctx) => {
  // zod still runs refinements after a failed `nonnegative`: compare only amounts that are valid.
  const locked = row.locked ?? {};
  const comparable = row.annual >= 0 && Object.values(locked).every((a) => a >= 0);
  const seen = new Set<number>();
  const amounts: number[] = [];
  for (const [key, amount] of Object.entries(locked)) {
    if (!LOCKED_KEY.test(key)) {
      ctx.addIssue({
        code: 'custom',
        path: ['locked', key],
        message: 'locked month',
        params: { message: msg(`锁定月份 ${key} 不在 1–12 之间`, `locked month ${key} is outside 1–12`) },
      });
      continue;
    }
    const month = Number(key);
    if (seen.has(month)) {
      ctx.addIssue({
        code: 'custom',
        path: ['locked', key],
        message: 'locked month twice',
        params: { message: msg(`锁定月份 ${month} 重复`, `locked month ${month} appears twice`) },
      });
    }
    seen.add(month);
    amounts.push(amount);
  }
  if (!comparable) return;
  const scale = Math.max(scaleOf(row.annual), ...amounts.map(scaleOf));
  const lockedSum = amounts.reduce((sum, a) => sum + toUnits(a, scale), 0n);
  const annual = toUnits(row.annual, scale);
  const shown = fromUnits(lockedSum, scale);
  if (lockedSum > annual) {
    ctx.addIssue({
      code: 'custom',
      path: ['locked'],
      message: 'locked above annual',
      params: {
        message: msg(
          `锁定月份合计 ${shown} 超过年度目标 ${row.annual}`,
          `locked months add up to ${shown}, more than the annual target ${row.annual}`,
        ),
      },
    });
  } else if (seen.size === 12 && lockedSum !== annual) {
    ctx.addIssue({
      code: 'custom',
      path: ['locked'],
      message: 'all locked',
      params: {
        message: msg(
          `12 个月都已锁定，合计 ${shown} 却不等于年度目标 ${row.annual}`,
          `all 12 months are locked but add up to ${shown}, not the annual target ${row.annual}`,
        ),
      },
    });
  }
});
export type SplitRow = z.infer<typeof SplitRowSchema>;

/** 15 significant digits: what a JSON number (a double) keeps exactly, and what toDecimal reads. */
const EXACT_UNITS = 10n ** 15n;

/**
 * Every month is answered as a JSON number in steps of `roundTo`: the annual (and the total of all rows),
 * counted in those steps, must fit in 15 digits, or the months stop adding up (`annual: 1e20`).
 */
function withinExactRange(
  body: { roundTo: number; rows: readonly { annual: number; sheetRow?: number | undefined }[] },
  ctx: z.RefinementCtx,
): void {
  const { roundTo, rows } = body;
  if (!(roundTo > 0) || !Number.isFinite(roundTo) || !Array.isArray(rows)) return;
  const step = scaleOf(roundTo);
  let total = 0n;
  let rowBeyond = false;
  rows.forEach((row, i) => {
    if (!(row.annual >= 0 && row.annual <= MAX_PLAN_AMOUNT)) return;
    const scale = Math.max(step, scaleOf(row.annual));
    const units = toUnits(row.annual, scale);
    total += units / 10n ** BigInt(scale - step);
    if (units >= EXACT_UNITS) {
      rowBeyond = true;
      ctx.addIssue({
        code: 'custom',
        path: ['rows', i, 'annual'],
        message: 'annual beyond exact range',
        params: {
          message: msg(
            `年度目标 ${row.annual} 按取整单位 ${roundTo} 分解超出可精确计算的范围（最多 15 位有效数字）`,
            `the annual target ${row.annual} split in steps of ${roundTo} is beyond the range that can be kept exact (15 significant digits)`,
          ),
        },
      });
    }
  });
  // A row already named explains the total.
  if (total >= EXACT_UNITS && !rowBeyond) {
    ctx.addIssue({
      code: 'custom',
      path: ['rows'],
      message: 'total beyond exact range',
      params: {
        message: msg(
          `所有计划行的年度目标合计按取整单位 ${roundTo} 超出可精确计算的范围（最多 15 位有效数字）；请分批提交`,
          `the annual targets of all rows add up beyond the range that can be kept exact in steps of ${roundTo} (15 significant digits); send fewer rows at a time`,
        ),
      },
    });
  }
}

export const SplitRequestSchema = z
  .object({
    year,
    /** Granularity of the months in the request's unit: 1 (yuan), 0.01 (万元 to the 元 hundred), 100, … */
    roundTo,
    method: z.enum(SPLIT_METHODS),
    /** Product type → 12 non-negative weights; overrides the built-in season profile. */
    profiles: z.record(z.string(), weights12).optional(),
    /** Prior-year actuals for the `history` method (entries dated in the plan year or later are ignored). */
    history: z.array(ActualEntrySchema).max(500_000).optional(),
    rows: z.array(SplitRowSchema).min(1).max(50_000),
  })
  .superRefine(withinExactRange);
export type SplitRequest = z.infer<typeof SplitRequestSchema>;

export const SplitBasisSchema = z.object({
  /** The method actually used for this row (after any fallback). */
  method: z.enum(SPLIT_METHODS),
  /** Why the row did not get the requested method's own shape (fallback), if it did not. */
  reason: BilingualSchema.optional(),
  /** Month (1–12) that took the part of the annual figure that is not a multiple of roundTo, if any. */
  remainderMonth: z.number().int().min(1).max(12).optional(),
});
export type SplitBasis = z.infer<typeof SplitBasisSchema>;

export const SplitResultRowSchema = z.object({
  ...SplitRowFields,
  months: months12,
  basis: SplitBasisSchema,
});
export type SplitResultRow = z.infer<typeof SplitResultRowSchema>;

export const SplitTotalsSchema = z.object({
  byMonth: months12,
  byProductType: z.record(z.string(), months12),
  /** Only rows that name a region. */
  byRegion: z.record(z.string(), months12),
  annual: z.number(),
});
export type SplitTotals = z.infer<typeof SplitTotalsSchema>;

export const SplitResponseSchema = z.object({
  year,
  roundTo,
  method: z.enum(SPLIT_METHODS),
  rows: z.array(SplitResultRowSchema),
  totals: SplitTotalsSchema,
  notes: z.array(BilingualSchema),
});
export type SplitResponse = z.infer<typeof SplitResponseSchema>;

const PlanRowFields = {
  productType,
  region: dimension,
  rep: dimension,
  annual: planAmount,
  months: z.array(planAmount).length(12),
  sheetRow,
};

export const PlanRowSchema = z.object(PlanRowFields).superRefine((row, ctx) => {
  if (!(row.annual >= 0) || row.months.length !== 12 || row.months.some((m) => !(m >= 0))) return;
  const scale = Math.max(scaleOf(row.annual), ...row.months.map(scaleOf));
  const sum = row.months.reduce((s, m) => s + toUnits(m, scale), 0n);
  if (sum !== toUnits(row.annual, scale)) {
    const shown = fromUnits(sum, scale);
    ctx.addIssue({
      code: 'custom',
      path: ['months'],
      message: 'months do not add up',
      params: {
        message: msg(
          `12 个月合计 ${shown} 不等于年度目标 ${row.annual}`,
          `the 12 months add up to ${shown}, not the annual target ${row.annual}`,
        ),
      },
    });
  }
});
export type PlanRow = z.infer<typeof PlanRowSchema>;

const planKey = (row: { productType: string; region?: string; rep?: string }): string =>
  [row.productType.trim(), (row.region ?? '').trim(), (row.rep ?? '').trim()].join('\u0000');

const PlanVersionFields = {
  year,
  unit: z.enum(PLAN_UNITS),
  roundTo,
  method: z.enum(SPLIT_METHODS).optional(),
  rows: z.array(PlanRowSchema).min(1).max(50_000),
};

function noDuplicateRows(plan: { rows: PlanRow[] }, ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  plan.rows.forEach((row, i) => {
    const key = planKey(row);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, i);
      return;
    }
    const label = plan.rows[earlier]?.sheetRow ?? earlier + 1;
    ctx.addIssue({
      code: 'custom',
      path: ['rows', i],
      message: 'duplicate row',
      params: {
        message: msg(
          `与第${label}行重复（产品类别、片区、业务员都相同）`,
          `repeats row ${label} (same product type, region and rep)`,
        ),
      },
    });
  });
}

/** Body of `PUT /api/plans/{year}`: the plan to publish. */
export const PlanVersionInputSchema = z.object(PlanVersionFields).superRefine((plan, ctx) => {
  noDuplicateRows(plan, ctx);
  withinExactRange(plan, ctx);
});
export type PlanVersionInput = z.infer<typeof PlanVersionInputSchema>;

/** A published plan version (answer of `GET /api/plans/{year}`). */
export const PlanVersionSchema = z
  .object({ ...PlanVersionFields, publishedBy: z.string(), publishedAt: z.iso.datetime({ offset: true }) })
  .superRefine(noDuplicateRows);
export type PlanVersion = z.infer<typeof PlanVersionSchema>;

/** Body of `POST /api/plans/{year}/progress`. */
export const ProgressRequestSchema = z.object({
  basis: z.enum(PROGRESS_BASES),
  /** Unit of the actual amounts (ledgers are in 元); converted to the plan's unit. Default yuan. */
  unit: z.enum(PLAN_UNITS).optional(),
  /** Year-to-date runs through this month; default: the latest month with actuals in the plan year. */
  throughMonth: z.number().int().min(1).max(12).optional(),
  actuals: z.array(ActualEntrySchema).max(500_000),
});
export type ProgressRequest = z.infer<typeof ProgressRequestSchema>;

export const ProgressLineSchema = z.object({
  /** Product type, region or rep ('' for the total line). */
  key: z.string(),
  plan: months12,
  actual: months12,
  /** actual / plan per month; null where the plan is 0. */
  completion: z.array(z.number().nullable()).length(12),
  ytd: z.object({ plan: z.number(), actual: z.number(), completion: z.number().nullable() }),
});
export type ProgressLine = z.infer<typeof ProgressLineSchema>;

export const ProgressResponseSchema = z.object({
  year,
  unit: z.enum(PLAN_UNITS),
  basis: z.enum(PROGRESS_BASES),
  /** 0 when there are no actuals in the plan year yet. */
  throughMonth: z.number().int().min(0).max(12),
  total: ProgressLineSchema,
  byProductType: z.array(ProgressLineSchema),
  /** Only plan rows and actuals that name a region. */
  byRegion: z.array(ProgressLineSchema),
  /** Only plan rows and actuals that name a rep. */
  byRep: z.array(ProgressLineSchema),
  notes: z.array(BilingualSchema),
});
export type ProgressResponse = z.infer<typeof ProgressResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// Validation errors a person can act on.

export const PlanInputErrorSchema = z.object({
  /** Where in the JSON body: `rows[4].locked.13`. */
  path: z.string(),
  /** Row the message names (sheetRow when given, else position + 1); absent for request-level errors. */
  row: z.number().int().optional(),
  message: BilingualSchema,
});
export type PlanInputError = z.infer<typeof PlanInputErrorSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: PlanInputError[] };

const FIELDS: Record<string, [string, string]> = {
  year: ['年度', 'year'],
  roundTo: ['取整单位', 'roundTo'],
  method: ['分解方法', 'method'],
  profiles: ['季节曲线', 'season profiles'],
  history: ['历史实绩', 'history'],
  rows: ['计划行', 'rows'],
  productType: ['产品类别', 'product type'],
  region: ['片区', 'region'],
  rep: ['业务员', 'rep'],
  annual: ['年度目标', 'annual target'],
  locked: ['锁定月份', 'locked months'],
  months: ['月度计划', 'months'],
  date: ['日期', 'date'],
  amount: ['金额', 'amount'],
  sheetRow: ['表格行号', 'sheet row'],
  unit: ['单位', 'unit'],
  basis: ['口径', 'basis'],
  throughMonth: ['截至月份', 'through month'],
  actuals: ['实绩', 'actuals'],
};

const SECTIONS: Record<string, [string, string]> = {
  rows: ['第', 'Row'],
  history: ['历史实绩第', 'History row'],
  actuals: ['实绩第', 'Actuals row'],
};

const EXPECTED: Record<string, [string, string]> = {
  number: ['数字', 'a number'],
  int: ['整数', 'a whole number'],
  string: ['文本', 'text'],
  array: ['列表', 'a list'],
  object: ['对象', 'an object'],
  record: ['对象', 'an object'],
};

/** A value as quoted in a message: short, and objects are never walked (a body may nest deeply). */
function shown(input: unknown): string {
  if (input === undefined) return '(空)';
  const text =
    typeof input === 'string'
      ? `"${input.slice(0, 40)}"`
      : Array.isArray(input)
        ? `[… ${input.length}]`
        : typeof input === 'object' && input !== null
          ? '{…}'
          : String(input);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

function isBilingual(x: unknown): x is Bilingual {
  return BilingualSchema.safeParse(x).success;
}

function rowOf(body: unknown, path: readonly PropertyKey[]): number | undefined {
  const [section, index] = path;
  if (typeof section !== 'string' || typeof index !== 'number' || !(section in SECTIONS)) return undefined;
  const list = (body as Record<string, unknown> | null)?.[section];
  const entry = Array.isArray(list) ? (list[index] as Record<string, unknown> | undefined) : undefined;
  const own = entry?.sheetRow;
  return typeof own === 'number' && Number.isInteger(own) && own > 0 ? own : index + 1;
}

function fieldLabel(rel: readonly PropertyKey[], path: readonly PropertyKey[]): Bilingual {
  const [a, b] = rel;
  if (a === 'locked' && typeof b === 'string')
    return msg(`锁定月份 ${b} 的金额`, `the locked amount for month ${b}`);
  if (a === 'months' && typeof b === 'number') return msg(`${b + 1}月计划`, `the plan for month ${b + 1}`);
  if (path[0] === 'profiles' && typeof path[1] === 'string') {
    return typeof path[2] === 'number'
      ? msg(
          `季节曲线“${path[1]}”${path[2] + 1}月的权重`,
          `season profile "${path[1]}" weight for month ${path[2] + 1}`,
        )
      : msg(`季节曲线“${path[1]}”`, `season profile "${path[1]}"`);
  }
  const last = [...rel].reverse().find((p): p is string => typeof p === 'string');
  if (last === undefined) return rel === path ? msg('请求', 'request') : msg('此行', 'this row');
  const [zh, en] = FIELDS[last] ?? [last, last];
  return msg(zh, en);
}

function describe(issue: z.core.$ZodIssue, label: Bilingual): Bilingual {
  const [zh, en] = [label['zh-CN'], label['en-US']];
  const input = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'custom': {
      const own = (issue.params as Record<string, unknown> | undefined)?.message;
      return isBilingual(own) ? own : msg(`${zh}无效`, `${en} is not valid`);
    }
    case 'invalid_type': {
      if (input === undefined) return msg(`缺少${zh}`, `${en} is missing`);
      const [ezh, een] = EXPECTED[issue.expected] ?? [issue.expected, issue.expected];
      return msg(`${zh}应为${ezh}，实为 ${shown(input)}`, `${en} must be ${een}, found ${shown(input)}`);
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'number') {
        if (min === 0 && issue.inclusive)
          return msg(
            `${zh}不能为负数，实为 ${shown(input)}`,
            `${en} must not be negative, found ${shown(input)}`,
          );
        return msg(
          `${zh}不能小于 ${min}，实为 ${shown(input)}`,
          `${en} must be at least ${min}, found ${shown(input)}`,
        );
      }
      if (issue.origin === 'string') return msg(`${zh}不能为空`, `${en} must not be empty`);
      if (issue.origin === 'array') {
        const count = Array.isArray(input) ? input.length : 0;
        return issue.exact
          ? msg(
              `${zh}应有 ${min} 个数，实有 ${count} 个`,
              `${en} must have exactly ${min} numbers, found ${count}`,
            )
          : msg(`${zh}至少要有 ${min} 项`, `${en} must have at least ${min} entries`);
      }
      return msg(`${zh}太小`, `${en} is too small`);
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'number')
        return msg(
          `${zh}不能大于 ${max}，实为 ${shown(input)}`,
          `${en} must be at most ${max}, found ${shown(input)}`,
        );
      if (issue.origin === 'string')
        return msg(`${zh}不能超过 ${max} 个字`, `${en} must be at most ${max} characters`);
      if (issue.origin === 'array') {
        const count = Array.isArray(input) ? input.length : 0;
        return issue.exact
          ? msg(
              `${zh}应有 ${max} 个数，实有 ${count} 个`,
              `${en} must have exactly ${max} numbers, found ${count}`,
            )
          : msg(
              `${zh}最多 ${max} 项，实有 ${count} 项`,
              `${en} may have at most ${max} entries, found ${count}`,
            );
      }
      return msg(`${zh}太大`, `${en} is too large`);
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      return msg(
        `${zh}应为 ${options.join('、')} 之一，实为 ${shown(input)}`,
        `${en} must be one of ${options.join(', ')}; found ${shown(input)}`,
      );
    }
    default:
      return msg(`${zh}无效：${issue.message}`, `${en} is not valid: ${issue.message}`);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One zod issue as an error that names the row, the field, what was found and what was expected. */
export function planInputError(issue: z.core.$ZodIssue, body: unknown): PlanInputError {
  const path = issue.path;
  const row = rowOf(body, path);
  const section = typeof path[0] === 'string' ? SECTIONS[path[0]] : undefined;
  const rel = row === undefined ? path : path.slice(2);
  let message: Bilingual;
  if (path.length === 0 && issue.code === 'invalid_type') {
    message = msg('请求应为 JSON 对象', 'The request must be a JSON object');
  } else if (path.length === 1 && path[0] === 'method' && issue.code === 'invalid_value') {
    message = msg(
      `未知的分解方法 ${shown(issue.input)}，应为 ${SPLIT_METHODS.join('、')} 之一`,
      `Unknown method ${shown(issue.input)}; expected one of ${SPLIT_METHODS.join(', ')}`,
    );
  } else {
    message = describe(issue, fieldLabel(rel, path));
  }
  if (row !== undefined && section) {
    return {
      path: pathText(path),
      row,
      message: msg(`${section[0]}${row}行：${message['zh-CN']}`, `${section[1]} ${row}: ${message['en-US']}`),
    };
  }
  return { path: pathText(path), message: msg(message['zh-CN'], capitalise(message['en-US'])) };
}

function parseWith<T>(schema: z.ZodType<T>, body: unknown): ParseResult<T> {
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => planInputError(issue, body)) };
}

/** Validate a `POST /api/plans/split` body. */
export const parseSplitRequest = (body: unknown): ParseResult<SplitRequest> =>
  parseWith(SplitRequestSchema, body);
/** Validate a `PUT /api/plans/{year}` body. */
export const parsePlanVersionInput = (body: unknown): ParseResult<PlanVersionInput> =>
  parseWith(PlanVersionInputSchema, body);
/** Validate a `POST /api/plans/{year}/progress` body. */
export const parseProgressRequest = (body: unknown): ParseResult<ProgressRequest> =>
  parseWith(ProgressRequestSchema, body);
