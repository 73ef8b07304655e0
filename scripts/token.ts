/**
 * `npm run token -- Sales.Clerk [Finance …] [--name 张三] [--minutes 60]`: prints a bearer token of the
 * local issuer (the key pair in .salesdesk/local-issuer/, created on first use) for the dev host on
 * this machine. For curl and scripts:
 *
 *   curl -H "Authorization: Bearer $(npm run -s token -- Sales.Clerk)" http://localhost:7071/api/approvals
 *
 * The dev host verifies it exactly as Azure verifies Entra ID tokens; Azure never accepts it.
 */
import { openLocalIssuer } from '../functions/src/auth/localIssuer';
import { ROLES } from '../functions/src/http/caller';

function main(argv: readonly string[]): number {
  const roles: string[] = [];
  let name: string | undefined;
  let minutes = 60;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--name') name = argv[++i];
    else if (arg === '--minutes') minutes = Number(argv[++i]);
    else roles.push(...arg.split(',').filter(Boolean));
  }
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || unknown.length > 0 || !Number.isFinite(minutes)) {
    console.error(
      `用法 / usage: npm run token -- <${ROLES.join('|')}> [更多角色 more roles] [--name 姓名] [--minutes 60]` +
        (unknown.length ? `\n未知角色 / unknown role: ${unknown.join(', ')}` : ''),
    );
    return 1;
  }
  const token = openLocalIssuer().mint({
    roles,
    name: name ?? `本地 ${roles.join('+')}`,
    expiresInSeconds: Math.round(minutes * 60),
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
