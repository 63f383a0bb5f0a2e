// The identity directory port (console spec): who can sign in to the console. Cognito on AWS, the local runtime's
// own accounts on `npm start`. The console API's team invite and `npm run accounts` call it; nothing else.
import { cognitoIdentityDirectory } from './identity-cognito';
import { localIdentityDirectory } from './identity-local';

export interface IdentityDirectory {
  /** Creates the sign-in account (or finds the existing one) and returns its `sub`. Cognito: AdminCreateUser
   * (e-mail as username, temporary password mailed by Cognito). Local: a local account with a generated
   * temporary password returned here. */
  invite(email: string): Promise<{ sub: string; temporaryPassword?: string }>;
}

/** Set on every console function by the stack; its presence is what selects Cognito. */
export const USER_POOL_ID_ENV = 'USER_POOL_ID';

let chosen: IdentityDirectory | undefined;

/** Cognito when USER_POOL_ID is set; the local accounts in the local runtime; anything else is a deployment error. */
export function identityDirectory(): IdentityDirectory {
  if (chosen) return chosen;
  const userPoolId = process.env[USER_POOL_ID_ENV];
  if (userPoolId) chosen = cognitoIdentityDirectory(userPoolId);
  else if (process.env.LOCAL_RUNTIME === 'true') chosen = localIdentityDirectory();
  else throw new Error(`${USER_POOL_ID_ENV} environment variable is not set`);
  return chosen;
}
