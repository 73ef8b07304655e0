/**
 * The sign-in dialog page (dialog.html): it sends its parent exactly one message with the expected shape,
 * only to the pane's origin, and none when it leaves for Entra. MSAL is faked at its boundary (the
 * client's methods): Entra cannot run on these machines.
 */
import type { AccountInfo, AuthenticationResult } from '@azure/msal-browser';
import { parseDialogMessage, DIALOG_MESSAGE_TAG } from '../../src/auth/dialogMessage';
import { runSignInDialog, type DialogMsalClient } from '../../src/auth/dialogPage';

const ORIGIN = 'https://salesdesk.example.com';
const SCOPE = 'api://api-client-id/access_as_user';
const EXPIRES = new Date('2026-12-06T10:00:00Z');

const account = { name: '张三', username: 'zhangsan@example.com', homeAccountId: 'h' } as AccountInfo;
const result = (accessToken: string): AuthenticationResult =>
  ({ accessToken, account, expiresOn: EXPIRES, scopes: [SCOPE] }) as unknown as AuthenticationResult;

function fakeMsal(overrides: Partial<DialogMsalClient> = {}) {
  const calls: string[] = [];
  let active: AccountInfo | null = null;
  const client: DialogMsalClient = {
    handleRedirectPromise: jest.fn(async () => {
      calls.push('handleRedirectPromise');
      return null;
    }),
    acquireTokenSilent: jest.fn(async (request) => {
      calls.push(`acquireTokenSilent ${request.scopes.join(' ')}`);
      return result('silent-token');
    }),
    acquireTokenRedirect: jest.fn(async (request) => {
      calls.push(`acquireTokenRedirect ${request.scopes.join(' ')}`);
    }),
    getActiveAccount: () => active,
    getAllAccounts: () => [],
    setActiveAccount: (a) => {
      active = a;
    },
    ...overrides,
  };
  return { client, calls };
}

function page(
  client: DialogMsalClient,
  options: { silent?: boolean; supportsTargetOrigin?: boolean; selectAccount?: boolean } = {},
) {
  const sent: { message: string; options?: { targetOrigin: string } }[] = [];
  const run = runSignInDialog({
    scope: SCOPE,
    silent: options.silent ?? false,
    selectAccount: options.selectAccount ?? false,
    parentOrigin: ORIGIN,
    supportsTargetOrigin: options.supportsTargetOrigin ?? true,
    client: async () => client,
    messageParent: (message, opts) => sent.push({ message, ...(opts ? { options: opts } : {}) }),
  });
  return { run, sent };
}

describe('the sign-in dialog page', () => {
  it('back from Entra: exactly one message, token + name + expiry, to the pane origin only', async () => {
    const { client } = fakeMsal({ handleRedirectPromise: async () => result('eyJ.redirect.token') });
    const { run, sent } = page(client);
    await run;
    expect(sent).toHaveLength(1);
    expect(sent[0]!.options).toEqual({ targetOrigin: ORIGIN });
    expect(JSON.parse(sent[0]!.message)).toEqual({
      tag: DIALOG_MESSAGE_TAG,
      kind: 'token',
      accessToken: 'eyJ.redirect.token',
      name: '张三',
      expiresOn: EXPIRES.getTime(),
    });
    // What the pane's side parses is the same message.
    expect(parseDialogMessage(sent[0]!.message)).toEqual(JSON.parse(sent[0]!.message));
  });

  it('first load with no account: goes to Entra with the API scope and sends nothing', async () => {
    const { client, calls } = fakeMsal();
    const { run, sent } = page(client);
    await expect(run).resolves.toBeNull();
    expect(calls).toEqual(['handleRedirectPromise', `acquireTokenRedirect ${SCOPE}`]);
    expect(sent).toEqual([]);
  });

  it('an account in the cache: a silent token, sent once; no redirect', async () => {
    const { client, calls } = fakeMsal({ getAllAccounts: () => [account] });
    const { run, sent } = page(client, { silent: true });
    await run;
    expect(calls).toEqual(['handleRedirectPromise', `acquireTokenSilent ${SCOPE}`]);
    expect(sent).toHaveLength(1);
    expect(parseDialogMessage(sent[0]!.message)).toMatchObject({
      kind: 'token',
      accessToken: 'silent-token',
    });
  });

  it('after a sign-out (selectAccount): no silent token from the cached account; Entra asks which account', async () => {
    const redirects: unknown[] = [];
    const { client, calls } = fakeMsal({
      getAllAccounts: () => [account],
      acquireTokenRedirect: jest.fn(async (request) => {
        redirects.push(request);
      }),
    });
    const { run, sent } = page(client, { selectAccount: true });
    await expect(run).resolves.toBeNull();
    expect(calls).toEqual(['handleRedirectPromise']);
    expect(redirects).toEqual([{ scopes: [SCOPE], prompt: 'select_account' }]);
    expect(sent).toEqual([]);
  });

  it('silent renewal when Entra needs the user: one interaction_required message, never a redirect', async () => {
    const needsUser = Object.assign(new Error('login needed'), {
      name: 'InteractionRequiredAuthError',
      errorCode: 'interaction_required',
    });
    const { client, calls } = fakeMsal({
      getAllAccounts: () => [account],
      acquireTokenSilent: async () => {
        throw needsUser;
      },
    });
    const { run, sent } = page(client, { silent: true });
    await run;
    expect(calls).not.toContain(`acquireTokenRedirect ${SCOPE}`);
    expect(sent).toHaveLength(1);
    expect(parseDialogMessage(sent[0]!.message)).toMatchObject({
      kind: 'error',
      code: 'interaction_required',
    });
  });

  it('an MSAL failure is one error message with its code and text', async () => {
    const { client } = fakeMsal({
      handleRedirectPromise: async () => {
        throw Object.assign(new Error('x'), { errorCode: 'access_denied', errorMessage: 'AADSTS50105' });
      },
    });
    const { run, sent } = page(client);
    await run;
    expect(sent).toHaveLength(1);
    expect(parseDialogMessage(sent[0]!.message)).toEqual({
      tag: DIALOG_MESSAGE_TAG,
      kind: 'error',
      code: 'access_denied',
      message: 'AADSTS50105',
    });
  });

  it('clients without DialogOrigin 1.1: messageParent without options (delivered to a same-origin parent only)', async () => {
    const { client } = fakeMsal({ handleRedirectPromise: async () => result('t') });
    const { run, sent } = page(client, { supportsTargetOrigin: false });
    await run;
    expect(sent).toHaveLength(1);
    expect(sent[0]!.options).toBeUndefined();
  });
});
