// The fulfilment step's dependencies as every function that runs it builds them (the stream consumer, the watchdog's
// and the JD poller's retries): the intents store, the configured adapters, the adapter timeout.
import { config } from '../config';
import { logger } from '../logger';
import { adaptersFromEnv } from './config';
import type { ConsumerDeps } from './consumer';
import type { SandboxOptions } from './sandbox';
import { intentsFulfilmentStore } from './store';

/** `priceToleranceOf`: the stream consumer passes the app's tolerance for the sandbox; the retries need none. */
export function consumerDepsFromEnv(options: Pick<SandboxOptions, 'priceToleranceOf'> = {}): ConsumerDeps {
  return {
    store: intentsFulfilmentStore(),
    adapterFor: adaptersFromEnv(undefined, options),
    log: logger,
    adapterTimeoutMs: config.adapterTimeoutMs(),
  };
}
