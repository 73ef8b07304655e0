/**
 * Access-token verification with jose: RS256 signature against the issuer's JWKS (downloaded once,
 * cached, downloaded again when a token names a key we do not know — Entra rotates keys), then issuer,
 * audience, expiry/not-before with a small skew, the tenant allow-list and the app roles.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { parseRoles, type Role } from '../http/caller';
import type { AuthConfig } from './config';

export interface VerifiedToken {
  /** Entra object id (`oid`): the stable id of the person. */
  readonly oid: string;
  readonly name: string;
  readonly tenant: string;
  readonly roles: readonly Role[];
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
  return { oid, name, tenant, roles: parseRoles(rawRoles.join(',')) };
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
