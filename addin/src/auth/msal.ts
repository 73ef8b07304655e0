// Sign-in inside Office with MSAL.js nested app authentication (NAA): Office's own signed-in account
// gives the add-in a token for the SalesDesk API without a login window in most cases. Silent first,
// a popup only when Entra needs the user (consent, MFA, expired session); where the Office host does
// not support NAA (older builds), the Office dialog API runs the sign-in in a dialog instead.
import {
  createNestablePublicClientApplication,
  InteractionRequiredAuthError,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { reportUserChanged, userOf, type AuthProvider, type SignedInUser } from './provider';

export interface EntraSettings {
  /** The add-in's app registration (client id). */
  readonly clientId: string;
  /** `https://login.microsoftonline.com/<tenant id>` (single-tenant: the company's). */
  readonly authority: string;
  /** The API's scope, `api://<api client id>/access_as_user`. */
  readonly scope: string;
  /** Page that completes a sign-in in the Office dialog (fallback), e.g. `https://…/auth-dialog.html`. */
  readonly dialogUrl: string;
}

/** True when this Office host supports nested app authentication. */
export function naaSupported(): boolean {
  return (
    typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('NestedAppAuth', '1.1')
  );
}

export function msalProvider(settings: EntraSettings): AuthProvider {
  let app: Promise<IPublicClientApplication> | null = null;
  let user: SignedInUser | null = null;
  let lastToken: string | null = null;
  const request = { scopes: [settings.scope] };

  const client = () =>
    (app ??= createNestablePublicClientApplication({
      auth: { clientId: settings.clientId, authority: settings.authority },
    }));

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

  return {
    kind: 'msal',
    async getToken(options = {}) {
      let token: string | null;
      if (naaSupported()) {
        const pca = await client();
        token = await silent(pca);
        if (!token && options.interactive) token = await interactive(pca);
      } else {
        token = options.interactive ? await dialogSignIn(settings) : null;
      }
      if (token !== lastToken) {
        lastToken = token;
        user = token ? userOf(token) : null;
        reportUserChanged();
      }
      return token;
    },
    user: () => user,
    async signOut() {
      user = null;
      lastToken = null;
      reportUserChanged();
      if (naaSupported()) {
        const pca = await client();
        pca.setActiveAccount(null);
        await pca.clearCache();
      }
    },
  };
}

/**
 * Fallback where NAA is unsupported: the Office dialog opens `dialogUrl`, which signs in with MSAL's
 * redirect flow and sends the access token back with `Office.context.ui.messageParent`.
 */
export function dialogSignIn(settings: EntraSettings): Promise<string> {
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(settings.dialogUrl, { height: 60, width: 30 }, (opened) => {
      if (opened.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new Error(opened.error.message));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        const message = 'message' in arg ? arg.message : '';
        try {
          const parsed = JSON.parse(message) as { accessToken?: string; error?: string };
          if (parsed.accessToken) resolve(parsed.accessToken);
          else reject(new Error(parsed.error ?? 'sign-in cancelled'));
        } catch {
          reject(new Error('sign-in dialog answered nonsense'));
        }
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () =>
        reject(new Error('sign-in dialog closed')),
      );
    });
  });
}
