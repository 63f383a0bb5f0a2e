// The app registry in the single table. Secrets are sealed before every write and opened after every read, so
// nothing outside this module (and shared/secrets) ever sees a stored secret.
import { randomBytes } from 'node:crypto';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { open, type SealedSecret, seal } from '../secrets/box';
import { documentClient, tableName } from '../store/client';
import { APPS_LIST_INDEX, APPS_LIST_PK, APPS_LIST_SK_PREFIX, appKey, appListKeys } from '../store/keys/app';
import { orgAppKey } from '../store/keys/console';
import { failedConditionAt, type TransactItem, transactWrite } from '../store/transaction';
import type { App, AppSecret, AppStatus, RateLimits } from './app';

interface StoredSecret {
  sealed: SealedSecret;
  createdAt: string;
  expiresAt?: string;
}

/** The item as stored: the app with its secrets sealed. */
export interface AppItem extends Omit<App, 'secrets'> {
  pk: string;
  sk: string;
  type: 'APP';
  secrets: StoredSecret[];
  gsi1pk: string;
  gsi1sk: string;
}

export class AppNotFoundError extends Error {
  constructor(appId: string) {
    super(`app ${appId} not found`);
    this.name = 'AppNotFoundError';
  }
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newAppId(): string {
  let id = '';
  for (const b of randomBytes(20)) id += ALPHANUMERIC[b % ALPHANUMERIC.length];
  return `app_${id}`;
}

/** 256 random bits, URL-safe, so partners can paste it anywhere. */
export function newAppSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Builds the stored item from sealed secrets; exported so the test support can write the same shape. */
export function toItem(app: Omit<App, 'secrets'>, secrets: StoredSecret[]): AppItem {
  return { ...appKey(app.appId), type: 'APP', ...app, secrets, ...appListKeys(app.appId, app.createdAt) };
}

async function openSecrets(appId: string, secrets: StoredSecret[]): Promise<AppSecret[]> {
  return Promise.all(
    secrets.map(async (s) => ({
      secret: await open(appId, s.sealed),
      createdAt: s.createdAt,
      ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}),
    })),
  );
}

function fromItem(item: AppItem, secrets: AppSecret[]): App {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g, gsi1sk: _s, secrets: _sealed, ...rest } = item;
  return { ...rest, ipWhitelist: rest.ipWhitelist ?? [], limits: rest.limits ?? {}, secrets };
}

export interface NewApp {
  name: string;
  ipWhitelist?: string[];
  webhookUrl?: string;
  limits?: RateLimits;
  status?: AppStatus;
  /** The console organisation that owns it (created from the console). */
  orgId?: string;
  /** Fixed credentials: the dev app and tests only. */
  appId?: string;
  appSecret?: string;
}

/** Writes of the same change (its audit entry) that commit or fail with it. */
export interface AlsoWrite {
  also?: TransactItem[];
}

/**
 * Creates an app; false from `created` when the id already exists (the dev app on a second start). An app created
 * for an organisation is written with the organisation's link to it, and `also`, in one transaction.
 */
export async function createApp(input: NewApp, options: AlsoWrite = {}): Promise<{ app: App; created: boolean }> {
  const now = new Date().toISOString();
  const appId = input.appId ?? newAppId();
  const secret = input.appSecret ?? newAppSecret();
  const app: App = {
    appId,
    name: input.name,
    status: input.status ?? 'ACTIVE',
    secrets: [{ secret, createdAt: now }],
    ipWhitelist: input.ipWhitelist ?? [],
    ...(input.webhookUrl ? { webhookUrl: input.webhookUrl } : {}),
    limits: input.limits ?? {},
    ...(input.orgId ? { orgId: input.orgId } : {}),
    createdAt: now,
    updatedAt: now,
  };
  const { secrets: _plain, ...rest } = app;
  const item = toItem(rest, [{ sealed: await seal(appId, secret), createdAt: now }]);
  const put = { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' };
  const also = [...(input.orgId ? [orgAppLink(input.orgId, appId, now)] : []), ...(options.also ?? [])];
  try {
    if (also.length === 0) await documentClient().send(new PutCommand(put));
    else await transactWrite([{ Put: put }, ...also]);
    return { app, created: true };
  } catch (error) {
    if (failedConditionAt(error, 0)) return { app, created: false };
    throw error;
  }
}

function orgAppLink(orgId: string, appId: string, at: string): TransactItem {
  return {
    Put: { TableName: tableName(), Item: { ...orgAppKey(orgId, appId), type: 'ORG_APP', appId, createdAt: at } },
  };
}

/** The app belongs to another organisation; an app is attached to one organisation at most. */
export class AppOwnedElsewhereError extends Error {
  constructor(appId: string) {
    super(`app ${appId} belongs to another organisation`);
    this.name = 'AppOwnedElsewhereError';
  }
}

/** Attaches an existing app to an organisation (the dev app, `apps --org`); a no-op when it is already its own. */
export async function attachApp(appId: string, orgId: string): Promise<void> {
  const now = new Date().toISOString();
  try {
    await transactWrite([
      {
        Update: {
          TableName: tableName(),
          Key: appKey(appId),
          UpdateExpression: 'SET orgId = :org',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(orgId) OR orgId = :org)',
          ExpressionAttributeValues: { ':org': orgId },
        },
      },
      orgAppLink(orgId, appId, now),
    ]);
  } catch (error) {
    if (failedConditionAt(error, 0)) {
      if (await readItem(appId, true)) throw new AppOwnedElsewhereError(appId);
      throw new AppNotFoundError(appId);
    }
    throw error;
  }
}

/** Several apps by id, without their secrets, in the order asked; unknown ids are left out. */
export async function describeApps(appIds: string[]): Promise<AppDescription[]> {
  const byKey = await batchGetItems(appIds.map((appId) => appKey(appId)));
  return appIds.flatMap((appId) => {
    const item = byKey.get(appKey(appId).pk);
    return item ? [viewWithoutSecrets(item)] : [];
  });
}

/** An app without its secrets: only when each was created and when it expires. */
export type AppDescription = Omit<App, 'secrets'> & { secrets: Omit<StoredSecret, 'sealed'>[] };

function viewWithoutSecrets(item: AppItem): AppDescription {
  const { secrets: _s, ...rest } = fromItem(item, []);
  return {
    ...rest,
    secrets: (item.secrets ?? []).map(({ createdAt, expiresAt }) =>
      expiresAt ? { createdAt, expiresAt } : { createdAt },
    ),
  };
}

async function batchGetItems(keys: { pk: string; sk: string }[]): Promise<Map<string, AppItem>> {
  const byKey = new Map<string, AppItem>();
  for (let i = 0; i < keys.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [tableName()]: { Keys: keys.slice(i, i + 100) },
    };
    while (request && Object.keys(request).length > 0) {
      const out: BatchGetCommandOutput = await documentClient().send(new BatchGetCommand({ RequestItems: request }));
      for (const item of (out.Responses?.[tableName()] ?? []) as AppItem[]) byKey.set(item.pk, item);
      request = out.UnprocessedKeys as typeof request;
    }
  }
  return byKey;
}

async function readItem(appId: string, consistent = false): Promise<AppItem | undefined> {
  const out = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: appKey(appId), ConsistentRead: consistent }),
  );
  return out.Item as AppItem | undefined;
}

/** The app with its secrets opened, or undefined. */
export async function loadApp(appId: string): Promise<App | undefined> {
  const item = await readItem(appId);
  if (!item) return undefined;
  return fromItem(item, await openSecrets(appId, item.secrets ?? []));
}

/**
 * Every app, oldest first, secrets left sealed and out of the answer. gsi1 projects only intent list fields, so the
 * index gives the ids and a BatchGet reads the items (an operator command, not a request path).
 */
export async function listApps(): Promise<Omit<App, 'secrets'>[]> {
  const keys: { pk: string; sk: string }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: APPS_LIST_INDEX,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
        ExpressionAttributeValues: { ':pk': APPS_LIST_PK, ':prefix': APPS_LIST_SK_PREFIX },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) keys.push({ pk: item.pk, sk: item.sk });
    start = out.LastEvaluatedKey;
  } while (start);

  const byKey = await batchGetItems(keys);
  return keys.flatMap(({ pk }) => {
    const item = byKey.get(pk);
    if (!item) return [];
    const { secrets: _s, ...rest } = fromItem(item, []);
    return [rest];
  });
}

/** The app without opening its secrets (what `show` prints). */
export async function describeApp(appId: string): Promise<AppDescription | undefined> {
  const item = await readItem(appId, true);
  return item ? viewWithoutSecrets(item) : undefined;
}

type Settable = Partial<Pick<App, 'status' | 'ipWhitelist' | 'limits' | 'name' | 'priceTolerancePercent'>> & {
  webhookUrl?: string | null;
};

/** Only the app of this organisation is changed; any other is AppNotFoundError (the console's 404). */
export interface OwnedWrite extends AlsoWrite {
  orgId?: string;
}

/** Changes settings of an existing app; `webhookUrl: null` removes the webhook. */
export async function updateApp(appId: string, changes: Settable, options: OwnedWrite = {}): Promise<void> {
  const names: Record<string, string> = { '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':now': new Date().toISOString() };
  const sets = ['#updatedAt = :now'];
  const removes: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    if (value === null) removes.push(`#${field}`);
    else {
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
  }
  if (options.orgId) values[':org'] = options.orgId;
  await writeUpdate(
    {
      TableName: tableName(),
      Key: appKey(appId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: options.orgId ? 'attribute_exists(pk) AND orgId = :org' : 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    options.also,
    () => new AppNotFoundError(appId),
  );
}

type UpdateInput = NonNullable<TransactItem['Update']>;

/** One conditional update, alone or in a transaction with `also`; a failed condition becomes `refused()`. */
async function writeUpdate(update: UpdateInput, also: TransactItem[] = [], refused: () => Error): Promise<void> {
  try {
    if (also.length === 0) await documentClient().send(new UpdateCommand(update));
    else await transactWrite([{ Update: update }, ...also]);
  } catch (error) {
    if (failedConditionAt(error, 0)) throw refused();
    throw error;
  }
}

/** The app changed between this write's read and its write (a concurrent rotation); the caller may retry. */
export class AppChangedError extends Error {
  constructor(appId: string) {
    super(`app ${appId} changed while rotating its secret; try again`);
    this.name = 'AppChangedError';
  }
}

/** There is no previous secret to revoke. */
export class NoPreviousSecretError extends Error {
  constructor(appId: string) {
    super(`app ${appId} has no previous secret`);
    this.name = 'NoPreviousSecretError';
  }
}

async function readOwned(appId: string, orgId: string | undefined): Promise<AppItem> {
  const item = await readItem(appId, true);
  if (!item || (orgId !== undefined && item.orgId !== orgId)) throw new AppNotFoundError(appId);
  return item;
}

/** Drops every secret but the newest at once (the console's "revoke the previous secret"). */
export async function revokePreviousSecret(appId: string, options: OwnedWrite = {}): Promise<void> {
  const item = await readOwned(appId, options.orgId);
  const [newest, ...older] = item.secrets ?? [];
  if (!newest || older.length === 0) throw new NoPreviousSecretError(appId);
  await writeUpdate(
    {
      TableName: tableName(),
      Key: appKey(appId),
      UpdateExpression: 'SET secrets = :secrets, updatedAt = :now',
      ConditionExpression: 'updatedAt = :read',
      ExpressionAttributeValues: { ':secrets': [newest], ':now': new Date().toISOString(), ':read': item.updatedAt },
    },
    options.also,
    () => new AppChangedError(appId),
  );
}

/**
 * Issues a new secret. The previous newest one stays valid for `oldSecretValidMs` so partners can switch without
 * downtime (null: until revoked with revokePreviousSecret; 0: not at all); anything older is dropped, so an app
 * never holds more than two secrets.
 */
export async function rotateSecret(
  appId: string,
  oldSecretValidMs: number | null,
  options: OwnedWrite = {},
): Promise<{ appSecret: string; previousExpiresAt?: string }> {
  const item = await readOwned(appId, options.orgId);
  const now = new Date();
  const secret = newAppSecret();
  const previous = item.secrets?.[0];
  const secrets: StoredSecret[] = [{ sealed: await seal(appId, secret), createdAt: now.toISOString() }];
  let previousExpiresAt: string | undefined;
  if (previous && oldSecretValidMs === null) {
    const { expiresAt: _kept, ...untilRevoked } = previous;
    secrets.push(untilRevoked);
  } else if (previous && oldSecretValidMs !== null && oldSecretValidMs > 0) {
    previousExpiresAt = new Date(now.getTime() + oldSecretValidMs).toISOString();
    secrets.push({ ...previous, expiresAt: previousExpiresAt });
  }
  // Conditional on the version read, so two rotations at once cannot both believe they kept the old secret.
  await writeUpdate(
    {
      TableName: tableName(),
      Key: appKey(appId),
      UpdateExpression: 'SET secrets = :secrets, updatedAt = :now',
      ConditionExpression: 'updatedAt = :read',
      ExpressionAttributeValues: { ':secrets': secrets, ':now': now.toISOString(), ':read': item.updatedAt },
    },
    options.also,
    () => new AppChangedError(appId),
  );
  return { appSecret: secret, ...(previousExpiresAt ? { previousExpiresAt } : {}) };
}
