// The sign-in bar's words, in both languages.
import type { Bilingual, Locale } from '../../i18n/locale';
import type { Action, Role } from '../../auth';

const texts = {
  signedInAs: { 'zh-CN': '已登录：{name}（{roles}）', 'en-US': 'Signed in: {name} ({roles})' },
  notSignedIn: { 'zh-CN': '未登录', 'en-US': 'Not signed in' },
  noRole: { 'zh-CN': '无 SalesDesk 角色', 'en-US': 'no SalesDesk role' },
  signIn: { 'zh-CN': '登录', 'en-US': 'Sign in' },
  signOut: { 'zh-CN': '退出登录', 'en-US': 'Sign out' },
  signInAgain: {
    'zh-CN': '请重新登录：登录已过期或无效，服务拒绝了请求。',
    'en-US': 'Sign in again: your sign-in has expired or is not valid, so the service refused the request.',
  },
  signInAgainButton: { 'zh-CN': '重新登录', 'en-US': 'Sign in again' },
  signInFailed: { 'zh-CN': '登录失败：{reason}', 'en-US': 'Sign-in failed: {reason}' },
  previewRole: { 'zh-CN': '预览角色（本地令牌）', 'en-US': 'Preview role (local token)' },
  previewRegion: {
    'zh-CN': '销售经理的片区（只能查看本片区的应收和考核）',
    'en-US': "The manager's region (receivables and scorecard of this region only)",
  },
  notAllowed: {
    'zh-CN': '只有{who}可以{what}。您的角色：{roles}。',
    'en-US': 'Only {who} can {what}. Your roles: {roles}.',
  },
} satisfies Record<string, Bilingual>;

const ROLE_NAMES: Record<Role, Bilingual> = {
  'Sales.Head': { 'zh-CN': '销售部部长', 'en-US': 'the sales head' },
  'Sales.Manager': { 'zh-CN': '销售经理', 'en-US': 'a sales manager' },
  'Sales.Clerk': { 'zh-CN': '销售内勤', 'en-US': 'a sales clerk' },
  Finance: { 'zh-CN': '销售会计', 'en-US': 'the sales accountant' },
};

const ACTIONS: Record<Action, Bilingual> = {
  publishPolicy: { 'zh-CN': '发布价格政策', 'en-US': 'publish the price policy' },
  publishPlan: { 'zh-CN': '发布年度计划', 'en-US': 'publish the annual plan' },
  registerApproval: { 'zh-CN': '登记特殊订单审批', 'en-US': 'register special-order approvals' },
  runMonthEnd: { 'zh-CN': '同步台账并运行月末对账', 'en-US': 'sync the ledgers and run the month end' },
  closeMonth: { 'zh-CN': '结账或反结账', 'en-US': 'close or reopen the month' },
};

export function siText(locale: Locale, key: keyof typeof texts, params: Record<string, string> = {}): string {
  return texts[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

export function roleName(locale: Locale, role: Role): string {
  return ROLE_NAMES[role][locale];
}

export function actionName(locale: Locale, action: Action): string {
  return ACTIONS[action][locale];
}
