// The engine's checkPolicy problems (section / index / field) placed on the sheet's cells. A problem
// between two rows (a tie, a duplicate) is shown on both; a cell the reader already reported gets
// no second message.
import type { PolicyLocation, PolicyProblem } from '../../../functions/src/contract/pricing';
import type { Bilingual } from '../i18n/locale';
import { headerAt, locate } from './locate';
import { at, bi, rowList, type Problems } from './problems';
import type { PolicyCell, PolicySheetLayout } from './types';

function keyOf(where: PolicyLocation): string | undefined {
  if (where.section === 'products') return where.model;
  if (where.section === 'rules') return where.ruleId;
  if (where.section === 'creditLimits') return where.customer;
  return undefined;
}

/** `返点档位第 2 条：…` counts tiers in the policy, not sheet rows: on the sheet the cell says where. */
const POSITION_PREFIX = {
  'zh-CN': /^(?:返点档位|信用额度)第 \d+ 条(?:（[^）]*）)?：/,
  'en-US': /^(?:Rebate tier|Credit limit) \d+(?: \([^)]*\))?: /,
};

function withoutPosition(problem: PolicyProblem): Bilingual {
  const s = problem.where.section;
  if (s !== 'rebateTiers' && s !== 'creditLimits') return problem.message;
  return bi(
    problem.message['zh-CN'].replace(POSITION_PREFIX['zh-CN'], ''),
    problem.message['en-US'].replace(POSITION_PREFIX['en-US'], ''),
  );
}

/** Messages that name positions in the array (`product 3`) are said again with sheet rows. */
function checkMessage(problem: PolicyProblem, rows: readonly number[]): Bilingual {
  const [first, second] = [...rows].sort((a, b) => a - b);
  if (first === undefined || second === undefined) return withoutPosition(problem);
  const key = keyOf(problem.where) ?? '';
  if (problem.code === 'duplicate_rebate_tier') {
    return bi(
      `返点档位重复，出现在第 ${first} 行和第 ${second} 行；同一客户类别、新老客户和年度销量起点只能有一行`,
      `the rebate tier is listed twice, on rows ${first} and ${second}; each customer class, new/old and threshold may have one row only`,
    );
  }
  if (problem.code === 'duplicate_credit_limit') {
    return bi(
      `客户 ${key} 的信用额度重复，出现在第 ${first} 行和第 ${second} 行；每个客户每种币种只能有一行`,
      `the credit limit of ${key} is listed twice, on rows ${first} and ${second}; one row per customer and currency`,
    );
  }
  if (problem.code === 'duplicate_model') {
    return bi(
      `型号 ${key} 重复，出现在第 ${first} 行和第 ${second} 行；每个型号只能有一行`,
      `model ${key} is listed twice, on rows ${first} and ${second}; each model may have one row only`,
    );
  }
  if (problem.code === 'duplicate_rule_id') {
    return bi(
      `规则编号 ${key} 重复，出现在第 ${first} 行和第 ${second} 行；每条规则的编号须唯一`,
      `rule id ${key} is used twice, on rows ${first} and ${second}; each rule needs its own id`,
    );
  }
  const list = rowList([...rows].sort((a, b) => a - b));
  return bi(
    `${problem.message['zh-CN']}（涉及${list['zh-CN']}）`,
    `${problem.message['en-US']} (${list['en-US']})`,
  );
}

export function addCheckProblems(
  checked: readonly PolicyProblem[],
  layout: PolicySheetLayout,
  problems: Problems,
  skipEffectiveDate: boolean,
): void {
  const sheet = layout.sheet;
  // One problem per cell: a cell the reader could not read needs no second message from the check.
  const readCells = new Set(problems.list.map((p) => p.cell).filter((c): c is string => c !== null));
  for (const problem of checked) {
    if (skipEffectiveDate && problem.where.section === 'policy' && problem.where.field === 'effectiveDate')
      continue;
    const places = [problem.where, ...(problem.also ?? [])].map((where) => ({
      where,
      cell: locate(layout, where),
    }));
    const main = places[0];
    if (!main || (main.cell && readCells.has(main.cell.cell))) continue;
    const cells = places.map((p) => p.cell).filter((c): c is PolicyCell => c !== null);
    const message =
      cells.length > 1
        ? checkMessage(
            problem,
            cells.map((c) => c.row),
          )
        : withoutPosition(problem);
    // A problem between two rows (a tie, a duplicate) is shown on both of them.
    for (const place of places) {
      if (place !== main && !place.cell) continue;
      const also = cells.filter((c) => c !== place.cell);
      problems.add(
        problem.code,
        problem.severity,
        place.cell,
        at(sheet, place.cell, headerAt(layout, place.where), message),
        'check',
        also,
      );
    }
  }
}
