// A determinate progress bar with row counts and a Cancel button, for work that takes a while.
import { useEffect, useRef } from 'react';
import { Button, Field, ProgressBar, Text, makeStyles } from '@fluentui/react-components';
import { useApp } from '../AppContext';
import { formatCount } from '../../i18n/format';
import { commonText } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px' },
  row: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: '8px',
    flexWrap: 'wrap',
  },
});

export interface ProgressPanelProps {
  /** What is being done now, e.g. 正在检查价格. */
  label: string;
  done: number;
  total: number;
  /** Shows a Cancel button that calls it (wire it to an AbortController's abort). */
  onCancel?: () => void;
  /** Cancel was asked for and the work is winding down. */
  cancelling?: boolean;
  /** Move keyboard focus to Cancel when shown (the button that started the work is gone). */
  focusCancel?: boolean;
}

export function ProgressPanel(props: ProgressPanelProps) {
  const { locale } = useApp();
  const styles = useStyles();
  const cancelButton = useRef<HTMLButtonElement>(null);
  const { focusCancel } = props;
  useEffect(() => {
    if (focusCancel) cancelButton.current?.focus();
  }, [focusCancel]);
  const total = Math.max(0, props.total);
  const done = Math.min(Math.max(0, props.done), total);
  const counts = commonText(locale, 'progressRows', {
    done: formatCount(locale, done),
    total: formatCount(locale, total),
  });
  return (
    <div className={styles.root} data-testid="progress-panel" aria-live="polite">
      <Field label={props.label}>
        <ProgressBar value={total ? done / total : 0} max={1} thickness="large" data-testid="progress-bar" />
      </Field>
      <div className={styles.row}>
        <Text size={200} data-testid="progress-counts">
          {counts}
        </Text>
        {props.onCancel && (
          <Button
            size="small"
            onClick={props.onCancel}
            disabled={props.cancelling}
            ref={cancelButton}
            data-testid="progress-cancel"
          >
            {commonText(locale, props.cancelling ? 'cancelling' : 'cancel')}
          </Button>
        )}
      </div>
    </div>
  );
}
