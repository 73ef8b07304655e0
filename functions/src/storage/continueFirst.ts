/**
 * The HTTP client every storage client uses. It differs from the SDK's default in one way: a request with
 * a body (every write) is sent as headers plus `Expect: 100-continue`, and the body only goes out once
 * storage has said "100 Continue". Aborting the SDK's request is not enough on its own: when storage is
 * frozen (a stopped process, a stalled node), the kernel has already buffered the whole request, and the
 * write lands when storage wakes, long after the caller was told it failed. Holding the body back means a
 * request abandoned at its deadline reaches storage without a body, and cannot write anything.
 * Both Azure Table Storage and Azurite (Node's http server) answer `Expect: 100-continue`.
 */
import http from 'node:http';
import https from 'node:https';
import {
  createHttpHeaders,
  RestError,
  type HttpClient,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';

const agents = {
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
};

class AbortError extends Error {
  override readonly name = 'AbortError';
}

function bodyBytes(request: PipelineRequest): Buffer | undefined {
  const body = request.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // The tables SDK only sends strings; anything else would be a new SDK behaviour we have not checked.
  throw new RestError('Unsupported request body type for the storage client.', { request });
}

function send(request: PipelineRequest): Promise<{ res: http.IncomingMessage; text: string }> {
  const url = new URL(request.url);
  const secure = url.protocol === 'https:';
  if (!secure && !request.allowInsecureConnection) {
    throw new Error(`Cannot connect to ${request.url} while allowInsecureConnection is false.`);
  }
  const body = bodyBytes(request);
  const headers = request.headers.toJSON({ preserveCase: true });
  if (body) {
    headers['Content-Length'] = String(body.byteLength);
    headers['Expect'] = '100-continue';
  }
  return new Promise((resolve, reject) => {
    const options: http.RequestOptions = {
      agent: secure ? agents.https : agents.http,
      hostname: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers,
    };
    const req = (secure ? https : http).request(options);
    let bodySent = false;
    const signal = request.abortSignal;
    const onAbort = (): void => {
      const error = new AbortError('The storage request was abandoned at its deadline.');
      req.destroy(error);
      reject(error);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => signal?.removeEventListener('abort', onAbort);

    req.once('error', (err: NodeJS.ErrnoException) => {
      done();
      reject(new RestError(err.message, { code: err.code ?? RestError.REQUEST_SEND_ERROR, request }));
    });
    req.once('continue', () => {
      bodySent = true;
      req.end(body);
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', (err) => {
        done();
        reject(new RestError(err.message, { code: RestError.REQUEST_SEND_ERROR, request }));
      });
      res.once('end', () => {
        done();
        // Answered without asking for the body (an early error): this connection must not be reused.
        if (body && !bodySent) req.destroy();
        resolve({ res, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    if (!body) req.end();
    else req.flushHeaders();
  });
}

export const continueFirstHttpClient: HttpClient = {
  async sendRequest(request) {
    const { res, text } = await send(request);
    const headers = createHttpHeaders();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return { request, status: res.statusCode ?? 0, headers, bodyAsText: text };
  },
};
