// The Entra ID settings of a build (webpack's DefinePlugin writes them from SALESDESK_ENTRA_CLIENT_ID,
// SALESDESK_ENTRA_TENANT_ID, SALESDESK_API_SCOPE at build time). Empty in development builds: the pane
// then signs in with the dev host's local issuer instead.
import type { EntraSettings } from './msal';

export function entraSettings(origin: string): EntraSettings | null {
  const clientId = process.env.SALESDESK_ENTRA_CLIENT_ID ?? '';
  const tenant = process.env.SALESDESK_ENTRA_TENANT_ID ?? '';
  const scope = process.env.SALESDESK_API_SCOPE ?? '';
  if (!clientId || !tenant || !scope) return null;
  return {
    clientId,
    authority: `https://login.microsoftonline.com/${tenant}`,
    scope,
    dialogUrl: `${origin}/taskpane.html?auth-dialog=1`,
  };
}
