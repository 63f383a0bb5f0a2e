// The fulfilment step's dependencies as every function that runs it builds them (the stream consumer, the watchdog's
// and the JD poller's retries, an operator's "run again"): the intents store, the configured adapters, the timeout.
import { config } from '../config';
import type { Actor } from '../domain/intent';
import { logger } from '../logger';
import { adaptersFromEnv } from './config';
import type { ConsumerDeps } from './consumer';
import type { SandboxOptions } from './sandbox';
import { intentsFulfilmentStore } from './store';

/**
 * `priceToleranceOf`: the consumer and an operator's retry pass the app's tolerance for the sandbox; the system's
 * retries need none. `actor` is who the history records (an operator's retry is theirs).
 */
export function consumerDepsFromEnv(
  options: Pick<SandboxOptions, 'priceToleranceOf'> = {},
  actor: Actor = 'system',
): ConsumerDeps {
  return {
    store: intentsFulfilmentStore(actor),
    adapterFor: adaptersFromEnv(undefined, options),
    log: logger,
    adapterTimeoutMs: config.adapterTimeoutMs(),
  };
}
