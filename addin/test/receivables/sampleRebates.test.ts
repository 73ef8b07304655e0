// One answer everywhere, against the sample generator's own ground truth: the policy's 【返点政策】 as the
// pane reads it from the sample's 价格政策 sheet, the 销售台账 and 发货台账 as the pane reads them, through
// customerRebates (what the month-end run and the statements call) → samples/expected.json
// receivables.rebates, to the fen (41 customers in the sample, all equal).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrderRow, ShipmentRow } from '../../../functions/src/contract/monthEnd';
import { customerRebates } from '../../../functions/src/domain/rebates';
import { detectLedger, readLedgerSheet } from '../../src/monthEnd/ledgerRows';
import { readPolicySheet } from '../../src/pricePolicy';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';

const root = join(__dirname, '..', '..', '..');

interface Truth {
  asOf: string;
  rebates: {
    customer: string;
    volumeFen: number;
    tier: { thresholdFen: number; rateBp: number } | null;
    accruedFen: number;
  }[];
}
const expected = JSON.parse(readFileSync(join(root, 'samples/expected.json'), 'utf8')) as {
  receivables?: Partial<Truth>;
};
const truth = expected.receivables;

/** `"1234.50"` → 123450 (exact: two decimals always). */
const minor = (text: string): number => Number(text.replace('.', ''));
/** `"0.015"` → 150 basis points, by moving the decimal point. */
const bp = (rate: string): number => {
  const [whole = '0', fraction = ''] = rate.split('.');
  return Number(`${whole}${fraction.padEnd(4, '0')}`);
};

describe('rebates of the sample: pane-read policy and ledgers → customerRebates', () => {
  it('volume, tier and accrual per customer equal expected.json, to the fen; no class unknown', async () => {
    // The sample carries its rebates (a sample without them fails here, not skips the comparison).
    expect(typeof truth?.asOf).toBe('string');
    expect(truth?.rebates?.length).toBeGreaterThan(0);
    const { asOf, rebates } = truth as Truth;
    const wb = await MemoryWorkbook.fromXlsx(readFileSync(join(root, 'samples/SalesDesk-示例台账.xlsx')), {
      pause: () => Promise.resolve(),
    });
    const policy = readPolicySheet(await wb.readSheet('价格政策', { numberFormats: true })).policy;
    const s = await wb.readSheet('发货台账', { numberFormats: true });
    const shipments = readLedgerSheet('shipments', s, detectLedger('shipments', s)).rows as ShipmentRow[];
    const o = await wb.readSheet('销售台账', { numberFormats: true });
    const orders = readLedgerSheet('orders', o, detectLedger('orders', o)).rows as OrderRow[];
    const report = customerRebates({
      month: asOf.slice(0, 7),
      tiers: policy.rebateTiers,
      policyVersion: 1,
      orders,
      shipments,
    });
    const byName = new Map(report.customers.map((c) => [c.customer, c]));
    expect(
      rebates.map((want) => {
        const c = byName.get(want.customer);
        return c
          ? {
              customer: c.customer,
              volumeFen: minor(c.volume),
              tier: c.tier ? { thresholdFen: minor(c.tier.threshold), rateBp: bp(c.tier.rate) } : null,
              accruedFen: minor(c.accrued),
            }
          : { customer: want.customer, missing: true };
      }),
    ).toEqual(rebates);
    expect(report.customers.filter((c) => c.status === 'unknown_class')).toEqual([]);
  }, 120_000);
});
