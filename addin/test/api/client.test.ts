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
    expect(message['en-US']).toContain(`${apiError.retryAfterSeconds} s`);
  });
});
