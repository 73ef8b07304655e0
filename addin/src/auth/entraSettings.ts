// The Entra ID settings of a build (webpack's DefinePlugin writes them from SALESDESK_ENTRA_CLIENT_ID,
// SALESDESK_ENTRA_TENANT_ID, SALESDESK_API_SCOPE at build time). Empty in development builds: the pane
// then signs in with the dev host's local issuer instead.
import type { EntraSettings } from './msal';

/** `pageUrl`: the page asking (the task pane or the dialog); dialog.html sits beside it. */
export function entraSettings(pageUrl: string): EntraSettings | null {
  const clientId = process.env.SALESDESK_ENTRA_CLIENT_ID ?? '';
  const tenant = process.env.SALESDESK_ENTRA_TENANT_ID ?? '';
  const scope = process.env.SALESDESK_API_SCOPE ?? '';
  if (!clientId || !tenant || !scope) return null;
  return {
    clientId,
    authority: `https://login.microsoftonline.com/${tenant}`,
    scope,
    // The Office dialog fallback's page (webpack entry `dialog`, same origin as the pane).
    dialogUrl: new URL('dialog.html', pageUrl).toString(),
  };
}
