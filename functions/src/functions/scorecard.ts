/**
 * The rep scorecard over HTTP: `GET /api/scorecard/{yyyy-mm}[?basis=orders|shipments][&rep=…]` (default
 * shipments). Thin shell: the year's published plan from the plan repository, every synced month of
 * orders, shipments and receipts up to the month from the ledger repository; the work is
 * domain/scorecard. Readers: anyone signed in; a regional manager gets their own 片区's reps and
 * roll-ups only, ranks staying the company's (domain/regions scopeScorecard); `rep=` of another 片区 → 403.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { PROGRESS_BASES, type ProgressBasis } from '../contract/plans';
import { buildScorecard } from '../domain/scorecard';
import { normalizeText } from '../domain/monthEnd';
import { outOfScope, scopeScorecard } from '../domain/regions';
import { HttpError, jsonResponse, bilingual, withErrors } from '../http';
import { outOfRegion, regionScope } from '../http/regionScope';
import type { HttpRoute } from '../http/route';
import { openLedgerRepository } from '../storage/ledgerRepository';
import { openPlanRepository } from '../storage/planRepository';
import { monthOfRequest } from './ledgers';
import { ledgersUpTo } from './ledgerReads';

// GET /api/scorecard/{yyyy-mm}
export async function scorecardHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const scope = regionScope(request);
  const month = monthOfRequest(request);
  const rep = request.query.get('rep')?.trim() || null;
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
  // `rep=` narrows to one rep (the worksheet function asks so): another region's rep is a 403, not a miss.
  const named = rep ? card.reps.filter((r) => normalizeText(r.rep) === normalizeText(rep)) : null;
  const why = named?.[0] ? outOfScope(scope, named[0].region) : null;
  if (rep && why) throw outOfRegion('rep', rep, why, scope);
  const scoped = scopeScorecard(named ? { ...card, reps: named } : card, scope);
  return jsonResponse({ ...scoped.card, scope: scoped.scope }, 200, { 'Cache-Control': 'no-cache' });
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
