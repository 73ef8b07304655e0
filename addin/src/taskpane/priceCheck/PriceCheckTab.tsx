// 价格检查: pick the sales ledger, check the column mapping, run, watch it, read the outcome.
// The work itself is runPriceCheck (src/priceCheck); this tab holds the state and the words.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useApp } from '../AppContext';
import { useSessionRef, useSessionState } from '../session';
import { formatCount } from '../../i18n/format';
import type { Locale } from '../../i18n/locale';
import { LEDGER_FIELDS } from '../../sheets';
import type { WorkbookAdapter } from '../../workbook/adapter';
import {
  creditText,
  detectSalesLedger,
  HIGHLIGHT_COLORS,
  PRICE_CHECK_FIELDS,
  PRICE_CHECK_NEEDS,
  PriceCheckError,
  ROW_STATUSES,
  fill,
  runPriceCheck,
  statusLabel,
  type PriceCheckOutcome,
  type PriceCheckProgress,
  type RowStatus,
  type SalesLedgerMapping,
} from '../../priceCheck';
import { ColumnMapping, useRememberedMapping } from '../common/ColumnMapping';
import { ProgressPanel } from '../common/ProgressPanel';
import { ProblemList, type ListedProblem } from '../common/ProblemList';
import { SheetPicker } from '../common/SheetPicker';
import { ClearMarks } from './ClearMarks';
import { paneCreditNotes, paneProblems } from './problems';
import { tabText, type PriceCheckStringKey } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  summary: {
    display: 'grid',
    gridTemplateColumns: '12px 1fr auto',
    columnGap: '8px',
    rowGap: '4px',
    alignItems: 'center',
  },
  swatch: {
    width: '12px',
    height: '12px',
    borderRadius: tokens.borderRadiusSmall,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  count: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
});

/** A finished run remembers its workbook: opening another file (in the preview) hides it. */
type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: PriceCheckProgress; cancelling: boolean }
  | { kind: 'done'; workbook: WorkbookAdapter; outcome: PriceCheckOutcome }
  | { kind: 'failed'; workbook: WorkbookAdapter; error: PriceCheckError };

const HEADER_ROWS = 30;

const PHASE_LABEL: Record<PriceCheckProgress['phase'], PriceCheckStringKey> = {
  read: 'phaseRead',
  check: 'phaseCheck',
  write: 'phaseWrite',
};

const SWATCH: Partial<Record<RowStatus, string>> = {
  needs_approval: HIGHLIGHT_COLORS.needs_approval,
  below_floor: HIGHLIGHT_COLORS.below_floor,
  needs_input: HIGHLIGHT_COLORS.needs_input,
  invalid: HIGHLIGHT_COLORS.invalid,
  unreadable: HIGHLIGHT_COLORS.invalid,
};

export function PriceCheckTab() {
  const { locale, workbook, api, openSettings } = useApp();
  const styles = useStyles();
  // The sheet, the run and its outcome live in the session: switching tabs keeps them (and a run).
  const [sheet, setSheet] = useSessionState<string | null>('priceCheck.sheet', null);
  const [detected, setDetected] = useState<{
    workbook: WorkbookAdapter;
    sheet: string;
    mapping: SalesLedgerMapping;
  } | null>(null);
  const [runState, setRun] = useSessionState<RunState>('priceCheck.run', { kind: 'idle' });
  const run: RunState =
    (runState.kind === 'done' || runState.kind === 'failed') && runState.workbook !== workbook
      ? { kind: 'idle' }
      : runState;
  const controllerRef = useSessionRef<AbortController | null>('priceCheck.controller', null);
  const runButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!workbook || !sheet) return;
    let live = true;
    workbook
      .readSheet(sheet, { maxRows: HEADER_ROWS })
      .then((grid) => live && setDetected({ workbook, sheet, mapping: detectSalesLedger(grid) }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [workbook, sheet]);

  // Keyboard focus follows the work: the run button is replaced by Cancel while it runs, and
  // comes back after (focus would otherwise fall to the page body).
  const isRunning = run.kind === 'running';
  const wasRunning = useRef(isRunning);
  useEffect(() => {
    if (!isRunning && wasRunning.current) runButton.current?.focus();
    wasRunning.current = isRunning;
  }, [isRunning]);

  const detectedMapping =
    detected && detected.sheet === sheet && detected.workbook === workbook ? detected.mapping : null;
  const remembered = useRememberedMapping(workbook, 'salesLedger', sheet, detectedMapping);
  const mapping = remembered.mapping;
  const missing = mapping ? PRICE_CHECK_NEEDS.filter((f) => !mapping.columns[f]) : [];
  const running = run.kind === 'running';

  const outcome = run.kind === 'done' ? run.outcome : null;
  const problems = useMemo(() => (outcome ? paneProblems(outcome.ledger, outcome.rows) : []), [outcome]);
  const creditNotes = useMemo(
    () => (outcome ? paneCreditNotes(outcome.ledger, outcome.rows, outcome.credit) : []),
    [outcome],
  );

  if (!workbook)
    return (
      <MessageBar intent="info" layout="multiline" data-testid="price-no-workbook">
        <MessageBarBody>{tabText(locale, 'noWorkbook')}</MessageBarBody>
      </MessageBar>
    );

  async function start() {
    if (!workbook || !sheet || running) return;
    const c = new AbortController();
    controllerRef.current = c;
    setRun({ kind: 'running', progress: { phase: 'read', done: 0, total: 0 }, cancelling: false });
    try {
      const outcome = await runPriceCheck({
        workbook,
        api,
        sheet,
        overrides: remembered.overrides,
        locale,
        signal: c.signal,
        onProgress: (progress) =>
          setRun((r) => (r.kind === 'running' && controllerRef.current === c ? { ...r, progress } : r)),
      });
      if (controllerRef.current === c) setRun({ kind: 'done', workbook, outcome });
    } catch (error) {
      const e =
        error instanceof PriceCheckError
          ? error
          : new PriceCheckError('workbook', { 'zh-CN': String(error), 'en-US': String(error) });
      if (controllerRef.current === c) setRun({ kind: 'failed', workbook, error: e });
    } finally {
      if (controllerRef.current === c) controllerRef.current = null;
    }
  }

  function cancel() {
    controllerRef.current?.abort();
    setRun((r) => (r.kind === 'running' ? { ...r, cancelling: true } : r));
  }

  return (
    <div className={styles.root} data-testid="price-check">
      <Text size={200}>{tabText(locale, 'intro')}</Text>
      <SheetPicker
        kind="salesLedger"
        value={sheet}
        onChange={(s) => {
          setSheet(s);
          if (!running) setRun({ kind: 'idle' });
        }}
        disabled={running}
      />
      {sheet && !mapping && <Text size={200}>{tabText(locale, 'readingHeader')}</Text>}
      {mapping && (
        <ColumnMapping
          key={sheet}
          kind="salesLedger"
          mapping={mapping}
          fields={PRICE_CHECK_FIELDS}
          needed={PRICE_CHECK_NEEDS}
          onChange={remembered.setColumn}
          onReset={remembered.reset}
          disabled={running}
        />
      )}
      {mapping?.taxExclusive && (
        <MessageBar intent="info" layout="multiline" data-testid="price-tax-exclusive">
          <MessageBarBody>{tabText(locale, 'taxExclusive')}</MessageBarBody>
        </MessageBar>
      )}
      {missing.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="price-needs-columns">
          <MessageBarBody>
            {tabText(locale, 'needsColumns', {
              fields: missing
                .map((f) => LEDGER_FIELDS.salesLedger[f].label[locale])
                .join(locale === 'zh-CN' ? '、' : ', '),
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      {!running && (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            onClick={start}
            disabled={!mapping || mapping.headerRow === null || missing.length > 0}
            ref={runButton}
            data-testid="price-run"
          >
            {tabText(locale, run.kind === 'done' ? 'runAgain' : 'run')}
          </Button>
          {sheet && (
            <ClearMarks
              workbook={workbook}
              sheet={sheet}
              locale={locale}
              onCleared={() => setRun({ kind: 'idle' })}
            />
          )}
        </div>
      )}
      {run.kind === 'running' && (
        <ProgressPanel
          label={tabText(locale, PHASE_LABEL[run.progress.phase])}
          done={run.progress.done}
          total={run.progress.total}
          onCancel={cancel}
          cancelling={run.cancelling}
          focusCancel
        />
      )}
      {run.kind === 'failed' && (
        <MessageBar
          intent={run.error.code === 'cancelled' ? 'info' : 'error'}
          layout="multiline"
          data-testid="price-error"
          data-code={run.error.code}
        >
          <MessageBarBody>
            {/* A title only when the text does not already say it (no "已取消 已取消价格检查"). */}
            {run.error.code !== 'cancelled' &&
              !run.error.text[locale].startsWith(tabText(locale, 'errorTitle')) && (
                <MessageBarTitle>{tabText(locale, 'errorTitle')}</MessageBarTitle>
              )}
            {run.error.text[locale]}
          </MessageBarBody>
          {run.error.code !== 'cancelled' && (
            <MessageBarActions>
              <Button size="small" onClick={() => void start()} data-testid="price-retry">
                {tabText(locale, 'retry')}
              </Button>
              {run.error.code === 'api' && openSettings && (
                <Button size="small" onClick={openSettings} data-testid="price-open-settings">
                  {tabText(locale, 'openSettings')}
                </Button>
              )}
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {run.kind === 'done' && <Outcome outcome={run.outcome} locale={locale} />}
      {run.kind === 'done' && (
        <ProblemList
          title={tabText(locale, 'problemsTitle', {
            n: formatCount(locale, run.outcome.summary.toLookAt),
          })}
          problems={problems}
          intent="warning"
          data-testid="price-problems"
        />
      )}
      {run.kind === 'done' && <CreditOutcome outcome={run.outcome} notes={creditNotes} locale={locale} />}
    </div>
  );
}

function Outcome({ outcome, locale }: { outcome: PriceCheckOutcome; locale: Locale }) {
  const styles = useStyles();
  const { columns, resultSheet, counts, ledger } = outcome;
  const first = columns.columns[0]?.letter ?? '';
  const last = columns.columns[columns.columns.length - 1]?.letter ?? '';
  const { subtotal, total, blank, note } = ledger.skipped;
  return (
    <>
      <MessageBar intent="success" layout="multiline" data-testid="price-done">
        <MessageBarBody>
          {tabText(locale, 'done', {
            rows: formatCount(locale, outcome.summary.lines),
            first,
            last,
            sheet: resultSheet.name,
          })}{' '}
          {columns.movedRight && tabText(locale, 'doneMoved')}{' '}
          {subtotal.count + total.count + blank.count + note.count > 0 &&
            tabText(locale, 'skipped', {
              subtotal: formatCount(locale, subtotal.count),
              total: formatCount(locale, total.count),
              blank: formatCount(locale, blank.count),
              note: formatCount(locale, note.count),
            })}
        </MessageBarBody>
      </MessageBar>
      <section aria-label={tabText(locale, 'summaryTitle')} data-testid="price-summary">
        <Text weight="semibold" block>
          {tabText(locale, 'summaryTitle')}
        </Text>
        <div className={styles.summary}>
          {ROW_STATUSES.map((s) => (
            <SummaryRow key={s} status={s} count={counts[s]} locale={locale} />
          ))}
        </div>
      </section>
    </>
  );
}

function SummaryRow({ status, count, locale }: { status: RowStatus; count: number; locale: Locale }) {
  const styles = useStyles();
  return (
    <>
      <span
        className={styles.swatch}
        style={{ backgroundColor: SWATCH[status] ?? 'transparent' }}
        aria-hidden
      />
      <Text>{statusLabel(locale, status)}</Text>
      <Text className={styles.count} data-testid={`summary-${status}`} data-count={count}>
        {formatCount(locale, count)}
      </Text>
    </>
  );
}

/** 信用预警 apart from the price results: the flagged lines, none, or why credit was not checked. */
function CreditOutcome({
  outcome,
  notes,
  locale,
}: {
  outcome: PriceCheckOutcome;
  notes: ListedProblem[];
  locale: Locale;
}) {
  const { credit } = outcome;
  if (credit.kind === 'notChecked')
    return (
      <MessageBar intent="info" layout="multiline" data-testid="price-credit-unchecked">
        <MessageBarBody>{credit.reason[locale]}</MessageBarBody>
      </MessageBar>
    );
  const asOf = fill(creditText.asOf, { month: credit.month })[locale];
  if (!notes.length)
    return (
      <MessageBar intent="info" layout="multiline" data-testid="price-credit-none">
        <MessageBarBody>{fill(creditText.paneNone, { asOf })[locale]}</MessageBarBody>
      </MessageBar>
    );
  return (
    <ProblemList
      title={fill(creditText.paneTitle, { asOf, n: formatCount(locale, notes.length) })[locale]}
      problems={notes}
      intent="info"
      data-testid="price-credit"
    />
  );
}
