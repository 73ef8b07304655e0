import { bilingual } from '../contract/text';
import { HttpError } from './responses';

/** The add-in's app roles (see domain.md: who is who). */
export const ROLES = ['Sales.Head', 'Sales.Manager', 'Sales.Clerk', 'Finance'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  /** Entra object id (`oid`): what the audit log records as who, with the name. */
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** `token`: a bearer token the functions verified; `easy-auth`: App Service Authentication vouched for it. */
  readonly source: 'token' | 'easy-auth';
  /** 片区 named by the token (claim or mapped groups): what a Sales.Manager may read (http/regionScope.ts). */
  readonly regions?: readonly string[];
  /** The token omitted the groups (too many): the 403 for a manager without a region says so. */
  readonly groupsOverage?: boolean;
}

const ROLE_CLAIM_TYPES = new Set([
  'roles',
  'role',
  'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
]);
const ID_CLAIM_TYPES = ['http://schemas.microsoft.com/identity/claims/objectidentifier', 'oid'];
const NAME_CLAIM_TYPES = [
  'name',
  'preferred_username',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
];

/** Callers the guard established, by request: handlers read them synchronously with getCaller. */
const callers = new WeakMap<object, Caller>();

/** Records who is calling (the guard does this after verifying the token). */
export function setCaller(request: object, caller: Caller): void {
  callers.set(request, caller);
}

/**
 * Who is calling, as established by the guard (http/guard.ts) before the handler ran: a verified token
 * or, when trusted, App Service Authentication. Null for anyone else: headers alone prove nothing.
 */
export function getCaller(request: object): Caller | null {
  return callers.get(request) ?? null;
}

/**
 * App Service Authentication's principal header → a caller. Only call this when the header can be
 * trusted (config.ts: trustAppServicePrincipal). Id and name come from the claims App Service signed
 * into it, never from the separate `x-ms-client-principal-name` header.
 */
export function callerFromPrincipal(
  header: string,
  regionsOf?: (claims: Record<string, unknown>) => { regions: string[]; groupsOverage: boolean },
): Caller | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as { claims?: unknown; role_typ?: unknown; name_typ?: unknown };
  const claims = Array.isArray(record.claims)
    ? record.claims.flatMap((c: unknown) => {
        const claim = c as { typ?: unknown; val?: unknown } | null;
        return typeof claim?.typ === 'string' && typeof claim.val === 'string'
          ? [{ typ: claim.typ, val: claim.val }]
          : [];
      })
    : [];
  const roleType = typeof record.role_typ === 'string' ? record.role_typ : undefined;
  const nameType = typeof record.name_typ === 'string' ? record.name_typ : undefined;
  const valueOf = (types: readonly (string | undefined)[]): string | undefined =>
    types.map((t) => claims.find((c) => c.typ === t)?.val).find((v) => v !== undefined);

  const id = valueOf(ID_CLAIM_TYPES);
  if (!id) return null;
  const roles = parseRoles(
    claims
      .filter((c) => c.typ === roleType || ROLE_CLAIM_TYPES.has(c.typ))
      .map((c) => c.val)
      .join(','),
  );
  const caller: Caller = {
    id,
    name: valueOf([nameType, ...NAME_CLAIM_TYPES]) ?? id,
    roles,
    source: 'easy-auth',
  };
  if (!regionsOf) return caller;
  // Repeated claim types (groups, a multi-valued region) become arrays, as in a JWT.
  const byType: Record<string, unknown> = {};
  for (const c of claims) {
    const was = byType[c.typ];
    byType[c.typ] = was === undefined ? [c.val] : [...(was as string[]), c.val];
  }
  return { ...caller, ...regionsOf(byType) };
}

/** Comma-separated role names → known roles, in a stable order; unknown names are ignored. */
export function parseRoles(list: string): Role[] {
  const given = new Set(
    list
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
  );
  return ROLES.filter((r) => given.has(r));
}

/** The caller if it holds any of `anyOf`; else throws 401 (anonymous) or 403 (wrong role). */
export function requireRole(caller: Caller | null, ...anyOf: readonly Role[]): Caller {
  if (!caller) {
    throw new HttpError(401, 'unauthenticated', bilingual('请先登录。', 'Please sign in first.'), undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  }
  if (anyOf.length > 0 && !anyOf.some((r) => caller.roles.includes(r))) {
    const needed = anyOf.join(' / ');
    throw new HttpError(
      403,
      'forbidden',
      bilingual(
        `没有权限：此操作需要角色 ${needed}（${anyOf.map(roleNameZh).join('或')}）。`,
        `Not allowed: this needs the role ${needed}.`,
      ),
      { requiredAnyOf: anyOf, callerRoles: caller.roles },
    );
  }
  return caller;
}

function roleNameZh(role: Role): string {
  switch (role) {
    case 'Sales.Head':
      return '销售部部长';
    case 'Sales.Manager':
      return '销售经理';
    case 'Sales.Clerk':
      return '销售内勤';
    case 'Finance':
      return '销售会计';
  }
}
