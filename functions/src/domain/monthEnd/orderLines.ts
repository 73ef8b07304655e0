/**
 * Orders vs shipments per contract line (合同号 + 型号 + 行号), cumulative to the month end.
 * A shipment names its contract and model, not the line, so when a contract has the model on several
 * lines the shipments fill them in line order (whole shipment rows, oldest first): each line's
 * shipped amount is then a sum of real rows, exact to the fen. What exceeds the last line is an
 * over-shipment on it.
 */
import type { OrderLineStatus, OrderRow, ShipmentRow } from '../../contract/monthEnd';
import { chinaDate, daysBetween, lastDay, monthOf } from './chinaTime';
import { normalizeText, type KeyedRow } from './ledgerKeys';
import { fenText, toFen, type Fen } from './money';

export interface OrderLinesResult {
  readonly lines: OrderLineStatus[];
  readonly unmatchedShipments: {
    deliveryNo: string;
    contractNo: string | null;
    model: string;
    qty: number;
    source: ShipmentRow['source'];
  }[];
}

interface Line {
  readonly key: string;
  readonly row: OrderRow;
  readonly date: string;
  shippedQty: number;
  shippedFen: Fen;
  touchedThisMonth: boolean;
}

const lineKey = (contractNo: string | null | undefined, model: string): string =>
  `${normalizeText(contractNo)}|${normalizeText(model)}`;

/** Quantities are counts (台/件) or decimals of them; summed in thousandths to stay exact. */
const qtyUnits = (qty: number): number => Math.round(qty * 1000);

export function orderLines(
  month: string,
  orders: readonly KeyedRow<OrderRow>[],
  shipments: readonly KeyedRow<ShipmentRow>[],
): OrderLinesResult {
  const end = lastDay(month);
  const byContractModel = new Map<string, Line[]>();
  for (const { key, row } of orders) {
    const date = chinaDate(row.date);
    if (!date || date > end) continue;
    const line: Line = {
      key,
      row,
      date,
      shippedQty: 0,
      shippedFen: 0n,
      touchedThisMonth: monthOf(date) === month,
    };
    const k = lineKey(row.contractNo, row.model);
    const list = byContractModel.get(k);
    if (list) list.push(line);
    else byContractModel.set(k, [line]);
  }
  for (const list of byContractModel.values()) {
    list.sort(
      (a, b) => (a.row.line ?? 1) - (b.row.line ?? 1) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
  }

  const shipped = shipments
    .map(({ key, row }) => ({ key, row, date: chinaDate(row.shipDate) }))
    .filter((s): s is { key: string; row: ShipmentRow; date: string } => s.date !== null && s.date <= end)
    .sort((a, b) =>
      a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
    );

  const unmatchedShipments: OrderLinesResult['unmatchedShipments'] = [];
  const units = new Map<Line, number>();
  for (const s of shipped) {
    const list = byContractModel.get(lineKey(s.row.contractNo, s.row.model));
    if (!list) {
      if (monthOf(s.date) === month) {
        unmatchedShipments.push({
          deliveryNo: s.row.deliveryNo,
          contractNo: s.row.contractNo ?? null,
          model: s.row.model,
          qty: s.row.qty,
          source: s.row.source,
        });
      }
      continue;
    }
    const target = list.find((l) => (units.get(l) ?? 0) < qtyUnits(l.row.qty)) ?? list[list.length - 1]!;
    units.set(target, (units.get(target) ?? 0) + qtyUnits(s.row.qty));
    target.shippedFen += toFen(s.row.amount);
    if (monthOf(s.date) === month) target.touchedThisMonth = true;
  }

  const lines: OrderLineStatus[] = [];
  for (const list of byContractModel.values()) {
    for (const line of list) {
      const ordered = qtyUnits(line.row.qty);
      const shippedUnits = units.get(line) ?? 0;
      const open = ordered - shippedUnits;
      const overShipped = shippedUnits > ordered && ordered >= 0;
      const delivery = line.row.deliveryDate ? chinaDate(line.row.deliveryDate) : null;
      const late = delivery !== null && delivery <= end && open > 0;
      if (open === 0 && !overShipped && !line.touchedThisMonth) continue;
      lines.push({
        contractNo: line.row.contractNo,
        model: line.row.model,
        line: line.row.line ?? 1,
        customer: line.row.customer,
        rep: line.row.rep ?? null,
        region: line.row.region ?? null,
        currency: line.row.currency,
        orderDate: line.date,
        deliveryDate: delivery,
        orderedQty: ordered / 1000,
        shippedQty: shippedUnits / 1000,
        openQty: open / 1000,
        orderedAmount: line.row.amount,
        shippedAmount: fenText(line.shippedFen),
        overShipped,
        late,
        daysLate: late ? daysBetween(delivery, end) : null,
        source: line.row.source,
      });
    }
  }
  lines.sort((a, b) =>
    a.contractNo !== b.contractNo
      ? a.contractNo < b.contractNo
        ? -1
        : 1
      : a.model !== b.model
        ? a.model < b.model
          ? -1
          : 1
        : a.line - b.line,
  );
  return { lines, unmatchedShipments };
}
