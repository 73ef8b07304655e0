import { chinaToday, customerClassOf, isIsoDate, matchKey } from '../../../src/domain/pricing';

describe('matchKey', () => {
  it('matches names regardless of width, case and stray spaces', () => {
    expect(matchKey(' qj-50 ')).toBe('QJ-50');
    expect(matchKey('ＱＪ－５０')).toBe('QJ-50');
    expect(matchKey('华东  水利　公司')).toBe('华东 水利 公司');
    expect(matchKey('IS 80')).toBe('IS 80');
  });
});

describe('customerClassOf', () => {
  it('knows each class by its Chinese name, code and English label', () => {
    expect(customerClassOf('经销商')).toBe('经销商');
    expect(customerClassOf(' key account ')).toBe('重点客户');
    expect(customerClassOf('eCommerce')).toBe('电商');
    expect(customerClassOf('代理商')).toBeUndefined();
  });
});

describe('dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-05', false],
    ['2026/01/05', false],
    ['２０２６-01-05', false],
  ])('isIsoDate(%p) is %p', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });

  it('gives today in China time', () => {
    expect(chinaToday(new Date('2026-02-28T15:59:59Z'))).toBe('2026-02-28');
    expect(chinaToday(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01');
  });
});
