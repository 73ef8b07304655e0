// Who is signed in, for the pane and the API client. One provider per runtime: MSAL (nested app
// authentication) inside Office, the local issuer's role picker in the browser preview, none in tests
// that set their own. The API client asks it for a token before every call (custom functions too).

/** The app roles of the department (functions/src/http/caller.ts). */
export const ROLES = ['Sales.Head', 'Sales.Manager', 'Sales.Clerk', 'Finance'] as const;
export type Role = (typeof ROLES)[number];

export interface SignedInUser {
  readonly name: string;
  readonly roles: readonly Role[];
  /** ms since epoch */
  readonly expiresAt: number;
}

export interface AuthProvider {
  readonly kind: 'msal' | 'local' | 'static' | 'none';
  /** A bearer token for the API, signing in silently when possible; interactive only when allowed. */
  getToken(options?: { interactive?: boolean }): Promise<string | null>;
  /** The user the last token was for (null: nobody signed in yet). */
  user(): SignedInUser | null;
  signOut(): Promise<void>;
}

/** The claims of a token, read for DISPLAY only: the API verifies the signature, the pane never trusts it. */
export function readClaims(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(base64), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    );
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function userOf(token: string): SignedInUser | null {
  const claims = readClaims(token);
  if (!claims) return null;
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  const name =
    typeof claims.name === 'string'
      ? claims.name
      : typeof claims.preferred_username === 'string'
        ? claims.preferred_username
        : '';
  return {
    name,
    roles: ROLES.filter((r) => roles.includes(r)),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : 0,
  };
}

/** A fixed token (scripts, tests). */
export function staticTokenProvider(token: string | (() => string)): AuthProvider {
  const current = () => (typeof token === 'function' ? token() : token);
  return {
    kind: 'static',
    getToken: async () => current(),
    user: () => userOf(current()),
    signOut: async () => undefined,
  };
}

export const noAuth: AuthProvider = {
  kind: 'none',
  getToken: async () => null,
  user: () => null,
  signOut: async () => undefined,
};

let current: AuthProvider = noAuth;

/** The provider of this runtime (taskpane/index.tsx, preview/index.tsx, custom functions, tests). */
export function setAuthProvider(provider: AuthProvider): void {
  current = provider;
}

export function authProvider(): AuthProvider {
  return current;
}

type Listener = () => void;
const signInListeners = new Set<Listener>();

/** The API answered 401 to a call that carried our token (expired, revoked, wrong tenant…). */
export function reportSignInNeeded(): void {
  for (const listener of signInListeners) listener();
}

/** The pane listens to show "请重新登录 / Sign in again"; returns the unsubscribe. */
export function onSignInNeeded(listener: Listener): () => void {
  signInListeners.add(listener);
  return () => signInListeners.delete(listener);
}

const userListeners = new Set<Listener>();

/** A provider got a token for another user or other roles (the pane's signed-in line follows). */
export function reportUserChanged(): void {
  for (const listener of userListeners) listener();
}

export function onUserChanged(listener: Listener): () => void {
  userListeners.add(listener);
  return () => userListeners.delete(listener);
}
