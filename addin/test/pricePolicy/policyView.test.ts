import { changeText, changeValue, chinaTime } from '../../src/pricePolicy/policyView';

describe('how differences read', () => {
  it('writes values the way the sheet does', () => {
    expect(changeValue('zh-CN', 'effect', { kind: 'discountCap', pct: 20 })).toBe('折扣上限 20%');
    expect(changeValue('zh-CN', 'effect', { kind: 'floor', price: 300, currency: 'USD' })).toBe(
      '最低价 USD 300',
    );
    expect(changeValue('zh-CN', 'product', { model: 'QJ200-50' })).toBe('型号:QJ200-50');
    expect(changeValue('zh-CN', 'customer', { region: '华东' })).toBe('片区:华东');
    expect(changeValue('en-US', 'customer', 'all')).toBe('all');
    expect(changeValue('en-US', 'floorPrice', null)).toBe('(empty)');
    expect(changeValue('zh-CN', 'new', 12.5)).toBe('12.5%');
  });

  it('names the field and both sides', () => {
    expect(changeText('en-US', { field: 'listPrice', from: 18600, to: 18000 })).toBe(
      'List price 18600 → 18000',
    );
    expect(changeText('zh-CN', { field: 'vatRate', from: 13, to: 9 })).toBe('增值税率 13% → 9%');
  });

  it('shows instants in China time', () => {
    expect(chinaTime('2026-03-05T18:30:00.000Z')).toBe('2026-03-06 02:30');
    expect(chinaTime('not a time')).toBe('not a time');
  });
});
