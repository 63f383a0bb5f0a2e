// The per-instance app cache (issue 17 item 9): made-up app ids must never push real apps out, so a flood of them
// cannot force every real app to re-read its record and unseal its secret.
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { cachedApp, clearAppCache, MAX_KNOWN_APPS, MAX_UNKNOWN_APPS } from '../../shared/apps/cache';
import { toItem } from '../../shared/apps/registry';
import { config } from '../../shared/config';
import { sealLocal } from '../../shared/secrets/box';

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = Date.parse('2026-06-01T00:00:00.000Z');

function item(appId: string) {
  const at = new Date(NOW).toISOString();
  return toItem({ appId, name: appId, status: 'ACTIVE', ipWhitelist: [], limits: {}, createdAt: at, updatedAt: at }, [
    { sealed: sealLocal(appId, `secret-of-${appId}`), createdAt: at },
  ]);
}

/** Registry reads of one app id. */
const readsOf = (appId: string) =>
  ddb.commandCalls(GetCommand).filter((c) => c.args[0].input.Key?.pk === `APP#${appId}`).length;

beforeEach(() => {
  ddb.reset();
  clearAppCache();
  // Ids starting app_real exist; every other id is unknown.
  ddb.on(GetCommand).callsFake(({ Key }) => {
    const appId = String(Key.pk).slice('APP#'.length);
    return appId.startsWith('app_real') ? { Item: item(appId) } : {};
  });
});

describe('app cache', () => {
  it('keeps a real app cached while thousands of made-up ids come and go', async () => {
    expect((await cachedApp('app_real_1', NOW))?.appId).toBe('app_real_1');
    for (let i = 0; i < 3 * MAX_UNKNOWN_APPS; i++) expect(await cachedApp(`app_made_up_${i}`, NOW + 1)).toBeUndefined();
    expect((await cachedApp('app_real_1', NOW + 2))?.appId).toBe('app_real_1');
    expect(readsOf('app_real_1')).toBe(1);
  });

  it('remembers unknown ids briefly and in bounded number: the oldest made-up ids are read again, recent ones not', async () => {
    for (let i = 0; i <= MAX_UNKNOWN_APPS; i++) await cachedApp(`app_made_up_${i}`, NOW);
    await cachedApp(`app_made_up_${MAX_UNKNOWN_APPS}`, NOW + 1);
    expect(readsOf(`app_made_up_${MAX_UNKNOWN_APPS}`)).toBe(1);
    await cachedApp('app_made_up_0', NOW + 1);
    expect(readsOf('app_made_up_0')).toBe(2);
    // After 5 s an unknown id is asked again: an app created meanwhile becomes usable.
    await cachedApp(`app_made_up_${MAX_UNKNOWN_APPS}`, NOW + 5001);
    expect(readsOf(`app_made_up_${MAX_UNKNOWN_APPS}`)).toBe(2);
  });

  it('evicts the least recently used real app when more real apps than it holds are in use', async () => {
    await cachedApp('app_real_0', NOW);
    await cachedApp('app_real_1', NOW);
    for (let i = 2; i < MAX_KNOWN_APPS; i++) await cachedApp(`app_real_${i}`, NOW);
    await cachedApp('app_real_0', NOW + 1); // used again: now the most recent
    await cachedApp('app_real_new', NOW + 2); // one too many: app_real_1 leaves
    await cachedApp('app_real_0', NOW + 3);
    await cachedApp('app_real_1', NOW + 3);
    expect(readsOf('app_real_0')).toBe(1);
    expect(readsOf('app_real_1')).toBe(2);
  });

  it('shares one read between concurrent misses and re-reads a real app after the TTL', async () => {
    const [a, b] = await Promise.all([cachedApp('app_real_x', NOW), cachedApp('app_real_x', NOW)]);
    expect(a).toBe(b);
    expect(readsOf('app_real_x')).toBe(1);
    await cachedApp('app_real_x', NOW + config.appCacheTtlMs() + 1);
    expect(readsOf('app_real_x')).toBe(2);
  });

  it('does not cache a failed read', async () => {
    ddb.on(GetCommand).rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(cachedApp('app_real_y', NOW)).rejects.toThrow(/throttled/);
    ddb.on(GetCommand).resolves({ Item: item('app_real_y') });
    expect((await cachedApp('app_real_y', NOW))?.appId).toBe('app_real_y');
  });
});
