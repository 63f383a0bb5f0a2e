// Port checks for the local runtime and the test harness: fail with one clear line instead of a Java stack trace.
import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
  ) {
    super(`${what} port ${port} is already in use (set ${what === 'HTTP' ? 'PORT' : 'DYNAMODB_PORT'} to another port)`);
    this.name = 'PortInUseError';
  }
}

/** Binds and releases the port on every interface, the way DynamoDB Local will bind it. */
export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port, what) : error),
    );
    probe.listen({ port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
