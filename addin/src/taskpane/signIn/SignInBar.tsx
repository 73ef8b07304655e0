// Who is signed in, with which roles, and a sign-out; "请重新登录 / Sign in again" when the API
// refused our token. In the browser preview also the role picker (tokens from the local issuer).
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarActions,
  Select,
  Text,
  makeStyles,
} from '@fluentui/react-components';
import { ROLES, rolesFor, type Action, type Role } from '../../auth';
import { useApp } from '../AppContext';
import { actionName, roleName, siText } from './strings';

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', gap: '8px', flexWrap: 'wrap', padding: '0 12px' },
});

export interface SignInBarProps {
  /**
   * The preview's role picker: the role tokens are minted for, and how to change it; for a manager
   * also the 片区 (`regions` offered), which the API limits them to.
   */
  previewRole?: {
    role: Role;
    onChange: (role: Role) => void;
    region?: string;
    regions?: readonly string[];
    onRegionChange?: (region: string) => void;
  };
}

export function SignInBar({ previewRole }: SignInBarProps) {
  const styles = useStyles();
  const { locale, signIn: session } = useApp();
  const user = session.user;
  const roles = user?.roles.length ? user.roles.join(', ') : siText(locale, 'noRole');
  return (
    <div>
      <div className={styles.bar}>
        <Text size={200} data-testid="signed-in" data-roles={user?.roles.join(',') ?? ''}>
          {user ? siText(locale, 'signedInAs', { name: user.name, roles }) : siText(locale, 'notSignedIn')}
        </Text>
        {previewRole && (
          <Select
            size="small"
            aria-label={siText(locale, 'previewRole')}
            value={previewRole.role}
            onChange={(_, data) => previewRole.onChange(data.value as Role)}
            data-testid="preview-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {`${r} ${roleName(locale, r)}`}
              </option>
            ))}
          </Select>
        )}
        {previewRole?.role === 'Sales.Manager' && previewRole.onRegionChange && (
          <Select
            size="small"
            aria-label={siText(locale, 'previewRegion')}
            value={previewRole.region ?? ''}
            onChange={(_, data) => previewRole.onRegionChange?.(data.value)}
            data-testid="preview-region"
          >
            {(previewRole.regions ?? []).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        )}
        {user ? (
          <Button
            size="small"
            appearance="subtle"
            onClick={() => void session.signOut()}
            data-testid="sign-out"
          >
            {siText(locale, 'signOut')}
          </Button>
        ) : (
          <Button size="small" onClick={() => void session.signIn()} data-testid="sign-in">
            {siText(locale, 'signIn')}
          </Button>
        )}
      </div>
      {session.signInNeeded && (
        <MessageBar intent="warning" layout="multiline" data-testid="sign-in-again">
          <MessageBarBody>{siText(locale, 'signInAgain')}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void session.signIn()} data-testid="sign-in-again-button">
              {siText(locale, 'signInAgainButton')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {session.error && (
        <MessageBar intent="error" data-testid="sign-in-error">
          <MessageBarBody>{siText(locale, 'signInFailed', { reason: session.error[locale] })}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** Said instead of a button the user's roles do not allow (the API would refuse it: 403). */
export function NotAllowedNote({ action, testId }: { action: Action; testId: string }) {
  const { locale, signIn: session } = useApp();
  const who = rolesFor(action)
    .map((r) => roleName(locale, r))
    .join(locale === 'zh-CN' ? '或' : ' or ');
  const roles = session.user?.roles.length ? session.user.roles.join(', ') : siText(locale, 'noRole');
  return (
    <Text size={200} data-testid={testId}>
      {siText(locale, 'notAllowed', { who, what: actionName(locale, action), roles })}
    </Text>
  );
}
