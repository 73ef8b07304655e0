/**
 * The 片区 a caller may read, from the verified token (http/guard.ts put the caller there). A caller
 * whose only department role is Sales.Manager reads their own regions; any other role (head, clerk,
 * Finance) reads every region. A manager whose token names no region is refused — never all regions
 * by default. The per-region handlers filter with domain/regions; this file only decides the scope and
 * words the refusals, so no handler has its own copy.
 */
import type { HttpRequest } from '@azure/functions';
import { ALL_REGIONS, type OutOfScope, type RegionScope } from '../domain/regions';
import { bilingual } from '../contract/text';
import { getCaller, requireRole, ROLES, type Caller, type Role } from './caller';
import { HttpError } from './responses';

/** Roles that read every region. */
const ALL_REGION_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'Sales.Manager');

/** The regions `caller` may read; 403 for a manager whose token names none. */
export function regionScopeOf(caller: Caller): RegionScope {
  if (caller.roles.some((r) => ALL_REGION_ROLES.includes(r))) return ALL_REGIONS;
  const regions = [...new Set((caller.regions ?? []).map((r) => r.trim()).filter(Boolean))];
  if (regions.length > 0) return { all: false, regions };
  const overage = caller.groupsOverage === true;
  throw new HttpError(
    403,
    'region_missing',
    bilingual(
      `没有权限：销售经理只能查看本人片区的数据，但您的登录凭据中没有片区。${
        overage
          ? '您所在的组太多，令牌中没有列出组：请管理员把片区组分配给应用，并在“令牌配置”中只发出分配给应用的组。'
          : '请管理员为您设置片区（片区组或 region 声明，见 README“注册应用”）。'
      }`,
      `Not allowed: a sales manager reads only their own region, and your sign-in names no region. ${
        overage
          ? 'You are in too many groups for the token to list them: ask the administrator to assign the region groups to the app and emit only groups assigned to the application (Token configuration).'
          : 'Ask the administrator to give you a region (a region group or the region claim; see README "Register the app").'
      }`,
    ),
    { needed: 'region', callerRoles: caller.roles, groupsOverage: overage },
  );
}

/** The scope of the request's caller (the guard has checked the token and the role). */
export function regionScope(request: HttpRequest): RegionScope {
  return regionScopeOf(requireRole(getCaller(request), ...ROLES));
}

const regionsOf = (scope: RegionScope): string => (scope.all ? '' : scope.regions.join('、'));

/** 403 for a customer or rep outside the manager's regions, naming its region (or that none is known). */
export function outOfRegion(
  what: 'customer' | 'rep',
  name: string,
  why: OutOfScope,
  scope: RegionScope,
): HttpError {
  const zhWhat = what === 'customer' ? '客户' : '业务员';
  const mine = regionsOf(scope);
  if (why.reason === 'otherRegion')
    return new HttpError(
      403,
      'other_region',
      bilingual(
        `没有权限：${zhWhat}“${name}”属于片区 ${why.region}，您只能查看片区 ${mine}。`,
        `Not allowed: ${what} "${name}" belongs to region ${why.region}; you may read region ${mine} only.`,
      ),
      { [what]: name, region: why.region, yourRegions: scope.all ? null : scope.regions },
    );
  return new HttpError(
    403,
    'region_unknown',
    bilingual(
      `没有权限：台账中${zhWhat}“${name}”没有片区（也无法从业务员推定），销售经理只能查看本人片区（${mine}）。请内勤在台账中补填片区。`,
      `Not allowed: the ledgers give ${what} "${name}" no region (nor through a rep), and a sales manager reads only their own region (${mine}). Ask the clerk to fill in 片区.`,
    ),
    { [what]: name, region: null, yourRegions: scope.all ? null : scope.regions },
  );
}

/** 403 for a company-wide answer (it cannot be cut by region) asked by a regional manager. */
export function companyWideRefused(route: string, scope: RegionScope): HttpError {
  return new HttpError(
    403,
    'company_wide',
    bilingual(
      `没有权限：此内容包含全公司所有片区的数据，销售经理不能查看。本片区（${regionsOf(scope)}）的数据请看业务员考核（GET /api/scorecard/{月份}）和应收账龄（GET /api/receivables?asOf=…）。`,
      `Not allowed: this holds every region's data and is not for sales managers. For your region (${regionsOf(scope)}) see the scorecard (GET /api/scorecard/{month}) and receivables (GET /api/receivables?asOf=…).`,
    ),
    { route, see: ['scorecard/{month}', 'receivables?asOf=YYYY-MM-DD'] },
  );
}
