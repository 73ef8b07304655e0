// The one message the sign-in dialog (dialog.html) sends its parent with Office.context.ui.messageParent:
// the access token with who it is for and until when, or why there is none. Both sides import this
// file, so the shape cannot drift between them.

export const DIALOG_MESSAGE_TAG = 'salesdesk.sign-in';

export type DialogMessage =
  | {
      readonly tag: typeof DIALOG_MESSAGE_TAG;
      readonly kind: 'token';
      readonly accessToken: string;
      /** The account's display name (or user name), for the pane's signed-in line. */
      readonly name: string;
      /** ms since epoch */
      readonly expiresOn: number;
    }
  | {
      readonly tag: typeof DIALOG_MESSAGE_TAG;
      readonly kind: 'error';
      /** MSAL's error code (`interaction_required`, `user_cancelled`, …) or ours. */
      readonly code: string;
      readonly message: string;
    };

export function tokenMessage(accessToken: string, name: string, expiresOn: number): DialogMessage {
  return { tag: DIALOG_MESSAGE_TAG, kind: 'token', accessToken, name, expiresOn };
}

export function errorMessage(code: string, message: string): DialogMessage {
  return { tag: DIALOG_MESSAGE_TAG, kind: 'error', code, message };
}

/** The message, or null when the text is not one of ours (another page, a truncated string). */
export function parseDialogMessage(text: string): DialogMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (m.tag !== DIALOG_MESSAGE_TAG) return null;
  if (
    m.kind === 'token' &&
    typeof m.accessToken === 'string' &&
    m.accessToken !== '' &&
    typeof m.name === 'string' &&
    typeof m.expiresOn === 'number' &&
    Number.isFinite(m.expiresOn)
  ) {
    return tokenMessage(m.accessToken, m.name, m.expiresOn);
  }
  if (m.kind === 'error' && typeof m.code === 'string' && typeof m.message === 'string') {
    return errorMessage(m.code, m.message);
  }
  return null;
}
