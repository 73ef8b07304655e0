/**
 * WHO MAY DO WHAT: one row per function of routes.ts (by its name, i.e. route × method), checked by the
 * guard (http/guard.ts) before any handler runs, in Azure and on the dev host alike. docs/api.md shows
 * the same table; test/auth/access.test.ts checks every row with real tokens.
 *
 * A function without a row: reads (GET) need a signed-in caller with any role, writes are refused to
 * everyone (403) until a row names who may.
 *
 * `region` (片区): how a read of per-region data treats a regional manager (a caller whose only role is
 * Sales.Manager; head, clerk and Finance read every region). The guard refuses a manager whose token
 * names no region (403) on every such row before the handler runs; then
 * - `own`: the handler answers only the manager's regions (http/regionScope + domain/regions);
 * - `refused`: the answer is company-wide and cannot be cut by region (ledger rows, the reconciliation
 *   report): a manager is refused (403) and pointed to the `own` routes.
 * Rows without `region` hold no per-region data on the server (plans and the price policy are the
 * department's documents; plan progress is computed from actuals the caller sends).
 */
import { ROLES, type Role } from './http/caller';

export type RegionRule = 'own' | 'refused';

export type Access =
  { readonly public: true } | { readonly roles: readonly Role[]; readonly region?: RegionRule };

const PUBLIC: Access = { public: true };
const ANYONE_SIGNED_IN: Access = { roles: ROLES };
const HEAD_ONLY: Access = { roles: ['Sales.Head'] };

export const accessTable: Readonly<Record<string, Access>> = {
  // Load balancers and the pane's connection check: no data, no token.
  health: PUBLIC,

  // 年度计划: anyone may split and read; only the head publishes (charter: the head owns the plan).
  'plans-split': ANYONE_SIGNED_IN,
  'plans-get': ANYONE_SIGNED_IN,
  'plans-publish': HEAD_ONLY,
  'plans-versions': ANYONE_SIGNED_IN,
  'plans-version': ANYONE_SIGNED_IN,
  'plans-progress': ANYONE_SIGNED_IN,
  'plans-values': ANYONE_SIGNED_IN,

  // 价格政策: managers "have no authority to adjust prices": they read and check, the head publishes.
  'price-policy-get': ANYONE_SIGNED_IN,
  'price-policy-publish': HEAD_ONLY,
  'price-policy-versions': ANYONE_SIGNED_IN,
  'price-policy-version': ANYONE_SIGNED_IN,
  'prices-validate': ANYONE_SIGNED_IN,

  // 特殊订单审批: the head approves exceptions; everyone sees which are approved.
  'approvals-register': HEAD_ONLY,
  'approvals-list': ANYONE_SIGNED_IN,

  // 月末: ledgers synced by whoever keeps them (per kind: ledgers.ts SYNC_ROLES narrows it further),
  // the run by the clerk, Finance or the head, 结账 and reopening by Finance alone (charter: Finance
  // closes months). Ledger rows and the reconciliation report are every region's at once (totals that
  // only reconcile company-wide): refused to managers, who read their region in the scorecard and
  // receivables. The month list holds no per-region data.
  'ledgers-sync': { roles: ['Sales.Head', 'Sales.Clerk', 'Finance'] },
  'ledgers-get': { roles: ROLES, region: 'refused' },
  'month-end-list': ANYONE_SIGNED_IN,
  'month-end-get': { roles: ROLES, region: 'refused' },
  'month-end-run': { roles: ['Sales.Head', 'Sales.Clerk', 'Finance'] },
  'month-end-close': { roles: ['Finance'] },
  'month-end-reopen': { roles: ['Finance'] },

  // 应收 / 对账单 / 业务员考核: per-region data. A manager reads their own 片区's customers and reps only
  // (issue 12: "managers may read everything of their own region"); everyone else reads every region.
  receivables: { roles: ROLES, region: 'own' },
  statements: { roles: ROLES, region: 'own' },
  scorecard: { roles: ROLES, region: 'own' },
  // 信用预警 for the price check: the report's flags are per customer, so a manager reads their 片区's.
  'credit-flags': { roles: ROLES, region: 'own' },
};

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The row for a function, or the default: reads for any role, writes for nobody. */
export function accessFor(name: string, method: string): Access {
  return accessTable[name] ?? (READS.has(method.toUpperCase()) ? ANYONE_SIGNED_IN : { roles: [] });
}
