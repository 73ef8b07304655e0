// 价格政策: the sales head's tab. Pick the policy sheet → read & check it (problems at their cells) →
// fetch the published version → see the difference → publish (If-Match the version compared with).
// A publish by someone else in between is caught (412) and explained, with a Reload button.
import { NotAllowedNote } from '../signIn/SignInBar';
import { useCallback, useEffect, useState } from 'react';
import {
  Button,
  Divider,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { diffPolicies } from '../../../../functions/src/domain/pricing/diffPolicies';
import { ApiError } from '../../api/client';
import type { Bilingual } from '../../i18n/locale';
import { formatCount } from '../../i18n/format';
import {
  choosePolicySheet,
  readPolicySheet,
  type PolicySheetProblem,
  type PolicySheetRead,
} from '../../pricePolicy';
import type { SheetInfo, WorkbookAdapter } from '../../workbook/adapter';
import { useApp } from '../AppContext';
import { ProblemList, type ListedProblem } from '../common';
import { PolicyDiffView } from './PolicyDiffView';
import {
  fetchPublished,
  fetchVersion,
  fetchVersions,
  publishPolicy,
  type PolicyVersions,
  type PublishedPolicy,
  type PublishOutcome,
} from '../../pricePolicy/policyApi';
import { chinaTime } from '../../pricePolicy/policyView';
import { chinaToday, revertDate } from '../../pricePolicy/publishChecks';
import { DEFAULT_POLICY_CREDIT_MAX_DAYS, type PricePolicy } from '../../../../functions/src/contract/pricing';
import { useSessionState } from '../session';
import { PublishConfirm } from './PublishConfirm';
import { pricePolicyTemplate } from '../common/sheetTemplates';
import { policyText, type PolicyStringKey } from '../../pricePolicy/strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  row: { display: 'flex', gap: '8px', alignItems: 'flex-end', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '160px' },
  section: { display: 'flex', flexDirection: 'column', gap: '6px' },
  versions: { margin: 0, paddingLeft: '16px', display: 'flex', flexDirection: 'column', gap: '4px' },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  wrap: { overflowWrap: 'anywhere' },
});

/** Rows read from each sheet when looking for the block markers. */
const PROBE_ROWS = 60;

type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

type Answer<T> = { api: unknown; round: number } & ({ value: T } | { error: unknown });

type PublishState = { kind: 'idle' } | { kind: 'publishing' } | PublishOutcome;

/** 发布 asks first: the sheet's draft, or an earlier version to make current again (with a new date). */
type Confirming =
  | null
  | { kind: 'draft' }
  | { kind: 'loading'; from: number }
  | { kind: 'revert'; from: number; policy: PricePolicy; effectiveDate: string }
  | { kind: 'revertFailed'; from: number; reason: string };

export function PricePolicyTab() {
  const { locale, workbook } = useApp();
  if (!workbook) {
    return (
      <MessageBar layout="multiline" intent="info" data-testid="policy-no-workbook">
        <MessageBarBody>{policyText(locale, 'noWorkbook')}</MessageBarBody>
      </MessageBar>
    );
  }
  return <PolicyPane workbook={workbook} />;
}

function PolicyPane({ workbook }: { workbook: WorkbookAdapter }) {
  const { locale, api, can } = useApp();
  const styles = useStyles();
  const t = useCallback(
    (key: PolicyStringKey, params?: Record<string, string | number>) => policyText(locale, key, params),
    [locale],
  );

  const apiMessage = useCallback(
    (error: unknown): string => {
      if (error instanceof ApiError) {
        if (error.kind === 'unreachable') return t('unreachable', { url: api.baseUrl });
        const m = error.body?.error?.message;
        if (m && typeof m === 'object') return (m as Bilingual)[locale];
        return typeof m === 'string' ? m : `HTTP ${error.status}`;
      }
      return error instanceof Error ? error.message : String(error);
    },
    [api.baseUrl, locale, t],
  );

  // ── The sheet ────────────────────────────────────────────────────────────────────────────────
  const [sheets, setSheets] = useState<SheetInfo[] | null>(null);
  // The chosen sheet outlives the tab (switching tabs keeps it); the rest is read again on return.
  const [sheet, setSheet] = useSessionState<string | null>('pricePolicy.sheet', null);
  const [sheetRound, setSheetRound] = useState(0);
  // Each read answers one (sheet, request); while the answer to the latest is pending, we are reading.
  const [readRequest, setReadRequest] = useState(0);
  const [readAnswer, setReadAnswer] = useState<{
    sheet: string;
    request: number;
    result: PolicySheetRead | null;
    error: string | null;
  } | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const all = await workbook.listSheets();
      const visible = all.filter((s) => s.visible);
      const chosen = await choosePolicySheet(visible, (name) =>
        workbook.readSheet(name, { maxRows: PROBE_ROWS }).catch(() => null),
      );
      if (!live) return;
      setSheets(visible);
      setSheet((current) => (current && visible.some((s) => s.name === current) ? current : chosen));
    })().catch(() => live && setSheets([]));
    return () => {
      live = false;
    };
  }, [workbook, sheetRound, setSheet]);

  useEffect(() => {
    if (!sheet) return;
    let live = true;
    workbook.readSheet(sheet, { numberFormats: true }).then(
      (grid) =>
        live && setReadAnswer({ sheet, request: readRequest, result: readPolicySheet(grid), error: null }),
      (error: unknown) =>
        live &&
        setReadAnswer({
          sheet,
          request: readRequest,
          result: null,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      live = false;
    };
  }, [workbook, sheet, readRequest]);

  const answerForSheet = readAnswer && readAnswer.sheet === sheet ? readAnswer : null;
  const read = answerForSheet?.result ?? null;
  const reading = sheet !== null && answerForSheet?.request !== readRequest;
  const readError =
    answerForSheet?.error && sheet ? t('readFailed', { sheet, reason: answerForSheet.error }) : null;

  // ── The published version and the version list ─────────────────────────────────────────────
  // Answers carry the client and round they answer, so a newer round shows as loading until it lands.
  const [apiRound, setApiRound] = useState(0);
  const [publishedAnswer, setPublishedAnswer] = useState<Answer<PublishedPolicy | null> | null>(null);
  const [versionsAnswer, setVersionsAnswer] = useState<Answer<PolicyVersions> | null>(null);
  const [publish, setPublish] = useState<PublishState>({ kind: 'idle' });
  const [confirming, setConfirming] = useState<Confirming>(null);

  useEffect(() => {
    const controller = new AbortController();
    const answer =
      <T,>(set: (a: Answer<T>) => void) =>
      (outcome: { value: T } | { error: unknown }) =>
        !controller.signal.aborted && set({ api, round: apiRound, ...outcome });
    fetchPublished(api, controller.signal).then(
      (value) => answer(setPublishedAnswer)({ value }),
      (error: unknown) => answer(setPublishedAnswer)({ error }),
    );
    fetchVersions(api, controller.signal).then(
      (value) => answer(setVersionsAnswer)({ value }),
      (error: unknown) => answer(setVersionsAnswer)({ error }),
    );
    return () => controller.abort();
  }, [api, apiRound]);

  const loadable = <T,>(a: Answer<T> | null): Loadable<T> =>
    !a || a.api !== api || a.round !== apiRound
      ? { state: 'loading' }
      : 'value' in a
        ? { state: 'ready', value: a.value }
        : { state: 'error', message: apiMessage(a.error) };
  const published = loadable(publishedAnswer);
  const versions = loadable(versionsAnswer);

  const reload = () => {
    setPublish({ kind: 'idle' });
    setApiRound((r) => r + 1);
    setReadRequest((r) => r + 1);
  };

  // ── Difference and publish ──────────────────────────────────────────────────────────────────
  const current = published.state === 'ready' ? published.value : null;
  // Cheap next to a render (hundreds of models), so not memoised.
  const diff =
    read && published.state === 'ready' ? diffPolicies(current?.policy ?? null, read.policy) : null;

  const blockedBy: PolicyStringKey | null =
    !read || reading
      ? 'publishHintRead'
      : !read.canPublish
        ? 'publishHintProblems'
        : published.state !== 'ready'
          ? 'publishHintPublished'
          : diff?.isEmpty
            ? 'publishHintSame'
            : null;

  const startRevert = async (from: number) => {
    setConfirming({ kind: 'loading', from });
    try {
      const v = await fetchVersion(api, from);
      setConfirming({
        kind: 'revert',
        from,
        policy: v.policy,
        effectiveDate: revertDate(chinaToday(), current),
      });
    } catch (error) {
      setConfirming({ kind: 'revertFailed', from, reason: apiMessage(error) });
    }
  };

  const doPublish = async (policy: PricePolicy | null = read?.policy ?? null) => {
    if (!policy) return;
    setConfirming(null);
    setPublish({ kind: 'publishing' });
    try {
      const outcome = await publishPolicy(api, policy, current?.etag ?? null);
      setPublish(outcome);
      if (outcome.kind === 'published') setApiRound((r) => r + 1);
    } catch (error) {
      setPublish({
        kind: 'failed',
        error: error instanceof ApiError ? error : new ApiError('http', 0, String(error)),
      });
    }
  };

  // A blank workbook: a new 价格政策 sheet with the blocks and headers, never over an existing sheet.
  const insertTemplate = async () => {
    const template = pricePolicyTemplate();
    const name = await workbook.addSheet(template.name, template.rows, template.boldRows);
    setSheet(name);
    setSheetRound((r) => r + 1);
  };

  const jump = (address: string) => {
    if (sheet) workbook.selectCell(sheet, address).catch(() => undefined);
  };

  // ── Problems ────────────────────────────────────────────────────────────────────────────────
  const listed = (list: PolicySheetProblem[]): ListedProblem[] =>
    list.map((p, i) => ({
      key: `${i}:${p.code}:${p.cell ?? ''}`,
      sheet: p.sheet,
      address: p.cell ?? 'A1',
      row: p.row ?? 1,
      text: p.message,
    }));
  const located = read?.problems.filter((p) => p.cell !== null) ?? [];
  const errors = located.filter((p) => p.severity === 'error');
  const warnings = located.filter((p) => p.severity === 'warning');
  const sheetWide = read?.problems.filter((p) => p.cell === null) ?? [];
  const errorCount = read?.problems.filter((p) => p.severity === 'error').length ?? 0;
  const warningCount = (read?.problems.length ?? 0) - errorCount;

  return (
    <div className={styles.root} data-testid="price-policy-tab">
      <Text size={200} className={styles.muted}>
        {t('intro')}
      </Text>

      {/* The sheet */}
      <div className={styles.row}>
        <Field
          className={styles.grow}
          label={t('sheet')}
          hint={sheets === null ? t('sheetLoading') : undefined}
          validationState={sheets !== null && !sheet ? 'warning' : 'none'}
          validationMessage={sheets !== null && !sheet ? t('sheetNone') : undefined}
        >
          <Select
            value={sheet ?? ''}
            disabled={!sheets?.length}
            onChange={(_, d) => setSheet(d.value || null)}
            data-testid="policy-sheet"
          >
            {!sheet && <option value="">—</option>}
            {(sheets ?? []).map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => setSheetRound((r) => r + 1)} data-testid="policy-sheet-refresh">
          {policyText(locale, 'reload')}
        </Button>
        <Button
          appearance="primary"
          disabled={!sheet || reading}
          onClick={() => setReadRequest((r) => r + 1)}
          data-testid="policy-read"
        >
          {reading ? t('reading') : t('readCheck')}
        </Button>
      </div>

      {sheets !== null && !sheet && (
        <MessageBar layout="multiline" intent="info" data-testid="sheet-empty-pricePolicy">
          <MessageBarBody>{t('sheetNone')}</MessageBarBody>
          <MessageBarActions>
            <Button
              size="small"
              onClick={() => void insertTemplate()}
              data-testid="insert-template-pricePolicy"
            >
              {pricePolicyTemplate().label[locale]}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {readError && (
        <MessageBar layout="multiline" intent="error" data-testid="policy-read-error">
          <MessageBarBody className={styles.wrap}>{readError}</MessageBarBody>
        </MessageBar>
      )}

      {read && (
        <div className={styles.section}>
          <Text data-testid="policy-read-summary" className={styles.wrap}>
            {t('readSummary', {
              products: formatCount(locale, read.policy.products.length),
              caps: formatCount(locale, Object.keys(read.policy.discountCaps).length),
              rules: formatCount(locale, read.policy.rules.length),
              vat: read.policy.vatRate,
              date: read.policy.effectiveDate || '—',
            })}
          </Text>
          {(read.policy.rebateTiers || read.policy.credit) && (
            <Text data-testid="policy-read-blocks" className={styles.wrap}>
              {t('readBlocksSummary', {
                tiers: formatCount(locale, read.policy.rebateTiers?.length ?? 0),
                limits: formatCount(locale, read.policy.credit?.limits.length ?? 0),
                days: read.policy.credit?.maxDays ?? DEFAULT_POLICY_CREDIT_MAX_DAYS,
              })}
            </Text>
          )}
          <Text data-testid="policy-problem-count" weight="semibold">
            {read.problems.length === 0
              ? t('problemsNone')
              : t('problemsCount', { errors: errorCount, warnings: warningCount })}
          </Text>
          {sheetWide.length > 0 && (
            <MessageBar
              intent={sheetWide.some((p) => p.severity === 'error') ? 'error' : 'warning'}
              layout="multiline"
              data-testid="policy-sheet-problems"
            >
              <MessageBarBody>
                {sheetWide.map((p, i) => (
                  <div key={i} className={styles.wrap}>
                    {p.message[locale]}
                  </div>
                ))}
              </MessageBarBody>
            </MessageBar>
          )}
          <ProblemList
            title={t('errorsTitle', { n: formatCount(locale, errors.length) })}
            problems={listed(errors)}
            intent="error"
            data-testid="policy-errors"
          />
          <ProblemList
            title={t('warningsTitle', { n: formatCount(locale, warnings.length) })}
            problems={listed(warnings)}
            intent="warning"
            data-testid="policy-warnings"
          />
        </div>
      )}

      <Divider />

      {/* The published version */}
      <div className={styles.section} data-testid="policy-published">
        <Text weight="semibold">{t('publishedTitle')}</Text>
        {published.state === 'loading' && <Spinner size="tiny" label={t('publishedLoading')} />}
        {published.state === 'error' && (
          <MessageBar layout="multiline" intent="error" data-testid="policy-published-error">
            <MessageBarBody className={styles.wrap}>
              {t('publishedFailed', { reason: published.message })}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={reload}>
                {t('reload')}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {published.state === 'ready' && (
          <Text data-testid="policy-published-info" className={styles.wrap}>
            {published.value
              ? t('publishedInfo', {
                  version: published.value.version,
                  date: published.value.effectiveDate,
                  who: published.value.publishedBy,
                  at: chinaTime(published.value.publishedAt),
                })
              : t('publishedNone')}
          </Text>
        )}
      </div>

      {read && diff && (
        <PolicyDiffView
          locale={locale}
          diff={diff}
          draft={read.policy}
          layout={read.layout}
          firstPublish={!current}
          onJump={jump}
        />
      )}

      {/* Publish */}
      <div className={styles.section}>
        <div className={styles.row}>
          {/* Managers see the policy, never a 发布 button: only the head publishes (the API says so too). */}
          {can('publishPolicy') ? (
            <Button
              appearance="primary"
              disabled={blockedBy !== null || publish.kind === 'publishing' || confirming?.kind === 'draft'}
              onClick={() => {
                setPublish({ kind: 'idle' });
                setConfirming({ kind: 'draft' });
              }}
              data-testid="policy-publish"
            >
              {publish.kind === 'publishing' ? t('publishing') : t('publish')}
            </Button>
          ) : (
            <NotAllowedNote action="publishPolicy" testId="policy-publish-not-allowed" />
          )}
          {blockedBy && can('publishPolicy') && (
            <Text size={200} className={styles.muted} data-testid="policy-publish-hint">
              {t(blockedBy)}
            </Text>
          )}
        </div>
        {confirming?.kind === 'draft' && read && diff && !blockedBy && (
          <PublishConfirm
            locale={locale}
            version={(current?.version ?? 0) + 1}
            summary={diff.summary[locale]}
            effectiveDate={read.policy.effectiveDate}
            today={chinaToday()}
            current={current}
            onConfirm={() => void doPublish()}
            onCancel={() => setConfirming(null)}
          />
        )}
        {confirming?.kind === 'revert' && current && (
          <PublishConfirm
            locale={locale}
            version={current.version + 1}
            summary={
              diffPolicies(current.policy, { ...confirming.policy, effectiveDate: confirming.effectiveDate })
                .summary[locale]
            }
            effectiveDate={confirming.effectiveDate}
            revert={{
              from: confirming.from,
              current: current.version,
              onDate: (date) => setConfirming({ ...confirming, effectiveDate: date }),
            }}
            today={chinaToday()}
            current={current}
            onConfirm={() =>
              void doPublish({ ...confirming.policy, effectiveDate: confirming.effectiveDate })
            }
            onCancel={() => setConfirming(null)}
          />
        )}
        {confirming?.kind === 'loading' && (
          <Spinner size="tiny" label={t('revertLoading', { version: confirming.from })} />
        )}
        {confirming?.kind === 'revertFailed' && (
          <MessageBar layout="multiline" intent="error" data-testid="policy-revert-failed">
            <MessageBarBody>
              {t('revertFailed', { version: confirming.from, reason: confirming.reason })}
            </MessageBarBody>
          </MessageBar>
        )}
        <PublishMessage publish={publish} t={t} apiMessage={apiMessage} onReload={reload} />
      </div>

      <Divider />

      {/* Versions */}
      <div className={styles.section} data-testid="policy-versions">
        <Text weight="semibold">{t('versionsTitle')}</Text>
        {versions.state === 'loading' && <Spinner size="tiny" />}
        {versions.state === 'error' && (
          <Text className={styles.muted}>{t('versionsFailed', { reason: versions.message })}</Text>
        )}
        {versions.state === 'ready' &&
          (versions.value.versions.length === 0 ? (
            <Text className={styles.muted}>{t('versionsNone')}</Text>
          ) : (
            <ul className={styles.versions}>
              {versions.value.versions.slice(0, 20).map((v) => (
                <li key={v.version} data-testid="policy-version">
                  <Text className={styles.wrap}>
                    {t('versionLine', {
                      version: v.version,
                      date: v.effectiveDate,
                      who: v.publishedBy,
                      at: chinaTime(v.publishedAt),
                    })}
                    {v.version === versions.value.current ? ` · ${t('versionCurrent')}` : ''}
                  </Text>
                  {v.summary && (
                    <Text as="p" size={200} className={styles.muted}>
                      {v.summary[locale]}
                    </Text>
                  )}
                  {v.version !== versions.value.current && current && (
                    <Button
                      size="small"
                      appearance="subtle"
                      disabled={publish.kind === 'publishing' || confirming?.kind === 'loading'}
                      onClick={() => void startRevert(v.version)}
                      data-testid={`policy-revert-${v.version}`}
                    >
                      {t('revert')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          ))}
      </div>
    </div>
  );
}

function PublishMessage(props: {
  publish: PublishState;
  t: (key: PolicyStringKey, params?: Record<string, string | number>) => string;
  apiMessage: (error: unknown) => string;
  onReload: () => void;
}) {
  const { publish, t } = props;
  switch (publish.kind) {
    case 'idle':
    case 'publishing':
      return null;
    case 'published':
      return (
        <MessageBar layout="multiline" intent="success" data-testid="policy-publish-result">
          <MessageBarBody>
            {t('publishDone', { version: publish.version, date: publish.effectiveDate })}
          </MessageBarBody>
        </MessageBar>
      );
    case 'conflict':
      return (
        <MessageBar intent="warning" layout="multiline" data-testid="policy-conflict">
          <MessageBarBody>
            <MessageBarTitle>
              {t('publishConflict', {
                who: publish.current?.publishedBy || '?',
                version: publish.current?.version ?? '?',
                at: publish.current ? chinaTime(publish.current.publishedAt) : '?',
              })}
            </MessageBarTitle>
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" onClick={props.onReload} data-testid="policy-reload">
              {t('reload')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      );
    case 'forbidden':
      return (
        <MessageBar layout="multiline" intent="error" data-testid="policy-forbidden">
          <MessageBarBody>{t('publishForbidden')}</MessageBarBody>
        </MessageBar>
      );
    case 'failed':
      return (
        <MessageBar layout="multiline" intent="error" data-testid="policy-publish-failed">
          <MessageBarBody>{t('publishRejected', { reason: props.apiMessage(publish.error) })}</MessageBarBody>
        </MessageBar>
      );
  }
}
