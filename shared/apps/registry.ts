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
import { documentClient, TABLE_NAME } from '../store/client';
import type { App, AppSecret, AppStatus, RateLimits } from './app';
import { APPS_LIST_INDEX, APPS_LIST_PK, appKey, appListKeys } from './keys';

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
  /** Fixed credentials: the dev app and tests only. */
  appId?: string;
  appSecret?: string;
}

/** Creates an app; false from `created` when the id already exists (the dev app on a second start). */
export async function createApp(input: NewApp): Promise<{ app: App; created: boolean }> {
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
    createdAt: now,
    updatedAt: now,
  };
  const { secrets: _plain, ...rest } = app;
  const item = toItem(rest, [{ sealed: await seal(appId, secret), createdAt: now }]);
  try {
    await documentClient.send(
      new PutCommand({ TableName: TABLE_NAME, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return { app, created: true };
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return { app, created: false };
    throw error;
  }
}

async function readItem(appId: string, consistent = false): Promise<AppItem | undefined> {
  const out = await documentClient.send(
    new GetCommand({ TableName: TABLE_NAME, Key: appKey(appId), ConsistentRead: consistent }),
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
    const out = await documentClient.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: APPS_LIST_INDEX,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
        ExpressionAttributeValues: { ':pk': APPS_LIST_PK, ':prefix': 'APP#' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) keys.push({ pk: item.pk, sk: item.sk });
    start = out.LastEvaluatedKey;
  } while (start);

  const byKey = new Map<string, AppItem>();
  for (let i = 0; i < keys.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [TABLE_NAME]: { Keys: keys.slice(i, i + 100) },
    };
    while (request && Object.keys(request).length > 0) {
      const out: BatchGetCommandOutput = await documentClient.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of (out.Responses?.[TABLE_NAME] ?? []) as AppItem[]) byKey.set(item.pk, item);
      request = out.UnprocessedKeys as typeof request;
    }
  }
  return keys.flatMap(({ pk }) => {
    const item = byKey.get(pk);
    if (!item) return [];
    const { secrets: _s, ...rest } = fromItem(item, []);
    return [rest];
  });
}

/** The app without opening its secrets (what `show` prints). */
export async function describeApp(
  appId: string,
): Promise<(Omit<App, 'secrets'> & { secrets: Omit<StoredSecret, 'sealed'>[] }) | undefined> {
  const item = await readItem(appId, true);
  if (!item) return undefined;
  const { secrets: _s, ...rest } = fromItem(item, []);
  return {
    ...rest,
    secrets: (item.secrets ?? []).map(({ createdAt, expiresAt }) =>
      expiresAt ? { createdAt, expiresAt } : { createdAt },
    ),
  };
}

type Settable = Partial<Pick<App, 'status' | 'ipWhitelist' | 'limits' | 'name'>> & { webhookUrl?: string | null };

/** Changes settings of an existing app; `webhookUrl: null` removes the webhook. */
export async function updateApp(appId: string, changes: Settable): Promise<void> {
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
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: appKey(appId),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw new AppNotFoundError(appId);
    throw error;
  }
}

/**
 * Issues a new secret. The previous newest one stays valid for `oldSecretValidMs` so partners can switch without
 * downtime; anything older is dropped, so an app never holds more than two secrets.
 */
export async function rotateSecret(
  appId: string,
  oldSecretValidMs: number,
): Promise<{ appSecret: string; previousExpiresAt?: string }> {
  const item = await readItem(appId, true);
  if (!item) throw new AppNotFoundError(appId);
  const now = new Date();
  const secret = newAppSecret();
  const previous = item.secrets?.[0];
  const previousExpiresAt = previous ? new Date(now.getTime() + oldSecretValidMs).toISOString() : undefined;
  const secrets: StoredSecret[] = [{ sealed: await seal(appId, secret), createdAt: now.toISOString() }];
  if (previous && previousExpiresAt && oldSecretValidMs > 0)
    secrets.push({ ...previous, expiresAt: previousExpiresAt });
  try {
    // Conditional on the version read, so two rotations at once cannot both believe they kept the old secret.
    await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: appKey(appId),
        UpdateExpression: 'SET secrets = :secrets, updatedAt = :now',
        ConditionExpression: 'updatedAt = :read',
        ExpressionAttributeValues: { ':secrets': secrets, ':now': now.toISOString(), ':read': item.updatedAt },
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException')
      throw new Error(`app ${appId} changed while rotating its secret; try again`);
    throw error;
  }
  return { appSecret: secret, ...(secrets.length > 1 && previousExpiresAt ? { previousExpiresAt } : {}) };
}
