// Workflow: ask the API for receivables (as of a date), the statements or the scorecard (a month) and
// write the result sheets SalesDesk owns; a re-run replaces them in place, source sheets are never touched.
import type {
  AgingBasis,
  CustomerStatement,
  ReceivablesResponse,
  StatementResponse,
} from '../../../functions/src/contract/receivables';
import type { ScorecardResponse } from '../../../functions/src/contract/scorecard';
import type { ProgressBasis } from '../../../functions/src/contract/plans';
import type { Bilingual } from '../../../functions/src/contract/text';
import { lastDay } from '../../../functions/src/domain/monthEnd/chinaTime';
import { ApiError, type ApiClient } from '../api/client';
import type { Locale } from '../i18n/locale';
import type { PageLayout, WorkbookAdapter, WrittenSheet } from '../workbook/adapter';
import { asReceivablesError } from './errors';
import { AGING_SHEET, SCORECARD_SHEET, agingSheet, scorecardSheet } from './sheets';
import { statementLocale, statementSheet, statementSheetName } from './statementSheet';

type Api = Pick<ApiClient, 'request' | 'baseUrl'>;

/** GET /receivables as of a day (optionally one rep's customers), aged by ship or invoice date. */
export async function fetchReceivables(
  client: Api,
  options: { asOf: string; basis?: AgingBasis; rep?: string; signal?: AbortSignal },
): Promise<ReceivablesResponse> {
  const query = new URLSearchParams({ asOf: options.asOf, basis: options.basis ?? 'shipment' });
  if (options.rep) query.set('rep', options.rep);
  const { data } = await client.request<ReceivablesResponse>(
    'GET',
    `/receivables?${query.toString()}`,
    undefined,
    options.signal ? { signal: options.signal } : {},
  );
  return data;
}

/** The reps of a receivables answer, sorted (the pane's rep picker). */
export function repsOf(answer: ReceivablesResponse): string[] {
  return [...new Set(answer.customers.map((c) => c.rep).filter((r): r is string => !!r))].sort((a, b) =>
    a.localeCompare(b, 'zh-CN'),
  );
}

export async function writeAgingSheet(
  workbook: WorkbookAdapter,
  client: Api,
  options: { asOf: string; basis?: AgingBasis; rep?: string; locale: Locale; signal?: AbortSignal },
): Promise<WrittenSheet> {
  try {
    const data = await fetchReceivables(client, options);
    const written = await workbook.writeResultSheet(AGING_SHEET[options.locale], {
      ...agingSheet(data, options.locale, options.rep),
      activate: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await workbook.setPageLayout(written.name, wideLayout(written));
    return written;
  } catch (error) {
    throw asReceivablesError(error, client.baseUrl, []);
  }
}

/**
 * 业务员考核 for a month. The basis (orders or shipments) is the API's unless asked: the answer says
 * which, and the sheet's title states it.
 */
export async function writeScorecardSheet(
  workbook: WorkbookAdapter,
  client: Api,
  options: { month: string; basis?: ProgressBasis; locale: Locale; signal?: AbortSignal },
): Promise<{ written: WrittenSheet; basisLabel: Bilingual }> {
  try {
    const { data } = await client.request<ScorecardResponse>(
      'GET',
      `/scorecard/${options.month}${options.basis ? `?basis=${options.basis}` : ''}`,
      undefined,
      options.signal ? { signal: options.signal } : {},
    );
    const written = await workbook.writeResultSheet(SCORECARD_SHEET[options.locale], {
      ...scorecardSheet(data, options.locale),
      activate: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await workbook.setPageLayout(written.name, wideLayout(written));
    return { written, basisLabel: data.basisLabel };
  } catch (error) {
    throw asReceivablesError(error, client.baseUrl, []);
  }
}

/** Aging and scorecard: landscape A4, all columns on one page wide, the first table's header repeated. */
function wideLayout(written: WrittenSheet): PageLayout {
  return a4Layout(written, 'landscape');
}

/** A4 in the given orientation, one page wide, the first table's header repeated on every page. */
function a4Layout(written: WrittenSheet, orientation: PageLayout['orientation']): PageLayout {
  return {
    paper: 'A4',
    orientation,
    printArea: printedBlock(written),
    fitToWidth: true,
    printTitleRows: written.tables[0] ? { first: written.tables[0].headerRow, count: 1 } : null,
    pageBreaksBefore: [],
    centerHorizontally: true,
  };
}

/** From A1 to the last table's last row (a table's totals row sits before the next table's caption). */
function printedBlock(written: WrittenSheet): PageLayout['printArea'] {
  const last = written.tables[written.tables.length - 1];
  const bottom = last ? last.headerRow + last.rowCount : 0;
  const width = Math.max(1, ...written.tables.map((t) => t.columnCount));
  return { row: 0, col: 0, rowCount: bottom + 1, colCount: width };
}

/**
 * A statement prints on A4 portrait, one page wide (the nine columns are laid out for it), the line
 * header repeated on every page of a long statement; the aging and the confirmation block end it.
 */
export function statementPageLayout(written: WrittenSheet): PageLayout {
  return a4Layout(written, 'portrait');
}

export interface StatementProgress {
  done: number;
  total: number;
  customer: string;
}

export interface StatementsOutcome {
  /** One sheet per customer and currency, in the order written. */
  written: (WrittenSheet & { statement: CustomerStatement })[];
  /** Customers asked for that have nothing up to the month end (a typed name not in the ledgers). */
  missing: { customer: string; text: Bilingual }[];
  /** True when the API has no company name for the heading (SALESDESK_COMPANY_NAME not set). */
  noCompany: boolean;
}

/**
 * 客户对账单 for every customer of a rep (customers dealt with up to the month end), or a chosen list: one
 * sheet per customer and currency, each set to print on A4, one request per customer, written one after
 * the other. A customer the API does not know is named in `missing` and the others are still written;
 * any other failure (or a cancel) stops, and the error names the sheets already written (they stay).
 */
export async function writeStatementSheets(
  workbook: WorkbookAdapter,
  client: Api,
  options: {
    month: string;
    rep?: string;
    customers?: readonly string[];
    locale: Locale;
    signal?: AbortSignal;
    onProgress?: (progress: StatementProgress) => void;
  },
): Promise<StatementsOutcome> {
  const outcome: StatementsOutcome = { written: [], missing: [], noCompany: false };
  const init = options.signal ? { signal: options.signal } : {};
  try {
    let customers = options.customers
      ? [...new Set(options.customers.map((c) => c.trim()).filter(Boolean))]
      : [];
    if (!options.customers) {
      const data = await fetchReceivables(client, {
        asOf: lastDay(options.month),
        ...(options.rep ? { rep: options.rep } : {}),
        ...init,
      });
      customers = [...new Set(data.customers.map((c) => c.customer))];
    }
    for (const [i, customer] of customers.entries()) {
      options.onProgress?.({ done: i, total: customers.length, customer });
      let data: StatementResponse;
      try {
        ({ data } = await client.request<StatementResponse>(
          'GET',
          `/statements/${encodeURIComponent(customer)}?month=${options.month}`,
          undefined,
          init,
        ));
      } catch (error) {
        if (error instanceof ApiError && error.kind === 'http' && error.status === 404) {
          outcome.missing.push({ customer, text: error.text });
          continue;
        }
        throw error;
      }
      if (!data.company) outcome.noCompany = true;
      for (const statement of data.statements) {
        const locale = statementLocale(statement, options.locale);
        const written = await workbook.writeResultSheet(statementSheetName(statement, locale), {
          ...statementSheet(statement, locale, data.company ?? null),
          ...init,
        });
        await workbook.setPageLayout(written.name, statementPageLayout(written));
        outcome.written.push({ ...written, statement });
      }
    }
    options.onProgress?.({ done: customers.length, total: customers.length, customer: '' });
    return outcome;
  } catch (error) {
    throw asReceivablesError(
      error,
      client.baseUrl,
      outcome.written.map((w) => w.name),
    );
  }
}
