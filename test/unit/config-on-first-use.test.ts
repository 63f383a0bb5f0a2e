// Issue 19 item 3: no module reads its configuration when it loads. Every function loads with none of its variables
// set, the first call that needs one fails with config's message naming it, and a value set after the import but
// before the first call is the one used: what lets the local runtime, the benches and the CLIs import statically.
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const FUNCTIONS = readdirSync(new URL('../../functions', import.meta.url))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));

beforeEach(() => {
  vi.resetModules();
  for (const name of ['TABLE_NAME', 'DYNAMODB_ENDPOINT', 'WEBHOOK_QUEUE_URL', 'LOG_LEVEL']) vi.stubEnv(name, undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('configuration is read on first use, never at import', () => {
  it('loads every function module with no table, endpoint or queue in the environment', async () => {
    expect(FUNCTIONS.length).toBeGreaterThan(40);
    for (const name of FUNCTIONS) {
      const module = (await import(`../../functions/${name}.ts`)) as { handler?: unknown };
      expect(typeof module.handler, name).toBe('function');
    }
  });

  it("fails the first store call, not the import, with config's message naming the variable", async () => {
    const { getIntent } = await import('../../shared/store/intents');
    await expect(getIntent('intent_01JAAAAAAAAAAAAAAAAAAAAAAA')).rejects.toThrow(
      'TABLE_NAME environment variable is not set',
    );
  });

  it('uses the table and the queue named after the import, before the first call', async () => {
    const { tableName } = await import('../../shared/store/client');
    const { handler } = await import('../../functions/webhook-dispatch');
    vi.stubEnv('TABLE_NAME', 'named-after-import');
    expect(tableName()).toBe('named-after-import');
    // The dispatcher reads its queue when its first batch arrives.
    await expect(handler({ Records: [] })).rejects.toThrow('WEBHOOK_QUEUE_URL environment variable is not set');
  });

  it('builds the logger with the level set after the import', async () => {
    const { logger } = await import('../../shared/logger');
    vi.stubEnv('LOG_LEVEL', 'DEBUG');
    expect(logger.getLevelName()).toBe('DEBUG');
  });
});
