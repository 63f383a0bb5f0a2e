// Seals app secrets before they reach the table: AES-256-GCM with a per-secret data key. On AWS the data key comes
// from KMS (envelope encryption), so a copy of the table (backup, export, stolen read credentials) holds no usable
// secret without kms:Decrypt on our key. Without a KMS key (local runtime, tests) a fixed, public LOCAL key is used;
// a function that has a KMS key refuses anything sealed with it, so a local item copied to AWS never verifies.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { config, ENV } from '../config';

/** The KMS key (id, ARN or alias) that protects app secrets; unset means the local key. */
export const KMS_KEY_ENV = ENV.APP_SECRETS_KMS_KEY_ID;

/** Sealed secret as stored: every field base64. `key` is the KMS-encrypted data key (absent for the local key). */
export interface SealedSecret {
  alg: 'A256GCM';
  kind: 'kms' | 'local';
  key?: string;
  iv: string;
  tag: string;
  data: string;
}

// LOCAL ONLY. Not a secret and not meant to be one: it only keeps the local store from holding plain text.
const LOCAL_KEY = createHash('sha256').update('procure-core LOCAL ONLY secret key - never used on AWS').digest();

let kms: KMSClient | undefined;
function kmsClient(): KMSClient {
  kms ??= new KMSClient({ maxAttempts: 3 });
  return kms;
}

function kmsKeyId(): string | undefined {
  return config.kmsKeyId();
}

/** Binds the ciphertext to its app so a sealed secret copied to another app's item does not open. */
function context(appId: string) {
  return { purpose: 'app-secret', appId };
}

function encrypt(key: Buffer, appId: string, plaintext: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(appId, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function decrypt(key: Buffer | Uint8Array, appId: string, sealed: SealedSecret): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(appId, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}

/** Seals with the local key; for the local runtime and tests only. */
export function sealLocal(appId: string, plaintext: string): SealedSecret {
  return { alg: 'A256GCM', kind: 'local', ...encrypt(LOCAL_KEY, appId, plaintext) };
}

export async function seal(appId: string, plaintext: string): Promise<SealedSecret> {
  const keyId = kmsKeyId();
  if (!keyId) return sealLocal(appId, plaintext);
  const dataKey = await kmsClient().send(
    new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context(appId) }),
  );
  if (!dataKey.Plaintext || !dataKey.CiphertextBlob) throw new Error('KMS returned no data key');
  const key = Buffer.from(dataKey.Plaintext);
  try {
    return {
      alg: 'A256GCM',
      kind: 'kms',
      key: Buffer.from(dataKey.CiphertextBlob).toString('base64'),
      ...encrypt(key, appId, plaintext),
    };
  } finally {
    key.fill(0);
  }
}

export async function open(appId: string, sealed: SealedSecret): Promise<string> {
  if (sealed.kind === 'local') {
    if (kmsKeyId()) throw new Error('secret sealed with the local key refused where a KMS key is configured');
    return decrypt(LOCAL_KEY, appId, sealed);
  }
  if (!sealed.key) throw new Error('sealed secret has no data key');
  const dataKey = await kmsClient().send(
    new DecryptCommand({ CiphertextBlob: Buffer.from(sealed.key, 'base64'), EncryptionContext: context(appId) }),
  );
  if (!dataKey.Plaintext) throw new Error('KMS returned no plaintext');
  const key = Buffer.from(dataKey.Plaintext);
  try {
    return decrypt(key, appId, sealed);
  } finally {
    key.fill(0);
  }
}
