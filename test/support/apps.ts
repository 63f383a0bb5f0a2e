// Apps for tests.
//
// INTEGRATION tests (DynamoDB Local from test/integration/global-setup.ts):
//   const creds = await createTestApp({ limits: { create: 3 } });
//   const res = await invoke(handler, signedEvent(creds, { method: 'POST', path: '/api/v1/intents', body }));
// Each call writes a new app with a random id and secret, so test files never share rate-limit windows.
//
// UNIT tests (aws-sdk-client-mock):
//   const ddbMock = mockClient(DynamoDBDocumentClient);
//   beforeEach(() => { ddbMock.reset(); mockAuthenticatedApp(ddbMock, TEST_CREDENTIALS); /* your own stubs */ });
// It stubs only the registry read of that app (GetCommand on its key), the replay-guard PutCommand and the
// rate-limit UpdateCommands of that app, each matched on its own key, so your handler's stubs on the same
// commands keep working. ORDER MATTERS: aws-sdk-client-mock uses the LAST matching stub, so call it after
// `ddbMock.reset()` and after your own generic `ddbMock.on(GetCommand)` / `on(PutCommand)` / `on(UpdateCommand)`
// stubs (or register yours with a narrow input such as `{ Key: { pk: 'INTENT#...' } }`). It also clears the app cache,
// because the middleware caches apps per process for 30 s. Options play a
// full window (`rateLimited: true`) or a replay (`replayed: true`).
import { randomBytes } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { App } from '../../shared/apps/app';
import { clearAppCache } from '../../shared/apps/cache';
import { createApp, type NewApp, toItem } from '../../shared/apps/registry';
import { sealLocal } from '../../shared/secrets/box';
import { rateKey } from '../../shared/store/keys/admission';
import { appKey } from '../../shared/store/keys/app';
import type { Credentials } from './events';

export { clearAppCache };

/** Fixed credentials for unit tests. */
export const TEST_CREDENTIALS: Credentials = {
  appId: 'app_unit_test',
  appSecret: 'unit_test_secret_0123456789abcdefghijklmnopqrstuv',
};

export type TestAppOverrides = Partial<Pick<NewApp, 'name' | 'ipWhitelist' | 'webhookUrl' | 'limits' | 'status'>>;

/** Writes a real app to the table at DYNAMODB_ENDPOINT / TABLE_NAME and returns its credentials. */
export async function createTestApp(overrides: TestAppOverrides = {}): Promise<Credentials> {
  const appId = `app_test_${randomBytes(8).toString('hex')}`;
  const appSecret = randomBytes(32).toString('base64url');
  await createApp({ name: 'test app', ...overrides, appId, appSecret });
  return { appId, appSecret };
}

export interface MockAppOptions extends TestAppOverrides {
  /** Every rate-limit window of this app is full: the counter refuses (42901). */
  rateLimited?: boolean;
  /** The replay guard reports every signature as already used (40101 on writes). */
  replayed?: boolean;
  /** Extra secrets (rotation): valid alongside creds.appSecret. */
  extraSecrets?: App['secrets'];
}

type DocumentClientMock = AwsClientStub<DynamoDBDocumentClient>;

/** Makes `creds` a known, active app on a mocked DocumentClient (see the top of this file). */
export function mockAuthenticatedApp(ddbMock: DocumentClientMock, creds: Credentials, overrides: MockAppOptions = {}) {
  clearAppCache();
  const { rateLimited, replayed, extraSecrets = [], ...settings } = overrides;
  const now = new Date().toISOString();
  const secrets = [{ secret: creds.appSecret, createdAt: now }, ...extraSecrets];
  const item = toItem(
    {
      appId: creds.appId,
      name: settings.name ?? 'unit test app',
      status: settings.status ?? 'ACTIVE',
      ipWhitelist: settings.ipWhitelist ?? [],
      ...(settings.webhookUrl ? { webhookUrl: settings.webhookUrl } : {}),
      limits: settings.limits ?? {},
      createdAt: now,
      updatedAt: now,
    },
    secrets.map((s) => ({
      sealed: sealLocal(creds.appId, s.secret),
      createdAt: s.createdAt,
      ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}),
    })),
  );
  ddbMock.on(GetCommand, { Key: appKey(creds.appId) }).resolves({ Item: item });

  const conditionFailed = Object.assign(new Error('The conditional request failed'), {
    name: 'ConditionalCheckFailedException',
  });
  const replay = ddbMock.on(PutCommand, { Item: { type: 'REPLAY', appId: creds.appId } });
  if (replayed) replay.rejects(conditionFailed);
  else replay.resolves({});

  for (const rateClass of ['create', 'query', 'update'] as const) {
    // The window second is part of the sort key; match on the partition only.
    const { pk } = rateKey(creds.appId, rateClass, 0);
    const counter = ddbMock.on(UpdateCommand, { Key: { pk } });
    if (rateLimited) counter.rejects(conditionFailed);
    else counter.resolves({ Attributes: { requests: 1 } });
  }
  return item;
}
