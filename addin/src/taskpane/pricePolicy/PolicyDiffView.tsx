// The difference between the sheet and the published policy: settings, then models, caps and rules
// added / changed / removed. Added and changed items jump to their row on the sheet.
import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PolicyDiff, PricePolicy } from '../../../../functions/src/contract/pricing';
import type { Locale } from '../../i18n/locale';
import type { PolicySheetLayout } from '../../pricePolicy';
import { changeText, draftCell, sectionCount, type DiffSection } from '../../pricePolicy/policyView';
import { policyText, type PolicyStringKey } from '../../pricePolicy/strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  section: { display: 'flex', flexDirection: 'column', gap: '2px' },
  list: { margin: 0, paddingLeft: '16px', display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { overflowWrap: 'anywhere' },
  fields: { color: tokens.colorNeutralForeground3 },
});

/** Items listed per kind of change before "… N in all". */
const SHOWN = 12;

const SECTIONS: { key: DiffSection; label: PolicyStringKey }[] = [
  { key: 'products', label: 'diffProducts' },
  { key: 'discountCaps', label: 'diffCaps' },
  { key: 'rules', label: 'diffRules' },
  { key: 'rebateTiers', label: 'diffRebateTiers' },
  { key: 'creditLimits', label: 'diffCreditLimits' },
];

export interface PolicyDiffViewProps {
  locale: Locale;
  diff: PolicyDiff;
  draft: PricePolicy;
  layout: PolicySheetLayout;
  firstPublish: boolean;
  onJump: (address: string) => void;
}

export function PolicyDiffView(props: PolicyDiffViewProps) {
  const { locale, diff, draft, layout, onJump } = props;
  const styles = useStyles();
  const t = (key: PolicyStringKey, params?: Record<string, string | number>) =>
    policyText(locale, key, params);

  const jumpable = (section: DiffSection, key: string) => {
    const cell = draftCell(layout, draft, section, key);
    return cell ? (
      <Link as="button" onClick={() => onJump(cell)} title={t('jump', { cell })} data-cell={cell}>
        {key}
      </Link>
    ) : (
      <span>{key}</span>
    );
  };
  const more = (n: number) =>
    n > SHOWN ? (
      <li>
        <Text size={200}>{t('diffMore', { n })}</Text>
      </li>
    ) : null;

  return (
    <div className={styles.root} data-testid="policy-diff">
      <Text weight="semibold">{props.firstPublish ? t('diffFirst') : t('diffTitle')}</Text>
      <Text data-testid="policy-diff-summary">{diff.summary[locale]}</Text>
      {diff.settings.length > 0 && (
        <div className={styles.section} data-testid="policy-diff-settings">
          <Text weight="semibold">{t('diffSettings')}</Text>
          <ul className={styles.list}>
            {diff.settings.map((c) => (
              <li key={c.field} className={styles.item}>
                {changeText(locale, c)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!props.firstPublish &&
        SECTIONS.filter((s) => sectionCount(diff, s.key) > 0).map((s) => {
          const changes = diff[s.key] ?? { added: [], changed: [], removed: [] };
          return (
            <div key={s.key} className={styles.section} data-testid={`policy-diff-${s.key}`}>
              <Text weight="semibold">{t(s.label)}</Text>
              <ul className={styles.list}>
                {changes.added.slice(0, SHOWN).map((key) => (
                  <li key={`a:${key}`} className={styles.item} data-change="added">
                    {t('diffAdded')} {jumpable(s.key, key)}
                  </li>
                ))}
                {more(changes.added.length)}
                {changes.changed.slice(0, SHOWN).map((c) => (
                  <li key={`c:${c.key}`} className={styles.item} data-change="changed">
                    {t('diffChanged')} {jumpable(s.key, c.key)}
                    {': '}
                    <span className={styles.fields}>
                      {c.fields.map((f) => changeText(locale, f)).join(locale === 'zh-CN' ? '；' : '; ')}
                    </span>
                  </li>
                ))}
                {more(changes.changed.length)}
                {changes.removed.slice(0, SHOWN).map((key) => (
                  <li key={`r:${key}`} className={styles.item} data-change="removed">
                    {t('diffRemoved')} {key}
                  </li>
                ))}
                {more(changes.removed.length)}
              </ul>
            </div>
          );
        })}
    </div>
  );
}
