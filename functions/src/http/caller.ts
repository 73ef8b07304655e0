import type { HttpRequest } from '@azure/functions';
import { localized } from './problem';
import { HttpError } from './responses';

/** The add-in's app roles (see domain.md: who is who). */
export const ROLES = ['Sales.Head', 'Sales.Manager', 'Sales.Clerk', 'Finance'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** `easy-auth`: App Service Authentication vouched for it; `dev`: SALESDESK_DEV_IDENTITY. */
  readonly source: 'easy-auth' | 'dev';
}

type Env = Readonly<Record<string, string | undefined>>;

const ROLE_CLAIM_TYPES = new Set([
  'roles',
  'role',
  'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
]);
const ID_CLAIM_TYPES = ['http://schemas.microsoft.com/identity/claims/objectidentifier', 'oid', 'sub'];
const NAME_CLAIM_TYPES = [
  'name',
  'preferred_username',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
];

/**
 * Who is calling. Reads App Service Authentication's `x-ms-client-principal` header; App Service
 * strips that header from outside requests only when authentication is on, so it is trusted only
 * when `WEBSITE_AUTH_ENABLED` is true (set by App Service) or in local dev. In local dev
 * (`SALESDESK_DEV_IDENTITY` = comma-separated roles) a caller without the header is the dev
 * identity; the header `x-salesdesk-dev-roles` overrides its roles (dev only) so tests can act as a
 * clerk. Returns null for an anonymous caller.
 */
export function getCaller(request: Pick<HttpRequest, 'headers'>, env: Env = process.env): Caller | null {
  const devIdentity = env.SALESDESK_DEV_IDENTITY;
  const isDev = devIdentity !== undefined && devIdentity !== '';
  const trustPrincipal = isDev || (env.WEBSITE_AUTH_ENABLED ?? '').toLowerCase() === 'true';

  const principal = request.headers.get('x-ms-client-principal');
  if (principal && trustPrincipal) return fromPrincipal(principal, request.headers);
  if (!isDev) return null;

  const override = request.headers.get('x-salesdesk-dev-roles');
  return {
    id: 'dev',
    name: 'Local developer',
    roles: parseRoles(override ?? devIdentity),
    source: 'dev',
  };
}

function fromPrincipal(header: string, headers: HttpRequest['headers']): Caller | null {
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

  const roles = parseRoles(
    claims
      .filter((c) => c.typ === roleType || ROLE_CLAIM_TYPES.has(c.typ))
      .map((c) => c.val)
      .join(','),
  );
  return {
    id: headers.get('x-ms-client-principal-id') ?? valueOf(ID_CLAIM_TYPES) ?? '',
    name: headers.get('x-ms-client-principal-name') ?? valueOf([nameType, ...NAME_CLAIM_TYPES]) ?? '',
    roles,
    source: 'easy-auth',
  };
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
    throw new HttpError(401, 'unauthenticated', localized('请先登录。', 'Please sign in first.'));
  }
  if (anyOf.length > 0 && !anyOf.some((r) => caller.roles.includes(r))) {
    const needed = anyOf.join(' / ');
    throw new HttpError(
      403,
      'forbidden',
      localized(
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
