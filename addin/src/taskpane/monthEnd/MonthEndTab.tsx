// 月末对账: pick the month, check which sheet holds each ledger and its column mapping, sync and
// run, watch it, read the outcome. The work itself is runMonthEnd (src/monthEnd); this tab holds
// the state and the words.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  makeStyles,
} from '@fluentui/react-components';
import { useApp } from '../AppContext';
import { formatCount } from '../../i18n/format';
import type { Locale } from '../../i18n/locale';
import type { WorkbookAdapter } from '../../workbook/adapter';
import {
  DIFFERENCE_CLASSES,
  DIFFERENCE_CLASS_LABELS,
  SYNC_KINDS as LEDGER_KINDS,
  LEDGER_KIND_LABELS,
  MONTH_PATTERN,
  type SyncKind as LedgerKind,
} from '../../../../functions/src/contract/monthEnd';
import {
  LEDGER_NEEDS,
  MonthEndError,
  SHEET_KIND,
  chooseLedgerSheets,
  detectLedger,
  groupedAmount,
  latestReport,
  ledgerFit,
  previousChinaMonth,
  reportedMonths,
  runMonthEnd,
  writeMonthEndSheets,
  type LedgerChoices,
  type LedgerMapping,
  type MonthEndOutcome,
  type MonthEndProgress,
} from '../../monthEnd';
import type { MonthEndReport } from '../../../../functions/src/contract/monthEnd';
import { ColumnMapping, useRememberedMapping } from '../common/ColumnMapping';
import { loadMappingOverrides } from '../common/mappingSettings';
import { ProblemList, listedSheetProblem } from '../common/ProblemList';
import { MonthField } from '../common/MonthField';
import { ProgressPanel } from '../common/ProgressPanel';
import { SheetPicker } from '../common/SheetPicker';
import { MonthClose } from './MonthClose';
import { NotAllowedNote } from '../signIn/SignInBar';
import { tabText, type MonthEndStringKey } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'flex-end' },
  grow: { flexGrow: 1, minWidth: '120px' },
  list: { margin: '4px 0 0 0', paddingInlineStart: '18px' },
});

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: MonthEndProgress; cancelling: boolean }
  | { kind: 'done'; workbook: WorkbookAdapter; outcome: MonthEndOutcome }
  | { kind: 'written'; workbook: WorkbookAdapter; report: MonthEndReport; sheets: string[] }
  | { kind: 'failed'; workbook: WorkbookAdapter; error: MonthEndError };

const HEADER_ROWS = 30;
const RATE_RE = /^\d{1,4}(\.\d{1,6})?$/;

const PHASE_LABEL: Record<MonthEndProgress['phase'], MonthEndStringKey> = {
  read: 'phaseRead',
  sync: 'phaseSync',
  run: 'phaseRun',
  write: 'phaseWrite',
};

/** What a run or a write threw, as the tab shows it (runMonthEnd already throws MonthEndErrors). */
function asTabError(error: unknown): MonthEndError {
  return error instanceof MonthEndError
    ? error
    : new MonthEndError('workbook', { 'zh-CN': String(error), 'en-US': String(error) });
}

/** A sheet for each ledger, by how well its headers fit (with the remembered corrections). */
async function findLedgerSheets(workbook: WorkbookAdapter): Promise<Partial<Record<LedgerKind, string>>> {
  const sheets = (await workbook.listSheets()).filter((s) => s.visible).map((s) => s.name);
  const active = await workbook.activeSheetName();
  const fits = new Map<string, number>();
  for (const name of sheets) {
    const grid = await workbook.readSheet(name, { maxRows: HEADER_ROWS });
    for (const kind of LEDGER_KINDS) {
      const overrides = await loadMappingOverrides(workbook, SHEET_KIND[kind], name);
      fits.set(`${kind}|${name}`, ledgerFit(kind, grid, overrides));
    }
  }
  return chooseLedgerSheets(sheets, active, (kind, name) => fits.get(`${kind}|${name}`) ?? 0);
}

export function MonthEndTab() {
  const { locale, workbook, api, can } = useApp();
  const styles = useStyles();
  const [month, setMonthState] = useState(previousChinaMonth);
  const monthTouched = useRef(false);
  const setMonth = (m: string) => {
    monthTouched.current = true;
    setMonthState(m);
  };
  const [latest, setLatest] = useState<{ month: string; report: MonthEndReport | null } | null>(null);
  const [usdRate, setUsdRate] = useState('');
  const [ledger, setLedger] = useState<LedgerKind>('shipments');
  const [sheets, setSheets] = useState<{
    workbook: WorkbookAdapter;
    of: Partial<Record<LedgerKind, string>>;
  } | null>(null);
  const [runState, setRun] = useState<RunState>({ kind: 'idle' });
  const run: RunState =
    (runState.kind === 'done' || runState.kind === 'failed' || runState.kind === 'written') &&
    runState.workbook !== workbook
      ? { kind: 'idle' }
      : runState;
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!workbook) return;
    let live = true;
    findLedgerSheets(workbook)
      .then((of) => live && setSheets({ workbook, of }))
      .catch(() => live && setSheets({ workbook, of: {} }));
    return () => {
      live = false;
    };
  }, [workbook]);
  useEffect(() => () => controller.current?.abort(), []);

  // Open on the newest month that has a report (npm start seeds one), unless the person chose one;
  // show the chosen month's latest report. Asked again when a run or a write finishes.
  const finished = run.kind === 'done' || run.kind === 'written' ? run : null;
  useEffect(() => {
    if (!MONTH_PATTERN.test(month)) return;
    let live = true;
    (async () => {
      const months = await reportedMonths(api);
      const newest = months[months.length - 1];
      if (!monthTouched.current && newest && newest !== month) {
        monthTouched.current = true; // once: later choices are the person's
        if (live) setMonthState(newest);
        return;
      }
      // Only a month that has a report is asked for (no 404 to log).
      const report = months.includes(month) ? await latestReport(api, month) : null;
      if (live) setLatest({ month, report });
    })().catch(() => live && setLatest(null));
    return () => {
      live = false;
    };
  }, [api, month, finished]);

  const chosen = sheets && sheets.workbook === workbook ? sheets.of : null;
  const sheet = chosen?.[ledger] ?? null;
  const [detected, setDetected] = useState<{
    workbook: WorkbookAdapter;
    sheet: string;
    ledger: LedgerKind;
    mapping: LedgerMapping<LedgerKind>;
  } | null>(null);
  useEffect(() => {
    if (!workbook || !sheet) return;
    let live = true;
    workbook
      .readSheet(sheet, { maxRows: HEADER_ROWS })
      .then((grid) => live && setDetected({ workbook, sheet, ledger, mapping: detectLedger(ledger, grid) }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [workbook, sheet, ledger]);
  const detectedMapping =
    detected && detected.sheet === sheet && detected.workbook === workbook && detected.ledger === ledger
      ? detected.mapping
      : null;
  const sheetKind = SHEET_KIND[ledger];
  const remembered = useRememberedMapping(workbook, sheetKind, sheet, detectedMapping);
  const running = run.kind === 'running';
  const monthOk = MONTH_PATTERN.test(month);
  const rateOk = usdRate.trim() === '' || RATE_RE.test(usdRate.trim());
  // 期初余额 (optional, synced once) goes along, but alone it is no month-end.
  const anySheet = !!chosen && LEDGER_KINDS.some((k) => k !== 'openings' && chosen[k]);

  const outcome = run.kind === 'done' ? run.outcome : null;
  const problems = useMemo(
    () => (outcome ? outcome.synced.flatMap((s) => s.problems.map(listedSheetProblem)) : []),
    [outcome],
  );

  if (!workbook)
    return (
      <MessageBar intent="info" layout="multiline" data-testid="month-no-workbook">
        <MessageBarBody>{tabText(locale, 'noWorkbook')}</MessageBarBody>
      </MessageBar>
    );

  async function start() {
    if (!workbook || !chosen || running || !monthOk || !rateOk) return;
    const c = new AbortController();
    controller.current = c;
    setRun({ kind: 'running', progress: { phase: 'read', done: 0, total: 0 }, cancelling: false });
    try {
      const ledgers: LedgerChoices = {};
      for (const kind of LEDGER_KINDS) {
        const name = chosen[kind];
        if (!name) continue;
        const overrides = await loadMappingOverrides(workbook, SHEET_KIND[kind], name);
        (ledgers as Record<string, unknown>)[kind] = { sheet: name, overrides };
      }
      const rate = usdRate.trim();
      const outcome = await runMonthEnd({
        workbook,
        api,
        month,
        ledgers,
        ...(rate ? { rates: { USD: rate } } : {}),
        locale,
        signal: c.signal,
        onProgress: (progress) =>
          setRun((r) => (r.kind === 'running' && controller.current === c ? { ...r, progress } : r)),
      });
      if (controller.current === c) setRun({ kind: 'done', workbook, outcome });
    } catch (error) {
      if (controller.current === c) setRun({ kind: 'failed', workbook, error: asTabError(error) });
    } finally {
      if (controller.current === c) controller.current = null;
    }
  }

  /** Writes the latest report's sheets without syncing (e.g. the report `npm start` seeded). */
  async function writeLatest(report: MonthEndReport) {
    if (!workbook || running) return;
    const c = new AbortController();
    controller.current = c;
    setRun({ kind: 'running', progress: { phase: 'write', done: 0, total: 4 }, cancelling: false });
    try {
      const sheets = await writeMonthEndSheets(workbook, report, locale, c.signal, (progress) =>
        setRun((r) => (r.kind === 'running' && controller.current === c ? { ...r, progress } : r)),
      );
      if (controller.current === c)
        setRun({ kind: 'written', workbook, report, sheets: Object.values(sheets).map((x) => x.name) });
    } catch (error) {
      if (controller.current === c) setRun({ kind: 'failed', workbook, error: asTabError(error) });
    } finally {
      if (controller.current === c) controller.current = null;
    }
  }

  function cancel() {
    controller.current?.abort();
    setRun((r) => (r.kind === 'running' ? { ...r, cancelling: true } : r));
  }

  const kindName = (k: LedgerKind | undefined) => (k ? LEDGER_KIND_LABELS[k][locale] : '');

  return (
    <div className={styles.root} data-testid="month-end">
      <Text size={200}>{tabText(locale, 'intro')}</Text>
      <div className={styles.row}>
        <MonthField
          className={styles.grow}
          label={tabText(locale, 'month')}
          hint={tabText(locale, 'monthHint')}
          invalidMessage={tabText(locale, 'monthInvalid')}
          value={month}
          onChange={setMonth}
          disabled={running}
          placeholder="2026-04"
          data-testid="month-input"
        />
        <Field
          className={styles.grow}
          label={tabText(locale, 'usdRate')}
          validationState={rateOk ? 'none' : 'error'}
          validationMessage={rateOk ? undefined : tabText(locale, 'usdRateInvalid')}
        >
          <Input
            value={usdRate}
            onChange={(_, d) => setUsdRate(d.value)}
            disabled={running}
            placeholder="7.10"
            inputMode="decimal"
            data-testid="month-usd-rate"
          />
        </Field>
      </div>
      <Text size={200}>{tabText(locale, 'usdRateHint')}</Text>
      <Field label={tabText(locale, 'ledger')}>
        <Select
          value={ledger}
          onChange={(_, d) => setLedger(d.value as LedgerKind)}
          disabled={running}
          data-testid="month-ledger"
        >
          {LEDGER_KINDS.map((k) => (
            <option key={k} value={k}>
              {chosen?.[k]
                ? tabText(locale, k === 'openings' ? 'openingsSheet' : 'ledgerSheet', {
                    kind: kindName(k),
                    sheet: chosen[k] ?? '',
                  })
                : tabText(locale, k === 'openings' ? 'openingsNone' : 'ledgerNone', { kind: kindName(k) })}
            </option>
          ))}
        </Select>
      </Field>
      {chosen && (
        <SheetPicker
          key={ledger}
          kind={sheetKind}
          value={sheet}
          onChange={(s) => {
            setSheets((prev) => (prev ? { ...prev, of: { ...prev.of, [ledger]: s } } : prev));
            if (!running) setRun({ kind: 'idle' });
          }}
          disabled={running}
        />
      )}
      {sheet && !remembered.mapping && <Text size={200}>{tabText(locale, 'readingHeader')}</Text>}
      {remembered.mapping && (
        <ColumnMapping
          key={`${ledger}:${sheet}`}
          kind={sheetKind}
          mapping={remembered.mapping}
          // The ledger is chosen at run time; its needs are fields of the same sheet kind.
          needed={LEDGER_NEEDS[ledger] as readonly string[] as never}
          onChange={remembered.setColumn}
          onReset={remembered.reset}
          disabled={running}
        />
      )}
      {latest?.month === month && run.kind !== 'done' && (
        <section aria-label={tabText(locale, 'latestTitle')} data-testid="month-latest">
          <Text weight="semibold" block>
            {tabText(locale, 'latestTitle')}
          </Text>
          {latest.report ? (
            <>
              <Text size={200} block>
                {tabText(locale, 'latestLine', {
                  month,
                  version: latest.report.version,
                  runBy: latest.report.runBy,
                  runAt: latest.report.runAt,
                  count: formatCount(locale, latest.report.reconciliation.differences.length),
                })}
              </Text>
              <ReportSummary report={latest.report} locale={locale} />
              {!running && (
                <Button
                  onClick={() => writeLatest(latest.report as MonthEndReport)}
                  data-testid="month-write-latest"
                >
                  {tabText(locale, 'writeLatest')}
                </Button>
              )}
            </>
          ) : (
            <Text size={200}>{tabText(locale, 'latestNone', { month })}</Text>
          )}
        </section>
      )}
      {run.kind === 'written' && (
        <MessageBar intent="success" layout="multiline" data-testid="month-written">
          <MessageBarBody>
            {tabText(locale, 'written', {
              month: run.report.month,
              version: run.report.version,
              sheets: run.sheets.map((n) => `“${n}”`).join(locale === 'zh-CN' ? '、' : ', '),
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      {!running && (
        <div className={styles.row}>
          {/* A manager reads the scorecard and receivables of their 片区; the run is the clerk's, Finance's or the head's. */}
          {can('runMonthEnd') ? (
            <Button
              appearance="primary"
              onClick={start}
              disabled={!anySheet || !monthOk || !rateOk}
              data-testid="month-run"
            >
              {tabText(locale, run.kind === 'done' ? 'runAgain' : 'run')}
            </Button>
          ) : (
            <NotAllowedNote action="runMonthEnd" testId="month-run-not-allowed" />
          )}
        </div>
      )}
      {run.kind === 'running' && (
        <ProgressPanel
          label={tabText(locale, PHASE_LABEL[run.progress.phase], { kind: kindName(run.progress.kind) })}
          done={run.progress.done}
          total={run.progress.total}
          onCancel={cancel}
          cancelling={run.cancelling}
        />
      )}
      {run.kind === 'failed' && (
        <MessageBar
          intent={run.error.code === 'cancelled' ? 'info' : 'error'}
          layout="multiline"
          data-testid="month-error"
          data-code={run.error.code}
        >
          <MessageBarBody>
            <MessageBarTitle>
              {tabText(locale, run.error.code === 'cancelled' ? 'cancelledTitle' : 'errorTitle')}
            </MessageBarTitle>
            {run.error.text[locale]}
          </MessageBarBody>
        </MessageBar>
      )}
      {run.kind === 'done' && <Outcome outcome={run.outcome} locale={locale} />}
      {monthOk && <MonthClose month={month} disabled={running} />}
      {run.kind === 'done' && (
        <ProblemList
          title={tabText(locale, 'problemsTitle', { n: formatCount(locale, problems.length) })}
          problems={problems}
          intent="warning"
          data-testid="month-problems"
        />
      )}
    </div>
  );
}

function Outcome({ outcome, locale }: { outcome: MonthEndOutcome; locale: Locale }) {
  const styles = useStyles();
  const { report } = outcome;
  const rec = report.reconciliation;
  const sheetNames = Object.values(outcome.sheets)
    .map((s) => `“${s.name}”`)
    .join(locale === 'zh-CN' ? '、' : ', ');
  const closed = outcome.synced.flatMap((s) =>
    s.months
      .filter((m) => m.response === null)
      .map((m) => `${LEDGER_KIND_LABELS[s.kind][locale]} ${m.month}`),
  );
  return (
    <>
      <MessageBar intent="success" layout="multiline" data-testid="month-done">
        <MessageBarBody>
          {tabText(locale, 'done', {
            month: report.month,
            version: report.version,
            same: outcome.created ? '' : tabText(locale, 'sameReport'),
            count: formatCount(locale, rec.differences.length),
            sheets: sheetNames,
          })}
        </MessageBarBody>
      </MessageBar>
      <ReportSummary report={report} locale={locale} />
      <section aria-label={tabText(locale, 'syncedTitle')} data-testid="month-synced">
        <Text weight="semibold" block>
          {tabText(locale, 'syncedTitle')}
        </Text>
        <ul className={styles.list}>
          {outcome.synced.map((s) => {
            const own = s.months.find((m) => m.month === report.month);
            return (
              <li key={s.kind}>
                {tabText(locale, 'syncedLine', {
                  kind: LEDGER_KIND_LABELS[s.kind][locale],
                  sheet: s.sheet,
                  months: s.months.length,
                  rows: formatCount(locale, s.rows),
                  month: report.month,
                  version: own?.response?.version ?? '—',
                })}
              </li>
            );
          })}
        </ul>
        {closed.length > 0 && (
          <Text size={200}>{tabText(locale, 'closedMonths', { months: closed.join(', ') })}</Text>
        )}
      </section>
    </>
  );
}

/** Both totals per currency, and how many differences of each class explain them. */
function ReportSummary({ report, locale }: { report: MonthEndReport; locale: Locale }) {
  const styles = useStyles();
  const rec = report.reconciliation;
  return (
    <section aria-label={tabText(locale, 'totalsTitle')} data-testid="month-summary">
      <Text weight="semibold" block>
        {tabText(locale, 'totalsTitle')}
      </Text>
      <ul className={styles.list}>
        {rec.totals.map((t) => (
          <li key={t.currency} data-testid={`month-total-${t.currency}`} data-remainder={t.remainder}>
            {tabText(locale, 'totalsLine', {
              currency: t.currency,
              ledger: groupedAmount(t.ledgerTotal),
              books: groupedAmount(t.booksTotal),
              difference: groupedAmount(t.difference),
              remainder: groupedAmount(t.remainder),
            })}
          </li>
        ))}
        {DIFFERENCE_CLASSES.map((cls) => {
          const count = rec.differences.filter((d) => d.class === cls).length;
          return (
            <li key={cls} data-testid={`month-class-${cls}`} data-count={count}>
              {tabText(locale, 'classLine', {
                label: DIFFERENCE_CLASS_LABELS[cls][locale],
                count: formatCount(locale, count),
              })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
