/**
 * Access-token verification with jose: RS256 signature against the issuer's JWKS (downloaded once,
 * cached, downloaded again when a token names a key we do not know — Entra rotates keys), then issuer,
 * audience, expiry/not-before with a small skew, the tenant allow-list and the app roles.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { parseRoles, type Role } from '../http/caller';
import type { AuthConfig, RegionSettings } from './config';

export interface VerifiedToken {
  /** Entra object id (`oid`): the stable id of the person. */
  readonly oid: string;
  readonly name: string;
  readonly tenant: string;
  readonly roles: readonly Role[];
  /** 片区 of a regional manager (a claim and/or mapped groups); empty when none. */
  readonly regions: readonly string[];
  /** The token lists no groups because the user is in too many (Entra's "overage"): say so on a 403. */
  readonly groupsOverage: boolean;
}

/** Why a token was refused; `reason` is for logs and the problem's details, never the token itself. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly reason: 'malformed' | 'expired' | 'signature' | 'issuer' | 'audience' | 'tenant' | 'claims',
    message: string,
  ) {
    super(message);
  }
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;
const keySets = new Map<string, KeySet>();

/** One cached key set per JWKS address and cooldown (module-wide: every request shares it). */
function keySetFor(config: AuthConfig): KeySet {
  const key = `${config.jwksUrl}#${config.jwksCooldownMs}`;
  let set = keySets.get(key);
  if (!set) {
    set = createRemoteJWKSet(new URL(config.jwksUrl), {
      cooldownDuration: config.jwksCooldownMs,
      cacheMaxAge: 24 * 3600_000,
      timeoutDuration: 5_000,
    });
    keySets.set(key, set);
  }
  return set;
}

export async function verifyAccessToken(token: string, config: AuthConfig): Promise<VerifiedToken> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySetFor(config), {
      issuer: [...config.issuers],
      audience: [...config.audiences],
      algorithms: ['RS256'],
      clockTolerance: config.clockSkewSeconds,
      requiredClaims: ['exp', 'iss', 'aud'],
    }));
  } catch (err) {
    throw asTokenError(err);
  }
  const tenant = typeof payload.tid === 'string' ? payload.tid : '';
  if (!config.tenants.includes(tenant)) {
    throw new TokenError('tenant', `tenant ${tenant || '(none)'} is not allowed`);
  }
  const oid = typeof payload.oid === 'string' ? payload.oid : '';
  if (!oid) throw new TokenError('claims', 'the token has no oid');
  const rawRoles = Array.isArray(payload.roles) ? payload.roles.filter((r) => typeof r === 'string') : [];
  const name =
    typeof payload.name === 'string' && payload.name.trim()
      ? payload.name.trim()
      : typeof payload.preferred_username === 'string'
        ? payload.preferred_username
        : oid;
  return {
    oid,
    name,
    tenant,
    roles: parseRoles(rawRoles.join(',')),
    ...regionsOf(payload, config.regions),
  };
}

/** Region names from the region claim (a string, possibly `华东;华中`, or an array) and the mapped groups. */
export function regionsOf(
  claims: Readonly<Record<string, unknown>>,
  settings: RegionSettings,
): { regions: string[]; groupsOverage: boolean } {
  const raw = claims[settings.claim];
  const values = (Array.isArray(raw) ? raw : [raw])
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(/[,;，；、]/));
  const groups = Array.isArray(claims.groups) ? claims.groups : [];
  for (const g of groups) {
    const region = typeof g === 'string' ? settings.groups.get(g.trim().toLowerCase()) : undefined;
    if (region) values.push(region);
  }
  const regions = [...new Set(values.map((v) => v.trim()).filter(Boolean))];
  const names = claims._claim_names;
  const groupsOverage =
    claims.hasgroups === true ||
    claims.hasgroups === 'true' ||
    (typeof names === 'object' && names !== null && 'groups' in names);
  return { regions, groupsOverage };
}

function asTokenError(err: unknown): TokenError {
  if (err instanceof errors.JWTExpired) return new TokenError('expired', 'the token has expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return new TokenError('issuer', 'the token is from an issuer we do not accept');
    if (err.claim === 'aud') return new TokenError('audience', 'the token is for another audience');
    return new TokenError('claims', `claim ${err.claim} is not valid (${err.reason})`);
  }
  if (
    err instanceof errors.JWSSignatureVerificationFailed ||
    err instanceof errors.JWKSNoMatchingKey ||
    err instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new TokenError('signature', 'the token signature does not verify');
  }
  if (err instanceof errors.JOSEAlgNotAllowed)
    return new TokenError('signature', 'the token algorithm is not allowed');
  if (
    err instanceof errors.JWTInvalid ||
    err instanceof errors.JWSInvalid ||
    err instanceof errors.JOSENotSupported
  ) {
    return new TokenError('malformed', 'the token is not a valid JWT');
  }
  // JWKS download failures etc. are not the caller's fault: let them become a 5xx.
  throw err;
}
