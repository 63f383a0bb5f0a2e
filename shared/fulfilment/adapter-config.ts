// Which adapter serves which platform, as configuration (FULFILMENT_ADAPTERS="TAOBAO=manual,JD=sandbox,PDD=manual"):
// the names and the parser alone, with no adapter imported, so readers that only ask "which platforms are manual"
// (the operator queue) stay small. shared/fulfilment/config.ts builds the adapters from it.
import { PLATFORMS, type Platform } from '../domain/intent';

export const ADAPTER_NAMES = ['sandbox', 'manual', 'jd-vop'] as const;
export type AdapterName = (typeof ADAPTER_NAMES)[number];

export type AdapterConfig = Record<Platform, AdapterName>;

function isAdapterName(value: string): value is AdapterName {
  return (ADAPTER_NAMES as readonly string[]).includes(value);
}

/** Parses the configuration; a typo fails (the first record, which the stream retries) rather than silently ordering
 * through the wrong adapter. */
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
