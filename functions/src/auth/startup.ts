/** Start-up refusals: settings that make sense on a developer's machine and are dangerous in Azure. */
import { onAzure, type Env } from './config';

export class UnsafeStartupError extends Error {
  override readonly name = 'UnsafeStartupError';
}

/** Throws when a development-only identity source is configured while running in Azure. */
export function assertSafeStartup(env: Env = process.env): void {
  if (!onAzure(env)) return;
  const devOnly = ['SALESDESK_DEV_IDENTITY', 'SALESDESK_LOCAL_ISSUER_JWKS_URL'].filter((name) => !!env[name]);
  if (devOnly.length > 0) {
    throw new UnsafeStartupError(
      `SalesDesk refuses to start: ${devOnly.join(', ')} is for local development only and is set while ` +
        `running in Azure (WEBSITE_INSTANCE_ID). Remove it from the Function App settings. / ` +
        `SalesDesk 拒绝启动：${devOnly.join('、')} 仅供本地开发使用，不得在 Azure 中设置。`,
    );
  }
}
