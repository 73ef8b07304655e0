// The pane's sign-in state, as a hook App owns: the user from the provider, "sign in again" when the
// API answered 401, and `can(action)` for the tabs.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  authProvider,
  can as roleCan,
  onSignInNeeded,
  onUserChanged,
  type Action,
  type SignedInUser,
} from '../../auth';
import { UserFacingError } from '../../../../functions/src/contract/problem';
import { bilingual, type Bilingual } from '../../../../functions/src/contract/text';

export interface Session {
  readonly user: SignedInUser | null;
  /** The API refused our token: the pane says "请重新登录 / Sign in again". */
  readonly signInNeeded: boolean;
  /** Why the last sign-in failed (the dialog closed or blocked, Entra refused…), in both languages. */
  readonly error: Bilingual | null;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  /**
   * May the user do this? With no sign-in provider at all (component tests) the pane offers everything
   * and the API decides; with one, only what the user's roles allow.
   */
  can(action: Action): boolean;
  /** Call after the provider changed (the preview's role picker). */
  refresh(): void;
}

export function useSession(): Session {
  const [user, setUser] = useState<SignedInUser | null>(() => authProvider().user());
  const [signInNeeded, setSignInNeeded] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => onSignInNeeded(() => setSignInNeeded(true)), []);
  useEffect(() => onUserChanged(() => setUser(authProvider().user())), []);
  useEffect(() => {
    // Office: a silent sign-in on open shows who is signed in before the first API call. The local
    // issuer signs in with the first API call instead (the preview also runs without any API).
    if (round === 0 && authProvider().kind !== 'msal') return;
    let live = true;
    authProvider()
      .getToken()
      .then(() => live && setUser(authProvider().user()))
      .catch((err: unknown) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [round]);

  const signIn = useCallback(async () => {
    try {
      setError(null);
      await authProvider().getToken({ interactive: true });
      setUser(authProvider().user());
      setSignInNeeded(false);
    } catch (err) {
      // The user's work stays as it is: only the sign-in line says what went wrong.
      setError(errorText(err));
    }
  }, []);
  const signOut = useCallback(async () => {
    await authProvider().signOut();
    setUser(null);
  }, []);
  const can = useCallback(
    (action: Action) => authProvider().kind === 'none' || (user !== null && roleCan(user.roles, action)),
    [user],
  );
  const refresh = useCallback(() => {
    setSignInNeeded(false);
    setRound((r) => r + 1);
  }, []);
  // One object per change of state: the app context (and the API client) is rebuilt only then.
  return useMemo(
    () => ({ user, signInNeeded, error, signIn, signOut, can, refresh }),
    [user, signInNeeded, error, signIn, signOut, can, refresh],
  );
}

function errorText(err: unknown): Bilingual {
  if (err instanceof UserFacingError) return err.text;
  const message = err instanceof Error ? err.message : String(err);
  return bilingual(message, message);
}

/** A session for component tests and other renderers without App: everything allowed, nobody signed in. */
export const openSession: Session = {
  user: null,
  signInNeeded: false,
  error: null,
  signIn: async () => undefined,
  signOut: async () => undefined,
  can: () => true,
  refresh: () => undefined,
};
