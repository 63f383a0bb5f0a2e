// Parses `npm run accounts -- ...` into a command and a target, or a UsageError (exit code 2). Pure: no I/O.

import { parseArgs } from 'node:util';
import { localTarget, UsageError } from './apps-args';

export const USAGE = `usage: npm run accounts -- invite --org <name> --email <e-mail> [target]

commands:
  invite --org <name> --email <e-mail>
                  create the console organisation <name> with <e-mail> as its first owner; prints
                  {"orgId","orgName","email","sub","role":"owner",...}. Locally the owner gets a local sign-in account
                  and its temporary password is printed (temporaryPassword; there is no mail locally). On AWS Cognito
                  creates the user and mails the temporary password; the first sign-in sets a new one.

target (default: the local runtime's DynamoDB Local at http://127.0.0.1:\${DYNAMODB_PORT:-8000}, table procure-core-local):
  --endpoint <url>                                   another DynamoDB Local
  --table <name> --region <region> --user-pool-id <id>
                                                     a deployed stack (its table and Cognito user pool; stack outputs)

Attach an existing app to the organisation afterwards with: npm run apps -- set-org <appId> --org <orgId>
`;

// One usage error and one local default for the team's CLIs (the apps CLI's).
export { UsageError };

export type AccountsTarget =
  | { kind: 'local'; endpoint: string; table: string }
  | { kind: 'aws'; region: string; table: string; userPoolId: string };

export interface AccountsInvocation {
  help?: boolean;
  command: { verb: 'invite'; orgName: string; email: string };
  target: AccountsTarget;
}

/** Deliberately loose (Cognito checks deliverability by mailing it): one @, no spaces, a dot in the domain. */
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

export function parseAccountsInvocation(argv: string[], env: NodeJS.ProcessEnv = process.env): AccountsInvocation {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const target = parseTarget(values, env);
  if (values.help) return { help: true, command: { verb: 'invite', orgName: '', email: '' }, target };
  const [verb, ...extra] = positionals;
  if (!verb) throw new UsageError('missing command');
  if (verb !== 'invite') throw new UsageError(`unknown command ${verb}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  const orgName = values.org?.trim() ?? '';
  if (!orgName || orgName.length > 100) throw new UsageError('invite needs --org <name> (1-100 characters)');
  const email = values.email?.trim() ?? '';
  if (!EMAIL.test(email) || email.length > 254) throw new UsageError('invite needs --email <e-mail address>');
  return { command: { verb: 'invite', orgName, email }, target };
}

function parseTarget(
  values: { table?: string; region?: string; endpoint?: string; 'user-pool-id'?: string },
  env: NodeJS.ProcessEnv,
): AccountsTarget {
  if (values.region || values['user-pool-id']) {
    if (!values.table || !values.region || !values['user-pool-id'])
      throw new UsageError('a deployed stack needs all of --table <name> --region <region> --user-pool-id <id>');
    if (values.endpoint) throw new UsageError('--endpoint and --region are exclusive');
    return { kind: 'aws', region: values.region, table: values.table, userPoolId: values['user-pool-id'] };
  }
  return localTarget(values, env);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      org: { type: 'string' },
      email: { type: 'string' },
      table: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      'user-pool-id': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
