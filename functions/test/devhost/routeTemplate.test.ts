import { compareRank, compileRoute } from '../../src/devhost/routeTemplate';

describe('compileRoute', () => {
  it('matches literal segments case-insensitively', () => {
    const t = compileRoute('price-policy');
    expect(t.match('price-policy')).toEqual({});
    expect(t.match('Price-Policy')).toEqual({});
    expect(t.match('price-policy/1')).toBeNull();
    expect(t.match('price')).toBeNull();
  });

  it('binds {param} and decodes it', () => {
    const t = compileRoute('plans/{year}/regions/{region}');
    expect(t.match('plans/2026/regions/%E5%8D%8E%E5%8C%97')).toEqual({ year: '2026', region: '华北' });
    expect(t.match('plans/2026/regions')).toBeNull();
  });

  it('lets {param?} be absent', () => {
    const t = compileRoute('plans/{year?}');
    expect(t.match('plans')).toEqual({});
    expect(t.match('plans/2026')).toEqual({ year: '2026' });
    expect(t.match('plans/2026/3')).toBeNull();
  });

  it('checks constraints and binds catch-alls', () => {
    expect(compileRoute('plans/{year:int}').match('plans/abc')).toBeNull();
    expect(compileRoute('plans/{year:int}').match('plans/2026')).toEqual({ year: '2026' });
    expect(compileRoute('files/{*path}').match('files/a/b%20c')).toEqual({ path: 'a/b c' });
  });

  it('refuses templates it cannot serve like Azure does', () => {
    expect(() => compileRoute('a/{x?}/b')).toThrow(/optional/);
    expect(() => compileRoute('a/{x:regex(^\\d+$)}')).toThrow(/not supported/);
    expect(() => compileRoute('{*rest}/a')).toThrow(/last segment/);
  });

  it('ranks literal before constrained before plain before optional', () => {
    const templates = ['plans/{year?}', 'plans/{year}', 'plans/current', 'plans/{year:int}'];
    const sorted = templates.map(compileRoute).sort((a, b) => compareRank(a.rank, b.rank));
    expect(sorted.map((t) => t.template)).toEqual([
      'plans/current',
      'plans/{year:int}',
      'plans/{year}',
      'plans/{year?}',
    ]);
  });

  it('gives an example path each template matches', () => {
    for (const template of ['health', 'plans/{year}', 'plans/{year:int}/{month?}', 'files/{*rest}']) {
      const t = compileRoute(template);
      expect(t.match(t.example())).not.toBeNull();
    }
  });
});
