// Arguments of `npm run ops` (the platform team reporting what the manual adapter left PROCESSING). Pure, so every
// rule is unit-tested; bin/ops.ts does the I/O.
import { parseArgs } from 'node:util';
import { isIntentId } from '../shared/domain/intent';
import { isWholeFen, MAX_PRICE_YUAN, yuanToFen } from '../shared/domain/money';
import { FAILURE_CODES } from '../shared/fulfilment/failure-codes';
import type { Outcome } from '../shared/fulfilment/operator';

export const OPS_USAGE = `usage:
  npm run ops -- complete <intentId> --order-id <id> --paid-price <yuan> [--tracking-number <no> --tracking-company <name>]
  npm run ops -- fail <intentId> --code <FAILURE_CODE> --reason <text>
--paid-price is the unit price actually paid: above the app's price tolerance it is refused (fail with PRICE_CHANGED).
An intent an operator has claimed in the console is refused until the claim is released or expires.
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

/** What the CLI reports: the operator console's outcome, through the same code path (./operator). */
export type OpsCommand = Outcome;

const RULES = {
  'order-id': { pattern: /^[A-Za-z0-9_-]{1,64}$/, says: '1–64 characters of A-Z a-z 0-9 _ -' },
  'tracking-number': { pattern: /^[A-Za-z0-9-]{1,64}$/, says: '1–64 characters of A-Z a-z 0-9 -' },
  'tracking-company': { pattern: /^(?=.*\S).{1,50}$/u, says: '1–50 characters, not blank' },
  'paid-price': { pattern: /^\d{1,7}(\.\d{1,2})?$/, says: 'the unit price paid in yuan, at most 2 decimals' },
  code: { pattern: new RegExp(`^(${FAILURE_CODES.join('|')})$`), says: `one of ${FAILURE_CODES.join(', ')}` },
  reason: { pattern: /^(?=.*\S).{1,200}$/u, says: '1–200 characters, not blank' },
} as const;

type Flag = keyof typeof RULES;

function required(values: Record<string, string | undefined>, flag: Flag): string {
  const value = values[flag];
  if (value === undefined) throw new OpsUsageError(`--${flag} is required`);
  if (!RULES[flag].pattern.test(value)) throw new OpsUsageError(`--${flag} must be ${RULES[flag].says}`);
  return value;
}

function paidPrice(values: Record<string, string | undefined>): number {
  const yuan = Number(required(values, 'paid-price'));
  if (!isWholeFen(yuan) || yuan <= 0 || yuan > MAX_PRICE_YUAN)
    throw new OpsUsageError(`--paid-price must be more than 0 and at most ${MAX_PRICE_YUAN}`);
  return yuanToFen(yuan);
}

/** Tracking is optional at completion (it can be added later), but a number needs its carrier and back. */
function tracking(values: Record<string, string | undefined>) {
  if (values['tracking-number'] === undefined && values['tracking-company'] === undefined) return {};
  return {
    trackingNumber: required(values, 'tracking-number'),
    trackingCompany: required(values, 'tracking-company'),
  };
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
    verb === 'complete' ? ['order-id', 'paid-price', 'tracking-number', 'tracking-company'] : ['code', 'reason'];
  const stray = (Object.keys(RULES) as Flag[]).find((f) => values[f] !== undefined && !allowed.includes(f));
  if (stray) throw new OpsUsageError(`--${stray} does not apply to ${verb}`);
  const command: OpsCommand =
    verb === 'complete'
      ? { verb, intentId, orderId: required(values, 'order-id'), paidPriceFen: paidPrice(values), ...tracking(values) }
      : { verb, intentId, failureCode: required(values, 'code'), failureReason: required(values, 'reason') };
  return { command, target: target(values, env) };
}
