/**
 * 年度计划 → 月度计划: every row of a split request gets 12 months by the requested method, falling back
 * (history → season profile → even) where the method has nothing to go by, and saying so per row. All
 * arithmetic is on bigint units of one decimal scale for the whole request, so rows and totals add up exactly.
 */
import type {
  Bilingual,
  SplitBasis,
  SplitMethod,
  SplitRequest,
  SplitResponse,
  SplitResultRow,
} from '../../contract/plans';
import { fromUnits, scaleOf, toUnits } from '../../contract/decimal';
import { dimension, hasShape, historyShapes, regionKey, type HistoryShapes } from './history';
import { integerWeights } from './largestRemainder';
import { builtInProfile, springFestival } from './seasonProfiles';
import { lockedByMonth, splitRowUnits } from './splitRow';
import { workdaysPerMonth } from './workdays';
import { bilingual as msg } from '../../contract/text';

const EVEN: readonly bigint[] = new Array<bigint>(12).fill(1n);
const MONTH_NAMES_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Shape {
  weights: readonly bigint[];
  method: SplitMethod;
  reason?: Bilingual;
}

type ProfileLookup =
  | { kind: 'found'; weights: bigint[] }
  | { kind: 'allZero'; source: 'request' | 'builtIn' }
  | { kind: 'missing' };

function joinReasons(a: Bilingual | undefined, b: Bilingual): Bilingual {
  return a ? msg(`${a['zh-CN']}；${b['zh-CN']}`, `${a['en-US']}; ${b['en-US']}`) : b;
}

function listRows(labels: readonly number[]): Bilingual {
  const shown = labels.slice(0, 10);
  const more = labels.length > shown.length;
  return msg(
    `第${shown.join('、')}行${more ? `等 ${labels.length} 行` : ''}`,
    `Row${labels.length > 1 ? 's' : ''} ${shown.join(', ')}${more ? ` and ${labels.length - shown.length} more` : ''}`,
  );
}

/** Finds each row's weights for the request's method, memoised by product type + region. */
function shapeFinder(
  request: SplitRequest,
  notes: Bilingual[],
): (productType: string, region?: string) => Shape {
  const overrides = new Map<string, readonly number[]>();
  for (const [name, weights] of Object.entries(request.profiles ?? {})) overrides.set(name.trim(), weights);
  let springNoted = false;

  const profile = (productType: string): ProfileLookup => {
    const own = overrides.get(productType);
    if (own) {
      const weights = integerWeights(own);
      return weights.some((w) => w > 0n)
        ? { kind: 'found', weights }
        : { kind: 'allZero', source: 'request' };
    }
    const builtIn = builtInProfile(productType, request.year);
    if (!builtIn) return { kind: 'missing' };
    if (builtIn.springFestivalInJanuary && !springNoted) {
      springNoted = true;
      const { date } = springFestival(request.year);
      notes.push(
        msg(
          `${request.year}年春节在 1 月（${date}），内置季节曲线已将 1 月、2 月对调`,
          `The Spring Festival falls in January in ${request.year} (${date}): the built-in season profiles swap January and February`,
        ),
      );
    }
    return { kind: 'found', weights: integerWeights(builtIn.weights) };
  };

  const profileShape = (productType: string, why?: Bilingual): Shape => {
    const found = profile(productType);
    if (found.kind === 'found') return { weights: found.weights, method: 'profile', reason: why };
    const reason =
      found.kind === 'allZero'
        ? msg(
            `季节曲线“${productType}”各月权重全为 0，平均分配`,
            `season profile "${productType}" is all zeros; spread evenly`,
          )
        : msg(
            `没有产品类别“${productType}”的季节曲线，平均分配`,
            `no season profile for product type "${productType}"; spread evenly`,
          );
    return { weights: EVEN, method: 'even', reason: why ? joinReasons(why, reason) : reason };
  };

  let find: (productType: string, region?: string) => Shape;
  switch (request.method) {
    case 'even':
      find = () => ({ weights: EVEN, method: 'even' });
      break;
    case 'workdays': {
      const calendar = workdaysPerMonth(request.year);
      const days = calendar.days;
      const weights = days.map((d) => BigInt(d));
      if (calendar.official) {
        notes.push(
          msg(
            `${request.year}年按法定节假日和调休安排计工作日：${days.map((d, i) => `${i + 1}月${d}天`).join('，')}`,
            `Working days in ${request.year} under the statutory holidays and make-up days: ${days.map((d, i) => `${MONTH_NAMES_EN[i]} ${d}`).join(', ')}`,
          ),
        );
      } else {
        notes.push(
          msg(
            `日历库（chinese-days 1.5.7）只有 2004–2026 年的官方节假日安排；${request.year}年改按周一至周五计工作日，未计法定节假日和调休：${days.map((d, i) => `${i + 1}月${d}天`).join('，')}`,
            `The holiday calendar (chinese-days 1.5.7) knows the official arrangement only for 2004–2026; ${request.year} counts Monday–Friday without statutory holidays or make-up days: ${days.map((d, i) => `${MONTH_NAMES_EN[i]} ${d}`).join(', ')}`,
          ),
        );
      }
      find = () => ({ weights, method: 'workdays' });
      break;
    }
    case 'profile':
      find = (productType) => profileShape(productType);
      break;
    case 'history': {
      const shapes: HistoryShapes = historyShapes(request.history ?? [], request.year);
      if (shapes.used === 0) {
        notes.push(
          msg(
            `没有 ${request.year} 年以前的历史实绩，各行改用季节曲线（没有曲线的平均分配）`,
            `No actuals before ${request.year} were given: rows use their season profile (or an even split)`,
          ),
        );
      } else {
        const span =
          shapes.years.length > 1 ? `${shapes.years[0]}–${shapes.years.at(-1)}` : `${shapes.years[0]}`;
        notes.push(
          msg(
            `历史法按 ${span} 年的 ${shapes.used} 条实绩的月度结构分解`,
            `The history method follows the monthly shape of ${shapes.used} actual ${shapes.used === 1 ? 'entry' : 'entries'} from ${span}`,
          ),
        );
      }
      if (shapes.ignored > 0) {
        notes.push(
          msg(
            `${shapes.ignored} 条实绩日期在 ${request.year} 年或以后，未计入历史结构`,
            `${shapes.ignored} actual ${shapes.ignored === 1 ? 'entry' : 'entries'} dated ${request.year} or later were left out of the history shape`,
          ),
        );
      }
      find = (productType, region) => {
        if (region) {
          const own = shapes.byProductTypeRegion.get(regionKey(productType, region));
          if (hasShape(own)) return { weights: own, method: 'history' };
        }
        const all = shapes.byProductType.get(productType);
        if (hasShape(all)) {
          return {
            weights: all,
            method: 'history',
            reason: region
              ? msg(
                  `片区“${region}”没有“${productType}”的上年实绩，按该产品类别全部片区的月度结构`,
                  `no prior-year actuals for "${productType}" in region "${region}"; used the product type's shape across all regions`,
                )
              : undefined,
          };
        }
        return profileShape(
          productType,
          msg(
            `没有“${productType}”的上年实绩，改用季节曲线`,
            `no prior-year actuals for "${productType}"; used the season profile`,
          ),
        );
      };
      break;
    }
  }

  const memo = new Map<string, Shape>();
  return (productType, region) => {
    const key = regionKey(productType, region ?? '');
    let shape = memo.get(key);
    if (!shape) {
      shape = find(productType, region);
      memo.set(key, shape);
    }
    return shape;
  };
}

function addInto(map: Map<string, bigint[]>, key: string, months: readonly bigint[]): void {
  let sums = map.get(key);
  if (!sums) {
    sums = new Array<bigint>(12).fill(0n);
    map.set(key, sums);
  }
  for (let m = 0; m < 12; m++) sums[m] = (sums[m] ?? 0n) + (months[m] ?? 0n);
}

/** Split every row of a (validated) request into 12 months, with totals and notes. */
export function splitPlan(request: SplitRequest): SplitResponse {
  const notes: Bilingual[] = [];
  const shapeOf = shapeFinder(request, notes);

  let scale = scaleOf(request.roundTo);
  for (const row of request.rows) {
    scale = Math.max(scale, scaleOf(row.annual));
    for (const amount of Object.values(row.locked ?? {})) scale = Math.max(scale, scaleOf(amount));
  }
  const step = toUnits(request.roundTo, scale);
  const out = (units: bigint): number => fromUnits(units, scale);

  const byMonth = new Array<bigint>(12).fill(0n);
  const byProductType = new Map<string, bigint[]>();
  const byRegion = new Map<string, bigint[]>();
  let annualTotal = 0n;
  const remainderRows: number[] = [];
  const fallbackRows: number[] = [];

  const rows = request.rows.map((row, i): SplitResultRow => {
    const label = row.sheetRow ?? i + 1;
    const productType = row.productType.trim();
    const region = dimension(row.region);
    const shape = shapeOf(productType, region);
    const annual = toUnits(row.annual, scale);
    const locked = lockedByMonth(row.locked).map((x) => (x === undefined ? undefined : toUnits(x, scale)));
    const split = splitRowUnits(annual, locked, shape.weights, step);

    let reason = shape.reason;
    if (split.spreadEvenly) {
      reason = joinReasons(
        reason,
        msg(
          '未锁定月份的权重全为 0，余额平均分配到未锁定月份',
          'the unlocked months all weigh 0, so the rest is spread evenly over them',
        ),
      );
    }
    if (reason) fallbackRows.push(label);
    const basis: SplitBasis = { method: shape.method };
    if (reason) basis.reason = reason;
    if (split.remainderMonth !== null) {
      basis.remainderMonth = split.remainderMonth;
      remainderRows.push(label);
    }

    annualTotal += annual;
    addInto(byProductType, productType, split.months);
    if (region) addInto(byRegion, region, split.months);
    for (let m = 0; m < 12; m++) byMonth[m] = (byMonth[m] ?? 0n) + (split.months[m] ?? 0n);

    return { ...row, months: split.months.map(out), basis };
  });

  if (fallbackRows.length > 0) {
    const rowsText = listRows(fallbackRows);
    notes.push(
      msg(
        `${rowsText['zh-CN']}未能完全按所选方法分解，原因见各行说明`,
        `${rowsText['en-US']} could not follow the chosen method fully; each row's basis says why`,
      ),
    );
  }
  if (remainderRows.length > 0) {
    const rowsText = listRows(remainderRows);
    notes.push(
      msg(
        `${rowsText['zh-CN']}的年度目标（扣除锁定月份后）不是取整单位 ${request.roundTo} 的整数倍：零头计入权重最大的未锁定月份，12 个月合计仍等于年度目标`,
        `${rowsText['en-US']}: the annual target (less locked months) is not a multiple of ${request.roundTo}; the odd remainder goes to the heaviest unlocked month, so the 12 months still add up to the annual target`,
      ),
    );
  }

  const record = (map: Map<string, bigint[]>): Record<string, number[]> =>
    Object.fromEntries([...map].map(([key, months]) => [key, months.map(out)]));
  return {
    year: request.year,
    roundTo: request.roundTo,
    method: request.method,
    rows,
    totals: {
      byMonth: byMonth.map(out),
      byProductType: record(byProductType),
      byRegion: record(byRegion),
      annual: out(annualTotal),
    },
    notes,
  };
}
