// Renders a pane piece inside Fluent's provider and the app context, as App does.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createApiClient } from '../../../src/api/client';
import type { Locale } from '../../../src/i18n/locale';
import { AppContext, makeTranslator, type AppServices } from '../../../src/taskpane/AppContext';
import { openSession } from '../../../src/taskpane/signIn/session';
import { defaultSettings } from '../../../src/taskpane/settings/userSettings';
import type { WorkbookAdapter } from '../../../src/workbook/adapter';

export const API_BASE = 'http://api.test/api';

export function renderWithApp(
  ui: ReactElement,
  options: {
    workbook: WorkbookAdapter | null;
    locale?: Locale;
    fetchImpl?: typeof fetch;
    openSettings?: () => void;
    /** What the signed-in user may do (default: everything, as without sign-in). */
    can?: AppServices['can'];
  },
) {
  const locale = options.locale ?? 'zh-CN';
  const services: AppServices = {
    locale,
    t: makeTranslator(locale),
    api: createApiClient({
      baseUrl: API_BASE,
      fetch: options.fetchImpl ?? (() => Promise.reject(new TypeError('no API in this test'))),
    }),
    settings: defaultSettings,
    updateSettings: () => undefined,
    signIn: openSession,
    can: options.can ?? (() => true),
    workbook: options.workbook,
    ...(options.openSettings ? { openSettings: options.openSettings } : {}),
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <AppContext.Provider value={services}>{ui}</AppContext.Provider>
    </FluentProvider>,
  );
}
