// The fulfilment step's dependencies as every function that runs it builds them (the stream consumer, the watchdog's
// and the JD poller's retries): the intents store, the configured adapters, the adapter timeout.
import { config } from '../config';
import { logger } from '../logger';
import { adaptersFromEnv } from './config';
import type { ConsumerDeps } from './consumer';
import { intentsFulfilmentStore } from './store';

export function consumerDepsFromEnv(): ConsumerDeps {
  return {
    store: intentsFulfilmentStore(),
    adapterFor: adaptersFromEnv(),
    log: logger,
    adapterTimeoutMs: config.adapterTimeoutMs(),
  };
}
