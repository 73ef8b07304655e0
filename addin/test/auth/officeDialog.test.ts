/**
 * The Office dialog fallback, pane side: where nested app authentication is unsupported the MSAL provider
 * opens dialog.html with displayDialogAsync and takes the one message it sends. Office is a fake of
 * `Office.context` (dialog events, messages, close codes); the tokens are real signed tokens of the test
 * issuer (the pane only reads their claims). MSAL is never reached on this path.
 */
import { msalProvider, RENEW_MARGIN_MS, type OfficeContextLike } from '../../src/auth/msal';
import { errorMessage, tokenMessage } from '../../src/auth/dialogMessage';
import {
  DIALOG_ERRORS,
  DIALOG_EVENT_RECEIVED,
  DIALOG_MESSAGE_RECEIVED,
  openSignInDialog,
  SignInError,
  type DialogEventArgs,
  type OfficeDialogHost,
  type OfficeDialogLike,
} from '../../src/auth/officeDialog';
import { onUserChanged } from '../../src/auth';
import { entraSettings } from '../../src/auth/entraSettings';
import { tokenFor } from '../support/signIn';

const ORIGIN = 'https://salesdesk.example.com';
const SETTINGS = {
  clientId: 'addin-client-id',
  authority: 'https://login.microsoftonline.com/tenant-id',
  scope: 'api://api-client-id/access_as_user',
  dialogUrl: `${ORIGIN}/dialog.html`,
};

class FakeDialog implements OfficeDialogLike {
  readonly handlers = new Map<string, (arg: DialogEventArgs) => void>();
  closed = 0;
  addEventHandler(type: string, handler: (arg: DialogEventArgs) => void): void {
    this.handlers.set(type, handler);
  }
  close(): void {
    this.closed++;
  }
  /** The dialog page calls messageParent. */
  send(message: string, origin: string | undefined = ORIGIN): void {
    this.handlers.get(DIALOG_MESSAGE_RECEIVED)?.({ message, ...(origin ? { origin } : {}) });
  }
  /** Office reports an event (12006: the user closed the dialog). */
  event(error: number): void {
    this.handlers.get(DIALOG_EVENT_RECEIVED)?.({ error });
  }
}

/** `Office.context.ui`: opens fake dialogs (asynchronously, as Office does), or refuses with a code. */
class FakeUi implements OfficeDialogHost {
  readonly urls: string[] = [];
  readonly dialogs: FakeDialog[] = [];
  refuseWith: number | null = null;
  private waiting: (() => void)[] = [];

  displayDialogAsync(
    url: string,
    _options: { height: number; width: number },
    callback: Parameters<OfficeDialogHost['displayDialogAsync']>[2],
  ): void {
    this.urls.push(url);
    queueMicrotask(() => {
      if (this.refuseWith !== null) {
        callback({
          status: 'failed',
          value: undefined as unknown as OfficeDialogLike,
          error: { code: this.refuseWith, message: 'refused' },
        });
        return;
      }
      const dialog = new FakeDialog();
      this.dialogs.push(dialog);
      callback({ status: 'succeeded', value: dialog });
      for (const wake of this.waiting.splice(0)) wake();
    });
  }

  /** The next dialog, once Office has opened it. */
  async opened(index: number): Promise<FakeDialog> {
    while (!this.dialogs[index]) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.dialogs[index]!;
  }
}

function officeWithoutNaa(ui: FakeUi): () => OfficeContextLike {
  return () => ({ requirements: { isSetSupported: () => false }, ui });
}

const neverNested = jest.fn(async () => {
  throw new Error('MSAL must not be created where NestedAppAuth is unsupported');
});

describe('openSignInDialog', () => {
  it('resolves the one sign-in message and closes the dialog', async () => {
    const ui = new FakeUi();
    const pending = openSignInDialog(ui, SETTINGS.dialogUrl, ORIGIN);
    const dialog = await ui.opened(0);
    dialog.send(JSON.stringify(tokenMessage('t0k', '张三', 1_000)));
    await expect(pending).resolves.toEqual(tokenMessage('t0k', '张三', 1_000));
    expect(dialog.closed).toBe(1);
    expect(ui.urls).toEqual([SETTINGS.dialogUrl]);
  });

  it('accepts a message without an origin (clients before DialogOrigin 1.1)', async () => {
    const ui = new FakeUi();
    const pending = openSignInDialog(ui, SETTINGS.dialogUrl, ORIGIN);
    (await ui.opened(0)).send(JSON.stringify(errorMessage('user_cancelled', 'cancelled')), undefined);
    await expect(pending).resolves.toMatchObject({ kind: 'error', code: 'user_cancelled' });
  });

  it('never takes a token from another origin, nor a message that is not ours', async () => {
    const ui = new FakeUi();
    const foreign = openSignInDialog(ui, SETTINGS.dialogUrl, ORIGIN);
    const dialog = await ui.opened(0);
    dialog.send(JSON.stringify(tokenMessage('stolen', 'x', 1)), 'https://evil.example.com');
    await expect(foreign).rejects.toMatchObject({ code: 'dialog_answer_unknown' });
    expect(dialog.closed).toBe(1);

    const garbled = openSignInDialog(ui, SETTINGS.dialogUrl, ORIGIN);
    (await ui.opened(1)).send('{"accessToken":"no tag"}');
    await expect(garbled).rejects.toMatchObject({ code: 'dialog_answer_unknown' });
  });

  it('12006 (closed by the user) → dialog_closed, in both languages; later events are ignored', async () => {
    const ui = new FakeUi();
    const pending = openSignInDialog(ui, SETTINGS.dialogUrl, ORIGIN);
    const dialog = await ui.opened(0);
    dialog.event(DIALOG_ERRORS.closedByUser);
    dialog.send(JSON.stringify(tokenMessage('late', 'x', 1)));
    const error = (await pending.catch((e: unknown) => e)) as SignInError;
    expect(error).toBeInstanceOf(SignInError);
    expect(error.code).toBe('dialog_closed');
    expect(error.text['zh-CN']).toBe('登录窗口已关闭，尚未登录。');
    expect(error.text['en-US']).toBe('The sign-in window was closed; you are not signed in.');
  });

  it.each([
    [DIALOG_ERRORS.ignoredByUser, 'dialog_blocked', /弹出窗口/],
    [DIALOG_ERRORS.popupBlocked, 'dialog_blocked', /弹出窗口/],
    [DIALOG_ERRORS.alreadyOpen, 'dialog_busy', /已打开/],
    [12004, 'dialog_failed', /Office 错误 12004/],
  ])('Office refusing to open (%i) → %s', async (code, expected, zh) => {
    const ui = new FakeUi();
    ui.refuseWith = code;
    const error = (await openSignInDialog(ui, SETTINGS.dialogUrl, ORIGIN).catch(
      (e: unknown) => e,
    )) as SignInError;
    expect(error.code).toBe(expected);
    expect(error.text['zh-CN']).toMatch(zh);
    expect(error.text['en-US']).not.toBe('');
  });

  it('12002 (the page did not load) → dialog_failed naming the code', async () => {
    const ui = new FakeUi();
    const pending = openSignInDialog(ui, SETTINGS.dialogUrl, ORIGIN);
    (await ui.opened(0)).event(DIALOG_ERRORS.pageNotLoaded);
    await expect(pending).rejects.toMatchObject({ code: 'dialog_failed', details: { officeError: 12002 } });
  });
});

describe('msalProvider where NestedAppAuth is unsupported: the dialog fallback', () => {
  let clock = 1_800_000_000_000;
  const now = () => clock;
  const deps = (ui: FakeUi) => ({ officeContext: officeWithoutNaa(ui), createNestable: neverNested, now });

  it('does not open a dialog unasked: no token before the person signs in', async () => {
    const ui = new FakeUi();
    const provider = msalProvider(SETTINGS, deps(ui));
    await expect(provider.getToken()).resolves.toBeNull();
    expect(ui.urls).toEqual([]);
    expect(neverNested).not.toHaveBeenCalled();
  });

  it('signs in through the dialog, shows who, and reuses the token from memory until it nearly expires', async () => {
    const ui = new FakeUi();
    const provider = msalProvider(SETTINGS, deps(ui));
    let changes = 0;
    const stop = onUserChanged(() => changes++);
    try {
      const token = tokenFor('李四', ['Sales.Clerk']);
      const expiresOn = clock + 3_600_000;
      const pending = provider.getToken({ interactive: true });
      (await ui.opened(0)).send(JSON.stringify(tokenMessage(token, '李四', expiresOn)));
      await expect(pending).resolves.toBe(token);
      expect(ui.urls).toEqual([SETTINGS.dialogUrl]);
      expect(provider.user()).toMatchObject({ name: '李四', roles: ['Sales.Clerk'] });
      expect(changes).toBe(1);

      // Custom functions and the pane ask again: memory, no dialog.
      await expect(provider.getToken()).resolves.toBe(token);
      clock = expiresOn - RENEW_MARGIN_MS - 1;
      await expect(provider.getToken()).resolves.toBe(token);
      expect(ui.urls).toHaveLength(1);

      // Near expiry: a new dialog that signs in silently (no redirect to Entra in it).
      clock = expiresOn - RENEW_MARGIN_MS + 1;
      const renewed = tokenFor('李四', ['Sales.Clerk', 'Finance']);
      const again = provider.getToken();
      const second = await ui.opened(1);
      expect(ui.urls[1]).toBe(`${SETTINGS.dialogUrl}?silent=1`);
      second.send(JSON.stringify(tokenMessage(renewed, '李四', clock + 3_600_000)));
      await expect(again).resolves.toBe(renewed);
      expect(provider.user()?.roles).toEqual(['Sales.Clerk', 'Finance']);
    } finally {
      stop();
    }
  });

  it('concurrent callers share one dialog (Office allows only one)', async () => {
    const ui = new FakeUi();
    const provider = msalProvider(SETTINGS, deps(ui));
    const token = tokenFor('王五', ['Sales.Head']);
    const a = provider.getToken({ interactive: true });
    const b = provider.getToken({ interactive: true });
    (await ui.opened(0)).send(JSON.stringify(tokenMessage(token, '王五', clock + 3_600_000)));
    await expect(Promise.all([a, b])).resolves.toEqual([token, token]);
    expect(ui.urls).toHaveLength(1);
  });

  it('a silent renewal that needs the user gives no token (the API then asks to sign in again); no error', async () => {
    const ui = new FakeUi();
    const provider = msalProvider(SETTINGS, deps(ui));
    const first = provider.getToken({ interactive: true });
    (await ui.opened(0)).send(
      JSON.stringify(tokenMessage(tokenFor('赵六', ['Finance']), '赵六', clock + 1000)),
    );
    await first;
    const renewal = provider.getToken();
    (await ui.opened(1)).send(JSON.stringify(errorMessage('interaction_required', 'needs the user')));
    await expect(renewal).resolves.toBeNull();
    expect(provider.user()).toBeNull();
  });

  it('clicking 登录 while a silent renewal is open gets a sign-in, not the renewal\'s quiet "no token"', async () => {
    const ui = new FakeUi();
    const provider = msalProvider(SETTINGS, deps(ui));
    const first = provider.getToken({ interactive: true });
    (await ui.opened(0)).send(
      JSON.stringify(tokenMessage(tokenFor('赵六', ['Finance']), '赵六', clock + 1000)),
    );
    await first;
    const renewal = provider.getToken();
    const renewing = await ui.opened(1);
    const clicked = provider.getToken({ interactive: true });
    renewing.send(JSON.stringify(errorMessage('interaction_required', 'needs the user')));
    await expect(renewal).resolves.toBeNull();
    const token = tokenFor('赵六', ['Finance']);
    (await ui.opened(2)).send(JSON.stringify(tokenMessage(token, '赵六', clock + 3_600_000)));
    await expect(clicked).resolves.toBe(token);
    expect(ui.urls).toEqual([SETTINGS.dialogUrl, `${SETTINGS.dialogUrl}?silent=1`, SETTINGS.dialogUrl]);
  });

  it('the person closing the dialog, or a blocked dialog, is a bilingual error for the pane; Entra errors too', async () => {
    const ui = new FakeUi();
    const provider = msalProvider(SETTINGS, deps(ui));
    const closed = provider.getToken({ interactive: true });
    (await ui.opened(0)).event(DIALOG_ERRORS.closedByUser);
    await expect(closed).rejects.toMatchObject({ code: 'dialog_closed' });

    ui.refuseWith = DIALOG_ERRORS.ignoredByUser;
    await expect(provider.getToken({ interactive: true })).rejects.toMatchObject({ code: 'dialog_blocked' });

    ui.refuseWith = null;
    const refused = provider.getToken({ interactive: true });
    (await ui.opened(1)).send(JSON.stringify(errorMessage('access_denied', 'AADSTS50105: not assigned')));
    const error = (await refused.catch((e: unknown) => e)) as SignInError;
    expect(error.code).toBe('sign_in_failed');
    expect(error.text['zh-CN']).toBe('Microsoft 登录未完成：AADSTS50105: not assigned（access_denied）');
    expect(error.text['en-US']).toBe(
      'Microsoft sign-in did not complete: AADSTS50105: not assigned (access_denied)',
    );
  });

  it('sign-out forgets the token: nothing is renewed unasked afterwards', async () => {
    const ui = new FakeUi();
    const provider = msalProvider(SETTINGS, deps(ui));
    const first = provider.getToken({ interactive: true });
    (await ui.opened(0)).send(
      JSON.stringify(tokenMessage(tokenFor('钱七', ['Sales.Manager']), '钱七', clock + 3_600_000)),
    );
    await first;
    await provider.signOut();
    expect(provider.user()).toBeNull();
    await expect(provider.getToken()).resolves.toBeNull();
    expect(ui.urls).toHaveLength(1);
  });

  it('after sign-out the next sign-in asks which account (the dialog cache would sign the same person in)', async () => {
    const ui = new FakeUi();
    const provider = msalProvider(SETTINGS, deps(ui));
    const first = provider.getToken({ interactive: true });
    (await ui.opened(0)).send(
      JSON.stringify(tokenMessage(tokenFor('钱七', ['Sales.Manager']), '钱七', clock + 3_600_000)),
    );
    await first;
    await provider.signOut();
    const next = provider.getToken({ interactive: true });
    const second = tokenFor('孙八', ['Sales.Clerk']);
    (await ui.opened(1)).send(JSON.stringify(tokenMessage(second, '孙八', clock + 3_600_000)));
    await expect(next).resolves.toBe(second);
    expect(ui.urls).toEqual([SETTINGS.dialogUrl, `${SETTINGS.dialogUrl}?selectAccount=1`]);
    expect(provider.user()?.name).toBe('孙八');
  });

  it('MSAL finding no NAA bridge (a standard client back) also means the dialog', async () => {
    const ui = new FakeUi();
    const standard = jest.fn(async () => ({}) as never);
    const provider = msalProvider(SETTINGS, {
      officeContext: () => ({ requirements: { isSetSupported: () => true }, ui }),
      createNestable: standard,
      now,
    });
    const pending = provider.getToken({ interactive: true });
    (await ui.opened(0)).send(
      JSON.stringify(tokenMessage(tokenFor('孙八', ['Sales.Head']), '孙八', clock + 3_600_000)),
    );
    await expect(pending).resolves.toEqual(expect.any(String));
    expect(standard).toHaveBeenCalledTimes(1);
  });
});

describe('entraSettings', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('puts the dialog page beside the page asking, on its origin (a pane under a path too)', () => {
    Object.assign(process.env, {
      SALESDESK_ENTRA_CLIENT_ID: 'c',
      SALESDESK_ENTRA_TENANT_ID: 't',
      SALESDESK_API_SCOPE: 'api://a/access_as_user',
    });
    expect(entraSettings('https://pane.example.com/taskpane.html?lang=en-US')?.dialogUrl).toBe(
      'https://pane.example.com/dialog.html',
    );
    expect(entraSettings('https://host.example.com/salesdesk/dialog.html#code=abc')?.dialogUrl).toBe(
      'https://host.example.com/salesdesk/dialog.html',
    );
  });

  it('no app registration in the build: no Entra settings (the local issuer signs in)', () => {
    delete process.env.SALESDESK_ENTRA_CLIENT_ID;
    expect(entraSettings('https://pane.example.com/taskpane.html')).toBeNull();
  });
});
