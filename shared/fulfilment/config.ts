// Which adapter serves which platform is configuration: FULFILMENT_ADAPTERS="TAOBAO=manual,JD=sandbox,PDD=manual".
// Platforms not named use FULFILMENT_DEFAULT_ADAPTER (sandbox unless set). SANDBOX_DELAY_MS sets the sandbox delay.
// STAGE is the deployed stage; the sandbox completes intents with made-up orders, so only dev (or no stage: the local
// runtime, tests) may run it.

import { environment } from '../config';
import { PLATFORMS, type Platform } from '../domain/intent';
import type { FulfilmentAdapter } from './adapter';
import { ADAPTER_NAMES, type AdapterConfig, type AdapterName, parseAdapterConfig } from './adapter-config';
import { jdVopAdapterFromEnv } from './jd-vop';
import { manualAdapter } from './manual';
import { type SandboxOptions, sandboxAdapter } from './sandbox';

export { ADAPTER_NAMES, type AdapterConfig, type AdapterName, parseAdapterConfig } from './adapter-config';

/** Stages that may run the sandbox adapter; any other stage (prod) must name a real adapter for every platform. */
export const SANDBOX_STAGES: readonly string[] = ['dev'];

/** Throws when `stage` would fulfil any platform with the sandbox: CDK synth and the consumer's start both ask. */
/** The FULFILMENT_ADAPTERS value for a configuration: `parseAdapterConfig`'s inverse. */
export function adapterSpec(config: AdapterConfig): string {
  return PLATFORMS.map((platform) => `${platform}=${config[platform]}`).join(',');
}

export function refuseSandboxOutsideDev(config: AdapterConfig, stage: string | undefined): void {
  if (stage === undefined || SANDBOX_STAGES.includes(stage)) return;
  const platforms = PLATFORMS.filter((p) => config[p] === 'sandbox');
  if (platforms.length > 0)
    throw new Error(
      `stage "${stage}" must not fulfil ${platforms.join(', ')} with the sandbox adapter (it completes intents with ` +
        `made-up orders); only ${SANDBOX_STAGES.join(', ')} and the local runtime may. Give each platform a real ` +
        `adapter (${ADAPTER_NAMES.filter((n) => n !== 'sandbox').join(', ')}).`,
    );
}

export interface AdapterEnv {
  FULFILMENT_ADAPTERS?: string;
  FULFILMENT_DEFAULT_ADAPTER?: string;
  SANDBOX_DELAY_MS?: string;
  STAGE?: string;
  /** jd-vop: the secret with the VOP account's settings (AWS), or JD_VOP_* variables (locally). */
  JD_VOP_SECRET_ARN?: string;
}

/** Builds the platform → adapter map from the environment, once per function instance. */
export function adaptersFromEnv(
  env: AdapterEnv = environment(),
  /** The sandbox's price tolerance lookup: the consumer passes the app's (functions/fulfilment-consumer.ts); without
   * it the sandbox uses the default tolerance. Injected, so CDK synth and the JD poller do not load the store. */
  options: Pick<SandboxOptions, 'priceToleranceOf'> = {},
): (platform: Platform) => FulfilmentAdapter {
  const config = parseAdapterConfig(env.FULFILMENT_ADAPTERS, env.FULFILMENT_DEFAULT_ADAPTER);
  refuseSandboxOutsideDev(config, env.STAGE || undefined);
  const delayMs = Number(env.SANDBOX_DELAY_MS ?? 1000);
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new Error('SANDBOX_DELAY_MS must be a non-negative number');
  const built: Record<AdapterName, FulfilmentAdapter> = {
    sandbox: sandboxAdapter({ delayMs, ...options }),
    manual: manualAdapter(),
    // Built either way, but it reads its settings only when a JD intent reaches it.
    'jd-vop': jdVopAdapterFromEnv(env as Record<string, string | undefined>),
  };
  return (platform) => built[config[platform]];
}
