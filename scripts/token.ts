/**
 * `npm run token -- Sales.Clerk [Finance …] [--name 张三] [--minutes 60]`, and for a regional manager
 * `npm run token -- Sales.Manager --region 华东 [--region 华中]` (the `region` claim: managers read only
 * their 片区): prints a bearer token of the local issuer (the key pair in .salesdesk/local-issuer/,
 * created on first use) for the dev host on this machine. For curl and scripts:
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
  const regions: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--name') name = argv[++i];
    else if (arg === '--region') regions.push(...(argv[++i] ?? '').split(/[,，、]/).filter(Boolean));
    else if (arg === '--minutes') minutes = Number(argv[++i]);
    else roles.push(...arg.split(',').filter(Boolean));
  }
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || unknown.length > 0 || !Number.isFinite(minutes)) {
    console.error(
      `用法 / usage: npm run token -- <${ROLES.join('|')}> [更多角色 more roles] [--region 片区 …] [--name 姓名] [--minutes 60]` +
        (unknown.length ? `\n未知角色 / unknown role: ${unknown.join(', ')}` : ''),
    );
    return 1;
  }
  if (roles.includes('Sales.Manager') && regions.length === 0)
    console.error(
      '注意：没有 --region 的销售经理令牌读不到按片区的数据（应收、对账单、考核：403）。\n' +
        'Note: a Sales.Manager token without --region is refused per-region data (receivables, statements, scorecard: 403).',
    );
  const token = openLocalIssuer().mint({
    roles,
    regions,
    name: name ?? `本地 ${roles.join('+')}${regions.length ? ` ${regions.join('、')}` : ''}`,
    expiresInSeconds: Math.round(minutes * 60),
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
