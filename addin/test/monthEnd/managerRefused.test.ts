// A regional manager opening the 月末对账 tab: the API refuses the company-wide report (every region's
// reconciliation) and the workflow hands the pane its reason, pointing to the scorecard and
// receivables — never an empty report. The head reads it. Real dev host, real tokens.
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';
import { tokenFor } from '../support/signIn';
import { createApiClient } from '../../src/api/client';
import { latestReport, MonthEndError } from '../../src/monthEnd';

describe('month-end report for a regional manager', () => {
  useAzurite();
  const host = useDevHost();
  const as = (token: () => string) =>
    createApiClient({ baseUrl: host.baseUrl, getToken: async () => token() });

  beforeAll(async () => {
    const clerk = as(() => tokenFor('张内勤', ['Sales.Clerk']));
    await clerk.request('PUT', '/ledgers/shipments/2026-03', {
      rows: [
        {
          shipDate: '2026-03-05',
          deliveryNo: 'E-1',
          customer: '华东水务',
          region: '华东',
          model: 'QJ-100',
          qty: 1,
          amount: '100.00',
          source: { sheet: '发货台账', row: 3 },
        },
      ],
    });
    await clerk.request('POST', '/month-end/2026-03/run', {});
  });

  it('refuses it with the reason and where to look instead', async () => {
    const manager = as(() => tokenFor('陈经理', ['Sales.Manager'], { regions: ['华东'] }));
    const error = await latestReport(manager, '2026-03').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MonthEndError);
    const text = (error as MonthEndError).text;
    expect(text['zh-CN']).toContain('销售经理不能查看');
    expect(text['zh-CN']).toContain('业务员考核');
    expect(text['en-US']).toContain('scorecard');
    const head = as(() => tokenFor('王部长', ['Sales.Head']));
    expect((await latestReport(head, '2026-03'))?.month).toBe('2026-03');
  });
});
