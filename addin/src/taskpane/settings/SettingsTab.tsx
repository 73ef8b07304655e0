// Settings: the API address (checked against /api/health) and a language override. 测试连接 tests
// the address in the box, typed but not yet saved: that is the one the person wants to know about.
import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useApp } from '../AppContext';
import { ApiError } from '../../api/client';
import type { UserSettings } from './userSettings';

type Check = { intent: 'success' | 'warning' | 'error'; text: string } | null;

export function SettingsTab() {
  const { t, settings, updateSettings, api: saved, apiFor } = useApp();
  const [apiBaseUrl, setApiBaseUrl] = useState(settings.apiBaseUrl);
  const [check, setCheck] = useState<Check>(null);
  const [busy, setBusy] = useState(false);

  async function testConnection() {
    setBusy(true);
    setCheck(null);
    const typed = apiBaseUrl.trim();
    const api = typed && apiFor ? apiFor(typed) : saved;
    try {
      const health = await api.health();
      setCheck(
        health.storage === 'ok'
          ? { intent: 'success', text: t('healthOk', { version: health.version }) }
          : { intent: 'warning', text: t('healthStorageDown', { version: health.version }) },
      );
    } catch (error) {
      const reason =
        error instanceof ApiError && error.kind === 'http'
          ? `HTTP ${error.status}`
          : String((error as Error).message);
      setCheck({ intent: 'error', text: t('apiUnreachable', { url: api.baseUrl, reason }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        updateSettings({ ...settings, apiBaseUrl: apiBaseUrl.trim() });
        setCheck({ intent: 'success', text: t('settingsSaved') });
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
    >
      <Field label={t('settingsApi')} hint={t('settingsApiHint')}>
        <Input value={apiBaseUrl} onChange={(_, d) => setApiBaseUrl(d.value)} data-testid="settings-api" />
      </Field>
      <Field label={t('settingsLanguage')}>
        <Select
          value={settings.language}
          data-testid="settings-language"
          onChange={(_, d) => updateSettings({ ...settings, language: d.value as UserSettings['language'] })}
        >
          <option value="auto">{t('settingsLanguageAuto')}</option>
          <option value="zh-CN">中文（简体）</option>
          <option value="en-US">English (US)</option>
        </Select>
      </Field>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Button appearance="primary" type="submit">
          {t('settingsSave')}
        </Button>
        <Button onClick={testConnection} disabled={busy} data-testid="settings-test">
          {t('settingsTest')}
        </Button>
      </div>
      {check && (
        <MessageBar intent={check.intent} layout="multiline" data-testid="settings-check">
          <MessageBarBody>{check.text}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
