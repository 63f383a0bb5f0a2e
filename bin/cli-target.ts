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

/** The store client reads its environment at import, so the target is set before anything imports the store. */
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
