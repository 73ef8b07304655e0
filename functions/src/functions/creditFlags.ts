/**
 * 信用预警 over HTTP: `GET /api/credit-flags?asOf=YYYY-MM`, the credit flags of the latest month-end
 * report at or before the month. Thin shell over the month-end repository and domain/regions: the
 * report is company-wide (managers are refused it), its flags are per customer, so a regional manager
 * reads the flags of their own 片区's customers (access.ts marks the route `region: 'own'`).
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { CreditFlagsResponse } from '../contract/creditFlags';
import { MONTH_PATTERN } from '../contract/monthEnd';
import { lastDay } from '../domain/monthEnd';
import { regionIndex, scopeCreditFlags } from '../domain/regions';
import { HttpError, jsonResponse, bilingual, withErrors } from '../http';
import { regionScope } from '../http/regionScope';
import type { HttpRoute } from '../http/route';
import { openLedgerRepository } from '../storage/ledgerRepository';
import { openMonthEndRepository } from '../storage/monthEndRepository';
import { ledgersUpTo } from './ledgerReads';

// GET /api/credit-flags?asOf=YYYY-MM
export async function creditFlagsHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const scope = regionScope(request);
  const asOf = request.query.get('asOf') ?? '';
  if (!MONTH_PATTERN.test(asOf)) {
    throw new HttpError(
      400,
      'bad_as_of',
      bilingual(
        `月份 asOf 应为 YYYY-MM（如 2026-05），实为 "${asOf}"。`,
        `asOf must be a month YYYY-MM (e.g. 2026-05), found "${asOf}".`,
      ),
      { asOf },
    );
  }
  const report = await (await openMonthEndRepository()).reportAtOrBefore(asOf);
  // No month end run yet is an answer, not an error: the price check asks on every run.
  if (!report) {
    const none: CreditFlagsResponse = {
      asOf,
      month: null,
      version: null,
      credit: null,
      scope: scopeCreditFlags([], scope, noIndex).scope,
    };
    return jsonResponse(none, 200, { 'Cache-Control': 'no-cache' });
  }
  const flags = report.credit?.flags ?? [];
  // A manager's customers are found by 片区/业务员 on the ledgers up to the report's month end, as the
  // receivables find them; the others read every flag without the ledgers.
  const index = scope.all
    ? null
    : regionIndex({
        ...(await ledgersUpTo(await openLedgerRepository(), report.month, [
          'orders',
          'shipments',
          'receipts',
          'openings',
        ])),
        upTo: lastDay(report.month),
      });
  const scoped = scopeCreditFlags(flags, scope, index ?? noIndex);
  const body: CreditFlagsResponse = {
    asOf,
    month: report.month,
    version: report.version,
    credit: report.credit
      ? {
          source: report.credit.source ?? null,
          policyVersion: report.credit.policyVersion ?? null,
          maxDays: report.credit.check.maxDays,
          flags: scoped.flags,
        }
      : null,
    scope: scoped.scope,
  };
  return jsonResponse(body, 200, { 'Cache-Control': 'no-cache' });
}

/** Every region's scope never asks the index. */
const noIndex = { customer: () => null, rep: () => null, knowsCustomer: () => false };

export const creditFlagsRoutes: readonly HttpRoute[] = [
  {
    name: 'credit-flags',
    methods: ['GET'],
    route: 'credit-flags',
    handler: withErrors(creditFlagsHandler),
    authLevel: 'anonymous',
  },
];
