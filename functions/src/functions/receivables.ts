/**
 * Receivables over HTTP: `GET /api/receivables?asOf=YYYY-MM-DD[&customer=…][&rep=…][&basis=…][&buckets=…]`.
 * Thin shell: reads every synced month of 发货台账 and 回款台账 up to asOf from the ledger repository;
 * the work is domain/receivables. Readers: anyone signed in; a regional manager reads only the customers
 * of their own 片区 (regionScope + domain/regions; access.ts marks both routes `region: 'own'`).
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { OpeningRow } from '../contract/monthEnd';
import {
  ReceivablesQuerySchema,
  type ReceivablesResponse,
  type StatementResponse,
} from '../contract/receivables';
import { isCalendarDate, lastDay, monthOf } from '../domain/monthEnd';
import { MONTH_PATTERN } from '../contract/monthEnd';
import { computeReceivables, customerStatements } from '../domain/receivables';
import {
  outOfScope,
  regionIndex,
  scopeReceivables,
  type RegionIndex,
  type RegionScope,
} from '../domain/regions';
import { HttpError, jsonResponse, bilingual, validate, withErrors, type Bilingual } from '../http';
import { outOfRegion, regionScope } from '../http/regionScope';
import { selectVersion } from '../domain/pricing';
import { customerRebates } from '../domain/rebates';
import { openPricePolicyRepository } from '../storage/pricePolicyRepository';
import type { HttpRoute } from '../http/route';
import { openLedgerRepository } from '../storage/ledgerRepository';
import { ledgersUpTo, openingBalances } from './ledgerReads';

/** The notes about opening balances: zero with a warning until a 期初余额 sheet is synced. */
export function openingNotes(openings: readonly OpeningRow[]): Bilingual[] {
  return openings.length === 0 ? [OPENING_NOTE] : [];
}

const OPENING_NOTE = bilingual(
  '期初余额按 0 计（尚未同步期初余额表）：余额只含已同步的发货和回款台账。',
  'Opening balances are taken as zero (no opening-balance sheet synced yet): balances cover the synced shipment and receipt ledgers only.',
);

/** 403 when a regional manager names a customer (known to the ledgers) or rep of another or no 片区. */
function checkNamed(
  scope: RegionScope,
  index: RegionIndex,
  named: { readonly customer?: string | undefined; readonly rep?: string | undefined },
): void {
  if (scope.all) return;
  if (named.customer && index.knowsCustomer(named.customer)) {
    const why = outOfScope(scope, index.customer(named.customer));
    if (why) throw outOfRegion('customer', named.customer, why, scope);
  }
  if (named.rep) {
    const why = outOfScope(scope, index.rep(named.rep));
    if (why) throw outOfRegion('rep', named.rep, why, scope);
  }
}

// GET /api/receivables
export async function receivablesHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const scope = regionScope(request);
  const raw = Object.fromEntries(
    ['asOf', 'customer', 'rep', 'basis', 'buckets'].flatMap((k) => {
      const v = request.query.get(k);
      return v === null || v === '' ? [] : [[k, v]];
    }),
  );
  const asOf = raw.asOf ?? '';
  if (!isCalendarDate(asOf)) {
    throw new HttpError(
      400,
      'bad_as_of',
      bilingual(
        `截止日期 asOf 应为 YYYY-MM-DD（如 2026-03-31），实为 "${asOf}"。`,
        `asOf must be a date YYYY-MM-DD (e.g. 2026-03-31), found "${asOf}".`,
      ),
      { asOf },
    );
  }
  const query = validate(ReceivablesQuerySchema, raw);
  // A manager's customers are found by 片区/业务员, which the 销售台账 carries: read it only for them.
  const { orders, shipments, receipts, openings, monthsRead } = await ledgersUpTo(
    await openLedgerRepository(),
    monthOf(asOf),
    [...(scope.all ? [] : (['orders'] as const)), 'shipments', 'receipts', 'openings'],
  );
  const index = regionIndex({ orders, shipments, receipts, openings, upTo: asOf });
  checkNamed(scope, index, query);
  const computed = computeReceivables({
    asOf,
    shipments,
    receipts,
    openings: openingBalances(openings),
    basis: query.basis,
    ...(query.buckets ? { bounds: query.buckets } : {}),
    ...(query.customer ? { customer: query.customer } : {}),
    ...(query.rep ? { rep: query.rep } : {}),
  });
  const { result, scope: covered } = scopeReceivables(computed, scope, index);
  const body: ReceivablesResponse = {
    ...result,
    monthsRead: {
      shipments: monthsRead.shipments,
      receipts: monthsRead.receipts,
      openings: monthsRead.openings,
    },
    notes: [
      ...openingNotes(openings),
      bilingual(
        '回款按最早未收的发货冲销（先进先出）；写明发票号或合同号的回款先冲该发票或合同。',
        'Receipts pay the oldest open shipments first (FIFO); a receipt naming an invoice or contract pays that first.',
      ),
      ...(covered.note ? [covered.note] : []),
    ],
    scope: covered,
  };
  return jsonResponse(body, 200, { 'Cache-Control': 'no-cache' });
}

/**
 * The company heading every 客户对账单, from the app setting `SALESDESK_COMPANY_NAME`: `中文名` or
 * `中文名|English name` (export customers get the English one). Null when not set: the pane says so.
 */
export function companyName(setting: string | undefined): Bilingual | null {
  const [zh = '', en = ''] = (setting ?? '').split('|').map((part) => part.trim());
  if (!zh) return null;
  return bilingual(zh, en || zh);
}

// GET /api/statements/{customer}?month=YYYY-MM
export async function statementHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const scope = regionScope(request);
  const customer = (request.params.customer ?? '').trim();
  const month = request.query.get('month') ?? '';
  if (!MONTH_PATTERN.test(month)) {
    throw new HttpError(
      400,
      'bad_month',
      bilingual(
        `对账月份 month 应为 YYYY-MM（如 2026-03），实为 "${month}"。`,
        `month must be YYYY-MM (e.g. 2026-03), found "${month}".`,
      ),
      { month },
    );
  }
  // 返点 by the policy in force on the month's last day, as the month-end run accrues it; the orders
  // (customer class, 新老客户) are read only when that policy has tiers.
  const policies = await (await openPricePolicyRepository()).snapshot();
  const policy = selectVersion(policies.versions, lastDay(month));
  const withTiers = (policy?.policy.rebateTiers?.length ?? 0) > 0;
  const { orders, shipments, receipts, openings } = await ledgersUpTo(await openLedgerRepository(), month, [
    ...(withTiers || !scope.all ? (['orders'] as const) : []),
    'shipments',
    'receipts',
    'openings',
  ]);
  checkNamed(scope, regionIndex({ orders, shipments, receipts, openings, upTo: lastDay(month) }), {
    customer,
  });
  const rebates = customerRebates({
    month,
    customer,
    tiers: policy?.policy.rebateTiers,
    policyVersion: policy?.version ?? null,
    orders,
    shipments,
  });
  const statements = customerStatements({
    customer,
    month,
    shipments,
    receipts,
    openings: openingBalances(openings),
    rebates,
  });
  if (statements.length === 0) {
    throw new HttpError(
      404,
      'customer_not_found',
      bilingual(
        `截至 ${month} 末，已同步的发货和回款台账中没有客户“${customer}”。`,
        `No customer "${customer}" in the synced shipment and receipt ledgers up to the end of ${month}.`,
      ),
      { customer, month },
    );
  }
  const body: StatementResponse = {
    customer,
    month,
    company: companyName(process.env.SALESDESK_COMPANY_NAME),
    statements,
    // Rebate notes only where the policy has tiers: a statement without a rebate needs no excuse.
    notes: [...openingNotes(openings), ...(withTiers ? rebates.notes : [])],
  };
  return jsonResponse(body, 200, { 'Cache-Control': 'no-cache' });
}

export const receivablesRoutes: readonly HttpRoute[] = [
  {
    name: 'receivables',
    methods: ['GET'],
    route: 'receivables',
    handler: withErrors(receivablesHandler),
    authLevel: 'anonymous',
  },
  {
    name: 'statements',
    methods: ['GET'],
    route: 'statements/{customer}',
    handler: withErrors(statementHandler),
    authLevel: 'anonymous',
  },
];
