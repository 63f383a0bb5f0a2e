// Apps cached per function instance so a warm request reads no registry item (and opens no secret).
// Disabling an app or rotating its secret takes effect within APP_CACHE_TTL_MS (default 30 s).
import { optionalEnv } from '../env';
import type { App } from './app';
import { loadApp } from './registry';

export const APP_CACHE_TTL_MS = Number(optionalEnv('APP_CACHE_TTL_MS', '30000'));
/** Unknown ids are remembered for less time, so a freshly created app is usable quickly. */
const UNKNOWN_APP_TTL_MS = Math.min(APP_CACHE_TTL_MS, 5000);
/** Bounds memory when callers send many made-up app ids. */
const MAX_ENTRIES = 1000;

interface Entry {
  app: Promise<App | undefined>;
  until: number;
}

const entries = new Map<string, Entry>();

export function cachedApp(appId: string, now = Date.now()): Promise<App | undefined> {
  const hit = entries.get(appId);
  if (hit && hit.until > now) return hit.app;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  // Concurrent misses share one read; a failed read is not cached.
  const entry: Entry = { app: loadApp(appId), until: now + APP_CACHE_TTL_MS };
  entries.set(appId, entry);
  entry.app.then(
    (app) => {
      if (!app) entry.until = now + UNKNOWN_APP_TTL_MS;
    },
    () => {
      if (entries.get(appId) === entry) entries.delete(appId);
    },
  );
  return entry.app;
}

/** Forgets every cached app (tests, and the CLI after it changes one in-process). */
export function clearAppCache(): void {
  entries.clear();
}
