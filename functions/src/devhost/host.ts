/**
 * A local stand-in for the Functions host, for machines without Azure Functions Core Tools.
 * It serves the same registration table (routes.ts) over node:http with the same route templates
 * and `/api` prefix, hands handlers the real `HttpRequest`/`InvocationContext` classes of
 * @azure/functions, and does what Azure does around them: CORS, 404/405, a request size cap.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HttpRequest,
  HttpResponse,
  InvocationContext,
  type HttpResponseInit,
  type Timer,
} from '@azure/functions';
import { DEFAULT_ALLOWED_ORIGINS, onAzure } from '../auth/config';
import { LOCAL_ISSUER_PATH, type LocalIssuer } from '../auth/localIssuer';
import { assertSafeStartup } from '../auth/startup';
import { checkFrontDoor } from '../http/frontDoor';
import { guardRoutes } from '../http/guard';
import { bilingual } from '../contract/text';
import { HttpError, jsonResponse, problemResponse } from '../http/responses';
import { errorResponse } from '../http/withErrors';
import { parseRoles } from '../http/caller';
import type { HttpRoute, TimerRoute } from '../http/route';
import { compareRank, compileRoute, type RouteTemplate } from './routeTemplate';

export const DEFAULT_CORS_ORIGINS = DEFAULT_ALLOWED_ORIGINS;
/** Above any handler's own cap, so big requests reach the handler's 413 with its message. */
export const DEFAULT_MAX_BODY_BYTES = 40 * 1024 * 1024;

export interface DevHostOptions {
  readonly routes: readonly HttpRoute[];
  /** Run on demand with `POST /admin/functions/{name}`, as Core Tools does. */
  readonly timers?: readonly TimerRoute[];
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Allowed browser origins; `*` allows any. */
  readonly corsOrigins?: readonly string[];
  readonly maxBodyBytes?: number;
  /** Where handler logs and request lines go; defaults to the console. */
  readonly log?: (line: string) => void;
  /**
   * The local token issuer whose JWKS this host serves at `/local-issuer/jwks.json` (and which mints
   * tokens for the preview's role picker at `POST /local-issuer/token`). Refused in Azure.
   */
  readonly localIssuer?: LocalIssuer;
  /**
   * false: serve the handlers bare, without the guard (front door, token, access table). Only for
   * tests of the host's own routing with stand-in handlers; the real table is always guarded.
   */
  readonly guard?: boolean;
}

/** One served function, as the dev host sees the table. */
export interface ServedFunction {
  readonly name: string;
  readonly methods: readonly string[];
  readonly route: string;
}

export interface DevHost {
  readonly url: string;
  /** HTTP functions in matching order, and timers (runnable via POST /admin/functions/{name}). */
  readonly functions: readonly ServedFunction[];
  readonly timers: readonly string[];
  readonly port: number;
  readonly server: http.Server;
  close(): Promise<void>;
}

interface CompiledHttpRoute {
  readonly row: HttpRoute;
  readonly template: RouteTemplate;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);
const EXPOSED_HEADERS = 'ETag, Location';

export async function createDevHost(options: DevHostOptions): Promise<DevHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  const corsOrigins = options.corsOrigins ?? DEFAULT_CORS_ORIGINS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  assertSafeStartup();
  if (options.localIssuer && onAzure()) {
    throw new Error(
      'The local token issuer is for development only and cannot run in Azure (WEBSITE_INSTANCE_ID).',
    );
  }
  const routes =
    options.guard === false ? options.routes : guardRoutes(options.routes, { origins: corsOrigins });
  const compiled: CompiledHttpRoute[] = routes
    .map((row) => ({ row, template: compileRoute(row.route) }))
    // Stable sort keeps table order among equal ranks.
    .sort((a, b) => compareRank(a.template.rank, b.template.rank));
  const timers = new Map((options.timers ?? []).map((t) => [t.name.toLowerCase(), t]));

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(
        `dev host: failed to answer ${req.method} ${req.url}: ${err instanceof Error ? err.stack : String(err)}`,
      );
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end();
    });
  });

  // Idle connections live longer than a client keeps them (undici: 4 s, browsers: longer), as behind
  // Azure's front end: with Node's 5 s default a client reusing a socket the host is just closing
  // (likely on a loaded machine) fails a POST with EPIPE.
  server.keepAliveTimeout = 120_000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const origin = req.headers.origin;
    const originAllowed = origin !== undefined && (corsOrigins.includes('*') || corsOrigins.includes(origin));
    const cors: Record<string, string> = originAllowed
      ? {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Expose-Headers': EXPOSED_HEADERS,
          Vary: 'Origin',
        }
      : {};

    // CORS preflight: answered by the platform in Azure, for every path, before any function runs.
    if (method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method']) {
      req.resume();
      if (!originAllowed) {
        return send(res, problemResponse(403, 'cors_origin_not_allowed', corsText(origin), { origin }), {});
      }
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': String(
          req.headers['access-control-request-headers'] ?? 'Content-Type, If-Match',
        ),
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }

    if (options.localIssuer && url.pathname.startsWith(`${LOCAL_ISSUER_PATH}/`)) {
      return serveLocalIssuer(options.localIssuer, req, res, method, url.pathname, cors);
    }

    const adminTimer = /^\/admin\/functions\/([^/]+)\/?$/.exec(url.pathname);
    if (adminTimer && method === 'POST') {
      req.resume();
      return runTimer(decodeURIComponent(adminTimer[1] ?? ''), res);
    }

    const apiPath = /^\/api(?:\/(.*))?$/i.exec(url.pathname);
    const path = (apiPath?.[1] ?? '').replace(/\/+$/, '');
    const candidates = apiPath ? compiled.filter((c) => c.template.match(path) !== null) : [];
    if (candidates.length === 0) {
      req.resume();
      return send(
        res,
        problemResponse(404, 'not_found', notFoundText(url.pathname), { path: url.pathname }),
        cors,
      );
    }
    const chosen = candidates.find((c) => c.row.methods.includes(method as HttpRoute['methods'][number]));
    if (!chosen) {
      req.resume();
      const allow = [...new Set(candidates.flatMap((c) => c.row.methods))].join(', ');
      return send(res, problemResponse(405, 'method_not_allowed', methodText(method, allow), { allow }), {
        ...cors,
        Allow: allow,
      });
    }

    const body = await readBody(req, maxBodyBytes);
    if (body === 'aborted') return;
    if (body === 'too-large') {
      return send(
        res,
        problemResponse(413, 'payload_too_large', tooLargeText(maxBodyBytes), { maxBytes: maxBodyBytes }),
        { ...cors, Connection: 'close' },
      );
    }

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request = new HttpRequest({
      method,
      url: url.toString(),
      headers,
      params: chosen.template.match(path) ?? {},
      body: body.length > 0 ? { bytes: body } : undefined,
    });
    const context = invocationContext(chosen.row.name, log);
    const started = Date.now();
    let result: HttpResponseInit | HttpResponse;
    try {
      result = await chosen.row.handler(request, context);
    } catch (err) {
      // Azure answers a crashed function with a bare 500; we give the same JSON problem as withErrors.
      result = errorResponse(err, context);
    }
    // Names the function that answered, so a test can check routing without knowing handlers.
    const status = await send(res, result, { ...cors, 'x-salesdesk-function': chosen.row.name });
    log(
      `${method} ${url.pathname}${url.search} → ${status} (${Date.now() - started} ms) [${chosen.row.name}]`,
    );
  }

  /** The local issuer's JWKS (what the verifier downloads) and, for the preview, its mint endpoint. */
  async function serveLocalIssuer(
    issuer: LocalIssuer,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
    pathname: string,
    cors: Record<string, string>,
  ): Promise<unknown> {
    const body = await readBody(req, 64 * 1024);
    if (body === 'aborted') return;
    if (pathname === `${LOCAL_ISSUER_PATH}/jwks.json` && method === 'GET') {
      return send(res, jsonResponse(issuer.jwks(), 200, { 'Cache-Control': 'no-store' }), cors);
    }
    if (pathname === `${LOCAL_ISSUER_PATH}/token` && method === 'POST') {
      try {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        checkFrontDoor({ method, headers }, corsOrigins);
        if (body === 'too-large') throw new HttpError(413, 'payload_too_large', tooLargeText(64 * 1024));
        let input: { roles?: unknown; regions?: unknown; name?: unknown; expiresInSeconds?: unknown };
        try {
          input = JSON.parse(body.toString('utf8')) as typeof input;
        } catch {
          throw new HttpError(
            400,
            'invalid_json',
            bilingual('请求内容不是有效的 JSON。', 'The body is not valid JSON.'),
          );
        }
        const roles = parseRoles(Array.isArray(input.roles) ? input.roles.join(',') : '');
        const regions = Array.isArray(input.regions)
          ? input.regions.filter((r): r is string => typeof r === 'string' && r.trim() !== '').slice(0, 10)
          : [];
        const name =
          typeof input.name === 'string' && input.name.trim()
            ? input.name.trim()
            : `本地 ${roles.join('+') || '无角色'}`;
        const expiresInSeconds =
          typeof input.expiresInSeconds === 'number' ? input.expiresInSeconds : undefined;
        const token = issuer.mint({
          roles,
          regions,
          name,
          ...(expiresInSeconds !== undefined ? { expiresInSeconds } : {}),
        });
        return send(
          res,
          jsonResponse({ token, roles, regions, name }, 200, { 'Cache-Control': 'no-store' }),
          cors,
        );
      } catch (err) {
        return send(res, errorResponse(err, invocationContext('local-issuer', log)), cors);
      }
    }
    return send(res, problemResponse(404, 'not_found', notFoundText(pathname), { path: pathname }), cors);
  }

  async function runTimer(name: string, res: http.ServerResponse): Promise<unknown> {
    const timer = timers.get(name.toLowerCase());
    if (!timer) {
      return send(res, problemResponse(404, 'not_found', notFoundText(`timer ${name}`)), {});
    }
    const context = invocationContext(timer.name, log);
    const tick: Timer = {
      isPastDue: false,
      schedule: { adjustForDST: true },
      scheduleStatus: { last: '', next: '', lastUpdated: '' },
    };
    try {
      await timer.handler(tick, context);
      await send(res, { status: 202 }, {});
    } catch (err) {
      await send(res, errorResponse(err, context), {});
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    functions: compiled.map((c) => ({ name: c.row.name, methods: [...c.row.methods], route: c.row.route })),
    timers: [...timers.values()].map((t) => t.name),
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function invocationContext(functionName: string, log: (line: string) => void): InvocationContext {
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    logHandler: (level, ...args) =>
      log(
        `[${functionName}] ${level}: ${args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`,
      ),
  });
}

/** The body; 'too-large' once more than `max` bytes arrive (the rest is drained, not stored); 'aborted'. */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | 'too-large' | 'aborted'> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > max) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks, total)));
    // A client that hangs up mid-body gets no answer; nothing is left waiting.
    req.on('close', () => {
      if (!req.complete) resolve('aborted');
    });
    req.on('error', reject);
  });
}

/** Writes a handler's result the way the Functions host would (jsonBody wins over body). Returns the status. */
async function send(
  res: http.ServerResponse,
  result: HttpResponseInit | HttpResponse,
  extraHeaders: Record<string, string>,
): Promise<number> {
  const response = result instanceof HttpResponse ? result : new HttpResponse(result);
  const payload = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  for (const [name, value] of Object.entries(extraHeaders)) headers[name] = value;
  headers['content-length'] = String(payload.length);
  res.writeHead(response.status, headers);
  res.end(payload);
  return response.status;
}

function notFoundText(path: string) {
  return bilingual(`找不到 ${path}。`, `Not found: ${path}.`);
}

function methodText(method: string, allow: string) {
  return bilingual(
    `${method} 不适用于此地址；可用：${allow}。`,
    `${method} is not allowed here; allowed: ${allow}.`,
  );
}

function tooLargeText(max: number) {
  const mb = Math.round(max / (1024 * 1024));
  return bilingual(`请求内容过大：超过 ${mb} MB。`, `The request is too large: over ${mb} MB.`);
}

function corsText(origin: string) {
  return bilingual(
    `不允许来自 ${origin} 的跨域请求（开发主机的 CORS 设置）。`,
    `Cross-origin requests from ${origin} are not allowed (dev host CORS settings).`,
  );
}
