/**
 * A ledger row's identity comes from its business keys, never its sheet row, so re-sorting the sheet
 * or inserting a row above does not turn rows into "new" ones:
 *   orders    合同号 + 型号 + 行号 (行号 1 when absent)
 *   shipments 出库单号 + 行号 (型号 when absent)
 *   receipts  回款单号, else 票号, else 日期 + 客户 + 币种 + 金额 + 方式
 *   openings  客户 + 币种
 *   books     凭证字号 + 行号 (客户 + 借方 + 贷方 when absent), else 日期 + 客户 + 借方 + 贷方
 * Rows sharing a key are all kept: the second is `key#2`, the third `key#3` (sheet order), and the
 * group is reported as a duplicate with every location.
 */
import {
  LEDGER_DATE_FIELD,
  type LedgerDuplicate,
  type LedgerRowByKind,
  type Source,
  type SyncKind,
} from '../../contract/monthEnd';
import { chinaDate } from './chinaTime';

const normalized = new Map<string, string>();
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/** Case-, width- and space-insensitive text for matching (`ＡＢＣ 公司` = `abc公司`). Remembered: names repeat. */
export function normalizeText(text: string | null | undefined): string {
  if (!text) return '';
  // Numbers such as 出库单号 and 发票号 are printable ASCII: nothing for NFKC to do.
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  let out = normalized.get(text);
  if (out === undefined) {
    if (normalized.size > 100_000) normalized.clear();
    out = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
    normalized.set(text, out);
  }
  return out;
}

export function businessKey<K extends SyncKind>(kind: K, row: LedgerRowByKind[K]): string {
  const n = normalizeText;
  switch (kind) {
    case 'orders': {
      const r = row as LedgerRowByKind['orders'];
      return `${n(r.contractNo)}|${n(r.model)}|${r.line ?? 1}`;
    }
    case 'shipments': {
      const r = row as LedgerRowByKind['shipments'];
      return `${n(r.deliveryNo)}|${r.line ?? n(r.model)}`;
    }
    case 'receipts': {
      const r = row as LedgerRowByKind['receipts'];
      if (r.receiptNo) return `no|${n(r.receiptNo)}`;
      if (r.billNo) return `bill|${n(r.billNo)}`;
      return `${chinaDate(r.date) ?? r.date}|${n(r.customer)}|${r.currency}|${r.amount}|${r.method}`;
    }
    case 'openings': {
      const r = row as LedgerRowByKind['openings'];
      return `${n(r.customer)}|${r.currency}`;
    }
    default: {
      const r = row as LedgerRowByKind['books'];
      // A voucher often has several entries: without 行号 they differ by customer and amounts.
      if (r.voucherNo)
        return `v|${n(r.voucherNo)}|${r.line ?? `${n(r.customer)}|${r.debit ?? ''}|${r.credit ?? ''}`}`;
      return `${chinaDate(r.date) ?? r.date}|${n(r.customer)}|${r.debit ?? ''}|${r.credit ?? ''}`;
    }
  }
}

export interface KeyedRow<R> {
  readonly key: string;
  readonly row: R;
}

/** Keys for every row (sheet order decides `#2`, `#3`) and the duplicate groups with their locations. */
export function keyRows<K extends SyncKind>(
  kind: K,
  rows: readonly LedgerRowByKind[K][],
): { keyed: KeyedRow<LedgerRowByKind[K]>[]; duplicates: LedgerDuplicate[] } {
  const ordered = [...rows].sort((a, b) => compareSource(a.source, b.source));
  const seen = new Map<string, Source[]>();
  const keyed = ordered.map((row) => {
    const base = businessKey(kind, row);
    const sources = seen.get(base);
    if (sources) {
      sources.push(row.source);
      return { key: `${base}#${sources.length}`, row };
    }
    seen.set(base, [row.source]);
    return { key: base, row };
  });
  const duplicates = [...seen.entries()]
    .filter(([, sources]) => sources.length > 1)
    .map(([key, sources]) => ({ key, sources }));
  return { keyed, duplicates };
}

export function compareSource(a: Source, b: Source): number {
  if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
  return a.row - b.row;
}

/** The China date that decides a row's month. */
export function rowDate<K extends SyncKind>(kind: K, row: LedgerRowByKind[K]): string | null {
  const field = LEDGER_DATE_FIELD[kind];
  return chinaDate((row as unknown as Record<string, string>)[field] ?? '');
}
