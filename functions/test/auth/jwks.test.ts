/**
 * The JWKS is downloaded once and cached; a token naming a key we have not seen (Entra rotated its keys)
 * makes the functions download it again, and a key that left the set stops working.
 */
import { createLocalIssuer, type LocalIssuer } from '../../src/auth/localIssuer';
import { useAzurite } from '../support/azurite';
import { bearer } from '../support/identity';
import { useDevHost } from '../support/http';

let current: LocalIssuer = createLocalIssuer('key-1');
let downloads = 0;
const rotating: LocalIssuer = {
  get kid() {
    return current.kid;
  },
  jwks: () => {
    downloads++;
    return current.jwks();
  },
  mint: (request) => current.mint(request),
};

describe('JWKS cache', () => {
  useAzurite();
  let previous: string | undefined;
  beforeAll(() => {
    previous = process.env.SALESDESK_AUTH_JWKS_COOLDOWN_MS;
    // Entra's default is 30 s between downloads for unknown keys; none here so the test needs no clock.
    process.env.SALESDESK_AUTH_JWKS_COOLDOWN_MS = '0';
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.SALESDESK_AUTH_JWKS_COOLDOWN_MS;
    else process.env.SALESDESK_AUTH_JWKS_COOLDOWN_MS = previous;
  });
  const host = useDevHost({ localIssuer: rotating });
  const read = async (token: string) =>
    (await fetch(`${host.baseUrl}/approvals`, { headers: bearer(token) })).status;

  it('downloads once for many tokens, again for an unknown kid, and drops retired keys', async () => {
    const first = current;
    expect(await read(first.mint({ roles: ['Sales.Clerk'] }))).toBe(200);
    expect(await read(first.mint({ roles: ['Finance'] }))).toBe(200);
    expect(downloads).toBe(1);

    current = createLocalIssuer('key-2');
    expect(await read(current.mint({ roles: ['Sales.Clerk'] }))).toBe(200);
    expect(downloads).toBe(2);
    // key-1 is no longer published: its tokens fail, however valid they were.
    expect(await read(first.mint({ roles: ['Sales.Clerk'] }))).toBe(401);
  });
});
