// The app (a partner's credentials and settings) as the platform keeps it, and the pure rules around it.
import { BlockList, isIP } from 'node:net';
import { config } from '../config';
import type { RateLimitClass } from '../routes';

export type AppStatus = 'ACTIVE' | 'DISABLED';
export type RateLimits = Partial<Record<RateLimitClass, number>>;

/** One valid secret. The newest has no expiry; the one it replaced stays valid until `expiresAt` (rotation). */
export interface AppSecret {
  secret: string;
  createdAt: string;
  expiresAt?: string;
}

export interface App {
  appId: string;
  name: string;
  status: AppStatus;
  /** Newest first. Plain text lives only in memory; the table holds them sealed (shared/secrets). */
  secrets: AppSecret[];
  /** CIDRs or single addresses, IPv4 and IPv6; empty means any source address. */
  ipWhitelist: string[];
  webhookUrl?: string;
  /** Overrides of the default per-second limits (API reference: Rate limits). */
  limits: RateLimits;
  /** Price consistency: how far above the submitted unit price an order may be completed (percent; absent = the
   * default, shared/domain/price-tolerance). Operators set it. */
  priceTolerancePercent?: number;
  /** The console organisation that owns the app; absent for apps only the platform team manages. */
  orgId?: string;
  createdAt: string;
  updatedAt: string;
}

/** What `apps show` and `apps list` print: everything but the secrets themselves. */
export type AppView = Omit<App, 'secrets'> & { secrets: { createdAt: string; expiresAt?: string }[] };

/** The local runtime's app (API reference: the console and the local runtime). Only a LOCAL_RUNTIME=true process ever accepts it. */
export const DEV_APP_ID = 'dev_app_local';
export const DEV_APP_SECRET = 'dev_secret_local_do_not_use_in_production';

/**
 * What an X-App-Id may look like: 1-64 of A-Z a-z 0-9 _ - (issued ids are `app_` + 20 lower-case alphanumerics).
 * Anything else is refused as an unknown app before the registry is read, so a 2 KB id never reaches a DynamoDB key.
 */
export const APP_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isWellFormedAppId(appId: string): boolean {
  return APP_ID_PATTERN.test(appId);
}

export function isLocalRuntime(): boolean {
  return config.isLocalRuntime();
}

export function viewOf(app: App): AppView {
  const { secrets, ...rest } = app;
  return {
    ...rest,
    secrets: secrets.map(({ createdAt, expiresAt }) => (expiresAt ? { createdAt, expiresAt } : { createdAt })),
  };
}

/** Secrets that still verify at `now`. */
export function validSecrets(app: App, now = Date.now()): string[] {
  return app.secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now).map((s) => s.secret);
}

/** Webhooks are signed with the newest secret (API reference: Webhooks). */
export function currentSecret(app: App): string {
  const newest = app.secrets[0];
  if (!newest) throw new Error(`app ${app.appId} has no secret`);
  return newest.secret;
}

function parseCidr(entry: string): { address: string; prefix: number; type: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, extra] = entry.trim().split('/');
  if (extra !== undefined) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix, type: version === 4 ? 'ipv4' : 'ipv6' };
}

export function isValidCidr(entry: string): boolean {
  return parseCidr(entry) !== undefined;
}

const compiled = new Map<string, BlockList>();

function blockListOf(cidrs: string[]): BlockList {
  const cacheKey = cidrs.join(',');
  let list = compiled.get(cacheKey);
  if (!list) {
    list = new BlockList();
    for (const entry of cidrs) {
      const cidr = parseCidr(entry);
      if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.type);
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(cacheKey, list);
  }
  return list;
}

/** True when the app has no whitelist or the source address is inside it. */
export function ipAllowed(app: Pick<App, 'ipWhitelist'>, sourceIp: string): boolean {
  if (app.ipWhitelist.length === 0) return true;
  const version = isIP(sourceIp);
  if (version === 0) return false;
  return blockListOf(app.ipWhitelist).check(sourceIp, version === 4 ? 'ipv4' : 'ipv6');
}

export const RATE_LIMIT_CLASSES: readonly RateLimitClass[] = ['create', 'query', 'update'];

export function isValidLimit(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 100_000;
}
