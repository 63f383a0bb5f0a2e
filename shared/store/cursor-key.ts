// The key that signs list cursors. A key anyone can compute lets anyone forge cursors, so outside the local runtime
// there is no built-in one: on AWS the stack generates it in Secrets Manager (CURSOR_SECRET_ARN, readable by the
// functions that list) and it is read once per instance; CURSOR_SECRET passes a key directly (tests, benches).
import { createSecretKey, type KeyObject } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV, environment } from '../config';

export const CURSOR_SECRET_ARN_ENV = ENV.CURSOR_SECRET_ARN;
/** A generated key is 64 characters; anything much shorter is a typo or a placeholder, not a key. */
export const MIN_CURSOR_SECRET_CHARS = 32;

// LOCAL ONLY, public on purpose: only a LOCAL_RUNTIME=true process ever uses it.
const LOCAL_CURSOR_SECRET = 'procure-core LOCAL ONLY cursor key - never used on AWS';

export interface CursorKeyEnv {
  CURSOR_SECRET_ARN?: string;
  CURSOR_SECRET?: string;
  LOCAL_RUNTIME?: string;
}

type SecretReader = (secretId: string) => Promise<string | undefined>;

let secretsManager: SecretsManagerClient | undefined;
const readSecret: SecretReader = async (secretId) => {
  secretsManager ??= new SecretsManagerClient({ maxAttempts: 3 });
  return (await secretsManager.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
};

function keyOf(secret: string | undefined, source: string): KeyObject {
  if (!secret || secret.length < MIN_CURSOR_SECRET_CHARS)
    throw new Error(`${source} holds no cursor key of at least ${MIN_CURSOR_SECRET_CHARS} characters`);
  return createSecretKey(secret, 'utf8');
}

async function loadKey(env: CursorKeyEnv, read: SecretReader): Promise<KeyObject> {
  const arn = env.CURSOR_SECRET_ARN;
  if (arn) return keyOf(await read(arn), 'the cursor secret');
  if (env.CURSOR_SECRET) return keyOf(env.CURSOR_SECRET, 'CURSOR_SECRET');
  if (env.LOCAL_RUNTIME === 'true') return createSecretKey(LOCAL_CURSOR_SECRET, 'utf8');
  throw new Error(
    `${CURSOR_SECRET_ARN_ENV} environment variable is not set (list cursors need a key; only the local runtime has one built in)`,
  );
}

/** One key per instance, read on first use; a failed read (throttling) is retried by the next request. */
export function cursorKeyLoader(env: CursorKeyEnv = environment(), read: SecretReader = readSecret) {
  let pending: Promise<KeyObject> | undefined;
  return (): Promise<KeyObject> => {
    pending ??= loadKey(env, read).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

export const cursorKey = cursorKeyLoader();
