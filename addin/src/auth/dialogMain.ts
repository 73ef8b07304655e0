// Boots dialog.html, the sign-in page the Office dialog opens where nested app authentication is
// unsupported (see officeDialog.ts and dialogPage.ts). Same origin as the task pane.
import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { entraSettings } from './entraSettings';
import { errorMessage } from './dialogMessage';
import { runSignInDialog, SELECT_ACCOUNT_PARAM, SILENT_PARAM } from './dialogPage';

Office.onReady(() => {
  const origin = window.location.origin;
  const settings = entraSettings(window.location.href);
  const supportsTargetOrigin = Office.context.requirements.isSetSupported('DialogOrigin', '1.1');
  const messageParent = (message: string, options?: { targetOrigin: string }) =>
    options ? Office.context.ui.messageParent(message, options) : Office.context.ui.messageParent(message);
  if (!settings) {
    // A development build (no app registration): nothing to sign in to.
    const text = JSON.stringify(
      errorMessage('not_configured', 'This build names no Entra app registration.'),
    );
    if (supportsTargetOrigin) messageParent(text, { targetOrigin: origin });
    else messageParent(text);
    return;
  }
  void runSignInDialog({
    scope: settings.scope,
    silent: new URLSearchParams(window.location.search).get(SILENT_PARAM) === '1',
    selectAccount: new URLSearchParams(window.location.search).get(SELECT_ACCOUNT_PARAM) === '1',
    parentOrigin: origin,
    supportsTargetOrigin,
    messageParent,
    client: () =>
      createStandardPublicClientApplication({
        auth: {
          clientId: settings.clientId,
          authority: settings.authority,
          // Registered as a single-page-application redirect URI (README: Register the app).
          redirectUri: settings.dialogUrl,
        },
        // The dialog is a new browser instance each time: the cache must outlive it to renew silently.
        cache: { cacheLocation: 'localStorage' },
      }),
  });
});
