/**
 * The front door over real HTTP: a cross-site form-like write (text/plain needs no CORS preflight) is
 * refused before anything is read or stored, a foreign Origin cannot write even with JSON, and weak
 * ETags do not satisfy If-Match for publishing.
 */
import { CLERK, HEAD, samplePolicy, useApi, type Problem } from '../support/api';

const approval = {
  ref: 'SP-CSRF-001',
  customer: '测试客户',
  model: 'XBC-100',
  minUnitPrice: 1,
  currency: 'CNY',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
};

describe('front door', () => {
  const { call, host } = useApi();
  const stored = async () =>
    (await call<{ approvals: unknown[] }>('GET', 'approvals', undefined, CLERK)).body.approvals;

  it('refuses a cross-site text/plain POST with 415 and stores nothing', async () => {
    // What a form or fetch(no-cors) on another web page can send without a preflight.
    const res = await fetch(`${host.baseUrl}/approvals`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example' },
      body: JSON.stringify(approval),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as Problem).error.code).toBe('unsupported_media_type');
    // Even the head's own token does not make a non-JSON write acceptable.
    expect(
      (await call('POST', 'approvals', JSON.stringify(approval), { ...HEAD, 'content-type': 'text/plain' }))
        .status,
    ).toBe(415);
    expect(
      (
        await call('POST', 'approvals', 'ref=x', {
          ...HEAD,
          'content-type': 'application/x-www-form-urlencoded',
        })
      ).status,
    ).toBe(415);
    expect(await stored()).toEqual([]);
  });

  it('refuses a JSON write from an origin that is not the add-in, and lets the add-in origin through', async () => {
    const foreign = await call<Problem>('POST', 'approvals', approval, {
      ...HEAD,
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('origin_not_allowed');
    expect(await stored()).toEqual([]);
    const pane = await call('POST', 'approvals', approval, { ...HEAD, origin: 'https://localhost:3000' });
    expect(pane.status).toBe(201);
  });

  it('answers the CORS preflight for the add-in (with Authorization) and refuses other origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${host.baseUrl}/approvals`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const ok = await preflight('https://localhost:3000');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    expect((await preflight('https://evil.example')).status).toBe(403);
  });

  it('refuses a weak ETag in If-Match when publishing (412) and keeps the published version', async () => {
    const first = await call('PUT', 'price-policy', samplePolicy(), HEAD);
    expect(first.status).toBe(201);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"/);
    const weak = await call<Problem>('PUT', 'price-policy', samplePolicy(), {
      ...HEAD,
      'if-match': `W/${etag}`,
    });
    expect(weak.status).toBe(412);
    expect(weak.body.error.code).toBe('weak_etag');
    const current = await call('GET', 'price-policy', undefined, CLERK);
    expect(current.headers.get('etag')).toBe(etag);
    expect((await call('PUT', 'price-policy', samplePolicy(), { ...HEAD, 'if-match': etag })).status).toBe(
      200,
    );
  });
});
