// The identity directory port (console-spec "Identity directory port"): the console-identity branch implements it
// (local accounts and Cognito); this file keeps exactly the spec's shape until that branch is merged.
export interface IdentityDirectory {
  /** Creates the sign-in account (or finds the existing one) and returns its `sub`. Cognito: AdminCreateUser
   * (e-mail as username, temporary password mailed by Cognito). Local: a local account with a generated
   * temporary password returned here. */
  invite(email: string): Promise<{ sub: string; temporaryPassword?: string }>;
}

export function identityDirectory(): IdentityDirectory {
  throw new Error('identity directory not available: merge the console-identity branch');
}
