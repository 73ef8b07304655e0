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
import { actingAs, managerOf, tokenFor } from './identity';

export { actingAs, bearer, managerOf, testIssuer, tokenFor } from './identity';

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

/**
 * An App Service Authentication principal header. The functions IGNORE it (outside Azure, and unless
 * SALESDESK_TRUST_APP_SERVICE_AUTH is set there): tests use it to show that forging one gets nobody in.
 */
export function principal(name: string, ...roles: string[]): string {
  const claims = [
    { typ: 'name', val: name },
    { typ: 'oid', val: `oid-${name}` },
    ...roles.map((val) => ({ typ: 'roles', val })),
  ];
  return Buffer.from(JSON.stringify({ claims })).toString('base64');
}
/** Callers with real tokens from the test issuer (a fresh token each time the headers are spread). */
export const HEAD = actingAs('王部长', 'Sales.Head');
export const HEAD_2 = actingAs('赵部长', 'Sales.Head');
/** A manager whose token names no 片区: refused every per-region read (403 region_missing). */
export const MANAGER = actingAs('李经理', 'Sales.Manager');
/** Regional managers: 华东, 华南, and one of two regions (华东 and 华中). */
export const MANAGER_EAST = managerOf('陈经理', '华东');
export const MANAGER_SOUTH = managerOf('周经理', '华南');
export const MANAGER_EAST_CENTRAL = managerOf('吴经理', '华东', '华中');
export const CLERK = actingAs('张内勤', 'Sales.Clerk');
export const FINANCE = actingAs('刘会计', 'Finance');

/** samples/expected.json, the truth about the sample workbook (typed by the caller). */
export function readExpected<T = { policy: PricePolicyInput }>(): T {
  return JSON.parse(readFileSync(path.join(__dirname, '../../../samples/expected.json'), 'utf8')) as T;
}

/** The sample workbook's price policy in API shape. */
export function samplePolicy(): PricePolicyInput {
  return readExpected().policy;
}

/**
 * The roles of the default caller of `call` (a token is minted for them when a call sends no
 * Authorization) for the file's tests. Kept in SALESDESK_DEV_IDENTITY, the variable these tests have
 * always used; the functions themselves no longer read it (and refuse to start in Azure when it is set).
 * Unset → calls without headers are anonymous.
 */
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
 * Fresh Azurite, the dev host and a `Sales.Manager` default caller (a real token) for one test file.
 * `call` sends JSON (a string body goes as is, to test malformed JSON) and parses the answer; `Default`
 * is the body type when a call names none. Headers with an `authorization` replace the default caller.
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
    const given = { ...headers };
    const defaultRoles = process.env.SALESDESK_DEV_IDENTITY;
    const caller: Record<string, string> =
      'authorization' in given || !defaultRoles
        ? {}
        : { authorization: `Bearer ${tokenFor('测试用户', defaultRoles.split(','))}` };
    const res = await fetch(`${host.baseUrl}/${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...caller, ...given },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  }
  return { host, call };
}
