/**
 * Real signed tokens for tests: one local issuer (an RSA key pair in memory) per test process, whose
 * JWKS the test dev host serves. Nothing about verification is mocked: the functions download the JWKS
 * over HTTP and check the tokens with jose exactly as they check Entra ID tokens in Azure.
 *
 *   await call('PUT', 'price-policy', policy, HEAD);            // authorization: Bearer <head's token>
 *   await call('GET', 'plans/2026', undefined, bearer(testIssuer().mint({ roles: [], name: 'x' })));
 */
import { createLocalIssuer, type LocalIssuer, type TokenRequest } from '../../src/auth/localIssuer';

let issuer: LocalIssuer | undefined;

/** The test process's local issuer (created on first use). */
export function testIssuer(): LocalIssuer {
  issuer ??= createLocalIssuer('test-key');
  return issuer;
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** A token for a person with roles, from the test issuer. */
export function tokenFor(name: string, roles: readonly string[], extra: Partial<TokenRequest> = {}): string {
  return testIssuer().mint({ name, oid: `oid-${name}`, roles, ...extra });
}

/**
 * Headers that act as a person: a fresh token is minted each time the headers are read (spread), so
 * constants defined at import time never expire during a long test file.
 */
export function actingAs(name: string, ...roles: string[]): { readonly authorization: string } {
  return Object.defineProperty({}, 'authorization', {
    enumerable: true,
    get: () => `Bearer ${tokenFor(name, roles)}`,
  }) as { readonly authorization: string };
}

/** A regional manager (Sales.Manager) of `regions`: the token's `region` claim, fresh on every spread. */
export function managerOf(name: string, ...regions: string[]): { readonly authorization: string } {
  return Object.defineProperty({}, 'authorization', {
    enumerable: true,
    get: () => `Bearer ${tokenFor(name, ['Sales.Manager'], { regions })}`,
  }) as { readonly authorization: string };
}

/** Points the functions of this process at a dev host's local-issuer JWKS. */
export function trustLocalIssuerOf(hostUrl: string): void {
  process.env.SALESDESK_LOCAL_ISSUER_JWKS_URL = `${hostUrl}/local-issuer/jwks.json`;
}
