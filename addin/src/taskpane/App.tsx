// The task pane: one tab per job, Office's theme, zh-CN by default. The same component runs in
// Excel and in the browser preview; only the workbook adapter handed to it differs.
import { useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import {
  FluentProvider,
  Link,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { resolveLocale } from '../i18n/locale';
import { createApiClient } from '../api/client';
import { AppContext, makeTranslator, type AppServices } from './AppContext';
import { createSessionStore } from './session';
import { oldExcelText } from './requirements';
import { SettingsTab } from './settings/SettingsTab';
import { PriceCheckTab } from './priceCheck/PriceCheckTab';
import { PricePolicyTab } from './pricePolicy/PricePolicyTab';
import { AnnualPlanTab } from './annualPlan/AnnualPlanTab';
import { MonthEndTab } from './monthEnd/MonthEndTab';
import { ReceivablesTab } from './receivables/ReceivablesTab';
import type { WorkbookAdapter } from '../workbook/adapter';
import { loadUserSettings, saveUserSettings, type UserSettings } from './settings/userSettings';
import { SignInBar, type SignInBarProps } from './signIn/SignInBar';
import { useSession } from './signIn/session';

const useStyles = makeStyles({
  root: {
    minWidth: '300px',
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: { padding: '12px 12px 4px 12px', display: 'flex', flexDirection: 'column', gap: '2px' },
  // Wraps rather than scrolls: at 320 px in English every tab stays visible (none clipped).
  tabs: { paddingLeft: '4px', flexWrap: 'wrap', rowGap: '2px' },
  helpLink: { alignSelf: 'flex-start' },
  body: { padding: '12px', display: 'flex', flexDirection: 'column', gap: '12px' },
});

export type TabId = 'priceCheck' | 'pricePolicy' | 'annualPlan' | 'monthEnd' | 'receivables' | 'settings';

export interface AppProps {
  /** Office's display language (Office.context.displayLanguage), if any. */
  officeDisplayLanguage?: string | null;
  /** Office's theme is dark (from Office.context.officeTheme). */
  dark?: boolean;
  /** ?lang= from the page URL: a development and test override. */
  queryLanguage?: string | null;
  storage?: Storage;
  fetchImpl?: typeof fetch;
  initialTab?: TabId;
  /** False in an Excel older than the API set the adapter needs (checked at start). */
  excelApiSupported?: boolean;
  /** The workbook the pane works on; null outside Excel and the preview. */
  workbook: WorkbookAdapter | null;
  /** The browser preview's role picker (tokens from the local issuer). */
  previewRole?: SignInBarProps['previewRole'];
}

export function App(props: AppProps) {
  const styles = useStyles();
  const [settings, setSettings] = useState<UserSettings>(() => loadUserSettings(props.storage));
  const [tab, setTab] = useState<TabId>(props.initialTab ?? 'priceCheck');
  const signIn = useSession();
  // A role or a manager's 片区 picked in the preview means a new token.
  const previewRole = props.previewRole && `${props.previewRole.role}|${props.previewRole.region ?? ''}`;
  const { refresh } = signIn;
  // Sign in again silently then.
  const shownRole = useRef(previewRole);
  useEffect(() => {
    if (previewRole === shownRole.current) return;
    shownRole.current = previewRole;
    refresh();
  }, [previewRole, refresh]);
  // Each job's state for the session of one workbook: a tab left and reopened finds its work.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new store for another workbook, on purpose
  const session = useMemo(() => createSessionStore(), [props.workbook]);

  const locale = resolveLocale({
    query: props.queryLanguage,
    saved: settings.language === 'auto' ? null : settings.language,
    officeDisplayLanguage: props.officeDisplayLanguage,
  });

  // A new client when the address or the signed-in user changes: tabs then load again with the new token.
  const api = useMemo(
    () => createApiClient({ baseUrl: settings.apiBaseUrl, fetch: props.fetchImpl }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the user is the reason to reload, not an input
    [settings.apiBaseUrl, props.fetchImpl, signIn.user],
  );
  const services = useMemo<AppServices>(
    () => ({
      locale,
      t: makeTranslator(locale),
      api,
      settings,
      workbook: props.workbook,
      session,
      signIn,
      can: signIn.can,
      apiFor: (baseUrl) => createApiClient({ baseUrl, fetch: props.fetchImpl }),
      openSettings: () => setTab('settings'),
      updateSettings: (next) => {
        saveUserSettings(props.storage, next);
        setSettings(next);
      },
    }),
    [locale, settings, props.storage, api, props.workbook, session, signIn, props.fetchImpl],
  );
  const { t } = services;
  const tabs: { id: TabId; label: string }[] = [
    { id: 'priceCheck', label: t('tabPriceCheck') },
    { id: 'pricePolicy', label: t('tabPricePolicy') },
    { id: 'annualPlan', label: t('tabAnnualPlan') },
    { id: 'monthEnd', label: t('tabMonthEnd') },
    { id: 'receivables', label: t('tabReceivables') },
    { id: 'settings', label: t('tabSettings') },
  ];
  const panels: Record<TabId, ComponentType> = {
    priceCheck: PriceCheckTab,
    pricePolicy: PricePolicyTab,
    annualPlan: AnnualPlanTab,
    monthEnd: MonthEndTab,
    receivables: ReceivablesTab,
    settings: SettingsTab,
  };
  const Panel = panels[tab];

  return (
    <FluentProvider theme={props.dark ? webDarkTheme : webLightTheme} lang={locale}>
      <AppContext.Provider value={services}>
        <div className={styles.root}>
          <header className={styles.header}>
            <Text as="h1" size={500} weight="semibold" data-testid="app-title">
              {t('appTitle')}
            </Text>
            <Text size={200}>{t('appSubtitle')}</Text>
            <Link
              className={styles.helpLink}
              href="help.html"
              target="_blank"
              rel="noopener"
              data-testid="help-link"
            >
              {t('help')}
            </Link>
          </header>
          <SignInBar {...(props.previewRole ? { previewRole: props.previewRole } : {})} />
          {props.excelApiSupported === false && (
            <MessageBar intent="warning" layout="multiline" data-testid="old-excel">
              <MessageBarBody>{oldExcelText[locale]}</MessageBarBody>
            </MessageBar>
          )}
          <TabList
            className={styles.tabs}
            selectedValue={tab}
            onTabSelect={(_, data) => setTab(data.value as TabId)}
            size="small"
          >
            {tabs.map((x) => (
              <Tab key={x.id} value={x.id} data-testid={`tab-${x.id}`}>
                {x.label}
              </Tab>
            ))}
          </TabList>
          <main className={styles.body} role="tabpanel">
            <Panel />
          </main>
        </div>
      </AppContext.Provider>
    </FluentProvider>
  );
}
