// The add-in's API client against the real dev host when its storage is gone: the 503 is said as
// "服务暂时不可用" with when to try again, never as a problem with the user's data.
import { useDevIdentity } from '../../../functions/test/support/api';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';
import { ApiError, createApiClient } from '../../src/api/client';

describe('api client when storage is down', () => {
  const azurite = useAzurite();
  const host = useDevHost();
  useDevIdentity('Sales.Manager');

  it('turns 503 storage_unavailable into a temporary, retryable error in both languages', async () => {
    const api = createApiClient({ baseUrl: host.baseUrl });
    // Up: a plain answer (no policy published yet is a 404, not a 503).
    await expect(api.request('GET', '/price-policy')).rejects.toMatchObject({ status: 404 });

    await azurite.stop();
    const error = await api.request('GET', '/approvals').then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.unavailable).toBe(true);
    expect(apiError.retryAfterSeconds).toBeGreaterThan(0);
    expect(apiError.body?.error?.code).toBe('storage_unavailable');
    const message = apiError.body?.error?.message as Record<string, string>;
    expect(message['zh-CN']).toMatch(/^服务暂时不可用/);
    expect(message['zh-CN']).toContain('您的数据没有问题');
    expect(message['en-US']).toMatch(/^Service temporarily unavailable/);
    expect(message['en-US']).toContain('storage');
  });

  it('a 503 without a SalesDesk body (a gateway page) is said as temporarily unavailable too', async () => {
    const { createServer } = await import('node:http');
    const gateway = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '7' });
      res.end('<html>Service Unavailable</html>');
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = gateway.address() as { port: number };
      const api = createApiClient({ baseUrl: `http://127.0.0.1:${port}/api` });
      const error = (await api.health().catch((err: unknown) => err)) as ApiError;
      expect(error.unavailable).toBe(true);
      expect(error.retryAfterSeconds).toBe(7);
      const message = error.body?.error?.message as Record<string, string>;
      expect(message['zh-CN']).toBe('服务暂时不可用。您的数据没有问题，请约 7 秒后重试。');
      expect(message['en-US']).toContain('about 7 s');
    } finally {
      await new Promise((resolve) => gateway.close(resolve));
    }
  });
});
