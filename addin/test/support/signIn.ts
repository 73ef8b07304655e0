// The add-in signed in for a test file: the API client (task pane and custom functions) sends real
// tokens of the test issuer (functions/test/support/identity.ts), which the test dev host verifies.
import { authProvider, setAuthProvider, staticTokenProvider, type AuthProvider } from '../../src/auth';
import { tokenFor } from '../../../functions/test/support/identity';

export { actingAs, tokenFor } from '../../../functions/test/support/identity';

/** Signs the add-in in as `name` with `roles` from beforeAll to afterAll. */
export function useSignedIn(name: string, ...roles: string[]): void {
  let before: AuthProvider;
  beforeAll(() => {
    before = authProvider();
    setAuthProvider(staticTokenProvider(() => tokenFor(name, roles)));
  });
  afterAll(() => setAuthProvider(before));
}
