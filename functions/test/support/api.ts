/**
 * Jest helper for API tests over real HTTP: Azurite, the dev host, a signed-in manager by default, and
 * callers that act as the sales head or a clerk.
 *
 *   const { call } = useApi();
 *   const res = await call<Body>('PUT', 'price-policy', samplePolicy(), HEAD);
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PricePolicyInput } from '../../src/contract/pricing';
import { useAzurite } from './azurite';
import { useDevHost, type TestHost } from './http';

export type Text = { 'zh-CN': string; 'en-US': string };

/** The problem body every error answers with. */
export interface Problem<Details = Record<string, unknown>> {
  error: { code: string; message: Text; details?: Details };
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** An App Service Authentication principal, trusted by the functions in dev mode. */
export function principal(name: string, ...roles: string[]): string {
  const claims = [
    { typ: 'name', val: name },
    { typ: 'oid', val: `oid-${name}` },
    ...roles.map((val) => ({ typ: 'roles', val })),
  ];
  return Buffer.from(JSON.stringify({ claims })).toString('base64');
}
export const HEAD = { 'x-ms-client-principal': principal('王部长', 'Sales.Head') };
export const HEAD_2 = { 'x-ms-client-principal': principal('赵部长', 'Sales.Head') };
export const CLERK = { 'x-salesdesk-dev-roles': 'Sales.Clerk' };

/** samples/expected.json, the truth about the sample workbook (typed by the caller). */
export function readExpected<T = { policy: PricePolicyInput }>(): T {
  return JSON.parse(readFileSync(path.join(__dirname, '../../../samples/expected.json'), 'utf8')) as T;
}

/** The sample workbook's price policy in API shape. */
export function samplePolicy(): PricePolicyInput {
  return readExpected().policy;
}

/** Sets SALESDESK_DEV_IDENTITY for the file's tests and puts the old value back afterwards. */
export function useDevIdentity(roles: string): void {
  let previous: string | undefined;
  beforeAll(() => {
    previous = process.env.SALESDESK_DEV_IDENTITY;
    process.env.SALESDESK_DEV_IDENTITY = roles;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.SALESDESK_DEV_IDENTITY;
    else process.env.SALESDESK_DEV_IDENTITY = previous;
  });
}

/**
 * Fresh Azurite, the dev host and a `Sales.Manager` dev identity for one test file. `call` sends JSON
 * (a string body goes as is, to test malformed JSON) and parses the answer; `Default` is the body type
 * when a call names none.
 */
export function useApi<Default = Problem>(): {
  host: TestHost;
  call: <T = Default>(
    method: string,
    route: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<Answer<T>>;
} {
  useAzurite();
  const host = useDevHost();
  useDevIdentity('Sales.Manager');
  async function call<T = Default>(
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const res = await fetch(`${host.baseUrl}/${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  }
  return { host, call };
}
