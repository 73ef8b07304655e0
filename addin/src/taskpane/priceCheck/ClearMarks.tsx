// 清除标记: takes back what the price check wrote (its columns, their colours, its result sheet).
// Kept apart from PriceCheckTab so the tab only places the button.
import { useState } from 'react';
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Locale } from '../../i18n/locale';
import { clearPriceCheckMarks, PriceCheckError } from '../../priceCheck';
import type { WorkbookAdapter } from '../../workbook/adapter';
import { tabText } from './strings';

export function ClearMarks(props: {
  workbook: WorkbookAdapter;
  sheet: string;
  locale: Locale;
  disabled?: boolean;
  /** Called once the marks are gone, so the tab forgets the outcome it showed. */
  onCleared?: () => void;
}) {
  const { workbook, sheet, locale } = props;
  const [note, setNote] = useState<{ intent: 'success' | 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function clear() {
    setBusy(true);
    try {
      const cleared = await clearPriceCheckMarks(workbook, sheet);
      const any = cleared.columns || cleared.resultSheet !== null;
      setNote({
        intent: any ? 'success' : 'info',
        text: any
          ? tabText(locale, 'cleared', { sheet, result: cleared.resultSheet ?? '—' })
          : tabText(locale, 'nothingToClear', { sheet }),
      });
      props.onCleared?.();
    } catch (error) {
      const text = error instanceof PriceCheckError ? error.text[locale] : String(error);
      setNote({ intent: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button onClick={clear} disabled={props.disabled || busy} data-testid="price-clear">
        {tabText(locale, 'clear')}
      </Button>
      {note && (
        <MessageBar intent={note.intent} layout="multiline" data-testid="price-cleared">
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
