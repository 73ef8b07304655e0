// The detected column mapping, shown so a person can check it and correct it: one Select per
// field, missing and unsure fields highlighted, corrections remembered in the workbook per sheet.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import {
  applyMapping,
  fieldsOf,
  LEDGER_FIELDS,
  type FieldOf,
  type FieldSpec,
  type HeaderMapping,
  type LedgerKind,
  type MappingOverrides,
} from '../../sheets';
import { formatPercent } from '../../i18n/format';
import { useApp } from '../AppContext';
import type { WorkbookAdapter } from '../../workbook/adapter';
import { commonText } from './strings';
import { loadMappingOverrides, mappingSettingKey, saveMappingOverrides } from './mappingSettings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  head: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: '8px',
    flexWrap: 'wrap',
  },
  attention: { color: tokens.colorPaletteDarkOrangeForeground1 },
  fields: { display: 'flex', flexDirection: 'column', gap: '6px' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

export interface RememberedMapping<K extends LedgerKind> {
  /** The detected mapping with the remembered corrections applied; null until both are known. */
  mapping: HeaderMapping<K> | null;
  overrides: MappingOverrides<K>;
  /** The remembered corrections have been read from the workbook. */
  ready: boolean;
  setColumn: (field: FieldOf<K>, col: number | null) => void;
  reset: () => void;
}

const NO_OVERRIDES = {};

/**
 * The mapping of one sheet with the user's corrections, read from and saved to the workbook under
 * `mapping:<kind>:<sheet>`. `detected` must be the detection of that same sheet.
 */
export function useRememberedMapping<K extends LedgerKind>(
  workbook: WorkbookAdapter | null,
  kind: K,
  sheet: string | null,
  detected: HeaderMapping<K> | null,
): RememberedMapping<K> {
  const key = sheet ? mappingSettingKey(kind, sheet) : null;
  // Keyed by workbook and sheet: another file with a sheet of the same name has its own memory.
  const [saved, setSaved] = useState<{
    workbook: WorkbookAdapter;
    key: string;
    overrides: MappingOverrides<K>;
  } | null>(null);
  useEffect(() => {
    if (!workbook || !sheet) return;
    let live = true;
    const k = mappingSettingKey(kind, sheet);
    loadMappingOverrides(workbook, kind, sheet).then(
      (overrides) => live && setSaved({ workbook, key: k, overrides }),
      () => live && setSaved({ workbook, key: k, overrides: {} }),
    );
    return () => {
      live = false;
    };
  }, [workbook, kind, sheet]);

  const ready = saved !== null && saved.key === key && saved.workbook === workbook;
  const overrides = (ready ? saved.overrides : NO_OVERRIDES) as MappingOverrides<K>;
  const mapping = useMemo(
    () => (detected && ready ? applyMapping(detected, overrides) : null),
    [detected, ready, overrides],
  );

  const store = useCallback(
    (next: MappingOverrides<K>) => {
      if (!workbook || !sheet || !key) return;
      setSaved({ workbook, key, overrides: next });
      // A failed save only loses the memory of the choice, not the choice: the run still uses it.
      saveMappingOverrides(workbook, kind, sheet, next).catch(() => undefined);
    },
    [workbook, kind, sheet, key],
  );
  const setColumn = useCallback(
    (field: FieldOf<K>, col: number | null) => {
      const next: MappingOverrides<K> = { ...overrides };
      const detectedCol = detected?.columns[field]?.col ?? null;
      const takenByOther = Object.entries(next).some(([f, c]) => f !== field && c === col && col !== null);
      if (col === detectedCol && !takenByOther) delete next[field];
      else next[field] = col;
      store(next);
    },
    [overrides, detected, store],
  );
  const reset = useCallback(() => store({}), [store]);
  return { mapping, overrides, ready, setColumn, reset };
}

export interface ColumnMappingProps<K extends LedgerKind> {
  kind: K;
  mapping: HeaderMapping<K>;
  /** Fields to show, in order (default: every field of the kind). */
  fields?: readonly FieldOf<K>[];
  /** Fields the job cannot do without (default: the kind's required fields). */
  needed?: readonly FieldOf<K>[];
  onChange: (field: FieldOf<K>, col: number | null) => void;
  onReset?: () => void;
  disabled?: boolean;
}

/** The mapping, folded to one line when all is well; open when something needs a look. */
export function ColumnMapping<K extends LedgerKind>(props: ColumnMappingProps<K>) {
  const { locale } = useApp();
  const styles = useStyles();
  const { mapping, kind } = props;
  const fields = props.fields ?? fieldsOf(kind).map(([f]) => f);
  const needed = new Set<string>(
    props.needed ??
      fieldsOf(kind)
        .filter(([, spec]) => spec.required)
        .map(([f]) => f),
  );
  const missing = fields.filter((f) => needed.has(f) && !mapping.columns[f]);
  const unsure = fields.filter((f) => mapping.unsure.includes(f));
  const attention = missing.length + unsure.length;
  // Open from the start when something needs a look; stays open while the person fixes it.
  const [isOpen, setOpen] = useState(() => attention > 0 || mapping.headerRow === null);
  const found = fields.filter((f) => mapping.columns[f]).length;
  const hasOverrides = fields.some((f) => mapping.columns[f]?.how === 'user');
  const specs = LEDGER_FIELDS[kind] as Record<string, FieldSpec>;
  const mappedCols = new Set(fields.map((f) => mapping.columns[f]?.col));
  // Columns without a header text are offered only when already mapped (a user's earlier choice).
  const choices =
    mapping.headerRow === null
      ? mapping.headers
      : mapping.headers.filter((h) => h.text !== '' || mappedCols.has(h.col));

  return (
    <section
      className={styles.root}
      aria-label={commonText(locale, 'mappingTitle')}
      data-testid="column-mapping"
    >
      <div className={styles.head}>
        <Text weight="semibold">
          {commonText(locale, 'mappingTitle')}
          {' · '}
          <Text weight="regular" data-testid="mapping-summary">
            {mapping.headerExcelRow === null
              ? commonText(locale, 'mappingNoHeader')
              : commonText(locale, 'mappingSummary', {
                  row: mapping.headerExcelRow,
                  found,
                  total: fields.length,
                })}
          </Text>
          {attention > 0 && (
            <Text className={styles.attention} data-testid="mapping-attention">
              {' · '}
              {commonText(locale, 'mappingAttention', { n: attention })}
            </Text>
          )}
        </Text>
        <Button
          size="small"
          appearance="subtle"
          aria-expanded={isOpen}
          onClick={() => setOpen(!isOpen)}
          data-testid="mapping-toggle"
        >
          {commonText(locale, isOpen ? 'mappingHide' : 'mappingShow')}
        </Button>
      </div>
      {isOpen && (
        <div className={styles.fields}>
          {fields.map((f) => {
            const c = mapping.columns[f];
            const isMissing = needed.has(f) && !c;
            const isUnsure = !!c && mapping.unsure.includes(f);
            const pct = c ? formatPercent(locale, c.confidence, 0) : '';
            const state = isMissing ? 'error' : isUnsure ? 'warning' : 'none';
            const message = isMissing
              ? commonText(locale, 'mappingMissing')
              : isUnsure
                ? commonText(locale, 'mappingUnsure', { pct })
                : undefined;
            const hint = !c
              ? isMissing
                ? undefined
                : commonText(locale, 'mappingOptional')
              : c.how === 'user'
                ? commonText(locale, 'mappingByUser')
                : isUnsure || c.confidence >= 1
                  ? undefined // an exact header needs no comment
                  : commonText(locale, 'mappingDetected', { pct });
            return (
              <Field
                key={f}
                orientation="horizontal"
                label={specs[f]?.label[locale] ?? f}
                validationState={state}
                validationMessage={message}
                hint={hint}
                data-testid={`mapping-field-${f}`}
                data-state={
                  isMissing
                    ? 'missing'
                    : isUnsure
                      ? 'unsure'
                      : c?.how === 'user'
                        ? 'user'
                        : c
                          ? 'ok'
                          : 'unmapped'
                }
              >
                <Select
                  size="small"
                  value={c ? String(c.col) : ''}
                  disabled={props.disabled}
                  onChange={(_, d) => props.onChange(f, d.value === '' ? null : Number(d.value))}
                  data-testid={`mapping-select-${f}`}
                >
                  <option value="">{commonText(locale, 'mappingNone')}</option>
                  {choices.map((h) => (
                    <option key={h.col} value={String(h.col)}>
                      {h.text
                        ? commonText(locale, 'mappingOption', { letter: h.letter, header: h.text })
                        : commonText(locale, 'mappingOptionBlank', { letter: h.letter })}
                    </option>
                  ))}
                </Select>
              </Field>
            );
          })}
          {hasOverrides && props.onReset && (
            <div className={styles.actions}>
              <Button
                size="small"
                onClick={props.onReset}
                disabled={props.disabled}
                data-testid="mapping-reset"
              >
                {commonText(locale, 'mappingReset')}
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
