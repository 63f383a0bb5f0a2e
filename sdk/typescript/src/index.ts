// @procure-core/sdk: signed, retrying client for the procure-core API and a webhook signature check.
export { ProcureClient, type ProcureClientOptions } from './client.js';
export { ErrorCode, ProcureConnectionError, ProcureError, ProcureTimeoutError } from './errors.js';
export { Intents } from './intents.js';
export { sign, type VerifyWebhookOptions, verifyWebhook } from './signing.js';
export * from './types.js';
