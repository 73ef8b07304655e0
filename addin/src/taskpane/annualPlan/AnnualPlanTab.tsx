// 年度计划: two tasks, each on its own screen. 分解计划: pick the plan sheet (and a season-profile
// sheet, or the sales ledger for the prior-year shape), preview the split, then write 月度计划 or
// publish. 计划达成: pick the sales ledger and measure it against the published plan. The state is
// in useAnnualPlan (kept for the session), the work in src/annualPlan; this file lays them out.
import {
  Button,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  makeStyles,
} from '@fluentui/react-components';
import { apText } from '../../annualPlan/strings';
import { formatCount } from '../../i18n/format';
import { ProblemList } from '../common/ProblemList';
import { useApp } from '../AppContext';
import { NotAllowedNote } from '../signIn/SignInBar';
import {
  ActionBar,
  LedgerSection,
  Messages,
  PlanSheetSection,
  ProfileSection,
  PublishConfirm,
  SplitOptions,
  SplitPreview,
  ThroughField,
  YearField,
  useSectionStyles,
  useShowResult,
} from './sections';
import { useAnnualPlan, type AnnualPlanJob, type PlanView } from './useAnnualPlan';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  views: { flexWrap: 'wrap' },
});

export function AnnualPlanTab() {
  const job = useAnnualPlan();
  const styles = useStyles();
  const { locale } = job;
  if (!job.workbook)
    return (
      <MessageBar intent="info" layout="multiline" data-testid="annual-plan-no-workbook">
        <MessageBarBody>{apText(locale, 'noWorkbook')}</MessageBarBody>
      </MessageBar>
    );
  return (
    <div className={styles.root} data-testid="annual-plan">
      <TabList
        className={styles.views}
        size="small"
        appearance="subtle"
        selectedValue={job.view}
        onTabSelect={(_, d) => job.setView(d.value as PlanView)}
        aria-label={apText(locale, 'viewsLabel')}
      >
        <Tab value="split" data-testid="plan-view-split">
          {apText(locale, 'viewSplit')}
        </Tab>
        <Tab value="progress" data-testid="plan-view-progress">
          {apText(locale, 'viewProgress')}
        </Tab>
      </TabList>
      {job.view === 'split' ? <SplitView job={job} /> : <ProgressView job={job} />}
    </div>
  );
}

function Problems({ job }: { job: AnnualPlanJob }) {
  return (
    <ProblemList
      title={apText(job.locale, 'sheetProblems', { n: formatCount(job.locale, job.problems.length) })}
      problems={job.problems}
      data-testid="plan-problems"
    />
  );
}

function SplitView({ job }: { job: AnnualPlanJob }) {
  const { locale, planMapping, outcome } = job;
  const { can } = useApp();
  const planMissing = planMapping ? planMapping.missing : [];
  return (
    <>
      <Text size={200}>{apText(locale, 'introSplit')}</Text>
      <PlanSheetSection job={job} />
      <SplitOptions job={job} />
      {(job.method === 'profile' || job.method === 'history') && <ProfileSection job={job} />}
      {job.method === 'history' && <LedgerSection job={job} />}
      <ActionBar job={job}>
        <Button
          appearance="primary"
          onClick={job.previewSplit}
          disabled={!planMapping || planMissing.length > 0 || !job.yearOk || !job.rateOk}
          data-testid="plan-preview"
        >
          {apText(locale, 'preview')}
        </Button>
        <Button onClick={job.write} disabled={!outcome} data-testid="plan-write">
          {apText(locale, 'write')}
        </Button>
        {can('publishPlan') ? (
          <Button
            onClick={() => job.setConfirming(true)}
            disabled={!outcome || job.confirming}
            data-testid="plan-publish"
          >
            {apText(locale, 'publish')}
          </Button>
        ) : (
          <NotAllowedNote action="publishPlan" testId="plan-publish-not-allowed" />
        )}
      </ActionBar>
      <PublishConfirm job={job} />
      <Messages job={job} />
      <Problems job={job} />
      <SplitPreview job={job} />
    </>
  );
}

function ProgressView({ job }: { job: AnnualPlanJob }) {
  const styles = useSectionStyles();
  const { locale } = job;
  // The outcome is the messages (the sheet itself is in Excel): show them when they arrive.
  const ref = useShowResult(job.resultShown);
  return (
    <>
      <Text size={200}>{apText(locale, 'introProgress')}</Text>
      <LedgerSection job={job}>
        <ThroughField job={job} />
      </LedgerSection>
      <div className={styles.row}>
        <YearField job={job} />
      </div>
      <ActionBar job={job}>
        <Button
          appearance="primary"
          onClick={job.measure}
          disabled={!job.ledgerSheet || !job.yearOk || !job.rateOk}
          data-testid="plan-progress"
        >
          {apText(locale, 'progress')}
        </Button>
      </ActionBar>
      <section ref={ref} tabIndex={-1} className={styles.tables} data-testid="plan-progress-result">
        <Messages job={job} />
        <Problems job={job} />
      </section>
    </>
  );
}
