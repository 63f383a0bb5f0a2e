// IdentityDirectory for the local runtime: an invited e-mail gets a local account with a temporary password that
// the inviter hands over (there is no mail locally). It stays valid; the local runtime does not force a change.
import type { IdentityDirectory } from './identity-directory';
import { createLocalAccount } from './local-accounts';
import { temporaryPassword } from './password';

export function localIdentityDirectory(): IdentityDirectory {
  return {
    async invite(email) {
      const password = temporaryPassword();
      const { account, created } = await createLocalAccount({ email, password });
      // An existing account keeps its password: the invite only adds a membership.
      return created ? { sub: account.sub, temporaryPassword: password } : { sub: account.sub };
    },
  };
}
