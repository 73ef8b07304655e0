import { exposeHeaders, jsonResponse } from '../../src/http/responses';

describe('responses carrying ETag or Location', () => {
  it('expose them to the task pane on another origin', () => {
    const res = jsonResponse({ version: 2 }, 200, {
      ETag: '"price-policy-v2"',
      Location: '/api/price-policy/versions/2',
    });
    expect((res.headers as Record<string, string>)['Access-Control-Expose-Headers']).toBe('ETag, Location');
  });

  it('leave other responses and an explicit expose list alone', () => {
    expect(exposeHeaders({ 'Cache-Control': 'no-store' })).toEqual({ 'Cache-Control': 'no-store' });
    const explicit = { etag: '"x"', 'access-control-expose-headers': 'ETag, X-Other' };
    expect(exposeHeaders(explicit)).toBe(explicit);
  });
});
