/**
 * Sign-in configuration, from the environment (Function App settings in Azure, local.settings.json or
 * the dev host locally). Two sources of tokens use the same verifier:
 * - Entra ID: SALESDESK_AUTH_TENANT_IDS + SALESDESK_AUTH_AUDIENCES (issuers and JWKS derived from them);
 * - the local issuer (dev host only): SALESDESK_LOCAL_ISSUER_JWKS_URL, set by the dev host itself.
 */
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LOCAL_TENANT } from './localIssuer';

export type Env = Readonly<Record<string, string | undefined>>;

export interface AuthConfig {
  /** Accepted `iss` values. */
  readonly issuers: readonly string[];
  /** Accepted `aud` values: the API's application ID URI and/or client id. */
  readonly audiences: readonly string[];
  /** Tenant allow-list (`tid`). */
  readonly tenants: readonly string[];
  readonly jwksUrl: string;
  /** Tolerance for `exp`/`nbf`, seconds. */
  readonly clockSkewSeconds: number;
  /** Minimum time between two JWKS downloads when a token names an unknown `kid`. */
  readonly jwksCooldownMs: number;
  readonly source: 'entra' | 'local';
  /** Where a regional manager's 片区 comes from (regionSettings). */
  readonly regions: RegionSettings;
}

/**
 * Where a manager's 片区 comes from: a token claim (default `region`; in Entra a directory extension
 * attribute emitted as an optional claim, e.g. `extn.region`) and/or group memberships (`groups`
 * claim) mapped to regions by SALESDESK_REGION_GROUPS (`<group object id>=华东;<id>=华南`). Both may be
 * multi-valued; a manager gets the union. docs/api.md "Regions" says how a tenant admin sets them up.
 */
export interface RegionSettings {
  readonly claim: string;
  /** Group object id (lower case) → the 片区 it stands for. */
  readonly groups: ReadonlyMap<string, string>;
}

export const DEFAULT_REGION_CLAIM = 'region';

export function regionSettings(env: Env = process.env): RegionSettings {
  const groups = new Map<string, string>();
  for (const pair of (env.SALESDESK_REGION_GROUPS ?? '').split(/[;\n]/)) {
    const at = pair.indexOf('=');
    const id = pair.slice(0, at).trim().toLowerCase();
    const region = pair.slice(at + 1).trim();
    if (at > 0 && id && region) groups.set(id, region);
  }
  return { claim: env.SALESDESK_REGION_CLAIM?.trim() || DEFAULT_REGION_CLAIM, groups };
}

export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
export const DEFAULT_JWKS_COOLDOWN_MS = 30_000;

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** True when running in Azure App Service / Functions (the platform sets WEBSITE_INSTANCE_ID). */
export function onAzure(env: Env = process.env): boolean {
  return !!env.WEBSITE_INSTANCE_ID;
}

/** The verification settings, or null when sign-in is not configured (then every protected route is 401). */
export function authConfig(env: Env = process.env): AuthConfig | null {
  const clockSkewSeconds = Number(env.SALESDESK_AUTH_CLOCK_SKEW_SECONDS ?? DEFAULT_CLOCK_SKEW_SECONDS);
  const jwksCooldownMs = Number(env.SALESDESK_AUTH_JWKS_COOLDOWN_MS ?? DEFAULT_JWKS_COOLDOWN_MS);
  const common = {
    clockSkewSeconds: Number.isFinite(clockSkewSeconds) ? clockSkewSeconds : DEFAULT_CLOCK_SKEW_SECONDS,
    jwksCooldownMs: Number.isFinite(jwksCooldownMs) ? jwksCooldownMs : DEFAULT_JWKS_COOLDOWN_MS,
  };
  const localJwks = env.SALESDESK_LOCAL_ISSUER_JWKS_URL;
  if (localJwks && !onAzure(env)) {
    return {
      issuers: [LOCAL_ISSUER],
      audiences: [LOCAL_AUDIENCE],
      tenants: [LOCAL_TENANT],
      jwksUrl: localJwks,
      ...common,
      source: 'local',
      regions: regionSettings(env),
    };
  }
  const tenants = list(env.SALESDESK_AUTH_TENANT_IDS);
  const audiences = list(env.SALESDESK_AUTH_AUDIENCES);
  if (tenants.length === 0 || audiences.length === 0) return null;
  const issuers = list(env.SALESDESK_AUTH_ISSUERS);
  return {
    // Entra v2.0 access tokens, and v1.0 ones (accessTokenAcceptedVersion not set on the app).
    issuers:
      issuers.length > 0
        ? issuers
        : tenants.flatMap((t) => [
            `https://login.microsoftonline.com/${t}/v2.0`,
            `https://sts.windows.net/${t}/`,
          ]),
    audiences,
    tenants,
    jwksUrl: env.SALESDESK_AUTH_JWKS_URL || 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
    ...common,
    source: 'entra',
    regions: regionSettings(env),
  };
}

/**
 * App Service Authentication's `x-ms-client-principal` header is believed only when we asked for it
 * (SALESDESK_TRUST_APP_SERVICE_AUTH), App Service says authentication is on (it then strips the header
 * from outside requests) and we really are on App Service. Anywhere else anyone can send it.
 */
export function trustAppServicePrincipal(env: Env = process.env): boolean {
  return (
    (env.SALESDESK_TRUST_APP_SERVICE_AUTH ?? '').toLowerCase() === 'true' &&
    (env.WEBSITE_AUTH_ENABLED ?? '').toLowerCase() === 'true' &&
    onAzure(env)
  );
}

/** Origins allowed to call the API from a browser (CORS, and the front door's Origin check). */
export const DEFAULT_ALLOWED_ORIGINS = ['https://localhost:3000'] as const;

export function allowedOrigins(env: Env = process.env): string[] {
  const configured = list(env.SALESDESK_CORS_ORIGINS);
  if (configured.length > 0) return configured;
  // In Azure nothing is allowed until configured; locally the add-in's dev server.
  return onAzure(env) ? [] : [...DEFAULT_ALLOWED_ORIGINS];
}
