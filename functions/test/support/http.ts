/**
 * Jest helper: the dev host on a free port for one test file, serving a route table (the real one
 * by default) behind the guard, with the test issuer's JWKS (support/identity.ts). Logs are collected in
 * `logs` instead of printed.
 *
 *   const host = useDevHost();
 *   const res = await fetch(`${host.baseUrl}/health`);
 */
import { createDevHost, type DevHost, type DevHostOptions } from '../../src/devhost/host';
import { httpRoutes } from '../../src/routes';
import { testIssuer, trustLocalIssuerOf } from './identity';

export interface TestHost {
  /** `http://127.0.0.1:<port>/api` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly host: DevHost;
  readonly logs: string[];
}

export async function startTestHost(
  options: Partial<DevHostOptions> = {},
): Promise<TestHost & { close(): Promise<void> }> {
  const logs: string[] = [];
  const host = await createDevHost({
    routes: httpRoutes,
    port: 0,
    log: (line) => logs.push(line),
    localIssuer: testIssuer(),
    ...options,
  });
  // The functions verify tokens against this host's JWKS, as the dev host does under `npm start`.
  trustLocalIssuerOf(host.url);
  return { baseUrl: `${host.url}/api`, origin: host.url, host, logs, close: () => host.close() };
}

export function useDevHost(options: Partial<DevHostOptions> = {}): TestHost {
  let started: (TestHost & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    started = await startTestHost(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = () => {
    if (!started) throw new Error('useDevHost(): the host is not running yet (use it inside tests).');
    return started;
  };
  return {
    get baseUrl() {
      return current().baseUrl;
    },
    get origin() {
      return current().origin;
    },
    get host() {
      return current().host;
    },
    get logs() {
      return current().logs;
    },
  };
}
