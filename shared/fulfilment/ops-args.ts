// Arguments of `npm run ops` (the platform team reporting what the manual adapter left PROCESSING). Pure, so every
// rule is unit-tested; bin/ops.ts does the I/O.
import { parseArgs } from 'node:util';
import { isIntentId } from '../domain/intent';

export const OPS_USAGE = `usage:
  npm run ops -- complete <intentId> --order-id <id> --tracking-number <no> --tracking-company <name>
  npm run ops -- fail <intentId> --code <FAILURE_CODE> --reason <text>
target (default: the local runtime's DynamoDB Local at http://127.0.0.1:\${DYNAMODB_PORT:-8000}, table procure-core-local):
  --endpoint <url>                    another DynamoDB Local
  --table <name> --region <region>    a deployed table (AWS credentials from the usual chain)`;

export class OpsUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpsUsageError';
  }
}

export type OpsTarget =
  | { kind: 'local'; endpoint: string; table: string }
  | { kind: 'aws'; region: string; table: string };

export type OpsCommand =
  | { verb: 'complete'; intentId: string; orderId: string; trackingNumber: string; trackingCompany: string }
  | { verb: 'fail'; intentId: string; failureCode: string; failureReason: string };

const RULES = {
  'order-id': { pattern: /^[A-Za-z0-9_-]{1,64}$/, says: '1–64 characters of A-Z a-z 0-9 _ -' },
  'tracking-number': { pattern: /^[A-Za-z0-9-]{1,64}$/, says: '1–64 characters of A-Z a-z 0-9 -' },
  'tracking-company': { pattern: /^(?=.*\S).{1,50}$/u, says: '1–50 characters, not blank' },
  code: { pattern: /^[A-Z][A-Z0-9_]{1,63}$/, says: 'UPPER_SNAKE_CASE, 2–64 characters (e.g. OUT_OF_STOCK)' },
  reason: { pattern: /^(?=.*\S).{1,200}$/u, says: '1–200 characters, not blank' },
} as const;

type Flag = keyof typeof RULES;

function required(values: Record<string, string | undefined>, flag: Flag): string {
  const value = values[flag];
  if (value === undefined) throw new OpsUsageError(`--${flag} is required`);
  if (!RULES[flag].pattern.test(value)) throw new OpsUsageError(`--${flag} must be ${RULES[flag].says}`);
  return value;
}

function target(values: Record<string, string | undefined>, env: NodeJS.ProcessEnv): OpsTarget {
  if (values.region) {
    if (!values.table) throw new OpsUsageError('--region needs --table <name> (the deployed table)');
    if (values.endpoint) throw new OpsUsageError('--endpoint and --region are exclusive');
    return { kind: 'aws', region: values.region, table: values.table };
  }
  const endpoint = values.endpoint ?? `http://127.0.0.1:${env.DYNAMODB_PORT || '8000'}`;
  try {
    new URL(endpoint);
  } catch {
    throw new OpsUsageError(`--endpoint ${endpoint}: not a URL`);
  }
  return { kind: 'local', endpoint, table: values.table ?? 'procure-core-local' };
}

export function parseOps(argv: string[], env: NodeJS.ProcessEnv = {}): { command: OpsCommand; target: OpsTarget } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        [...Object.keys(RULES), 'endpoint', 'table', 'region'].map((name) => [name, { type: 'string' as const }]),
      ),
    });
  } catch (error) {
    throw new OpsUsageError((error as Error).message);
  }
  const values = parsed.values as Record<string, string | undefined>;
  const [verb, intentId, ...extra] = parsed.positionals;
  if (verb !== 'complete' && verb !== 'fail')
    throw new OpsUsageError(`unknown command "${verb ?? ''}": use complete or fail`);
  if (!intentId || !isIntentId(intentId))
    throw new OpsUsageError(`"${intentId ?? ''}" is not an intent id (intent_<ULID>)`);
  if (extra.length > 0) throw new OpsUsageError(`unexpected argument "${extra[0]}"`);
  const allowed: Flag[] =
    verb === 'complete' ? ['order-id', 'tracking-number', 'tracking-company'] : ['code', 'reason'];
  const stray = (Object.keys(RULES) as Flag[]).find((f) => values[f] !== undefined && !allowed.includes(f));
  if (stray) throw new OpsUsageError(`--${stray} does not apply to ${verb}`);
  const command: OpsCommand =
    verb === 'complete'
      ? {
          verb,
          intentId,
          orderId: required(values, 'order-id'),
          trackingNumber: required(values, 'tracking-number'),
          trackingCompany: required(values, 'tracking-company'),
        }
      : { verb, intentId, failureCode: required(values, 'code'), failureReason: required(values, 'reason') };
  return { command, target: target(values, env) };
}
