// Workflow: ask the API for receivables (as of a date) or the scorecard (a month) and write the result
// sheet SalesDesk owns; a re-run replaces it in place, source sheets are never touched.
import type { ReceivablesResponse } from '../../../functions/src/contract/receivables';
import type { ScorecardResponse } from '../../../functions/src/contract/scorecard';
import type { ApiClient } from '../api/client';
import type { Locale } from '../i18n/locale';
import type { WorkbookAdapter, WrittenSheet } from '../workbook/adapter';
import { AGING_SHEET, SCORECARD_SHEET, agingSheet, scorecardSheet } from './sheets';

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
