// Row-level problems in a message bar: sheet, row, column, what was found and what was expected.
// Each one is a button that shows the cell in the workbook; long lists show the first few.
import { useState } from 'react';
import {
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
} from '@fluentui/react-components';
import { useApp } from '../AppContext';
import { describeProblem, type SheetProblem } from '../../sheets';
import type { Bilingual } from '../../i18n/locale';
import { formatCount } from '../../i18n/format';
import { commonText } from './strings';

const useStyles = makeStyles({
  list: {
    margin: '6px 0 0 0',
    padding: '0',
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
  },
  item: { overflowWrap: 'anywhere', textAlign: 'start' },
  more: { marginTop: '6px' },
});

export interface ListedProblem {
  /** Unique within the list. */
  key: string;
  sheet: string;
  /** The cell to show, e.g. `K12`. */
  address: string;
  /** Excel row number (1-based). */
  row: number;
  /** The whole line as the person reads it (sheet, cell, column, found, expected). */
  text: Bilingual | string;
}

/** A cell the sheet reader could not read, as a list line. */
export function listedSheetProblem(p: SheetProblem): ListedProblem {
  return {
    key: `${p.sheet}!${p.cell}`,
    sheet: p.sheet,
    address: p.cell,
    row: p.row,
    text: describeProblem(p),
  };
}

export interface ProblemListProps {
  title: string;
  problems: readonly ListedProblem[];
  intent?: 'error' | 'warning' | 'info';
  /** How many to show before "show more" (default 20). */
  pageSize?: number;
  'data-testid'?: string;
}

export function ProblemList(props: ProblemListProps) {
  const { locale, workbook } = useApp();
  const styles = useStyles();
  const pageSize = props.pageSize ?? 20;
  const [shown, setShown] = useState(pageSize);
  if (!props.problems.length) return null;
  const visible = props.problems.slice(0, shown);
  const rest = props.problems.length - visible.length;
  return (
    <MessageBar
      intent={props.intent ?? 'warning'}
      layout="multiline"
      data-testid={props['data-testid'] ?? 'problem-list'}
    >
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        <ul className={styles.list}>
          {visible.map((p) => (
            <li key={p.key}>
              <Link
                as="button"
                className={styles.item}
                title={commonText(locale, 'problemsJump', { sheet: p.sheet, address: p.address })}
                data-testid="problem-item"
                data-cell={`${p.sheet}!${p.address}`}
                onClick={() => {
                  workbook?.selectCell(p.sheet, p.address).catch(() => undefined);
                }}
              >
                {typeof p.text === 'string' ? p.text : p.text[locale]}
              </Link>
            </li>
          ))}
        </ul>
        {rest > 0 && (
          <Button
            className={styles.more}
            size="small"
            appearance="subtle"
            onClick={() => setShown(shown + pageSize)}
            data-testid="problem-more"
          >
            {commonText(locale, 'problemsShowMore', { n: formatCount(locale, rest) })}
          </Button>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
