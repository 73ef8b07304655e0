// The 年度计划 job as the pane holds it: the sheets and options chosen, the preview, the published
// version, the run in progress and what was said. Kept in the session store (not the tab), so
// leaving the tab keeps the choices, the preview and a running job. The work is in
// src/annualPlan/planActions.ts; this hook wires it to the state.
import { useEffect, useMemo, useState } from 'react';
import type { Bilingual, SplitMethod } from '../../../../functions/src/contract/plans';
import {
  DEFAULT_ROUND_TO,
  ROUND_TO_CHOICES,
  monthLabel,
  planPreview,
  planUnitOf,
  type PlanUnit,
} from '../../annualPlan';
import {
  explain,
  publishPlan,
  runProgress,
  runSplit,
  writeMonthlyPlan,
  type JobProgress,
  type PublishedPlan,
  type SplitOutcome,
} from '../../annualPlan/planActions';
import { apText, type AnnualPlanStringKey } from '../../annualPlan/strings';
import { formatCount, formatPercent } from '../../i18n/format';
import type { Locale } from '../../i18n/locale';
import {
  detectHeader,
  yearFromTitle,
  type HeaderMapping,
  type LedgerKind,
  type SheetGrid,
} from '../../sheets';
import type { WorkbookAdapter } from '../../workbook/adapter';
import { useApp } from '../AppContext';
import { useRememberedMapping } from '../common/ColumnMapping';
import { listedSheetProblem, type ListedProblem } from '../common/ProblemList';
import { useSessionRef, useSessionState } from '../session';

const HEADER_ROWS = 30;

/** Split (年度计划 → 月度计划, publish) and 计划达成 are two tasks, each on its own screen. */
export type PlanView = 'split' | 'progress';

export interface Message {
  id: string;
  intent: 'success' | 'info' | 'warning' | 'error';
  text: Bilingual;
  /** Offer 打开设置 (the service could not be reached). */
  settings?: boolean;
  /** Offer 重试: the action that failed (a name, so session state stays plain data). */
  retry?: PlanAction;
}

/** The tab's actions a failure message can offer to run again. */
export type PlanAction = 'previewSplit' | 'write' | 'publish' | 'measure';

/** A message in both languages whose parameters are formatted per language. */
export function both(
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

function chinaYear(): number {
  return new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
}

export function useAnnualPlan() {
  const { locale, workbook, api } = useApp();
  const [view, setView] = useSessionState<PlanView>('annualPlan.view', 'split');
  const [planSheet, setPlanSheet] = useSessionState<string | null>('annualPlan.planSheet', null);
  const [useProfile, setUseProfile] = useSessionState('annualPlan.useProfile', true);
  const [profileSheet, setProfileSheet] = useSessionState<string | null>('annualPlan.profileSheet', null);
  const [ledgerSheet, setLedgerSheet] = useSessionState<string | null>('annualPlan.ledgerSheet', null);
  const [method, setMethod] = useSessionState<SplitMethod>('annualPlan.method', 'profile');
  // The year typed for a sheet; the sheet's title year until the person types one.
  const [yearEdit, setYearEdit] = useSessionState<{ sheet: string | null; text: string } | null>(
    'annualPlan.yearEdit',
    null,
  );
  const [roundTo, setRoundTo] = useSessionState<number | null>('annualPlan.roundTo', null);
  const [usdRate, setUsdRate] = useSessionState('annualPlan.usdRate', '');
  const [through, setThrough] = useSessionState('annualPlan.through', 'auto');
  const [job, setJob] = useSessionState<{ progress: JobProgress; cancelling: boolean } | null>(
    'annualPlan.job',
    null,
  );
  // A preview belongs to the inputs it was made from: change any of them and it is gone.
  const [made, setMade] = useSessionState<{ inputs: string; outcome: SplitOutcome } | null>(
    'annualPlan.made',
    null,
  );
  const [published, setPublished] = useSessionState<PublishedPlan | null | undefined>(
    'annualPlan.published',
    undefined,
  );
  const [confirmingFor, setConfirmingFor] = useSessionState<string | null>('annualPlan.confirmingFor', null);
  const [messages, setMessages] = useSessionState<Message[]>('annualPlan.messages', []);
  const [problems, setProblems] = useSessionState<ListedProblem[]>('annualPlan.problems', []);
  // USD lines were found and no rate given: the rate box asks for one.
  const [rateNeeded, setRateNeeded] = useSessionState<string | null>('annualPlan.rateNeeded', null);
  // Bumped when a result is ready, so the screen scrolls to it and focuses it.
  const [resultShown, setResultShown] = useSessionState('annualPlan.resultShown', 0);
  const controllerRef = useSessionRef<AbortController | null>('annualPlan.controller', null);

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

  const preview = useMemo(
    () => (outcome ? planPreview(outcome.split, outcome.unit, locale) : null),
    [outcome, locale],
  );

  const busy = job !== null;

  function say(...m: Omit<Message, 'id'>[]) {
    setMessages(m.map((x, i) => ({ ...x, id: `${Date.now()}-${i}` })));
  }

  /** Runs one job with a progress panel and a cancel button; failures become messages. */
  async function run<T>(
    action: PlanAction,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T | undefined> {
    const c = new AbortController();
    controllerRef.current = c;
    setJob({ progress: { phase: 'phaseReadPlan', done: 0, total: 0 }, cancelling: false });
    setMessages([]);
    try {
      return await work(c.signal);
    } catch (error) {
      const e = explain(error, api, c.signal);
      if (controllerRef.current === c) {
        say({
          intent: e.options.cancelled ? 'info' : 'error',
          text: e.text,
          ...(e.options.unreachable ? { settings: true } : {}),
          ...(e.options.retryable ? { retry: action } : {}),
        });
        const sheet = planSheet;
        if (e.options.inputErrors?.length && sheet) {
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
        if (e.options.rateNeeded) setRateNeeded(e.options.rateNeeded);
      }
      return undefined;
    } finally {
      if (controllerRef.current === c) {
        controllerRef.current = null;
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
    if (!workbook || !planSheet) return;
    setProblems([]);
    setOutcome(null);
    const result = await run('previewSplit', (signal) =>
      runSplit({
        workbook,
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
    setResultShown((n) => n + 1);
  }

  async function write() {
    if (!workbook || !outcome) return;
    const written = await run('write', (signal) =>
      writeMonthlyPlan({
        workbook,
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
    const done = await run('publish', async (signal) => {
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
    if (!workbook) return;
    const choice = ledgerChoice();
    if (!choice) {
      say({ intent: 'error', text: both('needsLedger') });
      return;
    }
    setProblems([]);
    setRateNeeded(null);
    const result = await run('measure', (signal) =>
      runProgress({
        workbook,
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
    setResultShown((n) => n + 1);
  }

  function cancel() {
    controllerRef.current?.abort();
    setJob((j) => (j ? { ...j, cancelling: true } : j));
  }

  return {
    locale,
    workbook,
    view,
    setView,
    planSheet,
    setPlanSheet,
    useProfile,
    setUseProfile,
    profileSheet,
    setProfileSheet,
    ledgerSheet,
    setLedgerSheet,
    method,
    setMethod,
    yearText,
    setYearText,
    yearOk,
    unit,
    step,
    setRoundTo,
    usdRate,
    setUsdRate: (text: string) => {
      setUsdRate(text);
      setRateNeeded(null);
    },
    rateOk,
    rateNeeded,
    through,
    setThrough,
    job,
    busy,
    outcome,
    preview,
    published,
    confirming,
    setConfirming,
    messages,
    problems,
    resultShown,
    plan,
    profile,
    ledger,
    planMapping,
    previewSplit,
    write,
    publish,
    measure,
    cancel,
  };
}

export type AnnualPlanJob = ReturnType<typeof useAnnualPlan>;
