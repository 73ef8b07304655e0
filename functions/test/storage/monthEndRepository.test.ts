import type { MonthEndReport } from '../../src/contract/monthEnd';
import { MonthEndRepository } from '../../src/storage/monthEndRepository';
import { uniqueTableName, useAzurite } from '../support/azurite';

/** Just the fields the repository reads when it publishes; the rest is opaque to it. */
const report = (month: string, version: number): MonthEndReport =>
  ({
    month,
    version,
    runAt: `${month}-28T00:00:00.000Z`,
    runBy: '李会计',
    trigger: 'manual',
    reconciliation: { differences: [] },
  }) as unknown as MonthEndReport;

describe('MonthEndRepository.reportAtOrBefore', () => {
  useAzurite();

  it("answers the latest version of the last month at or before the given one, ignoring months' state", async () => {
    const repo = await MonthEndRepository.open({ tableName: uniqueTableName('MonthEnd') });
    expect(await repo.reportAtOrBefore('2026-05')).toBeNull();

    for (const month of ['2026-04', '2026-01', '2026-03']) {
      expect(await repo.publish(month, null, report(month, 1), `print-${month}-1`)).not.toBe('conflict');
    }
    const march = await repo.latest('2026-03');
    expect(await repo.publish('2026-03', march!.pointer, report('2026-03', 2), 'print-2026-03-2')).not.toBe(
      'conflict',
    );
    // A month with only a state entity (closed, never run) is not a report.
    await repo.close('2026-02', '李会计', undefined);

    const at = async (month: string) => {
      const found = await repo.reportAtOrBefore(month);
      return found ? `${found.month} v${found.version}` : null;
    };
    expect(await at('2025-12')).toBeNull();
    expect(await at('2026-01')).toBe('2026-01 v1');
    expect(await at('2026-02')).toBe('2026-01 v1');
    expect(await at('2026-03')).toBe('2026-03 v2');
    expect(await at('2026-12')).toBe('2026-04 v1');
  });
});
