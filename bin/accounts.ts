// `npm run accounts -- invite --org NAME --email E`: the platform team creates a console organisation and its first
// owner (usage in bin/accounts-args.ts). One JSON object on stdout; messages on stderr. Exit 2: bad arguments; 1: failure.
import './node-support';
import { normaliseEmail } from '../shared/console/account-email';
import { cognitoIdentityDirectory } from '../shared/console/identity-cognito';
import { localIdentityDirectory } from '../shared/console/identity-local';
import { createOrganisation } from '../shared/console/organisations';
import { type AccountsTarget, parseAccountsInvocation, USAGE, UsageError } from '../tools/accounts-args';
import { runCli } from '../tools/cli-target';

async function invite(target: AccountsTarget, orgName: string, rawEmail: string) {
  const directory = target.kind === 'aws' ? cognitoIdentityDirectory(target.userPoolId) : localIdentityDirectory();
  const email = normaliseEmail(rawEmail);
  const { sub, temporaryPassword } = await directory.invite(email);
  const { organisation, owner } = await createOrganisation(orgName, sub, email);
  return {
    orgId: organisation.orgId,
    orgName: organisation.name,
    memberId: owner.memberId,
    email,
    sub,
    role: owner.role,
    ...(target.kind === 'aws'
      ? { signIn: 'Cognito has mailed a temporary password; the first sign-in sets a new one' }
      : temporaryPassword
        ? { temporaryPassword }
        : { signIn: 'the account already existed; it keeps its password' }),
  };
}

await runCli(
  {
    name: 'accounts',
    usage: USAGE,
    deployedFlags: '--table --region --user-pool-id for a deployed stack',
    parse: parseAccountsInvocation,
    run: (command, target) => invite(target, command.orgName, command.email),
    explain: (e, command) =>
      e.name === 'AlreadyMemberError' ? `${command.email} already belongs to an organisation` : undefined,
  },
  UsageError,
);
