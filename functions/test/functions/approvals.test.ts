/**
 * Approvals (特殊订单) through real HTTP on the dev host and Azurite, checked against the sample workbook's
 * truth: its 17 deliberate violations are found as listed, and registering its three approvals turns the
 * lines that quote them into `approved`.
 */
import type { PricePolicyInput, ValidateResponse } from '../../src/contract/pricing';
import type { StoredApproval } from '../../src/storage/approvalRepository';
import { listAudit } from '../../src/storage/auditLog';
import { CLERK, HEAD, readExpected, useApi } from '../support/api';

interface Violation {
  row: number;
  model: string;
  customer: string;
  date: string;
  qty: number;
  currency: 'CNY';
  priceMinor: number;
  status: 'needs_approval' | 'below_floor';
  allowedMinMinor: number;
  floorMinor: number;
  ruleIds: string[];
  approvalRef: string | null;
}
interface Expected {
  policy: PricePolicyInput;
  violations: Violation[];
  approvals: {
    ref: string;
    customer: string;
    model: string;
    minUnitPriceFen: number;
    validFrom: string;
    validTo: string;
  }[];
}
const expected = readExpected<Expected>();

/**
 * The customer class and new/old flag that give a violation's allowed minimum with the class cap alone
 * (expected.json lists prices, not classes). Lines shaped by a rule fall back to an old 经销商.
 */
function classOf(v: Violation): { customerClass: string; isNewCustomer: boolean } {
  const list = expected.policy.products.find((p) => p.model === v.model)?.listPrice ?? 0;
  for (const [customerClass, cap] of Object.entries(expected.policy.discountCaps ?? {})) {
    for (const isNewCustomer of [false, true]) {
      const pct = (isNewCustomer ? cap.new : cap.old) ?? 0;
      if (Math.ceil((Math.round(list * 100) * (100 - pct)) / 100) === v.allowedMinMinor) {
        return { customerClass, isNewCustomer };
      }
    }
  }
  return { customerClass: '经销商', isNewCustomer: false };
}

const violationLines = expected.violations.map((v) => ({
  id: v.row,
  orderDate: v.date,
  model: v.model,
  customer: v.customer,
  ...classOf(v),
  qty: v.qty,
  unitPrice: v.priceMinor / 100,
  currency: v.currency,
  approvalRef: v.approvalRef,
}));

describe('approvals over HTTP', () => {
  const { call } = useApi();

  const approval = {
    ref: 'SP-2026/099',
    customer: '广州穗丰泵业有限公司',
    model: '4100D',
    minUnitPrice: 10000,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    note: '大单特批',
  };

  it('lets only the sales head register, refuses a bad one with 400 and a taken ref with 409', async () => {
    expect((await call('POST', 'approvals', approval, CLERK)).status).toBe(403);

    const created = await call<StoredApproval>('POST', 'approvals', approval, HEAD);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ref: 'SP-2026/099',
      currency: 'CNY',
      approvedBy: '王部长',
      registeredBy: '王部长',
      registeredById: 'oid-王部长',
    });
    expect(created.headers.get('location')).toBe('/api/approvals?ref=SP-2026%2F099');

    const again = await call('POST', 'approvals', { ...approval, ref: 'sp-2026/099 ' }, HEAD);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('approval_exists');
    expect(again.body.error.message['zh-CN']).toContain('由 王部长 于');
    expect(again.body.error.message['en-US']).toContain('SP-2026/099');

    const backwards = await call(
      'POST',
      'approvals',
      { ...approval, ref: 'SP-X', validTo: '2025-12-31' },
      HEAD,
    );
    expect(backwards.status).toBe(400);
    const paths = (backwards.body.error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(['validTo']);
    expect((await call('POST', 'approvals', '{"ref": ', HEAD)).status).toBe(400);

    const audit = await listAudit('pricePolicy');
    expect(audit.find((e) => e.action === 'approve')).toMatchObject({ who: '王部长' });
  });

  it('lists approvals for any role, filtered by customer and model (case and width ignored)', async () => {
    const all = await call<{ approvals: StoredApproval[] }>('GET', 'approvals', undefined, CLERK);
    expect(all.status).toBe(200);
    expect(all.body.approvals.map((a) => a.ref)).toEqual(['SP-2026/099']);
    const q = (customer: string, model: string) =>
      call<{ approvals: StoredApproval[] }>(
        'GET',
        `approvals?customer=${encodeURIComponent(customer)}&model=${encodeURIComponent(model)}`,
        undefined,
        CLERK,
      );
    expect((await q('广州穗丰泵业有限公司', '４１００d')).body.approvals).toHaveLength(1);
    expect((await q('广州穗丰泵业有限公司', 'HS4105')).body.approvals).toHaveLength(0);
  });

  it('finds every deliberate violation of the sample, and its approvals make the quoting lines approved', async () => {
    expect((await call('PUT', 'price-policy', expected.policy, HEAD)).status).toBe(201);

    const before = await call<ValidateResponse>('POST', 'prices/validate?detail=flagged', {
      lines: violationLines,
    });
    expect(before.status).toBe(200);
    const statusOf = (res: ValidateResponse) => res.results.map((r) => [r.id, r.status]);
    expect(statusOf(before.body)).toEqual(expected.violations.map((v) => [v.row, v.status]));
    expect(before.body.results.map((r) => [r.minPrice, r.ruleIds])).toEqual(
      expected.violations.map((v) => [v.allowedMinMinor / 100, v.ruleIds]),
    );
    const quoting = before.body.results.filter((r) =>
      expected.violations.some((v) => v.row === r.id && v.approvalRef),
    );
    expect(quoting).toHaveLength(3);
    expect(quoting.every((r) => /SP-2026-0\d\d 未登记/.test(r.message['zh-CN']))).toBe(true);

    for (const a of expected.approvals) {
      const res = await call(
        'POST',
        'approvals',
        {
          ref: a.ref,
          customer: a.customer,
          model: a.model,
          minUnitPrice: a.minUnitPriceFen / 100,
          validFrom: a.validFrom,
          validTo: a.validTo,
        },
        HEAD,
      );
      expect(res.status).toBe(201);
    }

    const after = await call<ValidateResponse>('POST', 'prices/validate?detail=flagged', {
      lines: violationLines,
    });
    expect(statusOf(after.body)).toEqual(
      expected.violations.map((v) => [v.row, v.approvalRef ? 'approved' : v.status]),
    );
    expect(after.body.summary.approved).toBe(3);
    const approved = after.body.results.find((r) => r.status === 'approved');
    expect(approved?.message['zh-CN']).toMatch(/已由审批单 SP-2026-0\d\d 批准/);

    // An approval covers its own customer, model and dates only.
    const elsewhere = { ...violationLines[2], id: 'other-customer', customer: '南昌赣江机电设备有限公司' };
    const late = { ...violationLines[2], id: 'late', orderDate: '2026-11-01' };
    const res = await call<ValidateResponse>('POST', 'prices/validate', { lines: [elsewhere, late] });
    expect(res.body.results.map((r) => r.status)).toEqual(['needs_approval', 'needs_approval']);
    expect(res.body.results[1]?.message['en-US']).toContain('outside its validity');
  });
});
