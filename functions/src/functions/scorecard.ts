/**
 * The rep scorecard over HTTP: `GET /api/scorecard/{yyyy-mm}[?basis=orders|shipments]` (default
 * shipments). Thin shell: the year's published plan from the plan repository, every synced month of
 * orders, shipments and receipts up to the month from the ledger repository; the work is
 * domain/scorecard. Readers: anyone signed in.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { PROGRESS_BASES, type ProgressBasis } from '../contract/plans';
import { buildScorecard } from '../domain/scorecard';
import { HttpError, jsonResponse, bilingual, withErrors } from '../http';
import { signedIn } from '../http/publishing';
import type { HttpRoute } from '../http/route';
import { openLedgerRepository } from '../storage/ledgerRepository';
import { openPlanRepository } from '../storage/planRepository';
import { monthOfRequest } from './ledgers';
import { ledgersUpTo } from './receivables';

// GET /api/scorecard/{yyyy-mm}
export async function scorecardHandler(request: HttpRequest): Promise<HttpResponseInit> {
  signedIn(request);
  const month = monthOfRequest(request);
  const basis = request.query.get('basis') ?? 'shipments';
  if (!(PROGRESS_BASES as readonly string[]).includes(basis)) {
    throw new HttpError(
      400,
      'bad_basis',
      bilingual(
        `basis 应为 orders（按订单）或 shipments（按发货），实为 "${basis}"。`,
        `basis must be orders or shipments, found "${basis}".`,
      ),
      { basis, expected: PROGRESS_BASES },
    );
  }
  const [ledgers, plans] = await Promise.all([openLedgerRepository(), openPlanRepository()]);
  const [rows, stored] = await Promise.all([
    ledgersUpTo(ledgers, month, ['orders', 'shipments', 'receipts', 'openings']),
    plans.read(Number(month.slice(0, 4))),
  ]);
  const card = buildScorecard({
    month,
    basis: basis as ProgressBasis,
    plan: stored ? { version: stored.info.version, plan: stored.plan } : null,
    orders: rows.orders,
    shipments: rows.shipments,
    receipts: rows.receipts,
    openings: rows.openings,
  });
  return jsonResponse(card, 200, { 'Cache-Control': 'no-cache' });
}

export const scorecardRoutes: readonly HttpRoute[] = [
  {
    name: 'scorecard',
    methods: ['GET'],
    route: 'scorecard/{month}',
    handler: withErrors(scorecardHandler),
    authLevel: 'anonymous',
  },
];
