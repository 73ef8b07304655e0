/**
 * The local token issuer on a host of its own, for `npm start` under Azure Functions Core Tools: `func
 * start` serves only the registered functions, so the issuer's JWKS (which the functions verify against,
 * the same code as in Azure) and its mint endpoint (the preview's role picker) run here, on the next
 * port (7072). `env` is what the Functions app and the pane's dev server are started with: the JWKS
 * address for the verifier, and the issuer's address for the role picker (webpack writes it into the
 * build, addin/src/auth/localIssuer.ts). Under the dev host alone none of this is needed: it serves the
 * issuer beside the API.
 */
import { openLocalIssuer, LOCAL_ISSUER_PATH, type LocalIssuer } from '../auth/localIssuer';
import { createDevHost, DEFAULT_CORS_ORIGINS } from './host';

export interface LocalIssuerHostOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** Browser origins that may ask for a token (the pane's dev server); defaults as the dev host's. */
  readonly corsOrigins?: readonly string[];
  /** Defaults to the developer's issuer (`.salesdesk/local-issuer/`). */
  readonly issuer?: LocalIssuer;
  readonly log?: (line: string) => void;
}

export interface LocalIssuerHost {
  /** `http://127.0.0.1:7072` */
  readonly url: string;
  readonly env: {
    /** Where the functions fetch the keys (config.ts). */
    readonly SALESDESK_LOCAL_ISSUER_JWKS_URL: string;
    /** Where the preview's role picker asks for tokens (`<url>/local-issuer/token`). */
    readonly SALESDESK_LOCAL_ISSUER_URL: string;
  };
  close(): Promise<void>;
}

export async function startLocalIssuerHost(options: LocalIssuerHostOptions): Promise<LocalIssuerHost> {
  const host = await createDevHost({
    routes: [],
    port: options.port,
    host: options.host ?? '127.0.0.1',
    corsOrigins: options.corsOrigins ?? DEFAULT_CORS_ORIGINS,
    localIssuer: options.issuer ?? openLocalIssuer(),
    log: options.log ?? (() => undefined),
  });
  return {
    url: host.url,
    env: {
      SALESDESK_LOCAL_ISSUER_JWKS_URL: `${host.url}${LOCAL_ISSUER_PATH}/jwks.json`,
      SALESDESK_LOCAL_ISSUER_URL: host.url,
    },
    close: () => host.close(),
  };
}
