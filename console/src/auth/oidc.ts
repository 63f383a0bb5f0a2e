// The one UserManager: it owns the tokens (session storage, oidc-client-ts's default) and their silent renewal.
import { UserManager } from 'oidc-client-ts';
import type { ConsoleConfig } from '../config';

export const CONSOLE_BASE = '/console/';

export function createUserManager(config: ConsoleConfig): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}${config.redirectPath}`,
    post_logout_redirect_uri: `${origin}${CONSOLE_BASE}`,
    response_type: 'code',
    // profile carries cognito:groups (operators) in the ID token, locally and on Cognito.
    scope: config.scope ?? 'openid email profile',
    automaticSilentRenew: true,
    ...(config.metadataSeed ? { metadataSeed: config.metadataSeed } : {}),
  });
}

/** Where the browser was when sign-in started, so the callback can go back there. */
export interface SignInState {
  returnTo: string;
}

export function currentPath(): string {
  return window.location.pathname + window.location.search;
}
