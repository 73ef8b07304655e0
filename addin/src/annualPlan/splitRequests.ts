// What the pane sends to `POST /api/plans/split` (in 2,000-row chunks, each carrying the profiles and
// the history it needs), how the answers are put back together with exact totals, and the plan
// version `PUT /api/plans/{year}` publishes.
import type {
  ActualEntry,
  Bilingual,
  PlanUnit,
  PlanVersionInput,
  SplitMethod,
  SplitRequest,
  SplitResponse,
  SplitResultRow,
} from '../../../functions/src/contract/plans';
import type { PlanSheetRow } from './readAnnualPlan';
import { exactColumnSums } from './units';

/** Rows per split request: the API takes 50,000, but smaller requests answer sooner and show progress. */
export const SPLIT_CHUNK_ROWS = 2000;

export interface SplitInput {
  year: number;
  roundTo: number;
  method: SplitMethod;
  rows: readonly PlanSheetRow[];
  /** From a 季节系数 sheet; the built-in profiles cover product types it lacks. */
  profiles?: Readonly<Record<string, number[]>>;
  /** Prior-year actuals (monthly sums) for the `history` method. */
  history?: readonly ActualEntry[];
}

export function splitRequests(input: SplitInput, chunkRows = SPLIT_CHUNK_ROWS): SplitRequest[] {
  const base: Omit<SplitRequest, 'rows'> = { year: input.year, roundTo: input.roundTo, method: input.method };
  // Profiles matter to `profile` and as the fallback of `history`; history only to `history`.
  if (
    input.profiles &&
    Object.keys(input.profiles).length > 0 &&
    (input.method === 'profile' || input.method === 'history')
  )
    base.profiles = { ...input.profiles };
  if (input.method === 'history' && input.history) base.history = [...input.history];
  const out: SplitRequest[] = [];
  for (let i = 0; i < input.rows.length; i += chunkRows) {
    out.push({
      ...base,
      rows: input.rows.slice(i, i + chunkRows).map((r) => {
        const row: SplitRequest['rows'][number] = {
          productType: r.productType,
          annual: r.annual,
          sheetRow: r.sheetRow,
        };
        if (r.region) row.region = r.region;
        if (r.rep) row.rep = r.rep;
        if (r.locked) row.locked = { ...r.locked };
        return row;
      }),
    });
  }
  return out;
}

function sumsBy(rows: readonly SplitResultRow[], keyOf: (r: SplitResultRow) => string | undefined) {
  const groups = new Map<string, number[][]>();
  for (const r of rows) {
    const k = keyOf(r);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(r.months);
    else groups.set(k, [r.months]);
  }
  const out: Record<string, number[]> = {};
  for (const [k, months] of groups) out[k] = exactColumnSums(months, 12);
  return out;
}

/** The answers of one split's chunks as one answer: rows in order, totals recomputed exactly, notes once. */
export function mergeSplitResponses(responses: readonly SplitResponse[]): SplitResponse {
  const first = responses[0];
  if (!first) throw new Error('mergeSplitResponses: no responses');
  const rows = responses.flatMap((r) => r.rows);
  const seen = new Set<string>();
  const notes: Bilingual[] = [];
  for (const n of responses.flatMap((r) => r.notes)) {
    if (seen.has(n['zh-CN'])) continue;
    seen.add(n['zh-CN']);
    notes.push(n);
  }
  const byMonth = exactColumnSums(
    rows.map((r) => r.months),
    12,
  );
  return {
    year: first.year,
    roundTo: first.roundTo,
    method: first.method,
    rows,
    totals: {
      byMonth,
      byProductType: sumsBy(rows, (r) => r.productType.trim()),
      byRegion: sumsBy(rows, (r) => r.region?.trim() || undefined),
      annual: exactColumnSums(
        rows.map((r) => [r.annual]),
        1,
      )[0] as number,
    },
    notes,
  };
}

/** The split as a plan version to publish. */
export function planVersionInput(split: SplitResponse, unit: PlanUnit): PlanVersionInput {
  return {
    year: split.year,
    unit,
    roundTo: split.roundTo,
    method: split.method,
    rows: split.rows.map((r) => {
      const row: PlanVersionInput['rows'][number] = {
        productType: r.productType,
        annual: r.annual,
        months: [...r.months],
      };
      if (r.region) row.region = r.region;
      if (r.rep) row.rep = r.rep;
      if (r.sheetRow !== undefined) row.sheetRow = r.sheetRow;
      return row;
    }),
  };
}
