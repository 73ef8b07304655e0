// 年度计划: pick the plan sheet (and optionally a season-profile sheet and the sales ledger), choose
// how to split, preview the totals, then write 月度计划, publish, or measure 计划达成. The work is in
// planActions.ts (and the pure src/annualPlan); this tab holds the state and the words.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { SPLIT_METHODS, type Bilingual, type SplitMethod } from '../../../../functions/src/contract/plans';
import {
  DEFAULT_ROUND_TO,
  ROUND_TO_CHOICES,
  UNIT_LABEL,
  formatPlanAmount,
  monthLabel,
  planPreview,
  planUnitOf,
  type PlanUnit,
} from '../../annualPlan';
import { LOCKED_MONTH_FIELDS } from '../../annualPlan/readAnnualPlan';
import { formatCount, formatPercent } from '../../i18n/format';
import type { Locale } from '../../i18n/locale';
import {
  detectHeader,
  yearFromTitle,
  type FieldOf,
  type HeaderMapping,
  type LedgerKind,
  type MappingOverrides,
  type SheetGrid,
} from '../../sheets';
import type { WorkbookAdapter } from '../../workbook/adapter';
import { useApp } from '../AppContext';
import { ColumnMapping, useRememberedMapping } from '../common/ColumnMapping';
import { ProblemList, listedSheetProblem, type ListedProblem } from '../common/ProblemList';
import { ProgressPanel } from '../common/ProgressPanel';
import { SheetPicker } from '../common/SheetPicker';
import { sheetMatchesKind } from '../common/sheetChoice';
import {
  explain,
  publishPlan,
  runProgress,
  runSplit,
  writeMonthlyPlan,
  type JobProgress,
  type PublishedPlan,
  type SplitOutcome,
} from './planActions';
import { apText, type AnnualPlanStringKey } from './strings';
import { NotAllowedNote } from '../signIn/SignInBar';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px',
    margin: 0,
    minWidth: 0,
  },
  legend: { padding: '0 4px', fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '120px' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  number: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  tables: { display: 'flex', flexDirection: 'column', gap: '8px' },
});

const HEADER_ROWS = 30;

const METHOD_KEYS: Record<SplitMethod, AnnualPlanStringKey> = {
  profile: 'methodProfile',
  history: 'methodHistory',
  workdays: 'methodWorkdays',
  even: 'methodEven',
};

interface Message {
  id: string;
  intent: 'success' | 'info' | 'warning' | 'error';
  text: Bilingual;
}

/** A message in both languages whose parameters are formatted per language. */
function both(
  key: AnnualPlanStringKey,
  params: (l: Locale) => Record<string, string | number> = () => ({}),
): Bilingual {
  return { 'zh-CN': apText('zh-CN', key, params('zh-CN')), 'en-US': apText('en-US', key, params('en-US')) };
}

/** The top rows of a sheet and the mapping detected in them (what the mapping editor starts from). */
function useDetected<K extends LedgerKind>(workbook: WorkbookAdapter | null, kind: K, sheet: string | null) {
  const [detected, setDetected] = useState<{
    sheet: string;
    grid: SheetGrid;
    mapping: HeaderMapping<K>;
  } | null>(null);
  useEffect(() => {
    if (!workbook || !sheet) return;
    let live = true;
    workbook
      .readSheet(sheet, { maxRows: HEADER_ROWS })
      .then((grid) => live && setDetected({ sheet, grid, mapping: detectHeader(grid, kind) }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [workbook, kind, sheet]);
  const current = detected && detected.sheet === sheet ? detected : null;
  const remembered = useRememberedMapping(workbook, kind, sheet, current?.mapping ?? null);
  return { grid: current?.grid ?? null, remembered };
}

const PLAN_FIELDS = ['productType', 'region', 'rep', 'annualTarget'] as const;

/** The plan's columns to show: the month columns only once the sheet has one (most sheets hold none). */
function planFieldsOf(mapping: HeaderMapping<'annualPlan'>): readonly FieldOf<'annualPlan'>[] {
  return LOCKED_MONTH_FIELDS.some((f) => mapping.columns[f])
    ? [...PLAN_FIELDS, ...LOCKED_MONTH_FIELDS]
    : PLAN_FIELDS;
}

/**
 * A 季节系数 sheet: 产品类别 and 12 months, but no annual target. A 年度计划 with held months has the
 * same columns and more; proposing it as the profile sheet would read its holds as weights.
 */
function isProfileSheet(grid: SheetGrid, kind: LedgerKind, overrides: MappingOverrides<LedgerKind>): boolean {
  return sheetMatchesKind(grid, kind, overrides) && !sheetMatchesKind(grid, 'annualPlan');
}

/** `0.01 万元` reads well in Chinese; in English say it in yuan (`100 yuan`). */
function roundToLabel(locale: Locale, unit: PlanUnit, r: number): string {
  if (unit === 'wanYuan' && locale === 'en-US') return `${formatCount(locale, r * 10000)} yuan`;
  return `${locale === 'en-US' ? formatCount(locale, r) : r} ${UNIT_LABEL[unit][locale]}`;
}

function chinaYear(): number {
  return new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
}

export function AnnualPlanTab() {
  const { locale, workbook, api, can } = useApp();
  const styles = useStyles();
  const [planSheet, setPlanSheet] = useState<string | null>(null);
  const [useProfile, setUseProfile] = useState(true);
  const [profileSheet, setProfileSheet] = useState<string | null>(null);
  const [ledgerSheet, setLedgerSheet] = useState<string | null>(null);
  const [method, setMethod] = useState<SplitMethod>('profile');
  // The year typed for a sheet; the sheet's title year until the person types one.
  const [yearEdit, setYearEdit] = useState<{ sheet: string | null; text: string } | null>(null);
  const [roundTo, setRoundTo] = useState<number | null>(null);
  const [usdRate, setUsdRate] = useState('');
  const [through, setThrough] = useState('auto');
  const [job, setJob] = useState<{ progress: JobProgress; cancelling: boolean } | null>(null);
  // A preview belongs to the inputs it was made from: change any of them and it is gone.
  const [made, setMade] = useState<{ inputs: string; outcome: SplitOutcome } | null>(null);
  const [published, setPublished] = useState<PublishedPlan | null | undefined>(undefined);
  const [confirmingFor, setConfirmingFor] = useState<string | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [problems, setProblems] = useState<ListedProblem[]>([]);
  const controller = useRef<AbortController | null>(null);

  const plan = useDetected(workbook, 'annualPlan', planSheet);
  const profile = useDetected(workbook, 'seasonProfile', useProfile ? profileSheet : null);
  const ledger = useDetected(workbook, 'salesLedger', ledgerSheet);
  const planMapping = plan.remembered.mapping;

  // The year and unit the plan sheet states, as soon as its header is read.
  const titleYear = plan.grid ? (yearFromTitle(plan.grid) ?? chinaYear()) : null;
  const yearText =
    yearEdit && yearEdit.sheet === planSheet ? yearEdit.text : titleYear === null ? '' : String(titleYear);
  const setYearText = (text: string) => setYearEdit({ sheet: planSheet, text });
  const unit: PlanUnit | null = planMapping
    ? planUnitOf({
        header: planMapping.columns.annualTarget?.header,
        headerUnit: planMapping.unitHints.fields.annualTarget,
        title: planMapping.title,
        titleUnit: planMapping.unitHints.title,
      })
    : null;
  const step =
    unit && roundTo !== null && ROUND_TO_CHOICES[unit].includes(roundTo)
      ? roundTo
      : unit
        ? DEFAULT_ROUND_TO[unit]
        : 1;
  const year = Number(yearText);
  const yearOk = Number.isInteger(year) && year >= 2000 && year <= 2099;
  const rate = usdRate.trim() === '' ? undefined : Number(usdRate.trim());
  const rateOk = rate === undefined || (Number.isFinite(rate) && rate > 0);

  // Any change to what the split depends on makes the preview stale.
  // (Only what the chosen method reads: a USD rate typed for 计划达成 keeps a profile split.)
  const inputs = JSON.stringify([
    planSheet,
    method,
    yearText,
    step,
    plan.remembered.overrides,
    method === 'profile' || method === 'history'
      ? [useProfile, profileSheet, profile.remembered.overrides]
      : null,
    method === 'history' ? [ledgerSheet, usdRate, ledger.remembered.overrides] : null,
  ]);
  const outcome = made && made.inputs === inputs ? made.outcome : null;
  const confirming = outcome !== null && confirmingFor === inputs;
  const setOutcome = (o: SplitOutcome | null) => setMade(o ? { inputs, outcome: o } : null);
  const setConfirming = (on: boolean) => setConfirmingFor(on ? inputs : null);

  // Leaving the tab mid-run cancels it: nothing is written behind the person's back.
  useEffect(() => () => controller.current?.abort(), []);

  const preview = useMemo(
    () => (outcome ? planPreview(outcome.split, outcome.unit, locale) : null),
    [outcome, locale],
  );

  if (!workbook)
    return (
      <MessageBar intent="info" layout="multiline" data-testid="annual-plan-no-workbook">
        <MessageBarBody>{apText(locale, 'noWorkbook')}</MessageBarBody>
      </MessageBar>
    );
  const wb = workbook;
  const busy = job !== null;

  function say(...m: Omit<Message, 'id'>[]) {
    setMessages(m.map((x, i) => ({ ...x, id: `${Date.now()}-${i}` })));
  }

  /** Runs one job with a progress panel and a cancel button; failures become messages. */
  async function run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    const c = new AbortController();
    controller.current = c;
    setJob({ progress: { phase: 'phaseReadPlan', done: 0, total: 0 }, cancelling: false });
    setMessages([]);
    try {
      return await work(c.signal);
    } catch (error) {
      const e = explain(error, api, c.signal);
      if (controller.current === c) {
        say({ intent: e.options.cancelled ? 'info' : 'error', text: e.text });
        if (e.options.inputErrors?.length && planSheet) {
          const sheet = planSheet;
          setProblems(
            e.options.inputErrors.map((p, i) => ({
              key: `api-${i}`,
              sheet,
              address: `A${p.row ?? 1}`,
              row: p.row ?? 1,
              text: p.message,
            })),
          );
        }
        if (e.options.current !== undefined) setPublished(e.options.current);
      }
      return undefined;
    } finally {
      if (controller.current === c) {
        controller.current = null;
        setJob(null);
      }
    }
  }
  const onProgress = (progress: JobProgress) => setJob((j) => (j ? { ...j, progress } : j));

  function ledgerChoice() {
    return ledgerSheet
      ? { sheet: ledgerSheet, mapping: ledger.remembered.mapping, usdRate: rate }
      : undefined;
  }

  function ledgerNotes(read: SplitOutcome['actuals']): Omit<Message, 'id'>[] {
    if (!read) return [];
    return [
      ...read.foreign.map((f) => ({
        intent: 'warning' as const,
        text: both('foreignLeftOut', (l) => ({
          n: formatCount(l, f.count),
          currency: f.currency,
          rows: f.rows.slice(0, 5).join(l === 'zh-CN' ? '、' : ', '),
        })),
      })),
      ...read.converted.map((c) => ({
        intent: 'info' as const,
        text: both('foreignConverted', (l) => ({
          n: formatCount(l, c.count),
          currency: c.currency,
          rate: c.rate,
        })),
      })),
    ];
  }

  async function previewSplit() {
    if (!planSheet) return;
    setProblems([]);
    setOutcome(null);
    const result = await run((signal) =>
      runSplit({
        workbook: wb,
        api,
        signal,
        onProgress,
        planSheet,
        planMapping,
        profile:
          // The plan sheet's own month columns are held amounts, never season weights.
          useProfile && profileSheet && profileSheet !== planSheet
            ? { sheet: profileSheet, mapping: profile.remembered.mapping }
            : undefined,
        ledger: ledgerChoice(),
        method,
        year,
        roundTo: step,
      }),
    );
    if (!result) return;
    setOutcome(result);
    setPublished(result.published);
    const sheetProblems = [
      ...result.plan.problems,
      ...(result.profiles?.problems ?? []),
      ...(result.actuals?.problems ?? []),
    ].map(listedSheetProblem);
    setProblems(sheetProblems);
    const notes: Omit<Message, 'id'>[] = [];
    if (result.profiles && Object.keys(result.profiles.profiles).length === 0) {
      notes.push({
        intent: 'warning',
        text: both('profileSheetUnused', (l) => ({
          sheet: result.profiles?.sheet ?? '',
          fields: result.profiles?.missingColumns.join(l === 'zh-CN' ? '、' : ', ') || '—',
        })),
      });
    }
    if (result.publishedError)
      notes.push({
        intent: 'warning',
        text: both('publishedUnknown', (l) => ({ year, reason: result.publishedError?.[l] ?? '' })),
      });
    say(...notes, ...ledgerNotes(result.actuals));
  }

  async function write() {
    if (!outcome) return;
    const written = await run((signal) =>
      writeMonthlyPlan({
        workbook: wb,
        signal,
        onProgress,
        split: outcome.split,
        unit: outcome.unit,
        locale,
      }),
    );
    if (written)
      say({
        intent: 'success',
        text: both('written', (l) => ({
          sheet: written.name,
          rows: formatCount(l, outcome.split.rows.length),
        })),
      });
  }

  async function publish() {
    if (!outcome) return;
    setConfirming(false);
    const done = await run(async (signal) => {
      onProgress({ phase: 'phasePublish', done: 0, total: outcome.split.rows.length });
      return publishPlan({
        api,
        split: outcome.split,
        unit: outcome.unit,
        basedOn: published ?? null,
        signal,
      });
    });
    if (!done) return;
    // Who and when come back with the publish, so the status line needs no second request.
    setPublished({
      version: done.version,
      etag: done.etag,
      publishedBy: done.publishedBy,
      publishedAt: done.publishedAt,
    });
    say({
      intent: 'success',
      text: both('published', (l) => ({
        summary: done.summary?.[l] ?? `v${done.version}`,
      })),
    });
  }

  async function measure() {
    const choice = ledgerChoice();
    if (!choice) {
      say({ intent: 'error', text: both('needsLedger') });
      return;
    }
    setProblems([]);
    const result = await run((signal) =>
      runProgress({
        workbook: wb,
        api,
        signal,
        onProgress,
        year,
        ledger: choice,
        throughMonth: through === 'auto' ? undefined : Number(through),
        locale,
      }),
    );
    if (!result) return;
    setProblems(result.actuals.problems.map(listedSheetProblem));
    const p = result.progress;
    say(
      p.throughMonth > 0
        ? {
            intent: 'success',
            text: both('writtenProgress', (l) => ({
              sheet: result.written.name,
              month: monthLabel(l, p.throughMonth),
              completion: p.total.ytd.completion === null ? '—' : formatPercent(l, p.total.ytd.completion),
            })),
          }
        : { intent: 'success', text: both('writtenProgressNone', () => ({ sheet: result.written.name })) },
      ...p.notes.map((n) => ({ intent: 'info' as const, text: n })),
      ...ledgerNotes(result.actuals),
    );
  }

  function cancel() {
    controller.current?.abort();
    setJob((j) => (j ? { ...j, cancelling: true } : j));
  }

  // Held months: said whenever the sheet has month columns, so an empty one is not mistaken for a hold.
  const held =
    outcome &&
    (outcome.plan.lockedRows > 0 || LOCKED_MONTH_FIELDS.some((f) => outcome.plan.mapping.columns[f]))
      ? {
          rows: outcome.plan.lockedRows,
          months: outcome.plan.rows.reduce((n, r) => n + Object.keys(r.locked ?? {}).length, 0),
        }
      : null;
  const annualText = outcome ? formatPlanAmount(locale, outcome.split.totals.annual, outcome.unit) : '';
  const planMissing = planMapping ? planMapping.missing : [];

  return (
    <div className={styles.root} data-testid="annual-plan">
      <Text size={200}>{apText(locale, 'intro')}</Text>

      <fieldset className={styles.group} data-testid="plan-sheet-section">
        <legend className={styles.legend}>{apText(locale, 'planSection')}</legend>
        <SheetPicker kind="annualPlan" value={planSheet} onChange={setPlanSheet} disabled={busy} />
        {planSheet && !planMapping && <Text size={200}>{apText(locale, 'readingHeader')}</Text>}
        {planMapping && (
          <ColumnMapping
            kind="annualPlan"
            mapping={planMapping}
            fields={planFieldsOf(planMapping)}
            onChange={plan.remembered.setColumn}
            onReset={plan.remembered.reset}
            disabled={busy}
          />
        )}
        {unit && (
          <Text size={200} data-testid="plan-unit">
            {apText(locale, 'unitFound', { unit: UNIT_LABEL[unit][locale] })}
          </Text>
        )}
      </fieldset>

      <div className={styles.row}>
        <Field
          className={styles.grow}
          label={apText(locale, 'method')}
          hint={method === 'history' ? apText(locale, 'historyHint') : undefined}
        >
          <Select
            value={method}
            onChange={(_, d) => setMethod(d.value as SplitMethod)}
            disabled={busy}
            data-testid="plan-method"
          >
            {SPLIT_METHODS.map((m) => (
              <option key={m} value={m}>
                {apText(locale, METHOD_KEYS[m])}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={apText(locale, 'year')}
          validationState={yearText && !yearOk ? 'error' : 'none'}
          validationMessage={yearText && !yearOk ? apText(locale, 'badYear', { found: yearText }) : undefined}
        >
          <Input
            type="number"
            value={yearText}
            onChange={(_, d) => setYearText(d.value)}
            disabled={busy}
            data-testid="plan-year"
            style={{ width: '96px' }}
          />
        </Field>
        {unit && ROUND_TO_CHOICES[unit].length > 1 && (
          <Field label={apText(locale, 'roundTo')}>
            <Select
              value={String(step)}
              onChange={(_, d) => setRoundTo(Number(d.value))}
              disabled={busy}
              data-testid="plan-roundto"
            >
              {ROUND_TO_CHOICES[unit].map((r) => (
                <option key={r} value={String(r)}>
                  {roundToLabel(locale, unit, r)}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>

      {(method === 'profile' || method === 'history') && (
        <fieldset className={styles.group} data-testid="profile-sheet-section">
          <legend className={styles.legend}>{apText(locale, 'profileSection')}</legend>
          <Checkbox
            checked={useProfile}
            onChange={(_, d) => setUseProfile(d.checked === true)}
            label={apText(locale, 'useProfileSheet')}
            disabled={busy}
            data-testid="plan-use-profile"
          />
          {useProfile && (
            <SheetPicker
              kind="seasonProfile"
              value={profileSheet}
              onChange={setProfileSheet}
              matches={isProfileSheet}
              disabled={busy}
            />
          )}
          {useProfile && profile.remembered.mapping && (
            <ColumnMapping
              kind="seasonProfile"
              mapping={profile.remembered.mapping}
              onChange={profile.remembered.setColumn}
              onReset={profile.remembered.reset}
              disabled={busy}
            />
          )}
        </fieldset>
      )}

      <fieldset className={styles.group} data-testid="ledger-sheet-section">
        <legend className={styles.legend}>{apText(locale, 'ledgerSection')}</legend>
        <SheetPicker kind="salesLedger" value={ledgerSheet} onChange={setLedgerSheet} disabled={busy} />
        {ledger.remembered.mapping && (
          <ColumnMapping
            kind="salesLedger"
            mapping={ledger.remembered.mapping}
            fields={['orderDate', 'productType', 'region', 'rep', 'qty', 'unitPrice', 'amount', 'currency']}
            needed={['orderDate', 'productType']}
            onChange={ledger.remembered.setColumn}
            onReset={ledger.remembered.reset}
            disabled={busy}
          />
        )}
        <div className={styles.row}>
          <Field
            className={styles.grow}
            label={apText(locale, 'usdRate')}
            hint={apText(locale, 'usdRateHint')}
            validationState={rateOk ? 'none' : 'error'}
            validationMessage={rateOk ? undefined : apText(locale, 'badRate', { found: usdRate })}
          >
            <Input
              value={usdRate}
              onChange={(_, d) => setUsdRate(d.value)}
              disabled={busy}
              inputMode="decimal"
              data-testid="plan-usd-rate"
            />
          </Field>
          <Field label={apText(locale, 'throughMonth')}>
            <Select
              value={through}
              onChange={(_, d) => setThrough(d.value)}
              disabled={busy}
              data-testid="plan-through"
            >
              <option value="auto">{apText(locale, 'throughAuto')}</option>
              {Array.from({ length: 12 }, (_, i) => (
                <option key={i + 1} value={String(i + 1)}>
                  {monthLabel(locale, i + 1)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </fieldset>

      {job ? (
        <ProgressPanel
          label={apText(locale, job.progress.phase)}
          done={job.progress.done}
          total={job.progress.total}
          onCancel={cancel}
          cancelling={job.cancelling}
        />
      ) : (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            onClick={previewSplit}
            disabled={!planMapping || planMissing.length > 0 || !yearOk || !rateOk}
            data-testid="plan-preview"
          >
            {apText(locale, 'preview')}
          </Button>
          <Button onClick={write} disabled={!outcome} data-testid="plan-write">
            {apText(locale, 'write')}
          </Button>
          {can('publishPlan') && (
            <Button
              onClick={() => setConfirming(true)}
              disabled={!outcome || confirming}
              data-testid="plan-publish"
            >
              {apText(locale, 'publish')}
            </Button>
          )}
          <Button onClick={measure} disabled={!ledgerSheet || !yearOk || !rateOk} data-testid="plan-progress">
            {apText(locale, 'progress')}
          </Button>
          {!can('publishPlan') && <NotAllowedNote action="publishPlan" testId="plan-publish-not-allowed" />}
        </div>
      )}

      {confirming && outcome && !busy && (
        <MessageBar intent="warning" layout="multiline" data-testid="plan-publish-confirm-bar">
          <MessageBarBody>
            {published
              ? apText(locale, 'confirmPublishNext', {
                  year: outcome.split.year,
                  version: published.version + 1,
                  current: published.version,
                  rows: formatCount(locale, outcome.split.rows.length),
                  annual: annualText,
                })
              : apText(locale, 'confirmPublishNew', {
                  year: outcome.split.year,
                  rows: formatCount(locale, outcome.split.rows.length),
                  annual: annualText,
                })}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" size="small" onClick={publish} data-testid="plan-publish-confirm">
              {apText(locale, 'confirm')}
            </Button>
            <Button size="small" onClick={() => setConfirming(false)} data-testid="plan-publish-cancel">
              {apText(locale, 'cancel')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {messages.map((m) => (
        <MessageBar
          key={m.id}
          intent={m.intent}
          layout="multiline"
          data-testid="plan-message"
          data-intent={m.intent}
        >
          <MessageBarBody>{m.text[locale]}</MessageBarBody>
        </MessageBar>
      ))}

      <ProblemList
        title={apText(locale, 'sheetProblems', { n: formatCount(locale, problems.length) })}
        problems={problems}
        data-testid="plan-problems"
      />

      {outcome && preview && (
        <section
          className={styles.tables}
          data-testid="plan-preview-panel"
          aria-label={apText(locale, 'previewTitle', {
            year: outcome.split.year,
            rows: preview.rows,
            annual: preview.annual,
          })}
        >
          <Text weight="semibold" data-testid="plan-preview-title">
            {apText(locale, 'previewTitle', {
              year: outcome.split.year,
              rows: formatCount(locale, preview.rows),
              annual: preview.annual,
            })}
          </Text>
          <Text size={200} data-testid="plan-published-status">
            {published === null
              ? apText(locale, 'publishedNone', { year: outcome.split.year })
              : published
                ? apText(locale, 'publishedCurrent', {
                    year: outcome.split.year,
                    version: published.version,
                    by: published.publishedBy ?? '—',
                    at: published.publishedAt ? published.publishedAt.slice(0, 10) : '—',
                  })
                : ''}
          </Text>
          {held && (
            <Text size={200} data-testid="plan-locked-rows">
              {held.rows > 0
                ? apText(locale, 'lockedRows', {
                    rows: formatCount(locale, held.rows),
                    months: formatCount(locale, held.months),
                  })
                : apText(locale, 'lockedNone')}
            </Text>
          )}
          {preview.fellBack > 0 && (
            <MessageBar intent="info" layout="multiline" data-testid="plan-fell-back">
              <MessageBarBody>
                {apText(locale, 'fellBack', { n: formatCount(locale, preview.fellBack) })}
              </MessageBarBody>
            </MessageBar>
          )}
          {outcome.split.notes.length > 0 && (
            <MessageBar intent="info" layout="multiline" data-testid="plan-notes">
              <MessageBarBody>
                <MessageBarTitle>{apText(locale, 'notesTitle')}</MessageBarTitle>
                {outcome.split.notes.map((n, i) => (
                  <div key={i}>{n[locale]}</div>
                ))}
              </MessageBarBody>
            </MessageBar>
          )}
          <Table
            size="extra-small"
            aria-label={apText(locale, 'byProductType')}
            data-testid="plan-preview-type"
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{apText(locale, 'productType')}</TableHeaderCell>
                <TableHeaderCell className={styles.number}>{apText(locale, 'amount')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {preview.byProductType.map((r) => (
                <TableRow key={r.productType}>
                  <TableCell>{r.productType}</TableCell>
                  <TableCell className={styles.number}>{r.amount}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Table size="extra-small" aria-label={apText(locale, 'byMonth')} data-testid="plan-preview-month">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{apText(locale, 'month')}</TableHeaderCell>
                <TableHeaderCell className={styles.number}>{apText(locale, 'amount')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {preview.byMonth.map((r) => (
                <TableRow key={r.month}>
                  <TableCell>{r.month}</TableCell>
                  <TableCell className={styles.number}>{r.amount}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}
    </div>
  );
}
