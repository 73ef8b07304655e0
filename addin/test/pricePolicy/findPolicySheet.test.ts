import { choosePolicySheet, hasPolicyBlocks, policySheetNameScore } from '../../src/pricePolicy';
import type { SheetGrid } from '../../src/sheets';
import { policyGrid } from './policyGrid';

describe('choosing the price-policy sheet', () => {
  it('scores names', () => {
    expect(policySheetNameScore('价格政策')).toBe(2);
    expect(policySheetNameScore('2026价格政策(草稿)')).toBe(1);
    expect(policySheetNameScore('Price Policy')).toBe(1);
    expect(policySheetNameScore('销售台账')).toBe(0);
  });

  it('prefers the sheet named 价格政策 without reading any sheet', async () => {
    const probe = jest.fn(async (): Promise<SheetGrid | null> => null);
    const name = await choosePolicySheet(
      [{ name: '销售台账' }, { name: '价格政策(旧)' }, { name: '价格政策' }],
      probe,
    );
    expect(name).toBe('价格政策');
    expect(probe).not.toHaveBeenCalled();
  });

  it('falls back to the first visible sheet with the block markers', async () => {
    const grids: Record<string, SheetGrid> = {
      销售台账: { name: '销售台账', values: [['日期', '合同号']] },
      隐藏: { ...policyGrid(), name: '隐藏' },
      政策2026: { ...policyGrid(), name: '政策2026' },
    };
    const name = await choosePolicySheet(
      [{ name: '销售台账' }, { name: '隐藏', visible: false }, { name: '政策2026' }],
      async (n) => grids[n] ?? null,
    );
    expect(name).toBe('政策2026');
    expect(hasPolicyBlocks(grids['销售台账']!)).toBe(false);
  });

  it('answers null when no sheet looks like a policy', async () => {
    expect(
      await choosePolicySheet([{ name: 'Sheet1' }], async () => ({ name: 'Sheet1', values: [] })),
    ).toBeNull();
  });
});
