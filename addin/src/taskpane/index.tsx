// Boots the task pane inside Excel (or, outside Office, as a plain page that says so).
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createOfficeWorkbook } from '../workbook/officeWorkbook';
import { builtIssuerBaseUrl, localIssuerProvider, previewRole, setAuthProvider } from '../auth';
import { entraSettings } from '../auth/entraSettings';
import { msalProvider } from '../auth/msal';
import { loadUserSettings } from './settings/userSettings';
import { excelApiSupported } from './requirements';

function officeIsDark(): boolean {
  const bg = Office.context?.officeTheme?.bodyBackgroundColor;
  if (!bg || !/^#?[0-9a-f]{6}$/i.test(bg)) return false;
  const n = parseInt(bg.replace('#', ''), 16);
  const luminance = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return luminance < 128;
}

Office.onReady((info) => {
  const root = document.getElementById('root');
  if (!root) return;
  const query = new URLSearchParams(window.location.search);
  const inExcel = info.host === Office.HostType.Excel;
  // One provider for the pane and the =SALES.* functions (they share this runtime and the API client):
  // Entra ID through MSAL when the build names an app registration, else the dev host's local issuer.
  const entra = entraSettings(window.location.href);
  setAuthProvider(
    entra
      ? msalProvider(entra)
      : localIssuerProvider({
          apiBaseUrl: () => loadUserSettings(window.localStorage).apiBaseUrl,
          issuerBaseUrl: builtIssuerBaseUrl,
          role: () => previewRole(window.localStorage),
          storage: window.localStorage,
        }),
  );
  createRoot(root).render(
    <App
      officeDisplayLanguage={inExcel ? Office.context.displayLanguage : null}
      dark={inExcel && officeIsDark()}
      queryLanguage={query.get('lang')}
      storage={window.localStorage}
      workbook={inExcel ? createOfficeWorkbook() : null}
      excelApiSupported={!inExcel || excelApiSupported(Office.context.requirements)}
    />,
  );
});
