// `npm run accounts -- invite --org NAME --email E`: the platform team creates a console organisation and its first
// owner (usage in bin/accounts-args.ts). One JSON object on stdout; messages on stderr. Exit 2: bad arguments; 1: failure.
import './node-support';
import { type AccountsTarget, parseAccountsInvocation, USAGE, UsageError } from './accounts-args';
import { failWith, listening, useTarget } from './cli-target';

const fail = failWith('accounts');

async function invite(target: AccountsTarget, orgName: string, rawEmail: string) {
  const { normaliseEmail } = await import('../shared/console/account-email');
  const { createOrganisation } = await import('../shared/console/organisations');
  const directory =
    target.kind === 'aws'
      ? (await import('../shared/console/identity-cognito')).cognitoIdentityDirectory(target.userPoolId)
      : (await import('../shared/console/identity-local')).localIdentityDirectory();
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

async function main() {
  let invocation: ReturnType<typeof parseAccountsInvocation>;
  try {
    invocation = parseAccountsInvocation(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) fail(`${error.message}\n\n${USAGE}`, 2);
    throw error;
  }
  if (invocation.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { command, target } = invocation;
  if (target.kind === 'local' && !(await listening(target.endpoint)))
    fail(
      `no DynamoDB Local at ${target.endpoint}. Start the local runtime first with \`npm start\` ` +
        '(or pass --table --region --user-pool-id for a deployed stack).',
      1,
    );
  useTarget(target);
  try {
    process.stdout.write(`${JSON.stringify(await invite(target, command.orgName, command.email), null, 2)}\n`);
  } catch (error) {
    const e = error as Error;
    if (e.name === 'AlreadyMemberError') fail(`${command.email} already belongs to an organisation`, 1);
    if (e.name === 'ResourceNotFoundException')
      fail(
        `table ${target.table} not found${target.kind === 'local' ? ` at ${target.endpoint}; has \`npm start\` run?` : ''}`,
        1,
      );
    fail(`${e.name}: ${e.message}`, 1);
  }
}

await main();
