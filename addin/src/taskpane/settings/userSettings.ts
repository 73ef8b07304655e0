// Per-user settings kept in the browser's storage of the add-in's origin (not in the workbook):
// the API address and a language override. Column mappings live in the workbook instead.
export interface UserSettings {
  apiBaseUrl: string;
  language: 'auto' | 'zh-CN' | 'en-US';
}

const KEY = 'salesdesk.settings.v1';
export const defaultApiBaseUrl = 'http://localhost:7071/api';
export const defaultSettings: UserSettings = { apiBaseUrl: defaultApiBaseUrl, language: 'auto' };

export function loadUserSettings(storage: Pick<Storage, 'getItem'> | undefined): UserSettings {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return defaultSettings;
    const parsed = JSON.parse(raw) as Partial<UserSettings>;
    return {
      apiBaseUrl:
        typeof parsed.apiBaseUrl === 'string' && parsed.apiBaseUrl ? parsed.apiBaseUrl : defaultApiBaseUrl,
      language: parsed.language === 'zh-CN' || parsed.language === 'en-US' ? parsed.language : 'auto',
    };
  } catch {
    return defaultSettings;
  }
}

export function saveUserSettings(
  storage: Pick<Storage, 'setItem'> | undefined,
  settings: UserSettings,
): void {
  storage?.setItem(KEY, JSON.stringify(settings));
}
