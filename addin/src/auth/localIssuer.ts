// The browser preview's sign-in: a role picker whose tokens come from the local issuer
// (POST /local-issuer/token: served beside the API by the dev host, or on its own port next to
// `func start`; never in Azure). The tokens are real RS256 JWTs checked by the API exactly as Entra ID
// tokens are.
import {
  readClaims,
  reportUserChanged,
  ROLES,
  userOf,
  type AuthProvider,
  type Role,
  type SignedInUser,
} from './provider';

const TOKEN_KEY = 'salesdesk.preview.token';
export const PREVIEW_ROLE_KEY = 'salesdesk.preview.role';

/** The role local tokens are minted for: saved by the preview's picker; the sales head by default. */
export function previewRole(storage: Storage | undefined): Role {
  const saved = storage?.getItem(PREVIEW_ROLE_KEY);
  return (ROLES as readonly string[]).includes(saved ?? '') ? (saved as Role) : 'Sales.Head';
}
/** The 片区 a preview manager's tokens name (the region claim): saved by the picker; the first by default. */
export const PREVIEW_REGION_KEY = 'salesdesk.preview.region';
/** The sample workbook's 片区 (samples/expected.json → regions), offered to a preview manager. */
export const PREVIEW_REGIONS: readonly string[] = ['华东', '华中', '华南', '西南', '外贸'];

export function previewRegion(storage: Storage | undefined): string {
  const saved = storage?.getItem(PREVIEW_REGION_KEY)?.trim();
  return saved || PREVIEW_REGIONS[0]!;
}

/** The first region claim of a token ('' when none). */
function regionOf(token: string): string {
  const region = readClaims(token)?.region;
  const first: unknown = Array.isArray(region) ? region[0] : region;
  return typeof first === 'string' ? first : '';
}

/** Refresh a minute before expiry. */
const MARGIN_MS = 60_000;

export interface LocalIssuerOptions {
  /** The API base URL (`http://localhost:7071/api`); the issuer lives on the same host by default. */
  apiBaseUrl: () => string;
  /**
   * Where the issuer runs when that is not the API's host: under `func start` its own port
   * (`http://127.0.0.1:7072`, SALESDESK_LOCAL_ISSUER_URL written into the build by `npm start`).
   */
  issuerBaseUrl?: () => string | undefined;
  role: () => Role;
  /** A manager's 片区; default: the one saved by the preview's picker (previewRegion). */
  region?: () => string;
  storage?: Storage;
  fetch?: typeof fetch;
}

export function issuerUrl(apiBaseUrl: string, issuerBaseUrl?: string): string {
  const base = issuerBaseUrl?.trim() ? issuerBaseUrl : apiBaseUrl.replace(/\/+$/, '').replace(/\/api$/i, '');
  return `${base.replace(/\/+$/, '')}/local-issuer/token`;
}

/** The issuer's address this build was made with (`npm start` under Core Tools), else none. */
export function builtIssuerBaseUrl(): string | undefined {
  return process.env.SALESDESK_LOCAL_ISSUER_URL || undefined;
}

export function localIssuerProvider(options: LocalIssuerOptions): AuthProvider {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let token: string | null = options.storage?.getItem(TOKEN_KEY) ?? null;
  let user: SignedInUser | null = token ? userOf(token) : null;

  // Only a manager's token names a 片区: the API limits managers to it (head, clerk, Finance read all).
  const wantedRegion = (role: Role): string =>
    role === 'Sales.Manager' ? (options.region?.() ?? previewRegion(options.storage)) : '';

  async function mint(): Promise<string> {
    const role = options.role();
    const region = wantedRegion(role);
    const res = await doFetch(issuerUrl(options.apiBaseUrl(), options.issuerBaseUrl?.()), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        roles: [role],
        regions: region ? [region] : [],
        name: `本地 ${role}${region ? ` ${region}` : ''}`,
      }),
    });
    if (!res.ok) throw new Error(`local issuer: HTTP ${res.status}`);
    const body = (await res.json()) as { token: string };
    return body.token;
  }

  return {
    kind: 'local',
    async getToken({ interactive = false } = {}) {
      const wanted = options.role();
      const stale =
        !token || !user || !user.roles.includes(wanted) || regionOf(token) !== wantedRegion(wanted);
      // A token that expired is not renewed silently: the pane says so, the user signs in again
      // (as with Entra when the session is gone); `interactive` is that click.
      if (token && user && user.expiresAt <= Date.now() + MARGIN_MS && !interactive && !stale) return token;
      if (stale || interactive) {
        token = await mint();
        user = userOf(token);
        options.storage?.setItem(TOKEN_KEY, token);
        reportUserChanged();
      }
      return token;
    },
    user: () => user,
    async signOut() {
      token = null;
      user = null;
      options.storage?.removeItem(TOKEN_KEY);
      reportUserChanged();
    },
  };
}
