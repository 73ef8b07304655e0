// The 年度计划 tab's sections. Each takes the job (useAnnualPlan) and shows one part of it.
import { useEffect, useRef } from 'react';
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
import { SPLIT_METHODS, type SplitMethod } from '../../../../functions/src/contract/plans';
import { ROUND_TO_CHOICES, UNIT_LABEL, formatPlanAmount, monthLabel, type PlanUnit } from '../../annualPlan';
import { LOCKED_MONTH_FIELDS } from '../../annualPlan/readAnnualPlan';
import { apText, type AnnualPlanStringKey } from '../../annualPlan/strings';
import { formatCount } from '../../i18n/format';
import type { Locale } from '../../i18n/locale';
import type { FieldOf, HeaderMapping, LedgerKind, MappingOverrides, SheetGrid } from '../../sheets';
import { ColumnMapping } from '../common/ColumnMapping';
import { ProgressPanel } from '../common/ProgressPanel';
import { SheetPicker } from '../common/SheetPicker';
import { sheetMatchesKind } from '../common/sheetChoice';
import { useApp } from '../AppContext';
import type { AnnualPlanJob } from './useAnnualPlan';

export const useSectionStyles = makeStyles({
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
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', minWidth: 0 },
  grow: { flexGrow: 1, flexBasis: '120px', minWidth: 0 },
  // A <select> is as wide as its longest option; in English that is wider than a 320 px pane.
  fit: {
    minWidth: 0,
    maxWidth: '100%',
    '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
  },
  // Always on screen: at 350×700 the form is taller than the pane, the task's button is not hidden.
  actions: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    gap: '8px',
    flexWrap: 'wrap',
    padding: '8px 0',
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  number: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  tables: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0, outline: 'none' },
});

const METHOD_KEYS: Record<SplitMethod, AnnualPlanStringKey> = {
  profile: 'methodProfile',
  history: 'methodHistory',
  workdays: 'methodWorkdays',
  even: 'methodEven',
};

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

export function PlanSheetSection({ job }: { job: AnnualPlanJob }) {
  const styles = useSectionStyles();
  const { locale, planMapping, unit } = job;
  return (
    <fieldset className={styles.group} data-testid="plan-sheet-section">
      <legend className={styles.legend}>{apText(locale, 'planSection')}</legend>
      <SheetPicker kind="annualPlan" value={job.planSheet} onChange={job.setPlanSheet} disabled={job.busy} />
      {job.planSheet && !planMapping && <Text size={200}>{apText(locale, 'readingHeader')}</Text>}
      {planMapping && (
        <ColumnMapping
          kind="annualPlan"
          mapping={planMapping}
          fields={planFieldsOf(planMapping)}
          onChange={job.plan.remembered.setColumn}
          onReset={job.plan.remembered.reset}
          disabled={job.busy}
        />
      )}
      {unit && (
        <Text size={200} data-testid="plan-unit">
          {apText(locale, 'unitFound', { unit: UNIT_LABEL[unit][locale] })}
        </Text>
      )}
    </fieldset>
  );
}

export function YearField({ job }: { job: AnnualPlanJob }) {
  const { locale, yearText, yearOk } = job;
  return (
    <Field
      label={apText(locale, 'year')}
      validationState={yearText && !yearOk ? 'error' : 'none'}
      validationMessage={yearText && !yearOk ? apText(locale, 'badYear', { found: yearText }) : undefined}
    >
      <Input
        type="number"
        value={yearText}
        onChange={(_, d) => job.setYearText(d.value)}
        disabled={job.busy}
        data-testid="plan-year"
        style={{ width: '96px' }}
      />
    </Field>
  );
}

export function SplitOptions({ job }: { job: AnnualPlanJob }) {
  const styles = useSectionStyles();
  const { locale, method, unit, step } = job;
  return (
    <div className={styles.row}>
      <Field
        className={styles.grow}
        label={apText(locale, 'method')}
        hint={method === 'history' ? apText(locale, 'historyHint') : undefined}
      >
        <Select
          className={styles.fit}
          value={method}
          onChange={(_, d) => job.setMethod(d.value as SplitMethod)}
          disabled={job.busy}
          data-testid="plan-method"
        >
          {SPLIT_METHODS.map((m) => (
            <option key={m} value={m}>
              {apText(locale, METHOD_KEYS[m])}
            </option>
          ))}
        </Select>
      </Field>
      <YearField job={job} />
      {unit && ROUND_TO_CHOICES[unit].length > 1 && (
        <Field className={styles.grow} label={apText(locale, 'roundTo')}>
          <Select
            className={styles.fit}
            value={String(step)}
            onChange={(_, d) => job.setRoundTo(Number(d.value))}
            disabled={job.busy}
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
  );
}

export function ProfileSection({ job }: { job: AnnualPlanJob }) {
  const styles = useSectionStyles();
  const { locale, useProfile, profile } = job;
  return (
    <fieldset className={styles.group} data-testid="profile-sheet-section">
      <legend className={styles.legend}>{apText(locale, 'profileSection')}</legend>
      <Checkbox
        checked={useProfile}
        onChange={(_, d) => job.setUseProfile(d.checked === true)}
        label={apText(locale, 'useProfileSheet')}
        disabled={job.busy}
        data-testid="plan-use-profile"
      />
      {useProfile && (
        <SheetPicker
          kind="seasonProfile"
          value={job.profileSheet}
          onChange={job.setProfileSheet}
          matches={isProfileSheet}
          disabled={job.busy}
        />
      )}
      {useProfile && profile.remembered.mapping && (
        <ColumnMapping
          kind="seasonProfile"
          mapping={profile.remembered.mapping}
          onChange={profile.remembered.setColumn}
          onReset={profile.remembered.reset}
          disabled={job.busy}
        />
      )}
    </fieldset>
  );
}

export function UsdRateField({ job }: { job: AnnualPlanJob }) {
  const styles = useSectionStyles();
  const { locale, rateOk, rateNeeded, usdRate } = job;
  const input = useRef<HTMLInputElement>(null);
  // Asked for after a run found USD lines: put the cursor where the answer goes.
  useEffect(() => {
    if (rateNeeded) input.current?.focus();
  }, [rateNeeded]);
  return (
    <Field
      className={styles.grow}
      label={apText(locale, 'usdRate')}
      hint={apText(locale, 'usdRateHint')}
      required={rateNeeded !== null}
      validationState={!rateOk || rateNeeded ? 'error' : 'none'}
      validationMessage={
        !rateOk
          ? apText(locale, 'badRate', { found: usdRate })
          : rateNeeded
            ? apText(locale, 'rateAsked')
            : undefined
      }
    >
      <Input
        ref={input}
        value={usdRate}
        onChange={(_, d) => job.setUsdRate(d.value)}
        disabled={job.busy}
        inputMode="decimal"
        data-testid="plan-usd-rate"
      />
    </Field>
  );
}

export function LedgerSection({ job, children }: { job: AnnualPlanJob; children?: React.ReactNode }) {
  const styles = useSectionStyles();
  const { locale, ledger } = job;
  return (
    <fieldset className={styles.group} data-testid="ledger-sheet-section">
      <legend className={styles.legend}>{apText(locale, 'ledgerSection')}</legend>
      <SheetPicker
        kind="salesLedger"
        value={job.ledgerSheet}
        onChange={job.setLedgerSheet}
        disabled={job.busy}
      />
      {ledger.remembered.mapping && (
        <ColumnMapping
          kind="salesLedger"
          mapping={ledger.remembered.mapping}
          fields={['orderDate', 'productType', 'region', 'rep', 'qty', 'unitPrice', 'amount', 'currency']}
          needed={['orderDate', 'productType']}
          onChange={ledger.remembered.setColumn}
          onReset={ledger.remembered.reset}
          disabled={job.busy}
        />
      )}
      <div className={styles.row}>
        <UsdRateField job={job} />
        {children}
      </div>
    </fieldset>
  );
}

export function ThroughField({ job }: { job: AnnualPlanJob }) {
  const styles = useSectionStyles();
  const { locale } = job;
  return (
    <Field className={styles.grow} label={apText(locale, 'throughMonth')}>
      <Select
        className={styles.fit}
        value={job.through}
        onChange={(_, d) => job.setThrough(d.value)}
        disabled={job.busy}
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
  );
}

/** The task's buttons, or the run's progress and Cancel while one runs. */
export function ActionBar({ job, children }: { job: AnnualPlanJob; children: React.ReactNode }) {
  const styles = useSectionStyles();
  const running = job.job !== null;
  // Focus follows the work: to Cancel while it runs (the buttons are gone), back to the bar after.
  const bar = useRef<HTMLDivElement>(null);
  const wasRunning = useRef(running);
  useEffect(() => {
    // Only when focus was dropped with the Cancel button: a result or the rate box may have taken it.
    const dropped = !document.activeElement || document.activeElement === document.body;
    if (!running && wasRunning.current && dropped)
      bar.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    wasRunning.current = running;
  }, [running]);
  return (
    <div className={styles.actions} ref={bar} data-testid="plan-actions">
      {job.job ? (
        <div style={{ flexGrow: 1 }}>
          <ProgressPanel
            label={apText(job.locale, job.job.progress.phase)}
            done={job.job.progress.done}
            total={job.job.progress.total}
            onCancel={job.cancel}
            cancelling={job.job.cancelling}
            focusCancel
          />
        </div>
      ) : (
        children
      )}
    </div>
  );
}

export function PublishConfirm({ job }: { job: AnnualPlanJob }) {
  const { locale, outcome, published } = job;
  if (!job.confirming || !outcome || job.busy) return null;
  const annual = formatPlanAmount(locale, outcome.split.totals.annual, outcome.unit);
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="plan-publish-confirm-bar">
      <MessageBarBody>
        {published
          ? apText(locale, 'confirmPublishNext', {
              year: outcome.split.year,
              version: published.version + 1,
              current: published.version,
              rows: formatCount(locale, outcome.split.rows.length),
              annual,
            })
          : apText(locale, 'confirmPublishNew', {
              year: outcome.split.year,
              rows: formatCount(locale, outcome.split.rows.length),
              annual,
            })}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" size="small" onClick={job.publish} data-testid="plan-publish-confirm">
          {apText(locale, 'confirm')}
        </Button>
        <Button size="small" onClick={() => job.setConfirming(false)} data-testid="plan-publish-cancel">
          {apText(locale, 'cancel')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export function Messages({ job }: { job: AnnualPlanJob }) {
  const { openSettings } = useApp();
  return (
    <>
      {job.messages.map((m) => (
        <MessageBar
          key={m.id}
          intent={m.intent}
          layout="multiline"
          data-testid="plan-message"
          data-intent={m.intent}
        >
          <MessageBarBody>{m.text[job.locale]}</MessageBarBody>
          {(m.retry || (m.settings && openSettings)) && (
            <MessageBarActions>
              {m.retry && (
                <Button
                  size="small"
                  disabled={job.busy}
                  onClick={() => void job[m.retry ?? 'previewSplit']()}
                  data-testid="plan-retry"
                >
                  {apText(job.locale, 'retry')}
                </Button>
              )}
              {m.settings && openSettings && (
                <Button size="small" onClick={openSettings} data-testid="plan-open-settings">
                  {apText(job.locale, 'openSettings')}
                </Button>
              )}
            </MessageBarActions>
          )}
        </MessageBar>
      ))}
    </>
  );
}

/** Scrolls a freshly shown result into view and moves focus to it (keyboard and screen readers). */
export function useShowResult(shown: number) {
  const ref = useRef<HTMLElement>(null);
  const seen = useRef(shown);
  useEffect(() => {
    if (shown === seen.current) return;
    seen.current = shown;
    const el = ref.current;
    if (!el) return;
    el.scrollIntoView?.({ block: 'start' });
    el.focus({ preventScroll: true });
  }, [shown]);
  return ref;
}

export function SplitPreview({ job }: { job: AnnualPlanJob }) {
  const styles = useSectionStyles();
  const { locale, outcome, preview, published } = job;
  const ref = useShowResult(job.resultShown);
  if (!outcome || !preview) return null;
  // Held months: said whenever the sheet has month columns, so an empty one is not mistaken for a hold.
  const held =
    outcome.plan.lockedRows > 0 || LOCKED_MONTH_FIELDS.some((f) => outcome.plan.mapping.columns[f])
      ? {
          rows: outcome.plan.lockedRows,
          months: outcome.plan.rows.reduce((n, r) => n + Object.keys(r.locked ?? {}).length, 0),
        }
      : null;
  return (
    <section
      ref={ref}
      tabIndex={-1}
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
      <Table size="extra-small" aria-label={apText(locale, 'byProductType')} data-testid="plan-preview-type">
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
  );
}
