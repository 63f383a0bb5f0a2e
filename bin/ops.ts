// `npm run ops -- complete|fail <intentId> ...`: the platform team reports the outcome of an order placed by hand.
// One JSON object on stdout; messages on stderr. Exit 2: bad arguments; 1: refused or failed.
import './node-support';
import { userInfo } from 'node:os';
import { recordOutcome } from '../shared/fulfilment/operator';
import { OPS_USAGE, OpsUsageError, parseOps } from '../tools/ops-args';

function exit(message: string, code: number): never {
  process.stderr.write(`ops: ${message}\n`);
  process.exit(code);
}

async function main() {
  let parsed: ReturnType<typeof parseOps>;
  try {
    parsed = parseOps(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof OpsUsageError) exit(`${error.message}\n${OPS_USAGE}`, 2);
    throw error;
  }
  const { command, target } = parsed;
  // Where the store client points, set before its first call.
  process.env.TABLE_NAME = target.table;
  if (target.kind === 'local') Object.assign(process.env, { DYNAMODB_ENDPOINT: target.endpoint, AWS_REGION: 'local' });
  else Object.assign(process.env, { AWS_REGION: target.region, DYNAMODB_ENDPOINT: '' });
  try {
    const intent = await recordOutcome(command);
    // Who did it, next to the history event the store wrote with actor "operator".
    process.stderr.write(`ops: ${intent.id} is ${intent.status}, reported by ${userInfo().username}
`);
    process.stdout.write(`${JSON.stringify({ id: intent.id, status: intent.status, updatedAt: intent.updatedAt })}\n`);
  } catch (error) {
    exit((error as Error).message, 1);
  }
}

await main();
