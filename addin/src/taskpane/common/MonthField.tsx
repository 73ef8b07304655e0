// The `YYYY-MM` month box the month-end and receivables tabs share: a hint while the month is
// well formed, the tab's own error text when not.
import { Field, Input } from '@fluentui/react-components';
import { MONTH_PATTERN } from '../../../../functions/src/contract/monthEnd';

export interface MonthFieldProps {
  value: string;
  /** Called with the typed text, trimmed. */
  onChange: (month: string) => void;
  label: string;
  hint: string;
  invalidMessage: string;
  disabled?: boolean;
  placeholder?: string;
  className?: string;
  'data-testid'?: string;
}

export function MonthField({
  value,
  onChange,
  label,
  hint,
  invalidMessage,
  disabled,
  placeholder,
  className,
  'data-testid': testId,
}: MonthFieldProps) {
  const ok = MONTH_PATTERN.test(value);
  return (
    <Field
      className={className}
      label={label}
      hint={ok ? hint : undefined}
      validationState={ok ? 'none' : 'error'}
      validationMessage={ok ? undefined : invalidMessage}
    >
      <Input
        value={value}
        onChange={(_, d) => onChange(d.value.trim())}
        disabled={disabled}
        placeholder={placeholder}
        data-testid={testId}
      />
    </Field>
  );
}
