// The identity directory port (console spec): who can sign in to the console. Cognito on AWS, the local runtime's
// own accounts on `npm start`. The console API's team invite and `npm run accounts` call it; nothing else.

import { config, ENV } from '../config';
import { cognitoIdentityDirectory } from './identity-cognito';
import type { IdentityDirectory } from './identity-directory';
import { localIdentityDirectory } from './identity-local';

export type { IdentityDirectory } from './identity-directory';

/** Set on every console function by the stack; its presence is what selects Cognito. */
export const USER_POOL_ID_ENV = ENV.USER_POOL_ID;

let chosen: IdentityDirectory | undefined;

/** Cognito when USER_POOL_ID is set; the local accounts in the local runtime; anything else is a deployment error. */
export function identityDirectory(): IdentityDirectory {
  if (chosen) return chosen;
  const userPoolId = config.userPoolId();
  if (userPoolId) chosen = cognitoIdentityDirectory(userPoolId);
  else if (config.isLocalRuntime()) chosen = localIdentityDirectory();
  else throw new Error(`${USER_POOL_ID_ENV} environment variable is not set`);
  return chosen;
}
