// The sign-in dialog's work (dialog.html, opened by officeDialog.ts where nested app authentication is
// unsupported): a standard MSAL client on the pane's own origin, the redirect flow with the API's scope,
// then exactly one message to the parent with Office.context.ui.messageParent. The page navigates to
// Entra and back; only the load that has an answer sends it.
import type { AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import { errorMessage, tokenMessage, type DialogMessage } from './dialogMessage';

/** `?silent=1`: renew a token without asking the user; answer `interaction_required` instead of redirecting. */
export const SILENT_PARAM = 'silent';
/**
 * `?selectAccount=1`: the person signed out in the pane. The dialog's MSAL cache (localStorage) still
 * holds their account, and a silent token from it would sign the same person in again unasked: Entra
 * is asked to let them pick (or add) an account instead.
 */
export const SELECT_ACCOUNT_PARAM = 'selectAccount';

/** The part of MSAL's client used here (tests pass a fake: Entra cannot run on these machines). */
export type DialogMsalClient = Pick<
  IPublicClientApplication,
  | 'handleRedirectPromise'
  | 'acquireTokenSilent'
  | 'acquireTokenRedirect'
  | 'getActiveAccount'
  | 'getAllAccounts'
  | 'setActiveAccount'
>;

export interface DialogPageOptions {
  /** The API's scope, `api://<api client id>/access_as_user`. */
  readonly scope: string;
  readonly silent: boolean;
  /** SELECT_ACCOUNT_PARAM: no silent token from the cached account; Entra's account picker. */
  readonly selectAccount?: boolean;
  /** The pane's origin (the dialog's own: Office opens only same-origin dialog pages). */
  readonly parentOrigin: string;
  readonly client: () => Promise<DialogMsalClient>;
  /** `Office.context.ui.messageParent`. */
  readonly messageParent: (message: string, options?: { targetOrigin: string }) => void;
  /** DialogOrigin 1.1: messageParent takes a targetOrigin (older clients deliver to a same-origin parent only). */
  readonly supportsTargetOrigin: boolean;
}

/** Runs once per page load; resolves with what was sent, or null when the page went to Entra instead. */
export async function runSignInDialog(options: DialogPageOptions): Promise<DialogMessage | null> {
  let message: DialogMessage | null;
  try {
    message = await answer(options);
  } catch (err) {
    message = errorMessage(errorCode(err), errorText(err));
  }
  if (message) send(options, message);
  return message;
}

async function answer(options: DialogPageOptions): Promise<DialogMessage | null> {
  const request = { scopes: [options.scope] };
  const pca = await options.client();
  const back = await pca.handleRedirectPromise();
  if (back) return fromResult(pca, back);

  const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;
  if (options.selectAccount && !options.silent) {
    await pca.acquireTokenRedirect({ ...request, prompt: 'select_account' });
    return null;
  }
  if (account) {
    try {
      return fromResult(pca, await pca.acquireTokenSilent({ ...request, account }));
    } catch (err) {
      if (!needsUser(err)) throw err;
    }
  }
  if (options.silent) {
    return errorMessage('interaction_required', 'Entra needs the user to sign in.');
  }
  // To Entra; the page comes back to itself with the answer (handleRedirectPromise above).
  await pca.acquireTokenRedirect({ ...request, ...(account ? { account } : {}) });
  return null;
}

function fromResult(pca: DialogMsalClient, result: AuthenticationResult): DialogMessage {
  pca.setActiveAccount(result.account);
  const name = result.account?.name || result.account?.username || '';
  const expiresOn = result.expiresOn ? result.expiresOn.getTime() : 0;
  return tokenMessage(result.accessToken, name, expiresOn);
}

function send(options: DialogPageOptions, message: DialogMessage): void {
  const text = JSON.stringify(message);
  // Never to another origin: name ours where the client lets us; older clients only deliver to a
  // parent on the dialog's own origin anyway.
  if (options.supportsTargetOrigin) options.messageParent(text, { targetOrigin: options.parentOrigin });
  else options.messageParent(text);
}

function needsUser(err: unknown): boolean {
  const code = errorCode(err);
  return (
    (err instanceof Error && err.name === 'InteractionRequiredAuthError') ||
    ['interaction_required', 'login_required', 'consent_required', 'no_tokens_found'].includes(code)
  );
}

function errorCode(err: unknown): string {
  const code = (err as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === 'string' && code ? code : 'sign_in_failed';
}

function errorText(err: unknown): string {
  const text = (err as { errorMessage?: unknown } | null)?.errorMessage;
  if (typeof text === 'string' && text) return text;
  return err instanceof Error ? err.message : String(err);
}
