// Parses `npm run apps -- ...` (API reference: the console and the local runtime) into a command, or a UsageError (exit code 2).
// Pure: no I/O, so every argument rule is unit-tested without a table.
import { parseArgs } from 'node:util';
import { isValidCidr, isValidLimit, RATE_LIMIT_CLASSES, type RateLimits } from '../shared/apps/app';
import type { RateLimitClass } from '../shared/routes';
import { checkWebhookUrl } from '../shared/webhooks/ssrf';

export const USAGE = `usage: npm run apps -- <command> [options] [target]

commands:
  create --name <name> [--ip <cidr>]... [--webhook <url>] [--limit <class>=<n>]... [--org <orgId>]
                                      create an app; prints {"appId","appSecret",...} (the only time the secret is shown)
  list                                every app, without secrets
  show <appId>                        one app, without secrets
  rotate-secret <appId> [--old-secret-valid-hours <h>]
                                      issue a new secret; the old one stays valid for <h> hours (default 24, 0 = now)
  disable <appId> | enable <appId>    refuse / accept the app's requests (within the 30 s app cache)
  set-ip <appId> --ip <cidr>... | --clear
                                      replace the IP whitelist (IPv4/IPv6 CIDRs or addresses); --clear allows any
  set-webhook <appId> --webhook <url> | --clear
  set-limit <appId> --limit <class>=<n>... | --clear
                                      per-second overrides; classes: create (10), query (100), update (20)
  set-org <appId> --org <orgId>       attach the app to a console organisation (npm run accounts makes them);
                                      an app belongs to one organisation for good

target (default: the local runtime's DynamoDB Local at http://127.0.0.1:\${DYNAMODB_PORT:-8000}, table procure-core-local):
  --endpoint <url>                    another DynamoDB Local
  --table <name> --region <region>    a deployed table (AWS credentials from the usual chain)
  --kms-key <id|arn|alias>            the stack's app-secrets KMS key (or APP_SECRETS_KMS_KEY_ID); needed on AWS
                                      by create and rotate-secret
`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Target =
  | { kind: 'local'; endpoint: string; table: string }
  | { kind: 'aws'; region: string; table: string; kmsKeyId?: string };

export type Command =
  | { verb: 'create'; name: string; ipWhitelist: string[]; webhookUrl?: string; limits: RateLimits; orgId?: string }
  | { verb: 'list' }
  | { verb: 'show' | 'disable' | 'enable'; appId: string }
  | { verb: 'rotate-secret'; appId: string; oldSecretValidMs: number }
  | { verb: 'set-ip'; appId: string; ipWhitelist: string[] }
  | { verb: 'set-webhook'; appId: string; webhookUrl: string | null }
  | { verb: 'set-limit'; appId: string; limits: RateLimits }
  | { verb: 'set-org'; appId: string; orgId: string };

export interface Invocation {
  command: Command;
  target: Target;
  help?: boolean;
}

const VERBS = [
  'create',
  'list',
  'show',
  'rotate-secret',
  'disable',
  'enable',
  'set-ip',
  'set-webhook',
  'set-limit',
  'set-org',
];
const DEFAULT_OLD_SECRET_HOURS = 24;

function parseLimits(values: string[]): RateLimits {
  const limits: RateLimits = {};
  for (const value of values) {
    const match = /^([a-z]+)=(\d+)$/.exec(value);
    const rateClass = match?.[1] as RateLimitClass | undefined;
    if (!match || !rateClass || !RATE_LIMIT_CLASSES.includes(rateClass) || !isValidLimit(Number(match[2])))
      throw new UsageError(
        `--limit ${value}: expected <class>=<n> with class ${RATE_LIMIT_CLASSES.join('|')} and n from 1 to 100000`,
      );
    limits[rateClass] = Number(match[2]);
  }
  return limits;
}

function parseIps(values: string[]): string[] {
  for (const value of values)
    if (!isValidCidr(value)) throw new UsageError(`--ip ${value}: not an IPv4/IPv6 address or CIDR`);
  return values.map((v) => v.trim());
}

/** The sender's own URL rule (shared/webhooks/ssrf): a URL it would refuse is refused here, with its reason. */
function parseWebhook(value: string, target: Target): string {
  const checked = checkWebhookUrl(value, { local: target.kind === 'local' });
  if (!checked.ok)
    throw new UsageError(
      `--webhook ${JSON.stringify(value)}: ${checked.reason}` +
        (target.kind === 'local' ? ' (this is the local runtime; a deployed table takes public https URLs)' : ''),
    );
  return value;
}

const ORG_ID = /^org_[a-z0-9_]{1,64}$/;

function parseOrg(value: string): string {
  if (!ORG_ID.test(value)) throw new UsageError(`--org ${value}: not an organisation id (org_...)`);
  return value;
}

function parseTarget(
  values: { table?: string; region?: string; endpoint?: string; 'kms-key'?: string },
  env: NodeJS.ProcessEnv,
): Target {
  if (values.region) {
    if (!values.table) throw new UsageError('--region needs --table <name> (the deployed table)');
    if (values.endpoint) throw new UsageError('--endpoint and --region are exclusive');
    const kmsKeyId = values['kms-key'] ?? env.APP_SECRETS_KMS_KEY_ID;
    return { kind: 'aws', region: values.region, table: values.table, ...(kmsKeyId ? { kmsKeyId } : {}) };
  }
  if (values['kms-key']) throw new UsageError('--kms-key is for a deployed table: add --table and --region');
  return localTarget(values, env);
}

/** The local runtime's store by default (its DynamoDB Local and table), or another DynamoDB Local. */
export function localTarget(
  values: { table?: string; endpoint?: string },
  env: NodeJS.ProcessEnv,
): { kind: 'local'; endpoint: string; table: string } {
  const endpoint = values.endpoint ?? `http://127.0.0.1:${env.DYNAMODB_PORT || '8000'}`;
  try {
    new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint ${endpoint}: not a URL`);
  }
  return { kind: 'local', endpoint, table: values.table ?? 'procure-core-local' };
}

type Values = ReturnType<typeof parse>['values'];

/** The flags each command takes besides the target's. */
const COMMAND_FLAGS: Record<string, string[]> = {
  create: ['name', 'ip', 'webhook', 'limit', 'org'],
  list: [],
  show: [],
  disable: [],
  enable: [],
  'rotate-secret': ['old-secret-valid-hours'],
  'set-ip': ['ip', 'clear'],
  'set-webhook': ['webhook', 'clear'],
  'set-limit': ['limit', 'clear'],
  'set-org': ['org'],
};
const TARGET_FLAGS = ['table', 'region', 'endpoint', 'kms-key', 'help'];

export function parseInvocation(argv: string[], env: NodeJS.ProcessEnv = process.env): Invocation {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [verb, appIdArg, ...extra] = positionals;
  if (values.help) return { help: true, command: { verb: 'list' }, target: parseTarget(values, env) };
  if (!verb) throw new UsageError('missing command');
  if (!VERBS.includes(verb)) throw new UsageError(`unknown command ${verb}`);
  const target = parseTarget(values, env);
  checkPositionals(verb, appIdArg, extra);
  checkFlags(verb, values);
  const command = commandOf(verb, appIdArg ?? '', values, target);
  if (target.kind === 'aws' && !target.kmsKeyId && (verb === 'create' || verb === 'rotate-secret'))
    throw new UsageError(
      `${verb} on a deployed table needs --kms-key (or APP_SECRETS_KMS_KEY_ID): secrets are sealed with it`,
    );
  return { command, target };
}

/** create and list take no app id; every other command takes exactly one. */
function checkPositionals(verb: string, appIdArg: string | undefined, extra: string[]): void {
  if (verb === 'create' || verb === 'list') {
    if (appIdArg !== undefined) throw new UsageError(`${verb} takes no positional argument (got ${appIdArg})`);
    return;
  }
  if (!appIdArg) throw new UsageError(`${verb} needs the app id: npm run apps -- ${verb} <appId>`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
}

function checkFlags(verb: string, values: Values): void {
  for (const flag of Object.keys(values))
    if (!TARGET_FLAGS.includes(flag) && !COMMAND_FLAGS[verb]?.includes(flag))
      throw new UsageError(`${verb} does not take --${flag}`);
}

function commandOf(verb: string, appId: string, values: Values, target: Target): Command {
  const ips = values.ip ?? [];
  const limits = values.limit ?? [];
  const needsOne = (flag: string, has: boolean) => {
    if (values.clear && has) throw new UsageError(`${verb}: --${flag} and --clear are exclusive`);
    if (!values.clear && !has) throw new UsageError(`${verb} needs --${flag} (or --clear)`);
  };
  switch (verb) {
    case 'create':
      return createCommand(values, target);
    case 'list':
      return { verb };
    case 'show':
    case 'disable':
    case 'enable':
      return { verb, appId };
    case 'rotate-secret':
      return { verb, appId, oldSecretValidMs: oldSecretValidMs(values['old-secret-valid-hours']) };
    case 'set-ip':
      needsOne('ip', ips.length > 0);
      return { verb, appId, ipWhitelist: parseIps(ips) };
    case 'set-webhook':
      needsOne('webhook', values.webhook !== undefined);
      return { verb, appId, webhookUrl: values.webhook === undefined ? null : parseWebhook(values.webhook, target) };
    case 'set-org':
      if (values.org === undefined) throw new UsageError('set-org needs --org <orgId>');
      return { verb, appId, orgId: parseOrg(values.org) };
    default:
      needsOne('limit', limits.length > 0);
      return { verb: 'set-limit', appId, limits: parseLimits(limits) };
  }
}

function createCommand(values: Values, target: Target): Command {
  const name = values.name?.trim();
  if (!name || name.length > 100) throw new UsageError('create needs --name <name> (1-100 characters)');
  return {
    verb: 'create',
    name,
    ipWhitelist: parseIps(values.ip ?? []),
    ...(values.webhook ? { webhookUrl: parseWebhook(values.webhook, target) } : {}),
    limits: parseLimits(values.limit ?? []),
    ...(values.org === undefined ? {} : { orgId: parseOrg(values.org) }),
  };
}

function oldSecretValidMs(hoursText = String(DEFAULT_OLD_SECRET_HOURS)): number {
  const hours = Number(hoursText);
  if (!/^\d+(\.\d+)?$/.test(hoursText) || hours > 24 * 30)
    throw new UsageError('--old-secret-valid-hours: a number of hours from 0 to 720');
  return Math.round(hours * 3_600_000);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      ip: { type: 'string', multiple: true },
      webhook: { type: 'string' },
      limit: { type: 'string', multiple: true },
      'old-secret-valid-hours': { type: 'string' },
      org: { type: 'string' },
      clear: { type: 'boolean' },
      table: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      'kms-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
