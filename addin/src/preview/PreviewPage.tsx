// The browser preview: an in-browser workbook on the left (or on top, on a narrow screen) and the
// very same task pane on the right, in a 320–360 px column like Excel's. The pane gets the
// workbook through the same adapter interface as in Excel, so whatever it writes shows in the
// grid and goes into the downloaded .xlsx. Office.js is not loaded here.
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { App } from '../taskpane/App';
import {
  PREVIEW_REGION_KEY,
  PREVIEW_REGIONS,
  PREVIEW_ROLE_KEY,
  previewRegion,
  previewRole,
  type Role,
} from '../auth';
import { loadUserSettings } from '../taskpane/settings/userSettings';
import { resolveLocale, toLocale, type Locale } from '../i18n/locale';
import { MemoryWorkbook } from '../workbook/memoryWorkbook';
import { GridView } from './GridView';
import {
  SAMPLE_FILE,
  blankWorkbook,
  downloadName,
  looksLikeXlsx,
  sampleUrl,
  saveFile,
  type PreviewHandle,
} from './previewWorkbook';
import { previewText, type PreviewStringKey } from './strings';

const NARROW = '@media (max-width: 760px)';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'row',
    height: '100vh',
    overflow: 'hidden',
    [NARROW]: { flexDirection: 'column', height: 'auto', overflow: 'visible' },
  },
  book: {
    flex: '1 1 auto',
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    [NARROW]: { height: '65vh' },
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '8px',
    padding: '8px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  title: { marginRight: '8px' },
  status: { marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: '6px', minWidth: 0 },
  grid: { flex: '1 1 auto', minHeight: 0 },
  pane: {
    flex: '0 0 auto',
    width: 'clamp(320px, 28vw, 360px)',
    height: '100vh',
    overflowY: 'auto',
    borderLeft: `1px solid ${tokens.colorNeutralStroke1}`,
    [NARROW]: {
      width: '100%',
      height: 'auto',
      overflowY: 'visible',
      borderLeft: 'none',
      borderTop: `1px solid ${tokens.colorNeutralStroke1}`,
    },
  },
  hidden: { display: 'none' },
});

export interface PreviewPageProps {
  /** `?lang=` from the URL, as the pane reads it. */
  queryLanguage: string | null;
  /** `?sample=1`: open the sample workbook straight away (browser tests use this). */
  openSample?: boolean;
  storage?: Storage;
  fetchImpl?: typeof fetch;
  /** Told about each workbook opened (index.tsx hands it to browser tests). */
  onOpen?: (handle: PreviewHandle) => void;
}

interface OpenDocument {
  workbook: MemoryWorkbook;
  fileName: string;
  /** A new id remounts the pane: a new workbook gets a fresh pane, as in Excel. */
  id: number;
}

type Status =
  | { kind: 'ready'; name: string }
  | { kind: 'loading'; name: string }
  | { kind: 'error'; key: PreviewStringKey; params: Record<string, string | number> };

/** A failure the page explains in the user's words (key into the preview's strings). */
class PreviewProblem extends Error {
  constructor(
    readonly key: PreviewStringKey,
    readonly params: Record<string, string | number>,
  ) {
    super(key);
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function PreviewPage(props: PreviewPageProps) {
  const styles = useStyles();
  const { storage, onOpen } = props;
  const fetchImpl = props.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const [lang, setLang] = useState(props.queryLanguage);
  // The role the preview signs in as (tokens from the dev host's local issuer; see preview/index.tsx).
  const [role, setRole] = useState<Role>(() => previewRole(storage));
  const changeRole = useCallback(
    (next: Role) => {
      storage?.setItem(PREVIEW_ROLE_KEY, next);
      setRole(next);
    },
    [storage],
  );
  // A manager's 片区 (the token's region claim): the API shows them only that region's data.
  const [region, setRegion] = useState<string>(() => previewRegion(storage));
  const changeRegion = useCallback(
    (next: string) => {
      storage?.setItem(PREVIEW_REGION_KEY, next);
      setRegion(next);
    },
    [storage],
  );
  const saved = loadUserSettings(storage).language;
  // The pane's rule: ?lang= first, then the language saved in its Settings tab, then zh-CN.
  const locale: Locale = resolveLocale({ query: lang, saved: saved === 'auto' ? null : saved });
  const [doc, setDoc] = useState<OpenDocument>(() => ({
    workbook: blankWorkbook(),
    fileName: previewText(locale, 'blankBook'),
    id: 0,
  }));
  const [status, setStatus] = useState<Status>(() =>
    props.openSample ? { kind: 'loading', name: SAMPLE_FILE } : { kind: 'ready', name: '' },
  );
  const fileInput = useRef<HTMLInputElement>(null);
  /** Only the last file asked for is shown, however the reads finish. */
  const lastRequest = useRef(0);

  const open = useCallback(async (name: string, read: () => Promise<ArrayBuffer>) => {
    const request = ++lastRequest.current;
    try {
      const data = await read();
      let workbook: MemoryWorkbook;
      try {
        workbook = await MemoryWorkbook.fromXlsx(data);
      } catch (error) {
        throw new PreviewProblem('unreadable', { name, reason: reasonOf(error) });
      }
      if (request !== lastRequest.current) return;
      setDoc((d) => ({ workbook, fileName: name, id: d.id + 1 }));
      setStatus({ kind: 'ready', name });
    } catch (error) {
      if (request !== lastRequest.current) return;
      setStatus(
        error instanceof PreviewProblem
          ? { kind: 'error', key: error.key, params: error.params }
          : { kind: 'error', key: 'unreadable', params: { name, reason: reasonOf(error) } },
      );
    }
  }, []);

  const readSample = useCallback(async () => {
    const response = await fetchImpl(sampleUrl);
    if (!response.ok) throw new PreviewProblem('sampleMissing', { url: sampleUrl, status: response.status });
    return response.arrayBuffer();
  }, [fetchImpl]);

  const loadSample = () => {
    setStatus({ kind: 'loading', name: SAMPLE_FILE });
    void open(SAMPLE_FILE, readSample);
  };

  // ?sample=1 opens the sample on arrival (the status already says it is loading).
  const openSampleOnArrival = useRef(props.openSample);
  useEffect(() => {
    if (!openSampleOnArrival.current) return;
    openSampleOnArrival.current = false;
    void open(SAMPLE_FILE, readSample);
  }, [open, readSample]);

  useEffect(() => {
    onOpen?.({ workbook: doc.workbook, fileName: doc.fileName });
  }, [doc, onOpen]);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file can be opened again (e.g. after a change on disk)
    if (!file) return;
    if (!looksLikeXlsx(file.name)) {
      setStatus({ kind: 'error', key: 'notXlsx', params: { name: file.name } });
      return;
    }
    setStatus({ kind: 'loading', name: file.name });
    void open(file.name, () => file.arrayBuffer());
  };

  const download = async () => {
    try {
      saveFile(await doc.workbook.toXlsx(), downloadName(doc.fileName));
    } catch (error) {
      setStatus({ kind: 'error', key: 'downloadFailed', params: { reason: reasonOf(error) } });
    }
  };

  const switchLanguage = () => {
    const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
    setLang(next);
    const url = new URL(window.location.href);
    url.searchParams.set('lang', next);
    window.history.replaceState(null, '', url);
  };

  const loading = status.kind === 'loading';
  return (
    <FluentProvider theme={webLightTheme} lang={locale}>
      <div className={styles.page}>
        <section className={styles.book} aria-label={previewText(locale, 'workbookLabel')}>
          <div className={styles.toolbar} role="toolbar" aria-label={previewText(locale, 'pageTitle')}>
            <Text weight="semibold" className={styles.title} title={previewText(locale, 'pageNote')}>
              {previewText(locale, 'pageTitle')}
            </Text>
            <Button
              appearance="primary"
              onClick={loadSample}
              disabled={loading}
              data-testid="preview-load-sample"
            >
              {previewText(locale, 'loadSample')}
            </Button>
            <Button onClick={() => fileInput.current?.click()} disabled={loading} data-testid="preview-open">
              {previewText(locale, 'openFile')}
            </Button>
            <input
              ref={fileInput}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className={styles.hidden}
              onChange={onFile}
              data-testid="preview-file-input"
              aria-hidden="true"
              tabIndex={-1}
            />
            <Button onClick={() => void download()} disabled={loading} data-testid="preview-download">
              {previewText(locale, 'download')}
            </Button>
            <Button
              appearance="subtle"
              onClick={switchLanguage}
              aria-label={previewText(locale, 'switchLanguageLabel')}
              data-testid="preview-language"
            >
              {previewText(locale, 'switchLanguage')}
            </Button>
            <div
              className={styles.status}
              aria-live="polite"
              data-testid="preview-status"
              data-state={status.kind}
            >
              {loading && <Spinner size="tiny" />}
              {status.kind !== 'error' && (
                <Text size={200} truncate wrap={false}>
                  {loading
                    ? previewText(locale, 'loading', { name: status.name })
                    : status.name
                      ? previewText(locale, 'loaded', { name: status.name })
                      : ''}
                </Text>
              )}
            </div>
          </div>
          {status.kind === 'error' && (
            <MessageBar intent="error" data-testid="preview-error">
              <MessageBarBody>{previewText(locale, status.key, status.params)}</MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.grid}>
            <GridView key={doc.id} workbook={doc.workbook} locale={locale} />
          </div>
        </section>
        <aside
          className={styles.pane}
          aria-label={previewText(locale, 'paneLabel')}
          data-testid="preview-pane"
        >
          <App
            previewRole={{
              role,
              onChange: changeRole,
              region,
              regions: PREVIEW_REGIONS,
              onRegionChange: changeRegion,
            }}
            key={doc.id}
            workbook={doc.workbook}
            officeDisplayLanguage={null}
            queryLanguage={toLocale(lang)}
            storage={storage}
            fetchImpl={props.fetchImpl}
          />
        </aside>
      </div>
    </FluentProvider>
  );
}
