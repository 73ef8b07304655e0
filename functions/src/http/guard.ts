/**
 * The guard every function runs behind, applied where the route table is registered (index.ts for
 * Azure, the dev host locally), so no handler can forget it: the front door (Content-Type, Origin,
 * strong If-Match), then who is calling (a verified bearer token; App Service Authentication's header
 * only where trusted), then the access table (access.ts). 401: no or invalid token; 403: the role the
 * function needs is missing, named in the answer.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { accessFor } from '../access';
import {
  allowedOrigins,
  authConfig,
  regionSettings,
  trustAppServicePrincipal,
  type Env,
} from '../auth/config';
import { regionsOf, TokenError, verifyAccessToken } from '../auth/verifyToken';
import type { HttpRoute } from './route';
import { callerFromPrincipal, requireRole, setCaller, type Caller } from './caller';
import { checkFrontDoor } from './frontDoor';
import { companyWideRefused, regionScopeOf } from './regionScope';
import { bilingual } from '../contract/text';
import { HttpError } from './responses';
import { errorResponse } from './withErrors';

export interface GuardOptions {
  /** Origins allowed to write from a browser; default: allowedOrigins(env). */
  readonly origins?: readonly string[];
  /** Read on every request (settings may change while a test runs); default process.env. */
  readonly env?: () => Env;
}

const CHALLENGE = { 'WWW-Authenticate': 'Bearer' };

/** The routes with their handlers behind the guard. */
export function guardRoutes(routes: readonly HttpRoute[], options: GuardOptions = {}): HttpRoute[] {
  return routes.map((route) => ({ ...route, handler: guardHandler(route, options) }));
}

export function guardHandler(route: HttpRoute, options: GuardOptions = {}): HttpRoute['handler'] {
  const envOf = options.env ?? (() => process.env);
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    try {
      const env = envOf();
      checkFrontDoor(request, options.origins ?? allowedOrigins(env));
      const access = accessFor(route.name, request.method);
      if (!('public' in access)) {
        const caller = await authenticate(request, env);
        if (access.roles.length === 0) throw nobodyMay(caller);
        const allowed = requireRole(caller, ...access.roles);
        if (access.region) {
          // Per-region data: a manager without a region stops here (403), whatever the handler does.
          const scope = regionScopeOf(allowed);
          if (access.region === 'refused' && !scope.all) throw companyWideRefused(route.name, scope);
        }
        setCaller(request, allowed);
      }
    } catch (err) {
      return errorResponse(err, context);
    }
    return route.handler(request, context);
  };
}

/** The verified caller, or null (no credentials). Throws 401 for credentials that do not hold. */
export async function authenticate(request: Pick<HttpRequest, 'headers'>, env: Env): Promise<Caller | null> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const bearer = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization);
    if (!bearer?.[1]) throw signInAgain('malformed', 'The Authorization header must be "Bearer <token>".');
    const config = authConfig(env);
    if (!config) {
      throw new HttpError(
        401,
        'sign_in_not_configured',
        bilingual(
          '服务器尚未配置登录（SALESDESK_AUTH_TENANT_IDS / SALESDESK_AUTH_AUDIENCES），无法验证令牌。请联系管理员。',
          'Sign-in is not configured on the server (SALESDESK_AUTH_TENANT_IDS / SALESDESK_AUTH_AUDIENCES), so no token can be checked. Contact the administrator.',
        ),
        undefined,
        CHALLENGE,
      );
    }
    try {
      const token = await verifyAccessToken(bearer[1], config);
      return {
        id: token.oid,
        name: token.name,
        roles: token.roles,
        source: 'token',
        regions: token.regions,
        groupsOverage: token.groupsOverage,
      };
    } catch (err) {
      if (err instanceof TokenError) throw signInAgain(err.reason, err.message);
      if (!(err instanceof HttpError)) {
        // The token was not judged: the keys could not be fetched. Not the caller's fault.
        throw new HttpError(
          503,
          'sign_in_unavailable',
          bilingual(
            '暂时无法验证登录（取不到签名密钥）。请稍后重试。',
            'Sign-in cannot be checked right now (the signing keys could not be fetched). Try again shortly.',
          ),
          { reason: err instanceof Error ? err.message : String(err) },
          { 'Retry-After': '5' },
        );
      }
      throw err;
    }
  }
  const principal = request.headers.get('x-ms-client-principal');
  if (principal !== null && trustAppServicePrincipal(env)) {
    const settings = regionSettings(env);
    return callerFromPrincipal(principal, (claims) => regionsOf(claims, settings));
  }
  return null;
}

function signInAgain(reason: string, detail: string): HttpError {
  const expired = reason === 'expired';
  return new HttpError(
    401,
    expired ? 'token_expired' : 'invalid_token',
    expired
      ? bilingual('登录已过期，请重新登录。', 'Your sign-in has expired. Sign in again.')
      : bilingual('登录凭据无效，请重新登录。', 'The sign-in token is not valid. Sign in again.'),
    { reason, detail },
    CHALLENGE,
  );
}

function nobodyMay(caller: Caller | null): HttpError {
  if (!caller)
    return new HttpError(
      401,
      'unauthenticated',
      bilingual('请先登录。', 'Please sign in first.'),
      undefined,
      CHALLENGE,
    );
  return new HttpError(
    403,
    'forbidden',
    bilingual(
      '没有权限：此操作尚未分配给任何角色（见权限表 access.ts）。',
      'Not allowed: no role has been given this operation yet (see the access table, access.ts).',
    ),
    { requiredAnyOf: [], callerRoles: caller.roles },
  );
}
