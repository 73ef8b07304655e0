/**
 * The local token issuer: a real RS256 key pair, so the dev host, tests, scripts and the browser preview
 * sign in with tokens that go through the SAME verification as Entra ID tokens in Azure (jose, JWKS,
 * issuer, audience, expiry, tenant, roles). Only the keys and the issuer name differ.
 *
 * Signing uses node:crypto directly (not jose) on purpose: tokens are minted synchronously (test headers
 * are plain objects) and the verifier is then checked against an independent implementation.
 * Never used in Azure: the functions refuse to start there when it is configured (startup.ts).
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  type KeyObject,
} from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '../http/caller';

/** The `iss` of local tokens: a name, not an address (tokens stay valid whatever port the host uses). */
export const LOCAL_ISSUER = 'urn:salesdesk:local-issuer';
/** The `aud` of local tokens: the API's local "application ID URI". */
export const LOCAL_AUDIENCE = 'api://salesdesk-local';
/** The `tid` of local tokens, allowed by the local configuration only. */
export const LOCAL_TENANT = 'salesdesk-local-tenant';
/** Path of the JWKS and of the mint endpoint on the dev host (outside `/api`: not a function). */
export const LOCAL_ISSUER_PATH = '/local-issuer';
/** One hour, like Entra access tokens. */
export const DEFAULT_TOKEN_SECONDS = 3600;

export interface PublicJwk {
  readonly kty: string;
  readonly n?: string;
  readonly e?: string;
  readonly kid: string;
  readonly alg: 'RS256';
  readonly use: 'sig';
}

export interface TokenRequest {
  readonly roles: readonly (Role | string)[];
  /** 片区 of a regional manager: the `region` claim (a string for one, an array for several). */
  readonly regions?: readonly string[];
  /** Display name (`name` claim), written to the audit log. */
  readonly name?: string;
  /** Object id (`oid`); default: derived from the name so one person keeps one id. */
  readonly oid?: string;
  /** Lifetime in seconds from `now` (negative: already expired). */
  readonly expiresInSeconds?: number;
  /** Overrides, for tests of what the verifier must refuse. */
  readonly audience?: string;
  readonly issuer?: string;
  readonly tenant?: string;
  readonly now?: number;
  readonly extraClaims?: Record<string, unknown>;
}

export interface LocalIssuer {
  readonly kid: string;
  jwks(): { keys: PublicJwk[] };
  /** A signed compact JWT (RS256). */
  mint(request: TokenRequest): string;
}

interface StoredKey {
  readonly kid: string;
  readonly privateKeyPem: string;
}

/** A new issuer with a fresh key pair held in memory (tests, or a second "wrong" key). */
export function createLocalIssuer(kid: string = `local-${randomUUID().slice(0, 8)}`): LocalIssuer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return issuerFromKey(kid, privateKey);
}

/**
 * The developer's issuer: its key pair is generated on first use into `dir` (git-ignored
 * `.salesdesk/local-issuer/` by default) and read from there afterwards, so tokens printed by
 * `npm run token` stay valid across restarts of the dev host.
 */
export function openLocalIssuer(dir: string = defaultIssuerDir()): LocalIssuer {
  const file = path.join(dir, 'signing-key.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stored: StoredKey = {
      kid: `local-${randomUUID().slice(0, 8)}`,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    // Written beside, then linked into place: two processes starting at once end up with one key.
    const temp = `${file}.${process.pid}.${randomUUID()}`;
    writeFileSync(temp, JSON.stringify(stored), { mode: 0o600 });
    try {
      linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(temp);
    }
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredKey;
  return issuerFromKey(stored.kid, createPrivateKey(stored.privateKeyPem));
}

/** `<repo>/.salesdesk/local-issuer`, or SALESDESK_LOCAL_ISSUER_DIR. */
export function defaultIssuerDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SALESDESK_LOCAL_ISSUER_DIR) return path.resolve(env.SALESDESK_LOCAL_ISSUER_DIR);
  // functions/src/auth (tsx) or functions/dist/src/auth (compiled): the repo root holds package-lock.json.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package-lock.json'))) break;
    dir = path.dirname(dir);
  }
  return path.join(dir, '.salesdesk', 'local-issuer');
}

function issuerFromKey(kid: string, privateKey: KeyObject): LocalIssuer {
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const jwk: PublicJwk = {
    kty: publicJwk.kty ?? 'RSA',
    n: publicJwk.n,
    e: publicJwk.e,
    kid,
    alg: 'RS256',
    use: 'sig',
  };
  return {
    kid,
    jwks: () => ({ keys: [jwk] }),
    mint: (request) => signJwt(kid, privateKey, claimsOf(request)),
  };
}

function claimsOf(request: TokenRequest): Record<string, unknown> {
  const now = Math.floor((request.now ?? Date.now()) / 1000);
  const name = request.name ?? 'Local developer';
  return {
    iss: request.issuer ?? LOCAL_ISSUER,
    aud: request.audience ?? LOCAL_AUDIENCE,
    tid: request.tenant ?? LOCAL_TENANT,
    oid: request.oid ?? `local-${Buffer.from(name).toString('hex').slice(0, 24)}`,
    sub: request.oid ?? name,
    name,
    roles: [...request.roles],
    ...(request.regions?.length
      ? { region: request.regions.length === 1 ? request.regions[0] : [...request.regions] }
      : {}),
    iat: now,
    nbf: now,
    exp: now + (request.expiresInSeconds ?? DEFAULT_TOKEN_SECONDS),
    ver: '2.0',
    ...request.extraClaims,
  };
}

export function signJwt(kid: string, key: KeyObject, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'JWT', kid })}.${encode(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}
