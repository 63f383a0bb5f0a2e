// The identity directory port (console spec): who can sign in to the console. Its two adapters and the selector
// (identity.ts) import this file, so neither adapter depends on the selector that chooses it.
export interface IdentityDirectory {
  /** Creates the sign-in account (or finds the existing one) and returns its `sub`. Cognito: AdminCreateUser
   * (e-mail as username, temporary password mailed by Cognito). Local: a local account with a generated
   * temporary password returned here. */
  invite(email: string): Promise<{ sub: string; temporaryPassword?: string }>;
}
