// Workflow: ask the API for receivables (as of a date) or the scorecard (a month) and write the result
// sheet SalesDesk owns; a re-run replaces it in place, source sheets are never touched.
import type { ReceivablesResponse, StatementResponse } from '../../../functions/src/contract/receivables';
import type { ScorecardResponse } from '../../../functions/src/contract/scorecard';
import type { ApiClient } from '../api/client';
import type { Locale } from '../i18n/locale';
import type { WorkbookAdapter, WrittenSheet } from '../workbook/adapter';
import { AGING_SHEET, SCORECARD_SHEET, agingSheet, scorecardSheet } from './sheets';
import { statementLocale, statementSheet, statementSheetName } from './statementSheet';

export async function writeAgingSheet(
  workbook: WorkbookAdapter,
  client: ApiClient,
  options: { asOf: string; basis?: 'shipment' | 'invoice'; rep?: string; locale: Locale },
): Promise<WrittenSheet> {
  const query = new URLSearchParams({ asOf: options.asOf, basis: options.basis ?? 'shipment' });
  if (options.rep) query.set('rep', options.rep);
  const { data } = await client.request<ReceivablesResponse>('GET', `/receivables?${query.toString()}`);
  return workbook.writeResultSheet(AGING_SHEET[options.locale], {
    ...agingSheet(data, options.locale),
    activate: true,
  });
}

export async function writeScorecardSheet(
  workbook: WorkbookAdapter,
  client: ApiClient,
  options: { month: string; basis?: 'orders' | 'shipments'; locale: Locale },
): Promise<WrittenSheet> {
  const { data } = await client.request<ScorecardResponse>(
    'GET',
    `/scorecard/${options.month}?basis=${options.basis ?? 'shipments'}`,
  );
  return workbook.writeResultSheet(SCORECARD_SHEET[options.locale], {
    ...scorecardSheet(data, options.locale),
    activate: true,
  });
}

/**
 * 客户对账单 for every customer of a rep (customers dealt with up to the month end), or a chosen list: one
 * sheet per customer and currency, one request per customer, written one after the other.
 */
export async function writeStatementSheets(
  workbook: WorkbookAdapter,
  client: ApiClient,
  options: { month: string; rep?: string; customers?: readonly string[]; locale: Locale },
): Promise<WrittenSheet[]> {
  let customers = options.customers ? [...options.customers] : [];
  if (!options.customers) {
    const [y, m] = options.month.split('-').map(Number) as [number, number];
    const asOf = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const query = new URLSearchParams({ asOf });
    if (options.rep) query.set('rep', options.rep);
    const { data } = await client.request<ReceivablesResponse>('GET', `/receivables?${query.toString()}`);
    customers = [...new Set(data.customers.map((c) => c.customer))];
  }
  const written: WrittenSheet[] = [];
  for (const customer of customers) {
    const { data } = await client.request<StatementResponse>(
      'GET',
      `/statements/${encodeURIComponent(customer)}?month=${options.month}`,
    );
    for (const statement of data.statements) {
      const locale = statementLocale(statement, options.locale);
      written.push(
        await workbook.writeResultSheet(
          statementSheetName(statement, locale),
          statementSheet(statement, locale),
        ),
      );
    }
  }
  return written;
}
