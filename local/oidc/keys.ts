// The local provider's signing key and cookie keys, kept in DATA_DIR so access tokens and sessions' cookies stay
// valid across `npm start` restarts (a fresh key per start would log every open console out).
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface ProviderKeys {
  /** Private signing keys (JWK), the provider's `jwks` configuration. */
  signing: JWK[];
  /** Keys for the provider's signed cookies. */
  cookies: string[];
}

export const KEYS_FILE = 'oidc-keys.json';

async function generate(): Promise<ProviderKeys> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { signing: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }], cookies: [randomBytes(32).toString('base64url')] };
}

function valid(keys: Partial<ProviderKeys> | undefined): keys is ProviderKeys {
  return (
    Array.isArray(keys?.signing) && keys.signing.length > 0 && Array.isArray(keys.cookies) && keys.cookies.length > 0
  );
}

/** Reads the keys from `dataDir`, creating them (readable by the owner only) on first start. */
export async function loadProviderKeys(dataDir: string): Promise<ProviderKeys> {
  const file = join(dataDir, KEYS_FILE);
  try {
    const keys = JSON.parse(await readFile(file, 'utf8')) as Partial<ProviderKeys>;
    if (valid(keys)) return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
  }
  const keys = await generate();
  await writeFile(file, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  return keys;
}

/** The public half of each signing key, what a JWKS endpoint publishes and the bearer check verifies with. */
export function publicJwks(keys: ProviderKeys): { keys: JWK[] } {
  return {
    keys: keys.signing.map(({ kty, n, e, crv, x, y, kid, alg, use }) =>
      Object.fromEntries(Object.entries({ kty, n, e, crv, x, y, kid, alg, use }).filter(([, v]) => v !== undefined)),
    ),
  };
}
