// Boots the browser preview (development builds, and production builds with SALESDESK_PREVIEW=1).
// No office.js here: the pane runs on an in-browser workbook and is told there is no Office
// display language.
//
// URL parameters: `?lang=en-US` (as the pane), `?sample=1` opens the sample workbook on arrival.
// For browser tests the open workbook is at `window.__salesdeskPreview` =
// `{ workbook: MemoryWorkbook, fileName }`, e.g.
//   window.__salesdeskPreview.workbook.cellView('销售台账', 2, 0).value  // '日期' (row 3, column A)
// The preview page is never part of what ships to Excel (only taskpane.html is in the manifest).
import { createRoot } from 'react-dom/client';
import { builtIssuerBaseUrl, localIssuerProvider, previewRole, setAuthProvider } from '../auth';
import { loadUserSettings } from '../taskpane/settings/userSettings';
import { PreviewPage } from './PreviewPage';
import type { PreviewHandle } from './previewWorkbook';

const root = document.getElementById('root');
if (root) {
  // Sign-in in the preview: tokens of the dev host's local issuer for the role picked in the pane.
  setAuthProvider(
    localIssuerProvider({
      apiBaseUrl: () => loadUserSettings(window.localStorage).apiBaseUrl,
      issuerBaseUrl: builtIssuerBaseUrl,
      role: () => previewRole(window.localStorage),
      storage: window.localStorage,
    }),
  );
  const query = new URLSearchParams(window.location.search);
  const expose = (handle: PreviewHandle) => {
    window.__salesdeskPreview = handle;
  };
  createRoot(root).render(
    <PreviewPage
      queryLanguage={query.get('lang')}
      openSample={query.get('sample') === '1'}
      storage={window.localStorage}
      onOpen={expose}
    />,
  );
}
