// 结账 / 反结账 for the month chosen in the 月末对账 tab: the month's state, and the two buttons for
// Finance (reopening asks for a reason). Other roles see the buttons disabled and why.
import { useEffect, useState } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
} from '@fluentui/react-components';
import { useApp } from '../AppContext';
import { authProvider } from '../../auth';
import type { MonthStatus } from '../../../../functions/src/contract/monthEnd';
import { UserFacingError } from '../../../../functions/src/contract/problem';
import type { Bilingual } from '../../i18n/locale';
import { closeMonth, mayCloseMonths, monthStatus, reopenMonth } from '../../monthEnd';
import { tabText } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'flex-end' },
});

/** `2026-05-01T01:02:03Z` → China time, to the minute (what Finance reads). */
function chinaTime(iso: string | null): string {
  if (!iso) return '';
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return Number.isNaN(t.getTime()) ? iso : t.toISOString().slice(0, 16).replace('T', ' ');
}

export function MonthClose({ month, disabled }: { month: string; disabled?: boolean }) {
  const { locale, api, signIn } = useApp();
  const styles = useStyles();
  const [status, setStatus] = useState<MonthStatus | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setError] = useState<{ month: string; text: Bilingual } | null>(null);
  const error = failed?.month === month ? failed.text : null;
  const provider = authProvider();
  const roles = provider.kind === 'none' ? null : ((signIn.user ?? provider.user())?.roles ?? []);
  const allowed = mayCloseMonths(roles);

  useEffect(() => {
    let live = true;
    monthStatus(api, month)
      .then((s) => live && setStatus(s))
      .catch(() => live && setStatus(null));
    return () => {
      live = false;
    };
  }, [api, month]);

  async function act(action: 'close' | 'reopen') {
    if (busy || !allowed) return;
    setBusy(true);
    setError(null);
    try {
      const next = action === 'close' ? await closeMonth(api, month) : await reopenMonth(api, month, reason);
      setStatus(next);
      if (action === 'reopen') setReason('');
    } catch (e) {
      setError({
        month,
        text: e instanceof UserFacingError ? e.text : { 'zh-CN': String(e), 'en-US': String(e) },
      });
    } finally {
      setBusy(false);
    }
  }

  const closed = status?.month === month && status.state === 'closed';
  return (
    <section className={styles.root} aria-label={tabText(locale, 'closeTitle')} data-testid="month-close">
      <Text weight="semibold">{tabText(locale, 'closeTitle')}</Text>
      {status?.month === month && (
        <Text size={200} data-testid="month-state" data-state={status.state}>
          {closed
            ? tabText(locale, 'stateClosed', {
                month,
                who: status.closedBy ?? '',
                at: chinaTime(status.closedAt),
              })
            : tabText(locale, 'stateOpen', { month })}
          {status.reopenReason
            ? ` ${tabText(locale, 'lastReopen', {
                who: status.reopenedBy ?? '',
                at: chinaTime(status.reopenedAt),
                reason: status.reopenReason,
              })}`
            : ''}
        </Text>
      )}
      {closed ? (
        <div className={styles.row}>
          <Field label={tabText(locale, 'reopenReason')} style={{ flexGrow: 1 }}>
            <Input
              value={reason}
              onChange={(_, d) => setReason(d.value)}
              disabled={!allowed || busy || disabled}
              data-testid="month-reopen-reason"
            />
          </Field>
          <Button
            onClick={() => act('reopen')}
            disabled={!allowed || busy || disabled || !reason.trim()}
            data-testid="month-reopen"
          >
            {tabText(locale, 'reopenButton')}
          </Button>
        </div>
      ) : (
        <div className={styles.row}>
          <Button
            onClick={() => act('close')}
            disabled={!allowed || busy || disabled || status?.month !== month}
            data-testid="month-close-button"
          >
            {tabText(locale, 'closeButton')}
          </Button>
        </div>
      )}
      {!allowed && (
        <Text size={200} data-testid="month-close-not-allowed">
          {tabText(locale, 'closeNotAllowed', {
            roles: roles?.length ? roles.join(locale === 'zh-CN' ? '、' : ', ') : tabText(locale, 'noRoles'),
          })}
        </Text>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="month-close-error">
          <MessageBarBody>
            <MessageBarTitle>{tabText(locale, 'closeFailed')}</MessageBarTitle>
            {error[locale]}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
