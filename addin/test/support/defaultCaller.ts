// Jest setup for the add-in's tests: when a test file sets SALESDESK_DEV_IDENTITY (the roles its
// tests act with, as functions/test/support/api.ts reads it), the add-in's API client sends a real
// token of the test issuer for those roles; unset → no token. Files may set their own provider.
import { setAuthProvider, userOf } from '../../src/auth';
import { tokenFor } from '../../../functions/test/support/identity';

const current = () => {
  const roles = process.env.SALESDESK_DEV_IDENTITY;
  return roles ? tokenFor('测试用户', roles.split(',')) : null;
};

setAuthProvider({
  kind: 'static',
  getToken: async () => current(),
  user: () => {
    const token = current();
    return token ? userOf(token) : null;
  },
  signOut: async () => undefined,
});
