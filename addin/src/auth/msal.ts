// Sign-in inside Office with MSAL.js nested app authentication (NAA): Office's own signed-in account
// gives the add-in a token for the SalesDesk API without a login window in most cases. Silent first,
// a popup only when Entra needs the user (consent, MFA, expired session). Where the Office host does
// not support NAA (older builds: no NestedAppAuth 1.1, or MSAL finds no NAA bridge), the Office dialog
// API runs the sign-in in dialog.html instead (officeDialog.ts, dialogPage.ts); its token is kept in
// memory until it expires, then renewed by a dialog that signs in silently.
import {
  createNestablePublicClientApplication,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { bilingual } from '../../../functions/src/contract/text';
import { SELECT_ACCOUNT_PARAM, SILENT_PARAM } from './dialogPage';
import { openSignInDialog, SignInError, type OfficeDialogHost } from './officeDialog';
import { reportUserChanged, userOf, type AuthProvider, type SignedInUser } from './provider';

export interface EntraSettings {
  /** The add-in's app registration (client id). */
  readonly clientId: string;
  /** `https://login.microsoftonline.com/<tenant id>` (single-tenant: the company's). */
  readonly authority: string;
  /** The API's scope, `api://<api client id>/access_as_user`. */
  readonly scope: string;
  /** Page that completes a sign-in in the Office dialog (fallback): `https://<pane host>/dialog.html`. */
  readonly dialogUrl: string;
}

/** The part of `Office.context` the provider reads (tests pass a fake). */
export interface OfficeContextLike {
  readonly requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
  readonly ui?: OfficeDialogHost;
}

export interface MsalProviderDeps {
  /** `Office.context`, or undefined outside Office. */
  readonly officeContext?: () => OfficeContextLike | undefined;
  readonly createNestable?: typeof createNestablePublicClientApplication;
  readonly now?: () => number;
}

/** A dialog token is renewed this long before it expires (the API allows 60 s of skew; calls take time). */
export const RENEW_MARGIN_MS = 5 * 60_000;

const officeContext = (): OfficeContextLike | undefined =>
  typeof Office === 'undefined' ? undefined : (Office.context as unknown as OfficeContextLike | undefined);

/** True when this Office host says it supports nested app authentication. */
export function naaSupported(context: OfficeContextLike | undefined = officeContext()): boolean {
  return !!context?.requirements?.isSetSupported('NestedAppAuth', '1.1');
}

type Mode = { readonly kind: 'naa'; readonly pca: IPublicClientApplication } | { readonly kind: 'dialog' };

export function msalProvider(settings: EntraSettings, deps: MsalProviderDeps = {}): AuthProvider {
  const context = deps.officeContext ?? officeContext;
  const createNestable = deps.createNestable ?? createNestablePublicClientApplication;
  const now = deps.now ?? Date.now;
  let mode: Promise<Mode> | null = null;
  let user: SignedInUser | null = null;
  let lastToken: string | null = null;
  const request = { scopes: [settings.scope] };
  // The dialog fallback's token, in memory only, and whether the person has signed in this session
  // (a dialog never opens unasked before that).
  let dialogToken: { accessToken: string; name: string; expiresOn: number } | null = null;
  let signedInByDialog = false;
  let pendingDialog: { readonly interactive: boolean; readonly token: Promise<string | null> } | null = null;
  /** After a sign-out the next dialog asks Entra which account: its cache would sign the same person in again. */
  let chooseAccount = false;

  function chooseMode(): Promise<Mode> {
    mode ??= (async (): Promise<Mode> => {
      if (!naaSupported(context())) return { kind: 'dialog' };
      // MSAL falls back to a standard client when it finds no NAA bridge; the factory is only called
      // for a nested one, which tells us which we got (a standard client's popup cannot work in Office).
      let nested = false;
      const pca = await createNestable(
        { auth: { clientId: settings.clientId, authority: settings.authority } },
        undefined,
        (configuration, controller) => {
          nested = true;
          return new PublicClientApplication(configuration, controller);
        },
      );
      return nested ? { kind: 'naa', pca } : { kind: 'dialog' };
    })().catch((err: unknown) => {
      mode = null;
      throw err;
    });
    return mode;
  }

  async function silent(pca: IPublicClientApplication): Promise<string | null> {
    const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    try {
      const result = account
        ? await pca.acquireTokenSilent({ ...request, account })
        : await pca.ssoSilent(request);
      pca.setActiveAccount(result.account);
      return result.accessToken;
    } catch (err) {
      if (err instanceof InteractionRequiredAuthError) return null;
      throw err;
    }
  }

  async function interactive(pca: IPublicClientApplication): Promise<string> {
    const result = await pca.acquireTokenPopup(request);
    pca.setActiveAccount(result.account);
    return result.accessToken;
  }

  /**
   * One dialog at a time (Office allows one): concurrent callers (custom functions) share it. A person
   * clicking 登录 while a silent renewal is open waits for it, and gets the sign-in they asked for when
   * it brings no token (not the renewal's quiet null).
   */
  function viaDialog(interactiveSignIn: boolean): Promise<string | null> {
    const pending = pendingDialog;
    if (pending) {
      if (interactiveSignIn && !pending.interactive)
        return pending.token.then((token) => token ?? viaDialog(true));
      return pending.token;
    }
    const entry = {
      interactive: interactiveSignIn,
      token: dialogSignIn(interactiveSignIn).finally(() => {
        if (pendingDialog === entry) pendingDialog = null;
      }),
    };
    pendingDialog = entry;
    return entry.token;
  }

  async function dialogSignIn(interactiveSignIn: boolean): Promise<string | null> {
    const url = !interactiveSignIn
      ? withParam(settings.dialogUrl, SILENT_PARAM, '1')
      : chooseAccount
        ? withParam(settings.dialogUrl, SELECT_ACCOUNT_PARAM, '1')
        : settings.dialogUrl;
    try {
      const ui = context()?.ui;
      if (!ui) {
        throw new SignInError(
          'dialog_failed',
          bilingual('此处无法打开登录窗口。', 'No sign-in window can be opened here.'),
        );
      }
      const answer = await openSignInDialog(ui, url, new URL(settings.dialogUrl).origin);
      if (answer.kind === 'token') {
        dialogToken = { accessToken: answer.accessToken, name: answer.name, expiresOn: answer.expiresOn };
        signedInByDialog = true;
        chooseAccount = false;
        return answer.accessToken;
      }
      dialogToken = null;
      if (!interactiveSignIn && answer.code === 'interaction_required') return null;
      throw new SignInError(
        'sign_in_failed',
        bilingual(
          `Microsoft 登录未完成：${answer.message}（${answer.code}）`,
          `Microsoft sign-in did not complete: ${answer.message} (${answer.code})`,
        ),
        { details: { code: answer.code } },
      );
    } catch (err) {
      // A renewal nobody asked for fails quietly: the API's 401 then shows "sign in again" with a button.
      if (!interactiveSignIn && err instanceof SignInError) return null;
      throw err;
    }
  }

  async function dialogGetToken(interactiveSignIn: boolean): Promise<string | null> {
    if (!interactiveSignIn && dialogToken && dialogToken.expiresOn - RENEW_MARGIN_MS > now()) {
      return dialogToken.accessToken;
    }
    if (!interactiveSignIn && !signedInByDialog) return null;
    return viaDialog(interactiveSignIn);
  }

  return {
    kind: 'msal',
    async getToken(options = {}) {
      const chosen = await chooseMode();
      let token: string | null;
      if (chosen.kind === 'naa') {
        token = await silent(chosen.pca);
        if (!token && options.interactive) token = await interactive(chosen.pca);
      } else {
        token = await dialogGetToken(options.interactive ?? false);
      }
      if (token !== lastToken) {
        lastToken = token;
        const claims = token ? userOf(token) : null;
        // The dialog also names the account, for tokens whose claims carry no name.
        user = claims && !claims.name && dialogToken ? { ...claims, name: dialogToken.name } : claims;
        reportUserChanged();
      }
      return token;
    },
    user: () => user,
    async signOut() {
      user = null;
      lastToken = null;
      dialogToken = null;
      signedInByDialog = false;
      chooseAccount = true;
      reportUserChanged();
      const chosen = await chooseMode();
      if (chosen.kind === 'naa') {
        chosen.pca.setActiveAccount(null);
        await chosen.pca.clearCache();
      }
    },
  };
}

function withParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
}
