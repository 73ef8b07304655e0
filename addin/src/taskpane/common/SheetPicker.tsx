// Choosing the sheet a job works on. It looks at the top rows of every visible sheet and proposes
// the active sheet if its headers fit the ledger kind, else the first sheet whose headers do.
import { useCallback, useEffect, useState } from 'react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  makeStyles,
} from '@fluentui/react-components';
import { useApp } from '../AppContext';
import { LEDGER_LABELS, type LedgerKind, type MappingOverrides, type SheetGrid } from '../../sheets';
import { loadMappingOverrides } from './mappingSettings';
import { chooseDefaultSheet, sheetMatchesKind, type SheetCandidate } from './sheetChoice';
import { templateFor } from './sheetTemplates';
import { commonText } from './strings';
import { UserFacingError } from '../../../../functions/src/contract/problem';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '8px', alignItems: 'center' },
  select: { flexGrow: 1, minWidth: 0 },
});

/** Rows read from each sheet to judge its headers. */
const HEADER_ROWS = 30;

export interface SheetPickerProps {
  kind: LedgerKind;
  /** The chosen sheet; null lets the picker propose one (it then calls onChange). */
  value: string | null;
  onChange: (sheet: string) => void;
  /**
   * Whether a sheet's top rows fit the kind. Default: its header names every required field, with
   * the mapping corrections remembered for that sheet applied.
   */
  matches?: (grid: SheetGrid, kind: LedgerKind, overrides: MappingOverrides<LedgerKind>) => boolean;
  disabled?: boolean;
}

export function SheetPicker(props: SheetPickerProps) {
  const { locale, workbook } = useApp();
  const styles = useStyles();
  const { kind, value, onChange } = props;
  const matches = props.matches ?? sheetMatchesKind;
  const [sheets, setSheets] = useState<SheetCandidate[] | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!workbook) return;
    let live = true;
    (async () => {
      const all = (await workbook.listSheets()).filter((s) => s.visible);
      const active = await workbook.activeSheetName();
      const found: SheetCandidate[] = [];
      for (const s of all) {
        let ok = false;
        try {
          const grid = await workbook.readSheet(s.name, { maxRows: HEADER_ROWS });
          ok = matches(grid, kind, await loadMappingOverrides(workbook, kind, s.name));
        } catch {
          ok = false;
        }
        found.push({ name: s.name, matches: ok });
      }
      if (!live) return;
      setSheets(found);
      const current = value !== null && found.some((s) => s.name === value) ? value : null;
      const proposed = current ?? chooseDefaultSheet(active, found);
      if (proposed !== null && proposed !== value) onChange(proposed);
    })().catch(() => live && setSheets([]));
    return () => {
      live = false;
    };
    // Re-run on an explicit refresh or another workbook, not on every choice the user makes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workbook, kind, round]);

  const refresh = useCallback(() => setRound((r) => r + 1), []);
  const [inserting, setInserting] = useState(false);
  const [insertError, setInsertError] = useState<string | null>(null);
  const template = templateFor(kind);
  // A blank or unrelated workbook: say what to open, and offer a sheet to start from.
  const noneFits = sheets !== null && !sheets.some((s) => s.matches);
  async function insertTemplate() {
    if (!workbook || !template) return;
    setInserting(true);
    setInsertError(null);
    try {
      const name = await workbook.addSheet(template.name, template.rows, template.boldRows);
      onChange(name);
      refresh();
    } catch (error) {
      // Excel refused (a protected workbook, a lost connection): say so, nothing else changed.
      const reason = error instanceof UserFacingError ? error.text[locale] : String(error);
      setInsertError(commonText(locale, 'templateFailed', { reason }));
    } finally {
      setInserting(false);
    }
  }
  const kindLabel = LEDGER_LABELS[kind][locale];
  const chosen = sheets?.find((s) => s.name === value);
  const hint =
    sheets === null
      ? commonText(locale, 'sheetLoading')
      : !sheets.length
        ? commonText(locale, 'sheetNone')
        : chosen?.matches
          ? commonText(locale, 'sheetMatches', { kind: kindLabel })
          : undefined;
  const warning =
    chosen && !chosen.matches ? commonText(locale, 'sheetNoMatch', { kind: kindLabel }) : undefined;

  return (
    <>
      <Field
        label={commonText(locale, 'sheet')}
        hint={hint}
        validationState={warning ? 'warning' : 'none'}
        validationMessage={warning}
      >
        <div className={styles.row}>
          <Select
            className={styles.select}
            value={value ?? ''}
            disabled={props.disabled || !sheets?.length}
            onChange={(_, d) => onChange(d.value)}
            data-testid="sheet-picker"
          >
            {value !== null && !sheets?.some((s) => s.name === value) && (
              <option value={value}>{value}</option>
            )}
            {(sheets ?? []).map((s) => (
              <option key={s.name} value={s.name}>
                {s.matches
                  ? commonText(locale, 'sheetOptionMatch', { name: s.name, kind: kindLabel })
                  : s.name}
              </option>
            ))}
          </Select>
          <Button onClick={refresh} disabled={props.disabled} data-testid="sheet-refresh">
            {commonText(locale, 'sheetRefresh')}
          </Button>
        </div>
      </Field>
      {noneFits && (
        <MessageBar intent="info" layout="multiline" data-testid={`sheet-empty-${kind}`}>
          <MessageBarBody>{commonText(locale, 'sheetEmpty', { kind: kindLabel })}</MessageBarBody>
          {template && (
            <MessageBarActions>
              <Button
                size="small"
                onClick={() => void insertTemplate()}
                disabled={props.disabled || inserting}
                data-testid={`insert-template-${kind}`}
              >
                {template.label[locale]}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {insertError && (
        <MessageBar intent="error" layout="multiline" data-testid={`insert-template-error-${kind}`}>
          <MessageBarBody>{insertError}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
