// Which adapter serves which platform is configuration: FULFILMENT_ADAPTERS="TAOBAO=manual,JD=sandbox,PDD=manual".
// Platforms not named use FULFILMENT_DEFAULT_ADAPTER (sandbox unless set). SANDBOX_DELAY_MS sets the sandbox delay.
// STAGE is the deployed stage; the sandbox completes intents with made-up orders, so only dev (or no stage: the local
// runtime, tests) may run it.
import { PLATFORMS, type Platform } from '../domain/intent';
import type { FulfilmentAdapter } from './adapter';
import { jdVopAdapterFromEnv } from './jd-vop';
import { manualAdapter } from './manual';
import { sandboxAdapter } from './sandbox';

export const ADAPTER_NAMES = ['sandbox', 'manual', 'jd-vop'] as const;
export type AdapterName = (typeof ADAPTER_NAMES)[number];

export type AdapterConfig = Record<Platform, AdapterName>;

function isAdapterName(value: string): value is AdapterName {
  return (ADAPTER_NAMES as readonly string[]).includes(value);
}

/** Parses the configuration; a typo fails at load rather than silently ordering through the wrong adapter. */
export function parseAdapterConfig(spec: string | undefined, fallback: string | undefined): AdapterConfig {
  const defaultName = fallback?.trim() || 'sandbox';
  if (!isAdapterName(defaultName)) throw new Error(`unknown fulfilment adapter "${defaultName}"`);
  const config = Object.fromEntries(PLATFORMS.map((p) => [p, defaultName])) as AdapterConfig;
  for (const entry of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [platform, name] = entry.split('=').map((s) => s.trim());
    if (!platform || !(PLATFORMS as readonly string[]).includes(platform))
      throw new Error(`FULFILMENT_ADAPTERS names an unknown platform in "${entry}"`);
    if (!name || !isAdapterName(name)) throw new Error(`FULFILMENT_ADAPTERS names an unknown adapter in "${entry}"`);
    config[platform as Platform] = name;
  }
  return config;
}

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
export function adaptersFromEnv(env: AdapterEnv = process.env): (platform: Platform) => FulfilmentAdapter {
  const config = parseAdapterConfig(env.FULFILMENT_ADAPTERS, env.FULFILMENT_DEFAULT_ADAPTER);
  refuseSandboxOutsideDev(config, env.STAGE || undefined);
  const delayMs = Number(env.SANDBOX_DELAY_MS ?? 1000);
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new Error('SANDBOX_DELAY_MS must be a non-negative number');
  const built: Record<AdapterName, FulfilmentAdapter> = {
    // Loaded on first use: the registry's store client reads TABLE_NAME when it loads, and CDK synth imports this file.
    sandbox: sandboxAdapter({
      delayMs,
      priceToleranceOf: async (appId) => (await import('./operator')).priceToleranceOf(appId),
    }),
    manual: manualAdapter(),
    // Built either way, but it reads its settings only when a JD intent reaches it.
    'jd-vop': jdVopAdapterFromEnv(env as Record<string, string | undefined>),
  };
  return (platform) => built[config[platform]];
}
