// The entry point partners construct: `new ProcureClient({ appId, appSecret, baseURL })`.
import { Intents } from './intents.js';
import { Transport } from './transport.js';

export interface ProcureClientOptions {
  appId: string;
  appSecret: string;
  /** e.g. `https://api.procure-core.com` or `http://127.0.0.1:3000` locally; no `/api/v1`. */
  baseURL: string;
  /** Per attempt, in ms (default 30 000). */
  timeout?: number;
  /** Retries after the first attempt on 429, 5xx and lost connections (default 3; 0 turns retries off). */
  maxRetries?: number;
  /** First backoff step in ms, doubled on every retry, with jitter (default 500). Retry-After wins when sent. */
  retryBaseDelayMs?: number;
  /** Cap on any single wait between attempts (default 30 000 ms). */
  maxRetryDelayMs?: number;
  /** Custom fetch (proxies, tests); defaults to Node's global fetch. */
  fetch?: typeof fetch;
}

export class ProcureClient {
  readonly intents: Intents;

  constructor(options: ProcureClientOptions) {
    if (!options?.appId || !options.appSecret) throw new TypeError('ProcureClient needs appId and appSecret');
    if (!options.baseURL) throw new TypeError('ProcureClient needs baseURL');
    const transport = new Transport({
      appId: options.appId,
      appSecret: options.appSecret,
      baseURL: options.baseURL,
      timeout: options.timeout ?? 30_000,
      maxRetries: options.maxRetries ?? 3,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 30_000,
      fetch: options.fetch ?? globalThis.fetch,
    });
    this.intents = new Intents(transport);
  }
}
