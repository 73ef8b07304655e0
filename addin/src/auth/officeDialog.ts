// The pane's side of the Office dialog fallback (where nested app authentication is unsupported): open
// dialog.html with Office.context.ui.displayDialogAsync, wait for its one message, close it. Office's
// close and refusal codes become errors a person can read, in both languages.
import { UserFacingError } from '../../../functions/src/contract/problem';
import { bilingual, type Bilingual } from '../../../functions/src/contract/text';
import { parseDialogMessage, type DialogMessage } from './dialogMessage';

/** What an Office dialog event carries (message events: message + origin; other events: error). */
export interface DialogEventArgs {
  readonly message?: string;
  /** The sender's origin (DialogOrigin 1.1); undefined on older clients. */
  readonly origin?: string;
  readonly error?: number;
}

/** The part of `Office.Dialog` used here. */
export interface OfficeDialogLike {
  addEventHandler(type: string, handler: (arg: DialogEventArgs) => void): void;
  close(): void;
}

/** The part of `Office.context.ui` used here (tests pass a fake). */
export interface OfficeDialogHost {
  displayDialogAsync(
    url: string,
    options: { height: number; width: number },
    callback: (result: {
      status: string;
      value: OfficeDialogLike;
      error?: { code: number; message: string };
    }) => void,
  ): void;
}

// Office.AsyncResultStatus.Succeeded and Office.EventType.*: the same strings, without needing office.js loaded.
const SUCCEEDED = 'succeeded';
export const DIALOG_MESSAGE_RECEIVED = 'dialogMessageReceived';
export const DIALOG_EVENT_RECEIVED = 'dialogEventReceived';

/** Office's dialog error codes we explain (learn.microsoft.com: "Errors and events in the Office dialog box"). */
export const DIALOG_ERRORS = {
  pageNotLoaded: 12002,
  insecurePage: 12003,
  closedByUser: 12006,
  alreadyOpen: 12007,
  ignoredByUser: 12009,
  popupBlocked: 12011,
} as const;

export type SignInErrorCode =
  | 'dialog_closed'
  | 'dialog_blocked'
  | 'dialog_busy'
  | 'dialog_failed'
  | 'dialog_answer_unknown'
  | 'sign_in_failed';

/** A sign-in that did not give a token, with what the person can do about it. */
export class SignInError extends UserFacingError {
  constructor(
    override readonly code: SignInErrorCode,
    text: Bilingual,
    options: { cause?: unknown; details?: unknown } = {},
  ) {
    super(code, text, options);
    this.name = 'SignInError';
  }
}

export function dialogOpenError(code: number, message = ''): SignInError {
  if (code === DIALOG_ERRORS.ignoredByUser || code === DIALOG_ERRORS.popupBlocked) {
    return new SignInError(
      'dialog_blocked',
      bilingual(
        `登录窗口被阻止（Office 错误 ${code}）：请允许 SalesDesk 打开窗口（浏览器的弹出窗口设置或 Office 的提示），再点“登录”。`,
        `The sign-in window was blocked (Office error ${code}): allow SalesDesk to open windows (the browser's pop-up setting or Office's prompt), then click Sign in again.`,
      ),
      { details: { officeError: code } },
    );
  }
  if (code === DIALOG_ERRORS.alreadyOpen) {
    return new SignInError(
      'dialog_busy',
      bilingual(
        '另一个 SalesDesk 窗口已打开：请先完成或关闭它，再登录。',
        'Another SalesDesk window is already open: finish or close it, then sign in.',
      ),
      { details: { officeError: code } },
    );
  }
  return new SignInError(
    'dialog_failed',
    bilingual(
      `无法打开登录窗口（Office 错误 ${code}${message ? `：${message}` : ''}）。`,
      `The sign-in window could not be opened (Office error ${code}${message ? `: ${message}` : ''}).`,
    ),
    { details: { officeError: code } },
  );
}

export function dialogEventError(code: number | undefined): SignInError {
  if (code === DIALOG_ERRORS.closedByUser) {
    return new SignInError(
      'dialog_closed',
      bilingual('登录窗口已关闭，尚未登录。', 'The sign-in window was closed; you are not signed in.'),
      { details: { officeError: code } },
    );
  }
  return new SignInError(
    'dialog_failed',
    bilingual(
      `登录页面无法加载（Office 错误 ${code ?? '?'}）：请检查网络，或请管理员检查加载项的地址。`,
      `The sign-in page could not be loaded (Office error ${code ?? '?'}): check the network, or ask the administrator to check the add-in's address.`,
    ),
    { details: { officeError: code } },
  );
}

const unknownAnswer = (why: string) =>
  new SignInError(
    'dialog_answer_unknown',
    bilingual(
      '登录窗口返回了无法识别的答复，未使用。请重试登录。',
      'The sign-in window answered something SalesDesk does not recognise; it was not used. Try signing in again.',
    ),
    { details: { why } },
  );

/**
 * Opens `url` in an Office dialog and resolves with the one message it sends (a token, or the reason
 * there is none). Rejects with a SignInError when Office refuses the dialog, the user closes it, or the
 * answer is not ours: a message from another origin than `expectedOrigin` is never used.
 */
export function openSignInDialog(
  host: OfficeDialogHost,
  url: string,
  expectedOrigin: string,
): Promise<DialogMessage> {
  return new Promise((resolve, reject) => {
    host.displayDialogAsync(url, { height: 60, width: 30 }, (opened) => {
      if (opened.status !== SUCCEEDED) {
        reject(dialogOpenError(opened.error?.code ?? 0, opened.error?.message));
        return;
      }
      const dialog = opened.value;
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        try {
          dialog.close();
        } catch {
          // Already closed by the user: nothing to close.
        }
        outcome();
      };
      dialog.addEventHandler(DIALOG_MESSAGE_RECEIVED, (arg) => {
        // DialogOrigin 1.1 tells who sent it; only our own origin may hand us a token.
        if (arg.origin !== undefined && arg.origin !== expectedOrigin) {
          finish(() => reject(unknownAnswer(`message from ${arg.origin}`)));
          return;
        }
        const message = parseDialogMessage(arg.message ?? '');
        finish(() => (message ? resolve(message) : reject(unknownAnswer('not a sign-in message'))));
      });
      dialog.addEventHandler(DIALOG_EVENT_RECEIVED, (arg) => {
        finish(() => reject(dialogEventError(arg.error)));
      });
    });
  });
}
