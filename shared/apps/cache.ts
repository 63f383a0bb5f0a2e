// Apps cached per function instance so a warm request reads no registry item (and opens no secret).
// Disabling an app or rotating its secret takes effect within APP_CACHE_TTL_MS (default 30 s).
// Known apps and unknown ids live in separate bounded LRU caches, so a caller sending made-up app ids can only ever
// evict other made-up ids: a real app stays cached (no re-read, no KMS call to unseal its secret) whatever they send.
import { config } from '../config';
import type { App } from './app';
import { loadApp } from './registry';

/** Unknown ids are remembered for less time, so a freshly created app is usable quickly. */
const UNKNOWN_APP_TTL_MS_MAX = 5000;
/** Bound memory: at most this many known apps (least recently used leaves first) and as many unknown ids. */
export const MAX_KNOWN_APPS = 1000;
export const MAX_UNKNOWN_APPS = 1000;

/** A Map used as an LRU: iteration order is insertion order, so a hit is moved to the end and the first key is oldest. */
class Lru<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  constructor(private readonly max: number) {}

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.until <= now) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, until: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, until });
  }

  clear(): void {
    this.entries.clear();
  }
}

const known = new Lru<Promise<App>>(MAX_KNOWN_APPS);
const unknown = new Lru<true>(MAX_UNKNOWN_APPS);
/** Reads in flight, so concurrent misses share one; an id leaves it as soon as its read settles. */
const loading = new Map<string, Promise<App | undefined>>();
const NOT_FOUND = Promise.resolve(undefined);

export function cachedApp(appId: string, now = Date.now()): Promise<App | undefined> {
  const hit = known.get(appId, now);
  if (hit) return hit;
  if (unknown.get(appId, now)) return NOT_FOUND;
  const pending = loading.get(appId);
  if (pending) return pending;
  const read = loadApp(appId);
  loading.set(appId, read);
  // A failed read is not cached: the next request reads again.
  const settled = () => {
    if (loading.get(appId) === read) loading.delete(appId);
  };
  read.then((app) => {
    settled();
    // Read when the first read settles, not at import (config.appCacheTtlMs remembers it from then on).
    const ttl = config.appCacheTtlMs();
    if (app) known.set(appId, Promise.resolve(app), now + ttl);
    else unknown.set(appId, true, now + Math.min(ttl, UNKNOWN_APP_TTL_MS_MAX));
  }, settled);
  return read;
}

/** Forgets every cached app (tests, and the CLI after it changes one in-process). */
export function clearAppCache(): void {
  known.clear();
  unknown.clear();
  loading.clear();
}
