// Mounts the local OpenID provider at /oidc on the local runtime's server, the same origin as the API and the
// console, as Express would (`originalUrl` keeps the prefix, `url` loses it, so the provider's URLs are right).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { handleInteraction } from './interactions';
import { type ProviderKeys, publicJwks } from './keys';
import { CONSOLE_CLIENT_ID, createLocalProvider, OIDC_PATH } from './provider';

export interface LocalOidc {
  issuer: string;
  clientId: string;
  provider: Provider;
  /** The public signing keys, for the bearer-token check (no HTTP round trip to ourselves). */
  jwks: ReturnType<typeof publicJwks>;
  /** Serves every request under /oidc; false for anything else. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export function createLocalOidc(origin: string, keys: ProviderKeys): LocalOidc {
  const provider = createLocalProvider({ origin, keys });
  const callback = provider.callback();
  return {
    issuer: provider.issuer,
    clientId: CONSOLE_CLIENT_ID,
    provider,
    jwks: publicJwks(keys),
    async serve(req, res) {
      const url = req.url ?? '';
      if (url !== OIDC_PATH && !url.startsWith(`${OIDC_PATH}/`) && !url.startsWith(`${OIDC_PATH}?`)) return false;
      if (await handleInteraction(provider, req, res)) return true;
      const mounted = req as IncomingMessage & { originalUrl?: string };
      mounted.originalUrl = url;
      req.url = url.slice(OIDC_PATH.length) || '/';
      await callback(req, res);
      return true;
    },
  };
}
