import { diffPolicies } from '../../../src/domain/pricing';
import { withRules } from './fixtures';

describe('diffPolicies', () => {
  const published = withRules([
    { id: 'R1', product: { model: 'QJ-50' }, effect: { kind: 'discountCap', pct: 15 } },
    { id: 'R2', effect: { kind: 'extraDiscount', pct: 2 } },
    { id: 'R3', product: {}, customer: 'all', effect: { kind: 'floor', price: 100 } },
  ]);

  it('finds nothing when only the spelling of equal values differs', () => {
    const same = withRules([
      { id: 'R1', priority: 0, product: { model: ' QJ-50 ' }, effect: { kind: 'discountCap', pct: 15.0 } },
      { id: 'R2', product: 'all', customer: {}, effect: { kind: 'extraDiscount', pct: 2 } },
      { id: 'R3', effect: { kind: 'floor', price: 100.0, currency: 'CNY' } },
    ]);
    const diff = diffPolicies(published, same);
    expect(diff.isEmpty).toBe(true);
    expect(diff.summary).toEqual({ 'zh-CN': '与已发布版本相同', 'en-US': 'Same as the published version' });
  });

  it('lists models, caps and rules added, changed (with fields) and removed', () => {
    const draft = withRules(
      [
        { id: 'R1', product: { model: 'QJ-50' }, minQty: 10, effect: { kind: 'discountCap', pct: 16 } },
        { id: 'R3', effect: { kind: 'floor', price: 100 } },
        { id: 'R4', customer: { region: '华东' }, effect: { kind: 'discountCap', pct: 5 } },
      ],
      {
        vatRate: 9,
        effectiveDate: '2026-04-01',
        products: [
          {
            model: 'qj-50',
            name: '50QJ 潜水泵',
            productType: '潜水泵',
            unit: '台',
            listPrice: 1050,
            floorPrice: 800,
          },
          {
            model: 'R4105',
            name: '4105 柴油机',
            productType: '柴油机',
            unit: '台',
            listPrice: 12000,
            floorPrice: 9000,
            listPriceUsd: 1800,
            floorPriceUsd: 1500,
          },
          { model: 'XBD-40', name: '消防泵', productType: '消防泵', unit: '台', listPrice: 5000 },
        ],
        discountCaps: {
          经销商: { old: 12.5, new: 11 },
          重点客户: { old: 15, new: 12 },
          电商: { old: 3, new: 3 },
        },
      },
    );
    const diff = diffPolicies(published, draft);
    expect(diff.settings).toEqual([
      { field: 'vatRate', from: 13, to: 9 },
      { field: 'effectiveDate', from: '2026-01-01', to: '2026-04-01' },
    ]);
    expect(diff.products).toEqual({
      added: ['XBD-40'],
      changed: [
        {
          key: 'qj-50',
          fields: [
            { field: 'model', from: 'QJ-50', to: 'qj-50' },
            { field: 'listPrice', from: 1000, to: 1050 },
          ],
        },
      ],
      removed: ['IS-80'],
    });
    expect(diff.discountCaps).toEqual({
      added: ['电商'],
      changed: [{ key: '经销商', fields: [{ field: 'new', from: 10, to: 11 }] }],
      removed: ['外贸'],
    });
    expect(diff.rules).toEqual({
      added: ['R4'],
      changed: [
        {
          key: 'R1',
          fields: [
            { field: 'minQty', from: null, to: 10 },
            { field: 'effect', from: { kind: 'discountCap', pct: 15 }, to: { kind: 'discountCap', pct: 16 } },
          ],
        },
      ],
      removed: ['R2'],
    });
    expect(diff.isEmpty).toBe(false);
    expect(diff.summary['zh-CN']).toBe(
      '增值税率 13% → 9%；生效日期 2026-01-01 → 2026-04-01；型号新增 1、修改 1、删除 1；折扣上限新增 1、修改 1、删除 1；规则新增 1、修改 1、删除 1',
    );
    expect(diff.summary['en-US']).toBe(
      'VAT 13% → 9%; effective date 2026-01-01 → 2026-04-01; Models: 1 added, 1 changed, 1 removed; Discount caps: 1 added, 1 changed, 1 removed; Rules: 1 added, 1 changed, 1 removed',
    );
  });

  it('treats a first publish as everything added', () => {
    const diff = diffPolicies(null, published);
    expect(diff.products.added).toEqual(['QJ-50', 'IS-80', 'R4105']);
    expect(diff.discountCaps.added).toEqual(['经销商', '重点客户', '外贸']);
    expect(diff.rules.added).toEqual(['R1', 'R2', 'R3']);
    expect(diff.settings).toEqual([]);
    expect(diff.summary['en-US']).toBe(
      'First publish: 3 models, caps for 3 customer classes, 3 rules, in force from 2026-01-01',
    );
  });
});
