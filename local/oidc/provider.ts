// The local runtime's OpenID Connect provider (oidc-provider), standing in for Cognito's managed login: one
// public client (authorization code + PKCE), access tokens as JWTs whose audience is the client id, like the
// tokens API Gateway's JWT authorizer accepts from Cognito. Accounts are the local accounts in the table.
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { findLocalAccountBySub } from '../../shared/console/local-accounts';
import type { ProviderKeys } from './keys';
import { errorPage, PAGE_CSP, signedOutPage, signOutPage } from './pages';

export const CONSOLE_CLIENT_ID = 'procure-console-local';
/** Where the provider mounts in the local runtime; the issuer is `<origin>/oidc`. */
export const OIDC_PATH = '/oidc';
/** `npm run dev:console`: Vite's dev server, on its own origin, also signs in here. */
export const VITE_DEV_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];
/** The resource indicator every console token is issued for; tokens carry the client id as audience. */
export const CONSOLE_RESOURCE = 'urn:procure-core:console-api';
const SCOPE = 'openid email profile';
const ACCESS_TOKEN_SECONDS = 3600;

export interface LocalProviderOptions {
  /** `http://127.0.0.1:<port>`, the origin of the API and the console. */
  origin: string;
  keys: ProviderKeys;
}

function page(ctx: KoaContextWithOIDC, html: string) {
  ctx.type = 'html';
  ctx.set('content-security-policy', PAGE_CSP);
  ctx.body = html;
}

export function localProviderConfiguration({ origin, keys }: LocalProviderOptions): Configuration {
  const consoleOrigins = [origin, ...VITE_DEV_ORIGINS];
  return {
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        client_name: 'procure-core 控制台',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: consoleOrigins.map((o) => `${o}/console/callback`),
        post_logout_redirect_uris: consoleOrigins.map((o) => `${o}/console/`),
      },
    ],
    // PKCE (S256) is required for every client: the console is a public client.
    pkce: { required: () => true },
    jwks: { keys: keys.signing as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: keys.cookies },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['cognito:groups'] },
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    interactions: { url: (_ctx, interaction) => `${OIDC_PATH}/interaction/${interaction.uid}` },
    // Same rule as the default (a public client's redirect origins), stated so the provider does not warn.
    clientBasedCORS: (_ctx, requestOrigin, client) =>
      requestOrigin !== 'null' && client.redirectUris?.some((uri) => new URL(uri).origin === requestOrigin) === true,
    async findAccount(_ctx, sub) {
      const account = await findLocalAccountBySub(sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        async claims() {
          return {
            sub: account.sub,
            email: account.email,
            email_verified: true,
            ...(account.groups.length > 0 ? { 'cognito:groups': account.groups } : {}),
          };
        },
      };
    },
    // What Cognito's access token carries that the console reads: the e-mail and the groups (operators).
    async extraTokenClaims(_ctx, token) {
      if (!('accountId' in token) || typeof token.accountId !== 'string') return undefined;
      const account = await findLocalAccountBySub(token.accountId);
      if (!account) return undefined;
      return {
        email: account.email,
        username: account.sub,
        ...(account.groups.length > 0 ? { 'cognito:groups': account.groups } : {}),
      };
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => page(ctx, signOutPage(form)),
        postLogoutSuccessSource: async (ctx) => page(ctx, signedOutPage()),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => CONSOLE_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: SCOPE,
          audience: CONSOLE_CLIENT_ID,
          accessTokenFormat: 'jwt',
          accessTokenTTL: ACCESS_TOKEN_SECONDS,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    renderError: async (ctx, out) => page(ctx, errorPage(String(out.error), out.error_description)),
    ttl: {
      AccessToken: ACCESS_TOKEN_SECONDS,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_SECONDS,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
    },
  };
}

export function createLocalProvider(options: LocalProviderOptions): Provider {
  const provider = new Provider(`${options.origin}${OIDC_PATH}`, localProviderConfiguration(options));
  // The local runtime speaks plain HTTP on 127.0.0.1; there is no proxy in front to trust.
  provider.proxy = false;
  return provider;
}
