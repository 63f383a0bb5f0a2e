// What the platform team's CLIs (apps, accounts) share: where they point (the local runtime's DynamoDB Local or a
// deployed table) and how they fail. Imported by entry points, never itself one.
import { connect } from 'node:net';

export type StoreTarget =
  | { kind: 'local'; endpoint: string; table: string }
  | { kind: 'aws'; region: string; table: string; kmsKeyId?: string };

/** Writes `<cli>: message` on stderr and exits with `code` (2: bad arguments, 1: failure). */
export function failWith(cli: string): (message: string, code: number) => never {
  return (message, code) => {
    process.stderr.write(`${cli}: ${message}\n`);
    process.exit(code);
  };
}

/** True when something accepts TCP connections at the endpoint (DynamoDB Local is up). */
export function listening(endpoint: string): Promise<boolean> {
  const url = new URL(endpoint);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return new Promise((done) => {
    const socket = connect({ host: url.hostname, port, timeout: 2000 });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('timeout', () => finish(false));
  });
}

/** Points the store client at the target: set before the CLI's first store call, when the client reads it. */
export function useTarget(target: StoreTarget): void {
  process.env.TABLE_NAME = target.table;
  if (target.kind === 'local') {
    Object.assign(process.env, { DYNAMODB_ENDPOINT: target.endpoint, AWS_REGION: process.env.AWS_REGION || 'local' });
    // Local secrets are sealed with the local key, whatever the shell exports.
    delete process.env.APP_SECRETS_KMS_KEY_ID;
  } else {
    delete process.env.DYNAMODB_ENDPOINT;
    process.env.AWS_REGION = target.region;
    if (target.kmsKeyId) process.env.APP_SECRETS_KMS_KEY_ID = target.kmsKeyId;
  }
}

export interface CliSpec<C, T extends StoreTarget> {
  name: string;
  usage: string;
  /** How to point at a deployed stack, for the message when no DynamoDB Local answers. */
  deployedFlags: string;
  parse(argv: string[]): { help: true } | { help?: false; command: C; target: T };
  run(command: C, target: T): Promise<unknown>;
  /** Errors whose message is the whole story (exit 1 with it), by name; or a function that words one. */
  explain(error: Error, command: C): string | undefined;
}

/**
 * The common shape of the team's CLIs: parse (exit 2 with the usage), check the local store is up, point the store
 * at the target, run, print one JSON object; known failures exit 1 with one line.
 */
export async function runCli<C, T extends StoreTarget>(spec: CliSpec<C, T>, usageError: new (...a: never[]) => Error) {
  const fail = failWith(spec.name);
  let invocation: ReturnType<CliSpec<C, T>['parse']>;
  try {
    invocation = spec.parse(process.argv.slice(2));
  } catch (error) {
    if (error instanceof usageError) fail(`${error.message}\n\n${spec.usage}`, 2);
    throw error;
  }
  if (invocation.help) {
    process.stdout.write(spec.usage);
    return;
  }
  const { command, target } = invocation;
  if (target.kind === 'local' && !(await listening(target.endpoint)))
    fail(
      `no DynamoDB Local at ${target.endpoint}. Start the local runtime first with \`npm start\` ` +
        `(or pass ${spec.deployedFlags}).`,
      1,
    );
  useTarget(target);
  try {
    process.stdout.write(`${JSON.stringify(await spec.run(command, target), null, 2)}\n`);
  } catch (error) {
    const e = error as Error;
    const explained = spec.explain(e, command);
    if (explained) fail(explained, 1);
    if (e.name === 'ResourceNotFoundException')
      fail(
        `table ${target.table} not found${target.kind === 'local' ? ` at ${target.endpoint}; has \`npm start\` run?` : ''}`,
        1,
      );
    fail(`${e.name}: ${e.message}`, 1);
  }
}
