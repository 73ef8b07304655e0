// The in-browser workbook drawn as Excel draws it: sheet tabs, column letters and row numbers,
// displayed values under their number formats, fills (conditional ones included), tables, merged
// cells, frozen header rows and the selected cell, which follows the pane's jump-to-cell. Only
// the rows in view are drawn (fixed row height, rows chosen by scroll position), so a 4,000-row
// ledger scrolls as smoothly as a 40-row one; the grid redraws on every change of the workbook.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { Tab, TabList, Text, makeStyles, mergeClasses } from '@fluentui/react-components';
import type { Locale } from '../i18n/locale';
import { cellAddress, columnLetter, parseCell, sheetPrefix } from '../workbook/a1';
import type { MemoryWorkbook } from '../workbook/memoryWorkbook';
import { cellKey, type SheetModel } from '../workbook/memoryModel';
import { cellAlign, displayText, type CellAlign } from './cellText';
import {
  HEADER_HEIGHT,
  ROW_HEADER_WIDTH,
  ROW_HEIGHT,
  mergePlacements,
  revealCell,
  rowWindow,
  sheetLayout,
  tablePart,
  type MergePlacement,
  type SheetLayout,
} from './gridLayout';
import { activateSheet, selectionOn, shownSheetName } from './previewWorkbook';
import { previewText } from './strings';

/** Excel's colours for gridlines, headers, the selection and TableStyleMedium2. */
const colours = {
  gridline: '#E1E1E1',
  header: '#F3F3F3',
  headerText: '#444444',
  headerSelected: '#D2D2D2',
  selection: '#217346',
  tableHeader: '#4472C4',
  tableBand: '#D9E1F2',
  link: '#0563C1',
};

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    height: '100%',
    backgroundColor: '#FFFFFF',
  },
  formulaBar: {
    display: 'flex',
    alignItems: 'center',
    gap: '8px',
    minHeight: '26px',
    padding: '0 8px',
    borderBottom: `1px solid ${colours.gridline}`,
    fontSize: '13px',
  },
  nameBox: {
    minWidth: '72px',
    padding: '2px 6px',
    border: `1px solid ${colours.gridline}`,
    fontFamily: 'Consolas, monospace',
  },
  formula: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  scroller: {
    flex: '1 1 auto',
    minHeight: '120px',
    overflow: 'auto',
    position: 'relative',
    outline: 'none',
    ':focus-visible': { boxShadow: `inset 0 0 0 2px ${colours.selection}` },
  },
  table: {
    backgroundColor: '#FFFFFF',
    borderCollapse: 'separate',
    borderSpacing: 0,
    tableLayout: 'fixed',
    fontSize: '13px',
    fontFamily: "Calibri, 'Segoe UI', 'Microsoft YaHei', 'PingFang SC', sans-serif",
  },
  cell: {
    boxSizing: 'border-box',
    height: `${ROW_HEIGHT}px`,
    lineHeight: `${ROW_HEIGHT - 1}px`,
    padding: '0 4px',
    borderRight: `1px solid ${colours.gridline}`,
    borderBottom: `1px solid ${colours.gridline}`,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    cursor: 'cell',
  },
  /** Text spills into empty cells on its right, as in Excel (cells without a fill are transparent). */
  spill: { overflow: 'visible', textOverflow: 'clip' },
  selected: { boxShadow: `inset 0 0 0 2px ${colours.selection}` },
  /** Column letters and frozen rows stay at the top while the rest scrolls under them. */
  frozen: { position: 'sticky', top: 0, zIndex: 3, backgroundColor: '#FFFFFF' },
  colHeader: {
    boxSizing: 'border-box',
    height: `${HEADER_HEIGHT}px`,
    backgroundColor: colours.header,
    color: colours.headerText,
    fontWeight: 'normal',
    borderRight: '1px solid #D0D0D0',
    borderBottom: '1px solid #C0C0C0',
    textAlign: 'center',
  },
  rowHeader: {
    position: 'sticky',
    left: 0,
    zIndex: 2,
    boxSizing: 'border-box',
    backgroundColor: colours.header,
    color: colours.headerText,
    fontWeight: 'normal',
    borderRight: '1px solid #C0C0C0',
    borderBottom: '1px solid #D0D0D0',
    textAlign: 'center',
    padding: 0,
  },
  corner: { position: 'sticky', left: 0, zIndex: 4 },
  headerSelected: { backgroundColor: colours.headerSelected, color: '#000000' },
  link: { color: colours.link, textDecoration: 'underline', cursor: 'pointer' },
  spacer: { padding: 0, border: 0 },
  tabs: { borderTop: `1px solid ${colours.gridline}`, overflowX: 'auto', flex: '0 0 auto' },
  note: { padding: '2px 8px' },
  empty: { padding: '16px' },
});

export interface GridViewProps {
  workbook: MemoryWorkbook;
  locale: Locale;
  /** The viewport assumed until the grid has been measured (jsdom never lays anything out). */
  initialViewport?: { height: number; width: number };
}

interface ScrollPosition {
  top: number;
  left: number;
}
const ORIGIN: ScrollPosition = { top: 0, left: 0 };

/** Everything a cell needs to draw itself. */
interface CellContext {
  workbook: MemoryWorkbook;
  sheet: SheetModel;
  /** Top-left of the selected cell's merged area (or the cell itself). */
  selected: { row: number; col: number } | null;
  locale: Locale;
  classes: ReturnType<typeof useStyles>;
  onLink: (event: MouseEvent<HTMLAnchorElement>, sheet: string, address: string) => void;
}

/** A style read from an .xlsx that the model keeps as is: the horizontal alignment and font colour. */
function passThrough(sheet: SheetModel, row: number, col: number): { align?: CellAlign; color?: string } {
  const raw = sheet.passThroughStyles.get(cellKey(row, col)) as
    { alignment?: { horizontal?: unknown }; font?: { color?: { argb?: unknown } } } | undefined;
  if (!raw) return {};
  const h = raw.alignment?.horizontal;
  const argb = raw.font?.color?.argb;
  return {
    align:
      h === 'center' || h === 'centerContinuous' ? 'center' : h === 'right' || h === 'left' ? h : undefined,
    color: typeof argb === 'string' && /^[0-9a-f]{8}$/i.test(argb) ? `#${argb.slice(2)}` : undefined,
  };
}

function renderCell(
  ctx: CellContext,
  row: number,
  col: number,
  placement: MergePlacement | undefined,
): ReactNode {
  if (placement === 'covered') return null;
  const r = placement ? placement.row : row;
  const c = placement ? placement.col : col;
  const view = ctx.workbook.cellView(ctx.sheet.name, r, c);
  const part = tablePart(ctx.sheet.tables, r, c);
  const pass = passThrough(ctx.sheet, r, c);
  const fill =
    view.fill ?? (part === 'header' ? colours.tableHeader : part === 'band' ? colours.tableBand : undefined);
  const align = pass.align ?? cellAlign(view.value);
  const style: CSSProperties = {
    textAlign: align,
    ...(fill ? { backgroundColor: fill } : {}),
    ...(part === 'header' && !view.fill ? { color: '#FFFFFF' } : pass.color ? { color: pass.color } : {}),
    ...(view.bold || part === 'header' ? { fontWeight: 'bold' } : {}),
  };
  const spills =
    !placement &&
    align === 'left' &&
    typeof view.value === 'string' &&
    ctx.sheet.value(r, c + 1) === undefined;
  const address = cellAddress(r, c);
  const text = displayText(view.value, view.numberFormat);
  const selected = ctx.selected?.row === r && ctx.selected.col === c;
  const link = view.link;
  return (
    <td
      key={col}
      data-cell={address}
      data-fill={fill}
      data-selected={selected ? 'true' : undefined}
      className={mergeClasses(
        ctx.classes.cell,
        spills && ctx.classes.spill,
        selected && ctx.classes.selected,
      )}
      style={style}
      rowSpan={placement && placement.rowSpan > 1 ? placement.rowSpan : undefined}
      colSpan={placement && placement.colSpan > 1 ? placement.colSpan : undefined}
      title={text.length > 12 ? text : undefined}
    >
      {link ? (
        <a
          href={`#${sheetPrefix(link.sheet)}${link.address}`}
          className={ctx.classes.link}
          title={previewText(ctx.locale, 'linkTitle', { target: `${link.sheet}!${link.address}` })}
          onClick={(e) => ctx.onLink(e, link.sheet, link.address)}
        >
          {text}
        </a>
      ) : (
        text
      )}
    </td>
  );
}

/** The rows `layout.rows[from..to]`, each with its row number. */
function renderRows(ctx: CellContext, layout: SheetLayout, from: number, to: number): ReactNode[] {
  const placements = mergePlacements(ctx.sheet.merges, layout.rows, from, to, layout.colCount);
  const out: ReactNode[] = [];
  for (let i = from; i <= to; i++) {
    const row = layout.rows[i];
    if (row === undefined) continue;
    const cells: ReactNode[] = [];
    for (let col = 0; col < layout.colCount; col++)
      cells.push(renderCell(ctx, row, col, placements.get(cellKey(row, col))));
    const rowSelected = ctx.selected?.row === row;
    out.push(
      <tr key={row} style={{ height: ROW_HEIGHT }}>
        <th
          scope="row"
          data-row={row + 1}
          className={mergeClasses(ctx.classes.rowHeader, rowSelected && ctx.classes.headerSelected)}
        >
          {row + 1}
        </th>
        {cells}
      </tr>,
    );
  }
  return out;
}

function spacer(key: string, rows: number, colCount: number, className: string): ReactNode {
  if (rows <= 0) return null;
  return (
    <tr key={key} aria-hidden="true" style={{ height: rows * ROW_HEIGHT }}>
      <td colSpan={colCount + 1} className={className} />
    </tr>
  );
}

/** Where the selected cell's merged area starts (a selection inside a merge highlights the merge). */
function selectionAnchor(sheet: SheetModel, cell: { row: number; col: number } | null) {
  if (!cell) return null;
  const m = sheet.merges.find(
    (r) =>
      cell.row >= r.row &&
      cell.row < r.row + r.rowCount &&
      cell.col >= r.col &&
      cell.col < r.col + r.colCount,
  );
  return m ? { row: m.row, col: m.col } : cell;
}

export function GridView({ workbook, locale, initialViewport = { height: 600, width: 900 } }: GridViewProps) {
  const classes = useStyles();
  const subscribe = useCallback((onChange: () => void) => workbook.subscribe(() => onChange()), [workbook]);
  const version = useSyncExternalStore(
    subscribe,
    () => workbook.version,
    () => workbook.version,
  );
  // Tab clicks change only which sheet is active, not the document: this redraws for them.
  const [tabClicks, setTabClicks] = useState(0);
  const [scrolls, setScrolls] = useState<Record<string, ScrollPosition>>({});
  const [viewport, setViewport] = useState(initialViewport);
  const scrollerRef = useRef<HTMLDivElement>(null);
  /** The sheet whose scroll position the scroller's DOM currently holds. */
  const domSheet = useRef<string | null>(null);

  const model = workbook.model;
  const shown = shownSheetName(model);
  const sheet = shown ? model.getSheet(shown) : undefined;
  const layout = useMemo(
    () => (sheet ? sheetLayout(sheet) : null),
    // The model changes in place: `version` (and a tab click) says when to look again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sheet, version, tabClicks],
  );
  const position = (shown ? scrolls[shown] : undefined) ?? ORIGIN;
  const selection = shown && sheet ? selectionAnchor(sheet, selectionOn(model, shown)) : null;
  const selectionKey = selection ? `${selection.row}:${selection.col}` : '';

  // Switching sheets: put the scroller where that sheet was left (Excel keeps each sheet's view).
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el || shown === domSheet.current) return;
    domSheet.current = shown;
    el.scrollTop = position.top;
    el.scrollLeft = position.left;
  }, [shown, position.top, position.left]);

  useEffect(() => {
    const el = scrollerRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const next = { height: el.clientHeight, width: el.clientWidth };
      if (next.height > 0)
        setViewport((v) => (v.height === next.height && v.width === next.width ? v : next));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The pane's jump-to-cell (selectCell) and clicks: bring the selected cell into view.
  useEffect(() => {
    const keyOf = () => {
      const s = workbook.model.selection;
      return s ? `${s.sheet}!${s.address}` : '';
    };
    let last = keyOf();
    return workbook.subscribe(() => {
      const key = keyOf();
      const sel = workbook.model.selection;
      if (key === last || !sel) {
        last = key;
        return;
      }
      last = key;
      const target = workbook.model.getSheet(sel.sheet);
      const cell = parseCell(sel.address);
      if (!target || !cell) return;
      const targetLayout = sheetLayout(target);
      const el = scrollerRef.current;
      const size = {
        height: el?.clientHeight || initialViewport.height,
        width: el?.clientWidth || initialViewport.width,
      };
      const onScreen = el && domSheet.current === target.name;
      const current = onScreen ? { top: el.scrollTop, left: el.scrollLeft } : null;
      setScrolls((prev) => {
        const base = current ?? prev[target.name] ?? ORIGIN;
        const next = revealCell(targetLayout, cell, { ...base, ...size });
        const old = prev[target.name];
        return old && old.top === next.top && old.left === next.left
          ? prev
          : { ...prev, [target.name]: next };
      });
      if (onScreen && current) {
        const next = revealCell(targetLayout, cell, { ...current, ...size });
        el.scrollTop = next.top;
        el.scrollLeft = next.left;
      }
    });
  }, [workbook, initialViewport.height, initialViewport.width]);

  const onScroll = (event: { currentTarget: HTMLDivElement }) => {
    const el = event.currentTarget;
    const next = { top: el.scrollTop, left: el.scrollLeft };
    if (!shown || domSheet.current !== shown) return;
    setScrolls((prev) => {
      const old = prev[shown];
      return old && old.top === next.top && old.left === next.left ? prev : { ...prev, [shown]: next };
    });
  };

  const onLink = useCallback(
    (event: MouseEvent<HTMLAnchorElement>, target: string, address: string) => {
      event.preventDefault();
      event.stopPropagation();
      // A link to a sheet that is gone (e.g. deleted by hand) does nothing, as in Excel.
      workbook.selectCell(target, address).catch(() => undefined);
    },
    [workbook],
  );

  const inView = layout
    ? rowWindow({
        scrollTop: position.top,
        viewportHeight: viewport.height,
        rowCount: layout.rows.length,
        frozenCount: layout.frozenCount,
      })
    : { first: 0, last: -1 };

  const rows = useMemo(() => {
    if (!sheet || !layout) return { frozen: null, scrolling: null };
    const [sr, sc] = selectionKey ? selectionKey.split(':').map(Number) : [];
    const ctx: CellContext = {
      workbook,
      sheet,
      selected: sr !== undefined && sc !== undefined ? { row: sr, col: sc } : null,
      locale,
      classes,
      onLink,
    };
    const below = layout.rows.length - 1 - Math.max(inView.last, inView.first - 1);
    return {
      frozen: renderRows(ctx, layout, 0, layout.frozenCount - 1),
      scrolling: [
        spacer('above', inView.first - layout.frozenCount, layout.colCount, classes.spacer),
        ...renderRows(ctx, layout, inView.first, inView.last),
        spacer('below', below, layout.colCount, classes.spacer),
      ],
    };
    // `version` stands for the model's cells, which change in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workbook, sheet, layout, inView.first, inView.last, selectionKey, locale, classes, onLink, version]);

  const selectCellAt = (row: number, col: number) => {
    if (shown) workbook.selectCell(shown, cellAddress(row, col)).catch(() => undefined);
  };

  const onGridClick = (event: MouseEvent<HTMLDivElement>) => {
    const td = (event.target as HTMLElement).closest('td[data-cell]');
    const cell = td ? parseCell(td.getAttribute('data-cell') ?? '') : null;
    if (cell) selectCellAt(cell.row, cell.col);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!layout || !shown) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const from = selectionOn(model, shown) ?? { row: layout.rows[0] ?? 0, col: 0 };
    const index = Math.max(0, layout.rows.indexOf(from.row));
    const row = layout.rows[Math.min(layout.rows.length - 1, Math.max(0, index + move[0]))] ?? from.row;
    const col = Math.min(layout.colCount - 1, Math.max(0, from.col + move[1]));
    selectCellAt(row, col);
  };

  const visibleSheets = model.sheets.filter((s) => s.visibility === 'visible');
  if (!sheet || !layout || !shown)
    return (
      <div className={classes.root} data-testid="preview-workbook">
        <Text className={classes.empty}>{previewText(locale, 'noSheets')}</Text>
      </div>
    );

  const selected = selectionOn(model, shown);
  const selectedView = selected ? workbook.cellView(shown, selected.row, selected.col) : null;
  const charts = sheet.charts;

  return (
    <div className={classes.root} data-testid="preview-workbook">
      <div className={classes.formulaBar}>
        <span
          className={classes.nameBox}
          data-testid="preview-namebox"
          aria-label={previewText(locale, 'nameBox')}
        >
          {selected ? cellAddress(selected.row, selected.col) : ''}
        </span>
        <span className={classes.formula} data-testid="preview-formula">
          {selectedView?.formula
            ? `=${selectedView.formula}`
            : selectedView
              ? displayText(selectedView.value, selectedView.numberFormat)
              : ''}
        </span>
      </div>
      <div
        ref={scrollerRef}
        className={classes.scroller}
        data-testid="preview-grid"
        data-sheet={shown}
        tabIndex={0}
        aria-label={previewText(locale, 'gridLabel', { sheet: shown })}
        onScroll={onScroll}
        onClick={onGridClick}
        onKeyDown={onKeyDown}
      >
        <table className={classes.table} style={{ width: layout.totalWidth }}>
          <colgroup>
            <col style={{ width: ROW_HEADER_WIDTH }} />
            {layout.colWidths.map((w, c) => (
              <col key={c} style={{ width: w }} />
            ))}
          </colgroup>
          <thead className={classes.frozen}>
            <tr style={{ height: HEADER_HEIGHT }}>
              <th className={mergeClasses(classes.colHeader, classes.corner)} aria-hidden="true" />
              {layout.colWidths.map((_, c) => (
                <th
                  key={c}
                  scope="col"
                  data-col={columnLetter(c)}
                  className={mergeClasses(classes.colHeader, selection?.col === c && classes.headerSelected)}
                >
                  {columnLetter(c)}
                </th>
              ))}
            </tr>
            {rows.frozen}
          </thead>
          <tbody>{rows.scrolling}</tbody>
        </table>
      </div>
      {charts.length > 0 && (
        <Text size={200} className={classes.note} data-testid="preview-charts">
          {previewText(locale, 'charts', {
            count: charts.length,
            titles: charts.map((c) => c.title).join(locale === 'zh-CN' ? '、' : ', '),
          })}
        </Text>
      )}
      <TabList
        className={classes.tabs}
        size="small"
        selectedValue={shown}
        aria-label={previewText(locale, 'sheetTabs')}
        onTabSelect={(_, data) => {
          activateSheet(workbook, String(data.value));
          setTabClicks((n) => n + 1);
        }}
      >
        {visibleSheets.map((s) => (
          <Tab key={s.name} value={s.name} data-sheet-tab={s.name}>
            {s.name}
          </Tab>
        ))}
      </TabList>
    </div>
  );
}
