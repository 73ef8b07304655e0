// 应收与考核: a sibling of 月末对账 (that tab is already a long form at 350 px; this one is a different
// job — print and send statements, score the reps — done after the ledgers are synced). Pick the month,
// the aging basis and a rep (or type customers), then write 应收账龄, 客户对账单 or 业务员考核. The work
// is in src/receivables; this tab holds the state (kept for the session) and the words.
import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useApp } from '../AppContext';
import { useSessionRef, useSessionState } from '../session';
import { MONTH_PATTERN } from '../../../../functions/src/contract/monthEnd';
import { lastDay } from '../../../../functions/src/domain/monthEnd/chinaTime';
import type { AgingBasis } from '../../../../functions/src/contract/receivables';
import type { Bilingual } from '../../i18n/locale';
import type { WorkbookAdapter } from '../../workbook/adapter';
import {
  ReceivablesError,
  asReceivablesError,
  fetchReceivables,
  repsOf,
  writeAgingSheet,
  writeScorecardSheet,
  writeStatementSheets,
} from '../../receivables';
import { previousChinaMonth } from '../../monthEnd';
import { MonthField } from '../common/MonthField';
import { ProgressPanel } from '../common/ProgressPanel';
import { recvText } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'flex-end' },
  grow: { flexGrow: 1, minWidth: '120px' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  actions: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    padding: '8px 0',
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  list: { margin: '4px 0 0 0', paddingInlineStart: '18px' },
});

type Job = 'aging' | 'statements' | 'scorecard';

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; job: Job; done: number; total: number; customer: string; cancelling: boolean }
  | {
      kind: 'done';
      job: Job;
      month: string;
      workbook: WorkbookAdapter;
      sheets: string[];
      basis?: Bilingual;
      missing: { customer: string; text: Bilingual }[];
      noCompany?: boolean;
    }
  | { kind: 'failed'; job: Job; workbook: WorkbookAdapter; error: ReceivablesError };

/** `华东水务、北方农机\n西南泵业` → the names, each once. */
export function parseCustomerList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,，、;；]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function ReceivablesTab() {
  const { locale, workbook, api } = useApp();
  const styles = useStyles();
  const [month, setMonth] = useSessionState('receivables.month', previousChinaMonth);
  const [basis, setBasis] = useSessionState<AgingBasis>('receivables.basis', 'shipment');
  const [who, setWho] = useSessionState<'rep' | 'list'>('receivables.who', 'rep');
  const [rep, setRep] = useSessionState('receivables.rep', '');
  const [customerText, setCustomerText] = useSessionState('receivables.customers', '');
  const [reps, setReps] = useState<{ month: string; reps: string[] } | null>(null);
  const [runState, setRun] = useSessionState<RunState>('receivables.run', { kind: 'idle' });
  const controllerRef = useSessionRef<AbortController | null>('receivables.controller', null);
  const monthOk = MONTH_PATTERN.test(month);
  const run: RunState =
    (runState.kind === 'done' || runState.kind === 'failed') && runState.workbook !== workbook
      ? { kind: 'idle' }
      : runState;
  const running = run.kind === 'running';

  // The rep picker comes from the receivables answer for the month (the reps with customers then).
  useEffect(() => {
    if (!monthOk) return;
    let live = true;
    fetchReceivables(api, { asOf: lastDay(month) })
      .then((answer) => live && setReps({ month, reps: repsOf(answer) }))
      .catch(() => live && setReps({ month, reps: [] }));
    return () => {
      live = false;
    };
  }, [api, month, monthOk]);

  // Keyboard focus follows the work: the buttons give way to Cancel while a job runs, and focus
  // comes back to the job's button after (it would otherwise fall to the page body).
  const agingRef = useRef<HTMLButtonElement>(null);
  const statementsRef = useRef<HTMLButtonElement>(null);
  const scorecardRef = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(running);
  const lastJob = run.kind === 'idle' ? null : run.job;
  useEffect(() => {
    if (!running && wasRunning.current && lastJob)
      (lastJob === 'aging'
        ? agingRef
        : lastJob === 'statements'
          ? statementsRef
          : scorecardRef
      ).current?.focus();
    wasRunning.current = running;
  }, [running, lastJob]);

  if (!workbook)
    return (
      <MessageBar intent="info" layout="multiline" data-testid="recv-no-workbook">
        <MessageBarBody>{recvText(locale, 'noWorkbook')}</MessageBarBody>
      </MessageBar>
    );

  const customers = parseCustomerList(customerText);
  const repList = reps?.month === month ? reps.reps : null;
  const statementsReady = who === 'rep' ? !!rep : customers.length > 0;

  async function start(job: Job) {
    if (!workbook || running || !monthOk) return;
    const c = new AbortController();
    controllerRef.current = c;
    const mine = (r: RunState) => r.kind === 'running' && controllerRef.current === c;
    setRun({ kind: 'running', job, done: 0, total: 0, customer: '', cancelling: false });
    try {
      if (job === 'aging') {
        const written = await writeAgingSheet(workbook, api, {
          asOf: lastDay(month),
          basis,
          ...(rep && who === 'rep' ? { rep } : {}),
          locale,
          signal: c.signal,
        });
        setRun((r) =>
          mine(r) ? { kind: 'done', job, month, workbook, sheets: [written.name], missing: [] } : r,
        );
      } else if (job === 'scorecard') {
        const { written, basisLabel } = await writeScorecardSheet(workbook, api, {
          month,
          locale,
          signal: c.signal,
        });
        setRun((r) =>
          mine(r)
            ? { kind: 'done', job, month, workbook, sheets: [written.name], basis: basisLabel, missing: [] }
            : r,
        );
      } else {
        const outcome = await writeStatementSheets(workbook, api, {
          month,
          ...(who === 'rep' ? { rep } : { customers }),
          locale,
          signal: c.signal,
          onProgress: (p) => setRun((r) => (mine(r) && r.kind === 'running' ? { ...r, ...p } : r)),
        });
        setRun((r) =>
          mine(r)
            ? {
                kind: 'done',
                job,
                month,
                workbook,
                sheets: outcome.written.map((w) => w.name),
                missing: outcome.missing,
                noCompany: outcome.noCompany,
              }
            : r,
        );
      }
    } catch (error) {
      const e = asReceivablesError(error, api.baseUrl, []);
      setRun((r) => (mine(r) ? { kind: 'failed', job, workbook, error: e } : r));
    } finally {
      if (controllerRef.current === c) controllerRef.current = null;
    }
  }

  function cancel() {
    controllerRef.current?.abort();
    setRun((r) => (r.kind === 'running' ? { ...r, cancelling: true } : r));
  }

  const list = (names: string[]) => names.map((n) => `“${n}”`).join(locale === 'zh-CN' ? '、' : ', ');

  return (
    <div className={styles.root} data-testid="receivables">
      <Text size={200}>{recvText(locale, 'intro')}</Text>
      <div className={styles.row}>
        <MonthField
          className={styles.grow}
          label={recvText(locale, 'month')}
          hint={recvText(locale, 'monthHint')}
          invalidMessage={recvText(locale, 'monthInvalid')}
          value={month}
          onChange={setMonth}
          disabled={running}
          placeholder="2026-12"
          data-testid="recv-month"
        />
        <Field className={styles.grow} label={recvText(locale, 'basis')} hint={recvText(locale, 'basisNote')}>
          <Select
            value={basis}
            onChange={(_, d) => setBasis(d.value as AgingBasis)}
            disabled={running}
            data-testid="recv-basis"
          >
            <option value="shipment">{recvText(locale, 'basisShipment')}</option>
            <option value="invoice">{recvText(locale, 'basisInvoice')}</option>
          </Select>
        </Field>
      </div>
      <Field label={recvText(locale, 'who')}>
        <RadioGroup
          value={who}
          onChange={(_, d) => setWho(d.value as 'rep' | 'list')}
          disabled={running}
          layout="horizontal"
          data-testid="recv-who"
        >
          <Radio value="rep" label={recvText(locale, 'whoRep')} data-testid="recv-who-rep" />
          <Radio value="list" label={recvText(locale, 'whoList')} data-testid="recv-who-list" />
        </RadioGroup>
      </Field>
      {who === 'rep' ? (
        <Field
          label={recvText(locale, 'rep')}
          hint={
            repList === null
              ? recvText(locale, 'repsLoading')
              : repList.length === 0
                ? recvText(locale, 'repsNone')
                : undefined
          }
        >
          <Select
            value={rep}
            onChange={(_, d) => setRep(d.value)}
            disabled={running || !repList?.length}
            data-testid="recv-rep"
          >
            <option value="">{recvText(locale, 'repAll')}</option>
            {(repList ?? []).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <Field label={recvText(locale, 'customers')}>
          <Textarea
            value={customerText}
            onChange={(_, d) => setCustomerText(d.value)}
            disabled={running}
            resize="vertical"
            data-testid="recv-customers"
          />
        </Field>
      )}
      {run.kind === 'done' && (
        <MessageBar intent="success" layout="multiline" data-testid="recv-done" data-job={run.job}>
          <MessageBarBody>
            {run.job === 'aging'
              ? recvText(locale, 'doneAging', { sheet: run.sheets[0] ?? '' })
              : run.job === 'scorecard'
                ? recvText(locale, 'doneScorecard', {
                    sheet: run.sheets[0] ?? '',
                    basis: run.basis?.[locale] ?? '',
                  })
                : recvText(locale, 'doneStatements', {
                    n: run.sheets.length,
                    month: run.month,
                    sheets: list(run.sheets),
                  })}
          </MessageBarBody>
        </MessageBar>
      )}
      {run.kind === 'done' && run.noCompany && (
        <MessageBar intent="warning" layout="multiline" data-testid="recv-no-company">
          <MessageBarBody>{recvText(locale, 'noCompany')}</MessageBarBody>
        </MessageBar>
      )}
      {run.kind === 'done' && run.missing.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="recv-missing">
          <MessageBarBody>
            <MessageBarTitle>{recvText(locale, 'missingTitle', { n: run.missing.length })}</MessageBarTitle>
            <ul className={styles.list}>
              {run.missing.map((m) => (
                <li key={m.customer}>{m.text[locale]}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {run.kind === 'failed' && (
        <MessageBar
          intent={run.error.code === 'cancelled' ? 'info' : 'error'}
          layout="multiline"
          data-testid="recv-error"
          data-code={run.error.code}
        >
          <MessageBarBody>
            <MessageBarTitle>
              {recvText(locale, run.error.code === 'cancelled' ? 'cancelledTitle' : 'errorTitle')}
            </MessageBarTitle>
            {run.error.text[locale]}
          </MessageBarBody>
        </MessageBar>
      )}
      {/* Always on screen: at 350×700 the form is taller than the pane; the job's buttons (or its
          progress and Cancel) are pinned to the bottom, as in 年度计划. */}
      <div className={styles.actions}>
        {!running && (
          <div className={styles.buttons}>
            <Button
              ref={agingRef}
              onClick={() => start('aging')}
              disabled={!monthOk}
              data-testid="recv-write-aging"
            >
              {recvText(locale, 'writeAging')}
            </Button>
            <Button
              ref={statementsRef}
              appearance="primary"
              onClick={() => start('statements')}
              disabled={!monthOk || !statementsReady}
              data-testid="recv-write-statements"
            >
              {recvText(locale, 'writeStatements')}
            </Button>
            {!statementsReady && <Text size={200}>{recvText(locale, 'needRep')}</Text>}
            <Button
              ref={scorecardRef}
              onClick={() => start('scorecard')}
              disabled={!monthOk}
              data-testid="recv-write-scorecard"
            >
              {recvText(locale, 'writeScorecard')}
            </Button>
          </div>
        )}
        {run.kind === 'running' && (
          <ProgressPanel
            label={
              run.job === 'aging'
                ? recvText(locale, 'phaseAging')
                : run.job === 'scorecard'
                  ? recvText(locale, 'phaseScorecard')
                  : recvText(locale, 'phaseStatements', { customer: run.customer })
            }
            done={run.done}
            total={run.total}
            onCancel={cancel}
            cancelling={run.cancelling}
            focusCancel
          />
        )}
      </div>
    </div>
  );
}
