// Sign-in for the add-in: a provider per runtime (MSAL in Office, the local issuer in the preview),
// shared by the task pane and the custom functions through the one API client.
export {
  authProvider,
  noAuth,
  onSignInNeeded,
  onUserChanged,
  reportUserChanged,
  reportSignInNeeded,
  readClaims,
  ROLES,
  setAuthProvider,
  staticTokenProvider,
  userOf,
  type AuthProvider,
  type Role,
  type SignedInUser,
} from './provider';
export { can, rolesFor, type Action } from './permissions';
export {
  builtIssuerBaseUrl,
  issuerUrl,
  localIssuerProvider,
  PREVIEW_REGION_KEY,
  PREVIEW_REGIONS,
  PREVIEW_ROLE_KEY,
  previewRegion,
  previewRole,
} from './localIssuer';
