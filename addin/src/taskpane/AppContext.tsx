// What every tab needs: the language and its formatters, the API client and the user's settings.
import { createContext, useContext } from 'react';
import type { Locale } from '../i18n/locale';
import { translate, type StringKey } from '../i18n/strings';
import type { ApiClient } from '../api/client';
import type { UserSettings } from './settings/userSettings';
import type { WorkbookAdapter } from '../workbook/adapter';
import type { Action } from '../auth';
import type { Session } from './signIn/session';

/** Job state kept per session, so a tab shows it again when the person comes back (session.ts). */
export interface SessionStore {
  has(key: string): boolean;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  subscribe(key: string, listener: () => void): () => void;
}

export interface AppServices {
  locale: Locale;
  t: (key: StringKey, params?: Record<string, string | number>) => string;
  api: ApiClient;
  settings: UserSettings;
  updateSettings: (next: UserSettings) => void;
  /** Excel (Office.js) or the preview's in-browser workbook: the only way tabs touch cells. */
  workbook: WorkbookAdapter | null;
  /** Who is signed in, sign-in/out, "sign in again". */
  signIn: Session;
  /** May the signed-in user do this? Tabs hide what the API would refuse (403) and say why. */
  can: (action: Action) => boolean;
  /** Each job's state for the session (see session.tsx); a tab rendered alone keeps its own. */
  session?: SessionStore;
  /** A client for another address (设置 → 测试连接 tries the one typed before it is saved). */
  apiFor?: (baseUrl: string) => ApiClient;
  /** Shows the 设置 tab (an error about the service offers it). */
  openSettings?: () => void;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppContext.Provider>');
  return value;
}

export function makeTranslator(locale: Locale): AppServices['t'] {
  return (key, params) => translate(locale, key, params);
}
