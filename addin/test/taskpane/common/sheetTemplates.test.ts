// Each template's headers are read back by the readers with nothing missing: a sheet inserted from
// a template is recognised as its kind before a single row is typed.
import { readPolicySheet } from '../../../src/pricePolicy';
import { detectHeader, fieldsOf, type LedgerKind } from '../../../src/sheets';
import {
  annualPlanTemplate,
  pricePolicyTemplate,
  salesLedgerTemplate,
  seasonProfileTemplate,
  type SheetTemplate,
} from '../../../src/taskpane/common/sheetTemplates';

const grid = (t: SheetTemplate) => ({ name: t.name, values: t.rows });

describe('sheet templates', () => {
  it.each<[LedgerKind, SheetTemplate]>([
    ['salesLedger', salesLedgerTemplate(2026)],
    ['annualPlan', annualPlanTemplate(2026)],
    ['seasonProfile', seasonProfileTemplate()],
  ])('%s: every header is recognised, none unsure, the required ones all found', (kind, template) => {
    const mapping = detectHeader(grid(template), kind);
    expect(mapping.headerRow).toBe(1);
    expect(mapping.missing).toEqual([]);
    expect(mapping.unsure).toEqual([]);
    const header = template.rows[1] ?? [];
    const found = Object.values(mapping.columns).filter(Boolean).length;
    expect(found).toBe(header.length);
    const required = fieldsOf(kind)
      .filter(([, s]) => s.required)
      .map(([f]) => f);
    for (const f of required) expect(mapping.columns[f as keyof typeof mapping.columns]).toBeTruthy();
  });

  it('the 年度计划 template states its unit (万元) in the title', () => {
    const mapping = detectHeader(grid(annualPlanTemplate(2026)), 'annualPlan');
    expect(mapping.unitHints.title).toBe('万元');
  });

  it('the 价格政策 template has the five blocks the policy reader looks for', () => {
    const read = readPolicySheet(grid(pricePolicyTemplate(2026)));
    expect(Object.keys(read.layout.markers).sort()).toEqual([
      'creditLimits',
      'discountCaps',
      'products',
      'rebateTiers',
      'rules',
    ]);
    expect(Object.keys(read.layout.rebateTiers.columns)).toHaveLength(4);
    expect(Object.keys(read.layout.creditLimits.columns)).toHaveLength(3);
    expect(read.policy.rebateTiers).toEqual([]);
    expect(read.policy.credit).toEqual({ maxDays: 90, limits: [] });
    expect(Object.keys(read.layout.products.columns)).toHaveLength(7);
    expect(Object.keys(read.layout.rules.columns)).toHaveLength(11);
    expect(read.policy.vatRate).toBe(13);
    expect(read.policy.effectiveDate).toBe('2026-01-01');
  });
});
