// The step between 发布 and the publish: what changes (the diff summary), from which 生效日期, and
// what that does to orders already judged. For re-publishing an earlier version, the date is asked.
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from '@fluentui/react-components';
import type { Locale } from '../../i18n/locale';
import { rejudgeWarnings } from '../../pricePolicy/publishChecks';
import { policyText } from '../../pricePolicy/strings';

export interface PublishConfirmProps {
  locale: Locale;
  /** The version number this publish will get. */
  version: number;
  summary: string;
  effectiveDate: string;
  /** Re-publishing an earlier version: its number and the current one; the date can be changed. */
  revert?: { from: number; current: number; onDate: (date: string) => void };
  today: string;
  current: { version: number; effectiveDate: string } | null;
  onConfirm: () => void;
  onCancel: () => void;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function PublishConfirm(props: PublishConfirmProps) {
  const { locale, revert } = props;
  const t = (key: Parameters<typeof policyText>[1], params?: Record<string, string | number>) =>
    policyText(locale, key, params);
  const dateOk = ISO_DATE.test(props.effectiveDate);
  const warnings = dateOk ? rejudgeWarnings(props.effectiveDate, props.today, props.current) : [];
  return (
    <MessageBar
      intent={warnings.length ? 'warning' : 'info'}
      layout="multiline"
      data-testid="policy-confirm"
      data-warnings={warnings.length}
    >
      <MessageBarBody>
        <MessageBarTitle>{t('confirmTitle')}</MessageBarTitle>
        <Text as="p" data-testid="policy-confirm-text" style={{ overflowWrap: 'anywhere' }}>
          {revert
            ? t('confirmRevert', {
                from: revert.from,
                version: props.version,
                current: revert.current,
                summary: props.summary,
              })
            : t('confirmPublish', {
                version: props.version,
                date: props.effectiveDate,
                summary: props.summary,
              })}
        </Text>
        {revert && (
          <Field
            label={t('confirmDate')}
            validationState={dateOk ? 'none' : 'error'}
            validationMessage={dateOk ? undefined : t('confirmBadDate')}
          >
            <Input
              value={props.effectiveDate}
              onChange={(_, d) => revert.onDate(d.value.trim())}
              data-testid="policy-confirm-date"
            />
          </Field>
        )}
        {warnings.map((w, i) => (
          <Text as="p" key={i} weight="semibold" data-testid="policy-confirm-warning">
            {w[locale]}
          </Text>
        ))}
      </MessageBarBody>
      <MessageBarActions>
        <Button
          appearance="primary"
          size="small"
          disabled={!dateOk}
          onClick={props.onConfirm}
          data-testid="policy-confirm-go"
        >
          {t('confirmGo')}
        </Button>
        <Button size="small" onClick={props.onCancel} data-testid="policy-confirm-cancel">
          {t('confirmCancel')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
